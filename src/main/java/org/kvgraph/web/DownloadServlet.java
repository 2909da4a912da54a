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
 * not) reaches any other file: anything else is 404. While the release is being written they answer 503 with
 * Retry-After (500 with the reason if writing it failed; see {@link #notReady}).
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
        boolean index = path.equals("/download/") || path.equals("/download");
        String name = index ? "" : path.substring("/download/".length());
        List<String> names = new ArrayList<>(Release.FILES);
        names.add(Release.SUMS);
        if (!index && !names.contains(name)) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        // the release is served only once it is whole: never a file of a release still being written
        if (notReady(s, resp)) {
            return;
        }
        if (index) {
            LinkedDataServlet.send(resp, "text/html; charset=utf-8", index(s).getBytes(StandardCharsets.UTF_8));
            return;
        }
        Path file = s.release().resolve(name);
        if (!Files.isRegularFile(file)) {
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

    /** Seconds a client is asked to wait (Retry-After) while the release is being written. */
    static final int RETRY_AFTER_SECONDS = 30;

    /**
     * Answers for a release that is not READY, and says so: 503 with Retry-After while it is being written, 500
     * with the reason when writing it failed. Returns false (nothing sent) for a READY release.
     */
    static boolean notReady(Site s, HttpServletResponse resp) throws IOException {
        Site.ReleaseState st = s.releaseState();
        String body;
        if (st.status() == Site.Status.WRITING) {
            resp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            resp.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            body = "De release van deze database (downloads en beschrijving) wordt nog geschreven;"
                    + " probeer het over " + RETRY_AFTER_SECONDS + " seconden opnieuw. SPARQL werkt al.\n"
                    + "The release of this database (downloads and description) is still being written;"
                    + " try again in " + RETRY_AFTER_SECONDS + " seconds. SPARQL already works.\n";
        } else if (st.status() == Site.Status.FAILED) {
            resp.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            body = "De release van deze database kon niet worden geschreven. SPARQL werkt wel.\n"
                    + "The release of this database could not be written. SPARQL still works.\n"
                    + "Reden / reason: " + st.problem() + "\n";
        } else {
            return false;
        }
        resp.setHeader("Cache-Control", "no-store");
        LinkedDataServlet.send(resp, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
        return true;
    }

    static String table(Site s) {
        Site.ReleaseState st = s.releaseState();
        if (st.status() == Site.Status.WRITING) {
            return "<p class=\"muted\">De release (downloads met checksums) wordt op de achtergrond geschreven en"
                    + " verschijnt hier zodra hij klaar is. <span lang=\"en\">The release is being written in the"
                    + " background.</span></p>\n";
        }
        if (st.status() == Site.Status.FAILED) {
            return "<p class=\"muted\">De release (downloads) kon niet worden geschreven: " + esc(st.problem())
                    + "</p>\n";
        }
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
