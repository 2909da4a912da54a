package org.kvgraph.synth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/**
 * Every example query in {@code queries/} answers rows on a synthetic corpus of the benchmark's seed (42) loaded
 * alone, without the bundled data: a benchmark of a query that answers nothing measures nothing. Queries 03, 11 and
 * 13 look up a member ("Dobbe"), supplementing sets and a member of government ("Van Huffelen") that the generator
 * did not make before the twelfth session, and 08 labelled treaties before the eleventh.
 */
class ExampleQueriesOnSyntheticCorpusTest {
    private static Path dir;
    private static Store.Opened opened;

    @BeforeAll
    static void load() throws IOException {
        dir = Files.createTempDirectory("kvgraph-example-queries");
        SyntheticCorpus.generate(new SyntheticCorpus.Config(1_000, 42), dir.resolve("synthetic"));
        Store store = new Store(dir.resolve("db"));
        store.load(Inputs.of(List.of(dir.resolve("synthetic"))), Uris.DEFAULT_BASE, false, null);
        opened = store.open();
    }

    @AfterAll
    static void close() throws IOException {
        if (opened != null) {
            opened.close();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Stream<String> exampleQueries() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("queries"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rq")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleQueries")
    void answersRows(String file) throws IOException {
        String text = Files.readString(Path.of("queries", file), StandardCharsets.UTF_8);
        long rows = Txn.calculateRead(opened.dataset(), () -> {
            try (QueryExec qe = QueryExec.dataset(opened.dataset()).query(text).build()) {
                RowSet rs = qe.select();
                long n = 0;
                while (rs.hasNext()) {
                    rs.next();
                    n++;
                }
                return n;
            }
        });
        assertTrue(rows > 0, file + " answers no rows on the synthetic corpus");
    }
}
