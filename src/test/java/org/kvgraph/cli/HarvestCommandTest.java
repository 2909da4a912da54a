package org.kvgraph.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFDataMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.TestGraphs;
import org.kvgraph.validate.Validator;
import picocli.CommandLine;

/**
 * {@code kvgraph harvest} against a local OData server on loopback serving the fixture pages (the 21 real
 * Zaken, src/test/resources/odata) and the 21 real PDFs as their documents. Nothing reaches the internet.
 */
class HarvestCommandTest {
    private static final Path ODATA = Path.of("src/test/resources/odata");
    private static final Path PDF = Path.of("src/test/resources/pdf");
    private static final Path FEED = Path.of("src/test/resources/syncfeed");
    private static final Path KOOP = Path.of("src/test/resources/koop");
    private static final Path REGISTRY = Path.of("src/test/resources/registry");
    /** The answer of 2024Z09394, ah-tk-20232024-1999, which officielebekendmakingen serves as XML. */
    private static final String IN_KOOP = "01bf9f06-42d0-48a6-a85f-12c9c8e14c57";
    private static final String REAL_BASE = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/";
    /** Answers 503 twice, then its PDF. */
    private static final String FLAKY = "1b2d2126-a21e-4c3e-9b18-42206b4cc791";
    /** Served cut off after 1,500 bytes. */
    private static final String MALFORMED = "1c0f765c-d7b4-455e-a241-35a4e9a9dc36";

    @TempDir
    Path tmp;

