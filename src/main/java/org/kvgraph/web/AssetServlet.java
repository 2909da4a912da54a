package org.kvgraph.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The SPARQL editor's files, from the YASGUI webjar bundled in the jar at build time (no CDN):
 * {@code /assets/yasgui.min.js} and {@code /assets/yasgui.min.css}. Nothing else is served here.
 */
final class AssetServlet extends HttpServlet {
    static final String YASGUI = "/META-INF/resources/webjars/zazuko__yasgui/4.5.0/build/";
    private static final Map<String, String> FILES = Map.of(
            "/assets/yasgui.min.js", "text/javascript; charset=utf-8",
            "/assets/yasgui.min.css", "text/css; charset=utf-8");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        String type = FILES.get(path);
        InputStream in = type == null ? null
                : AssetServlet.class.getResourceAsStream(YASGUI + path.substring("/assets/".length()));
        if (in == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (in) {
            resp.setContentType(type);
            resp.setHeader("Cache-Control", "public, max-age=86400");
            in.transferTo(resp.getOutputStream());
        }
    }
}
