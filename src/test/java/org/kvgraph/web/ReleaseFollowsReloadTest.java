package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.publish.Release;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/** When a load makes another database current, the server's downloads, description and counts follow it. */
class ReleaseFollowsReloadTest {
    @TempDir
    Path tmp;

    @Test
    void aReloadGivesANewRelease() throws Exception {
        Store store = new Store(tmp.resolve("db"));
        PrintWriter quiet = new PrintWriter(new StringWriter());
        Store.LoadReport seedOnly = store.load(Inputs.of(List.of(Path.of("data/seed"))), Uris.DEFAULT_BASE, false, quiet);
        try (KvServer server = KvServer.start(store, new KvServer.Options(0, 10, false, null, 200))) {
            String root = "http://localhost:" + server.port();
            assertEquals(Site.Status.READY, server.awaitRelease(Duration.ofMinutes(2)).status());
            String before = Http.get(root + "/download/SHA256SUMS", "*/*").body();
            assertTrue(Http.get(root + "/dataset", "text/turtle").body().contains("void:triples " + seedOnly.triples() + " "));

            Store.LoadReport all = store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, quiet);
            assertNotEquals(seedOnly.triples(), all.triples());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!server.generation().equals(store.current().orElseThrow()) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(store.current().orElseThrow(), server.generation(), "the server switched");
            assertEquals(Site.Status.READY, server.awaitRelease(Duration.ofMinutes(2)).status(), "the new release");
            String after = Http.get(root + "/download/SHA256SUMS", "*/*").body();
            assertNotEquals(before, after);
            assertTrue(Release.verify(server.generation().resolve("release")).isEmpty());
            assertTrue(Http.get(root + "/dataset", "text/turtle").body().contains("void:triples " + all.triples() + " "));
            assertTrue(Http.get(root + "/", "text/html").body().contains("data-count=\"triples\">" + all.triples() + "<"));
        }
    }
}
