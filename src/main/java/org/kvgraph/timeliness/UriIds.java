package org.kvgraph.timeliness;

import java.util.Arrays;

/**
 * Dense int ids for URI strings, stored compactly as a tree of path segments: {@code https://w3id.org/kvgraph/id/
 * question-set/2024Z00001/response/ah-tk-1} is the segment {@code ah-tk-1} under {@code response} under the set's
 * own URI, so the common prefixes of hundreds of thousands of URIs are kept once. Each segment costs a few ints
 * and its chars; there is no String or boxed Integer per URI. Every prefix that ends before a {@code /} gets an
 * id as well. Ids start at 0 and are given in order of first sight. Not thread-safe.
 *
 * <pre>{@code
 * UriIds ids = new UriIds();
 * int a = ids.id("https://example.org/a/b");   // the same id for the same string, always
 * ids.name(a);                                 // "https://example.org/a/b"
 * }</pre>
 */
final class UriIds {
    private static final int ROOT = -1;
    /** The parent of a key stored whole, as one segment (a blank node's key). */
    private static final int WHOLE = -2;

    private int count;
    private int[] parent = new int[1024];
    private int[] start = new int[1024];
    private int[] length = new int[1024];
    private char[] chars = new char[16 * 1024];
    private int used;
    private int[] table = filled(2048);

    /** The number of ids given, prefixes included. */
    int size() {
        return count;
    }

    /** The id of a URI, split at every {@code /}. */
    int id(String uri) {
        int node = ROOT;
        int from = 0;
        while (true) {
            int slash = uri.indexOf('/', from);
            int to = slash < 0 ? uri.length() : slash;
            node = child(node, uri, from, to);
            if (slash < 0) {
                return node;
            }
            from = slash + 1;
        }
    }

    /** The id of a key kept whole (not split), in a space of its own. */
    int wholeId(String key) {
        return child(WHOLE, key, 0, key.length());
    }

    /** The URI of an id given by {@link #id}. */
    String name(int id) {
        int n = 0;
        int total = 0;
        for (int x = id; x >= 0; x = parent[x]) {
            n++;
            total += length[x] + 1;
        }
        char[] out = new char[Math.max(0, total - 1)];
        int end = out.length;
        for (int x = id; x >= 0; x = parent[x]) {
            int len = length[x];
            System.arraycopy(chars, start[x], out, end - len, len);
            end -= len;
            if (end > 0) {
                out[--end] = '/';
            }
        }
        return new String(out);
    }

    private int child(int p, String s, int from, int to) {
        int h = hash(p, s, from, to);
        int mask = table.length - 1;
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            int x = table[slot];
            if (x < 0) {
                return add(slot, p, s, from, to);
            }
            if (parent[x] == p && length[x] == to - from && same(x, s, from, to)) {
                return x;
            }
        }
    }

    private boolean same(int x, String s, int from, int to) {
        int at = start[x];
        for (int i = from; i < to; i++) {
            if (chars[at++] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int add(int slot, int p, String s, int from, int to) {
        int len = to - from;
        if (count == parent.length) {
            int size = parent.length * 2;
            parent = Arrays.copyOf(parent, size);
            start = Arrays.copyOf(start, size);
            length = Arrays.copyOf(length, size);
        }
        if (used + len > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + len));
        }
        s.getChars(from, to, chars, used);
        int x = count++;
        parent[x] = p;
        start[x] = used;
        length[x] = len;
        used += len;
        table[slot] = x;
        if (count * 2 > table.length) {
            rehash();
        }
        return x;
    }

    private void rehash() {
        int[] next = filled(table.length * 2);
        int mask = next.length - 1;
        for (int x = 0; x < count; x++) {
            int slot = hash(parent[x], chars, start[x], length[x]) & mask;
            while (next[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            next[slot] = x;
        }
        table = next;
    }

    private static int hash(int p, String s, int from, int to) {
        int h = p;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return mix(h);
    }

    private static int hash(int p, char[] c, int from, int len) {
        int h = p;
        for (int i = from; i < from + len; i++) {
            h = 31 * h + c[i];
        }
        return mix(h);
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }
}
