package org.kvgraph.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Consumer;
import java.io.Writer;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.kvgraph.convert.Problem;
import org.kvgraph.rdf.RdfOutput;
import org.kvgraph.rdf.Uris;
import org.kvgraph.stats.Materialised;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/**
 * A release of the knowledge graph: the dumps, their description and their checksums, in one folder.
 *
 * <pre>
 * kvgraph.ttl.gz   Turtle with prefixes, a block per subject (the union of the named graphs)
 * kvgraph.nt.gz    N-Triples, the same triples, sorted
 * kvgraph.nq.gz    N-Quads, a named graph per source document, sorted
 * dataset.ttl      VoID and DCAT-AP-NL description (counts, partitions, link sets, distributions, licence)
 * SHA256SUMS       sha256sum's format: "hex  name" a line, for the four files above
 * </pre>
 *
 * The same statements always give the same bytes: lines and blocks are sorted, the gzip header carries no
 * time and no name, and the description takes its dates from the data, never from the clock. The quads are
 * never held in memory together: they stream into an external sort ({@link QuadSorter}: sorted runs on disk,
 * then one merge that writes the three dumps, each gzip'd on a thread of its own, see {@link Dump}) and the
 * description's counts are gathered during the merge. Everything is written into a temporary folder inside
 * the release folder and renamed into place when complete, SHA256SUMS last, so a failure never leaves a
 * truncated file under a real name (nor temporary files), and {@link #verify(Path)} finds one that was cut or
 * lost afterwards. A write asked to stop (a server shutting down) ends the same way; a process killed while
 * the files are being renamed leaves no SHA256SUMS that matches them, so {@link #verify(Path)} does not take
 * the folder for a whole release.
 *
 * <pre>{@code
 * Release.Written w = Release.publish(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, problems,
 *         Path.of("target/release"), System.err::println);
 * Release.Written v = Release.write(dataset, Path.of("target/release"), Uris.DEFAULT_BASE);   // from a dataset
 * List<String> bad = Release.verify(Path.of("target/release"));   // empty when every file is whole
 * }</pre>
 */
public final class Release {
    public static final String TURTLE = "kvgraph.ttl.gz";
    public static final String NTRIPLES = "kvgraph.nt.gz";
    public static final String NQUADS = "kvgraph.nq.gz";
    public static final String DESCRIPTION = "dataset.ttl";
    public static final String SUMS = "SHA256SUMS";
    /** The files SHA256SUMS lists, in its order. */
    public static final List<String> FILES = List.of(DESCRIPTION, NQUADS, NTRIPLES, TURTLE);
    /** The start of the name of the temporary folder a release is written into, inside the release folder. */
    static final String STAGE = ".publish-";

    private Release() {
    }

    /** What was written: the counts and, per file, its size and SHA-256. */
    public record Written(Path dir, long triples, long quads, Map<String, Long> sizes, Map<String, String> sha256) {
    }

