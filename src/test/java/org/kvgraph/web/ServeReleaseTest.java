package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.cli.CliRunner;
import org.kvgraph.convert.Problem;
import org.kvgraph.publish.Release;
import org.kvgraph.publish.ServedRelease;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/** {@code kvgraph serve --release DIR|URL}: verified, loaded once, and named on every response (issue 10). */
class ServeReleaseTest {
    @TempDir
    static Path releases;
    static Path seed;
    static Path seedAndLinks;

    @TempDir
    Path tmp;

    final PrintWriter quiet = new PrintWriter(new StringWriter());

    @BeforeAll
    static void publish() throws Exception {
        seed = publish(releases.resolve("seed"), Path.of("data/seed"));
        Path extra = Files.writeString(releases.resolve("extra.ttl"),
                "<https://w3id.org/kvgraph/id/test> <http://www.w3.org/2000/01/rdf-schema#label> \"another release\" .\n");
        seedAndLinks = publish(releases.resolve("seed-extra"), Path.of("data/seed"), extra);
    }

    static Path publish(Path out, Path... inputs) throws Exception {
        List<Problem> problems = new ArrayList<>();
        DatasetGraph d = Release.read(Inputs.of(List.of(inputs)), Uris.DEFAULT_BASE, false, problems);
        Release.write(d, out, Uris.DEFAULT_BASE);
        return out;
    }

    @Test
    void aVerifiedReleaseIsServedAndEveryResponseNamesIt() throws Exception {
        String version = Release.version(seed).orElseThrow();
        Store store = new Store(tmp.resolve("db"));
        ServedRelease.Prepared p = ServedRelease.prepare(seed.toString(), tmp.resolve("cache"), store,
                Uris.DEFAULT_BASE, quiet, quiet);
        assertEquals(version, p.version());
        assertFalse(p.reused());
        try (KvServer server = KvServer.start(store, new KvServer.Options(0, 10, false, null, 0))) {
            String root = "http://localhost:" + server.port();
            HttpResponse<String> ask = Http.query(server.datasetUrl() + "/sparql", "ASK {}", "application/sparql-results+json");
            assertEquals(200, ask.statusCode());
            assertEquals(version, ask.headers().firstValue("X-Kvgraph-Release").orElse(null));
            HttpResponse<String> quads = Http.query(server.datasetUrl() + "/sparql",
                    org.kvgraph.DataCounts.QUADS, "text/csv");
            assertEquals(nquadsLines(seed.resolve(Release.NQUADS)), Long.parseLong(quads.body().split("\r?\n")[1].trim()),
                    "the database holds the release's quads, in their named graphs");
            HttpResponse<String> dataset = Http.get(root + "/dataset", "text/turtle");
            assertEquals(version, dataset.headers().firstValue("X-Kvgraph-Release").orElse(null));
            assertEquals(Files.readString(seed.resolve(Release.DESCRIPTION)), dataset.body(), "the published description");
            assertTrue(dataset.body().contains("owl:versionInfo \"" + version + "\""), dataset.body());
            assertEquals(Files.readString(seed.resolve(Release.SUMS)), Http.get(root + "/download/SHA256SUMS", "*/*").body());
            for (String path : List.of("/", "/stats", "/no-such-page", "/kamervragen/sparql?query=nonsense")) {
                assertEquals(version, Http.get(root + path, "*/*").headers().firstValue("X-Kvgraph-Release").orElse(null), path);
            }
        }
    }

    @Test
    void aSecondStartReusesTheDatabaseAndAnotherReleaseBuildsANewOne() throws Exception {
        Store store = new Store(tmp.resolve("db"));
        ServedRelease.Prepared first = ServedRelease.prepare(seed.toString(), tmp.resolve("cache"), store,
                Uris.DEFAULT_BASE, quiet, quiet);
        Path gen = store.current().orElseThrow();
        StringWriter said = new StringWriter();
        ServedRelease.Prepared second = ServedRelease.prepare(seed.toString(), tmp.resolve("cache"), store,
                Uris.DEFAULT_BASE, new PrintWriter(said, true), quiet);
        assertFalse(first.reused());
        assertTrue(second.reused());
        assertEquals(gen, store.current().orElseThrow());
        assertTrue(said.toString().contains("reusing"), said.toString());

        ServedRelease.Prepared other = ServedRelease.prepare(seedAndLinks.toString(), tmp.resolve("cache"), store,
                Uris.DEFAULT_BASE, quiet, quiet);
        assertFalse(other.reused());
        assertNotEquals(first.version(), other.version());
        assertNotEquals(gen, store.current().orElseThrow());
    }

