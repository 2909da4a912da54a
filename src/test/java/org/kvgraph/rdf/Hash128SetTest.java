package org.kvgraph.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;

class Hash128SetTest {
    final Hash128Set.Hasher h = new Hash128Set.Hasher();

    @Test
    void dropsRepeatsAndKeepsEveryDistinctKeyAcrossGrowth() {
        Hash128Set set = new Hash128Set(16);
        for (int i = 0; i < 200_000; i++) {
            assertTrue(set.add(h.reset().add("https://example.org/article/" + i).add(Integer.toString(i % 7))), "key " + i);
        }
        assertEquals(200_000, set.size());
        for (int i = 0; i < 200_000; i++) {
            assertFalse(set.add(h.reset().add("https://example.org/article/" + i).add(Integer.toString(i % 7))), "repeat " + i);
            assertTrue(set.contains(h.reset().add("https://example.org/article/" + i).add(Integer.toString(i % 7))));
        }
        assertEquals(200_000, set.size());
        assertFalse(set.contains(h.reset().add("https://example.org/article/0").add("1")));
    }

    @Test
    void aSetWithoutValuesDropsRepeatsToo() {
        Hash128Set set = new Hash128Set(16, false);
        for (int i = 0; i < 50_000; i++) {
            assertTrue(set.add(h.reset().add(NodeFactory.createURI("https://example.org/p/" + i))));
            assertFalse(set.add(h.reset().add(NodeFactory.createURI("https://example.org/p/" + i))));
        }
        assertEquals(50_000, set.size());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> set.get(h.reset().add("x")));
    }

    @Test
    void keepsAValuePerKey() {
        Hash128Set set = new Hash128Set();
        for (int i = 0; i < 5000; i++) {
            set.put(h.reset().add("set-" + i), i * 3);
        }
        set.put(h.reset().add("set-7"), -1);
        assertEquals(-1, set.get(h.reset().add("set-7")));
        assertEquals(4998 * 3, set.get(h.reset().add("set-4998")));
        assertEquals(Hash128Set.ABSENT, set.get(h.reset().add("set-5000")));
        assertEquals(5000, set.size());
    }

    @Test
    void theHashSeparatesPartsAndKindsOfNode() {
        assertNotEquals(key(h.reset().add("ab").add("c")), key(h.reset().add("a").add("bc")));
        assertNotEquals(key(h.reset().add((String) null).add("a")), key(h.reset().add("a").add((String) null)));
        Node uri = NodeFactory.createURI("https://example.org/x");
        Node text = NodeFactory.createLiteralString("https://example.org/x");
        Node dutch = NodeFactory.createLiteralLang("https://example.org/x", "nl");
        Node typed = NodeFactory.createLiteralDT("https://example.org/x", XSDDatatype.XSDanyURI);
        assertNotEquals(key(h.reset().add(uri)), key(h.reset().add(text)));
        assertNotEquals(key(h.reset().add(text)), key(h.reset().add(dutch)));
        assertNotEquals(key(h.reset().add(text)), key(h.reset().add(typed)));
        assertEquals(key(h.reset().add(dutch)), key(h.reset().add(NodeFactory.createLiteralLang("https://example.org/x", "nl"))));
    }

    @Test
    void clearEmptiesTheSet() {
        Hash128Set set = new Hash128Set();
        set.add(h.reset().add("a"));
        set.clear();
        assertEquals(0, set.size());
        assertTrue(set.add(h.reset().add("a")));
    }

    private static String key(Hash128Set.Hasher h) {
        return h.hi() + ":" + h.lo();
    }
}
