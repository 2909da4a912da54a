package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/** The bundled data/ loaded into TDB2 on disk and served by Fuseki on a free port, queried over HTTP. */
class ServerTest {
    static final String SEED_SET = "https://w3id.org/kvgraph/id/question-set/2025Z10267";

    @TempDir
    static Path tmp;
    static KvServer server;
    static String sparql;
    static Store.LoadReport report;

    @BeforeAll
    static void start() {
        Store store = new Store(tmp.resolve("db"));
        report = store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false,
                new PrintWriter(new StringWriter()));
        server = KvServer.start(store, KvServer.Options.defaults().withPort(0).withTimeout(10));
        sparql = server.datasetUrl() + "/sparql";
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void countOverHttpEqualsTheConvertedData() {
        // what `kvgraph convert` writes for the bundled data, with a named graph per document
        Path nq = tmp.resolve("converted.nq");
        assertEquals(0, org.kvgraph.cli.Kvgraph.commandLine().execute("convert", "-o", nq.toString(), "data"));
        DatasetGraph converted = RDFDataMgr.loadDatasetGraph(nq.toString());
        long quads = Iter.count(converted.find());
        long triples = Iter.count(converted.getUnionGraph().find());
        assertTrue(triples > 100, "the bundled data converts to something: " + triples);
        assertEquals(triples, Http.count(sparql, org.kvgraph.DataCounts.TRIPLES));
        assertEquals(quads, Http.count(sparql, org.kvgraph.DataCounts.QUADS));
        assertEquals(quads, report.quads());
    }

    @Test
    void theSeedIsInItsOwnNamedGraphAndVisibleInTheDefaultGraph() {
        String ask = "ASK { <" + SEED_SET + "> a <https://w3id.org/kvgraph/def#QuestionSet> }";
        assertTrue(Http.query(sparql, ask, "application/sparql-results+json").body().contains("true"));
        assertEquals(1, Http.count(sparql, "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { <" + SEED_SET
                + "> a ?t } }"));
    }

    @Test
    void resultFormatsOnGetAndPostAndEveryEndpointName() {
        String q = "SELECT ?t WHERE { <" + SEED_SET + "> <https://w3id.org/kvgraph/def#caseNumber> ?t }";
        for (String ep : List.of("/sparql", "/query", "")) {
            String url = server.datasetUrl() + ep;
            assertEquals(200, Http.query(url, q, "application/sparql-results+json").statusCode(), ep);
        }
        HttpResponse<String> json = Http.query(sparql, q, "application/sparql-results+json");
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/sparql-results+json"));
        assertTrue(json.body().contains("\"2025Z10267\""), json.body());
        // written by the server's JSON writer (SparqlJsonWriter), not ARQ's pretty printer
        assertEquals("{\"head\":{\"vars\":[\"t\"]},\"results\":{\"bindings\":[{\"t\":{\"type\":\"literal\","
                + "\"value\":\"2025Z10267\"}}]}}", json.body());
        HttpResponse<String> xml = Http.postQuery(sparql, q, "application/sparql-results+xml");
        assertTrue(xml.body().contains("<literal>2025Z10267</literal>"), xml.body());
        assertEquals("t\r\n2025Z10267\r\n", Http.postQuery(sparql, q, "text/csv").body());
        assertEquals("?t\n\"2025Z10267\"\n", Http.query(sparql, q, "text/tab-separated-values").body());
        HttpResponse<String> ttl = Http.query(sparql, "CONSTRUCT { <" + SEED_SET + "> ?p ?o } WHERE { <"
                + SEED_SET + "> ?p ?o }", "text/turtle");
        assertTrue(ttl.headers().firstValue("Content-Type").orElse("").startsWith("text/turtle"));
        assertTrue(ttl.body().contains("2025Z10267"), ttl.body());
    }

