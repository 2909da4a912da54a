package org.kvgraph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.main.OpExecutorFactory;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.solver.BindingTDB;
import org.apache.jena.tdb2.solver.OpExecutorTDB2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kvgraph.rdf.Uris;
import org.kvgraph.synth.SyntheticCorpus;

/**
 * The store's query executor decodes the rows entering an ORDER BY or DISTINCT once, evaluates an ORDER BY's keys
 * once per row, and answers every
 * example query with the rows, in the order, TDB2's own executor gives (on the bundled data and a synthetic corpus).
 */
class DecodeOnceExecutorTest {
    private static Path dir;
    private static Store.Opened opened;

    @BeforeAll
    static void load() throws IOException {
        dir = Files.createTempDirectory("kvgraph-decode-once");
        SyntheticCorpus.generate(new SyntheticCorpus.Config(300, 5), dir.resolve("synthetic"));
        Store store = new Store(dir.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data"), dir.resolve("synthetic"))), Uris.DEFAULT_BASE, false, null);
        opened = store.open();
    }

    @AfterAll
    static void close() throws IOException {
        if (opened != null) {
            opened.close();
        }
        Store.deleteTree(dir);
    }

    /** The rows of a query, with the given executor (null: the one the store sets), as they come. */
    private static List<Binding> rows(String text, OpExecutorFactory factory) {
        DatasetGraph ds = opened.dataset();
        Query q = QueryFactory.create(text);
        return Txn.calculateRead(ds, () -> {
            org.apache.jena.sparql.exec.QueryExecBuilder b = QueryExec.dataset(ds).query(q);
            if (factory != null) {
                b = b.set(org.apache.jena.sparql.ARQConstants.sysOpExecutorFactory, factory);
            }
            List<Binding> out = new ArrayList<>();
            try (QueryExec exec = b.build()) {
                RowSet rs = exec.select();
                rs.forEachRemaining(out::add);
            }
            return out;
        });
    }

    static Stream<String> exampleQueries() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("queries"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rq")).sorted().toList().stream();
        }
    }

    @Test
    void theStoreQueriesWithIt() {
        assertSame(DecodeOnceExecutor.FACTORY, QC.getFactory(opened.dataset().getContext()));
    }

    @Test
    void rowsLeaveAnOrderByDecodedAndTdb2sOwnExecutorLeavesThemAsNodeIds() {
        // SELECT *: no projection, so the rows that come out are those the ORDER BY sorted
        String q = "PREFIX kv: <https://w3id.org/kvgraph/def#> SELECT * { ?set kv:hasQuestion ?q } ORDER BY ?set ?q";
        List<Binding> decoded = rows(q, null);
        List<Binding> plain = rows(q, OpExecutorTDB2.OpExecFactoryTDB);
        assertTrue(decoded.size() > 1000, "rows: " + decoded.size());
        assertEquals(plain, decoded);
        assertTrue(plain.stream().allMatch(b -> b instanceof BindingTDB), "TDB2's executor sorts rows of node ids");
        assertFalse(decoded.stream().anyMatch(b -> b instanceof BindingTDB), "the store's executor sorts decoded rows");
    }

    /** Counts its calls; returns its argument. */
    static final java.util.concurrent.atomic.AtomicInteger KEY_CALLS = new java.util.concurrent.atomic.AtomicInteger();

    public static final class CountedKey extends org.apache.jena.sparql.function.FunctionBase1 {
        @Override
        public org.apache.jena.sparql.expr.NodeValue exec(org.apache.jena.sparql.expr.NodeValue v) {
            KEY_CALLS.incrementAndGet();
            return v;
        }
    }

    @Test
    void anOrderByEvaluatesEachRowsSortKeyOnce() {
        String fn = "urn:kvgraph:test:counted-key";
        org.apache.jena.sparql.function.FunctionRegistry.get().put(fn, CountedKey.class);
        try {
            String q = "PREFIX kv: <https://w3id.org/kvgraph/def#> SELECT ?set ?q { ?set kv:hasQuestion ?q } ORDER BY DESC(<" + fn + ">(MD5(STR(?q))))";
            KEY_CALLS.set(0);
            List<Binding> once = rows(q, null);
            int onceCalls = KEY_CALLS.getAndSet(0);
            List<Binding> plain = rows(q, OpExecutorTDB2.OpExecFactoryTDB);
            int plainCalls = KEY_CALLS.get();
            assertTrue(once.size() > 1000, "rows: " + once.size());
            assertEquals(once.size(), onceCalls, "the store's executor: one call per row");
            assertTrue(plainCalls > 10 * once.size(), "TDB2's executor (ARQ's sort): " + plainCalls + " calls");
            assertEquals(plain, once);
        } finally {
            org.apache.jena.sparql.function.FunctionRegistry.get().remove(fn);
        }
    }

