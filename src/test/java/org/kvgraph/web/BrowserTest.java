package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.rdf.Uris;
import org.kvgraph.stats.Statistics;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/**
 * The pages in a real browser: headless Chromium from the distribution's packages, driven over WebDriver, on
 * the bundled data served by a real server. Screenshots go to {@code target/screenshots/}. Skipped, saying so,
 * only when Chromium is not installed.
 */
class BrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path tmp;
    static KvServer server;
    static Browser browser;
    static String root;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        Browser.missing().ifPresent(why -> {
            System.err.println("BrowserTest: " + why);
            Assumptions.abort(why);
        });
        Store store = new Store(tmp.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, new PrintWriter(new StringWriter()));
        server = KvServer.start(store, KvServer.Options.defaults().withPort(0).withTimeout(20));
        root = "http://localhost:" + server.port();
        Path profile = tmp.resolve("chromium-profile");
        Files.createDirectories(profile);
        browser = Browser.start(profile);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theLandingPageLoadsWithTheCounts() throws Exception {
        browser.open(root + "/");
        browser.waitFor("return document.readyState === 'complete'", Duration.ofSeconds(20), "the landing page");
        long sets = Http.count(server.datasetUrl() + "/sparql",
                "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s a <https://w3id.org/kvgraph/def#QuestionSet> }");
        long triples = Http.count(server.datasetUrl() + "/sparql", org.kvgraph.DataCounts.TRIPLES);
        String shown = browser.script("return document.querySelector('[data-count=\"vragensets (Kamervragen)\"]').innerText")
                .getAsString().value();
        assertEquals(Long.toString(sets), shown.trim());
        assertEquals(Long.toString(triples), browser.script(
                "return document.querySelector('[data-count=\"triples\"]').innerText").getAsString().value().trim());
        assertTrue(browser.script("return document.querySelectorAll('ol.examples a').length").getAsNumber().value().intValue() >= 10);
        browser.screenshot(SHOTS.resolve("landing.png"));
    }

    @Test
    void anExampleQueryRunsInTheEditorAndShowsRows() throws Exception {
        // one click from the landing page to the example in the editor, one more to run it
        browser.open(root + "/");
        browser.waitFor("return document.readyState === 'complete'", Duration.ofSeconds(20), "the landing page");
        browser.script("document.querySelector('a[href=\"/sparql?example=01-sets-per-party-per-year\"]').click()");
        browser.waitFor("return location.pathname === '/sparql' && !!window.kvYasgui"
                + " && !!document.querySelector('.yasqe_queryButton')", Duration.ofSeconds(30), "the editor");
        String query = browser.script("return window.kvYasgui.getTab().getQuery()").getAsString().value();
        assertTrue(query.contains("how many question sets did each party"), query);
        browser.script("document.querySelector('.yasqe_queryButton').click()");
        browser.waitFor("return document.querySelectorAll('.yasr table tbody tr').length > 0"
                + " && !document.querySelector('.yasr table tbody td.dataTables_empty')", Duration.ofSeconds(60),
                "result rows");
        int rows = browser.script("return document.querySelectorAll('.yasr table tbody tr').length")
                .getAsNumber().value().intValue();
        assertTrue(rows > 0);
        String text = browser.script("return document.querySelector('.yasr table tbody').innerText").getAsString().value();
        assertTrue(text.contains("CDA"), "a party among the rows: " + text);
        browser.screenshot(SHOTS.resolve("editor.png"));
    }

    @Test
    void theSeedSetPageShowsItsSevenQuestionsAndAnswers() throws Exception {
        browser.open(root + "/id/question-set/2025Z10267");
        browser.waitFor("return document.readyState === 'complete'", Duration.ofSeconds(20), "the set's page");
        assertEquals(7, browser.script("return Array.from(document.querySelectorAll('.qa .q'))"
                + ".filter(e => e.offsetHeight > 0 && e.innerText.trim().length > 20).length").getAsNumber().value().intValue());
        assertEquals(7, browser.script("return Array.from(document.querySelectorAll('.qa .a'))"
                + ".filter(e => e.offsetHeight > 0 && e.innerText.includes('Antwoord') && e.innerText.trim().length > 40).length")
                .getAsNumber().value().intValue());
        // each question beside its answer: same row, question left of the answer
        assertEquals(Boolean.TRUE, browser.script("const q = document.querySelectorAll('.qa .q'), a = document.querySelectorAll('.qa .a');"
                + " return Array.from(q).every((e, i) => Math.abs(e.getBoundingClientRect().top - a[i].getBoundingClientRect().top) < 2"
                + " && e.getBoundingClientRect().right <= a[i].getBoundingClientRect().left)").getAsBoolean().value());
        String title = browser.script("return document.querySelector('h1').innerText").getAsString().value();
        assertTrue(title.contains("Microsoft sluit e-mail ICC"), title);
        browser.screenshot(SHOTS.resolve("question-set-2025Z10267.png"));
    }

    @Test
    void theStatisticsPageShowsItsChartsAndTheirCsvLinksGiveTheSameNumbers() throws Exception {
        // from the landing page, one click
        browser.open(root + "/");
        browser.waitFor("return document.readyState === 'complete'", Duration.ofSeconds(20), "the landing page");
        browser.script("document.querySelector('main a[href=\"/stats\"]').click()");
        browser.waitFor("return location.pathname === '/stats' && document.readyState === 'complete'"
                + " && document.querySelectorAll('svg.chart').length === 3", Duration.ofSeconds(30), "the statistics page");
        Statistics stats = new Statistics(Statistics.remote(server.datasetUrl() + "/sparql"));
        for (String id : StatsPage.CHARTS) {
            String svg = "document.getElementById('chart-" + id + "')";
            // the chart is laid out and visible: a real box, not hidden, and its bars have width
            assertEquals(Boolean.TRUE, browser.script("const s = " + svg + "; const r = s.getBoundingClientRect();"
                    + " const st = getComputedStyle(s);"
                    + " return r.width > 300 && r.height > 80 && st.display !== 'none' && st.visibility === 'visible'")
                    .getAsBoolean().value(), id);
            Statistics.Table t = StatsPage.figure(stats, id, Statistics.Period.ALL, LocalDate.now());
            int bars = browser.script("return " + svg + ".querySelectorAll('g.bar').length").getAsNumber().value().intValue();
            assertEquals(t.rows().size(), bars, id);
            int drawn = browser.script("return Array.from(" + svg + ".querySelectorAll('g.bar rect.primary'))"
                    + ".filter(r => r.getBoundingClientRect().width > 0 && r.getBoundingClientRect().height > 0).length")
                    .getAsNumber().value().intValue();
            assertEquals(bars, drawn, id + ": every bar drawn with a size (no value is 0 in the bundled data)");
            assertEquals("", browser.script("const s = " + svg + "; const w = s.viewBox.baseVal.width;"
                    + " return Array.from(s.querySelectorAll('text')).filter(t => { const b = t.getBBox();"
                    + " return b.x < 0 || b.x + b.width > w; }).map(t => t.textContent + ' ' + JSON.stringify(t.getBBox()))"
                    + ".join('\\n')").getAsString().value(), id + ": text cut off");
            // the values the chart shows, as the browser renders them
            String shown = browser.script("return Array.from(" + svg + ".querySelectorAll('g.bar'))"
                    + ".map(g => { const t = g.querySelector('text.label'), l = t.querySelectorAll('tspan');"
                    + " return (l.length ? Array.from(l).map(x => x.textContent).join(' ') : t.textContent) + '|' + g.dataset.value + '|'"
                    + " + (g.dataset.secondary || '') + '|' + g.querySelector('text.value').textContent; }).join('\\n')")
                    .getAsString().value();
            // the CSV behind the chart's link, downloaded by the browser
            String csv = browser.script("return fetch(document.querySelector('#" + id + " a.csv').href)"
                    + ".then(r => r.text())").getAsString().value();
            assertEquals(t.csv(), csv, id);
            // and the same CSV saved as a file by a click on the link
            Path saved = Browser.downloads(tmp.resolve("chromium-profile")).resolve(id + ".csv");
            Files.deleteIfExists(saved);
            browser.script("document.querySelector('#" + id + " a.csv').click()");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.isRegularFile(saved) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(Files.isRegularFile(saved), "downloaded " + saved);
            while (!Files.readString(saved, java.nio.charset.StandardCharsets.UTF_8).equals(t.csv())
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);   // the file may still be being written
            }
            assertEquals(t.csv(), Files.readString(saved, java.nio.charset.StandardCharsets.UTF_8), id + ": the downloaded file");
            List<List<String>> rows = StatsPageTest.csvRows(csv);
            List<String> expected = new java.util.ArrayList<>();
            for (List<String> r : rows.subList(1, rows.size())) {
                switch (id) {
                    case "answer-days-per-ministry":
                        expected.add(r.get(0) + "|" + r.get(2) + "|" + r.get(3) + "|mediaan " + r.get(2) + " · p90 "
                                + r.get(3) + " · " + r.get(1) + (r.get(1).equals("1") ? " set" : " sets"));
                        break;
                    case "late-share-per-year":
                        expected.add(r.get(0) + "|" + r.get(5).replace(".0%", "").replace("%", "") + "||" + r.get(5)
                                + " (" + r.get(4) + " van " + r.get(1) + ")");
                        break;
                    default:
                        expected.add(r.get(1) + "|" + r.get(2) + "||" + r.get(2));
                }
            }
            assertEquals(String.join("\n", expected), shown, id);
        }
        assertEquals(List.of("2023", "2024", "2025"), browser.script("return Array.from(document.querySelectorAll("
                + "'#chart-sets-per-party-per-year text.group')).map(t => t.textContent)").getAsArray().stream()
                .map(v -> v.getAsString().value()).toList());
        browser.screenshot(SHOTS.resolve("stats.png"));
        browser.script("document.getElementById('sets-per-party-per-year').scrollIntoView()");
        browser.screenshot(SHOTS.resolve("stats-sets-per-party-per-year.png"));

        // the SPARQL link opens the figure's query in the editor, and it runs
        String query = StatsPage.figure(stats, "late-share-per-year", Statistics.Period.ALL, LocalDate.now()).sparql();
        browser.script("document.querySelector('#late-share-per-year a.sparql').click()");
        browser.waitFor("return location.pathname === '/sparql' && !!window.kvYasgui"
                + " && !!document.querySelector('.yasqe_queryButton')", Duration.ofSeconds(30), "the editor");
        assertEquals(query, browser.script("return window.kvYasgui.getTab().getQuery()").getAsString().value());
        browser.script("document.querySelector('.yasqe_queryButton').click()");
        browser.waitFor("return document.querySelectorAll('.yasr table tbody tr').length > 0"
                + " && !document.querySelector('.yasr table tbody td.dataTables_empty')", Duration.ofSeconds(60),
                "result rows");
        String text = browser.script("return document.querySelector('.yasr table tbody').innerText").getAsString().value()
                .replaceAll("\"|\\^\\^xsd:integer", "");
        // 2023: 1 on time, 0 within the extended term, 3 late; 2024: 5, 0, 13
        assertTrue(text.matches("(?s).*2023\\s+1\\s+0\\s+3.*"), text);
        assertTrue(text.matches("(?s).*2024\\s+5\\s+0\\s+13.*"), text);
        browser.screenshot(SHOTS.resolve("stats-query-in-editor.png"));
    }
}
