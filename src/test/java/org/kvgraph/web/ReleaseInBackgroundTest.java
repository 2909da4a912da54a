package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.convert.Problem;
import org.kvgraph.publish.Release;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/**
 * The server answers SPARQL while the release of its generation is written in the background; the release's
 * endpoints say it is being written (503, Retry-After) until it is whole, or why it could not be written.
 */
class ReleaseInBackgroundTest {
    static final Duration WAIT = Duration.ofMinutes(2);
    static final String COUNT_SETS = "PREFIX kv: <https://w3id.org/kvgraph/def#> "
            + "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s a kv:QuestionSet }";

    @TempDir
    Path tmp;

    private Store loaded() {
        Store store = new Store(tmp.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data/seed"))), Uris.DEFAULT_BASE, false,
                new PrintWriter(new StringWriter()));
        return store;
    }

    private static KvServer.Options options() {
        return new KvServer.Options(0, 10, false, null, 0);
    }

    /** A request that must be answered within 30 s: the release's endpoints never wait for the writer. */
    private static HttpResponse<byte[]> bytes(String url) throws IOException, InterruptedException {
        return Http.CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void sparqlAnswersWhileTheReleaseIsWrittenAndTheDownloadsFollowWhenItIsWhole() throws Exception {
        Store store = loaded();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        Site.ReleaseWriter held = (opened, dir, base, stop) -> {
            writing.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
            Site.ReleaseWriter.RELEASE.write(opened, dir, base, stop);
        };
        try (KvServer server = KvServer.start(store, options(), held)) {
            String root = "http://localhost:" + server.port();
            java.util.concurrent.BlockingQueue<String> told = new java.util.concurrent.LinkedBlockingQueue<>();
            String now = server.watchRelease(told::add);
            assertTrue(now.contains("being written in the background"), now);
            assertTrue(writing.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the writer started");
            assertEquals(Site.Status.WRITING, server.releaseState().status());

            // SPARQL answers now, from the database
            HttpResponse<String> q = Http.query(server.datasetUrl() + "/sparql", COUNT_SETS, "text/csv");
            assertEquals(200, q.statusCode(), q.body());
            assertTrue(Long.parseLong(q.body().strip().split("\r?\n")[1].strip()) > 0, q.body());
            assertTrue(q.headers().firstValue(ReleaseHeader.HEADER).isEmpty(), "no release to name yet");

            // the release's endpoints say it is being written, and come back at once
            for (String path : List.of("/download/kvgraph.nt.gz", "/download/SHA256SUMS", "/download/", "/dataset",
                    "/dataset/distribution/kvgraph.nt.gz")) {
                HttpResponse<byte[]> r = bytes(root + path);
                assertEquals(503, r.statusCode(), path);
                assertTrue(r.headers().firstValue("Retry-After").orElse("").matches("[0-9]+"), path);
                assertTrue(text(r).contains("wordt nog geschreven") && text(r).contains("is still being written"),
                        path + ": " + text(r));
            }
            assertEquals(404, bytes(root + "/download/nothing.gz").statusCode(), "not a release file");
            // the pages that do not need the release
            HttpResponse<String> home = Http.get(root + "/", "text/html");
            assertEquals(200, home.statusCode());
            assertTrue(home.body().contains("op de achtergrond geschreven"), "the landing page says so");
            assertTrue(home.body().contains("data-count=\"vragensets (Kamervragen)\""), "with its counts");
            assertEquals(200, Http.get(root + "/stats", "text/html").statusCode());
            assertEquals(200, Http.get(root + "/id/question-set/2025Z10267", "text/turtle").statusCode());
            assertFalse(Files.exists(server.generation().resolve("release").resolve(Release.SUMS)),
                    "nothing of the release is in place yet");

            go.countDown();
            assertEquals(Site.Status.READY, server.awaitRelease(WAIT).status());

            HttpResponse<byte[]> nt = bytes(root + "/download/kvgraph.nt.gz");
            assertEquals(200, nt.statusCode());
            String sums = text(bytes(root + "/download/SHA256SUMS"));
            String sha = java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(nt.body()));
            assertTrue(sums.contains(sha + "  " + Release.NTRIPLES + "\n"), sums + " lists " + sha);
            assertTrue(Release.verify(server.generation().resolve("release")).isEmpty());
            assertEquals(200, bytes(root + "/download/").statusCode());
            assertEquals(200, Http.get(root + "/dataset", "text/turtle").statusCode());
            HttpResponse<String> after = Http.query(server.datasetUrl() + "/sparql", COUNT_SETS, "text/csv");
            assertEquals(Release.version(server.generation().resolve("release")).orElseThrow(),
                    after.headers().firstValue(ReleaseHeader.HEADER).orElse(null));
            assertTrue(Http.get(root + "/", "text/html").body().contains("href=\"/download/kvgraph.nt.gz\""));
            String line = told.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(line != null && line.contains("is written"), "told: " + line);
            assertTrue(told.isEmpty(), told.toString());
        }
    }

    @Test
    void aReloadServesTheNewDatabaseWhileItsReleaseIsWritten() throws Exception {
        Store store = loaded();
        AtomicInteger writes = new AtomicInteger();
        CountDownLatch secondWriting = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        Site.ReleaseWriter heldTheSecondTime = (opened, dir, base, stop) -> {
            if (writes.incrementAndGet() == 2) {
                secondWriting.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
            }
            Site.ReleaseWriter.RELEASE.write(opened, dir, base, stop);
        };
        try (KvServer server = KvServer.start(store, new KvServer.Options(0, 10, false, null, 100), heldTheSecondTime)) {
            String root = "http://localhost:" + server.port();
            assertEquals(Site.Status.READY, server.awaitRelease(WAIT).status());
            long before = Http.count(server.datasetUrl() + "/sparql", COUNT_SETS);
            String sumsBefore = text(bytes(root + "/download/SHA256SUMS"));

            store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, new PrintWriter(new StringWriter()));
            assertTrue(secondWriting.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the new generation's release is written");
            assertEquals(store.current().orElseThrow(), server.generation(), "the server switched before its release");
            assertTrue(Http.count(server.datasetUrl() + "/sparql", COUNT_SETS) > before, "SPARQL answers from the new database");
            HttpResponse<byte[]> r = bytes(root + "/download/kvgraph.nt.gz");
            assertEquals(503, r.statusCode());
            assertTrue(r.headers().firstValue("Retry-After").isPresent());
            assertEquals(503, bytes(root + "/dataset").statusCode());

            go.countDown();
            assertEquals(Site.Status.READY, server.awaitRelease(WAIT).status());
            assertNotEquals(sumsBefore, text(bytes(root + "/download/SHA256SUMS")));
            assertTrue(Release.verify(server.generation().resolve("release")).isEmpty());
            assertEquals(200, bytes(root + "/download/kvgraph.nt.gz").statusCode());
        }
    }

    @Test
    void aFailedWriteLeavesSparqlWorkingAndTheDownloadsSayWhy() throws Exception {
        Store store = loaded();
        Site.ReleaseWriter failing = (opened, dir, base, stop) -> {
            throw new IOException("no space left on device (test)");
        };
        try (KvServer server = KvServer.start(store, options(), failing)) {
            String root = "http://localhost:" + server.port();
            Site.ReleaseState st = server.awaitRelease(WAIT);
            assertEquals(Site.Status.FAILED, st.status());
            assertTrue(st.problem().contains("no space left on device (test)"), st.problem());

            assertTrue(Http.count(server.datasetUrl() + "/sparql", COUNT_SETS) > 0, "SPARQL still answers");
            for (String path : List.of("/download/kvgraph.nt.gz", "/download/", "/dataset")) {
                HttpResponse<byte[]> r = bytes(root + path);
                assertEquals(500, r.statusCode(), path);
                assertTrue(text(r).contains("no space left on device (test)"), path + ": " + text(r));
            }
            assertEquals(200, Http.get(root + "/", "text/html").statusCode());
            assertTrue(server.watchRelease(l -> { }).contains("could not be written"));
        }
    }

    @Test
    void aShutdownWhileWritingLeavesNoReleaseThatPassesForWhole() throws Exception {
        Store store = loaded();
        CountDownLatch writing = new CountDownLatch(1);
        // holds until the server asks it to stop, then writes with that stop: Release gives up at once
        Site.ReleaseWriter untilStopped = (opened, dir, base, stop) -> {
            writing.countDown();
            while (!stop.getAsBoolean()) {
                Thread.onSpinWait();
            }
            Site.ReleaseWriter.RELEASE.write(opened, dir, base, stop);
        };
        Path release;
        KvServer server = KvServer.start(store, options(), untilStopped);
        try {
            assertTrue(writing.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            release = server.generation().resolve("release");
        } finally {
            server.close();
        }
        assertFalse(Release.verify(release).isEmpty(), "no whole release was left");
        try (var files = Files.list(release)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).toList(), "nothing was left behind");
        }
        // the next start writes it
        try (KvServer again = KvServer.start(store, options())) {
            assertEquals(Site.Status.READY, again.awaitRelease(WAIT).status());
            assertTrue(Release.verify(release).isEmpty());
        }
    }

    @Test
    void aWriteAskedToStopRemovesWhatItWrote() throws Exception {
        List<Problem> problems = new ArrayList<>();
        DatasetGraph dsg = Release.read(Inputs.of(List.of(Path.of("data/seed"))), Uris.DEFAULT_BASE, false, problems);
        Path dir = tmp.resolve("stopped");
        AtomicInteger asked = new AtomicInteger();
        // the first check is while reading, the second when merging (the gzip threads already running)
        assertThrows(InterruptedIOException.class,
                () -> Release.write(dsg, dir, Uris.DEFAULT_BASE, s -> { }, () -> asked.incrementAndGet() >= 2));
        assertEquals(2, asked.get());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no file and no temporary folder");
        }
    }
}
