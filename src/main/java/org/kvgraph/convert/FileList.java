package org.kvgraph.convert;

import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.h2.mvstore.MVMap;
import org.kvgraph.spill.DiskMaps;

/**
 * The files of a conversion, sorted by their path's text and without repeats, as a list: in memory up to
 * {@link #IN_MEMORY} files, beyond that in maps on disk ({@link DiskMaps}), so a corpus of any number of files is
 * listed in the same memory. {@link #contains} finds a file without going through the list. Close it when done
 * (deletes the maps' file).
 *
 * <pre>{@code
 * try (FileList files = new FileList()) {
 *     files.put(Path.of("b.txt")); files.put(Path.of("a.txt")); files.put(Path.of("b.txt"));
 *     files.done();   // now a list: [a.txt, b.txt]
 * }
 * }</pre>
 */
final class FileList extends AbstractList<Path> implements AutoCloseable {
    /** How many files are kept in memory before they go to disk. */
    static final int IN_MEMORY = Integer.getInteger("kvgraph.files.inMemory", 20_000);

    private final int inMemory;
    private TreeSet<String> memory = new TreeSet<>();
    private DiskMaps disk;
    private MVMap<String, Boolean> byPath;
    private MVMap<Integer, String> byIndex;
    private List<String> inOrder;
    private int size = -1;

    FileList() {
        this(IN_MEMORY);
    }

    /** With the number of files kept in memory before they go to disk. */
    FileList(int inMemory) {
        this.inMemory = inMemory;
    }

    /** Whether the files went to disk. */
    boolean onDisk() {
        return disk != null;
    }

    /** Adds a file (a repeat is dropped). Not after {@link #done()}. */
    void put(Path file) {
        if (size >= 0) {
            throw new IllegalStateException("the list is done");
        }
        String p = file.toString();
        if (disk != null) {
            byPath.put(p, Boolean.TRUE);
            return;
        }
        memory.add(p);
        if (memory.size() > inMemory) {
            disk = DiskMaps.open();
            byPath = disk.map("by-path");
            byIndex = disk.map("by-index");
            for (String m : memory) {
                byPath.put(m, Boolean.TRUE);
            }
            memory = null;
        }
    }

    /** Ends the adding: the files are numbered in order. */
    FileList done() {
        if (size >= 0) {
            return this;
        }
        if (disk == null) {
            inOrder = new ArrayList<>(memory);
            size = inOrder.size();
            memory = null;
            return this;
        }
        int i = 0;
        for (var keys = byPath.keyIterator(null); keys.hasNext(); ) {
            byIndex.put(i++, keys.next());
        }
        size = i;
        return this;
    }

    @Override
    public Path get(int index) {
        if (size < 0) {
            throw new IllegalStateException("the list is not done");
        }
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return Path.of(disk == null ? inOrder.get(index) : byIndex.get(index));
    }

    @Override
    public int size() {
        if (size < 0) {
            throw new IllegalStateException("the list is not done");
        }
        return size;
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof Path p)) {
            return false;
        }
        String s = p.toString();
        return disk == null ? inOrder != null && java.util.Collections.binarySearch(inOrder, s) >= 0 : byPath.containsKey(s);
    }

    /** Deletes the maps' file, if the list went to disk. */
    @Override
    public void close() {
        if (disk != null) {
            disk.close();
            disk = null;
        }
    }
}
