package org.kvgraph.publish;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;

/**
 * An external sort of quads by their N-Quads line, in bounded memory. Each quad becomes a {@link Rec}: its
 * N-Quads line (the sort key) and the Turtle forms of its subject, predicate and object (so the Turtle dump
 * needs no parsing later). Records are kept in memory up to a budget of bytes, then sorted and written as a run
 * to a temporary file, on a second thread while the next run fills; {@link #sorted()} merges the runs (and
 * the last one, still in memory) into one sorted sequence without repeats.
 *
 * <p>Sorting by the N-Quads line also sorts by the N-Triples line, with all the quads of one triple side by
 * side (a term's N-Triples form is never followed by a space inside it), and groups the triples by subject:
 * one merge pass gives all three dumps.
 */
final class QuadSorter implements Closeable {
    /** A quad: its N-Quads line (with "\n"), where its subject, predicate and object end, their Turtle forms. */
    record Rec(String key, int endS, int endP, int endO, String sTtl, String pTtl, String oTtl) {
        String subjectKey() {
            return key.substring(0, endS);
        }

        String predicateKey() {
            return key.substring(endS + 1, endP);
        }

        String objectKey() {
            return key.substring(endP + 1, endO);
        }

        /** The triple's N-Triples line without " .\n". */
        String tripleKey() {
            return key.substring(0, endO);
        }
    }

    private static final Comparator<Rec> ORDER = Comparator.comparing(Rec::key);

