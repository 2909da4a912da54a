package org.kvgraph.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.query.text.TextIndex;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.params.StoreParams;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.kvgraph.convert.Converter;
import org.kvgraph.convert.Problem;
import org.kvgraph.link.IdentifierLinks;
import org.kvgraph.rdf.Uris;
import org.kvgraph.timeliness.Timeliness;
import org.kvgraph.stats.Materialised;
import org.kvgraph.timeliness.TimelinessDerivation;

/**
 * A kvgraph database folder: TDB2 stores ("generations") side by side, and a {@code CURRENT} file naming the
 * one in use. A load builds a new generation in {@code gen-….tmp}, indexes it, renames it and only then
 * rewrites {@code CURRENT} (atomically), so a load that fails or is killed leaves the previous database as it
 * was. The default graph of an opened database is the union of its named graphs.
 *
 * <pre>
 * run/tdb2/CURRENT                  "gen-20261129-120102-123"
 * run/tdb2/gen-20261129-120102-123/ tdb2/ (TDB2), lucene/ (jena-text), load.properties (fingerprint, counts)
 * </pre>
 *
 * <pre>{@code
 * Store store = new Store(Path.of("run/tdb2"));
 * Store.LoadReport r = store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, err);
 * try (Store.Opened db = store.open()) { ... db.dataset() ... }
 * }</pre>
 */
public final class Store {
    static final String CURRENT = "CURRENT";
    static final String META = "load.properties";
    private static final DateTimeFormatter GEN = DateTimeFormatter.ofPattern("'gen-'yyyyMMdd-HHmmss-SSS");

    private final Path dir;

    public Store(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** The folder of the generation in use, if a load has ever completed. */
    public Optional<Path> current() {
        Path pointer = dir.resolve(CURRENT);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        try {
            String name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
            Path gen = dir.resolve(name);
            return name.isEmpty() || !Files.isDirectory(gen) ? Optional.empty() : Optional.of(gen);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer, e);
        }
    }

    /** The facts recorded by the load that made the current generation. */
    public Optional<Properties> currentMetadata() {
        return current().map(Store::readMeta);
    }

    /** What a completed load did. */
    public record LoadReport(Path generation, long quads, long triples, long indexed, long tuplesSent,
                             double seconds, List<Problem> problems) {
        public double triplesPerSecond() {
            return seconds > 0 ? tuplesSent / seconds : tuplesSent;
        }
    }

    /** A load was refused or failed; the previous database is untouched. */
    public static final class LoadException extends RuntimeException {
        public LoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Loads the inputs into a new generation and makes it current. RDF files go into a named graph each (their
     * own named graphs kept); source documents are converted with one named graph per document. In strict mode
     * a document problem aborts the load; otherwise the problems are returned and the rest is loaded.
     */
    public LoadReport load(Inputs inputs, String base, boolean strict, PrintWriter progress) {
        return load(inputs, base, strict, Loader.PHASED, progress);
    }

    /** Which TDB2 bulk loader a load uses. */
    public enum Loader {
        /** tdb2.tdbloader's default: primary index first, then the others replayed from it, on threads. */
        PHASED,
        /** Everything on the calling thread, all indexes at once: less CPU, no parallelism. */
        BASIC
    }

