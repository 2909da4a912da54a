package org.kvgraph.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.convert.Problem;
import org.kvgraph.rdf.RdfOutput;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;

/**
 * The streaming release: the external sort with runs forced small (many runs on disk) gives the same bytes as
 * one run in memory, and the same text as the in-memory sort of before; its temporary files are gone after a
 * success and after a failure; a failure leaves the previous release as it was.
 */
class ReleaseStreamingTest {
    private static final Pattern RUNS = Pattern.compile("\\((\\d+) sorted runs on disk\\)");

    @TempDir
    static Path tmp;
    static List<Quad> quads;

    @BeforeAll
    static void readTheBundledData() throws IOException {
        List<Problem> problems = new ArrayList<>();
        DatasetGraph dsg = Release.read(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, problems);
        quads = Txn.calculateRead(dsg, () -> Iter.toList(dsg.find()));
        assertTrue(quads.size() > 1000, "the bundled data has quads: " + quads.size());
    }

    /** The quads twice over, the second time backwards, plus one of the default graph (not released). */
    private static Release.Quads shuffled() {
        return sink -> {
            quads.forEach(sink);
            for (int i = quads.size() - 1; i >= 0; i--) {
                sink.accept(quads.get(i));
            }
            Quad q = quads.get(0);
            sink.accept(Quad.create(Quad.defaultGraphIRI, q.getSubject(), q.getPredicate(), q.getObject()));
        };
    }

    @Test
    void manySmallRunsGiveTheBytesOfOneRunInMemoryAndTheTextOfAnInMemorySort() throws IOException {
        Path small = tmp.resolve("small-runs");
        Path one = tmp.resolve("one-run");
        List<String> progress = new ArrayList<>();
        Release.Written w = Release.write(shuffled(), small, Uris.DEFAULT_BASE, 8 * 1024, progress::add);
        Release.write(shuffled(), one, Uris.DEFAULT_BASE, 1L << 30, s -> { });
        assertTrue(runs(progress) > 20, "runs forced small: " + progress);
        for (String f : List.of(Release.NQUADS, Release.NTRIPLES, Release.TURTLE, Release.DESCRIPTION, Release.SUMS)) {
            assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(small.resolve(f)), f);
        }
        assertTrue(Release.verify(small).isEmpty(), Release.verify(small).toString());

        // The reference: the whole data sorted in memory, as the release was written before it streamed.
        TreeSet<String> nq = new TreeSet<>();
        TreeMap<String, Triple> nt = new TreeMap<>();
        for (Quad q : quads) {
            if (!q.isDefaultGraph()) {
                nq.add(SortedRdf.line(q));
                nt.put(SortedRdf.line(q.asTriple()), q.asTriple());
            }
        }
        assertEquals(String.join("", nq), gunzip(small.resolve(Release.NQUADS)));
        assertEquals(String.join("", nt.keySet()), gunzip(small.resolve(Release.NTRIPLES)));
        ByteArrayOutputStream ttl = new ByteArrayOutputStream();
        SortedRdf.turtle(ttl, new ArrayList<>(nt.values()), RdfOutput.PREFIXES);
        assertEquals(ttl.toString(StandardCharsets.UTF_8), gunzip(small.resolve(Release.TURTLE)));
        assertEquals(nq.size(), w.quads());
        assertEquals(nt.size(), w.triples());

