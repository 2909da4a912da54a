package org.kvgraph.rdf;

import java.util.Arrays;
import org.apache.jena.graph.Node;

/**
 * A compact set of 96-bit fingerprints of keys (taken from a 128-bit hash), optionally each with an {@code int}
 * value: open addressing over a {@code long[]} and an {@code int[]} (and an {@code int[]} of values for a map),
 * 12 bytes a slot (16 with values), so 16 to 32 bytes a key instead of the hundreds of a {@code HashSet} of Jena
 * nodes or strings. Used for what conversion must remember of every set or shared resource for the whole run
 * (which quads were written, each case and each set's date). Two different keys share a fingerprint with a
 * probability of about n²/2⁹⁷ (below 10⁻¹⁵ for ten million keys): such a pair would be taken as one key. The hash
 * is not keyed, so it is not meant to resist crafted collisions.
 *
 * <pre>{@code
 * Hash128Set seen = new Hash128Set();
 * Hash128Set.Hasher h = new Hash128Set.Hasher();
 * boolean first = seen.add(h.reset().add("a").add("b"));   // true the first time only
 * }</pre>
 */
public final class Hash128Set {
    /** The value {@link #get} gives for a key not in the set. */
    public static final int ABSENT = Integer.MIN_VALUE;

    private final boolean withValues;
    private long[] hi;
    private int[] lo;
    private int[] values;
    private int size;
    private int mask;

    /** A set that keeps a value per key ({@link #put}, {@link #get}). */
    public Hash128Set() {
        this(1 << 10);
    }

    /** A set with values, with room for {@code expected} keys before it grows. */
    public Hash128Set(int expected) {
        this(expected, true);
    }

