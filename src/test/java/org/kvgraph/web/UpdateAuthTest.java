package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.cli.Kvgraph;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/** Update mode: /update and /data need the password; reading stays open; no password file, no update mode. */
class UpdateAuthTest {
    static final String INSERT = "PREFIX kv: <https://w3id.org/kvgraph/def#> INSERT DATA { GRAPH <urn:test:g> {"
            + " <urn:test:q> a kv:Question ; kv:text \"Een vraag over kwartelkoningen\"@nl } }";
    static final String COUNT_QUESTIONS = "SELECT (COUNT(*) AS ?n) { ?q a <https://w3id.org/kvgraph/def#Question> }";

    @TempDir
    static Path tmp;
    static KvServer server;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        Store store = new Store(tmp.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, new PrintWriter(new StringWriter()));
        Path passwords = tmp.resolve("passwords");
        Files.writeString(passwords, "editor: s3cret-Pa55\n", StandardCharsets.UTF_8);
        server = KvServer.start(store, KvServer.Options.defaults().withPort(0).withUpdate(passwords));
        base = server.datasetUrl();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * The statistics materialised at load follow an update: query 14 (instances per class, read from them) counts a
     * question set added through /update once the recompute has run, and the result cache does not keep the
     * answer from before (the polling query is a plain one, answered from the cache when it can be).
     */
    @Test
    void theStatisticsAreRecomputedAfterAnUpdate() throws Exception {
        String sets = "PREFIX kv: <https://w3id.org/kvgraph/def#> PREFIX qb: <http://purl.org/linked-data/cube#>"
                + " SELECT ?n { ?o qb:dataSet kv:instancesPerClass ; kv:aboutClass kv:QuestionSet ; kv:instanceCount ?n }";
        long before = Http.count(base + "/sparql", sets);
        assertTrue(before > 0, "the bundled data has question sets: " + before);
        String q14 = Files.readString(Path.of("queries/14-overview.rq"), StandardCharsets.UTF_8);
        assertTrue(Http.query(base + "/sparql", q14, "text/csv").body().contains("#QuestionSet," + before));
        HttpResponse<String> r = Http.update(base + "/update", "PREFIX kv: <https://w3id.org/kvgraph/def#>"
                + " INSERT DATA { GRAPH <urn:test:statistics> { <urn:test:statistics-set> a kv:QuestionSet } }",
                "editor", "s3cret-Pa55");
        assertTrue(r.statusCode() < 300, r.statusCode() + " " + r.body());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        long now = before;
        while (now != before + 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            now = Http.count(base + "/sparql", sets);
        }
        assertEquals(before + 1, now, "the statistic counts the added set");
        assertTrue(Http.query(base + "/sparql", q14, "text/csv").body().contains("#QuestionSet," + (before + 1)),
                "query 14 (from the statistics, through the result cache) counts it too");
    }

