package org.kvgraph.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The plain query page at {@code http://localhost:3030/form}: what the endpoints are, a query form that shows SELECT results as
 * a table, and the example queries of {@code queries/} (when the server runs in the project folder) one click
 * away. Plain HTML and a few lines of script, no external files, so it works offline.
 */
final class HomePage extends HttpServlet {
    private final byte[] page;

    HomePage(Path queries) {
        String html;
        try (InputStream in = HomePage.class.getResourceAsStream("home.html")) {
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.page = html.replace("/*EXAMPLES*/[]", examplesJson(queries)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        if (!path.equals("/form")) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        resp.setContentType("text/html; charset=utf-8");
        resp.setContentLength(page.length);
        resp.getOutputStream().write(page);
    }

    /** The example queries as a JSON array of {name, title, query}, the title from the opening comment. */
    static String examplesJson(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return "[]";
        }
        List<String> items = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".rq")).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                String first = text.lines().findFirst().orElse("").replaceFirst("^#\\s*(Research question:\\s*)?", "");
                String name = f.getFileName().toString().replaceFirst("\\.rq$", "");
                items.add("{\"name\":" + json(name) + ",\"title\":" + json(first) + ",\"query\":" + json(text) + "}");
            }
        } catch (IOException e) {
            return "[]";
        }
        return "[" + String.join(",", items) + "]";
    }

    /** A JSON string literal, safe inside a script element. */
    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
