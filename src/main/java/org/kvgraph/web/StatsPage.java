package org.kvgraph.web;

import static org.kvgraph.web.Html.a;
import static org.kvgraph.web.Html.esc;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.kvgraph.stats.Statistics;
import org.kvgraph.stats.Statistics.Period;
import org.kvgraph.stats.Statistics.Table;
import org.kvgraph.timeliness.Timeliness;

/**
 * The statistics page at {@code /stats}: three charts drawn on the server as inline SVG (answer days per
 * ministry, share answered late per year, question sets per party per year), each with its numbers as a table,
 * its CSV ({@code /stats/ID.csv}) and the SPARQL query behind it opened in the editor
 * ({@code /sparql?query=…}). {@code ?from=YYYY-MM-DD&to=YYYY-MM-DD} limits the period (by submission date, both
 * ends included) of the page and of its links. Every figure of {@link Statistics} is available as CSV;
 * {@code open-and-overdue} takes {@code today=YYYY-MM-DD} (default: today in Amsterdam). The numbers are
 * computed from the served generation of the store on every request, nothing is cached.
 */
final class StatsPage extends HttpServlet {
    static final String PATH = "/stats";
    /** The charted figures, in the page's order. */
    static final List<String> CHARTS = List.of("answer-days-per-ministry", "late-share-per-year", "sets-per-party-per-year");

    private final Supplier<Site> site;

