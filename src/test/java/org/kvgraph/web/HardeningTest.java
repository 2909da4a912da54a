package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/**
 * The server against a hostile client: writes without credentials, the password in the log, a huge request, a
 * page with very many rows, and path traversal on every route.
 */
class HardeningTest {
    static final String PASSWORD = "pw-9f3c1e77-Never-Logged";
    static final String PERSON = "id/person/bontenbal-cda";
    static final int INBOUND = 1500;

    @TempDir
    static Path tmp;
    static Store store;
    static KvServer server;
    static String root;
    static String base;
    static final StringWriter LOG = new StringWriter();
    static WriterAppender appender;
    static final java.util.Map<LoggerConfig, Level> LEVELS = new java.util.HashMap<>();
    static final java.util.Map<LoggerConfig, List<String>> CONSOLE = new java.util.HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        // The bundled data and a person whom 1,500 resources point at (more than a page may list).
        Path many = tmp.resolve("many.nt");
        try (BufferedWriter w = Files.newBufferedWriter(many, StandardCharsets.UTF_8)) {
            for (int i = 0; i < INBOUND; i++) {
                w.write("<urn:x:pointer" + i + "> <https://w3id.org/kvgraph/def#mentions> <" + Uris.DEFAULT_BASE + PERSON + "> .\n");
            }
        }
        store = new Store(tmp.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data"), many)), Uris.DEFAULT_BASE, false, new PrintWriter(new StringWriter()));
        Path passwords = tmp.resolve("passwords");
        Files.writeString(passwords, "editor: " + PASSWORD + "\n", StandardCharsets.UTF_8);

        // From the server's start on, every log event at INFO and above (one level more than kvgraph's configured
        // WARN: the level of Fuseki's request log) goes to LOG, and not to the console.
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        appender = WriterAppender.newBuilder().setName("hardening-capture").setTarget(LOG)
                .setLayout(PatternLayout.newBuilder().withPattern("%d %p %c - %m%n%throwable").withConfiguration(config).build())
                .setConfiguration(config).build();
        appender.start();
        config.addAppender(appender);
        for (LoggerConfig l : config.getLoggers().values()) {
            LEVELS.put(l, l.getLevel());
            CONSOLE.put(l, List.copyOf(l.getAppenders().keySet()));
            CONSOLE.get(l).forEach(l::removeAppender);
            l.addAppender(appender, Level.ALL, null);
            l.setLevel(Level.INFO);
        }
        LoggerConfig rootLogger = config.getRootLogger();
        if (!LEVELS.containsKey(rootLogger)) {
            LEVELS.put(rootLogger, rootLogger.getLevel());
            CONSOLE.put(rootLogger, List.copyOf(rootLogger.getAppenders().keySet()));
            CONSOLE.get(rootLogger).forEach(rootLogger::removeAppender);
            rootLogger.addAppender(appender, Level.ALL, null);
            rootLogger.setLevel(Level.INFO);
        }
        ctx.updateLoggers();

        server = KvServer.start(store, KvServer.Options.defaults().withPort(0).withTimeout(10).withUpdate(passwords));
        // the release is written in the background: these tests are about the served one
        assertEquals(Site.Status.READY, server.awaitRelease(java.time.Duration.ofMinutes(2)).status());
        root = "http://localhost:" + server.port();
        base = server.datasetUrl();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        LEVELS.forEach((l, level) -> {
            l.removeAppender("hardening-capture");
            l.setLevel(level);
            CONSOLE.get(l).forEach(name -> l.addAppender(config.getAppender(name), null, null));
        });
        ctx.updateLoggers();
    }