    /**
     * The timeliness facts follow an update too, before the statistics that read them: an answer added through
     * /update to a set that had none gives the set its first answer date and days to answer, the answer its days
     * after submission, and the days-to-answer statistic of the answering office's ministry one answer more.
     */
    @Test
    void theTimelinessFactsAreRecomputedAfterAnUpdate() throws Exception {
        String kv = "PREFIX kv: <https://w3id.org/kvgraph/def#> PREFIX qb: <http://purl.org/linked-data/cube#> ";
        String found = Http.query(base + "/sparql", kv + "SELECT ?set ?submitted ?office ?ministry {"
                + " ?set kv:timelinessStatus ?status ; kv:submittedOn ?submitted ."
                + " FILTER NOT EXISTS { ?set kv:firstAnswerOn ?first }"
                + " ?office kv:ministry ?ministry } ORDER BY ?set ?office LIMIT 1", "text/csv").body();
        String[] row = found.lines().skip(1).findFirst().orElseThrow(
                () -> new AssertionError("the bundled data has an unanswered set: " + found)).split(",");
        String set = row[0];
        java.time.LocalDate answered = java.time.LocalDate.parse(row[1]).plusDays(40);
        String office = row[2];
        String ministry = row[3];
        String answers = kv + "SELECT (COALESCE(MAX(?n), 0) AS ?count) { OPTIONAL { ?o qb:dataSet kv:daysToAnswerPerMinistry ;"
                + " kv:aboutMinistry <" + ministry + "> ; kv:answerCount ?n } }";
        long before = Http.count(base + "/sparql", answers);
        HttpResponse<String> r = Http.update(base + "/update", kv + "INSERT DATA { GRAPH <urn:test:timeliness> {"
                + " <" + set + "> kv:hasResponse <urn:test:late-answer> ."
                + " <urn:test:late-answer> a kv:Response ; kv:answeredAs <" + office + "> ;"
                + " kv:receivedOn \"" + answered + "\"^^<http://www.w3.org/2001/XMLSchema#date> } }",
                "editor", "s3cret-Pa55");
        assertTrue(r.statusCode() < 300, r.statusCode() + " " + r.body());
        String derived = kv + "ASK { <" + set + "> kv:firstAnswerOn \"" + answered
                + "\"^^<http://www.w3.org/2001/XMLSchema#date> ; kv:daysToAnswer 40 ."
                + " <urn:test:late-answer> kv:daysAfterSubmission 40 }";
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        boolean seen = false;
        long now = before;
        while ((!seen || now != before + 1) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = Http.query(base + "/sparql", derived, "application/sparql-results+json").body().contains("true");
            now = Http.count(base + "/sparql", answers);
        }
        assertTrue(seen, "the set's and the answer's timeliness facts were derived again");
        assertEquals(before + 1, now, "the days-to-answer statistic of " + ministry + " counts the new answer");
    }

    @Test
    void updateNeedsCredentialsAndWorksWithThem() {
        long before = Http.count(base + "/sparql", COUNT_QUESTIONS);
        assertEquals(401, Http.update(base + "/update", INSERT, null, null).statusCode());
        assertEquals(401, Http.update(base + "/update", INSERT, "editor", "wrong").statusCode());
        assertEquals(before, Http.count(base + "/sparql", COUNT_QUESTIONS), "nothing written without the password");

        HttpResponse<String> ok = Http.update(base + "/update", INSERT, "editor", "s3cret-Pa55");
        assertTrue(ok.statusCode() / 100 == 2, ok.statusCode() + " " + ok.body());
        assertEquals(before + 1, Http.count(base + "/sparql", COUNT_QUESTIONS));
        // the text index follows updates made through the server
        String q = "PREFIX text: <http://jena.apache.org/text#> SELECT ?s { ?s text:query \"kwartelkoning\" }";
        assertTrue(Http.query(base + "/sparql", q, "text/csv").body().contains("urn:test:q"));
    }

    @Test
    void graphStoreWritesNeedCredentials() {
        String url = base + "/data?graph=" + Http.enc("urn:test:gsp");
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/turtle")
                .PUT(HttpRequest.BodyPublishers.ofString("<urn:test:a> <urn:test:b> <urn:test:c> ."));
        assertEquals(401, Http.send(put.build()).statusCode());
        String auth = "Basic " + Base64.getEncoder().encodeToString("editor:s3cret-Pa55".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> ok = Http.send(put.header("Authorization", auth).build());
        assertTrue(ok.statusCode() / 100 == 2, ok.statusCode() + " " + ok.body());
        assertEquals(1, Http.count(base + "/sparql", "SELECT (COUNT(*) AS ?n) { GRAPH <urn:test:gsp> { ?s ?p ?o } }"));
    }

    @Test
    void readingNeedsNoCredentials() {
        assertEquals(200, Http.query(base + "/sparql", "ASK {}", "application/sparql-results+json").statusCode());
        assertEquals(200, Http.get(base + "/get?graph=urn:x-arq:UnionGraph", "text/turtle").statusCode());
    }

    @Test
    void noUpdateModeWithoutAPasswordFile() {
        Store store = new Store(tmp.resolve("db"));
        assertThrows(IllegalArgumentException.class, () -> KvServer.start(store,
                KvServer.Options.defaults().withPort(0).withUpdate(null)));
        StringWriter err = new StringWriter();
        var cl = Kvgraph.commandLine();
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute("serve", "--db", tmp.resolve("db").toString(), "--port", "0", "--update");
        assertEquals(2, rc);
        assertTrue(err.toString().contains("--password-file"), err.toString());
        assertFalse(err.toString().contains("s3cret"));
    }
}