    /** {@link #load(Inputs, String, boolean, PrintWriter)} with a choice of bulk loader. */
    public LoadReport load(Inputs inputs, String base, boolean strict, Loader loader, PrintWriter progress) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LoadException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        try (FileChannel ch = FileChannel.open(dir.resolve(".load.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new LoadException("another load into " + dir + " is running", null);
            }
            try {
                removeUnfinished();
                return loadLocked(inputs, base, strict, loader, progress);
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new LoadException("load into " + dir + " failed: " + e.getMessage(), e);
        }
    }

    private LoadReport loadLocked(Inputs inputs, String base, boolean strict, Loader choice, PrintWriter progress)
            throws IOException {
        String fingerprint = inputs.fingerprint();
        String name = newGenerationName();
        Path tmp = dir.resolve(name + ".tmp");
        Files.createDirectories(tmp);
        long start = System.nanoTime();
        // The node cache as an opened database has it: the statistics computed after the bulk phase decode nodes.
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(tmp.resolve("tdb2").toString(), storeParams());
        DecodeOnceExecutor.install(dsg);
        try {
            // The phased loader, tdb2.tdbloader's default: the data into the primary index (GSPO) first, then
            // the other quad indexes replayed from it, a few at a time, on threads of their own.
            DataLoader loader = choice == Loader.BASIC ? LoaderFactory.basicLoader(dsg, (fmt, args) -> { })
                    : LoaderFactory.phasedLoader(dsg, (fmt, args) -> { });
            Progress counter = new Progress(loader.stream(), progress);
            List<Problem> problems;
            long[] counts;
            long indexed;
            // The text index is written while the data streams in (on a thread of its own), not read back after.
            TextIndex index = TextIndexes.open(tmp.resolve("lucene"));
            try {
                TextIndexes.forBulk(index);
                TextIndexFeed feed = new TextIndexFeed(counter, index);
                try {
                    problems = bulkLoad(loader, choice == Loader.PHASED, feed, inputs, new Uris(base), strict);
                    counter.done();
                    dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
                    counts = Txn.calculateRead(dsg, () -> countFromIndexes(dsg));
                    counter.note("counted");
                    // The aggregates the example queries read (issue 8), computed once over the loaded graph; not
                    // in the counts above, which are those of the data loaded.
                    long observed = Materialised.compute(dsg, new Uris(base).graph(Materialised.GRAPH_NAME));
                    counter.note("statistics materialised (" + observed + " triples in graph/"
                            + Materialised.GRAPH_NAME + ")");
                    indexed = feed.finishFeed();
                } finally {
                    feed.abort();
                }
                index.prepareCommit();
                index.commit();
            } finally {
                index.close();
            }
            counter.note("indexed " + indexed + " texts, titles and names");
            TDBInternal.expel(dsg);
            double seconds = (System.nanoTime() - start) / 1e9;
            Properties meta = new Properties();
            meta.setProperty("fingerprint", fingerprint);
            meta.setProperty("roots", inputs.rootsKey());
            meta.setProperty("quads", Long.toString(counts[0]));
            meta.setProperty("triples", Long.toString(counts[1]));
            meta.setProperty("indexed", Long.toString(indexed));
            meta.setProperty("problems", Integer.toString(problems.size()));
            meta.setProperty("base", base);
            meta.setProperty("derivation", Timeliness.RULES_VERSION);
            meta.setProperty("loadedAt", LocalDateTime.now().toString());
            try (OutputStream os = Files.newOutputStream(tmp.resolve(META))) {
                meta.store(os, "kvgraph load");
            }
            Path done = swapIn(tmp, name);
            return new LoadReport(done, counts[0], counts[1], indexed, counter.count(), seconds, problems);
        } catch (RuntimeException | IOException e) {
            TDBInternal.expel(dsg, true);
            deleteTree(tmp);
            throw e;
        }
    }

    /**
     * Streams the RDF files (each into a named graph of its own unless it names its graphs) and the converted
     * source documents (a named graph each, with the links to other data sets) into the loader, in one
     * transaction.
     */
    private static List<Problem> bulkLoad(DataLoader loader, boolean drain, StreamRDF loaderStream, Inputs inputs,
                                          Uris uris, boolean strict) throws IOException {
        loader.startBulk();
        try {
            List<Problem> problems = send(inputs, uris, strict, loaderStream);
            loader.finishBulk();
            return problems;
        } catch (RuntimeException | IOException e) {
            if (!drain) {
                loader.finishException(e);
                throw e;
            }
            // The phased loader works on threads of its own, fed through queues: they stop only once the end of
            // the data has passed through. So the load is finished (into the new generation, which the caller
            // then deletes) rather than abandoned with those threads waiting for ever.
            try {
                loader.finishBulk();
            } catch (RuntimeException again) {
                e.addSuppressed(again);
                loader.finishException(e);
            }
            throw e;
        }
    }

    /**
     * Sends what a load holds into a stream of quads: each RDF file in a named graph of its own (unless it names
     * its graphs), each source document converted as {@code kvgraph convert} does (a named graph each, with the
     * links derived from identifiers), and the timeliness facts derived over all of it, in a graph of their own
     * ({@link TimelinessDerivation#GRAPH_NAME}). {@code kvgraph publish} writes its release from the same stream.
     */
    public static List<Problem> send(Inputs inputs, Uris uris, boolean strict, StreamRDF sink) throws IOException {
        // Everything passes the timeliness derivation, whose facts are recomputed over the whole graph.
        try (TimelinessDerivation out = new TimelinessDerivation(sink)) {
            for (Path f : inputs.rdfFiles()) {
                Node graph = uris.graph(f.getFileName().toString());
                try (InputStream in = Files.newInputStream(f)) {
                    RDFParser.source(in).lang(RDFLanguages.filenameToLang(f.toString()))
                            .base(f.toUri().toString()).parse(new IntoNamedGraph(out, graph));
                } catch (RiotException e) {
                    throw new LoadException(f + ": " + e.getMessage(), e);
                }
            }
            List<Problem> problems;
            try (IdentifierLinks links = IdentifierLinks.wrap(new IntoNamedGraph(out, uris.graph("unnamed")))) {
                problems = new Converter(uris, strict).convert(inputs.sourceFiles(), links, true);
            }
            out.emit(uris.graph(TimelinessDerivation.GRAPH_NAME));
            return problems;
        }
    }

    /** Renames the finished generation into place, points CURRENT at it and removes older generations. */
    private Path swapIn(Path tmp, String name) throws IOException {
        Path done = dir.resolve(name);
        Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE);
        Optional<Path> previous = current();
        writeCurrent(name);
        removeOld(done, previous.orElse(null));
        return done;
    }

