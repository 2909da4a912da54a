package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/**
 * The server parses each distinct query text once ({@link ParsedQueryCache}): a text sent again is not parsed
 * again, yet every request is answered as a freshly parsed query would be, another text (one character apart) gets
 * its own answer, concurrent requests of one text each get the whole answer, and a text that does not parse is
 * reported every time as Fuseki reports it. Every request bypasses the result cache ({@code no-cache}), so the
 * answers are computed.
 */
class ParsedQueryCacheTest {
    static final String JSON = "application/sparql-results+json";
    static final String SEED_SET = "https://w3id.org/kvgraph/id/question-set/2025Z10267";

    @TempDir
    static Path tmp;
    static KvServer server;
    static String sparql;

    @BeforeAll
    static void start() {
        Store store = new Store(tmp.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, new PrintWriter(new StringWriter()));
        server = KvServer.start(store, KvServer.Options.defaults().withPort(0));
        sparql = server.datasetUrl() + "/sparql";
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> computed(String query, String accept) {
        HttpResponse<String> r = ResultCacheTest.post(sparql, query, accept, true);
        assertEquals("bypass", ResultCacheTest.cache(r));
        return r;
    }

    static List<Path> exampleQueries() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("queries"))) {
            return s.filter(p -> p.toString().endsWith(".rq")).sorted().toList();
        }
    }

    @Test
    void aCopyOfTheParsedQueryIsTheQueryParsedAfresh() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path p : exampleQueries()) {
            texts.add(Files.readString(p, StandardCharsets.UTF_8));
        }
        // forms the example queries do not show: blank nodes, DESCRIBE, CONSTRUCT templates, FROM, VALUES, paths
        texts.add("SELECT * { _:b ?p [ ?q ?o ] } LIMIT 3");
        texts.add("DESCRIBE <" + SEED_SET + ">");
        texts.add("BASE <http://example.org/b/> SELECT (IRI(\"x\") AS ?i) { <rel> ?p ?o }");
        texts.add("CONSTRUCT { ?s ?p [ a ?o ] } FROM <urn:x:g> WHERE { ?s ?p ?o FILTER(?p != <urn:x:p>) }");
        texts.add("SELECT ?s (COUNT(*) AS ?n) { VALUES ?s { <urn:x:a> <urn:x:b> } ?s (<urn:x:p>|^<urn:x:q>)+ ?o }"
                + " GROUP BY ?s HAVING (COUNT(*) > 1) ORDER BY DESC(?n) OFFSET 1 LIMIT 2");
        for (String text : texts) {
            Query parsed = QueryFactory.create(text, "http://server/unset-base/", Syntax.syntaxARQ);
            Query copy = ParsedQueryCache.copy(parsed);
            assertEquals(QueryFactory.create(text, "http://server/unset-base/", Syntax.syntaxARQ), copy, text);
            assertEquals(parsed.serialize(), copy.serialize(), text);
            assertEquals(parsed.getPrefixMapping().getNsPrefixMap(), copy.getPrefixMapping().getNsPrefixMap(), text);
            assertTrue(parsed.getBaseURI() != null, text);
            assertEquals(parsed.getBaseURI(), copy.getBaseURI(), text);
            assertEquals(parsed.explicitlySetBaseURI(), copy.explicitlySetBaseURI(), text);
            assertTrue(parsed.getPrologue().samePrologue(copy.getPrologue()), text);
            assertTrue(copy != parsed && (parsed.getQueryPattern() == null || copy.getQueryPattern() != parsed.getQueryPattern()),
                    "a copy, not the same: " + text);
        }
    }

    @Test
    void everyExampleQueryAnswersTheSameFromTheCachedParse() throws IOException {
        for (Path p : exampleQueries()) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            long parses = server.queries().parses();
            HttpResponse<String> first = computed(text, JSON);
            assertEquals(200, first.statusCode(), p + ": " + first.body());
            HttpResponse<String> again = computed(text, JSON);
            assertEquals(200, again.statusCode(), p + ": " + again.body());
            assertEquals(first.body(), again.body(), p.toString());
            assertTrue(server.queries().parses() <= parses + 1, p + " parsed again");
        }
    }

    @Test
    void anotherTextGetsItsOwnAnswerAndARepeatedTextIsNotParsedAgain() {
        String one = "SELECT ?t WHERE { <" + SEED_SET + "> <https://w3id.org/kvgraph/def#caseNumber> ?t }";
        String other = one.replace("caseNumber", "caseNumbe");
        long parses = server.queries().parses();
        String a = computed(one, JSON).body();
        assertTrue(a.contains("2025Z10267"), a);
        String b = computed(other, JSON).body();
        assertTrue(!b.contains("2025Z10267") && b.contains("\"bindings\""), b);
        assertEquals(a, computed(one, JSON).body());
        assertEquals(b, computed(other, JSON).body());
        assertEquals(parses + 2, server.queries().parses());
        // the same text in another result format, and as a GET, uses the same parse
        String csv = computed(one, "text/csv").body();
        assertEquals("t\r\n2025Z10267\r\n", csv);
        assertEquals(csv, Http.query(sparql, one, "text/csv").body());
        assertEquals(parses + 2, server.queries().parses());
    }

    @Test
    void aTextThatDoesNotParseIsReportedEveryTime() {
        String bad = "SELECT * WHERE { ?s ?p }";
        long parses = server.queries().parses();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = computed(bad, JSON);
            assertEquals(400, r.statusCode());
            assertTrue(r.body().startsWith("Parse error: Encountered"), r.body());
        }
        assertEquals(parses + 2, server.queries().parses());
        assertEquals(400, computed(" \n ", JSON).statusCode());
    }

    @Test
    void concurrentRequestsOfOneTextEachGetTheWholeAnswer() throws Exception {
        String text = "SELECT ?s ?p ?o { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 200";
        String expected = computed(text, JSON).body();
        assertTrue(expected.split("\"s\":").length > 100, "a few hundred rows");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answers.add(pool.submit(() -> computed(text, JSON).body()));
            }
            for (Future<String> f : answers) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertNotEquals(0, server.queries().parses());
    }

    @Test
    void theCacheIsBoundedAndATextLeftOutIsParsedAgain() {
        ParsedQueryCache c = new ParsedQueryCache();
        for (int i = 0; i < ParsedQueryCache.MAX_ENTRIES + 100; i++) {
            String text = "SELECT * { ?s ?p " + i + " }";
            assertEquals(QueryFactory.create(text), c.query(text));
        }
        assertEquals(ParsedQueryCache.MAX_ENTRIES, c.kept()[0]);
        // the first texts went first, and come back as they parse
        long parses = c.parses();
        assertEquals(QueryFactory.create("SELECT * { ?s ?p 0 }"), c.query("SELECT * { ?s ?p 0 }"));
        assertEquals(parses + 1, c.parses());
        // a long text is answered but not kept; many medium ones are held to the character bound
        String big = "SELECT * { ?s ?p ?o FILTER(?o != \"" + "x".repeat(ParsedQueryCache.MAX_TEXT) + "\") }";
        c.query(big);
        c.query(big);
        assertEquals(parses + 3, c.parses());
        for (int i = 0; i < 300; i++) {
            c.query("SELECT * { ?s ?p ?o FILTER(?o != \"" + "y".repeat(ParsedQueryCache.MAX_TEXT - 100) + i + "\") }");
        }
        assertTrue(c.kept()[1] <= ParsedQueryCache.MAX_CHARS, "characters kept: " + c.kept()[1]);
    }
}
