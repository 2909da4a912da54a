package org.kvgraph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.main.OpExecutorFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.solver.OpExecutorTDB2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kvgraph.rdf.Uris;
import org.kvgraph.synth.SyntheticCorpus;

/**
 * The store's executor joins patterns whose subject is bound by a hash table of the predicate's range once enough
 * rows have come ({@link ScanJoin}), and gives the rows TDB2's own executor gives, in its order: for every example
 * query on the bundled data and a synthetic corpus, with the table made at once, made in small portions while the
 * rows are still searched, or as by default; and on a small hand-made dataset with the cases that are easy to get
 * wrong (a triple in two graphs, several objects, an object already bound, a subject left unbound by an OPTIONAL,
 * terms not stored).
 */
class ScanJoinTest {
    private static Path dir;
    private static Store.Opened opened;
    private static DatasetGraph small;

    @BeforeAll
    static void load() throws IOException {
        dir = Files.createTempDirectory("kvgraph-scan-join");
        SyntheticCorpus.generate(new SyntheticCorpus.Config(300, 7), dir.resolve("synthetic"));
        Store store = new Store(dir.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data"), dir.resolve("synthetic"))), Uris.DEFAULT_BASE, false, null);
        opened = store.open();
        small = smallDataset();
    }

    @AfterAll
    static void close() throws IOException {
        if (opened != null) {
            opened.close();
        }
        Store.deleteTree(dir);
    }

    private static final String EX = "http://example.org/";

    private static Node iri(String local) {
        return NodeFactory.createURI(EX + local);
    }

    /** An in-memory TDB2 dataset, its default graph the union of its named graphs, with the store's executor. */
    private static DatasetGraph smallDataset() {
        DatasetGraph ds = DatabaseMgr.createDatasetGraph();
        ds.getContext().set(TDB2.symUnionDefaultGraph, true);
        DecodeOnceExecutor.install(ds);
        Node g1 = iri("g1");
        Node g2 = iri("g2");
        Node p = iri("p");
        Node q = iri("q");
        Node type = NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
        Txn.executeWrite(ds, () -> {
            for (int i = 0; i < 40; i++) {
                Node s = iri("s" + i);
                ds.add(g1, s, type, iri("Thing"));
                if (i % 3 == 0) {
                    ds.add(g2, s, type, iri("Thing")); // the same triple in a second graph
                    ds.add(g1, s, p, iri("o" + i));
                    ds.add(g2, s, p, iri("o" + i));
                }
                if (i % 4 == 0) {
                    for (int k = 3; k > 0; k--) {
                        ds.add(g1, s, p, NodeFactory.createLiteralString("v" + k + "-" + i));
                    }
                    ds.add(g2, s, q, NodeFactory.createLiteralString("v1-" + i));
                }
                if (i % 5 == 0) {
                    ds.add(g1, s, q, NodeFactory.createLiteralDT(Integer.toString(i), XSDDatatype.XSDinteger));
                    ds.add(g2, iri("o" + i), q, s);
                }
            }
        });
        return ds;
    }

    /** A query's rows, as they come, with the given executor (null: the store's) and scan-join settings. */
    private static List<Binding> rows(DatasetGraph ds, String text, OpExecutorFactory factory, Long after,
            Long factor) {
        Query query = QueryFactory.create(text);
        return Txn.calculateRead(ds, () -> {
            QueryExecBuilder b = QueryExec.dataset(ds).query(query);
            if (factory != null) {
                b = b.set(org.apache.jena.sparql.ARQConstants.sysOpExecutorFactory, factory);
            }
            if (after != null) {
                b = b.set(ScanJoin.AFTER, after).set(ScanJoin.FACTOR, factor);
            }
            List<Binding> out = new ArrayList<>();
            try (QueryExec exec = b.build()) {
                RowSet rs = exec.select();
                rs.forEachRemaining(row -> out.add(copy(row)));
            }
            return out;
        });
    }

    /**
     * A row's variables and terms, as the answer's writer reads them. (TDB2's own row over a row of a VALUES table
     * counts the table's variable twice in its size, though it has it once; a row compared as it comes would
     * differ from an equal one in that alone.)
     */
    private static Binding copy(Binding row) {
        BindingBuilder b = BindingBuilder.create();
        row.vars().forEachRemaining(v -> b.add(v, row.get(v)));
        return b.build();
    }

    /** The settings tried: the range read at the first row; read once the rows come reach its entries; 3 and 2. */
    private static final long[][] SETTINGS = {{1, 1_000_000_000L}, {1, 1}, {3, 2}};

    static Stream<Arguments> exampleQueries() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("queries"))) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rq")).sorted()
                    .toList();
            List<Arguments> args = new ArrayList<>();
            for (String n : names) {
                for (long[] setting : SETTINGS) {
                    args.add(Arguments.of(n, setting[0], setting[1]));
                }
                args.add(Arguments.of(n, null, null));
            }
            return args.stream();
        }
    }

    @ParameterizedTest(name = "{0} after {1} factor {2}")
    @MethodSource("exampleQueries")
    void everyExampleQueryGivesTdb2sRowsInItsOrder(String file, Long after, Long factor) throws IOException {
        String text = Files.readString(Path.of("queries", file), StandardCharsets.UTF_8);
        List<Binding> joined = rows(opened.dataset(), text, null, after, factor);
        List<Binding> plain = rows(opened.dataset(), text, OpExecutorTDB2.OpExecFactoryTDB, null, null);
        assertEquals(plain, joined, file);
    }

    @Test
    void aListingIsJoinedByHashTables() throws IOException {
        String text = Files.readString(Path.of("queries", "07-answered-after-postponement.rq"), StandardCharsets.UTF_8);
        long before = ScanJoin.TABLES.get();
        List<Binding> joined = rows(opened.dataset(), text, null, 1L, 1_000_000_000L);
        // the two of the BGP after its first triple and the seven of the OPTIONALs, all read at the first row
        assertEquals(9, ScanJoin.TABLES.get() - before);
        assertTrue(joined.size() > 100, "rows: " + joined.size());
        long again = ScanJoin.TABLES.get();
        rows(opened.dataset(), text, OpExecutorTDB2.OpExecFactoryTDB, 1L, 1_000_000_000L);
        assertEquals(again, ScanJoin.TABLES.get(), "TDB2's own executor makes none");
    }

    /**
     * The rows the joins make read a date through {@link InlineNodes}: a listing run twice gives the same term for a
     * row's date both times, where TDB2 makes a new term at every read.
     */
    @Test
    void aListingsDatesAreDecodedOnce() throws IOException {
        String text = Files.readString(Path.of("queries", "07-answered-after-postponement.rq"), StandardCharsets.UTF_8);
        Var submitted = Var.alloc("submitted");
        for (boolean joined : new boolean[] {true, false}) {
            OpExecutorFactory executor = joined ? null : OpExecutorTDB2.OpExecFactoryTDB;
            List<Binding> first = rows(opened.dataset(), text, executor, 1L, 1_000_000_000L);
            List<Binding> second = rows(opened.dataset(), text, executor, 1L, 1_000_000_000L);
            assertEquals(first, second);
            int dates = 0;
            int same = 0;
            for (int i = 0; i < first.size(); i++) {
                Node date = first.get(i).get(submitted);
                if (date != null && date.isLiteral()) {
                    dates++;
                    same += date == second.get(i).get(submitted) ? 1 : 0;
                }
            }
            assertTrue(dates > 100, "rows with a date: " + dates);
            assertEquals(joined ? dates : 0, same, joined ? "the joins' rows" : "TDB2's rows");
        }
    }

    @Test
    void fewRowsAreSearchedAsTdb2Does() throws IOException {
        String text = Files.readString(Path.of("queries", "07-answered-after-postponement.rq"), StandardCharsets.UTF_8);
        long before = ScanJoin.TABLES.get();
        Txn.executeRead(opened.dataset(), () -> {
            try (QueryExec exec = QueryExec.dataset(opened.dataset()).query(text).set(ScanJoin.AFTER, 1_000_000L)
                    .set(ScanJoin.FACTOR, 32L).set(ScanJoin.KEPT, false).build()) {
                assertTrue(exec.select().rewindable().size() > 100);
            }
        });
        assertEquals(before, ScanJoin.TABLES.get());
    }

    /**
     * A table the store keeps is taken at a step's first row, even where the rule would have the rows searched: the
     * same rows, no table read, one taken for each of the steps whose table the first query read.
     */
    @Test
    void aKeptTableIsTakenAtTheFirstRow() throws IOException {
        String text = Files.readString(Path.of("queries", "07-answered-after-postponement.rq"), StandardCharsets.UTF_8);
        List<Binding> first = rows(opened.dataset(), text, null, 1L, 1_000_000_000L);
        long read = SharedTables.READ.get();
        long tables = ScanJoin.TABLES.get();
        List<Binding> second = rows(opened.dataset(), text, null, 1_000_000L, 32L);
        assertEquals(read, SharedTables.READ.get(), "no table read");
        assertEquals(9, ScanJoin.TABLES.get() - tables, "the nine tables the first query read, taken");
        assertEquals(first, second);
    }

    static Stream<Arguments> smallQueries() {
        String prefix = "PREFIX : <" + EX + "> ";
        List<String> queries = List.of(
                // a triple in two graphs comes once; several objects in TDB2's order
                "SELECT * { ?s a :Thing ; :p ?o }",
                "SELECT * { ?s a :Thing OPTIONAL { ?s :p ?o } OPTIONAL { ?s :q ?n } }",
                // an object already bound: compared by id
                "SELECT * { ?s a :Thing ; :p ?o ; :q ?o }",
                "SELECT * { ?s a :Thing ; :q ?n OPTIONAL { ?s :p ?o } }",
                // a constant object, stored and not stored; a predicate not stored
                "SELECT * { ?s a :Thing ; :p :o9 }",
                "SELECT * { ?s a :Thing ; :p :nowhere }",
                "SELECT * { ?s a :Thing ; :nothing ?o }",
                "SELECT * { ?s a :Thing OPTIONAL { ?s :nothing ?o } }",
                // a subject an OPTIONAL left unbound in some rows, then joined on
                "SELECT * { ?s a :Thing OPTIONAL { ?s :p ?o } OPTIONAL { ?o :q ?back } }",
                "SELECT * { ?s a :Thing OPTIONAL { ?x :q ?s } ?x :q ?s2 }",
                // an OPTIONAL of a chain; joined by the object (the subject not bound by the left), in a BGP too
                "SELECT * { ?s a :Thing OPTIONAL { ?s :p ?o . ?o :q ?back . ?back a :Thing } }",
                "SELECT * { ?s a :Thing OPTIONAL { ?x :q ?s } }",
                "SELECT * { ?s a :Thing . ?x :q ?s }",
                "SELECT * { ?s a :Thing ; :p ?x . ?x :q ?s }",
                "SELECT * { ?s a :Thing OPTIONAL { ?x :q ?s . ?x :p ?y } }",
                // an object the rows bind with many subjects each (the class of ?s a ?class), some in two graphs
                "SELECT * { VALUES ?c { :Thing :Nothing :Thing } ?s a ?c }",
                "SELECT ?c (COUNT(*) AS ?n) { VALUES ?c { :Thing } ?s a ?c } GROUP BY ?c",
                "SELECT * { VALUES ?c { :Thing } ?s a ?c } LIMIT 5",
                // not joinable: the subject is the object
                "SELECT * { ?s a :Thing OPTIONAL { ?s :q ?s } }",
                // a literal object with a value: 5 and 05 are the same integer to TDB2
                "SELECT * { ?s a :Thing ; :q 5 }",
                "SELECT * { ?s a :Thing ; :q 05 }",
                "SELECT * { ?s a :Thing ; :q ?n } ORDER BY DESC(?s) LIMIT 3",
                // filters over a joined pattern: placed where their variables are bound, at the end, never bound
                "SELECT * { ?s a :Thing ; :p ?o ; :p ?o2 FILTER(STR(?o) < STR(?o2)) }",
                "SELECT * { ?s a :Thing ; :q ?n ; :p ?o FILTER(?n > 10) FILTER(isIRI(?o)) }",
                "SELECT * { ?s a :Thing ; :p ?o FILTER(?s != :s3) }",
                "SELECT * { ?s a :Thing ; :p ?o FILTER(BOUND(?nowhere)) }",
                "SELECT * { ?s a :Thing ; :p ?o FILTER(!BOUND(?nowhere) && ?o != :o3) }",
                "SELECT * { ?s a :Thing ; :p ?o FILTER EXISTS { ?s :q ?any } }",
                "SELECT ?s (COUNT(*) AS ?n) { ?s a :Thing ; :p ?o ; :p ?o2 FILTER(?o != ?o2) } GROUP BY ?s");
        List<Arguments> args = new ArrayList<>();
        for (String q : queries) {
            for (long[] setting : SETTINGS) {
                args.add(Arguments.of(prefix + q, setting[0], setting[1]));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} after {1} factor {2}")
    @MethodSource("smallQueries")
    void theHardCasesGiveTdb2sRowsInItsOrder(String query, long after, long factor) {
        List<Binding> joined = rows(small, query, null, after, factor);
        List<Binding> plain = rows(small, query, OpExecutorTDB2.OpExecFactoryTDB, null, null);
        assertEquals(plain, joined, query);
    }

    @Test
    void aTripleInTwoGraphsComesOnce() {
        String q = THINGS_AND_P;
        List<Binding> joined = rows(small, q, null, 1L, 1_000_000_000L);
        // s0..s39: every third has one IRI object (in both graphs), every fourth three literals
        assertEquals(14 + 3 * 10, joined.size());
        assertEquals(joined.size(), joined.stream().distinct().count());
    }

    /**
     * The joins make compact rows ({@link IdRow}): the rows of a step share one array of variables, and a row that
     * goes through two steps is one row, not a chain of one per step.
     */
    @Test
    void theJoinsRowsAreCompact() {
        String q = "PREFIX : <" + EX + "> SELECT * { ?s a :Thing ; :q ?n ; :p ?o }";
        List<Binding> raw = Txn.calculateRead(small, () -> {
            List<Binding> out = new ArrayList<>();
            try (QueryExec exec = QueryExec.dataset(small).query(q).set(ScanJoin.AFTER, 1L)
                    .set(ScanJoin.FACTOR, 1_000_000_000L).build()) {
                exec.select().forEachRemaining(out::add);
            }
            return out;
        });
        assertTrue(raw.size() > 5, "rows: " + raw.size());
        Var[] shared = null;
        for (Binding row : raw) {
            assertTrue(row instanceof IdRow, row.getClass().getName());
            IdRow r = (IdRow) row;
            assertEquals(List.of(Var.alloc("s"), Var.alloc("n"), Var.alloc("o")), List.of(r.varArray()));
            if (shared == null) {
                shared = r.varArray();
            }
            assertSame(shared, r.varArray());
            assertTrue(r.parentRow() == null || r.parentRow().isEmpty(), "the row is not over the step before's");
        }
        assertEquals(rows(small, q, OpExecutorTDB2.OpExecFactoryTDB, null, null), raw.stream().map(ScanJoinTest::copy)
                .toList());
    }

    /** A pattern under a FILTER is joined here too (TDB2 took it whole before), with the filter's rows. */
    @Test
    void aFilteredPatternIsJoinedByATable() {
        String q = "PREFIX : <" + EX + "> SELECT * { ?s a :Thing ; :p ?o ; :p ?o2 FILTER(STR(?o) < STR(?o2)) }";
        long before = ScanJoin.TABLES.get();
        List<Binding> joined = Txn.calculateRead(small, () -> {
            List<Binding> out = new ArrayList<>();
            try (QueryExec exec = QueryExec.dataset(small).query(q).set(ScanJoin.AFTER, 1L)
                    .set(ScanJoin.FACTOR, 1_000_000_000L).set(ScanJoin.KEPT, false).build()) {
                exec.select().forEachRemaining(row -> out.add(copy(row)));
            }
            return out;
        });
        assertEquals(2, ScanJoin.TABLES.get() - before, "the two :p steps");
        // every fourth thing has three literal :p values (and every twelfth one IRI more): pairs in order
        assertEquals(rows(small, q, OpExecutorTDB2.OpExecFactoryTDB, null, null), joined);
        assertEquals(10 * 3 + 4 * 3, joined.size());
    }

    @Test
    void aBoundObjectIsJoinedByATableToo() {
        String q = "PREFIX : <" + EX + "> SELECT * { ?s a :Thing . ?x :q ?s }";
        long before = ScanJoin.TABLES.get();
        List<Binding> joined = rows(small, q, null, 1L, 1_000_000_000L);
        assertEquals(1, ScanJoin.TABLES.get() - before);
        assertEquals(8, joined.size()); // o0, o5, ..., o35: each has its s as :q
    }

    @Test
    void aSecondQueryTakesTheTablesTheFirstRead() throws IOException {
        String text = Files.readString(Path.of("queries", "07-answered-after-postponement.rq"), StandardCharsets.UTF_8);
        List<Binding> first = rows(opened.dataset(), text, null, 1L, 1_000_000_000L);
        long read = SharedTables.READ.get();
        long reused = SharedTables.REUSED.get();
        List<Binding> second = rows(opened.dataset(), text, null, 1L, 1_000_000_000L);
        assertEquals(read, SharedTables.READ.get(), "no table read again");
        assertEquals(9, SharedTables.REUSED.get() - reused);
        assertEquals(first, second);
    }

    /** The things and their :p values, the query of the tests of the kept tables. */
    private static final String THINGS_AND_P = "PREFIX : <" + EX + "> SELECT * { ?s a :Thing ; :p ?o }";

    /** A query's rows with every range read into a table at the first row. */
    private static List<Binding> readAtOnce(DatasetGraph ds, String query) {
        return rows(ds, query, null, 1L, 1_000_000_000L);
    }

    @Test
    void anUpdateIsSeenByTheNextQuery() {
        DatasetGraph ds = smallDataset();
        String q = THINGS_AND_P;
        long read = SharedTables.READ.get();
        List<Binding> before = readAtOnce(ds, q);
        long tables = SharedTables.READ.get() - read;
        assertTrue(tables > 0);
        assertEquals(before, readAtOnce(ds, q));
        assertEquals(read + tables, SharedTables.READ.get(), "kept while the data stay the same");
        Txn.executeWrite(ds, () -> ds.add(iri("g1"), iri("s1"), iri("p"), iri("new")));
        List<Binding> after = readAtOnce(ds, q);
        assertEquals(before.size() + 1, after.size());
        assertEquals(rows(ds, q, OpExecutorTDB2.OpExecFactoryTDB, null, null), after);
        assertEquals(read + 2 * tables, SharedTables.READ.get(), "read again in the new version");
    }

    @Test
    void tablesLargerThanTheBudgetAreNotKept() {
        String old = System.getProperty("kvgraph.scanjoin.tableBytes");
        System.setProperty("kvgraph.scanjoin.tableBytes", "100");
        try {
            DatasetGraph ds = smallDataset();
            String q = THINGS_AND_P;
            long read = SharedTables.READ.get();
            List<Binding> first = readAtOnce(ds, q);
            long tables = SharedTables.READ.get() - read;
            assertTrue(tables > 0);
            assertEquals(first, readAtOnce(ds, q));
            assertEquals(read + 2 * tables, SharedTables.READ.get(), "read again: none was kept");
        } finally {
            if (old == null) {
                System.clearProperty("kvgraph.scanjoin.tableBytes");
            } else {
                System.setProperty("kvgraph.scanjoin.tableBytes", old);
            }
        }
    }

    @Test
    void aTableReadInAWriteTransactionIsNotKept() {
        DatasetGraph ds = smallDataset();
        String q = THINGS_AND_P;
        List<Binding> committed = rows(ds, q, OpExecutorTDB2.OpExecFactoryTDB, null, null);
        ds.begin(org.apache.jena.query.ReadWrite.WRITE);
        try {
            ds.add(iri("g1"), iri("s1"), iri("p"), iri("never"));
            assertEquals(committed.size() + 1, readAtOnce(ds, q).size());
        } finally {
            ds.abort();
        }
        assertEquals(committed, readAtOnce(ds, q), "nothing of the aborted write is seen");
    }
}
