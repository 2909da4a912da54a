package org.kvgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.apache.jena.rdf.model.Model;
import org.junit.jupiter.api.Test;
import org.kvgraph.TestGraphs;
import org.kvgraph.model.Person;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.validate.Validator;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** SyncFeed pages (src/test/resources/syncfeed, see SOURCES.md there) read, joined into cases, and converted. */
class SyncFeedReaderTest {
    private static final Path FEED = Path.of("src/test/resources/syncfeed");
    private static final Path ODATA = Path.of("src/test/resources/odata");
    private static final List<String> PAGES = List.of("page-1.xml", "page-2.xml", "page-3.xml");

    static SyncFeedReader.Page page(String name) throws Exception {
        Path p = FEED.resolve(name);
        return SyncFeedReader.page(SourceDocument.read(p, p.toString()));
    }

    @Test
    void readsEntitiesAndTheNextLink() throws Exception {
        SyncFeedReader.Page first = page("page-1.xml");
        assertEquals(3, first.entities().size());
        assertEquals("1001", first.skiptoken());
        SyncFeedReader.Entity zaak = first.entities().get(0);
        assertEquals("zaak", zaak.type());
        assertEquals("7f767242-ad0d-4d7a-890e-61717808101d", zaak.id());
        assertEquals("2024Z03568", zaak.fields().get("nummer"));
        assertEquals("2024-03-06T00:00:00+01:00", zaak.fields().get("gestartOp"));
        assertEquals(14, zaak.at().line());
        SyncFeedReader.Page last = page("page-3.xml");
        assertNull(last.next());
        SyncFeedReader.Entity removal = last.entities().get(last.entities().size() - 1);
        assertEquals("zaakActor", removal.type());
        assertTrue(removal.deleted());
        assertEquals("7f767242-ad0d-4d7a-890e-61717808101d", removal.ref("zaak"));
    }

