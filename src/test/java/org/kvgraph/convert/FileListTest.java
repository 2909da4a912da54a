package org.kvgraph.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FileListTest {
    private static List<Path> paths() {
        Random r = new Random(3);
        String[] names = {"Kostić", "geïnformeerd", "a b", "a", "ab", "Z", "z", "ß", "\uD83D\uDE00", "regel\nbreuk"};
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            out.add(Path.of("corpus", names[r.nextInt(names.length)], names[r.nextInt(names.length)] + r.nextInt(40) + ".txt"));
        }
        return out;
    }

    private static List<Path> listed(FileList files) {
        List<Path> out = new ArrayList<>();
        files.forEach(out::add);
        return out;
    }

    @Test
    void onDiskOrInMemoryTheFilesComeSortedByTheirTextWithoutRepeats() {
        List<Path> in = paths();
        TreeSet<String> expected = new TreeSet<>();
        in.forEach(p -> expected.add(p.toString()));
        try (FileList small = new FileList(50); FileList big = new FileList(1_000_000)) {
            in.forEach(small::put);
            in.forEach(big::put);
            small.done();
            big.done();
            assertTrue(small.onDisk());
            assertFalse(big.onDisk());
            List<Path> sorted = expected.stream().map(Path::of).toList();
            assertEquals(sorted, listed(small));
            assertEquals(sorted, listed(big));
            assertEquals(sorted.size(), small.size());
            for (Path p : in) {
                assertTrue(small.contains(p) && big.contains(p), p.toString());
            }
            Path absent = Path.of("corpus", "nergens.txt");
            assertFalse(small.contains(absent) || big.contains(absent));
        }
    }
}
