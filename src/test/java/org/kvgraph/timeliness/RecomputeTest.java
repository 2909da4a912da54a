package org.kvgraph.timeliness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kvgraph.rdf.KV;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/**
 * {@link TimelinessDerivation#recompute} on a TDB2 store loaded from the bundled data: on an unchanged store it
 * gives exactly the facts the load derived while streaming; after an answer is written into the store it gives
 * that set's new facts and the answer's day count, and no fact of before survives.
 */
class RecomputeTest {
    private static final Uris URIS = new Uris(Uris.DEFAULT_BASE);
    private static final Node GRAPH = URIS.graph(TimelinessDerivation.GRAPH_NAME);
    private static Path dir;
    private static Store.Opened opened;

    @BeforeAll
    static void load() throws IOException {
        dir = Files.createTempDirectory("kvgraph-recompute");
        Store store = new Store(dir.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, null);
        opened = store.open();
    }

    @AfterAll
    static void close() throws IOException {
        if (opened != null) {
            opened.close();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void unchangedStoreGivesTheFactsTheLoadDerived() {
        DatasetGraph dsg = opened.dataset();
        Set<String> before = facts(dsg);
        assertTrue(before.size() > 100, "the load derived facts: " + before.size());
        long n = TimelinessDerivation.recompute(dsg, GRAPH);
        assertEquals(before.size(), n);
        assertEquals(before, facts(dsg));
    }

    @Test
    void anAnswerWrittenLaterChangesItsSetsFacts() {
        DatasetGraph dsg = opened.dataset();
        // A set of the bundled data that has a submission date, questions, and no answer yet.
        Node set = Txn.calculateRead(dsg, () -> {
            var it = dsg.getUnionGraph().find(Node.ANY, KV.timelinessStatus, Node.ANY);
            while (it.hasNext()) {
                var t = it.next();
                if (!dsg.getUnionGraph().contains(t.getSubject(), KV.firstAnswerOn, Node.ANY)) {
                    return t.getSubject();
                }
            }
            return null;
        });
        assertTrue(set != null, "the bundled data has an unanswered set");
        LocalDate submitted = Txn.calculateRead(dsg, () -> LocalDate.parse(dsg.getUnionGraph()
                .find(set, KV.submittedOn, Node.ANY).next().getObject().getLiteralLexicalForm()));
        LocalDate answered = submitted.plusDays(40);
        Node answer = NodeFactory.createURI(set.getURI() + "/test-answer");
        Node graph = NodeFactory.createURI(URIS.graph("test-update").getURI());
        Txn.executeWrite(dsg, () -> {
            dsg.add(Quad.create(graph, set, KV.hasResponse, answer));
            dsg.add(Quad.create(graph, answer, KV.type, KV.Response));
            dsg.add(Quad.create(graph, answer, KV.receivedOn, NodeFactory.createLiteralDT(answered.toString(), XSDDatatype.XSDdate)));
        });
        try {
            Set<String> before = facts(dsg);
            TimelinessDerivation.recompute(dsg, GRAPH);
            Set<String> after = facts(dsg);
            assertTrue(after.contains(set + " " + KV.firstAnswerOn + " " + date(answered)), after.toString());
            assertTrue(after.contains(set + " " + KV.daysToAnswer + " " + integer(40)));
            assertTrue(after.contains(answer + " " + KV.daysAfterSubmission + " " + integer(40)));
            assertFalse(before.contains(set + " " + KV.firstAnswerOn + " " + date(answered)));
            // The set's status changed, and the old one is gone: one status per set.
            assertEquals(1, after.stream().filter(f -> f.startsWith(set + " " + KV.timelinessStatus + " ")).count());
            assertFalse(after.stream().filter(f -> f.startsWith(set + " " + KV.timelinessStatus + " "))
                    .anyMatch(before::contains), "the status of the unanswered set was replaced");
            // Every other set's facts are as before.
            Set<String> others = new TreeSet<>(after);
            others.removeIf(f -> f.startsWith(set + " ") || f.startsWith(answer + " "));
            Set<String> othersBefore = new TreeSet<>(before);
            othersBefore.removeIf(f -> f.startsWith(set + " "));
            assertEquals(othersBefore, others);
        } finally {
            Txn.executeWrite(dsg, () -> dsg.removeGraph(graph));
            TimelinessDerivation.recompute(dsg, GRAPH);
        }
    }

    private static Set<String> facts(DatasetGraph dsg) {
        return Txn.calculateRead(dsg, () -> {
            Set<String> out = new TreeSet<>();
            dsg.find(GRAPH, Node.ANY, Node.ANY, Node.ANY)
                    .forEachRemaining(q -> out.add(q.getSubject() + " " + q.getPredicate() + " " + q.getObject()));
            return out;
        });
    }

    private static String date(LocalDate d) {
        return NodeFactory.createLiteralDT(d.toString(), XSDDatatype.XSDdate).toString();
    }

    private static String integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger).toString();
    }
}