    @Test
    void aTamperedReleaseIsRefusedNamingTheFileAndNothingIsLoaded() throws Exception {
        Path bad = copy(seed, tmp.resolve("bad"));
        byte[] nq = Files.readAllBytes(bad.resolve(Release.NQUADS));
        Files.write(bad.resolve(Release.NQUADS), java.util.Arrays.copyOf(nq, nq.length / 2));
        CliRunner.Run r = CliRunner.run("serve", "--release", bad.toString(), "--db", tmp.resolve("db").toString(),
                "--port", "0");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("release refused") && r.err().contains(Release.NQUADS + ": SHA-256 is"), r.err());
        assertTrue(r.err().contains("nothing is served"), r.err());
        assertTrue(new Store(tmp.resolve("db")).current().isEmpty(), "nothing loaded");

        Path missing = copy(seed, tmp.resolve("missing"));
        Files.delete(missing.resolve(Release.DESCRIPTION));
        CliRunner.Run m = CliRunner.run("serve", "--release", missing.toString(), "--db", tmp.resolve("db").toString(),
                "--port", "0");
        assertNotEquals(0, m.exit());
        assertTrue(m.err().contains(Release.DESCRIPTION + ": missing"), m.err());

        Path pw = Files.writeString(tmp.resolve("users.txt"), "admin: secret\n");
        CliRunner.Run u = CliRunner.run("serve", "--release", seed.toString(), "--db", tmp.resolve("db").toString(),
                "--port", "0", "--update", "--password-file", pw.toString());
        assertEquals(2, u.exit());
        assertTrue(u.err().contains("--update cannot be used with it"), u.err());
        assertTrue(new Store(tmp.resolve("db")).current().isEmpty(), "nothing loaded");
    }

    @Test
    void aReleaseIsFetchedOverHttpVerifiedAndRefusedWhenChanged() throws Exception {
        Path served = copy(seed, tmp.resolve("www"));
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/release/", ex -> {
            Path f = served.resolve(ex.getRequestURI().getPath().substring("/release/".length()));
            if (Files.isRegularFile(f)) {
                byte[] b = Files.readAllBytes(f);
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
            } else {
                ex.sendResponseHeaders(404, -1);
            }
            ex.close();
        });
        http.start();
        try {
            String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/release";
            Store store = new Store(tmp.resolve("db"));
            ServedRelease.Prepared p = ServedRelease.prepare(url, tmp.resolve("cache"), store, Uris.DEFAULT_BASE,
                    quiet, quiet);
            assertEquals(Release.version(seed).orElseThrow(), p.version());
            assertTrue(p.dir().startsWith(tmp.resolve("cache")));
            assertTrue(Release.verify(p.dir()).isEmpty());

            Files.writeString(served.resolve(Release.DESCRIPTION), "# changed\n", java.nio.file.StandardOpenOption.APPEND);
            // (a cache holding a copy that matches SHA256SUMS is not fetched again: a fresh cache here)
            ServedRelease.Refused e = assertThrows(ServedRelease.Refused.class, () -> ServedRelease.prepare(url,
                    tmp.resolve("cache2"), new Store(tmp.resolve("db2")), Uris.DEFAULT_BASE, quiet, quiet));
            assertTrue(e.getMessage().contains(Release.DESCRIPTION + ": SHA-256 is"), e.getMessage());
        } finally {
            http.stop(0);
        }
    }

    static long nquadsLines(Path gz) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().count();
        }
    }

    static Path copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        for (String f : Release.FILES) {
            Files.copy(from.resolve(f), to.resolve(f));
        }
        Files.copy(from.resolve(Release.SUMS), to.resolve(Release.SUMS));
        return to;
    }
}
