package org.kvgraph.web;

import static org.kvgraph.web.Html.esc;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.kvgraph.publish.Release;

/**
 * The release of the served database under {@code /download/}: the five release files by name, and a page
 * listing them at {@code /download/}. Only those names are served, so no path (with {@code ..}, encoded or
 * not) reaches any other file: anything else is 404.
 */
final class DownloadServlet extends HttpServlet {
    private final Supplier<Site> site;

    DownloadServlet(Supplier<Site> site) {
        this.site = site;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        Site s = site.get();
        if (path.equals("/download/") || path.equals("/download")) {
            LinkedDataServlet.send(resp, "text/html; charset=utf-8", index(s).getBytes(StandardCharsets.UTF_8));
            return;
        }
        String name = path.substring("/download/".length());
        List<String> names = new ArrayList<>(Release.FILES);
        names.add(Release.SUMS);
        Path file = s.release().resolve(name);
        if (!names.contains(name) || !Files.isRegularFile(file)) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        resp.setContentType(name.endsWith(".gz") ? "application/gzip"
                : name.endsWith(".ttl") ? "text/turtle; charset=utf-8" : "text/plain; charset=utf-8");
        resp.setContentLengthLong(Files.size(file));
        resp.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        if (name.endsWith(".gz")) {
            resp.setHeader("Digest", "sha-256=" + java.util.Base64.getEncoder().encodeToString(
                    java.util.HexFormat.of().parseHex(Release.sha256(file))));
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(resp.getOutputStream());
        }
    }

    static String table(Site s) {
        StringBuilder b = new StringBuilder("<table class=\"downloads\"><tr><th>Bestand</th><th>Bytes</th><th>SHA-256</th></tr>\n");
        for (String[] d : s.downloads()) {
            b.append("<tr><td>").append(Html.a("/download/" + d[0], d[0])).append("</td><td class=\"num\">")
                    .append(esc(d[1])).append("</td><td><code>").append(esc(d[2])).append("</code></td></tr>\n");
        }
        b.append("<tr><td>").append(Html.a("/download/" + Release.SUMS, Release.SUMS))
                .append("</td><td colspan=\"2\" class=\"muted\">controle: <code>sha256sum -c SHA256SUMS</code>"
                        + " of <code>kvgraph verify-release DIR</code></td></tr>\n</table>\n");
        return b.toString();
    }

    private static String index(Site s) {
        return Html.page("Downloads", "<h1>Downloads</h1>\n<p>De hele kennisgraaf, zoals deze server hem bedient."
                + " Beschrijving: " + Html.a("/dataset", "/dataset") + " (VoID, DCAT-AP-NL).</p>\n" + table(s));
    }
}
