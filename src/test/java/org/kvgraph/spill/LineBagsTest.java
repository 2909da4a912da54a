package org.kvgraph.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.jena.atlas.data.SortedDataBag;
import org.apache.jena.atlas.iterator.Iter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LineBagsTest {
    /** Lines with repeats, Dutch and other non-ASCII text, and lines that are prefixes of others. */
    private static List<String> lines(int n) {
        Random r = new Random(7);
        String[] words = {"geïnformeerd", "Kostić", "a", "a\tb", "ab", "", "ß", "\uD83D\uDE00", "z"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(words[r.nextInt(words.length)] + (r.nextBoolean() ? "" : Integer.toString(r.nextInt(50))));
        }
        return out;
    }

    private static List<String> drain(SortedDataBag<String> bag) {
        List<String> out = new ArrayList<>();
        var it = bag.iterator();
        it.forEachRemaining(out::add);
        Iter.close(it);
        return out;
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(longs = {200, 1L << 30})
    void sortedKeepsRepeatsAndDistinctDropsThemSpilledOrNot(long budget) {
        List<String> in = lines(3000);
        List<String> sorted = new ArrayList<>(in);
        sorted.sort(null);
        SortedDataBag<String> a = LineBags.sorted(budget);
        SortedDataBag<String> b = LineBags.distinct(budget);
        try {
            in.forEach(a::add);
            in.forEach(b::add);
            assertEquals(sorted, drain(a));
            assertEquals(new ArrayList<>(new TreeSet<>(in)), drain(b));
            assertEquals(new ArrayList<>(new TreeSet<>(in)), drain(b), "a bag can be read twice");
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void linesAsAStreamAreUtf8EachEndedByANewline() throws IOException {
        List<String> in = List.of("Kostić", "", "geïnformeerd \uD83D\uDE00");
        try (InputStream s = LineBags.asStream(in.iterator())) {
            byte[] one = new byte[3];
            assertEquals(3, s.read(one));
            assertEquals("Kos", new String(one, StandardCharsets.US_ASCII));
            assertEquals("tić\n\ngeïnformeerd \uD83D\uDE00\n", new String(s.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(-1, s.read());
        }
    }
}
