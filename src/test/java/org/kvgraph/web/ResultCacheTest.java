package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/**
 * The result cache: a query asked again is answered from the cache with the same bytes; an update through the
 * server, a reload of the store, and {@code Cache-Control: no-cache} each make the next answer a fresh one, so a
 * stale answer is never served.
 */
class ResultCacheTest {
    static final String COUNT_QUESTIONS = "SELECT (COUNT(*) AS ?n) { ?q a <https://w3id.org/kvgraph/def#Question> }";
    static final String INSERT = "PREFIX kv: <https://w3id.org/kvgraph/def#> INSERT DATA { GRAPH <urn:test:g> {"
            + " <urn:test:q> a kv:Question } }";

    @TempDir
    Path tmp;

    static HttpResponse<String> post(String endpoint, String query, String accept, boolean noCache) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint)).header("Accept", accept)
                .header("Content-Type", "application/sparql-query")
                .POST(HttpRequest.BodyPublishers.ofString(query));
        if (noCache) {
            b.header("Cache-Control", "no-cache");
        }
        return Http.send(b.build());
    }

    static String cache(HttpResponse<String> r) {
        return r.headers().firstValue(ResultCache.HEADER).orElse("none");
    }

    @Test
    void aRepeatedQueryIsAHitAndAnUpdateMakesTheNextAnswerFresh() throws Exception {
        Store store = new Store(tmp.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, new PrintWriter(new StringWriter()));
        Path passwords = tmp.resolve("passwords");
        Files.writeString(passwords, "editor: s3cret-Pa55\n", StandardCharsets.UTF_8);
        try (KvServer server = KvServer.start(store, KvServer.Options.defaults().withPort(0).withUpdate(passwords))) {
            String sparql = server.datasetUrl() + "/sparql";
            HttpResponse<String> first = post(sparql, COUNT_QUESTIONS, "text/csv", false);
            assertEquals(200, first.statusCode(), first.body());
            assertEquals("miss", cache(first));
            HttpResponse<String> second = post(sparql, COUNT_QUESTIONS, "text/csv", false);
            assertEquals("hit", cache(second));
            assertEquals(first.body(), second.body());
            assertEquals(first.headers().firstValue("Content-Type"), second.headers().firstValue("Content-Type"));
            // another Accept header is another entry
            HttpResponse<String> json = post(sparql, COUNT_QUESTIONS, "application/sparql-results+json", false);
            assertEquals("miss", cache(json));
            assertTrue(json.body().contains("\"n\""), json.body());
            // the same query as a GET is cached as well
            assertEquals("miss", cache(Http.query(sparql, COUNT_QUESTIONS, "text/csv")));
            assertEquals("hit", cache(Http.query(sparql, COUNT_QUESTIONS, "text/csv")));
            // no-cache evaluates afresh
            HttpResponse<String> bypass = post(sparql, COUNT_QUESTIONS, "text/csv", true);
            assertEquals("bypass", cache(bypass));
            assertEquals(first.body(), bypass.body());

            long before = Long.parseLong(first.body().strip().split("\r?\n")[1].strip());
            HttpResponse<String> ok = Http.update(server.datasetUrl() + "/update", INSERT, "editor", "s3cret-Pa55");
            assertTrue(ok.statusCode() / 100 == 2, ok.statusCode() + " " + ok.body());
            HttpResponse<String> after = post(sparql, COUNT_QUESTIONS, "text/csv", false);
            assertEquals("miss", cache(after));
            assertEquals(before + 1, Long.parseLong(after.body().strip().split("\r?\n")[1].strip()));
            assertEquals("hit", cache(post(sparql, COUNT_QUESTIONS, "text/csv", false)));
            // a refused update (no password) writes nothing, but still leaves no cached answer in doubt
            assertEquals(401, Http.update(server.datasetUrl() + "/update", INSERT, null, null).statusCode());
            HttpResponse<String> again = post(sparql, COUNT_QUESTIONS, "text/csv", false);
            assertEquals(after.body(), again.body());
        }
    }

    /**
     * An answer larger than a quarter of the cache is not stored; asked again, it is passed through without being
     * copied (the copy of a large listing, dropped at the end, cost a quarter of its time at 8 clients), and the
     * bytes are the same. A small answer is still stored, and a reload makes the large one copied once more.
     */
    @Test
    void anAnswerTooLargeToStoreIsNotCopiedWhenAskedAgain() throws Exception {
        String large = "SELECT ?s ?p ?o { ?s ?p ?o FILTER(isIRI(?s) && !isBlank(?o)) } ORDER BY ?s ?p ?o LIMIT 3000";
        Store store = new Store(tmp.resolve("db"));
        PrintWriter quiet = new PrintWriter(new StringWriter());
        store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, quiet);
        String old = System.setProperty("kvgraph.cache.bytes", String.valueOf(256 * 1024));
        try (KvServer server = KvServer.start(store, new KvServer.Options(0, 10, false, null, 0))) {
            String sparql = server.datasetUrl() + "/sparql";
            ResultCache cache = server.resultCache();
            HttpResponse<String> first = post(sparql, large, "text/csv", false);
            assertEquals(200, first.statusCode(), first.body());
            assertTrue(first.body().length() > 64 * 1024, "answer of " + first.body().length() + " bytes");
            long copied = cache.copiedBytes();
            assertTrue(copied > 0 && copied <= 64 * 1024, "copied " + copied);
            assertEquals(0, cache.storedBytes());
            HttpResponse<String> second = post(sparql, large, "text/csv", false);
            assertEquals("miss", cache(second));
            assertEquals(first.body(), second.body());
            assertEquals(copied, cache.copiedBytes(), "the second answer was copied again");
            // a small answer is still copied, stored and a hit
            assertEquals("miss", cache(post(sparql, COUNT_QUESTIONS, "text/csv", false)));
            assertEquals("hit", cache(post(sparql, COUNT_QUESTIONS, "text/csv", false)));
            assertTrue(cache.copiedBytes() > copied);
            // one of tens of KB (copied in more than one chunk) comes back from the cache byte for byte
            String medium = large.replace("LIMIT 3000", "LIMIT 250");
            HttpResponse<String> mediumFirst = post(sparql, medium, "text/csv", false);
            assertTrue(mediumFirst.body().length() > 20 * 1024 && mediumFirst.body().length() < 64 * 1024,
                    "answer of " + mediumFirst.body().length() + " bytes");
            HttpResponse<String> mediumHit = post(sparql, medium, "text/csv", false);
            assertEquals("hit", cache(mediumHit));
            assertEquals(mediumFirst.body(), mediumHit.body());
            // another generation: the large answer is tried (copied) once more
            long beforeReload = cache.copiedBytes();
            store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, quiet);
            server.checkForNewGeneration();
            HttpResponse<String> reloaded = post(sparql, large, "text/csv", false);
            assertEquals(first.body(), reloaded.body());
            assertTrue(cache.copiedBytes() > beforeReload, "not copied after the reload");
        } finally {
            if (old == null) {
                System.clearProperty("kvgraph.cache.bytes");
            } else {
                System.setProperty("kvgraph.cache.bytes", old);
            }
        }
    }

    /**
     * An answer stored in several chunks of the copy (the first of 8 KB, then 256 KB each, the last cut to size)
     * comes back from the cache byte for byte, with its length, and the cache counts exactly its bytes.
     */
    @Test
    void anAnswerOfSeveralChunksComesBackByteForByte() throws Exception {
        String all = "SELECT ?s ?p ?o { ?s ?p ?o } ORDER BY ?s ?p ?o";
        Store store = new Store(tmp.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, new PrintWriter(new StringWriter()));
        try (KvServer server = KvServer.start(store, new KvServer.Options(0, 10, false, null, 0))) {
            String sparql = server.datasetUrl() + "/sparql";
            ResultCache cache = server.resultCache();
            HttpResponse<String> first = post(sparql, all, "text/csv", false);
            assertEquals(200, first.statusCode(), first.body());
            assertEquals("miss", cache(first));
            long length = first.body().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(length > 8 * 1024 + 3 * 256 * 1024, "answer of " + length + " bytes");
            assertEquals(length, cache.storedBytes());
            HttpResponse<String> hit = post(sparql, all, "text/csv", false);
            assertEquals("hit", cache(hit));
            assertEquals(String.valueOf(length), hit.headers().firstValue("Content-Length").orElse("none"));
            assertEquals(first.body(), hit.body());
        }
    }

    @Test
    void aReloadIsNeverAnsweredFromTheCacheOfThePreviousGeneration() throws Exception {
        Store store = new Store(tmp.resolve("db"));
        PrintWriter quiet = new PrintWriter(new StringWriter());
        store.load(Inputs.of(List.of(Path.of("data/seed"))), Uris.DEFAULT_BASE, false, quiet);
        try (KvServer server = KvServer.start(store, new KvServer.Options(0, 10, false, null, 0))) {
            String sparql = server.datasetUrl() + "/sparql";
            HttpResponse<String> seedOnly = post(sparql, COUNT_QUESTIONS, "text/csv", false);
            assertEquals("miss", cache(seedOnly));
            assertEquals("hit", cache(post(sparql, COUNT_QUESTIONS, "text/csv", false)));
            store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, quiet);
            server.checkForNewGeneration();
            HttpResponse<String> all = post(sparql, COUNT_QUESTIONS, "text/csv", false);
            assertEquals("miss", cache(all));
            assertNotEquals(seedOnly.body(), all.body());
            assertEquals("hit", cache(post(sparql, COUNT_QUESTIONS, "text/csv", false)));
        }
    }
}
