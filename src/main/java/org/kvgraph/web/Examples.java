package org.kvgraph.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The example queries of {@code queries/}: name, title (the opening comment) and text. */
record Examples(List<Examples.Query> list) {
    record Query(String name, String title, String text) {
    }

    static Examples read(Path dir) {
        List<Query> l = new ArrayList<>();
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".rq")).sorted().toList()) {
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    String first = text.lines().findFirst().orElse("")
                            .replaceFirst("^#\\s*(Research question:\\s*)?", "");
                    l.add(new Query(f.getFileName().toString().replaceFirst("\\.rq$", ""), first, text));
                }
            } catch (IOException e) {
                return new Examples(List.of());
            }
        }
        return new Examples(List.copyOf(l));
    }
}
