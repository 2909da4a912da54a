package org.kvgraph.spill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Maps kept in a temporary file, with a bounded cache in memory: H2's MVStore (a B-tree store; only the store is
 * used, not the database), for what a conversion must look up by key for the whole run (each case of the Tweede
 * Kamer data, each set's date), so the memory it takes does not grow with the corpus. The file is made in the
 * temporary folder ({@code java.io.tmpdir}) and deleted by {@link #close()}, or when the JVM exits; one left by a
 * process that was killed is deleted by the next {@link #open()} in that folder.
 *
 * <pre>{@code
 * try (DiskMaps maps = DiskMaps.open()) {
 *     MVMap<String, String> titles = maps.map("titles");
 *     titles.put("2024Z03568", "Kamervragen over …");
 * }
 * }</pre>
 */
public final class DiskMaps implements AutoCloseable {
    /** The memory the store may keep pages of the maps in, in MB. */
    public static final int CACHE_MB = Integer.getInteger("kvgraph.spill.cacheMb", 8);

    private final Path file;
    private final MVStore store;

    private DiskMaps(Path file) {
        this.file = file;
        this.store = new MVStore.Builder().fileName(file.toString()).cacheSize(CACHE_MB).open();
    }

    /** A new, empty store in a temporary file. */
    public static DiskMaps open() {
        try {
            removeStale(Path.of(System.getProperty("java.io.tmpdir")));
            Path f = Files.createTempFile(PREFIX + ProcessHandle.current().pid() + "-", SUFFIX);
            // MVStore makes its own file: it refuses an empty one as not a store.
            Files.delete(f);
            // If the store is never closed (a caller that does not close what uses it), the file goes at exit.
            f.toFile().deleteOnExit();
            return new DiskMaps(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary file for the converter's index", e);
        }
    }

    private static final String PREFIX = "kvgraph-";
    private static final String SUFFIX = ".mv.db";

    /**
     * Deletes the store files in a folder left by kvgraph processes that are gone (killed before they could close
     * them): files named {@code kvgraph-PID-….mv.db} whose process no longer runs. Returns how many.
     */
    static int removeStale(Path dir) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                int dash = name.indexOf('-', PREFIX.length());
                if (dash < 0) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(name.substring(PREFIX.length(), dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).isEmpty() && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Only tidying: a folder that cannot be listed is left as it is.
        }
        return removed;
    }

    /** The store's file. */
    Path file() {
        return file;
    }

    /** The map of this name (made empty the first time). */
    public <K, V> MVMap<K, V> map(String name) {
        return store.openMap(name);
    }

    /** Closes the store without saving it and deletes its file. */
    @Override
    public void close() {
        store.closeImmediately();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
