package org.kvgraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar itself, as `./kvgraph` runs it (run by failsafe after `package`): the main job serves the bundled
 * data with its full-text index, and convert works. Unit tests run on Maven's class path and cannot see what the
 * jar lacks (a dependency left out of it broke `serve` once while every unit test passed).
 */
class JarIT {
    static final Path JAR = Path.of("target", "kvgraph.jar");

    @TempDir
    Path tmp;

    @Test
    void theJarServesTheBundledDataWithFullTextSearch() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "no " + JAR + ": run `mvn verify`");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = tmp.resolve("serve.log");
        Process p = new ProcessBuilder(java(), "-jar", JAR.toString(), "serve", "--db", tmp.resolve("db").toString(),
                "--port", Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String sparql = "http://localhost:" + port + "/kamervragen/sparql";
            HttpClient http = HttpClient.newHttpClient();
            String count = null;
            long end = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (count == null && System.nanoTime() < end && p.isAlive()) {
                try {
                    count = csv(http, sparql, DataCounts.TRIPLES);
                } catch (IOException notYet) {
                    Thread.sleep(500);
                }
            }
            assertTrue(count != null, "the jar's server did not answer:\n" + Files.readString(log));
            assertTrue(Long.parseLong(count) > 4000, count);
            String found = csv(http, sparql, "PREFIX text: <http://jena.apache.org/text#> "
                    + "SELECT (COUNT(*) AS ?n) { ?a text:query 'soevereiniteit' }");
            assertTrue(Long.parseLong(found) >= 1, "text:query in the jar found " + found);
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    @Test
    void theJarConverts() throws Exception {
        Path out = tmp.resolve("seed.nt");
        Process p = new ProcessBuilder(java(), "-jar", JAR.toString(), "convert", "-o", out.toString(),
                "data/seed/000_4eec038f78b129de.txt").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertTrue(Files.readString(out, StandardCharsets.UTF_8).contains("2025Z10267"));
    }

    private static String csv(HttpClient http, String endpoint, String query) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoint + "?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8))).header("Accept", "text/csv").build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode());
        }
        List<String> lines = r.body().strip().lines().toList();
        return lines.get(1).strip();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
