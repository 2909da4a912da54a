package org.kvgraph.web;

import static org.kvgraph.web.Html.a;
import static org.kvgraph.web.Html.esc;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The landing page at {@code /}: what the data set is, its counts, the example queries (each a click from
 * running in the editor), the downloads with sizes and checksums, and where to go next.
 */
final class LandingPage extends HttpServlet {
    private final Supplier<Site> site;
    private final Examples examples;

    LandingPage(Supplier<Site> site, Examples examples) {
        this.site = site;
        this.examples = examples;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        if (!path.equals("/") && !path.equals("/index.html")) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        LinkedDataServlet.send(resp, "text/html; charset=utf-8", render(site.get()).getBytes(StandardCharsets.UTF_8));
    }

    String render(Site s) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>Kamervragen en antwoorden als linked data</h1>\n")
                .append("<p>Schriftelijke vragen van Tweede Kamerleden (Kamervragen) en de antwoorden van de regering,"
                        + " als kennisgraaf: wie vroeg wat aan welke bewindspersoon, wie antwoordde wanneer, en welke"
                        + " verdragen, Kamerstukken en berichten daarbij worden aangehaald. Afgeleid uit de officiële"
                        + " publicaties van de Staten-Generaal; vrij te gebruiken (CC0 1.0).</p>\n")
                .append("<p lang=\"en\" class=\"muted\">Dutch parliamentary written questions and the government's"
                        + " answers as a knowledge graph, derived from the official publications of the States"
                        + " General.</p>\n");
        b.append("<h2>Inhoud</h2>\n<table class=\"counts\">\n");
        for (Map.Entry<String, Long> e : s.counts().entrySet()) {
            b.append("<tr><th>").append(esc(e.getKey())).append("</th><td class=\"num\" data-count=\"")
                    .append(esc(e.getKey())).append("\">").append(e.getValue()).append("</td></tr>\n");
        }
        b.append("</table>\n");
        b.append("<h2>Bevragen</h2>\n<p>SPARQL-endpoint: <code>/kamervragen/sparql</code> (ook <code>/query</code>,"
                + " graph store: <code>/kamervragen/get</code>). In de browser: ").append(a("/sparql", "de SPARQL-editor"))
                .append(" of ").append(a("/form", "een eenvoudig formulier")).append(".</p>\n");
        if (!examples.list().isEmpty()) {
            b.append("<p>Voorbeeldvragen (een klik opent ze in de editor):</p>\n<ol class=\"examples\">\n");
            for (Examples.Query q : examples.list()) {
                b.append("<li>").append(a("/sparql?example=" + q.name(), q.title()))
                        .append(" <span class=\"muted\">").append(esc(q.name())).append(".rq</span></li>\n");
            }
            b.append("</ol>\n");
        }
        b.append("<h2>Statistiek</h2>\n<p>Wie antwoordt te laat, en hoe laat? ")
                .append(a("/stats", "Grafieken van de beantwoordingstermijnen en de activiteit per partij"))
                .append(", elk met de cijfers als CSV en de SPARQL-query erachter. Nieuwe antwoorden, uitstelberichten"
                        + " en verlopen termijnen als Atom-feed: ").append(a("/feeds/answers.atom", "antwoorden"))
                .append(", ").append(a("/feeds/postponements.atom", "uitstel")).append(", ")
                .append(a("/feeds/overdue.atom", "over de termijn")).append(".</p>\n");
        b.append("<h2>Downloads</h2>\n").append(DownloadServlet.table(s));
        b.append("<p>Beschrijving van de dataset (VoID, DCAT-AP-NL): ").append(a("/dataset", "/dataset"))
                .append(". Ontologie: ").append(a("/def", "/def")).append(".</p>\n");
        b.append("<h2>Rondkijken</h2>\n<p>Elke URI van de graaf is hier op te vragen, als pagina of als RDF, bijvoorbeeld ")
                .append(a("/id/question-set/2025Z10267", "vragenset 2025Z10267")).append(".</p>\n");
        return Html.page("Kamervragen als linked data", b.toString());
    }
}
