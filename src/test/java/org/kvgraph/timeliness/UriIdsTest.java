package org.kvgraph.timeliness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** UriIds gives one id per string, and gives the string back, also across growth and for odd URIs. */
class UriIdsTest {
    @Test
    void sameStringSameIdAndTheNameComesBack() {
        UriIds ids = new UriIds();
        List<String> uris = List.of("https://w3id.org/kvgraph/id/question-set/2024Z00001",
                "https://w3id.org/kvgraph/id/question-set/2024Z00001/response/ah-tk-1",
                "https://w3id.org/kvgraph/id/question-set/2024Z00001/", "urn:x:a", "a//b", "/", "", "é/ü/∑",
                "https://w3id.org/kvgraph/id/question-set");
        Map<String, Integer> seen = new HashMap<>();
        for (String u : uris) {
            seen.put(u, ids.id(u));
        }
        for (String u : uris) {
            assertEquals(seen.get(u), ids.id(u), u);
            assertEquals(u, ids.name(ids.id(u)));
        }
        assertEquals(uris.size(), seen.values().stream().distinct().count(), "distinct strings, distinct ids");
        assertNotEquals(ids.id("urn:x:a"), ids.wholeId("urn:x:a"), "whole keys have a space of their own");
    }

    @Test
    void manyUrisSurviveGrowth() {
        UriIds ids = new UriIds();
        int[] got = new int[50_000];
        for (int i = 0; i < got.length; i++) {
            got[i] = ids.id("https://w3id.org/kvgraph/id/question-set/2024Z" + i + "/response/ah-" + (i * 7));
        }
        for (int i = 0; i < got.length; i += 997) {
            String u = "https://w3id.org/kvgraph/id/question-set/2024Z" + i + "/response/ah-" + (i * 7);
            assertEquals(got[i], ids.id(u));
            assertEquals(u, ids.name(got[i]));
        }
    }
}