        // The description counts as the one computed from the triples in memory does.
        ByteArrayOutputStream ref = new ByteArrayOutputStream();
        DatasetDescription d = new DatasetDescription(new Uris(Uris.DEFAULT_BASE), new ArrayList<>(nt.values()),
                w.sizes(), w.sha256());
        SortedRdf.turtle(ref, SortedRdf.sorted(d.triples()), DatasetDescription.PREFIXES);
        assertEquals(ref.toString(StandardCharsets.UTF_8), Files.readString(small.resolve(Release.DESCRIPTION)));
        assertTrue(ref.toString(StandardCharsets.UTF_8).contains("void:triples " + nt.size()),
                "the triple count is stated");
    }

    @Test
    void theTemporaryRunsAreWrittenAndThenRemoved() throws IOException {
        Path dir = tmp.resolve("temporary");
        AtomicInteger seen = new AtomicInteger();
        Release.Quads source = sink -> {
            shuffled().send(sink);
            seen.set(temporaryFiles(dir).size());
        };
        Release.write(source, dir, Uris.DEFAULT_BASE, 8 * 1024, s -> { });
        assertTrue(seen.get() > 20, "sorted runs were on disk while reading: " + seen.get());
        assertEquals(List.of(), temporaryFiles(dir), "no temporary files after a success");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(5, s.count(), "only the release files");
        }
    }

    @Test
    void aFailureWhileReadingLeavesThePreviousReleaseAndNoTemporaryFiles() throws IOException {
        Path dir = tmp.resolve("fails-reading");
        Release.write(shuffled(), dir, Uris.DEFAULT_BASE, 8 * 1024, s -> { });
        Map<String, byte[]> before = files(dir);
        Release.Quads failing = sink -> {
            for (int i = 0; i < quads.size() / 2; i++) {
                sink.accept(quads.get(i));
            }
            throw new IOException("the source broke half way");
        };
        IOException e = assertThrows(IOException.class,
                () -> Release.write(failing, dir, Uris.DEFAULT_BASE, 8 * 1024, s -> { }));
        assertEquals("the source broke half way", e.getMessage());
        assertUnchanged(before, dir);
    }

    @Test
    void aFailureAfterTheDumpsWereWrittenLeavesThePreviousReleaseAndNoTemporaryFiles() throws IOException {
        Path dir = tmp.resolve("fails-writing");
        Release.write(shuffled(), dir, Uris.DEFAULT_BASE, 8 * 1024, s -> { });
        Map<String, byte[]> before = files(dir);
        // Other data (half the quads), so a release that got through would differ; it fails once its dumps
        // are written into the temporary folder, before anything is renamed into place.
        Release.Quads half = sink -> quads.subList(0, quads.size() / 2).forEach(sink);
        RuntimeException e = assertThrows(RuntimeException.class, () -> Release.write(half, dir,
                Uris.DEFAULT_BASE, 8 * 1024, s -> {
                    if (s.contains("merged and wrote")) {
                        assertTrue(temporaryFiles(dir).stream().anyMatch(p -> p.endsWith(Release.NQUADS)),
                                "the dumps are in the temporary folder");
                        throw new IllegalStateException("disk full, say");
                    }
                }));
        assertEquals("disk full, say", e.getMessage());
        assertUnchanged(before, dir);
    }

    @Test
    void aFailureInTheSortedRunsLeavesNoTemporaryFiles() throws IOException {
        Path dir = tmp.resolve("fails-in-a-run");
        Release.Quads removesItsRuns = sink -> {
            shuffled().send(sink);
            for (Path p : temporaryFiles(dir)) {
                if (p.getFileName().toString().startsWith("run-")) {
                    Files.delete(p);
                }
            }
        };
        assertThrows(IOException.class, () -> Release.write(removesItsRuns, dir, Uris.DEFAULT_BASE, 8 * 1024,
                s -> { }));
        assertEquals(List.of(), temporaryFiles(dir));
        assertTrue(Release.verify(dir).toString().contains("missing"), "no release was written");
    }

    @Test
    void theTemporaryFolderOfAKilledPublishIsRemovedByTheNext() throws IOException {
        Path dir = tmp.resolve("killed");
        Path left = Files.createDirectories(dir.resolve(Release.STAGE + "12345"));
        Files.writeString(left.resolve("run-0"), "what a killed run left", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(".kvgraph.nq.gz.1.part"), "older leftovers", StandardCharsets.UTF_8);
        Release.write(shuffled(), dir, Uris.DEFAULT_BASE, 1L << 30, s -> { });
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                    "the leftovers are gone");
        }
        assertTrue(Release.verify(dir).isEmpty());
    }

    private static int runs(List<String> progress) {
        for (String line : progress) {
            Matcher m = RUNS.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }

    /** Every file under the release folder's temporary folders. */
    private static List<Path> temporaryFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir) && dir.relativize(p).toString().startsWith(Release.STAGE)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                m.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        assertEquals(5, m.size(), m.keySet().toString());
        return m;
    }

    private static void assertUnchanged(Map<String, byte[]> before, Path dir) throws IOException {
        Map<String, byte[]> after = files(dir);
        assertEquals(before.keySet(), after.keySet(), "the same files, and nothing else");
        before.forEach((f, b) -> assertArrayEquals(b, after.get(f), f + " unchanged"));
        assertTrue(Release.verify(dir).isEmpty());
    }

    private static String gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
