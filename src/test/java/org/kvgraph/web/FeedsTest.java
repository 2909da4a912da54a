package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.cli.CliRunner;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Atom feeds of {@code kvgraph serve} over the bundled data (see StatisticsTest for the hand-made table of
 * its sets): parsed with the JDK's XML parser, checked for the Atom namespace and required elements, their
 * entries, and the filters.
 */
class FeedsTest {
    static final String SET = "https://w3id.org/kvgraph/id/question-set/";

    @TempDir
    static Path tmp;
    static KvServer server;
    static String root;

    @BeforeAll
    static void start() {
        Store store = new Store(tmp.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, new PrintWriter(new StringWriter()));
        server = KvServer.start(store, KvServer.Options.defaults().withPort(0).withTimeout(10));
        root = "http://localhost:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A parsed feed: the document, and each entry's id. */
    record Feed(Element feed, List<String> ids) {
        Element entry(String id) {
            NodeList entries = feed.getElementsByTagNameNS(Feeds.ATOM, "entry");
            for (int i = 0; i < entries.getLength(); i++) {
                Element e = (Element) entries.item(i);
                if (text(e, "id").equals(id)) {
                    return e;
                }
            }
            throw new AssertionError("no entry " + id);
        }
    }

    static String text(Element parent, String name) {
        NodeList l = parent.getElementsByTagNameNS(Feeds.ATOM, name);
        assertTrue(l.getLength() > 0, "no atom:" + name + " in " + parent.getLocalName());
        return l.item(0).getTextContent();
    }

    /** Gets and parses a feed, checking what Atom 1.0 (RFC 4287) requires of a feed and its entries. */
    static Feed feed(String pathAndQuery) throws Exception {
        HttpResponse<String> r = Http.get(root + pathAndQuery, "application/atom+xml");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/atom+xml"));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        Element feed = doc.getDocumentElement();
        assertEquals(Feeds.ATOM, feed.getNamespaceURI());
        assertEquals("feed", feed.getLocalName());
        assertAbsolute(direct(feed, "id"));
        assertFalse(direct(feed, "title").isBlank());
        assertTimestamp(direct(feed, "updated"));
        assertFalse(children(feed, "author").isEmpty(), "a feed author covers the entries");
        assertTrue(children(feed, "link").stream().anyMatch(l -> l.getAttribute("rel").equals("self")));
        List<String> ids = new ArrayList<>();
        for (Element e : children(feed, "entry")) {
            String id = direct(e, "id");
            assertAbsolute(id);
            assertFalse(direct(e, "title").isBlank());
            assertTimestamp(direct(e, "updated"));
            List<Element> links = children(e, "link");
            assertTrue(links.stream().anyMatch(l -> l.getAttribute("rel").equals("alternate")
                    && l.getAttribute("href").startsWith(SET)), "entry links to its set");
            ids.add(id);
        }
        assertEquals(ids.size(), ids.stream().distinct().count(), "entry ids are unique");
        return new Feed(feed, ids);
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && Feeds.ATOM.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    static String direct(Element parent, String name) {
        List<Element> l = children(parent, name);
        assertEquals(1, l.size(), "exactly one atom:" + name + " in " + parent.getLocalName());
        return l.get(0).getTextContent();
    }

    static void assertAbsolute(String iri) {
        assertTrue(URI.create(iri).isAbsolute(), iri);
    }

    static void assertTimestamp(String s) {
        java.time.OffsetDateTime.parse(s); // RFC 3339
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void answersFeedHoldsEveryDatedAnswerNewestFirst() throws Exception {
        Feed f = feed("/feeds/answers.atom");
        // 22 sets answered with a receipt date; the seed letter gives none
        assertEquals(22, f.ids().size(), f.ids().toString());
        assertEquals(SET + "ah-tk-20232024-2395/response/ah-tk-20232024-2395", f.ids().get(0));
        assertEquals("2024-08-30T00:00:00Z", text(f.entry(f.ids().get(0)), "updated"));
        assertEquals("2024-08-30T00:00:00Z", direct(f.feed(), "updated"));
        assertEquals(SET + "ah-tk-20222023-3649/response/ah-tk-20222023-3649", f.ids().get(21));
        Element bromet = f.entry(SET + "ah-tk-20222023-3649/response/ah-tk-20222023-3649");
        assertTrue(text(bromet, "summary").contains("Bromet (GroenLinks)"), text(bromet, "summary"));
        assertTrue(text(bromet, "title").startsWith("Answer received: het bericht"), text(bromet, "title"));
    }

    @Test
    void filtersNarrowTheAnswers() throws Exception {
        assertEquals(List.of(SET + "ah-tk-20232024-878/response/ah-tk-20232024-878"),
                feed("/feeds/answers.atom?party=CDA").ids());
        assertEquals(List.of(SET + "ah-tk-20232024-878/response/ah-tk-20232024-878"),
                feed("/feeds/answers.atom?party=cda").ids());
        // GroenLinks-PvdA asked 7 sets; 1999 has no answer
        assertEquals(6, feed("/feeds/answers.atom?party=" + enc("GroenLinks-PvdA")).ids().size());
        // offices "minister van Financiën" (2367) and "staatssecretaris van Financiën" (1786, 1984)
        List<String> fin = feed("/feeds/answers.atom?office=" + enc("Financiën")).ids();
        assertEquals(List.of(SET + "ah-tk-20232024-2367/response/ah-tk-20232024-2367",
                SET + "ah-tk-20232024-1984/response/ah-tk-20232024-1984",
                SET + "ah-tk-20232024-1786/response/ah-tk-20232024-1786"), fin);
        assertEquals(List.of(SET + "ah-tk-20222023-3649/response/ah-tk-20222023-3649"),
                feed("/feeds/answers.atom?member=bromet").ids());
        assertEquals(List.of(), feed("/feeds/answers.atom?party=CDA&office=" + enc("Financiën")).ids());
    }

    @Test
    void postponementsFeed() throws Exception {
        Feed f = feed("/feeds/postponements.atom");
        String notice = SET + "ah-tk-20232024-1999/response/ah-tk-20232024-1999";
        assertEquals(List.of(notice), f.ids());
        assertEquals("2024-06-07T00:00:00Z", text(f.entry(notice), "updated"));
        assertEquals(List.of(notice), feed("/feeds/postponements.atom?member=Sneller").ids());
        assertEquals(List.of(notice), feed("/feeds/postponements.atom?party=D66").ids());
        assertEquals(List.of(), feed("/feeds/postponements.atom?party=VVD").ids());
    }

    @Test
    void overdueFeedDependsOnTheDay() throws Exception {
        assertEquals(List.of(), feed("/feeds/overdue.atom?today=2024-07-11").ids());
        Feed f = feed("/feeds/overdue.atom?today=2024-07-12");
        assertEquals(List.of(SET + "ah-tk-20232024-1999"), f.ids());
        Element e = f.entry(SET + "ah-tk-20232024-1999");
        assertEquals("2024-07-12T00:00:00Z", text(e, "updated"));
        assertTrue(text(e, "summary").contains("Due 2024-07-11, 1 days overdue"), text(e, "summary"));
        assertEquals(1, feed("/feeds/overdue.atom?today=2024-07-12&party=SP").ids().size());
        assertEquals(List.of(), feed("/feeds/overdue.atom?today=2024-07-12&party=CDA").ids());
        assertEquals(1, feed("/feeds/overdue.atom").ids().size(), "overdue now (after 2024-07-11)");
    }

    @Test
    void filterTextIsEscaped() throws Exception {
        String nasty = "<b>&\"x'</b>\\ }";
        Feed f = feed("/feeds/answers.atom?party=" + enc(nasty));
        assertEquals(List.of(), f.ids());
        assertTrue(direct(f.feed(), "title").contains("party " + nasty), direct(f.feed(), "title"));
    }

    @Test
    void unknownFeedsAndBadDaysAreRefused() {
        assertEquals(404, Http.get(root + "/feeds/nothing.atom", "*/*").statusCode());
        assertEquals(400, Http.get(root + "/feeds/overdue.atom?today=yesterday", "*/*").statusCode());
    }

    @Test
    void statsOverTheEndpointEqualStatsOverTheDatabase() {
        CliRunner.Run r = CliRunner.run("stats", "--endpoint", server.datasetUrl() + "/sparql",
                "--figure", "late-share-per-year", "--format", "csv");
        assertEquals(0, r.exit(), r.err());
        assertEquals("year,answered,on time,within extended term,late,share late\r\n"
                + "2023,4,1,0,3,75.0%\r\n2024,18,5,0,13,72.2%\r\n", r.out());
    }
}