    @Test
    void writesNeedCredentialsAndTheReadOnlyServerHasNoWriteEndpoints() {
        String insert = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> } }";
        String count = "SELECT (COUNT(*) AS ?n) { GRAPH <urn:x:g> { ?s ?p ?o } }";
        assertEquals(401, Http.update(base + "/update", insert, null, null).statusCode());
        assertEquals(401, Http.update(base + "/update", insert, "editor", PASSWORD + "x").statusCode());
        assertEquals(401, Http.update(base + "/update", insert, "nobody", PASSWORD).statusCode());
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(base + "/data?graph=" + Http.enc("urn:x:g")))
                .header("Content-Type", "text/turtle").PUT(HttpRequest.BodyPublishers.ofString("<urn:x:a> <urn:x:b> <urn:x:c> ."));
        assertEquals(401, Http.send(put.build()).statusCode());
        // an update sent to the query endpoints is no write either
        HttpResponse<String> viaQuery = Http.send(HttpRequest.newBuilder(URI.create(base + "/sparql"))
                .header("Content-Type", "application/sparql-update").POST(HttpRequest.BodyPublishers.ofString(insert)).build());
        assertTrue(viaQuery.statusCode() >= 400, viaQuery.statusCode() + " " + viaQuery.body());
        assertEquals(0, Http.count(base + "/sparql", count), "nothing written");

        // Without --update: no write endpoint at all, whatever the credentials.
        // (a store's generation opens once per JVM: its text index is locked, so another store)
        Store other = new Store(tmp.resolve("db-read-only"));
        other.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, new PrintWriter(new StringWriter()));
        KvServer readOnly = KvServer.start(other, KvServer.Options.defaults().withPort(0));
        try {
            String ro = readOnly.datasetUrl();
            for (HttpResponse<String> r : List.of(Http.update(ro + "/update", insert, null, null),
                    Http.update(ro + "/update", insert, "editor", PASSWORD),
                    Http.send(HttpRequest.newBuilder(URI.create(ro + "/data?graph=" + Http.enc("urn:x:g")))
                            .header("Content-Type", "text/turtle").PUT(HttpRequest.BodyPublishers.ofString("<urn:x:a> <urn:x:b> <urn:x:c> .")).build()),
                    Http.send(HttpRequest.newBuilder(URI.create(ro + "/get?graph=" + Http.enc("urn:x:g")))
                            .header("Content-Type", "text/turtle").PUT(HttpRequest.BodyPublishers.ofString("<urn:x:a> <urn:x:b> <urn:x:c> .")).build()))) {
                assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + r.body());
            }
            assertEquals(0, Http.count(ro + "/sparql", count), "nothing written");
        } finally {
            readOnly.close();
        }
    }

    @Test
    void thePasswordIsNeverLogged() {
        String insert = "INSERT DATA { GRAPH <urn:x:logged> { <urn:x:a> <urn:x:b> \"c\" } }";
        assertEquals(401, Http.update(base + "/update", insert, "editor", "wrong-" + PASSWORD).statusCode());
        assertEquals(401, Http.update(base + "/update", insert, "editor" + PASSWORD, PASSWORD).statusCode());
        HttpResponse<String> ok = Http.update(base + "/update", insert, "editor", PASSWORD);
        assertTrue(ok.statusCode() / 100 == 2, ok.statusCode() + " " + ok.body());
        Http.update(base + "/update", "DROP GRAPH <urn:x:logged>", "editor", PASSWORD);
        String log = LOG.toString();
        assertTrue(log.contains("/update"), "the capture works: the update requests are in the log\n" + log);
        assertFalse(log.contains(PASSWORD), "the password is in the log:\n" + log);
        String basic = Base64.getEncoder().encodeToString(("editor:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertFalse(log.contains(basic), "the Authorization header is in the log");
        assertFalse(log.contains(basic.substring(0, 16)), "part of the Authorization header is in the log");
    }

    @Test
    void aHugeRequestIsRefusedAndTheServerKeepsAnswering() {
        String padding = "#" + "x".repeat(20 << 20) + "\n";
        assertRefused("20 MB query body", HttpRequest.newBuilder(URI.create(base + "/sparql"))
                .header("Content-Type", "application/sparql-query").header("Accept", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("SELECT * { ?s ?p ?o } LIMIT 1 " + padding)).build());
        assertRefused("20 MB form", HttpRequest.newBuilder(URI.create(base + "/sparql"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + Http.enc("SELECT * { ?s ?p ?o } LIMIT 1 " + padding))).build());
        try {
            HttpResponse<String> url = Http.get(base + "/sparql?query=" + Http.enc("ASK {}") + "&pad=" + "y".repeat(2 << 20), "text/csv");
            assertTrue(url.statusCode() == 414 || url.statusCode() == 431 || url.statusCode() == 400, "a 2 MB URL gave " + url.statusCode());
        } catch (java.io.UncheckedIOException e) {
            // refused too: Jetty may close the connection on a header this large before it answers
            assertTrue(e.getMessage().contains("header parser received no bytes") || e.getMessage().contains("closed")
                    || e.getMessage().contains("reset"), e.toString());
        }
        assertEquals(200, Http.query(base + "/sparql", "ASK {}", "application/sparql-results+json").statusCode());
    }

    /**
     * A request too large is answered 413 (or 400) with "Connection: close"; a client still sending its body may
     * see the connection closed (broken pipe) before it reads that answer. Either way nothing was processed.
     */
    private static void assertRefused(String what, HttpRequest request) {
        try {
            int status = Http.send(request).statusCode();
            assertTrue(status == 413 || status == 400, what + " gave " + status);
        } catch (java.io.UncheckedIOException e) {
            String m = String.valueOf(e.getCause());
            assertTrue(m.contains("Broken pipe") || m.contains("header parser received no bytes") || m.contains("reset")
                    || m.contains("closed"), what + ": " + e);
        }
    }

    @Test
    void aPageListsAtMostItsCapOfRows() {
        assertEquals(INBOUND, Http.count(base + "/sparql", "SELECT (COUNT(*) AS ?n) { ?s <https://w3id.org/kvgraph/def#mentions> <"
                + Uris.DEFAULT_BASE + PERSON + "> }"));
        HttpResponse<String> page = Http.get(root + "/" + PERSON, "text/html");
        assertEquals(200, page.statusCode());
        int rows = (int) page.body().lines().filter(l -> l.startsWith("<li>") && l.contains("urn:x:pointer")).count();
        assertTrue(rows > 0 && rows <= ResourcePage.MAX_INBOUND, rows + " rows");
    }

    @Test
    void pathTraversalNeverReachesAFile() throws Exception {
        String secret = "kvgraph-secret-" + System.nanoTime();
        Path outside = tmp.resolve("outside.txt");
        Files.writeString(outside, secret);
        List<String> attacks = List.of("../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/etc/passwd",
                "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%252e%252e%252f%252e%252e%252fetc%252fpasswd", "..%5c..%5cetc%5cpasswd",
                "....//....//etc/passwd", "%2fetc%2fpasswd", "/etc/passwd", ".%2e/.%2e/etc/passwd", "..;/..;/etc/passwd",
                "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "..%00/etc/passwd", "../../../../../../.." + outside,
                "..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2f" + outside.toString().substring(1).replace("/", "%2f"),
                "../../pom.xml", "..%2f..%2fpom.xml");
        for (String route : List.of("/download/", "/assets/", "/id/", "/def/", "/graph/", "/dataset/", "/")) {
            for (String a : attacks) {
                String path = route + a;
                HttpResponse<String> r;
                try {
                    r = Http.send(HttpRequest.newBuilder(URI.create(root + path)).header("Accept", "*/*").GET().build());
                } catch (IllegalArgumentException e) {
                    continue; // not even a URI the client sends
                }
                assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + " gave " + r.statusCode());
                assertFalse(r.body().contains("root:x:0:0") || r.body().contains(secret) || r.body().contains("<artifactId>"), path + " leaked");
            }
        }
    }
}
