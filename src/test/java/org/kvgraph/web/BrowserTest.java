package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.rdf.Uris;
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
        long triples = Http.count(server.datasetUrl() + "/sparql", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }");
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
}
