package org.kvgraph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.rdf.Uris;
import org.kvgraph.web.KvServer;

/**
 * A load killed halfway (a child JVM running {@code kvgraph load}, destroyed forcibly while it loads) leaves
 * the previous database as it was, still served; the next load completes and the server switches to it.
 */
class KilledLoadTest {
    @TempDir
    Path tmp;

    @Test
    void killedLoadLeavesTheOldDatabaseServingAndTheNextLoadWorks() throws Exception {
        Path db = tmp.resolve("db");
        Store store = new Store(db);
        Store.LoadReport first = store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, quiet());
        Path firstGen = store.current().orElseThrow();
        KvServer server = KvServer.start(store, new KvServer.Options(0, 30, false, null, 200));
        try {
            String sparql = server.datasetUrl() + "/sparql";
            assertEquals(first.triples(), count(sparql));

            Path big = tmp.resolve("big.nt");
            writeTriples(big, 1_500_000);
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-cp", System.getProperty("java.class.path"), "org.kvgraph.cli.Kvgraph",
                    "load", "--db", db.toString(), big.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            CountDownLatch loading = new CountDownLatch(1);
            StringBuilder childErr = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        childErr.append(line).append('\n');
                        if (line.startsWith("loading:")) {
                            loading.countDown();
                        }
                    }
                } catch (java.io.IOException e) {
                    // the child was killed
                }
            });
            reader.start();
            if (!loading.await(60, TimeUnit.SECONDS) || !p.isAlive()) {
                p.destroyForcibly();
                fail("the child load did not get under way, or finished before it could be killed:\n" + childErr);
            }
            assertTrue(hasUnfinishedGeneration(db), "a load in progress builds beside the database");
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertFalse(p.isAlive());
            assertTrue(childErr.toString().contains("triples/s"), childErr.toString());

            assertEquals(firstGen, store.current().orElseThrow(), "CURRENT still names the old database");
            Thread.sleep(600);
            assertEquals(first.triples(), count(sparql), "the server still serves the old count");
            try (var sameStoreOtherServer = new ClosableCount(store)) {
                assertEquals(first.triples(), sameStoreOtherServer.metadataTriples());
            }

            // The next load (small this time) completes, cleans up the killed one's leftovers, and is served.
            Path small = tmp.resolve("small.nt");
            writeTriples(small, 1000);
            Store.LoadReport second = store.load(Inputs.of(List.of(small, Path.of("data"))), Uris.DEFAULT_BASE, false, quiet());
            assertEquals(first.triples() + 1000, second.triples());
            assertFalse(hasUnfinishedGeneration(db));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (count(sparql) != second.triples() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(second.triples(), count(sparql), "the server switched to the new database");
            assertEquals(store.current().orElseThrow(), server.generation());
        } finally {
            server.close();
        }
    }

    /** Reads the metadata of the current database: what the load that made it counted. */
    private record ClosableCount(Store store) implements AutoCloseable {
        long metadataTriples() {
            return Long.parseLong(store.currentMetadata().orElseThrow().getProperty("triples"));
        }

        @Override
        public void close() {
        }
    }

    private static boolean hasUnfinishedGeneration(Path db) throws java.io.IOException {
        try (Stream<Path> s = Files.list(db)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp") && Files.isDirectory(p));
        }
    }

    private static void writeTriples(Path file, int n) throws java.io.IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                w.write("<http://example.org/x/s" + i + "> <http://example.org/x/p" + (i % 17) + "> \"value " + i + "\" .\n");
            }
        }
    }

    private static long count(String sparql) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sparql + "?query="
                + URLEncoder.encode(org.kvgraph.DataCounts.TRIPLES, StandardCharsets.UTF_8)))
                .header("Accept", "text/csv").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Long.parseLong(r.body().strip().split("\r?\n")[1].strip());
    }

    private static PrintWriter quiet() {
        return new PrintWriter(new StringWriter());
    }
}
