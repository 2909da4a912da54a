package org.kvgraph.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.kvgraph.store.Store;

/**
 * Why a query is slow (bench/profile.sh): runs each query in-process, without HTTP, on
 * <ol>
 * <li>the database as kvgraph serves it (a named graph per source document, queried through the union default
 * graph, wrapped with the text index), and</li>
 * <li>the same N-Triples loaded into the default graph of a plain TDB2 database (what tdb2.tdbloader builds);</li>
 * </ol>
 * and prints the median of RUNS runs (after two warm-ups, or {@code -Dprofile.warmups=K}) for each: for a SELECT the rows, for a CONSTRUCT (the
 * materialised statistics) the triples built. Not a unit test.
 *
 * <pre>java -cp ... org.kvgraph.bench.QueryProfile STORE_DIR DUMP.nt PLAIN_DB_DIR RUNS Q1.rq Q2.rq ...</pre>
 * With {@code -} for DUMP.nt only the served database is timed (NaN in the plain columns). With
 * {@code -Dprofile.json=arq} each SELECT's answer is also written as SPARQL results JSON by ARQ's writer,
 * {@code -Dprofile.json=kvgraph} by the server's ({@code SparqlJsonWriter}).
 */
public final class QueryProfile {
    private QueryProfile() {
    }

    public static void main(String[] args) throws Exception {
        Path storeDir = Path.of(args[0]);
        Path dump = Path.of(args[1]);
        Path plainDir = Path.of(args[2]);
        int runs = Integer.parseInt(args[3]);
        List<Path> queries = Arrays.stream(args, 4, args.length).map(Path::of).toList();
        DatasetGraph plain = args[1].equals("-") ? null : plain(dump, plainDir);
        System.out.println("query\tserved_union_ms\tserved_union_cpu_ms\tplain_default_ms\tplain_default_cpu_ms\trows\tserved_union_alloc_mb");
        try (Store.Opened served = new Store(storeDir).open()) {
            for (Path q : queries) {
                String text = Files.readString(q, StandardCharsets.UTF_8);
                double[] u = time(served.dataset(), text, runs);
                double[] p = plain == null || text.contains("text:query") ? new double[] {Double.NaN, -1, Double.NaN, Double.NaN} : time(plain, text, runs);
                System.out.printf(Locale.ROOT, "%s\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t%.1f%n", q.getFileName().toString().replace(".rq", ""),
                        u[0], u[2], p[0], p[2], (long) u[1], u[3]);
            }
        }
        if (plain != null) {
            TDBInternal.expel(plain);
        }
        System.exit(0);
    }

    private static DatasetGraph plain(Path dump, Path dir) {
        boolean fresh = !Files.isDirectory(dir);
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
        if (fresh) {
            DataLoader loader = LoaderFactory.basicLoader(dsg, (fmt, args) -> { });
            loader.startBulk();
            loader.load(dump.toString());
            loader.finishBulk();
        }
        return dsg;
    }

    /** Runs of each query before those timed ({@code -Dprofile.warmups=0}: the first run of a query is timed too). */
    private static final int WARMUPS = Integer.getInteger("profile.warmups", 2);

    /** {@code -Dprofile.json=...}: write each SELECT's answer as SPARQL results JSON (to nowhere) instead of only reading it. */
    private static final boolean JSON = System.getProperty("profile.json") != null;

    static {
        // -Dprofile.json=kvgraph: the server's writer (SparqlJsonWriter); any other value: ARQ's
        if ("kvgraph".equals(System.getProperty("profile.json"))) {
            org.kvgraph.rdf.SparqlJsonWriter.install();
        }
    }

    /** A row set that counts the rows read from it. */
    private static final class CountingRows extends org.apache.jena.riot.rowset.RowSetWrapper {
        long rows;

        CountingRows(RowSet rs) {
            super(rs);
        }

        @Override
        public org.apache.jena.sparql.engine.binding.Binding next() {
            rows++;
            return super.next();
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** The bytes this thread has allocated so far (HotSpot's count), or -1 where the JVM does not count them. */
    private static long allocated() {
        return THREADS instanceof com.sun.management.ThreadMXBean hotspot
                ? hotspot.getThreadAllocatedBytes(Thread.currentThread().getId()) : -1;
    }

    /**
     * {median wall ms, rows, median CPU ms of this thread, median MB this thread allocated} of runs runs after two
     * warm-ups. The query runs in this thread, so its CPU time does not count the time spent waiting for a core on a
     * shared machine, and its allocation is the query's (the engine, and the JSON writer with -Dprofile.json).
     */
    private static double[] time(DatasetGraph dsg, String query, int runs) {
        long rows = 0;
        List<Double> ms = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> mb = new ArrayList<>();
        for (int i = 0; i < runs + WARMUPS; i++) {
            long t = System.nanoTime();
            long c = THREADS.getCurrentThreadCpuTime();
            long a = allocated();
            rows = Txn.calculateRead(dsg, () -> {
                try (QueryExec qe = QueryExec.dataset(dsg).query(query).build()) {
                    if (qe.getQuery().isConstructType()) {
                        return (long) qe.construct().size();
                    }
                    RowSet rs = qe.select();
                    if (JSON) {
                        // as Fuseki answers: the SPARQL results JSON, here written to nowhere
                        CountingRows counted = new CountingRows(rs);
                        // as Fuseki 5.6 writes it (Responses: ResultsWriter, so the RowSetWriterRegistry's writer)
                        org.apache.jena.sparql.resultset.ResultsWriter.create()
                                .lang(org.apache.jena.riot.resultset.ResultSetLang.RS_JSON).build()
                                .write(java.io.OutputStream.nullOutputStream(), counted);
                        return counted.rows;
                    }
                    return (long) ResultSetFormatter.consume(org.apache.jena.query.ResultSet.adapt(rs));
                }
            });
            if (i >= WARMUPS) {
                ms.add((System.nanoTime() - t) / 1e6);
                cpu.add((THREADS.getCurrentThreadCpuTime() - c) / 1e6);
                mb.add(a < 0 ? Double.NaN : (allocated() - a) / 1e6);
            }
        }
        ms.sort(Double::compare);
        cpu.sort(Double::compare);
        mb.sort(Double::compare);
        return new double[] {ms.get(ms.size() / 2), rows, cpu.get(cpu.size() / 2), mb.get(mb.size() / 2)};
    }
}
