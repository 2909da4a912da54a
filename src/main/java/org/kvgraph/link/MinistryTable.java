package org.kvgraph.link;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The curated table {@code data/links/ministries.tsv}: a ministry's name as kvgraph writes it ("Ministerie van
 * Buitenlandse Zaken") to its TOOI URI. Every row names the public sources of its code; names that map to
 * more than one code over time are not in it.
 */
public final class MinistryTable {
    public static final String FILE = "ministries.tsv";

    private final Map<String, String> tooiByName;

    private MinistryTable(Map<String, String> tooiByName) {
        this.tooiByName = Collections.unmodifiableMap(tooiByName);
    }

    public static MinistryTable load(LinkData data) {
        try (InputStream in = data.open(FILE)) {
            return parse(in, FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MinistryTable parse(InputStream in, String name) throws IOException {
        Map<String, String> map = new TreeMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length < 4 || cols[3].isBlank()) {
                throw new IllegalArgumentException(name + ":" + lineNo + ": expected label, TOOI URI, abbreviation, sources");
            }
            if (!cols[1].startsWith(LinkVocab.TOOI_MINISTERIE)) {
                throw new IllegalArgumentException(name + ":" + lineNo + ": not a TOOI ministry URI: " + cols[1]);
            }
            if (map.put(key(cols[0]), cols[1]) != null) {
                throw new IllegalArgumentException(name + ":" + lineNo + ": ministry listed twice: " + cols[0]);
            }
        }
        return new MinistryTable(map);
    }

    /** The TOOI URI of a ministry by its name, with or without "Ministerie van", in any case. */
    public Optional<String> tooi(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(tooiByName.get(key(name)));
    }

    public int size() {
        return tooiByName.size();
    }

    private static String key(String name) {
        String n = name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return n.startsWith("ministerie van ") ? n.substring("ministerie van ".length()) : n;
    }
}
