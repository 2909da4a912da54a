package org.kvgraph.store;

import java.util.Arrays;

/**
 * A hash table from a node id (TDB2's 64-bit form) to the ids added for it, in the order they were added, kept in
 * arrays of primitives: {@link ScanJoin} reads a predicate's range of hundreds of thousands of entries into one.
 * Filled from query 12's ranges at 50,000 sets (341,593 and 546,976 entries) a {@code HashMap} of {@code NodeId}s
 * took from 0.25 to 3.3 µs an entry from one run to the next, this table 0.24 to 0.26 µs, in 16 bytes a key slot
 * and 12 a value.
 *
 * <p>Keys are kept by open addressing (linear probing, at most half full); the values of one key are a chain
 * through {@code next}. Not thread-safe: one query's step owns it.
 */
final class IdTable {
    private long[] keys;
    /** Per slot: 1 + the index of the key's first value, 0 for an empty slot. */
    private int[] first;
    /** Per slot: the index of the key's last value (where the next one is chained). */
    private int[] last;
    private int size;

    private long[] values = new long[16];
    /** Per value: 1 + the index of the key's next value, 0 at the end. */
    private int[] next = new int[16];
    private int valueCount;

    IdTable() {
        keys = new long[64];
        first = new int[64];
        last = new int[64];
    }

    /** The bytes of its arrays. */
    long bytes() {
        return keys.length * 16L + values.length * 12L;
    }

    /** Distinct keys. */
    int size() {
        return size;
    }

    /** Adds a key without a value (a set's member); adding it again changes nothing. */
    void add(long key) {
        int slot = slot(key);
        if (first[slot] == 0) {
            claim(slot, key, -1);
        }
    }

    /** Adds a value to a key's, after those added before. */
    void add(long key, long value) {
        int v = valueCount;
        if (v == values.length) {
            values = Arrays.copyOf(values, v * 2);
            next = Arrays.copyOf(next, v * 2);
        }
        values[v] = value;
        next[v] = 0;
        valueCount++;
        int slot = slot(key);
        if (first[slot] == 0) {
            claim(slot, key, v);
        } else if (first[slot] == Integer.MIN_VALUE) {
            first[slot] = v + 1;
            last[slot] = v;
        } else {
            next[last[slot]] = v + 1;
            last[slot] = v;
        }
    }

    private void claim(int slot, long key, int value) {
        keys[slot] = key;
        // a key without values is marked MIN_VALUE, so that its slot is taken
        first[slot] = value < 0 ? Integer.MIN_VALUE : value + 1;
        last[slot] = value;
        size++;
        if (size * 2 > keys.length) {
            grow();
        }
    }

    boolean contains(long key) {
        return first[slot(key)] != 0;
    }

    /** The index of the key's first value, or -1 when it has none or is not there; then {@link #next(int)}. */
    int first(long key) {
        int f = first[slot(key)];
        return f <= 0 ? -1 : f - 1;
    }

    /** The index of the value after the given one of the same key, or -1. */
    int next(int value) {
        return next[value] - 1;
    }

    long value(int index) {
        return values[index];
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (first[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldFirst = first;
        int[] oldLast = last;
        keys = new long[oldKeys.length * 2];
        first = new int[oldKeys.length * 2];
        last = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldFirst[i] != 0) {
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                first[slot] = oldFirst[i];
                last[slot] = oldLast[i];
            }
        }
    }
}
