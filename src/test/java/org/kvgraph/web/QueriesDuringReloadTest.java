package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/**
 * While a reload runs, queries keep answering from the old data, every one of them; when it completes the
 * server switches to the new data, and no query sent after that is answered from the old. Nothing here waits a
 * fixed time: the test waits for the events themselves (first answers, the switch, answers after it), so a busy
 * machine makes it slower, not red; only a hang meets the limit of {@link #HUNG_MINUTES}.
 */
class QueriesDuringReloadTest {
    static final String COUNT = org.kvgraph.DataCounts.TRIPLES;

    @TempDir
    Path tmp;

    /**
     * Minutes to wait for something the test needs to happen (the first answers, the switch, answers after it):
     * only a run that hangs meets this limit; a busy machine just takes longer to get there.
     */
    static final long HUNG_MINUTES = 10;

    @Test
    void queriesKeepAnsweringDuringAReloadAndThenSeeTheNewData() throws Exception {
        Store store = new Store(tmp.resolve("db"));
        long before = store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, quiet()).triples();
        Path extra = tmp.resolve("extra.nt");
        try (BufferedWriter w = Files.newBufferedWriter(extra, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 100_000; i++) {
                w.write("<urn:x:s" + i + "> <urn:x:p> \"" + i + "\" .\n");
            }
        }
        String example = Files.readString(Path.of("queries/02-questions-per-office.rq"), StandardCharsets.UTF_8);
        KvServer server = KvServer.start(store, new KvServer.Options(0, 30, false, null, 100));
        String sparql = server.datasetUrl() + "/sparql";
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean loadRunning = new AtomicBoolean();
        AtomicBoolean loadDone = new AtomicBoolean();
        AtomicInteger duringLoad = new AtomicInteger();
        CountDownLatch answering = new CountDownLatch(3);
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        // {count, nanoTime when sent, nanoTime when answered}
        ConcurrentLinkedQueue<long[]> counts = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        try {
            for (int c = 0; c < 3; c++) {
                boolean counting = c != 2;
                Thread t = new Thread(() -> {
                    boolean first = true;
                    while (!stop.get()) {
                        boolean during = loadRunning.get() && !loadDone.get();
                        long sent = System.nanoTime();
                        try {
                            if (counting) {
                                long n = Http.count(sparql, COUNT);
                                counts.add(new long[] {n, sent, System.nanoTime()});
                            } else {
                                var r = Http.query(sparql, example, "text/csv");
                                if (r.statusCode() != 200) {
                                    errors.add("example query: HTTP " + r.statusCode());
                                }
                            }
                            if (during) {
                                duringLoad.incrementAndGet();
                            }
                        } catch (RuntimeException | AssertionError e) {
                            errors.add(e.toString());
                        }
                        if (first) {
                            answering.countDown();
                            first = false;
                        }
                    }
                }, "client-" + c);
                t.start();
                clients.add(t);
            }
            // Every client has had its first query answered (from the old data) before the reload starts.
            assertTrue(answering.await(HUNG_MINUTES, TimeUnit.MINUTES), "the clients' first queries were answered");
            long loadStarted = System.nanoTime();
            loadRunning.set(true);
            Store.LoadReport reload = store.load(Inputs.of(List.of(Path.of("data"), extra)), Uris.DEFAULT_BASE, false, quiet());
            loadDone.set(true);
            long loadEnded = System.nanoTime();
            long after = reload.triples();
            assertEquals(before + 100_000, after);
            // The server looks for a new generation every 100 ms, then writes its release before it switches:
            // seconds on a quiet machine, many more on a busy one.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(HUNG_MINUTES);
            while (System.nanoTime() < deadline && !server.generation().equals(reload.generation())) {
                Thread.sleep(50);
            }
            assertEquals(reload.generation(), server.generation(), "the server switched");
            long switched = System.nanoTime();
            // Wait for counts sent after the switch was seen (six of them), rather than for a fixed time.
            while (System.nanoTime() < deadline && counts.stream().filter(c -> c[1] > switched).count() < 6
                    && errors.isEmpty()) {
                Thread.sleep(50);
            }
            stop.set(true);
            for (Thread t : clients) {
                t.join(TimeUnit.MINUTES.toMillis(HUNG_MINUTES));
                assertFalse(t.isAlive(), t.getName() + " ended");
            }
            assertTrue(errors.isEmpty(), errors.size() + " errors: " + errors.stream().limit(5).toList());
            assertTrue(duringLoad.get() >= 10, "queries answered during the load: " + duringLoad.get());
            int sentAfter = 0;
            for (long[] c : counts) {
                assertTrue(c[0] == before || c[0] == after, "a count from neither database: " + c[0]);
                if (c[2] < loadStarted) {
                    assertEquals(before, c[0], "answered before the load began: the old data");
                }
                if (c[1] > switched) {
                    assertEquals(after, c[0], "sent after the server switched: only the new data");
                    sentAfter++;
                }
            }
            assertTrue(sentAfter >= 6, "queries sent after the switch were answered: " + sentAfter);
            System.out.println("QueriesDuringReloadTest: " + duringLoad.get() + " queries answered during the reload, "
                    + counts.size() + " counts in all (" + sentAfter + " sent after the switch), 0 errors; the server switched "
                    + String.format(java.util.Locale.ROOT, "%.1f s", (switched - loadEnded) / 1e9) + " after the reload");
        } finally {
            stop.set(true);
            server.close();
        }
    }

    private static PrintWriter quiet() {
        return new PrintWriter(new StringWriter());
    }
}