    /** An open database: the TDB2 dataset (union default graph) wrapped with its text index. */
    public static final class Opened implements AutoCloseable {
        private final Path generation;
        private final DatasetGraph tdb;
        private final DatasetGraph dataset;
        private final org.apache.jena.query.text.TextIndex index;

        Opened(Path generation, DatasetGraph tdb, DatasetGraph dataset, org.apache.jena.query.text.TextIndex index) {
            this.generation = generation;
            this.tdb = tdb;
            this.dataset = dataset;
            this.index = index;
        }

        public Path generation() {
            return generation;
        }

        public DatasetGraph dataset() {
            return dataset;
        }

        /** The TDB2 dataset itself, without the text index. */
        DatasetGraph tdb() {
            return tdb;
        }

        @Override
        public void close() {
            // Each step even when one before it fails: a Lucene index left open keeps its write lock for the life
            // of the JVM, and then no later open of this generation in it can succeed.
            try {
                dataset.close();
            } finally {
                try {
                    index.close();
                } catch (RuntimeException e) {
                    // already closed with the dataset
                } finally {
                    TDBInternal.expel(tdb);
                }
            }
        }
    }

    /** Opens the current generation; fails if there is none or another process holds it. */
    public Opened open() {
        Path gen = current().orElseThrow(() -> new IllegalStateException("no database in " + dir
                + " (load one with: kvgraph load --db " + dir + " INPUT...)"));
        DatasetGraph tdb = DatabaseMgr.connectDatasetGraph(gen.resolve("tdb2").toString(), storeParams());
        tdb.getContext().set(TDB2.symUnionDefaultGraph, true);
        DecodeOnceExecutor.install(tdb);
        org.apache.jena.query.text.TextIndex index = TextIndexes.open(gen.resolve("lucene"));
        DatasetGraph text = TextIndexes.wrap(tdb, index);
        return new Opened(gen, tdb, text, index);
    }

    /**
     * The parameters a database is opened and loaded with, which set how many decoded nodes (IRIs, literals) it
     * keeps in memory: TDB2's default (1,000,000), or one per KiB of the largest heap when that is more (about 3
     * million at {@code -Xmx3g}, 4 million at the launcher's {@code -Xmx4g}). A query that lists hundreds of thousands of rows over a store of 200,000 sets
     * looks up more distinct nodes than the default holds and then reads them from disk again and again: at 200,000
     * sets, query 15 took 31 s of CPU with the default and 24 s with 3 million (docs/benchmarks.md). Only the
     * cache's bound; it fills as queries need it. A cache size is a setting of the connection, not of the files.
     * The system property {@code kvgraph.nodecache} overrides it.
     */
    static StoreParams storeParams() {
        int nodeCache = Integer.getInteger("kvgraph.nodecache", nodeCacheSize(Runtime.getRuntime().maxMemory()));
        return StoreParams.builder().nodeId2NodeCacheSize(nodeCache).build();
    }

    /** The bound of the node cache for a heap of this size (see {@link #storeParams}). */
    static int nodeCacheSize(long maxHeapBytes) {
        int tdbDefault = StoreParams.getDftStoreParams().getNodeId2NodeCacheSize();
        return (int) Math.max(tdbDefault, Math.min(Integer.MAX_VALUE, maxHeapBytes / 1024));
    }

