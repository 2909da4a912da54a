package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.resultset.ResultSetCompare;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/**
 * Every example query in {@code queries/} runs through the real server against the bundled {@code data/} and
 * gives the reviewed result in {@code src/test/resources/queries/NAME.srj} (in order when the query has ORDER
 * BY). After a reviewed change of data or converter, regenerate the expected files with
 * {@code mvn -o test -Dtest=QueryFilesTest -Dkvgraph.regenerate=true} and review the diff before committing.
 */
class QueryFilesTest {
    static final Path QUERIES = Path.of("queries");
    static final Path EXPECTED = Path.of("src", "test", "resources", "queries");

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

    static Stream<Path> queryFiles() throws IOException {
        try (Stream<Path> s = Files.list(QUERIES)) {
            return s.filter(p -> p.toString().endsWith(".rq")).sorted().toList().stream();
        }
    }

    @Test
    void atLeastTwelveQueriesEachSayingWhatItAnswers() throws IOException {
        List<Path> files = queryFiles().toList();
        assertTrue(files.size() >= 12, "queries/ holds " + files.size() + " queries");
        for (Path f : files) {
            String first = Files.readAllLines(f, StandardCharsets.UTF_8).get(0);
            assertTrue(first.startsWith("# Research question:"), f + " opens with: " + first);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queryFiles")
    void queryGivesTheReviewedResult(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Query query = QueryFactory.create(text);
        HttpResponse<String> r = Http.postQuery(sparql, text, "application/sparql-results+json");
        assertEquals(200, r.statusCode(), r.body());
        ResultSetRewindable actual = ResultSetMgr.read(
                new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON).rewindable();
        String name = file.getFileName().toString().replaceFirst("\\.rq$", "");
        Path expectedFile = EXPECTED.resolve(name + ".srj");
        if (Boolean.getBoolean("kvgraph.regenerate")) {
            Files.createDirectories(EXPECTED);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ResultSetMgr.write(out, actual, ResultSetLang.RS_JSON);
            Files.write(expectedFile, out.toByteArray());
            System.err.println("regenerated " + expectedFile + " (" + actual.size() + " rows): review it");
            return;
        }
        if (!Files.exists(expectedFile)) {
            fail("no expected result " + expectedFile + "; generate with -Dkvgraph.regenerate=true and review it");
        }
        ResultSetRewindable expected;
        try (var in = Files.newInputStream(expectedFile)) {
            expected = ResultSetMgr.read(in, ResultSetLang.RS_JSON).rewindable();
        }
        boolean same = query.hasOrderBy()
                ? ResultSetCompare.equalsByTermAndOrder(expected, actual)
                : ResultSetCompare.equalsByTerm(expected, actual);
        expected.reset();
        actual.reset();
        if (!same) {
            fail(name + ": result differs from " + expectedFile + "\nexpected:\n" + ResultSetFormatter.asText(expected)
                    + "\nactual:\n" + ResultSetFormatter.asText(actual));
        }
    }
}