    /** Every entity of the fixture pages is valid by the official tkData v1-0 schemas. */
    @Test
    void everyEntityIsValidByTheOfficialSchemas() throws Exception {
        SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Path xsd = FEED.resolve("xsd");
        Map<String, Schema> schemas = Map.of(
                "zaak", sf.newSchema(new StreamSource(xsd.resolve("tkData-v1-0-zaak.xsd").toFile())),
                "zaakActor", sf.newSchema(new StreamSource(xsd.resolve("tkData-v1-0-zaakactor.xsd").toFile())),
                "document", sf.newSchema(new StreamSource(xsd.resolve("tkData-v1-0-document.xsd").toFile())));
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        int validated = 0;
        for (String name : PAGES) {
            org.w3c.dom.Document doc = dbf.newDocumentBuilder().parse(FEED.resolve(name).toFile());
            NodeList contents = doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "content");
            for (int i = 0; i < contents.getLength(); i++) {
                for (Node n = contents.item(i).getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e) {
                        schemas.get(e.getLocalName()).newValidator().validate(new DOMSource(e));
                        validated++;
                    }
                }
            }
        }
        assertEquals(3 + 10 + 3 + 1, validated);
    }

    /** The real entry (WetSuite's print of the FractieZetelPersoon feed, namespaces lost) reads too. */
    @Test
    void readsTheRealEntry() throws Exception {
        String entry = Files.readString(FEED.resolve("real/fractieZetelPersoon-entry.xml"), StandardCharsets.UTF_8);
        String feed = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>SyncFeed</title>\n" + entry + "</feed>\n";
        SyncFeedReader.Page page = SyncFeedReader.page(new SourceDocument("entry.xml", feed));
        assertEquals("16687327", page.skiptoken());
        SyncFeedReader.Entity e = page.entities().get(0);
        assertEquals("fractieZetelPersoon", e.type());
        assertEquals("808fcd50-a0dc-4f60-8b9d-c404a2eb5b2e", e.id());
        assertEquals("2023-08-29T11:10:24Z", e.updated());
        assertEquals(false, e.deleted());
        assertEquals(Map.of("functie", "Lid", "van", "2002-05-23", "totEnMet", "2010-10-11"), e.fields());
        assertEquals("ec273841-069f-408b-b434-8524904ae314", e.ref("persoon"));
        assertEquals("ca826e72-cf57-4cca-b090-d5c444ec6c2d", e.ref("fractieZetel"));
        assertEquals(12, e.at().line());
    }

    /** Joined, the pages give the sets the OData reader gives for the same Zaken; the later removal applies. */
    @Test
    void pagesJoinIntoTheSameSetsAsOData() throws Exception {
        for (List<String> order : List.of(PAGES, List.of("page-3.xml", "page-2.xml", "page-1.xml"))) {
            SyncFeedStore store = new SyncFeedStore();
            for (String name : order) {
                store.addAll(page(name).entities());
            }
            List<ParseException> problems = new ArrayList<>();
            List<QuestionSet> sets = store.sets(problems);
            assertEquals(List.of(), problems);
            assertEquals(List.of("2024Z03568", "2024Z05462", "2024Z09394"), sets.stream().map(QuestionSet::caseNumber).toList());
            for (QuestionSet s : sets) {
                Path file = ODATA.resolve("zaak-" + s.caseNumber() + ".json");
                List<QuestionSet> fromOData = new ArrayList<>();
                new TkODataReader().read(SourceDocument.read(file, file.toString()), fromOData::add);
                QuestionSet o = fromOData.get(0);
                assertEquals(o.tkId(), s.tkId());
                assertEquals(o.title(), s.title());
                assertEquals(o.submittedOn(), s.submittedOn());
                assertEquals(o.responses().stream().map(r -> r.publicationId() + " " + r.receivedOn() + " " + r.kind()).toList(),
                        s.responses().stream().map(r -> r.publicationId() + " " + r.receivedOn() + " " + r.kind()).toList());
                List<Person> expected = o.askers().stream()
                        .filter(p -> !(s.caseNumber().equals("2024Z03568") && p.familyName().equals("Kostić"))).toList();
                assertEquals(expected, s.askers(), s.caseNumber() + " (order " + order + ")");
            }
        }
    }

    @Test
    void convertJoinsThePagesAndMergesTheTexts() {
        Model m = TestGraphs.convert(FEED.resolve("page-1.xml"), FEED.resolve("page-2.xml"), FEED.resolve("page-3.xml"),
                Path.of("data/aanhangsel/pdftotext/1b26915f-b542-4707-8495-b5c21f0edfe1.txt"),
                Path.of("data/aanhangsel/pdftotext/00fe7edd-24c8-4857-98da-774ed3b06836.txt"));
        assertEquals(List.of("https://w3id.org/kvgraph/id/question-set/2024Z03568", "https://w3id.org/kvgraph/id/question-set/2024Z05462"),
                TestGraphs.column(m, "SELECT DISTINCT ?s { ?s kv:hasQuestion ?q } ORDER BY ?s"));
        assertEquals(3, TestGraphs.column(m, "SELECT ?s { ?s a kv:QuestionSet ; kv:tkId ?id }").size());
        assertEquals(List.of("https://w3id.org/kvgraph/id/person/fdc445bd-f8fe-4cfc-b387-7fd66a181674"),
                TestGraphs.column(m, "SELECT DISTINCT ?p { id:question-set\\/2024Z05462 kv:askedBy ?p }"));
        assertTrue(new Validator().validate(m.getGraph()).conforms());
    }

    @Test
    void badPagesAreReportedAtTheirLine() {
        ParseException e = assertThrows(ParseException.class, () -> SyncFeedReader.page(new SourceDocument("x.xml",
                "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<entry>\n<content>\n<zaak id=\"a\">\n</content>\n</feed>\n")));
        assertEquals(5, e.line(), e.getMessage());
        assertTrue(e.reason().startsWith("malformed XML"), e.getMessage());
        ParseException noId = assertThrows(ParseException.class, () -> SyncFeedReader.page(new SourceDocument("y.xml",
                "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<entry>\n<content type=\"application/xml\">\n<zaak verwijderd=\"false\"/>\n</content>\n</entry>\n</feed>\n")));
        assertEquals("y.xml:4: <zaak> without id", noId.getMessage());
        ParseException notFeed = assertThrows(ParseException.class, () -> SyncFeedReader.page(new SourceDocument("z.xml", "<html/>")));
        assertTrue(notFeed.reason().contains("not an Atom feed"));
    }
}