    @Test
    void aDecodedRowIsEqualToAndHashesAsTheRowItCopies() {
        java.util.Random random = new java.util.Random(11);
        List<org.apache.jena.sparql.core.Var> vars = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            vars.add(org.apache.jena.sparql.core.Var.alloc("v" + i));
        }
        java.util.function.Function<Binding, Binding> copier = DecodedRow.copier();
        for (int round = 0; round < 500; round++) {
            // a row of 0 to 11 variables, some of them in a parent row, as ARQ's iterators build them
            Binding parent = org.apache.jena.sparql.engine.binding.BindingFactory.empty();
            org.apache.jena.sparql.engine.binding.BindingBuilder b = Binding.builder(parent);
            int split = random.nextInt(6);
            for (int i = 0; i < 12; i++) {
                if (random.nextInt(3) > 0) {
                    org.apache.jena.graph.Node term = random.nextBoolean()
                            ? org.apache.jena.graph.NodeFactory.createURI("https://example.org/Kostić/" + random.nextInt(5))
                            : org.apache.jena.graph.NodeFactory.createLiteralString("geïnformeerd " + random.nextInt(5));
                    b.add(vars.get(i), term);
                }
                if (i == split) {
                    parent = b.build();
                    b = Binding.builder(parent);
                }
            }
            Binding row = b.build();
            Binding copy = copier.apply(row);
            Binding arq = org.apache.jena.sparql.engine.binding.BindingFactory.copy(row);
            assertEquals(arq, copy);
            assertEquals(copy, arq);
            assertEquals(arq.hashCode(), copy.hashCode());
            assertEquals(arq.size(), copy.size());
            assertEquals(arq.isEmpty(), copy.isEmpty());
            for (org.apache.jena.sparql.core.Var v : vars) {
                assertEquals(arq.get(v), copy.get(v), v.toString());
                assertEquals(arq.contains(v), copy.contains(v), v.toString());
            }
            assertEquals(java.util.Set.copyOf(arq.varsMentioned()), java.util.Set.copyOf(copy.varsMentioned()));
        }
    }

    @Test
    void anExtendByVariablesGivesTheRowsArqsGives() {
        String q = """
                PREFIX kv: <https://w3id.org/kvgraph/def#>
                PREFIX dcterms: <http://purl.org/dc/terms/>
                SELECT ?set ?title ?noticed ?copy ?again ?n {
                  ?set a kv:QuestionSet ; dcterms:title ?title .
                  OPTIONAL { ?set kv:hasResponse ?notice . ?notice a kv:PostponementNotice ; kv:receivedOn ?noticed }
                  BIND(?noticed AS ?copy)
                  BIND(?copy AS ?again)
                  { SELECT ?set (COUNT(?q) AS ?n) (SAMPLE(?q) AS ?one) { ?set kv:hasQuestion ?q } GROUP BY ?set }
                } ORDER BY DESC(?n) ?again ?set""";
        List<Binding> fast = rows(q, null);
        List<Binding> plain = rows(q, OpExecutorTDB2.OpExecFactoryTDB);
        assertTrue(fast.size() > 300, "rows: " + fast.size());
        assertTrue(fast.stream().anyMatch(r -> !r.contains(org.apache.jena.sparql.core.Var.alloc("copy"))),
                "sets without a postponement leave ?copy unbound");
        assertEquals(plain, fast);
    }

    @ParameterizedTest
    @MethodSource("exampleQueries")
    void everyExampleQueryGivesTheRowsTdb2sExecutorGives(String file) throws IOException {
        String text = Files.readString(Path.of("queries", file), StandardCharsets.UTF_8);
        List<Binding> decoded = rows(text, null);
        List<Binding> plain = rows(text, OpExecutorTDB2.OpExecFactoryTDB);
        assertEquals(plain, decoded, file);
    }
}
