package org.kvgraph.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.Test;

class DiskMapsTest {
    @Test
    void mapsAreKeptInAFileThatCloseDeletes() {
        Path file;
        try (DiskMaps maps = DiskMaps.open()) {
            file = maps.file();
            MVMap<String, String> titles = maps.map("titles");
            MVMap<String, Integer> days = maps.map("days");
            for (int i = 0; i < 50_000; i++) {
                titles.put("2024Z" + i, "Vragen over ‘de één’ nummer " + i);
                days.put("2024Z" + i, i);
            }
            assertEquals("Vragen over ‘de één’ nummer 4321", titles.get("2024Z4321"));
            assertEquals(49_999, days.get("2024Z49999"));
            assertEquals(null, titles.get("2025Z1"));
            maps.map("titles").put("x", "y");
            assertEquals("y", titles.get("x"), "the same map by its name");
            assertTrue(Files.exists(file), "kept on disk");
        }
        assertFalse(Files.exists(file), "deleted when closed");
    }

    @Test
    void theStoreFileOfAProcessThatIsGoneIsRemovedButNotThatOfOneThatRuns(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Process gone = new ProcessBuilder("java", "-version").redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        gone.waitFor();
        Path stale = Files.writeString(dir.resolve("kvgraph-" + gone.pid() + "-123.mv.db"), "x");
        Path running = Files.writeString(dir.resolve("kvgraph-" + ProcessHandle.current().pid() + "-456.mv.db"), "x");
        Path other = Files.writeString(dir.resolve("kvgraph-notes.mv.db"), "x");
        assertEquals(1, DiskMaps.removeStale(dir));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(running));
        assertTrue(Files.exists(other));
    }
}