    StatsPage(Supplier<Site> site) {
        this.site = site;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        Period period;
        LocalDate today;
        try {
            period = new Period(date(req, "from"), date(req, "to"));
            LocalDate t = date(req, "today");
            today = t == null ? LocalDate.now(ZoneId.of("Europe/Amsterdam")) : t;
        } catch (DateTimeParseException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "from, to and today are dates: YYYY-MM-DD");
            return;
        }
        if (period.from() != null && period.to() != null && period.from().isAfter(period.to())) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "from is after to");
            return;
        }
        Statistics stats = new Statistics(Statistics.local(site.get().dataset()));
        if (path.equals(PATH) || path.equals(PATH + "/")) {
            resp.setHeader("Cache-Control", "no-cache");
            LinkedDataServlet.send(resp, "text/html; charset=utf-8",
                    render(stats, period).getBytes(StandardCharsets.UTF_8));
            return;
        }
        String name = path.substring(PATH.length() + 1);
        Table t = name.endsWith(".csv") ? figure(stats, name.substring(0, name.length() - 4), period, today) : null;
        if (t == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND, "figures: " + String.join(", ", Statistics.figureIds())
                    + " (as /stats/ID.csv)");
            return;
        }
        resp.setHeader("Cache-Control", "no-cache");
        resp.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(t.id(), period) + "\"");
        LinkedDataServlet.send(resp, "text/csv; charset=utf-8", t.csv().getBytes(StandardCharsets.UTF_8));
    }

    private static LocalDate date(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        return v == null || v.isBlank() ? null : LocalDate.parse(v.strip());
    }

    /** A figure by id, or null for an unknown id. */
    static Table figure(Statistics s, String id, Period p, LocalDate today) {
        switch (id) {
            case "sets-per-party":
                return s.setsPerParty(p);
            case "sets-per-member":
                return s.setsPerMember(p);
            case "sets-per-office":
                return s.setsPerOffice(p);
            case "answer-days-per-ministry":
                return s.answerDaysPerMinistry(p);
            case "late-share-per-ministry":
                return s.lateShareByMinistry(p);
            case "sets-per-party-per-year":
                return s.setsPerPartyPerYear(p);
            case "late-share-per-year":
                return s.lateShareByYear(p);
            case "open-and-overdue":
                return s.openAndOverdue(p, today);
            default:
                return null;
        }
    }

    private static String fileName(String id, Period p) {
        return id + (p.from() == null ? "" : "_from-" + p.from()) + (p.to() == null ? "" : "_to-" + p.to()) + ".csv";
    }

    /** The query string of the period, with a leading {@code ?}, or empty. */
    static String periodQuery(Period p) {
        List<String> parts = new ArrayList<>();
        if (p.from() != null) {
            parts.add("from=" + p.from());
        }
        if (p.to() != null) {
            parts.add("to=" + p.to());
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    /** Where the editor opens a query: {@code /sparql?query=…}. */
    static String editorLink(String sparql) {
        return "/sparql?query=" + URLEncoder.encode(sparql, StandardCharsets.UTF_8);
    }

    String render(Statistics stats, Period p) {
        Map<String, Table> tables = new LinkedHashMap<>();
        tables.put(CHARTS.get(0), stats.answerDaysPerMinistry(p));
        tables.put(CHARTS.get(1), stats.lateShareByYear(p));
        tables.put(CHARTS.get(2), stats.setsPerPartyPerYear(p));
        String period = p.from() == null && p.to() == null ? "alle ingediende vragensets"
                : "vragensets ingediend " + (p.from() == null ? "" : "vanaf " + p.from())
                        + (p.from() != null && p.to() != null ? " " : "") + (p.to() == null ? "" : "tot en met " + p.to());
        StringBuilder b = new StringBuilder();
        b.append("<h1>Statistiek: beantwoording en activiteit</h1>\n")
                .append("<p>Berekend uit de gegevens die deze server nu serveert, bij elke opvraging opnieuw. Een antwoord is"
                        + " verschuldigd ").append(Timeliness.TERM_DAYS).append(" dagen na indiening; elk uitstelbericht"
                        + " verlengt de termijn met ").append(Timeliness.TERM_DAYS).append(" dagen. Periode: ")
                .append("<strong class=\"period\">").append(esc(period)).append("</strong> (op datum van indiening).</p>\n");
        b.append("<form method=\"get\" action=\"/stats\" class=\"period-form\"><label>Van <input type=\"date\" name=\"from\" value=\"")
                .append(p.from() == null ? "" : p.from()).append("\"></label> <label>tot en met <input type=\"date\" name=\"to\" value=\"")
                .append(p.to() == null ? "" : p.to()).append("\"></label> <button type=\"submit\">Toon</button> ")
                .append(a("/stats", "alles")).append("</form>\n");
        b.append("<nav class=\"toc\"><ul class=\"plain\">");
        for (String id : CHARTS) {
            b.append("<li>").append(a("#" + id, heading(id))).append("</li>");
        }
        b.append("</ul></nav>\n");
        for (Map.Entry<String, Table> e : tables.entrySet()) {
            figureSection(b, e.getKey(), e.getValue(), chart(e.getKey(), e.getValue(), period), p);
        }
        b.append("<h2 id=\"more\">Meer cijfers</h2>\n<p>Elk cijfer van <code>kvgraph stats</code> als CSV, voor dezelfde periode:</p>\n<ul class=\"plain\">\n");
        for (String id : Statistics.figureIds()) {
            b.append("<li>").append(a("/stats/" + id + ".csv" + periodQuery(p), id + ".csv")).append("</li>\n");
        }
        b.append("</ul>\n<p class=\"muted\">Zo telt kvgraph: zie <code>docs/timeliness.md</code>. Mediaan: de middelste waarde"
                + " (het gemiddelde van de twee middelste bij een even aantal); 90e percentiel: nearest rank."
                + " Een set met indieners van twee partijen telt voor beide.</p>\n");
        return Html.page("Statistiek", "<style>svg.chart{max-width:100%;height:auto;display:block;margin:.5em 0}"
                + ".figure-links a{margin-right:1.2em}details{margin:.4em 0}</style>\n", b.toString());
    }

    private static String heading(String id) {
        switch (id) {
            case "answer-days-per-ministry":
                return "Dagen tot het eerste antwoord, per ministerie";
            case "late-share-per-year":
                return "Aandeel te laat beantwoord, per jaar";
            default:
                return "Vragensets per partij, per jaar";
        }
    }

    private static void figureSection(StringBuilder b, String id, Table t, BarChart chart, Period p) {
        b.append("<section class=\"figure\" id=\"").append(esc(id)).append("\" data-figure=\"").append(esc(id)).append("\">\n")
                .append("<h2>").append(esc(heading(id))).append("</h2>\n")
                .append(chart.svg()).append('\n')
                .append("<p class=\"figure-links\">")
                .append("<a class=\"csv\" download href=\"").append(esc("/stats/" + id + ".csv" + periodQuery(p)))
                .append("\">CSV (").append(t.rows().size()).append(t.rows().size() == 1 ? " rij" : " rijen").append(")</a>")
                .append("<a class=\"sparql\" href=\"").append(esc(editorLink(t.sparql())))
                .append("\">De SPARQL-query in de editor</a></p>\n");
        b.append("<details class=\"numbers\"><summary>De cijfers als tabel</summary>\n<table class=\"data\"><caption>")
                .append(esc(t.title())).append("</caption>\n<tr>");
        for (String c : t.columns()) {
            b.append("<th>").append(esc(c)).append("</th>");
        }
        b.append("</tr>\n");
        for (List<String> r : t.rows()) {
            b.append("<tr>");
            for (String c : r) {
                boolean num = c.matches("-?[0-9]+(\\.[0-9]+)?%?");
                b.append(num ? "<td class=\"num\">" : "<td>").append(esc(c)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n</details>\n<details class=\"query\"><summary>De SPARQL-query</summary>\n<pre>")
                .append(esc(t.sparql())).append("</pre>\n");
        if (id.equals("answer-days-per-ministry")) {
            b.append("<p class=\"muted\">De query geeft de dagen per set en ministerie; mediaan en 90e percentiel"
                    + " worden daaruit berekend.</p>\n");
        } else if (id.equals("late-share-per-year")) {
            b.append("<p class=\"muted\">De query telt per jaar op tijd, binnen de verlengde termijn en te laat; het"
                    + " aandeel te laat is te laat gedeeld door hun som (jaren zonder antwoord met bekende datum vallen weg).</p>\n");
        }
        b.append("</details>\n</section>\n");
    }

    /** The chart of a charted figure, from the rows of its table. */
    static BarChart chart(String id, Table t, String period) {
        switch (id) {
            case "answer-days-per-ministry": {
                List<BarChart.Bar> bars = new ArrayList<>();
                for (List<String> r : t.rows()) {
                    bars.add(new BarChart.Bar(r.get(0), Double.parseDouble(r.get(2)), Double.parseDouble(r.get(3)),
                            "mediaan " + r.get(2) + " · p90 " + r.get(3) + " · " + r.get(1) + (r.get(1).equals("1") ? " set" : " sets")));
                }
                return new BarChart(id, heading(id) + " (" + period + ")",
                        "Staafdiagram: per ministerie (of bewindspersoon zonder ministerie) de mediaan (donker) en het"
                                + " 90e percentiel (licht) van het aantal dagen van indiening tot het eerste antwoord,"
                                + " met het aantal beantwoorde sets; de stippellijn is de termijn van "
                                + Timeliness.TERM_DAYS + " dagen.",
                        List.of(new BarChart.Group(null, bars)), "dagen tot het eerste antwoord", false)
                        .reference(Timeliness.TERM_DAYS, "termijn " + Timeliness.TERM_DAYS + " dagen")
                        .legend("mediaan", "90e percentiel");
            }
            case "late-share-per-year": {
                List<BarChart.Bar> bars = new ArrayList<>();
                for (List<String> r : t.rows()) {
                    int answered = Integer.parseInt(r.get(1));
                    int late = Integer.parseInt(r.get(4));
                    bars.add(new BarChart.Bar(r.get(0), 100.0 * late / answered, null,
                            r.get(5) + " (" + late + " van " + answered + ")"));
                }
                return new BarChart(id, heading(id) + " (" + period + ")",
                        "Staafdiagram: per jaar van indiening het aandeel van de beantwoorde sets (met bekende"
                                + " datum) dat na de termijn werd beantwoord, met het aantal te late en het aantal beantwoorde sets.",
                        List.of(new BarChart.Group(null, bars)), "aandeel te laat beantwoord", true);
            }
            default: {
                Map<String, List<BarChart.Bar>> years = new LinkedHashMap<>();
                for (List<String> r : t.rows()) {
                    years.computeIfAbsent(r.get(0), k -> new ArrayList<>())
                            .add(new BarChart.Bar(r.get(1), Integer.parseInt(r.get(2)), null, r.get(2)));
                }
                List<BarChart.Group> groups = new ArrayList<>();
                years.forEach((year, bars) -> groups.add(new BarChart.Group(year, bars)));
                return new BarChart(id, heading(id) + " (" + period + ")",
                        "Staafdiagram: per jaar van indiening het aantal vragensets per partij van de indieners;"
                                + " een set van leden van twee partijen telt voor beide.",
                        groups, "vragensets", false);
            }
        }
    }
}
