package org.kvgraph.spill;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.jena.atlas.data.DistinctDataBag;
import org.apache.jena.atlas.data.SerializationFactory;
import org.apache.jena.atlas.data.SortedDataBag;
import org.apache.jena.atlas.data.ThresholdPolicy;
import org.apache.jena.atlas.lib.Sink;

/**
 * Bags of text lines that stay within a memory budget however many lines go in: Jena's external sort
 * ({@link SortedDataBag}, as ARQ uses it to spill an ORDER BY), with the lines kept in memory up to a number of
 * bytes and then sorted and written to a temporary file; iterating merges the files. The lines come out sorted
 * by {@link String#compareTo}, and from a distinct bag without repeats. A line must not contain {@code '\n'} or
 * {@code '\r'}. Close a bag when done (its temporary files are deleted then).
 *
 * <pre>{@code
 * SortedDataBag<String> bag = LineBags.distinct(LineBags.DEFAULT_BUDGET);
 * try {
 *     bag.add("b"); bag.add("a"); bag.add("b");
 *     bag.iterator();   // "a", "b"
 * } finally {
 *     bag.close();
 * }
 * }</pre>
 */
public final class LineBags {
    /**
     * The bytes of lines a bag holds in memory before it spills, by default: 16 MiB, or the system property
     * {@code kvgraph.spill.bytes}.
     */
    public static final long DEFAULT_BUDGET = Long.getLong("kvgraph.spill.bytes", 16L << 20);

    private LineBags() {
    }

    /** A bag whose lines come out sorted, repeats kept. */
    public static SortedDataBag<String> sorted(long budget) {
        return new SortedDataBag<>(new Budget(budget, 64), LINES, String::compareTo);
    }

    /** A bag whose lines come out sorted and without repeats. */
    public static SortedDataBag<String> distinct(long budget) {
        // A distinct bag keeps its lines in a hash set until it spills: about 48 bytes more a line.
        return new SortedDistinct(new Budget(budget, 112));
    }

    /**
     * Jena's distinct bag, sorted also when it did not spill: {@link DistinctDataBag} then gives its hash set's
     * order, not the sorted order that its lines come in once it spilled.
     */
    private static final class SortedDistinct extends DistinctDataBag<String> {
        SortedDistinct(Budget budget) {
            super(budget, LINES, String::compareTo);
        }

        @Override
        public Iterator<String> iterator() {
            if (spilled || isClosed()) {
                return super.iterator();
            }
            List<String> lines = new ArrayList<>(memory);
            lines.sort(null);
            return lines.iterator();
        }
    }

    /** Counts an estimate of the heap the lines in memory take: the string and its place in the collection. */
    private static final class Budget implements ThresholdPolicy<String> {
        private final long budget;
        private final int overhead;
        private long used;

        Budget(long budget, int overhead) {
            if (budget < 1) {
                throw new IllegalArgumentException("budget must be at least one byte: " + budget);
            }
            this.budget = budget;
            this.overhead = overhead;
        }

        @Override
        public void increment(String line) {
            used += overhead + line.length();
        }

        @Override
        public boolean isThresholdExceeded() {
            return used >= budget;
        }

        @Override
        public void reset() {
            used = 0;
        }
    }

    /** Lines written as UTF-8, one a line. */
    private static final SerializationFactory<String> LINES = new SerializationFactory<>() {
        @Override
        public Sink<String> createSerializer(OutputStream out) {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            return new Sink<>() {
                @Override
                public void send(String line) {
                    try {
                        w.write(line);
                        w.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void flush() {
                    try {
                        w.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void close() {
                    try {
                        w.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        }

        @Override
        public Iterator<String> createDeserializer(InputStream in) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            return new Iterator<>() {
                private String next = read();

                private String read() {
                    try {
                        return r.readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public String next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    String line = next;
                    next = read();
                    return line;
                }
            };
        }
    };

    /** The lines as one UTF-8 stream, each followed by {@code '\n'} (to hand them to a parser). */
    public static InputStream asStream(Iterator<String> lines) {
        return new InputStream() {
            private byte[] current = new byte[0];
            private int at;

            private boolean fill() {
                while (at >= current.length) {
                    if (!lines.hasNext()) {
                        return false;
                    }
                    current = (lines.next() + "\n").getBytes(StandardCharsets.UTF_8);
                    at = 0;
                }
                return true;
            }

            @Override
            public int read() {
                return fill() ? current[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                int n = 0;
                while (n < len && fill()) {
                    int k = Math.min(len - n, current.length - at);
                    System.arraycopy(current, at, b, off + n, k);
                    at += k;
                    n += k;
                }
                return n == 0 ? -1 : n;
            }
        };
    }
}