    private final Path dir;
    private final long budget;
    private final SortedRdf.Terms terms;
    private final ExecutorService spiller = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "publish-sort");
        t.setDaemon(true);
        return t;
    });
    private final List<Path> runs = new ArrayList<>();
    private final List<Source> open = new ArrayList<>();
    private Future<?> spilling;
    private List<Rec> buffer = new ArrayList<>();
    private long bytes;
    private long added;
    /** The N-Triples forms of predicates and graph names, which repeat. */
    private final java.util.Map<Node, String> nts = new java.util.HashMap<>();
    private Node lastSubject;
    private String lastSubjectNt;
    private String lastSubjectTtl;

    /** Sorts in runs of about budget bytes (in memory) each, written to files in dir. */
    QuadSorter(Path dir, long budget, java.util.Map<String, String> prefixes) {
        this.dir = dir;
        this.budget = budget;
        this.terms = new SortedRdf.Terms(prefixes, 200_000);
    }

    /** The default budget of a run: an eighth of the heap, between 4 MB and 128 MB. */
    static long defaultBudget() {
        return Math.max(4L << 20, Math.min(128L << 20, Runtime.getRuntime().maxMemory() / 8));
    }

    /** Adds a quad of a named graph (a quad of the default graph is not part of a release and is skipped). */
    void add(Quad q) throws IOException {
        if (q.isDefaultGraph()) {
            return;
        }
        Node s = q.getSubject();
        String ntS;
        String ttlS;
        if (s.equals(lastSubject)) {
            ntS = lastSubjectNt;
            ttlS = lastSubjectTtl;
        } else {
            ntS = SortedRdf.nt(s);
            ttlS = terms.term(s);
            lastSubject = s;
            lastSubjectNt = ntS;
            lastSubjectTtl = ttlS;
        }
        String ntP = nts.computeIfAbsent(q.getPredicate(), SortedRdf::nt);
        String ntO = SortedRdf.nt(q.getObject());
        String ntG = nts.computeIfAbsent(q.getGraph(), SortedRdf::nt);
        if (nts.size() > 100_000) {
            nts.clear();
        }
        StringBuilder b = new StringBuilder(ntS.length() + ntP.length() + ntO.length() + ntG.length() + 6);
        b.append(ntS).append(' ');
        int endS = ntS.length();
        b.append(ntP);
        int endP = b.length();
        b.append(' ').append(ntO);
        int endO = b.length();
        b.append(' ').append(ntG).append(" .\n");
        Rec r = new Rec(b.toString(), endS, endP, endO, ttlS, terms.predicate(q.getPredicate()),
                terms.term(q.getObject()));
        buffer.add(r);
        added++;
        bytes += 2L * (r.key().length() + ttlS.length() + r.pTtl().length() + r.oTtl().length()) + 240;
        if (bytes >= budget) {
            spill();
        }
    }

    /** The quads added so far (repeats included). */
    long added() {
        return added;
    }

    /** The runs written to files so far. */
    int runs() {
        return runs.size();
    }

    private void spill() throws IOException {
        awaitSpill();
        List<Rec> full = buffer;
        buffer = new ArrayList<>();
        bytes = 0;
        Path run = dir.resolve("run-" + runs.size());
        runs.add(run);
        spilling = spiller.submit(() -> {
            full.sort(ORDER);
            try (DataOutputStream out = new DataOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
                String last = null;
                for (Rec r : full) {
                    if (!r.key().equals(last)) {
                        write(out, r);
                    }
                    last = r.key();
                }
            }
            return null;
        });
    }

    private void awaitSpill() throws IOException {
        if (spilling == null) {
            return;
        }
        try {
            spilling.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing a sorted run", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(c);
        } finally {
            spilling = null;
        }
    }

    /** All records added, sorted by their N-Quads line, each line once. Call once, after the last add. */
    Iterator<Rec> sorted() throws IOException {
        awaitSpill();
        buffer.sort(ORDER);
        List<Source> sources = new ArrayList<>();
        for (Path run : runs) {
            RunSource rs = new RunSource(run);
            open.add(rs);
            sources.add(rs);
        }
        sources.add(new ListSource(buffer));
        buffer = new ArrayList<>();
        PriorityQueue<Source> queue = new PriorityQueue<>(Comparator.comparing((Source s) -> s.head().key()));
        for (Source s : sources) {
            if (s.head() != null) {
                queue.add(s);
            } else {
                s.close();
            }
        }
        return new Iterator<>() {
            private String last;
            private Rec next = advance();

            private Rec advance() {
                while (!queue.isEmpty()) {
                    Source s = queue.poll();
                    Rec r = s.head();
                    if (s.next() != null) {
                        queue.add(s);
                    } else {
                        s.close();
                    }
                    if (!r.key().equals(last)) {
                        last = r.key();
                        return r;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Rec next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Rec r = next;
                next = advance();
                return r;
            }
        };
    }

    /** Stops the sorting thread and deletes the runs. */
    @Override
    public void close() throws IOException {
        spiller.shutdownNow();
        try {
            spiller.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Source s : open) {
            s.close();
        }
        for (Path run : runs) {
            Files.deleteIfExists(run);
        }
    }

    private static void write(DataOutputStream out, Rec r) throws IOException {
        writeString(out, r.key());
        out.writeInt(r.endS());
        out.writeInt(r.endP());
        out.writeInt(r.endO());
        writeString(out, r.sTtl());
        writeString(out, r.pTtl());
        writeString(out, r.oTtl());
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A sorted source of records: its current record (null when done). */
    private interface Source {
        Rec head();

        Rec next();

        void close();
    }

    private static final class ListSource implements Source {
        private final Iterator<Rec> it;
        private Rec head;

        ListSource(List<Rec> sorted) {
            this.it = sorted.iterator();
            this.head = it.hasNext() ? it.next() : null;
        }

        @Override
        public Rec head() {
            return head;
        }

        @Override
        public Rec next() {
            head = it.hasNext() ? it.next() : null;
            return head;
        }

        @Override
        public void close() {
        }
    }

    private static final class RunSource implements Source {
        private final DataInputStream in;
        private final Path file;
        private Rec head;
        private boolean closed;

        RunSource(Path file) throws IOException {
            this.file = file;
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            next();
        }

        @Override
        public Rec head() {
            return head;
        }

        @Override
        public Rec next() {
            try {
                String key;
                try {
                    key = readString(in);
                } catch (EOFException e) {
                    head = null;
                    return null;
                }
                head = new Rec(key, in.readInt(), in.readInt(), in.readInt(), readString(in), readString(in),
                        readString(in));
                return head;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the sorted run " + file, e);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
