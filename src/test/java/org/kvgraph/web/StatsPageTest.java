package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.convert.Converter;
import org.kvgraph.rdf.Uris;
import org.kvgraph.stats.Statistics;
import org.kvgraph.stats.Statistics.Period;
import org.kvgraph.stats.Statistics.Table;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;
import org.kvgraph.timeliness.TimelinessDerivation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The statistics page of {@code kvgraph serve} over the bundled data, asked over HTTP: its three SVG charts
 * (parsed as XML) hold the bars and values of {@link Statistics}, computed here independently over an in-memory
 * conversion of data/, and of the hand count of StatisticsTest; the CSV link of each chart gives the same
 * numbers; the SPARQL link is the query behind the figure and, run on the endpoint, gives its rows; the period
 * filter narrows all three; the page follows a reload; text from the data stays text.
 */
class StatsPageTest {
    static final String SVG = "http://www.w3.org/2000/svg";

    @TempDir
    static Path tmp;
    static KvServer server;
    static String root;
    static Statistics direct;

    @BeforeAll
    static void start() {
        Store store = new Store(tmp.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, new PrintWriter(new StringWriter()));
        server = KvServer.start(store, KvServer.Options.defaults().withPort(0).withTimeout(10));
        root = "http://localhost:" + server.port();
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(dsg, () -> {
            TimelinessDerivation d = new TimelinessDerivation(StreamRDFLib.dataset(dsg));
            assertEquals(List.of(), new Converter(new Uris(Uris.DEFAULT_BASE), false)
                    .convert(List.of(Path.of("data")), d, false));
            d.emit(null);
        });
        direct = new Statistics(Statistics.local(dsg));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A bar as the chart draws it: the group heading above it (or null), label, value, second value, text. */
    record Bar(String group, String label, String value, String secondary, String text) {
    }

    /** A chart parsed from the page: its title, description and bars in order. */
    record Chart(String title, String desc, List<Bar> bars) {
    }

    static String page(String pathAndQuery) {
        HttpResponse<String> r = Http.get(root + pathAndQuery, "text/html");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        return r.body();
    }

    /** Every inline SVG of a page, by id, parsed as XML (so it must be well-formed). */
    static Map<String, Chart> charts(String html) throws Exception {
        Map<String, Chart> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?s)<svg .*?</svg>").matcher(html);
        while (m.find()) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8)));
            Element svg = doc.getDocumentElement();
            assertEquals(SVG, svg.getNamespaceURI());
            assertEquals("img", svg.getAttribute("role"));
            List<Bar> bars = new ArrayList<>();
            String group = null;
            NodeList all = svg.getElementsByTagNameNS(SVG, "*");
            for (int i = 0; i < all.getLength(); i++) {
                Element e = (Element) all.item(i);
                if (e.getLocalName().equals("text") && e.getAttribute("class").equals("group")) {
                    group = e.getTextContent();
                } else if (e.getLocalName().equals("g") && e.getAttribute("class").equals("bar")) {
                    // the label as shown: its lines (a long label is broken in two at a space) joined by a space
                    Element text = child(e, "text", "label");
                    NodeList lines = text.getElementsByTagNameNS(SVG, "tspan");
                    List<String> shown = new ArrayList<>();
                    for (int j = 0; j < lines.getLength(); j++) {
                        shown.add(lines.item(j).getTextContent());
                    }
                    String label = lines.getLength() == 0 ? text.getTextContent() : String.join(" ", shown);
                    assertEquals(e.getAttribute("data-label"), label, "the whole label is shown");
                    bars.add(new Bar(group, e.getAttribute("data-label"), e.getAttribute("data-value"),
                            e.getAttribute("data-secondary"), child(e, "text", "value").getTextContent()));
                    assertTrue(Double.parseDouble(child(e, "rect", "primary").getAttribute("width")) >= 0);
                }
            }
            Element title = direct(svg, "title");
            Element desc = direct(svg, "desc");
            assertTrue(svg.getAttribute("aria-labelledby").contains(title.getAttribute("id")));
            assertTrue(svg.getAttribute("aria-labelledby").contains(desc.getAttribute("id")));
            out.put(svg.getAttribute("id"), new Chart(title.getTextContent(), desc.getTextContent(), bars));
        }
        return out;
    }

    private static Element direct(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new AssertionError("no " + name);
    }

    private static Element child(Element parent, String name, String cls) {
        NodeList l = parent.getElementsByTagNameNS(SVG, name);
        for (int i = 0; i < l.getLength(); i++) {
            Element e = (Element) l.item(i);
            if (e.getAttribute("class").equals(cls)) {
                return e;
            }
        }
        throw new AssertionError("no " + name + "." + cls);
    }

    /** The href of the link of a class in a figure's section. */
    static String link(String html, String figure, String cls) {
        int start = html.indexOf("<section class=\"figure\" id=\"" + figure + "\"");
        assertTrue(start >= 0, "no section " + figure);
        String section = html.substring(start, html.indexOf("</section>", start));
        Matcher m = Pattern.compile("<a class=\"" + cls + "\"[^>]*href=\"([^\"]*)\"").matcher(section);
        assertTrue(m.find(), "no link " + cls + " in " + figure);
        return m.group(1).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&lt;", "<").replace("&gt;", ">");
    }

    /** RFC 4180 CSV read back: quoted cells may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> csvRows(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        assertFalse(quoted, "unterminated quote");
        assertTrue(row.isEmpty() && cell.length() == 0, "the last line ends with CRLF");
        return rows;
    }

    static HttpResponse<String> csv(String href) {
        HttpResponse<String> r = Http.get(root + href, "text/csv");
        assertEquals(200, r.statusCode(), href + ": " + r.body());
        assertEquals("text/csv;charset=utf-8", r.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase());
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename=\""));
        return r;
    }

    @Test
    void theThreeChartsHoldTheNumbersOfTheStatisticsAndOfTheHandCount() throws Exception {
        String html = page("/stats");
        Map<String, Chart> charts = charts(html);
        assertEquals(List.of("chart-answer-days-per-ministry", "chart-late-share-per-year", "chart-sets-per-party-per-year"),
                List.copyOf(charts.keySet()));
        for (Chart c : charts.values()) {
            assertFalse(c.title().isBlank());
            assertTrue(c.desc().startsWith("Staafdiagram"), c.desc());
            assertFalse(c.bars().isEmpty());
        }

        // answer days: a bar per ministry, median as the bar, 90th percentile behind it, in the order of the table
        Table days = direct.answerDaysPerMinistry(Period.ALL);
        List<Bar> dayBars = charts.get("chart-answer-days-per-ministry").bars();
        assertEquals(days.rows().size(), dayBars.size());
        for (int i = 0; i < dayBars.size(); i++) {
            List<String> r = days.rows().get(i);
            Bar b = dayBars.get(i);
            assertEquals(List.of(r.get(0), r.get(2), r.get(3)), List.of(b.label(), b.value(), b.secondary()));
            assertEquals("mediaan " + r.get(2) + " · p90 " + r.get(3) + " · " + r.get(1) + (r.get(1).equals("1") ? " set" : " sets"),
                    b.text());
        }
        // by hand: BZK answered in 10, 44, 51, 59 and 92 days; BZ in 23 and 46
        assertTrue(dayBars.contains(new Bar(null, "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "51", "92",
                "mediaan 51 · p90 92 · 5 sets")), dayBars.toString());
        assertTrue(dayBars.contains(new Bar(null, "Ministerie van Buitenlandse Zaken", "34.5", "46",
                "mediaan 34.5 · p90 46 · 2 sets")), dayBars.toString());
        assertTrue(dayBars.contains(new Bar(null, "minister voor Natuur en Stikstof", "72", "72",
                "mediaan 72 · p90 72 · 1 set")), dayBars.toString());

        // share late per year, by hand: 2023: 3649 (72 days), 1076 (92) and 878 (44) late, 302 (21) on time
        assertEquals(List.of(new Bar(null, "2023", "75", "", "75.0% (3 van 4)"),
                new Bar(null, "2024", "72.2", "", "72.2% (13 van 18)")), charts.get("chart-late-share-per-year").bars());
        Table late = direct.lateShareByYear(Period.ALL);
        assertEquals(List.of("2023", "2024"), late.rows().stream().map(r -> r.get(0)).toList());

        // sets per party per year: a group per year, a bar per party, exactly the rows of the table
        List<Bar> party = charts.get("chart-sets-per-party-per-year").bars();
        Table perYear = direct.setsPerPartyPerYear(Period.ALL);
        assertEquals(perYear.rows(), party.stream().map(b -> List.of(b.group(), b.label(), b.value())).toList());
        party.forEach(b -> assertEquals(b.value(), b.text()));
        // by hand: GroenLinks-PvdA asked 7 sets in 2024 (1314, 1786, 1893, 1999, 2271, 2367, 2313), SP 4, VVD 3;
        // 2023: GroenLinks, SP, Groep Van Haga and CDA one each; 2025: the seed letter, CDA
        assertEquals(List.of("GroenLinks-PvdA", "7"), List.of(party.get(4).label(), party.get(4).value()));
        assertEquals("2024", party.get(4).group());
        assertTrue(party.contains(new Bar("2024", "SP", "4", "", "4")));
        assertTrue(party.contains(new Bar("2024", "VVD", "3", "", "3")));
        assertEquals(4, party.stream().filter(b -> b.group().equals("2023") && b.value().equals("1")).count());
        assertEquals(List.of(new Bar("2025", "CDA", "1", "", "1")), party.stream().filter(b -> b.group().equals("2025")).toList());

        // the numbers are also on the page as a table, and the page is linked from the landing page
        assertTrue(html.contains("<td class=\"num\">92</td>"));
        assertTrue(page("/").contains("<a href=\"/stats\">"));
    }

    @Test
    void eachCsvLinkGivesTheNumbersTheChartShows() throws Exception {
        String html = page("/stats");
        Map<String, Chart> charts = charts(html);
        for (String id : StatsPage.CHARTS) {
            String href = link(html, id, "csv");
            assertEquals("/stats/" + id + ".csv", href);
            HttpResponse<String> r = csv(href);
            assertEquals("attachment; filename=\"" + id + ".csv\"", r.headers().firstValue("Content-Disposition").orElseThrow());
            Table t = StatsPage.figure(direct, id, Period.ALL, LocalDate.now());
            assertEquals(t.csv(), r.body(), id);
            List<List<String>> rows = csvRows(r.body());
            assertEquals(t.columns(), rows.get(0));
            List<Bar> bars = charts.get("chart-" + id).bars();
            assertEquals(rows.size() - 1, bars.size(), id);
            for (int i = 0; i < bars.size(); i++) {
                List<String> row = rows.get(i + 1);
                Bar b = bars.get(i);
                switch (id) {
                    case "answer-days-per-ministry":
                        assertEquals(List.of(row.get(0), row.get(2), row.get(3)), List.of(b.label(), b.value(), b.secondary()));
                        assertTrue(b.text().endsWith(" · " + row.get(1) + (row.get(1).equals("1") ? " set" : " sets")));
                        break;
                    case "late-share-per-year":
                        assertEquals(row.get(0), b.label());
                        assertEquals(row.get(5) + " (" + row.get(4) + " van " + row.get(1) + ")", b.text());
                        assertEquals(row.get(5), b.value().contains(".") ? b.value() + "%" : b.value() + ".0%");
                        break;
                    default:
                        assertEquals(row, List.of(b.group(), b.label(), b.value()));
                }
            }
        }
        // every figure of `kvgraph stats` is there as CSV; an unknown one is not
        for (String id : Statistics.figureIds()) {
            assertTrue(html.contains("href=\"/stats/" + id + ".csv\""), id);
            assertEquals(200, Http.get(root + "/stats/" + id + ".csv?today=2024-07-12", "text/csv").statusCode(), id);
        }
        assertEquals(direct.openAndOverdue(Period.ALL, LocalDate.parse("2024-07-12")).csv(),
                Http.get(root + "/stats/open-and-overdue.csv?today=2024-07-12", "text/csv").body());
        assertEquals(404, Http.get(root + "/stats/no-such-figure.csv", "text/csv").statusCode());
        assertEquals(404, Http.get(root + "/stats/sets-per-party.json", "*/*").statusCode());
    }

    static Map<String, String> params(String href) {
        Map<String, String> m = new HashMap<>();
        String q = URI.create(root + href).getRawQuery();
        for (String p : q.split("&")) {
            String[] kv = p.split("=", 2);
            m.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return m;
    }

    @Test
    void eachSparqlLinkOpensTheQueryBehindTheFigureWhichGivesItsRows() throws Exception {
        String html = page("/stats");
        String endpoint = server.datasetUrl() + "/sparql";
        Map<String, String> queries = new HashMap<>();
        for (String id : StatsPage.CHARTS) {
            String href = link(html, id, "sparql");
            assertTrue(href.startsWith("/sparql?query="), href);
            String query = params(href).get("query");
            assertEquals(StatsPage.figure(direct, id, Period.ALL, LocalDate.now()).sparql(), query);
            queries.put(id, query);
            assertEquals(200, Http.get(root + href, "text/html").statusCode());
        }
        // sets per party per year: the endpoint's CSV of the query is the figure's CSV
        HttpResponse<String> perYear = Http.query(endpoint, queries.get("sets-per-party-per-year"), "text/csv");
        assertEquals(200, perYear.statusCode(), perYear.body());
        assertEquals(direct.setsPerPartyPerYear(Period.ALL).csv(), perYear.body());

        // share late per year: the query counts on time, within the extended term and late per year
        HttpResponse<String> late = Http.query(endpoint, queries.get("late-share-per-year"), "text/csv");
        assertEquals(200, late.statusCode(), late.body());
        List<List<String>> rows = csvRows(late.body());
        assertEquals(List.of("year", "onTime", "extended", "late"), rows.get(0));
        for (List<String> r : direct.lateShareByYear(Period.ALL).rows()) {
            assertTrue(rows.contains(List.of(r.get(0), r.get(2), r.get(3), r.get(4))), r + " in " + rows);
        }

        // answer days: the query gives a row per ministry and set; their count, least and most are the figure's
        HttpResponse<String> days = Http.query(endpoint, queries.get("answer-days-per-ministry"), "text/csv");
        assertEquals(200, days.statusCode(), days.body());
        Map<String, List<Integer>> byMinistry = new LinkedHashMap<>();
        for (List<String> r : csvRows(days.body()).subList(1, csvRows(days.body()).size())) {
            byMinistry.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(Integer.parseInt(r.get(r.size() - 1)));
        }
        Table t = direct.answerDaysPerMinistry(Period.ALL);
        assertEquals(t.rows().size(), byMinistry.size());
        for (List<String> r : t.rows()) {
            List<Integer> d = byMinistry.get(r.get(0));
            assertNotNull(d, r.get(0));
            assertEquals(List.of(r.get(1), r.get(4), r.get(5)), List.of(Integer.toString(d.size()),
                    Integer.toString(d.stream().mapToInt(Integer::intValue).min().orElseThrow()),
                    Integer.toString(d.stream().mapToInt(Integer::intValue).max().orElseThrow())), r.get(0));
        }
        // the editor takes the query from the URL in its script, not from the page's markup
        assertTrue(page("/sparql").contains("params.get(\"query\")"));
    }

    @Test
    void thePeriodNarrowsChartsCsvsAndQueries() throws Exception {
        Period y2024 = new Period(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31"));
        String html = page("/stats?from=2024-01-01&to=2024-12-31");
        assertTrue(html.contains("vanaf 2024-01-01 tot en met 2024-12-31"));
        Map<String, Chart> charts = charts(html);
        assertEquals(List.of("2024"), charts.get("chart-late-share-per-year").bars().stream().map(Bar::label).toList());
        assertTrue(charts.get("chart-sets-per-party-per-year").bars().stream().allMatch(b -> b.group().equals("2024")));
        // BZK without its 2023 sets (1076: 92 days, 878: 44): 10, 51, 59
        assertTrue(charts.get("chart-answer-days-per-ministry").bars().contains(new Bar(null,
                "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "51", "59", "mediaan 51 · p90 59 · 3 sets")),
                charts.get("chart-answer-days-per-ministry").bars().toString());
        for (String id : StatsPage.CHARTS) {
            String href = link(html, id, "csv");
            assertEquals("/stats/" + id + ".csv?from=2024-01-01&to=2024-12-31", href);
            Table t = StatsPage.figure(direct, id, y2024, LocalDate.now());
            assertEquals(t.csv(), csv(href).body());
            assertEquals(charts.get("chart-" + id).bars().size(), t.rows().size());
            assertEquals(t.sparql(), params(link(html, id, "sparql")).get("query"));
            assertTrue(t.sparql().contains("FILTER(?submitted >= \"2024-01-01\"^^xsd:date)"));
        }
        assertEquals(400, Http.get(root + "/stats?from=2024-13-01", "text/html").statusCode());
        assertEquals(400, Http.get(root + "/stats?from=2025-01-01&to=2024-01-01", "text/html").statusCode());
        assertEquals(400, Http.get(root + "/stats/sets-per-party.csv?to=%3Cscript%3E", "text/csv").statusCode());
        // a period without sets draws empty charts, saying so
        String none = page("/stats?from=2030-01-01");
        assertEquals(3, charts(none).size());
        assertTrue(charts(none).values().stream().allMatch(c -> c.bars().isEmpty()));
        assertEquals(3, none.split("Geen gegevens in deze periode", -1).length - 1);
    }

    @TempDir
    Path own;

    @Test
    void thePageFollowsAReloadAndTextFromTheDataStaysText() throws Exception {
        String evil = "<script>alert(\"kv\")</script><img src=x onerror=alert(1)> & 'co'";
        Path in = own.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("evil.ttl"), """
                @prefix kv: <https://w3id.org/kvgraph/def#> .
                @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                @prefix id: <https://w3id.org/kvgraph/id/> .
                id:question-set\\/evil a kv:QuestionSet ; kv:submittedOn "2024-02-01"^^xsd:date ;
                    kv:hasQuestion id:question-set\\/evil\\/question\\/1 ; kv:askerParty id:party\\/evil ;
                    kv:hasResponse id:question-set\\/evil\\/answer .
                id:question-set\\/evil\\/answer a kv:Response ; kv:receivedOn "2024-03-01"^^xsd:date ;
                    kv:answeredAs id:office\\/evil .
                id:party\\/evil skos:prefLabel "%1$s party" .
                id:office\\/evil skos:prefLabel "%1$s office" .
                """.formatted(evil.replace("\"", "\\\"")), StandardCharsets.UTF_8);
        Store store = new Store(own.resolve("db"));
        PrintWriter quiet = new PrintWriter(new StringWriter());
        store.load(Inputs.of(List.of(in)), Uris.DEFAULT_BASE, false, quiet);
        try (KvServer s = KvServer.start(store, new KvServer.Options(0, 10, false, null, 200))) {
            String base = "http://localhost:" + s.port();
            String html = Http.get(base + "/stats", "text/html").body();
            assertFalse(html.contains("<script>alert"), "no markup from the data");
            assertFalse(html.contains("<img src=x"));
            assertFalse(html.contains("<script"), "no script element at all on the statistics page");
            assertTrue(html.contains("&lt;script&gt;alert(&quot;kv&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &#39;co&#39; party"));
            Map<String, Chart> charts = charts(html);
            // parsed, the labels are the text of the data, character for character
            assertEquals(List.of(new Bar("2024", evil + " party", "1", "", "1")), charts.get("chart-sets-per-party-per-year").bars());
            assertEquals(List.of(new Bar(null, evil + " office", "29", "29", "mediaan 29 · p90 29 · 1 set")),
                    charts.get("chart-answer-days-per-ministry").bars());
            // the CSV quotes the label as RFC 4180 asks
            String csv = Http.get(base + "/stats/sets-per-party-per-year.csv", "text/csv").body();
            assertEquals("year,party,sets\r\n2024,\"" + evil.replace("\"", "\"\"") + " party\",1\r\n", csv);
            assertEquals(List.of(List.of("year", "party", "sets"), List.of("2024", evil + " party", "1")), csvRows(csv));

            // another generation becomes current: the page follows it on the next request
            store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, quiet);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!s.generation().equals(store.current().orElseThrow()) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(store.current().orElseThrow(), s.generation(), "the server switched");
            String after = Http.get(base + "/stats", "text/html").body();
            assertFalse(after.contains("&lt;script&gt;"), "the old generation's data is gone");
            assertEquals(direct.setsPerPartyPerYear(Period.ALL).rows(), charts(after).get("chart-sets-per-party-per-year")
                    .bars().stream().map(b -> List.of(b.group(), b.label(), b.value())).toList());
            assertEquals(direct.setsPerPartyPerYear(Period.ALL).csv(),
                    Http.get(base + "/stats/sets-per-party-per-year.csv", "text/csv").body());
        }
    }

    @Test
    void theExampleOfTheDocsGivesWhatItSays() throws IOException {
        String doc = Files.readString(Path.of("docs", "timeliness.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("curl -sS 'http://localhost:3030(/stats/[a-z-]+\\.csv)'\n((?:# .*\n)+)").matcher(doc);
        assertTrue(m.find(), "the curl example of docs/timeliness.md");
        String expected = m.group(2).replaceAll("(?m)^# ", "").replace("\n", "\r\n");
        assertEquals(expected, Http.get(root + m.group(1), "text/csv").body());
        for (String path : List.of("/stats", "/stats/ID.csv", "/feeds/answers.atom", "/feeds/overdue.atom")) {
            assertTrue(doc.contains("`" + path), path + " documented");
        }
    }

    @Test
    void aLongLabelIsBrokenAtASpace() {
        assertEquals(List.of("Ministerie van Binnenlandse Zaken en", "Koninkrijksrelaties"),
                BarChart.lines("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"));
        assertEquals(List.of("Ministerie van Financiën"), BarChart.lines("Ministerie van Financiën"));
        List<String> tooLong = BarChart.lines("x".repeat(200));
        assertEquals(2, tooLong.size());
        assertTrue(tooLong.get(1).endsWith("…"));
    }

    @Test
    void anEmptyChartIsStillAChart() {
        String svg = new BarChart("x", "T <1>", "D & d", List.of(), "axis", false).svg();
        assertTrue(svg.contains("<title id=\"x-title\">T &lt;1&gt;</title>"), svg);
        assertTrue(svg.contains("Geen gegevens"), svg);
        assertEquals(1.0, BarChart.niceMax(0.5));
        assertEquals(100.0, BarChart.niceMax(92));
        assertEquals(250.0, BarChart.niceMax(201));
        assertEquals(10.0, BarChart.niceStep(100));
        assertEquals(1.0, BarChart.niceStep(5));
    }
}
