package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/** The query time limit stops a runaway query while other queries are still answered. */
class TimeoutTest {
    static final long LIMIT_SECONDS = 3;
    /** A cross join of the whole data with itself four times: hours of work, never a result. */
    static final String RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?p }";

    @TempDir
    static Path tmp;
    static KvServer server;
    static String sparql;

    @BeforeAll
    static void start() {
        Store store = new Store(tmp.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, new PrintWriter(new StringWriter()));
        server = KvServer.start(store, KvServer.Options.defaults().withPort(0).withTimeout(LIMIT_SECONDS));
        sparql = server.datasetUrl() + "/sparql";
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void runawayQueryIsStoppedWhileASimpleQueryStillAnswers() throws Exception {
        long t0 = System.nanoTime();
        CompletableFuture<HttpResponse<String>> runaway =
                CompletableFuture.supplyAsync(() -> Http.query(sparql, RUNAWAY, "text/csv"));
        Thread.sleep(500);
        assertTrue(!runaway.isDone(), "the runaway query is still running");
        long q0 = System.nanoTime();
        long n = Http.count(sparql, "SELECT (COUNT(*) AS ?n) { ?s a <https://w3id.org/kvgraph/def#QuestionSet> }");
        double simpleSeconds = (System.nanoTime() - q0) / 1e9;
        assertTrue(n >= 1);
        assertTrue(!runaway.isDone(), "the simple query answered while the runaway was running");
        assertTrue(simpleSeconds < LIMIT_SECONDS, "simple query took " + simpleSeconds + " s");

        HttpResponse<String> r = runaway.get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.body().contains("Query timed out"), r.body());
        assertTrue(seconds >= LIMIT_SECONDS - 0.5 && seconds < LIMIT_SECONDS + 10, "stopped after " + seconds + " s");
        // and the server is still fine afterwards
        assertEquals(n, Http.count(sparql, "SELECT (COUNT(*) AS ?n) { ?s a <https://w3id.org/kvgraph/def#QuestionSet> }"));
    }

    @Test
    void aRequestCannotRaiseTheLimit() {
        long t0 = System.nanoTime();
        HttpResponse<String> r = Http.query(sparql + "?timeout=600", RUNAWAY, "text/csv");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(503, r.statusCode());
        assertTrue(seconds < LIMIT_SECONDS + 10, "stopped after " + seconds + " s");
    }
}
