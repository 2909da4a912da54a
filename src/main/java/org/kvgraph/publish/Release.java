package org.kvgraph.publish;

import java.io.BufferedOutputStream;
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
import java.util.zip.GZIPOutputStream;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.kvgraph.convert.Problem;
import org.kvgraph.rdf.RdfOutput;
import org.kvgraph.rdf.Uris;
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
 * time and no name, and the description takes its dates from the data, never from the clock. Each file is
 * written under a temporary name and renamed when complete, SHA256SUMS last, so a crash never leaves a
 * truncated file under a real name, and {@link #verify(Path)} finds one that was cut or lost afterwards.
 *
 * <pre>{@code
 * DatasetGraph data = Release.read(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, problems);
 * Release.Written w = Release.write(data, Path.of("target/release"), Uris.DEFAULT_BASE);
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

    /** Writes a release of the dataset's named graphs into dir (created if needed). */
    public static Written write(DatasetGraph dsg, Path dir, String base) throws IOException {
        Files.createDirectories(dir);
        removeLeftovers(dir);
        List<Quad> quads = Txn.calculateRead(dsg, () -> Iter.toList(dsg.find()));
        quads.removeIf(q -> q.isDefaultGraph());
        quads.sort(SortedRdf.QUAD_ORDER);
        List<Triple> triples = SortedRdf.sorted(quads.stream().map(Quad::asTriple).toList());

        Map<String, Long> sizes = new TreeMap<>();
        Map<String, String> sums = new TreeMap<>();
        writeFile(dir, NQUADS, true, os -> {
            try (var w = new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8)) {
                String last = null;
                for (Quad q : quads) {
                    String l = SortedRdf.line(q);
                    if (!l.equals(last)) {
                        w.write(l);
                    }
                    last = l;
                }
            }
        }, sizes, sums);
        writeFile(dir, NTRIPLES, true, os -> SortedRdf.ntriples(os, triples), sizes, sums);
        writeFile(dir, TURTLE, true, os -> SortedRdf.turtle(os, triples, RdfOutput.PREFIXES), sizes, sums);

        DatasetDescription d = new DatasetDescription(new Uris(base), triples, sizes, sums);
        writeFile(dir, DESCRIPTION, false, os -> SortedRdf.turtle(os, SortedRdf.sorted(d.triples()),
                DatasetDescription.PREFIXES), sizes, sums);

        StringBuilder list = new StringBuilder();
        for (String f : FILES) {
            list.append(sums.get(f)).append("  ").append(f).append('\n');
        }
        writeFile(dir, SUMS, false, os -> os.write(list.toString().getBytes(StandardCharsets.UTF_8)),
                new TreeMap<>(), new TreeMap<>());
        return new Written(dir, triples.size(), quads.stream().distinct().count(), sizes, sums);
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

    interface Body {
        void write(OutputStream os) throws IOException;
    }

    /** Writes name through a temporary file (gzip'd with a fixed header if asked) and renames it into place. */
    static void writeFile(Path dir, String name, boolean gzip, Body body, Map<String, Long> sizes,
                                  Map<String, String> sums) throws IOException {
        Path target = dir.resolve(name);
        Path temp = Files.createTempFile(dir, "." + name + ".", ".part");
        try {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                // java.util.zip writes a gzip header without file name and with modification time 0.
                OutputStream os = gzip ? new GZIPOutputStream(file, 1 << 16) : file;
                body.write(new NoClose(os));
                if (os instanceof GZIPOutputStream g) {
                    g.finish();
                }
                os.flush();
            }
            try (var ch = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            readableByAll(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        sizes.put(name, Files.size(target));
        sums.put(name, sha256(target));
    }

    /** The temporary files of a publish that was killed before it could rename or delete them. */
    private static void removeLeftovers(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(".") && n.endsWith(".part") && Files.isRegularFile(p);
            }).toList()) {
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

    /** Lets a body close its writer without closing the file before the gzip trailer is written. */
    private static final class NoClose extends java.io.FilterOutputStream {
        NoClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
