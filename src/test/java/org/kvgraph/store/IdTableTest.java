package org.kvgraph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link IdTable} keeps every key's values in the order they were added, through its growth, as a map of lists. */
class IdTableTest {
    private static List<Long> values(IdTable table, long key) {
        List<Long> out = new ArrayList<>();
        for (int i = table.first(key); i >= 0; i = table.next(i)) {
            out.add(table.value(i));
        }
        return out;
    }

    @Test
    void keysAndTheirValuesInTheOrderAdded() {
        SplittableRandom r = new SplittableRandom(11);
        IdTable table = new IdTable();
        Map<Long, List<Long>> expected = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            // keys of every kind of bit pattern: small, negative (inline values have the top bit set), colliding
            long key = switch (i % 4) {
                case 0 -> r.nextLong(5_000);
                case 1 -> Long.MIN_VALUE + r.nextLong(5_000);
                case 2 -> r.nextLong(5_000) << 32;
                default -> r.nextLong();
            };
            long value = r.nextLong();
            table.add(key, value);
            expected.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        assertEquals(expected.size(), table.size());
        for (Map.Entry<Long, List<Long>> e : expected.entrySet()) {
            assertTrue(table.contains(e.getKey()));
            assertEquals(e.getValue(), values(table, e.getKey()));
        }
        for (int i = 0; i < 10_000; i++) {
            long key = r.nextLong();
            if (!expected.containsKey(key)) {
                assertFalse(table.contains(key));
                assertEquals(-1, table.first(key));
            }
        }
    }

    @Test
    void aSetOfKeysWithoutValues() {
        IdTable table = new IdTable();
        for (long k = 0; k < 100_000; k += 3) {
            table.add(k);
            table.add(k);
        }
        assertEquals(33_334, table.size());
        for (long k = 0; k < 100_000; k++) {
            assertEquals(k % 3 == 0, table.contains(k), "key " + k);
            assertEquals(-1, table.first(k));
        }
        assertFalse(table.contains(0L - 3));
    }

    @Test
    void zeroIsAKeyLikeAnyOther() {
        IdTable table = new IdTable();
        assertFalse(table.contains(0L));
        table.add(0L, 0L);
        table.add(0L, 7L);
        assertEquals(List.of(0L, 7L), values(table, 0L));
    }
}