    @Test
    void graphStoreReadGivesTheUnionAndIsReadOnly() {
        // Graph store protocol: ?default is the stored default graph, which loads leave empty; the union of
        // all named graphs is the graph urn:x-arq:UnionGraph, and each source document is a graph of its own.
        HttpResponse<String> all = Http.get(server.datasetUrl() + "/get?graph=urn:x-arq:UnionGraph", "application/n-triples");
        assertEquals(200, all.statusCode(), all.body());
        // the data and the statistics materialised at load (blank-node observations, each triple distinct)
        assertEquals(report.triples() + Http.count(sparql, org.kvgraph.DataCounts.STATISTICS),
                all.body().lines().filter(l -> !l.isBlank()).count());
        String g = "https://w3id.org/kvgraph/graph/000_4eec038f78b129de.txt";
        HttpResponse<String> one = Http.get(server.datasetUrl() + "/get?graph=" + Http.enc(g), "text/turtle");
        assertEquals(200, one.statusCode(), one.body());
        assertTrue(one.body().contains("2025Z10267"));
        HttpResponse<String> put = Http.send(HttpRequest.newBuilder(URI.create(server.datasetUrl() + "/get?default"))
                .header("Content-Type", "text/turtle").PUT(HttpRequest.BodyPublishers.ofString("<a:x> <a:y> <a:z> .")).build());
        assertTrue(put.statusCode() >= 400, "write through /get refused: " + put.statusCode());
        HttpResponse<String> upd = Http.update(server.datasetUrl() + "/update", "INSERT DATA { <a:x> <a:y> <a:z> }", null, null);
        assertTrue(upd.statusCode() >= 400, "no /update in read-only mode: " + upd.statusCode());
        assertEquals(report.triples(), Http.count(sparql, org.kvgraph.DataCounts.TRIPLES));
    }

    @Test
    void queryFormPageWithTheExampleQueries() {
        String root = server.datasetUrl().replace("/kamervragen", "");
        HttpResponse<String> page = Http.get(root + "/form", "text/html");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("kamervragen/sparql"));
        assertTrue(page.body().contains("\"name\":\"12-full-text-search\""), "example queries listed");
        assertTrue(!page.body().contains("/*EXAMPLES*/"));
        assertEquals(404, Http.get(root + "/nothing-here", "text/html").statusCode());
    }

    @Test
    void corsForGet() {
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create(sparql + "?query="
                + Http.enc("ASK {}"))).header("Origin", "http://notebook.example").GET().build());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isPresent(), r.headers().toString());
    }

    @Test
    void textQueryFindsTheSeedAnswersByInflectedWords() {
        for (String word : List.of("sancties", "sanctie", "soevereiniteit")) {
            Set<String> answers = textHits(word);
            assertTrue(answers.stream().anyMatch(a -> a.startsWith(SEED_SET + "/answer/")), word + ": " + answers);
        }
        // The seed's exact answers: "soevereiniteit" is in answer 6 (and question 7); "sancties" and "sanctie"
        // in answers 1, 3, 4 and 5 (answer 2 only has "sanctiewetgeving", another word).
        String seedAnswer = SEED_SET + "/answer/";
        assertEquals(Set.of(seedAnswer + "6"), only(textHits("soevereiniteit"), seedAnswer));
        assertEquals(Set.of(seedAnswer + "1", seedAnswer + "3", seedAnswer + "4", seedAnswer + "5"),
                only(textHits("sancties"), seedAnswer));
        assertTrue(textHits("soevereiniteit").contains(SEED_SET + "/question/7"));
        assertEquals(textHits("sancties"), textHits("sanctie"));
        assertTrue(textHits("zzyzxnonword").isEmpty());
    }

    private static Set<String> only(Set<String> s, String part) {
        Set<String> r = new TreeSet<>();
        s.stream().filter(x -> x.contains(part)).forEach(r::add);
        return r;
    }

    private static Set<String> textHits(String word) {
        String q = "PREFIX text: <http://jena.apache.org/text#> SELECT ?s { ?s text:query \"" + word + "\" }";
        HttpResponse<String> r = Http.query(sparql, q, "text/csv");
        assertEquals(200, r.statusCode(), r.body());
        Set<String> s = new TreeSet<>(r.body().lines().skip(1).map(String::strip).toList());
        s.remove("");
        return s;
    }
}
