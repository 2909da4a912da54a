package org.kvgraph.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kvgraph.publish.Release;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;
import org.kvgraph.synth.SyntheticCorpus;
import org.kvgraph.validate.Validator;

/**
 * The statistics materialised at load give the example queries that read them exactly the answers the same
 * questions had when they were computed from the whole graph per request (the earlier query texts, kept in
 * src/test/resources/computed-queries/), on the bundled data together with a synthetic corpus (parties over
 * years, offices, ministries, Kamerstukken and news articles cited from questions, answers and responses).
 */
class MaterialisedTest {
    private static final String BASE = Uris.DEFAULT_BASE;
    private static Path dir;
    private static Store.Opened opened;

    @BeforeAll
    static void load() throws IOException {
        dir = Files.createTempDirectory("kvgraph-materialised");
        SyntheticCorpus.generate(new SyntheticCorpus.Config(400, 8), dir.resolve("synthetic"));
        Store store = new Store(dir.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data"), dir.resolve("synthetic"))), BASE, false, null);
        opened = store.open();
        labelTheSyntheticTreaties(opened.dataset());
    }

    /**
     * The synthetic corpus cites treaties by their Tractatenblad citation only, and query 08 lists labelled
     * treaties, so on the bundled data alone it would compare two rows. Every treaty without a label gets one made
     * from the year of its citation (so that several treaties share a label and are told apart by their
     * citation), some of them the same string again in English (to be counted once); then the statistics are
     * computed again, as a server in update mode does after a write. Mutations of the computing query that this
     * catches (each checked): any one of its four ways of citing left out, COUNT without DISTINCT; and of query 08,
     * its DISTINCT left out.
     */
    private static void labelTheSyntheticTreaties(DatasetGraph ds) {
        String update = "PREFIX kv: <https://w3id.org/kvgraph/def#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"
                + " INSERT { GRAPH <" + BASE + "graph/test-treaty-labels> { ?t skos:prefLabel ?nl . ?t skos:prefLabel ?en } }"
                + " WHERE { ?t a kv:Treaty ; kv:trbCitation ?trb . FILTER NOT EXISTS { ?t skos:prefLabel ?any }"
                + "   BIND(CONCAT(\"Verdrag van \", REPLACE(?trb, \"^Trb\\\\. ([0-9]{4}).*$\", \"$1\")) AS ?label)"
                + "   BIND(STRLANG(?label, \"nl\") AS ?nl)"
                + "   BIND(IF(STRENDS(?trb, \"1\"), STRLANG(?label, \"en\"), ?unbound) AS ?en) }";
        // and citations of a treaty by responses and by sets themselves, which the synthetic corpus does not make:
        // the responses of sets whose case number ends in 3 cite the first treaty, the sets ending in 5 and their
        // responses the last one (a set citing one treaty twice still counts once), the sets ending in 7 the last one
        String cites = "PREFIX kv: <https://w3id.org/kvgraph/def#>"
                + " INSERT { GRAPH <" + BASE + "graph/test-treaty-labels> { ?r kv:cites ?first } }"
                + " WHERE { { SELECT (MIN(?t) AS ?first) { ?t a kv:Treaty } }"
                + "   ?set kv:caseNumber ?c ; kv:hasResponse ?r . FILTER(STRENDS(?c, \"3\")) } ;"
                + " INSERT { GRAPH <" + BASE + "graph/test-treaty-labels> { ?set kv:cites ?last . ?r kv:cites ?last } }"
                + " WHERE { { SELECT (MAX(?t) AS ?last) { ?t a kv:Treaty } }"
                + "   ?set kv:caseNumber ?c ; kv:hasResponse ?r . FILTER(STRENDS(?c, \"5\")) } ;"
                + " INSERT { GRAPH <" + BASE + "graph/test-treaty-labels> { ?set kv:cites ?last } }"
                + " WHERE { { SELECT (MAX(?t) AS ?last) { ?t a kv:Treaty } }"
                + "   ?set kv:caseNumber ?c . FILTER(STRENDS(?c, \"7\")) }";
        Txn.executeWrite(ds, () -> {
            org.apache.jena.sparql.exec.UpdateExec.dataset(ds).update(update).execute();
            org.apache.jena.sparql.exec.UpdateExec.dataset(ds).update(cites).execute();
        });
        Materialised.compute(ds, new Uris(BASE).graph(Materialised.GRAPH_NAME));
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

    static Stream<String> rewrittenQueries() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/computed-queries"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("rewrittenQueries")
    void exampleQueryGivesWhatTheComputedQueryGave(String file) throws IOException {
        List<String> computed = rows(Files.readString(Path.of("src/test/resources/computed-queries", file)));
        List<String> materialised = rows(Files.readString(Path.of("queries", file)));
        assertFalse(computed.isEmpty(), file + ": the test data must give the computed query some answers");
        assertEquals(computed, materialised, file + ": rows in order");
        assertTrue(Files.readString(Path.of("queries", file)).contains("qb:dataSet kv:"),
                file + " reads a materialised statistic");
    }

    @Test
    void everyStatisticHasObservationsThatConformToTheShapes() {
        Node graph = new Uris(BASE).graph(Materialised.GRAPH_NAME);
        DatasetGraph ds = opened.dataset();
        Graph observations = GraphFactory.createDefaultGraph();
        Txn.executeRead(ds, () -> ds.getGraph(graph).find().forEachRemaining(observations::add));
        for (String set : List.of("setsPerPartyPerYear", "questionsPerOffice", "daysToAnswerPerMinistry",
                "citationsPerPaper", "citationsPerNewsOutlet", "citationsPerTreaty", "instancesPerClass")) {
            List<String> n = rows("PREFIX kv: <https://w3id.org/kvgraph/def#> PREFIX qb: <http://purl.org/linked-data/cube#>"
                    + " SELECT (COUNT(?o) AS ?n) { GRAPH <" + graph.getURI() + "> { ?o qb:dataSet kv:" + set + " } }");
            assertTrue(!n.get(0).equals("?n=0"), set + " has observations: " + n);
        }
        // The observations with what they point at (parties, offices, ministries, papers), as the store has them.
        Graph union = GraphFactory.createDefaultGraph();
        Txn.executeRead(ds, () -> ds.getUnionGraph().find().forEachRemaining(union::add));
        Validator.Report report = new Validator().validate(union);
        assertTrue(report.conforms(), () -> report.results().stream().limit(10).toList().toString());
        assertTrue(observations.size() > 100, "observations: " + observations.size());
    }

    @Test
    void aReleaseWrittenFromTheStoreLeavesTheStatisticsOut() throws IOException {
        Path release = dir.resolve("release");
        Release.write(opened.dataset(), release, BASE);
        String nquads;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(release.resolve(Release.NQUADS)))) {
            nquads = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(nquads.contains("kvgraph/def#QuestionSet"), "the release holds the data");
        assertFalse(nquads.contains(Materialised.GRAPH_NAME), "no quad of the statistics graph");
        assertFalse(nquads.contains("linked-data/cube#"), "no observation");
    }

    @Test
    void computingAgainReplacesTheGraphInsteadOfAddingToIt() throws IOException {
        Path copy = dir.resolve("again");
        Store store = new Store(copy);
        store.load(Inputs.of(List.of(Path.of("data"))), BASE, false, null);
        try (Store.Opened o = store.open()) {
            Node graph = new Uris(BASE).graph(Materialised.GRAPH_NAME);
            DatasetGraph ds = o.dataset();
            long first = Txn.calculateRead(ds, () -> ds.getGraph(graph).size());
            long written = Materialised.compute(ds, graph);
            long second = Txn.calculateRead(ds, () -> ds.getGraph(graph).size());
            assertEquals(first, second);
            assertEquals(first, written);
            assertTrue(first > 0);
        }
    }

    private static List<String> rows(String query) {
        DatasetGraph ds = opened.dataset();
        return Txn.calculateRead(ds, () -> {
            List<String> out = new ArrayList<>();
            try (QueryExec qe = QueryExec.dataset(ds).query(query).build()) {
                RowSet rs = qe.select();
                List<org.apache.jena.sparql.core.Var> vars = rs.getResultVars();
                while (rs.hasNext()) {
                    Binding b = rs.next();
                    StringBuilder row = new StringBuilder();
                    for (org.apache.jena.sparql.core.Var v : vars) {
                        Node n = b.get(v);
                        row.append(row.length() == 0 ? "" : " ").append('?').append(v.getVarName()).append('=')
                                .append(n == null ? "" : n.isLiteral() ? n.getLiteralLexicalForm() : n.toString());
                    }
                    out.add(row.toString());
                }
            }
            return out;
        });
    }
}
