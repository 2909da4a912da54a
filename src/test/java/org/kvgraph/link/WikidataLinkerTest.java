package org.kvgraph.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFDataMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.rdf.KV;
import org.kvgraph.rdf.Uris;

/** The Wikidata linker against a stand-in SPARQL endpoint on 127.0.0.1 answering recorded JSON results. */
class WikidataLinkerTest {
    static final String ID = Uris.DEFAULT_BASE + "id/";
    static final String WD = "http://www.wikidata.org/entity/";
    static Model seed;

    @TempDir
    Path tmp;

    HttpServer server;
    final List<String> queries = Collections.synchronizedList(new ArrayList<>());
    final List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void convertSeed() {
        seed = LinkInputs.load(List.of(IdentifierLinksTest.SEED), Uris.DEFAULT_BASE).model();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Starts the stand-in; {@code delayMs} > 0 makes it answer too late. */
    URI standIn(long delayMs) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/sparql", ex -> {
            arrivals.add(System.nanoTime());
            String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = URLDecoder.decode(form.substring("query=".length()), StandardCharsets.UTF_8);
            queries.add(query);
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String file = query.contains("wd:Q7278") ? "parties.json"
                    : query.contains(WikidataLinker.TWEEDE_KAMER_MEMBER) ? "members.json" : "ministries.json";
            byte[] body;
            try (InputStream in = getClass().getResourceAsStream("/wikidata/" + file)) {
                body = in.readAllBytes();
            }
            ex.getResponseHeaders().add("Content-Type", "application/sparql-results+json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            } catch (IOException e) {
                // the client gave up waiting: nothing to do
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sparql");
    }

    WikidataLinker.Result run(URI endpoint, int batchSize, long intervalMs, long timeoutMs, int retries) {
        SparqlClient client = new SparqlClient(endpoint, Duration.ofMillis(intervalMs), Duration.ofMillis(timeoutMs), retries);
        return new WikidataLinker(client, batchSize, Uris.DEFAULT_BASE).run(seed);
    }

    static WikidataLinker.Outcome outcome(WikidataLinker.Result r, String resource) {
        return r.outcomes().stream().filter(o -> o.resource().equals(resource)).findFirst().orElseThrow();
    }

    static Node uri(String u) {
        return NodeFactory.createURI(u);
    }

    @Test
    void aUniqueMatchIsLinkedWithItsEvidence() throws Exception {
        WikidataLinker.Result r = run(standIn(0), 20, 0, 5000, 0);
        Graph g = r.links();
        Node bontenbal = uri(ID + "person/bontenbal-cda");
        assertTrue(g.contains(bontenbal, LinkVocab.exactMatch, uri(WD + "Q90000001")));
        assertEquals(WikidataLinker.Status.LINKED, outcome(r, bontenbal.getURI()).status());

        List<Node> evidence = g.find(Node.ANY, LinkVocab.rdfSubject, bontenbal).mapWith(t -> t.getSubject()).toList();
        assertEquals(1, evidence.size());
        Node ev = evidence.get(0);
        assertTrue(g.contains(ev, KV.type, LinkVocab.LinkEvidence));
        assertTrue(g.contains(ev, LinkVocab.rdfPredicate, LinkVocab.exactMatch));
        assertTrue(g.contains(ev, LinkVocab.rdfObject, uri(WD + "Q90000001")));
        String method = g.find(ev, LinkVocab.linkMethod, Node.ANY).next().getObject().getLiteralLexicalForm();
        assertTrue(method.contains("P39 Q18887908") && method.contains(WD + "Q273749"), method);
        String query = g.find(ev, LinkVocab.sparqlQuery, Node.ANY).next().getObject().getLiteralLexicalForm();
        assertTrue(query.contains("\"Bontenbal\"") && query.contains("ps:P39 wd:Q18887908"), query);

        // The party unknown to the registry was found first, so its member could be looked up.
        assertTrue(g.contains(uri(ID + "party/groenlinks-pvda"), LinkVocab.closeMatch, uri(WD + "Q1234567")));
        assertEquals(WikidataLinker.Status.NO_CANDIDATE, outcome(r, ID + "person/piri-groenlinks-pvda").status());
    }

    @Test
    void anAmbiguousMatchIsListedAndNotLinked() throws Exception {
        WikidataLinker.Result r = run(standIn(0), 20, 0, 5000, 0);
        String boswijk = ID + "person/boswijk-cda";
        WikidataLinker.Outcome o = outcome(r, boswijk);
        assertEquals(WikidataLinker.Status.AMBIGUOUS, o.status());
        assertEquals(List.of(WD + "Q90000002", WD + "Q90000003"), o.candidates());
        assertFalse(r.links().find(uri(boswijk), Node.ANY, Node.ANY).hasNext());
    }

    @Test
    void candidatesThatDoNotFitTheDatesOrBelongToAnotherKeyAreNotLinked() throws Exception {
        WikidataLinker.Result r = run(standIn(0), 20, 0, 5000, 0);
        assertEquals(WikidataLinker.Status.NO_CANDIDATE, outcome(r, ID + "person/dobbe-sp").status(),
                "the only Dobbe term ended in 2012");
        assertEquals(WikidataLinker.Status.NO_CANDIDATE, outcome(r, ID + "person/krul-cda").status());
        assertFalse(r.links().contains(Node.ANY, Node.ANY, uri(WD + "Q90000009")));
        assertEquals(WikidataLinker.Status.NOT_LOOKED_UP, outcome(r, ID + "person/veldkamp").status());
        // Already linked through the registry: not asked again.
        assertTrue(r.outcomes().stream().noneMatch(o -> o.resource().equals(ID + "person/teunissen-pvdd")));
        assertTrue(r.outcomes().stream().noneMatch(o -> o.resource().equals(ID + "party/cda")));
    }

    @Test
    void requestsAreBatchedAndKeptApart() throws Exception {
        WikidataLinker.Result r = run(standIn(0), 2, 150, 5000, 0);
        // 1 party, 2 ministries (one batch), 5 members looked up by name (three batches of at most 2)
        assertEquals(5, queries.size());
        assertEquals(3, queries.stream().filter(q -> q.contains(WikidataLinker.TWEEDE_KAMER_MEMBER)).count());
        for (int i = 1; i < arrivals.size(); i++) {
            long gapMs = (arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000;
            assertTrue(gapMs >= 100, "requests " + (i - 1) + " and " + i + " only " + gapMs + " ms apart");
        }
        assertEquals(WikidataLinker.Status.LINKED, outcome(r, ID + "person/bontenbal-cda").status());
    }

    @Test
    void aTimeoutIsRetriedThenReported() throws Exception {
        WikidataLinker.Result r = run(standIn(1500), 20, 0, 200, 1);
        // parties, ministries and members: each asked twice (one retry), none answered in time
        assertEquals(6, queries.size());
        WikidataLinker.Outcome o = outcome(r, ID + "person/bontenbal-cda");
        assertEquals(WikidataLinker.Status.UNANSWERED, o.status());
        assertTrue(o.note().contains("timed out") && o.note().contains("2 attempts"), o.note());
        assertEquals(0, r.links().size());
    }

    @Test
    void theCommandWritesLinksAndReviewAndFailsOnUnansweredRequests() throws Exception {
        URI endpoint = standIn(0);
        Path out = tmp.resolve("wikidata.ttl");
        Path review = tmp.resolve("review.tsv");
        var r = org.kvgraph.cli.CliRunner.run("link", "wikidata", "--endpoint", endpoint.toString(), "--input",
                IdentifierLinksTest.SEED.toString(), "--out", out.toString(), "--review", review.toString(),
                "--interval-ms", "0");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("2 linked, 1 ambiguous"), r.out());
        Model links = RDFDataMgr.loadModel(out.toString());
        assertTrue(links.getGraph().contains(uri(ID + "person/bontenbal-cda"), LinkVocab.exactMatch, uri(WD + "Q90000001")));
        List<String> lines = Files.readAllLines(review);
        assertTrue(lines.contains(String.join("\t", "person", ID + "person/boswijk-cda", "Boswijk", "AMBIGUOUS",
                WD + "Q90000002 " + WD + "Q90000003", "2 items fit; not linked")), String.join("\n", lines));
        byte[] first = Files.readAllBytes(out);
        assertEquals(0, org.kvgraph.cli.CliRunner.run("link", "wikidata", "--endpoint", endpoint.toString(), "--input",
                IdentifierLinksTest.SEED.toString(), "--out", out.toString(), "--review", review.toString(),
                "--interval-ms", "0").exit());
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(out)), "same answers, same bytes");

        server.stop(0);
        server = null;
        var late = org.kvgraph.cli.CliRunner.run("link", "wikidata", "--endpoint", standIn(1500).toString(), "--input",
                IdentifierLinksTest.SEED.toString(), "--out", out.toString(), "--review", review.toString(),
                "--interval-ms", "0", "--timeout-ms", "200", "--retries", "1");
        assertEquals(1, late.exit());
        assertTrue(late.err().contains("unanswered: " + ID + "person/bontenbal-cda"), late.err());
    }
}
