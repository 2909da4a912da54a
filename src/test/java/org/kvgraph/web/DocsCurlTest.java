package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/**
 * The curl examples of {@code docs/querying.md} (its {@code ```sh} blocks) run against a test server on the
 * bundled data, the port substituted; each must exit 0 and print something. The server runs in update mode
 * with the example's password, so the update example runs too.
 */
class DocsCurlTest {
    static final Path DOC = Path.of("docs", "querying.md");
    static final Pattern SH = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    static Path tmp;
    static KvServer server;

    @BeforeAll
    static void start() throws IOException {
        Store store = new Store(tmp.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, new PrintWriter(new StringWriter()));
        Path passwords = tmp.resolve("passwords");
        Files.writeString(passwords, "editor: your-password\n", StandardCharsets.UTF_8);
        server = KvServer.start(store, KvServer.Options.defaults().withPort(0).withUpdate(passwords));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.createSymbolicLink(work.resolve("queries"), Path.of("queries").toAbsolutePath());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static List<String> examples() throws IOException {
        Matcher m = SH.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void everyCurlExampleRuns() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) || Files.isExecutable(Path.of("/bin/curl")),
                "curl is not installed: the curl examples of docs/querying.md cannot run (.ci/run installs it)");
        List<String> blocks = examples();
        assertTrue(blocks.size() >= 7, "curl examples in " + DOC + ": " + blocks.size());
        for (String block : blocks) {
            assertTrue(block.contains("curl ") && block.contains("localhost:3030"), "a curl example: " + block);
            String script = block.replace("localhost:3030", "localhost:" + server.port());
            Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                    .directory(tmp.resolve("work").toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), "example failed:\n" + block + "\noutput:\n" + out);
            if (!block.contains("/update")) {
                assertTrue(out.strip().length() > 0, "example printed nothing:\n" + block);
            }
        }
        // the update example wrote, with the password
        assertEquals(1, Http.count(server.datasetUrl() + "/sparql",
                "SELECT (COUNT(*) AS ?n) { GRAPH <urn:my:notes> { ?s ?p ?o } }"));
    }

    @Test
    void withoutAcceptSelectAnswersXmlAndFormatParameterChooses() {
        String url = server.datasetUrl() + "/sparql?query=" + Http.enc("SELECT * { ?s ?p ?o } LIMIT 1");
        var r = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET().build());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/sparql-results+xml"),
                r.headers().toString());
        for (String[] f : new String[][] {{"json", "application/sparql-results+json"}, {"csv", "text/csv"},
                {"tsv", "text/tab-separated-values"}}) {
            var j = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "&format=" + f[0])).GET().build());
            assertTrue(j.headers().firstValue("Content-Type").orElse("").startsWith(f[1]), f[0] + ": " + j.headers());
        }
    }
}