    private HttpServer server;
    private String base;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final List<String> userAgents = new CopyOnWriteArrayList<>();
    private volatile boolean secondPageDown;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/odata/";
        server.createContext("/odata/", this::handle);
        server.createContext("/SyncFeed/2.0/", this::handleFeed);
        server.createContext("/koop/", this::handleKoop);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String query = x.getRequestURI().getQuery();
        userAgents.add(x.getRequestHeaders().getFirst("User-Agent"));
        String key = path.startsWith("/odata/Zaak") ? (query != null && query.contains("$skip=11") ? "page-2" : "page-1") : path;
        int n = requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (path.matches("^/odata/(Persoon|Fractie|FractieZetel|FractieZetelPersoon)$")) {
            // the registry fixtures, each one page
            String set = path.substring("/odata/".length());
            String json = Files.readString(REGISTRY.resolve(set.toLowerCase(java.util.Locale.ROOT) + ".json")).replace(REAL_BASE, base);
            send(x, 200, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (key.startsWith("page-")) {
            if (key.equals("page-1") && !(query.contains("Soort eq 'Schriftelijke vragen'") && query.contains("$expand=ZaakActor,Document"))) {
                send(x, 400, "text/plain", "bad query".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (key.equals("page-2") && secondPageDown) {
                send(x, 500, "text/plain", "down".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String json = Files.readString(ODATA.resolve(key + ".json")).replace(REAL_BASE, base);
            send(x, 200, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
            return;
        }
        String id = path.replaceFirst("^/odata/Document\\(([0-9a-f-]+)\\)/resource$", "$1");
        Path pdf = PDF.resolve(id + ".pdf");
        if (id.equals(path) || !Files.exists(pdf)) {
            send(x, 404, "text/plain", "no such document".getBytes(StandardCharsets.UTF_8));
        } else if (id.equals(FLAKY) && n <= 2) {
            x.getResponseHeaders().add("Retry-After", "0");
            send(x, 503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8));
        } else if (id.equals(MALFORMED)) {
            send(x, 200, "application/pdf", Arrays.copyOf(Files.readAllBytes(pdf), 1500));
        } else {
            send(x, 200, "application/pdf", Files.readAllBytes(pdf));
        }
    }

    /** officielebekendmakingen: the KOOP fixtures (ah-tk-20232024-1999 with its metadata); anything else 404. */
    private void handleKoop(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        userAgents.add(x.getRequestHeaders().getFirst("User-Agent"));
        requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        Path file = KOOP.resolve(path.substring("/koop/".length())).normalize();
        if (file.startsWith(KOOP) && Files.isRegularFile(file) && path.contains("ah-tk-20232024-1999")) {
            send(x, 200, "application/xml", Files.readAllBytes(file));
        } else {
            send(x, 404, "text/html", "<html>niet gevonden</html>".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The three fixture pages as the Zaak, ZaakActor and Document feeds; after their skiptoken nothing new. */
    private void handleFeed(HttpExchange x) throws IOException {
        String feed = "http://127.0.0.1:" + server.getAddress().getPort() + "/SyncFeed/2.0/";
        String path = x.getRequestURI().getPath();
        String query = x.getRequestURI().getQuery();
        userAgents.add(x.getRequestHeaders().getFirst("User-Agent"));
        requests.computeIfAbsent(path + "?" + query, k -> new AtomicInteger()).incrementAndGet();
        if (path.startsWith("/SyncFeed/2.0/Resources/")) {
            Path pdf = PDF.resolve(path.substring("/SyncFeed/2.0/Resources/".length()) + ".pdf");
            send(x, Files.exists(pdf) ? 200 : 404, "application/pdf", Files.exists(pdf) ? Files.readAllBytes(pdf) : new byte[0]);
            return;
        }
        Map<String, String> pages = Map.of("Zaak", "page-1.xml", "ZaakActor", "page-2.xml", "Document", "page-3.xml");
        String category = query.replaceFirst("^category=([A-Za-z]+).*$", "$1");
        if (query.contains("skiptoken") || !pages.containsKey(category)) {
            send(x, 200, "application/atom+xml", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>SyncFeed</title></feed>\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String next = feed + "Feed?category=" + category + "&amp;skiptoken=" + (1000 + pages.size());
        String xml = Files.readString(FEED.resolve(pages.get(category)))
                .replaceAll("<link rel=\"next\" href=\"[^\"]*\"/>", "")
                .replace("<title>SyncFeed</title>", "<title>SyncFeed</title>\n  <link rel=\"next\" href=\"" + next + "\"/>");
        send(x, 200, "application/atom+xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    record Run(int exit, String out, String err) {
    }

    private Run harvest(String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Kvgraph.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String koop = "http://127.0.0.1:" + server.getAddress().getPort() + "/koop/";
        String[] common = {"harvest", "--cache", tmp.resolve("cache").toString(), "--odata-url", base, "--koop-url", koop,
            "--interval", "0", "--backoff", "10", "--retries", "2"};
        String[] args = Arrays.copyOf(common, common.length + extra.length);
        System.arraycopy(extra, 0, args, common.length, extra.length);
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void harvestsConvertsAndRebuildsOffline() throws IOException {
        Path first = tmp.resolve("first.ttl");
        Run r = harvest("--from", "2023-11-01", "--to", "2024-08-31", "-o", first.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("pages: 2 (2 fetched), documents: 21 (21 fetched)"), r.out());
        assertTrue(r.out().contains("cases: 21"), r.out());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("document 1 of 21 (4%) ")), "a progress line per document: " + r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("document 21 of 21 (100%) ")), r.err());
        // The malformed document, reported by its URL and reason; nothing else failed.
        String url = base + "Document(" + MALFORMED + ")/resource";
        List<String> failures = r.err().lines().filter(l -> !l.startsWith("page ") && !l.startsWith("document ")
                && !l.startsWith("  ") && !l.startsWith("note: ")).toList();
        // A note is no failure: 2024Z11864's Onderwerp lacks the closing quote its published answer prints.
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("note: ") && l.contains("the title differs")).count(), r.err());
        assertEquals(1, failures.size(), r.err());
        assertTrue(failures.get(0).startsWith(url + ": not a readable PDF"), failures.get(0));
        // The flaky one: two 503s, then its PDF.
        assertEquals(3, requests.get("/odata/Document(" + FLAKY + ")/resource").get());
        assertTrue(userAgents.stream().allMatch(ua -> ua != null && ua.startsWith("kvgraph/")), userAgents.toString());
        // The answer officielebekendmakingen has as XML comes from there with its metadata, not as the PDF; the others
        // are asked for there first (404) and come as PDFs.
        assertEquals(1, requests.get("/koop/ah-tk-20232024-1999.xml").get());
        assertEquals(1, requests.get("/koop/ah-tk-20232024-1999/metadata.xml").get());
        assertEquals(null, requests.get("/odata/Document(" + IN_KOOP + ")/resource"), "no PDF where the XML is");
        assertEquals(1, requests.get("/koop/ah-tk-20232024-1314.xml").get(), "asked for the XML first");
        assertEquals(1, requests.get("/odata/Document(00fe7edd-24c8-4857-98da-774ed3b06836)/resource").get(), "then the PDF");
        assertTrue(Files.exists(tmp.resolve("cache/documents/" + IN_KOOP + ".xml")));
        assertTrue(Files.exists(tmp.resolve("cache/documents/" + IN_KOOP + ".metadata.xml")));

        Model m = RDFDataMgr.loadModel(first.toString());
        assertEquals(21, TestGraphs.column(m, "SELECT ?s { ?s a kv:QuestionSet ; kv:caseNumber ?c ; kv:tkId ?id }").size());
        assertEquals(20, TestGraphs.column(m, "SELECT DISTINCT ?s { ?s kv:hasQuestion ?q ; kv:caseNumber ?c }").size(),
                "every good case converted with its answer's questions, under its case number");
        assertEquals(List.of("https://w3id.org/kvgraph/id/source/" + IN_KOOP + ".xml"), TestGraphs.column(m,
                "SELECT DISTINCT ?src { <https://w3id.org/kvgraph/id/question-set/2024Z09394/question/1> prov:wasDerivedFrom ?src }"),
                "the questions of 2024Z09394 come from the officielebekendmakingen XML");
        assertTrue(new Validator().validate(m.getGraph()).conforms());

        int before = requests.values().stream().mapToInt(AtomicInteger::get).sum();
        Path second = tmp.resolve("second.ttl");
        Run offline = harvest("--offline", "-o", second.toString());
        assertEquals(1, offline.exit(), offline.err());
        assertEquals(before, requests.values().stream().mapToInt(AtomicInteger::get).sum(), "offline fetches nothing");
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), "offline rebuild is byte-identical");
    }

    /** --sync reads the SyncFeed and its documents; a second --sync continues from the last skiptoken. */
    @Test
    void syncContinuesFromTheLastSkiptoken() throws IOException {
        String feed = "http://127.0.0.1:" + server.getAddress().getPort() + "/SyncFeed/2.0/";
        Path first = tmp.resolve("sync1.ttl");
        Run r = harvest("--sync", "--syncfeed-url", feed, "-o", first.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("pages: 3 (3 fetched), documents: 3 (3 fetched)"), r.out());
        assertTrue(r.out().contains("cases: 3"), r.out());
        Model m = RDFDataMgr.loadModel(first.toString());
        assertEquals(List.of("https://w3id.org/kvgraph/id/question-set/2024Z03568", "https://w3id.org/kvgraph/id/question-set/2024Z05462",
                        "https://w3id.org/kvgraph/id/question-set/2024Z09394"),
                TestGraphs.column(m, "SELECT DISTINCT ?s { ?s kv:hasQuestion ?q ; kv:tkId ?id } ORDER BY ?s"));
        assertTrue(new Validator().validate(m.getGraph()).conforms());

        Path second = tmp.resolve("sync2.ttl");
        Run again = harvest("--sync", "--syncfeed-url", feed, "-o", second.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("pages: 3 (0 fetched), documents: 3 (0 fetched)"), again.out());
        for (String category : List.of("Zaak", "ZaakActor", "Document")) {
            assertEquals(1, requests.get("/SyncFeed/2.0/Feed?category=" + category).get(), category + " from the start once");
            assertEquals(2, requests.get("/SyncFeed/2.0/Feed?category=" + category + "&skiptoken=1003").get(), category + " from its token");
        }
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    /** On a terminal the documents are a progress bar (a library's), not a line each. */
    @Test
    void documentsAsAProgressBar() throws IOException {
        java.io.ByteArrayOutputStream terminal = new java.io.ByteArrayOutputStream();
        StringWriter lines = new StringWriter();
        org.kvgraph.harvest.Harvester h = new org.kvgraph.harvest.Harvester(java.net.URI.create(base), tmp.resolve("cache"))
                .koop(null).interval(java.time.Duration.ZERO).retries(2, java.time.Duration.ofMillis(10))
                .progress(new PrintWriter(lines, true))
                .progressBar(new java.io.PrintStream(terminal, true, java.nio.charset.StandardCharsets.UTF_8));
        org.kvgraph.harvest.Harvester.Result r = h.harvest(java.time.LocalDate.of(2023, 11, 1), java.time.LocalDate.of(2024, 8, 31));
        assertEquals(21, r.documents());
        String bar = terminal.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(bar.contains("documents") && bar.contains("21/21"), bar);
        assertTrue(lines.toString().lines().noneMatch(l -> l.startsWith("document ")), lines.toString());
        assertTrue(lines.toString().contains("page 1: "), "page lines still go to the log: " + lines);
    }

    @Test
    void anInterruptedHarvestDoesNotFetchTheFirstPageAgain() {
        secondPageDown = true;
        Run broken = harvest("--from", "2023-11-01", "--to", "2024-08-31", "-o", tmp.resolve("a.ttl").toString());
        assertEquals(1, broken.exit());
        assertTrue(broken.err().contains("Zaak?") && broken.err().contains("HTTP 500 (after 2 retries)"), broken.err());
        assertEquals(3, requests.get("page-2").get());
        assertTrue(broken.out().contains("pages: 1 (1 fetched)"), broken.out());

        secondPageDown = false;
        Run resumed = harvest("--from", "2023-11-01", "--to", "2024-08-31", "-o", tmp.resolve("b.ttl").toString());
        assertEquals(1, requests.get("page-1").get(), "the first page is not fetched again");
        assertEquals(4, requests.get("page-2").get());
        assertTrue(resumed.out().contains("pages: 2 (1 fetched)"), resumed.out());
        assertTrue(resumed.out().contains("cases: 21"), resumed.out());
        // The documents of the first page fetched in the broken run are not fetched again either.
        assertEquals(1, requests.get("/odata/Document(00fe7edd-24c8-4857-98da-774ed3b06836)/resource").get());

        // Another period in the same cache is refused rather than mixed in.
        Run other = harvest("--from", "2024-01-01", "-o", tmp.resolve("c.ttl").toString());
        assertEquals(2, other.exit());
        assertTrue(other.err().contains("holds a harvest of 2023-11-01 to 2024-08-31"), other.err());
    }

    /** --registry also pages through Persoon, Fractie, FractieZetel and FractieZetelPersoon; seats become memberships. */
    @Test
    void harvestsTheRegistry() throws IOException {
        Path out = tmp.resolve("registry.ttl");
        Run r = harvest("--from", "2023-11-01", "--to", "2024-08-31", "--registry", "-o", out.toString());
        assertTrue(r.out().contains("pages: 6 (6 fetched)"), r.out());
        for (String set : List.of("Persoon", "Fractie", "FractieZetel", "FractieZetelPersoon")) {
            assertEquals(1, requests.get("/odata/" + set).get(), set);
            assertTrue(Files.exists(tmp.resolve("cache/odata/registry-" + set + "-0001.json")), set);
        }
        Model m = RDFDataMgr.loadModel(out.toString());
        assertEquals(16, TestGraphs.column(m, "SELECT ?ms { ?ms a org:Membership ; org:member ?p ; org:organization ?o }").size());
        // the 2024 askers are not in this (2019) registry: each one without a Persoon_Id is a note, left as it is
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("note: ") && l.contains("\"Mutluer (GroenLinks-PvdA)\" is not a member")), r.err());
        assertTrue(new Validator().validate(m.getGraph()).conforms());

        Run again = harvest("--from", "2023-11-01", "--to", "2024-08-31", "--registry", "-o", tmp.resolve("again.ttl").toString());
        assertTrue(again.out().contains("pages: 6 (0 fetched)"), again.out());
        assertEquals(1, requests.get("/odata/Persoon").get(), "a registry page in the cache is not fetched again");
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(tmp.resolve("again.ttl")));
    }
}
