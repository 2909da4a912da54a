package org.kvgraph.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the curated link tables are read from: a folder ({@code data/links} of a checkout) or, by default, the
 * copy the build puts on the class path ({@code /kvgraph-links/}), so a run does not depend on its working
 * folder.
 */
public final class LinkData {
    static final String RESOURCE_ROOT = "/kvgraph-links/";

    private final Path folder;

    private LinkData(Path folder) {
        this.folder = folder;
    }

    /** The tables shipped with kvgraph (the build copies {@code data/links} onto the class path). */
    public static LinkData bundled() {
        return new LinkData(null);
    }

    /** The tables in a folder laid out as {@code data/links}. */
    public static LinkData folder(Path folder) {
        return new LinkData(folder);
    }

    /** Opens a table by its path under the links folder ("ministries.tsv", "openkamer/person.json"). */
    public InputStream open(String name) {
        try {
            if (folder != null) {
                return Files.newInputStream(folder.resolve(name));
            }
            InputStream in = LinkData.class.getResourceAsStream(RESOURCE_ROOT + name);
            if (in == null) {
                throw new IOException("link table " + name + " is not on the class path (" + RESOURCE_ROOT + ")");
            }
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open link table " + name, e);
        }
    }

    @Override
    public String toString() {
        return folder != null ? folder.toString() : "classpath:" + RESOURCE_ROOT;
    }
}
