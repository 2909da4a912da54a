package org.kvgraph.web;

import static org.kvgraph.web.Html.esc;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The SPARQL editor at {@code /sparql}: YASGUI (bundled, served from {@code /assets/}) wired to
 * {@code /kamervragen/sparql}, with the example queries in a list; {@code /sparql?example=NAME} opens one,
 * {@code /sparql?query=TEXT} opens the given query (the statistics page links its queries so); the script reads
 * it from the URL as a string and hands it to the editor, it never becomes markup.
 * The examples reach the script as JSON with {@code <}, {@code >} and {@code &} escaped, so no query text
 * can end the script element.
 */
final class EditorPage extends HttpServlet {
    private final byte[] page;

    EditorPage(Examples examples) {
        List<String> json = new ArrayList<>();
        StringBuilder options = new StringBuilder("<option value=\"\">(kies een voorbeeld)</option>");
        for (Examples.Query q : examples.list()) {
            json.add("{\"name\":" + HomePage.json(q.name()) + ",\"title\":" + HomePage.json(q.title())
                    + ",\"query\":" + HomePage.json(q.text()) + "}");
            options.append("<option value=\"").append(esc(q.name())).append("\">").append(esc(q.name()))
                    .append(": ").append(esc(q.title())).append("</option>");
        }
        String head = "<link rel=\"stylesheet\" href=\"/assets/yasgui.min.css\">\n"
                + "<script src=\"/assets/yasgui.min.js\"></script>\n"
                + "<style>main{max-width:none}</style>\n";
        String body = "<h1>SPARQL-editor</h1>\n<p>Endpoint: <code>/kamervragen/sparql</code>. "
                + "<label>Voorbeeld: <select id=\"examples\">" + options + "</select></label></p>\n"
                + "<div id=\"yasgui\"></div>\n<script>\n"
                + "const EXAMPLES = [" + String.join(",", json) + "];\n"
                + """
                // YASGUI reads the page's URL parameters as a shared query of its own: take ours away first
                const params = new URLSearchParams(location.search);
                const wanted = params.get("example");
                const given = params.get("query");
                if (wanted || given !== null) { history.replaceState(null, "", location.pathname); }
                const endpoint = location.origin + "/kamervragen/sparql";
                const Y = window.Yasgui.default || window.Yasgui;
                const yasgui = new Y(document.getElementById("yasgui"), {
                  requestConfig: { endpoint: endpoint, method: "POST" },
                  copyEndpointOnNewTab: false,
                  endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
                  persistenceId: null
                });
                window.kvYasgui = yasgui;
                function openExample(name) {
                  const e = EXAMPLES.find(x => x.name === name);
                  if (e) { yasgui.getTab().setQuery(e.query); }
                }
                const select = document.getElementById("examples");
                select.addEventListener("change", () => openExample(select.value));
                if (wanted) { select.value = wanted; openExample(wanted); }
                else if (given) { yasgui.getTab().setQuery(given); }
                </script>
                """;
        this.page = Html.page("SPARQL-editor", head, body).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getRequestURI().equals("/sparql")) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        LinkedDataServlet.send(resp, "text/html; charset=utf-8", page);
    }
}