    /** The inputs as a load would store them (a named graph per source), in memory. */
    public static DatasetGraph read(Inputs inputs, String base, boolean strict, List<Problem> problems)
            throws IOException {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(dsg, () -> {
            try {
                problems.addAll(Store.send(inputs, new Uris(base), strict, StreamRDFLib.dataset(dsg)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return dsg;
    }

    /**
     * Converts the inputs as a load would (a named graph per source) and writes their release into dir
     * (created if needed), streaming: the quads go into an external sort as they are converted, never into a
     * dataset. The documents that could not be converted are added to problems; progress lines go to progress.
     */
    public static Written publish(Inputs inputs, String base, boolean strict, List<Problem> problems, Path dir,
                                  Consumer<String> progress) throws IOException {
        return write(sink -> {
            problems.addAll(Store.send(inputs, new Uris(base), strict, new StreamRDFBase() {
                @Override
                public void quad(Quad q) {
                    sink.accept(q);
                }
            }));
        }, dir, base, QuadSorter.defaultBudget(), progress);
    }

    /** Writes a release of the dataset's named graphs into dir (created if needed). */
    public static Written write(DatasetGraph dsg, Path dir, String base) throws IOException {
        return write(dsg, dir, base, s -> { });
    }

    /**
     * Writes a release of the dataset's named graphs into dir (created if needed), streaming them in one read.
     * The statistics materialised at load ({@link Materialised}) are left out: the release holds the data
     * itself, as {@code kvgraph publish} writes it from the same inputs.
     */
    public static Written write(DatasetGraph dsg, Path dir, String base, Consumer<String> progress)
            throws IOException {
        return write(dsg, dir, base, progress, () -> false);
    }

    /**
     * As {@link #write(DatasetGraph, Path, String, Consumer)}, stopping with an {@link java.io.InterruptedIOException}
     * when stop says so (asked every 65,536 quads, while reading and while merging): the temporary folder is
     * removed and nothing is renamed into place. A server asks this of a writer when it shuts down; a flag
     * rather than a thread interrupt, which would close the database's file channels under its readers.
     */
    public static Written write(DatasetGraph dsg, Path dir, String base, Consumer<String> progress,
                                java.util.function.BooleanSupplier stop) throws IOException {
        Node statistics = new Uris(base).graph(Materialised.GRAPH_NAME);
        return write(sink -> Txn.executeRead(dsg, () -> {
            Iterator<Quad> it = dsg.find();
            try {
                it.forEachRemaining(q -> {
                    if (!statistics.equals(q.getGraph())) {
                        sink.accept(q);
                    }
                });
            } finally {
                Iter.close(it);
            }
        }), dir, base, QuadSorter.defaultBudget(), progress, stop);
    }

    /** Where the quads of a release come from: a source sends each to the sink, in any order, repeats allowed. */
    interface Quads {
        void send(Consumer<Quad> sink) throws IOException;
    }

    /**
     * Writes the release of the quads into dir, in memory bounded by runBudget (the bytes of quads held before
     * a sorted run is written to disk). Everything is written into a temporary folder inside dir first and
     * renamed into place when whole, SHA256SUMS last; the temporary folder is removed however this ends.
     */
    static Written write(Quads source, Path dir, String base, long runBudget, Consumer<String> progress)
            throws IOException {
        return write(source, dir, base, runBudget, progress, () -> false);
    }

    static Written write(Quads source, Path dir, String base, long runBudget, Consumer<String> progress,
                         java.util.function.BooleanSupplier stop) throws IOException {
        Files.createDirectories(dir);
        removeLeftovers(dir);
        long t0 = System.nanoTime();
        Path stage = Files.createTempDirectory(dir, STAGE);
        try {
            Map<String, Long> sizes = new TreeMap<>();
            Map<String, String> sums = new TreeMap<>();
            long quads = 0;
            DatasetDescription.Stats stats = new DatasetDescription.Stats(base);
            try (QuadSorter sorter = new QuadSorter(stage, runBudget, RdfOutput.PREFIXES)) {
                try {
                    source.send(q -> {
                        try {
                            stopIf(stop, sorter.added());
                            sorter.add(q);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        if (sorter.added() % 1_000_000 == 0) {
                            progress.accept(String.format(Locale.ROOT, "%.1f s: %,d quads read, %d sorted runs written",
                                    seconds(t0), sorter.added(), sorter.runs()));
                        }
                    });
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                Iterator<QuadSorter.Rec> sorted = sorter.sorted();
                progress.accept(String.format(Locale.ROOT, "%.1f s: read %,d quads (%d sorted runs on disk); merging",
                        seconds(t0), sorter.added(), sorter.runs()));
                long t1 = System.nanoTime();
                try (Dump nq = new Dump(stage.resolve(NQUADS));
                     Dump nt = new Dump(stage.resolve(NTRIPLES));
                     Dump ttl = new Dump(stage.resolve(TURTLE))) {
                    Writer q = nq.writer();
                    Writer t = nt.writer();
                    SortedRdf.TurtleBlocks blocks = new SortedRdf.TurtleBlocks(ttl.writer(), RdfOutput.PREFIXES);
                    String lastTriple = null;
                    while (sorted.hasNext()) {
                        QuadSorter.Rec r = sorted.next();
                        stopIf(stop, quads);
                        quads++;
                        q.write(r.key());
                        String triple = r.tripleKey();
                        if (!triple.equals(lastTriple)) {
                            t.write(triple);
                            t.write(" .\n");
                            String s = r.subjectKey();
                            String p = r.predicateKey();
                            blocks.add(s, r.sTtl(), p, r.pTtl(), r.oTtl());
                            stats.add(s, p, r.objectKey());
                            lastTriple = triple;
                        }
                    }
                    blocks.finish();
                    for (Dump d : List.of(nq, nt, ttl)) {
                        d.finish();
                        String name = d.file.getFileName().toString();
                        sizes.put(name, d.size());
                        sums.put(name, d.sha256());
                    }
                }
                progress.accept(String.format(Locale.ROOT,
                        "%.1f s: merged and wrote %,d quads, %,d triples in %.1f s", seconds(t0), quads,
                        stats.triples, seconds(t1)));
            }
            DatasetDescription d = new DatasetDescription(new Uris(base), stats, sizes, sums);
            java.io.ByteArrayOutputStream desc = new java.io.ByteArrayOutputStream();
            SortedRdf.turtle(desc, SortedRdf.sorted(d.triples()), DatasetDescription.PREFIXES);
            stageFile(stage, DESCRIPTION, desc.toByteArray(), sizes, sums);
            StringBuilder list = new StringBuilder();
            for (String f : FILES) {
                list.append(sums.get(f)).append("  ").append(f).append('\n');
            }
            stageFile(stage, SUMS, list.toString().getBytes(StandardCharsets.UTF_8), new TreeMap<>(), new TreeMap<>());
            for (String f : List.of(NQUADS, NTRIPLES, TURTLE, DESCRIPTION, SUMS)) {
                Path p = stage.resolve(f);
                readableByAll(p);
                Files.move(p, dir.resolve(f), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Written(dir, stats.triples, quads, sizes, sums);
        } finally {
            deleteTree(stage);
        }
    }

    /**
     * Stops a write when asked to (a server shutting down), checked every 65,536 quads: the temporary folder
     * is then removed and nothing of it is renamed into place.
     */
    private static void stopIf(java.util.function.BooleanSupplier stop, long n) throws java.io.InterruptedIOException {
        if ((n & 0xFFFF) == 0 && stop.getAsBoolean()) {
            throw new java.io.InterruptedIOException("release writing stopped after " + n + " quads");
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Writes a small file into the staging folder, on disk before it returns, with its size and SHA-256. */
    private static void stageFile(Path stage, String name, byte[] bytes, Map<String, Long> sizes,
                                  Map<String, String> sums) throws IOException {
        Path p = stage.resolve(name);
        Files.write(p, bytes);
        force(p);
        sizes.put(name, (long) bytes.length);
        sums.put(name, HexFormat.of().formatHex(digest().digest(bytes)));
    }

    private static void force(Path p) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /**
     * Checks a release folder against its SHA256SUMS: every release file listed and present with the listed
     * SHA-256. Returns what is wrong, one message a file; empty when the release is whole.
     */
    public static List<String> verify(Path dir) {
        List<String> problems = new ArrayList<>();
        Map<String, String> listed = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve(SUMS), StandardCharsets.UTF_8)) {
                String[] parts = line.split(" [ *]", 2);
                if (parts.length == 2 && parts[0].matches("[0-9a-f]{64}")) {
                    listed.put(parts[1], parts[0]);
                } else if (!line.isBlank()) {
                    problems.add(SUMS + ": not a checksum line: " + line);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of(dir.resolve(SUMS) + ": missing");
        } catch (IOException e) {
            return List.of(dir.resolve(SUMS) + ": cannot read: " + e.getMessage());
        }
        for (String f : FILES) {
            if (!listed.containsKey(f)) {
                problems.add(SUMS + ": no checksum for " + f);
            }
        }
        listed.forEach((name, expected) -> {
            Path p = dir.resolve(name).normalize();
            if (!p.getParent().equals(dir.normalize())) {
                problems.add(SUMS + ": names a file outside the release: " + name);
            } else if (!Files.isRegularFile(p)) {
                problems.add(name + ": missing");
            } else {
                String actual = sha256(p);
                if (!actual.equals(expected)) {
                    problems.add(name + ": SHA-256 is " + actual + ", SHA256SUMS says " + expected
                            + " (truncated or changed)");
                }
            }
        });
        return problems;
    }

    /** The version a release description gives ({@code owl:versionInfo} of any subject), if any. */
    public static java.util.Optional<String> version(org.apache.jena.graph.Graph description) {
        var it = description.find(org.apache.jena.graph.Node.ANY,
                org.apache.jena.graph.NodeFactory.createURI("http://www.w3.org/2002/07/owl#versionInfo"),
                org.apache.jena.graph.Node.ANY);
        try {
            return it.hasNext() ? java.util.Optional.of(it.next().getObject().getLiteralLexicalForm())
                    : java.util.Optional.empty();
        } finally {
            it.close();
        }
    }

    /** The version in a release folder's {@code dataset.ttl}, if it has one. */
    public static java.util.Optional<String> version(Path dir) {
        Path d = dir.resolve(DESCRIPTION);
        if (!Files.isRegularFile(d)) {
            return java.util.Optional.empty();
        }
        org.apache.jena.graph.Graph g = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        org.apache.jena.riot.RDFParser.source(d).lang(org.apache.jena.riot.Lang.TURTLE).parse(g);
        return version(g);
    }

    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The temporary folder (and the files of older versions) of a publish that was killed before it ended. */
    private static void removeLeftovers(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(STAGE) && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        || n.startsWith(".") && n.endsWith(".part") && Files.isRegularFile(p);
            }).toList()) {
                deleteTree(p);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A temporary file is created for its owner only; a release is for everyone to read. */
    private static void readableByAll(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its defaults apply
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
