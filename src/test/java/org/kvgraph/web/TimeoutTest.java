package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/**
 * The query time limit stops a runaway query while other queries are still answered. Built so that a busy machine
 * makes it slower, not red: the runaway costs hours (it can only end by the limit), the simple query milliseconds
 * (on a warmed-up server), and the limit lies far from both; the test waits for the runaway to be running rather
 * than for a fixed time; the runaway must be stopped after the limit and well before {@link #LATE_SECONDS}, and
 * waits for an answer end only at {@link #HUNG_MINUTES} (a hang), far below what a request asks for when it tries
 * to raise the limit.
 */
class TimeoutTest {
    static final long LIMIT_SECONDS = 10;
    /** A cross join of the whole data with itself four times: hours of work, never a result. */
    static final String RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?p }";
    /**
     * A simple query, in a text of its own per use: the server caches answers by query text, and each use must be
     * evaluated, not answered from the cache.
     */
    static String simple(String name) {
        return "SELECT (COUNT(*) AS ?" + name + ") { ?s a <https://w3id.org/kvgraph/def#QuestionSet> }";
    }
    /**
     * A runaway answered later than this was not stopped by the configured limit (six times it, and the limit a
     * server has by default): far enough from the limit for the few moments a busy machine adds to stopping it.
     */
    static final long LATE_SECONDS = 6 * LIMIT_SECONDS;
    /** Only a hang takes this long: the limit stops a runaway after {@link #LIMIT_SECONDS}. */
    static final long HUNG_MINUTES = 5;
    /** What a request asks for when it tries to raise the limit: a day, far beyond {@link #HUNG_MINUTES}. */
    static final long ASKED_SECONDS = 86_400;

    @TempDir
    static Path tmp;
    static KvServer server;
    static String sparql;
    static long questionSets;

    @BeforeAll
    static void start() {
        Store store = new Store(tmp.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, new PrintWriter(new StringWriter()));
        server = KvServer.start(store, KvServer.Options.defaults().withPort(0).withTimeout(LIMIT_SECONDS));
        sparql = server.datasetUrl() + "/sparql";
        // Warm up the query path, so that the simple query during the runaway is not the server's first.
        questionSets = Http.count(sparql, simple("warmup"));
        assertTrue(questionSets >= 1);
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
        awaitQueryRunning(runaway);
        long q0 = System.nanoTime();
        long n = Http.count(sparql, simple("during"));
        double simpleSeconds = (System.nanoTime() - q0) / 1e9;
        assertEquals(questionSets, n);
        assertTrue(!runaway.isDone(), "the simple query answered (in " + simpleSeconds
                + " s) while the runaway was running");
        assertTrue(simpleSeconds < LIMIT_SECONDS, "simple query took " + simpleSeconds + " s");
        System.out.printf(java.util.Locale.ROOT, "TimeoutTest: the simple query answered in %.3f s, %.3f s after the runaway was sent%n",
                simpleSeconds, (System.nanoTime() - t0) / 1e9);

        HttpResponse<String> r = stopped(runaway);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.body().contains("Query timed out"), r.body());
        assertTrue(seconds >= LIMIT_SECONDS - 0.5, "stopped after " + seconds + " s, before the limit");
        assertTrue(seconds < LATE_SECONDS, "stopped after " + seconds + " s: not by the " + LIMIT_SECONDS + " s limit");
        // and the server is still fine afterwards
        assertEquals(questionSets, Http.count(sparql, simple("after")));
    }

    @Test
    void aRequestCannotRaiseTheLimit() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = stopped(CompletableFuture.supplyAsync(
                () -> Http.query(sparql + "?timeout=" + ASKED_SECONDS, RUNAWAY, "text/csv")));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.body().contains("Query timed out"), r.body());
        assertTrue(seconds >= LIMIT_SECONDS - 0.5, "stopped after " + seconds + " s, before the limit");
        assertTrue(seconds < LATE_SECONDS, "stopped after " + seconds + " s: the request raised the limit");
    }

    /**
     * The runaway's answer. It can only end by the time limit; one that has not come after {@link #HUNG_MINUTES}
     * (30 times the limit, and far less than a request asks for when it tries to raise it) was not stopped.
     */
    private static HttpResponse<String> stopped(CompletableFuture<HttpResponse<String>> runaway) throws Exception {
        try {
            return runaway.get(HUNG_MINUTES, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            throw new AssertionError("the runaway query was not stopped within " + HUNG_MINUTES + " minutes (limit "
                    + LIMIT_SECONDS + " s)");
        }
    }

    /**
     * Waits until the server is evaluating a query (a thread of this JVM, where the server runs, is in Jena's
     * query engine): the runaway has arrived and runs. Fails if it ended first or never started.
     */
    private static void awaitQueryRunning(CompletableFuture<HttpResponse<String>> runaway) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(HUNG_MINUTES);
        while (System.nanoTime() < deadline) {
            if (runaway.isDone()) {
                fail("the runaway query ended before it was seen running: " + runaway.join().statusCode());
            }
            var running = Thread.getAllStackTraces().entrySet().stream()
                    .filter(e -> e.getKey() != Thread.currentThread())
                    .filter(e -> Arrays.stream(e.getValue())
                            .anyMatch(f -> f.getClassName().startsWith("org.apache.jena.sparql.engine.")))
                    .findAny();
            if (running.isPresent()) {
                System.out.println("TimeoutTest: the runaway is running, on " + running.get().getKey().getName());
                return;
            }
            Thread.sleep(20);
        }
        fail("the runaway query was not seen running within " + HUNG_MINUTES + " minutes");
    }
}
