package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * server switches to the new data, and no answer after that is from the old.
 */
class QueriesDuringReloadTest {
    static final String COUNT = org.kvgraph.DataCounts.TRIPLES;

    @TempDir
    Path tmp;

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
        AtomicBoolean loadDone = new AtomicBoolean();
        AtomicInteger duringLoad = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<long[]> counts = new ConcurrentLinkedQueue<>(); // {count, loadDone ? 1 : 0, nanoTime}
        List<Thread> clients = new ArrayList<>();
        try {
            for (int c = 0; c < 3; c++) {
                boolean counting = c != 2;
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        boolean done = loadDone.get();
                        try {
                            if (counting) {
                                counts.add(new long[] {Http.count(sparql, COUNT), done ? 1 : 0, System.nanoTime()});
                            } else {
                                var r = Http.query(sparql, example, "text/csv");
                                if (r.statusCode() != 200) {
                                    errors.add("example query: HTTP " + r.statusCode());
                                }
                            }
                            if (!done) {
                                duringLoad.incrementAndGet();
                            }
                        } catch (RuntimeException | AssertionError e) {
                            errors.add(e.toString());
                        }
                    }
                }, "client-" + c);
                t.start();
                clients.add(t);
            }
            Thread.sleep(300);
            long loadStarted = System.nanoTime();
            Store.LoadReport reload = store.load(Inputs.of(List.of(Path.of("data"), extra)), Uris.DEFAULT_BASE, false, quiet());
            loadDone.set(true);
            long after = reload.triples();
            assertEquals(before + 100_000, after);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline && !server.generation().equals(reload.generation())) {
                Thread.sleep(50);
            }
            assertEquals(reload.generation(), server.generation(), "the server switched");
            long switched = System.nanoTime();
            Thread.sleep(1000);
            stop.set(true);
            for (Thread t : clients) {
                t.join(30_000);
            }
            assertTrue(errors.isEmpty(), errors.size() + " errors: " + errors.stream().limit(5).toList());
            assertTrue(duringLoad.get() >= 10, "queries answered during the load: " + duringLoad.get());
            boolean sawNew = false;
            for (long[] c : counts) {
                assertTrue(c[0] == before || c[0] == after, "a count from neither database: " + c[0]);
                if (c[2] < loadStarted) {
                    assertEquals(before, c[0], "before the load, the old data");
                }
                if (c[2] > switched + TimeUnit.MILLISECONDS.toNanos(200)) {
                    assertEquals(after, c[0], "after the switch, only the new data");
                    sawNew = true;
                }
            }
            assertTrue(sawNew, "queries answered after the switch");
            System.out.println("QueriesDuringReloadTest: " + duringLoad.get() + " queries answered during the reload, "
                    + counts.size() + " counts in all, 0 errors");
        } finally {
            stop.set(true);
            server.close();
        }
    }

    private static PrintWriter quiet() {
        return new PrintWriter(new StringWriter());
    }
}
