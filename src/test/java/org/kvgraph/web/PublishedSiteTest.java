package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.cli.CliRunner;
import org.kvgraph.publish.Release;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/**
 * The published side of {@code kvgraph serve}: downloads, the dataset description, dereferenceable URIs by
 * content negotiation, the ontology, the landing and editor pages; a real Fuseki on a free port over the
 * bundled data/ in TDB2, asked over HTTP.
 */
class PublishedSiteTest {
    static final String BASE = "https://w3id.org/kvgraph/";
    static final String SEED = "id/question-set/2025Z10267";
    static final String PERSON = "id/person/bontenbal-cda";
    static final String TREATY = "id/treaty/BWBV0002899";

    @TempDir
    static Path tmp;
    static KvServer server;
    static String root;

    @BeforeAll
    static void start() throws Exception {
        Store store = new Store(tmp.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, new PrintWriter(new StringWriter()));
        server = KvServer.start(store, KvServer.Options.defaults().withPort(0).withTimeout(10));
        // the release is written in the background: these tests are about the written one
        assertEquals(Site.Status.READY, server.awaitRelease(java.time.Duration.ofMinutes(2)).status());
        root = "http://localhost:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<byte[]> bytes(String path) {
        try {
            return Http.CLIENT.send(HttpRequest.newBuilder(URI.create(root + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void downloadsAreTheReleaseKvgraphPublishWritesForTheSameData() throws IOException {
        Path published = tmp.resolve("published");
        assertEquals(0, CliRunner.run("publish", "--out", published.toString(), "data").exit());
        for (String f : List.of("kvgraph.ttl.gz", "kvgraph.nt.gz", "kvgraph.nq.gz", "dataset.ttl", "SHA256SUMS")) {
            HttpResponse<byte[]> r = bytes("/download/" + f);
            assertEquals(200, r.statusCode(), f);
            assertArrayEquals(Files.readAllBytes(published.resolve(f)), r.body(), f + " served as published");
        }
        assertEquals("application/gzip", bytes("/download/kvgraph.nt.gz").headers().firstValue("Content-Type").orElse(""));
        assertTrue(Release.verify(server.generation().resolve("release")).isEmpty());
        HttpResponse<String> index = Http.get(root + "/download/", "text/html");
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains(Release.sha256(published.resolve("kvgraph.nt.gz"))), "checksums listed");
    }

    @Test
    void pathTraversalAndUnknownFilesAreRefused() {
        for (String p : List.of("/download/../pom.xml", "/download/..%2f..%2fpom.xml", "/download/%2e%2e/%2e%2e/pom.xml",
                "/download/kvgraph.nt.gz/../../../pom.xml", "/download/load.properties", "/download/../load.properties",
                "/download/nothing.gz", "/download/.kvgraph.nt.gz.123.part")) {
            HttpResponse<String> r = Http.get(root + p, "*/*");
            assertTrue(r.statusCode() == 404 || r.statusCode() == 400, p + " gave " + r.statusCode());
            assertFalse(r.body().contains("<artifactId>") || r.body().contains("fingerprint"), p);
        }
        assertEquals(404, Http.get(root + "/download/../pom.xml", "*/*").statusCode());
        assertEquals(404, Http.get(root + "/download/load.properties", "*/*").statusCode());
    }

    @Test
    void theDatasetDescriptionIsServedAndCountsTheServedTriples() {
        HttpResponse<String> r = Http.get(root + "/dataset", "text/turtle");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/turtle"));
        Graph d = parse(r.body(), Lang.TURTLE);
        Node ds = NodeFactory.createURI(BASE + "dataset");
        long triples = Long.parseLong(d.find(ds, NodeFactory.createURI("http://rdfs.org/ns/void#triples"), Node.ANY)
                .next().getObject().getLiteralLexicalForm());
        // The endpoint also serves the statistics materialised at load, which are not part of the release (their
        // observations are blank nodes of a graph of their own, so each of their triples is distinct).
        long statistics = Http.count(server.datasetUrl() + "/sparql", org.kvgraph.DataCounts.STATISTICS);
        assertTrue(statistics > 0, "statistics are served");
        assertEquals(Http.count(server.datasetUrl() + "/sparql", "SELECT (COUNT(*) AS ?n) {?s ?p ?o}") - statistics,
                triples);
        assertEquals(Http.get(root + "/download/dataset.ttl", "*/*").body(), r.body(), "the release's dataset.ttl");
        assertTrue(Http.get(root + "/dataset", "text/html").body().contains("Kamervragen en antwoorden als linked data"));
        Graph nt = parse(Http.get(root + "/dataset", "application/n-triples").body(), Lang.NTRIPLES);
        assertTrue(nt.isIsomorphicWith(d), "the same description in another format");
    }

    static final Map<String, String> FORMATS = Map.of(
            "text/turtle", "text/turtle",
            "application/n-triples", "application/n-triples",
            "application/ld+json", "application/ld+json",
            "application/rdf+xml", "application/rdf+xml");

    @Test
    void contentNegotiationGivesEachFormatForASetAPersonAndATreaty() {
        for (String path : List.of(SEED, PERSON, TREATY)) {
            Node uri = NodeFactory.createURI(BASE + path);
            for (Map.Entry<String, String> f : FORMATS.entrySet()) {
                HttpResponse<String> r = Http.get(root + "/" + path, f.getKey());
                assertEquals(200, r.statusCode(), path + " " + f.getKey());
                String type = r.headers().firstValue("Content-Type").orElse("");
                assertTrue(type.startsWith(f.getValue()), path + " as " + f.getKey() + ": " + type);
                assertEquals("Accept", r.headers().firstValue("Vary").orElse(""));
                String link = r.headers().firstValue("Link").orElse("");
                for (String alt : FORMATS.values()) {
                    assertTrue(link.contains("type=\"" + alt + "\""), link);
                }
                Graph g = parse(r.body(), RDFLanguages.contentTypeToLang(f.getValue()));
                assertTrue(g.find(uri, Node.ANY, Node.ANY).hasNext(), path + " " + f.getKey() + ": its own triples");
                assertFalse(g.find(Node.ANY, Node.ANY, Node.ANY).toList().stream()
                        .anyMatch(t -> !t.getSubject().equals(uri) && !Describe.LABELS.contains(t.getPredicate())),
                        "besides its own triples only labels");
            }
            HttpResponse<String> html = Http.get(root + "/" + path,
                    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
            assertEquals(200, html.statusCode());
            assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            HttpResponse<String> any = Http.get(root + "/" + path, "*/*");
            assertTrue(any.headers().firstValue("Content-Type").orElse("").startsWith("text/turtle"));
            HttpResponse<String> byParam = Http.get(root + "/" + path + "?format=nt", "text/html");
            assertTrue(byParam.headers().firstValue("Content-Type").orElse("").startsWith("application/n-triples"));
        }
        // the labels of what the set points at come along: the askers' names
        Graph seed = parse(Http.get(root + "/" + SEED, "application/n-triples").body(), Lang.NTRIPLES);
        assertTrue(seed.contains(NodeFactory.createURI(BASE + PERSON), NodeFactory.createURI("http://xmlns.com/foaf/0.1/name"),
                NodeFactory.createLiteralString("Bontenbal")));
        assertEquals(406, Http.get(root + "/" + SEED, "image/png").statusCode());
    }

    @Test
    void unknownUrisGive404() {
        for (String p : List.of("/id/question-set/1999Z00000", "/id/person/nobody", "/id/treaty/BWBV0000000", "/id/",
                "/graph/nothing.txt", "/dataset/nothing")) {
            assertEquals(404, Http.get(root + p, "text/turtle").statusCode(), p);
        }
    }

    @Test
    void theOntologyAsTurtleAndAsAPage() throws IOException {
        HttpResponse<String> ttl = Http.get(root + "/def", "text/turtle");
        assertEquals(200, ttl.statusCode());
        assertEquals(Files.readString(Path.of("ontology/kvgraph.ttl")), ttl.body());
        HttpResponse<String> html = Http.get(root + "/def", "text/html");
        assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(html.body().contains("id=\"QuestionSet\""), "an anchor per term");
        assertTrue(html.body().contains("gesteld door"), "labels shown");
        assertTrue(Http.get(root + "/def", "application/n-triples").body().contains("<https://w3id.org/kvgraph/def#askedBy>"));
    }

    @Test
    void theLandingPageHasCountsExamplesAndDownloads() {
        HttpResponse<String> r = Http.get(root + "/", "text/html");
        assertEquals(200, r.statusCode());
        String body = r.body();
        long sets = Http.count(server.datasetUrl() + "/sparql",
                "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s a <https://w3id.org/kvgraph/def#QuestionSet> }");
        assertTrue(body.contains("data-count=\"vragensets (Kamervragen)\">" + sets + "<"), "count of sets " + sets);
        long citations = Http.count(server.datasetUrl() + "/sparql",
                "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?o { ?s <https://w3id.org/kvgraph/def#cites> ?o } }");
        assertTrue(citations > 0 && body.contains("data-count=\"aanhalingen\">" + citations + "<"),
                "count of distinct citations " + citations);
        assertTrue(body.contains("href=\"/sparql?example=12-full-text-search\""), "examples one click away");
        assertTrue(body.contains("href=\"/download/kvgraph.ttl.gz\""));
        assertTrue(body.contains(Release.sha256(server.generation().resolve("release/kvgraph.ttl.gz"))));
        assertFalse(body.contains("<script src=\"http") || body.contains("<link rel=\"stylesheet\" href=\"http"), "no external files");
    }

    @Test
    void theEditorPageUsesTheBundledYasgui() {
        HttpResponse<String> page = Http.get(root + "/sparql", "text/html");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"/assets/yasgui.min.js\"></script>"));
        assertTrue(page.body().contains("/kamervragen/sparql"));
        assertFalse(page.body().contains("cdn"), "nothing from a CDN");
        HttpResponse<String> js = Http.get(root + "/assets/yasgui.min.js", "*/*");
        assertEquals(200, js.statusCode());
        assertTrue(js.body().length() > 500_000 && js.body().contains("Yasgui"));
        assertEquals(200, Http.get(root + "/assets/yasgui.min.css", "*/*").statusCode());
        assertEquals(404, Http.get(root + "/assets/../pom.xml", "*/*").statusCode());
    }

    @Test
    void theSeedSetPageShowsItsQuestionsBesideTheirAnswers() {
        String html = Http.get(root + "/" + SEED, "text/html").body();
        assertEquals(7, html.split("<div class=\"q\"", -1).length - 1);
        assertEquals(7, html.split("<div class=\"a\"><h3><a href=\"/" + SEED + "/answer/", -1).length - 1);
        assertTrue(html.contains(">Bontenbal</a> (<a href=\"/id/party/cda\">CDA</a>)"), "askers with party");
        assertTrue(html.contains(">Caspar Veldkamp</a>"), "the answering minister");
        assertTrue(html.contains(">minister van Buitenlandse Zaken</a>"));
        assertTrue(html.contains("2025-05-22"));
        assertTrue(html.contains("href=\"https://wetten.overheid.nl/BWBV0002899\""), "citation links");
        assertTrue(html.contains("href=\"https://zoek.officielebekendmakingen.nl/kv-tk-2025Z10267\""), "outside links");
        assertTrue(html.contains("href=\"http://www.wikidata.org/entity/Q273749\""), "the party on Wikidata");
    }

    @Test
    void theCurlExamplesOfThePublishingDocsRun() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")),
                "curl is not installed: the curl examples of docs/publishing.md cannot run (.ci/run installs it)");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("```sh\\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(Files.readString(Path.of("docs", "publishing.md")));
        Path work = Files.createDirectories(tmp.resolve("docs-work"));
        int n = 0;
        while (m.find()) {
            String block = m.group(1);
            assertTrue(block.contains("curl ") && block.contains("localhost:3030"), block);
            Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", block.replace("localhost:3030", "localhost:" + server.port()))
                    .directory(work.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), "example failed:\n" + block + "\noutput:\n" + out);
            assertTrue(out.strip().length() > 0, "example printed nothing:\n" + block);
            n++;
        }
        assertTrue(n >= 5, "curl examples in docs/publishing.md: " + n);
        assertTrue(Files.isRegularFile(work.resolve("release/kvgraph.nt.gz")));
    }

    @Test
    void thePartsOfTheDescriptionAnswerToo() {
        HttpResponse<String> r = Http.get(root + "/dataset/distribution/kvgraph.nt.gz", "application/n-triples");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<http://www.w3.org/ns/dcat#byteSize>"), r.body());
        HttpResponse<String> g = Http.get(root + "/graph/000_4eec038f78b129de.txt", "text/turtle");
        assertEquals(200, g.statusCode());
        assertTrue(g.body().contains("2025Z10267"));
    }

    static Graph parse(String body, Lang lang) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .lang(lang).base("http://base.example/").parse(g);
        return g;
    }

    static String gunzip(byte[] b) throws IOException {
        return new String(new GZIPInputStream(new ByteArrayInputStream(b)).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