    /**
     * Whether the current database was loaded from these inputs as they are now (same roots, and the same
     * files with the same sizes and modification times) under the current derivation rules.
     */
    public boolean isCurrentFor(Inputs inputs) {
        return currentMetadata().map(m -> inputs.rootsKey().equals(m.getProperty("roots"))
                && inputs.fingerprint().equals(m.getProperty("fingerprint"))
                && Timeliness.RULES_VERSION.equals(m.getProperty("derivation"))).orElse(false);
    }

    /** Whether the current database was loaded from these roots (whatever their content was then). */
    public boolean isLoadedFrom(Inputs inputs) {
        return currentMetadata().map(m -> inputs.rootsKey().equals(m.getProperty("roots"))).orElse(false);
    }

    private String newGenerationName() {
        String name = LocalDateTime.now().format(GEN);
        int i = 1;
        String candidate = name;
        while (Files.exists(dir.resolve(candidate)) || Files.exists(dir.resolve(candidate + ".tmp"))) {
            candidate = name + "-" + i++;
        }
        return candidate;
    }

    private void writeCurrent(String name) throws IOException {
        Path tmp = dir.resolve(CURRENT + ".tmp");
        Files.writeString(tmp, name + "\n", StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Leftovers of loads that failed or were killed (only called while holding the load lock). */
    private void removeUnfinished() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("gen-")
                    && p.getFileName().toString().endsWith(".tmp")).toList()) {
                deleteTree(p);
            }
        }
    }

    /** Keeps the new generation and the one before it (a running server may still have it open). */
    private void removeOld(Path keep, Path previous) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().startsWith("gen-"))
                    .filter(p -> !p.equals(keep) && !p.equals(previous)).toList()) {
                deleteTree(p);
            }
        }
    }

    /**
     * The number of quads in named graphs and of distinct triples in their union (what {@code SELECT (COUNT(*)
     * AS ?n) { GRAPH ?g { ?s ?p ?o } }} and {@code ... { ?s ?p ?o }} give on the union default graph), read
     * from the quad indexes as node ids, nothing decoded: the records of GSPO, and the runs of equal S, P, O in
     * SPOG (the same triple in several graphs is adjacent there). Duplicates in the input were dropped by the
     * indexes, so these are distinct counts. The stored default graph is not part of the union and is left out,
     * as the queries leave it out. Call inside a read transaction.
     */
    static long[] countFromIndexes(DatasetGraph dsg) {
        TupleIndex[] indexes = TDBInternal.getDatasetGraphTDB(dsg).getQuadTable().getNodeTupleTable()
                .getTupleTable().getIndexes();
        TupleIndex gspo = index(indexes, "GSPO");
        TupleIndex spog = index(indexes, "SPOG");
        long quads = 0;
        for (Iterator<Tuple<NodeId>> it = gspo.all(); it.hasNext(); it.next()) {
            quads++;
        }
        long triples = 0;
        NodeId s = null;
        NodeId p = null;
        NodeId o = null;
        // Tuples come in the table's G, S, P, O column order, sorted by S, P, O, G.
        for (Iterator<Tuple<NodeId>> it = spog.all(); it.hasNext(); ) {
            Tuple<NodeId> t = it.next();
            if (!t.get(1).equals(s) || !t.get(2).equals(p) || !t.get(3).equals(o)) {
                triples++;
                s = t.get(1);
                p = t.get(2);
                o = t.get(3);
            }
        }
        return new long[] {quads, triples};
    }

    private static TupleIndex index(TupleIndex[] indexes, String name) {
        for (TupleIndex i : indexes) {
            if (i.getName().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("no " + name + " index in the TDB2 quad table");
    }

    /** The same counts by COUNT queries through TDB2's engine (tests compare the two). */
    static long[] countByQueries(DatasetGraph dsg) {
        return new long[] {count(dsg, "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"),
                count(dsg, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")};
    }

    private static long count(DatasetGraph dsg, String query) {
        try (QueryExec qe = QueryExec.dataset(dsg).query(query).build()) {
            return ((Number) qe.select().next().get("n").getLiteralValue()).longValue();
        }
    }

    static Properties readMeta(Path generation) {
        Properties p = new Properties();
        Path f = generation.resolve(META);
        if (Files.isRegularFile(f)) {
            try (InputStream in = Files.newInputStream(f)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
        }
        return p;
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