    /** A set with room for {@code expected} keys before it grows; without values it takes 12 bytes a slot. */
    public Hash128Set(int expected, boolean withValues) {
        this.withValues = withValues;
        int cap = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 30, expected * 4L / 3 + 1)) - 1) << 1;
        allocate(cap);
    }

    private void allocate(int cap) {
        hi = new long[cap];
        lo = new int[cap];
        values = withValues ? new int[cap] : null;
        mask = cap - 1;
    }

    /** How many keys the set holds. */
    public int size() {
        return size;
    }

    /** Adds the hasher's current key; true when it was not there yet. */
    public boolean add(Hasher h) {
        return put(h.hi(), h.lo(), 0, false);
    }

    /** Adds a key given by its two halves; true when it was not there yet. */
    public boolean add(long h1, long h2) {
        return put(h1, h2, 0, false);
    }

    /** Sets the key's value (adding the key when absent); true when the key was not there yet. */
    public boolean put(Hasher h, int value) {
        return put(h.hi(), h.lo(), value, true);
    }

    /** The key's value, or {@link #ABSENT}. */
    public int get(Hasher h) {
        if (!withValues) {
            throw new IllegalStateException("a set without values");
        }
        long h1 = h.hi();
        int h2 = nonZero(h1, h.lo());
        for (int i = slot(h1); ; i = (i + 1) & mask) {
            if (hi[i] == h1 && lo[i] == h2) {
                return values[i];
            }
            if (hi[i] == 0 && lo[i] == 0) {
                return ABSENT;
            }
        }
    }

    /** Whether the set holds the key. */
    public boolean contains(Hasher h) {
        long h1 = h.hi();
        int h2 = nonZero(h1, h.lo());
        for (int i = slot(h1); ; i = (i + 1) & mask) {
            if (hi[i] == h1 && lo[i] == h2) {
                return true;
            }
            if (hi[i] == 0 && lo[i] == 0) {
                return false;
            }
        }
    }

    private boolean put(long h1, long h2raw, int value, boolean replace) {
        if (replace && !withValues) {
            throw new IllegalStateException("a set without values");
        }
        int h2 = nonZero(h1, h2raw);
        for (int i = slot(h1); ; i = (i + 1) & mask) {
            if (hi[i] == h1 && lo[i] == h2) {
                if (replace) {
                    values[i] = value;
                }
                return false;
            }
            if (hi[i] == 0 && lo[i] == 0) {
                hi[i] = h1;
                lo[i] = h2;
                if (withValues) {
                    values[i] = value;
                }
                if (++size > (mask + 1) / 4 * 3) {
                    grow();
                }
                return true;
            }
        }
    }

    /** The fingerprint's low 32 bits; (0, 0) marks an empty slot, so that key is stored as (0, 1). */
    private static int nonZero(long h1, long h2) {
        int low = (int) h2;
        return h1 == 0 && low == 0 ? 1 : low;
    }

    private int slot(long h1) {
        return (int) (h1 ^ h1 >>> 32) & mask;
    }

    private void grow() {
        long[] oldHi = hi;
        int[] oldLo = lo;
        int[] oldValues = values;
        allocate(oldHi.length * 2);
        for (int j = 0; j < oldHi.length; j++) {
            if (oldHi[j] != 0 || oldLo[j] != 0) {
                int i = slot(oldHi[j]);
                while (hi[i] != 0 || lo[i] != 0) {
                    i = (i + 1) & mask;
                }
                hi[i] = oldHi[j];
                lo[i] = oldLo[j];
                if (withValues) {
                    values[i] = oldValues[j];
                }
            }
        }
    }

    /** Empties the set, keeping its room. */
    public void clear() {
        Arrays.fill(hi, 0);
        Arrays.fill(lo, 0);
        size = 0;
    }

    /**
     * Builds the 128-bit hash of a sequence of strings and nodes, with no garbage: two independent 64-bit lanes
     * over the UTF-16 units, each string's length and a tag for each node's kind mixed in, so ("ab", "c") and
     * ("a", "bc"), or a URI and a literal with the same text, differ. Not thread-safe; one per thread.
     */
    public static final class Hasher {
        private static final long P1 = 0x9E3779B97F4A7C15L;
        private static final long P2 = 0xC2B2AE3D27D4EB4FL;
        private static final long P3 = 0x165667B19E3779F9L;
        private long a;
        private long b;

        public Hasher reset() {
            a = 0x243F6A8885A308D3L;
            b = 0x13198A2E03707344L;
            return this;
        }

        public Hasher() {
            reset();
        }

        /** Mixes in a string (null is distinct from every string). */
        public Hasher add(CharSequence s) {
            if (s == null) {
                return mix(-1);
            }
            int n = s.length();
            long x = a;
            long y = b;
            int i = 0;
            for (; i + 1 < n; i += 2) {
                long c = (long) s.charAt(i) << 16 | s.charAt(i + 1);
                x = Long.rotateLeft((x ^ c) * P1, 29);
                y = Long.rotateLeft((y + c) * P2, 37) ^ x;
            }
            if (i < n) {
                long c = s.charAt(i);
                x = Long.rotateLeft((x ^ c) * P1, 29);
                y = Long.rotateLeft((y + c) * P2, 37) ^ x;
            }
            a = x;
            b = y;
            return mix(n);
        }

        /** Mixes in a node: its kind and its parts (URI; lexical form, language and datatype; blank node label). */
        public Hasher add(Node n) {
            if (n == null) {
                return mix(-2);
            }
            if (n.isURI()) {
                return mix(1).add(n.getURI());
            }
            if (n.isLiteral()) {
                return mix(2).add(n.getLiteralLexicalForm()).add(n.getLiteralLanguage()).add(n.getLiteralDatatypeURI());
            }
            if (n.isBlank()) {
                return mix(3).add(n.getBlankNodeLabel());
            }
            return mix(4).add(n.toString());
        }

        /** Mixes in a number. */
        public Hasher mix(long v) {
            a = Long.rotateLeft((a ^ v) * P3, 31) * P1;
            b = Long.rotateLeft((b ^ Long.reverse(v)) * P2, 27) * P3;
            return this;
        }

        /** The first half of the hash of what was added. */
        public long hi() {
            return fmix(a ^ Long.rotateLeft(b, 17));
        }

        /** The second half of the hash of what was added. */
        public long lo() {
            return fmix(b + a * P2);
        }

        private static long fmix(long k) {
            k ^= k >>> 33;
            k *= 0xFF51AFD7ED558CCDL;
            k ^= k >>> 33;
            k *= 0xC4CEB9FE1A85EC53L;
            k ^= k >>> 33;
            return k;
        }
    }
}
