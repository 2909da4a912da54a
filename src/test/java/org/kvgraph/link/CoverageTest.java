package org.kvgraph.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;
import org.kvgraph.cli.CliRunner;
import org.kvgraph.rdf.Uris;

/** The numbers of {@code kvgraph links --report} and of the link set description, on the bundled data. */
class CoverageTest {
    static final String ID = Uris.DEFAULT_BASE + "id/";

    /** A row of the report: total, the six targets in {@link LinkTarget} order, and none. */
    static List<Integer> row(String report, String className) {
        for (String line : report.split("\n")) {
            if (line.startsWith(className + " ")) {
                String[] cols = line.substring(className.length()).trim().split("\\s+");
                return java.util.Arrays.stream(cols).map(Integer::valueOf).toList();
            }
        }
        throw new AssertionError("no row " + className + " in\n" + report);
    }

    @Test
    void theReportOnTheSeed() {
        var r = CliRunner.run("links", "--report", "--links", "target/no-such-file.ttl", "data/seed");
        assertEquals(0, r.exit(), r.err());
        //                                  total wikidata tk parlement.com ob wetten tooi none
        assertEquals(List.of(8, 1, 1, 1, 0, 0, 0, 7), row(r.out(), "persons"), r.out());
        assertEquals(List.of(4, 3, 0, 0, 0, 0, 0, 1), row(r.out(), "parties"));
        assertEquals(List.of(2, 0, 0, 0, 0, 0, 2, 0), row(r.out(), "ministries"));
        assertEquals(List.of(2, 0, 0, 0, 1, 1, 0, 1), row(r.out(), "treaties"));
        assertEquals(List.of(2, 0, 2, 0, 2, 0, 0, 0), row(r.out(), "question sets"));
        assertTrue(r.out().contains("  parties:\n    " + ID + "party/groenlinks-pvda\n"), r.out());
        assertTrue(r.out().contains("  treaties:\n    " + ID
                + "treaty/verdrag-betreffende-de-privileges-en-immuniteiten-van-het-internationaal-strafhof\n"), r.out());
    }

    @Test
    void theCoverageOfAllBundledData() {
        // Counted independently over the N-Triples of `kvgraph convert -o all.nt data` (grep and a script).
        Coverage c = Coverage.of(LinkInputs.load(List.of(Path.of("data")), Uris.DEFAULT_BASE).model().getGraph());
        assertEquals(List.of(48, 6, 5, 6, 0, 0, 0, 42), numbers(c, "persons"));
        assertEquals(List.of(13, 9, 0, 0, 0, 0, 0, 4), numbers(c, "parties"));
        assertEquals(List.of(10, 0, 0, 0, 0, 0, 8, 2), numbers(c, "ministries"));
        assertEquals(List.of(2, 0, 0, 0, 1, 1, 0, 1), numbers(c, "treaties"));
        assertEquals(List.of(25, 0, 2, 0, 25, 0, 0, 0), numbers(c, "question sets"));
        assertEquals(Set.of(ID + "ministry/klimaat-en-groene-groei", ID + "ministry/landbouw-natuur-en-voedselkwaliteit"),
                c.without("ministries"));
        assertEquals(Set.of(ID + "party/bbb", ID + "party/groenlinks-pvda", ID + "party/groep-van-haga", ID + "party/volt"),
                c.without("parties"));
    }

    static List<Integer> numbers(Coverage c, String name) {
        List<Integer> out = new java.util.ArrayList<>();
        out.add(c.total(name));
        for (LinkTarget t : LinkTarget.values()) {
            out.add(c.count(name, t));
        }
        out.add(c.without(name).size());
        return out;
    }

    @Test
    void eachLinkSetIsDescribedWithItsTargetsPredicateAndTripleCount() {
        Graph data = LinkInputs.load(List.of(IdentifierLinksTest.SEED), Uris.DEFAULT_BASE).model().getGraph();
        Graph v = LinkSets.describe(data, Uris.DEFAULT_BASE);
        Map<String, Integer> expected = Map.of("wikidata-exactMatch", 1, "wikidata-closeMatch", 3,
                "officielebekendmakingen-seeAlso", 3, "tweedekamer-seeAlso", 3, "tooi-exactMatch", 2,
                "wetten-overheid-nl-seeAlso", 1, "parlement-com-seeAlso", 1);
        List<Node> linksets = v.find(Node.ANY, org.kvgraph.rdf.KV.type, LinkVocab.Linkset).mapWith(t -> t.getSubject()).toList();
        assertEquals(expected.size(), linksets.size());
        Node dataset = NodeFactory.createURI(Uris.DEFAULT_BASE + "dataset");
        expected.forEach((name, n) -> {
            Node ls = NodeFactory.createURI(Uris.DEFAULT_BASE + "dataset/linkset/" + name);
            assertTrue(v.contains(ls, LinkVocab.subjectsTarget, dataset), name);
            assertEquals(String.valueOf(n), v.find(ls, LinkVocab.triples, Node.ANY).next().getObject().getLiteralLexicalForm(), name);
            assertEquals(1, v.find(ls, LinkVocab.objectsTarget, Node.ANY).toList().size(), name);
            assertEquals(1, v.find(ls, LinkVocab.linkPredicate, Node.ANY).toList().size(), name);
        });
        assertTrue(v.contains(NodeFactory.createURI(Uris.DEFAULT_BASE + "dataset/linkset/tooi-exactMatch"),
                LinkVocab.objectsTarget, NodeFactory.createURI("https://identifier.overheid.nl/tooi/")));
    }

    @Test
    void theStreamingCounterDescribesTheSameLinkSetsAsTheGraph() {
        Graph data = LinkInputs.load(List.of(IdentifierLinksTest.SEED), Uris.DEFAULT_BASE).model().getGraph();
        LinkSets.Counter c = new LinkSets.Counter(Uris.DEFAULT_BASE);
        data.find().forEachRemaining(t -> c.add(t.getSubject(), t.getPredicate(), t.getObject()));
        Graph streamed = c.describe();
        assertTrue(streamed.size() > 0);
        assertTrue(streamed.isIsomorphicWith(LinkSets.describe(data, Uris.DEFAULT_BASE)));
    }
}
