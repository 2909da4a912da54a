package org.kvgraph.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.junit.jupiter.api.Test;
import org.kvgraph.TestGraphs;
import org.kvgraph.rdf.Uris;
import org.kvgraph.validate.Validator;

/**
 * One case seen through Tweede Kamer OData (Zaak 2024Z09394), officielebekendmakingen XML (its question document
 * kv-tk-2024Z09394 and its Aanhangsel publication ah-tk-20232024-1999, each with metadata.xml) and the text of that
 * publication converges on one set: one kv:QuestionSet, one person per asker (the TK id where the Zaak gives one),
 * and the union of what the sources say.
 */
class ThreeSourcesTest {
    private static final String SET = "https://w3id.org/kvgraph/id/question-set/2024Z09394";

    @Test
    void odataKoopXmlAndTextGiveOneSet() {
        Model m = TestGraphs.convert(Path.of("src/test/resources/odata/zaak-2024Z09394.json"),
                Path.of("src/test/resources/koop/ah-tk-20232024-1999.xml"),
                Path.of("src/test/resources/koop/ah-tk-20232024-1999/metadata.xml"),
                Path.of("src/test/resources/koop/kv-tk-2024Z09394.xml"),
                Path.of("data/aanhangsel/pdftotext/01bf9f06-42d0-48a6-a85f-12c9c8e14c57.txt"));
        assertEquals(List.of(SET), TestGraphs.column(m, "SELECT ?s { ?s a kv:QuestionSet }"), "exactly one set");
        assertEquals(List.of(
                "https://w3id.org/kvgraph/id/person/chakor-groenlinks-pvda",
                "https://w3id.org/kvgraph/id/person/da9f33b0-80ca-49eb-a1ec-def3b46538d9",
                "https://w3id.org/kvgraph/id/person/fdc445bd-f8fe-4cfc-b387-7fd66a181674"),
                TestGraphs.column(m, "SELECT DISTINCT ?p { <" + SET + "> kv:askedBy ?p } ORDER BY ?p"),
                "Sneller and Van Nispen by their TK ids (Zaak actors); Chakor, whose actor has no Persoon_Id, by name");
        // the union of the facts: the Zaak's id and date, the documents' questions, the publication's response
        assertEquals(List.of("2024-05-30"),
                TestGraphs.column(m, "SELECT ?d { <" + SET + "> kv:submittedOn ?d }"), "one submission date");
        assertEquals(1, TestGraphs.column(m, "SELECT ?id { <" + SET + "> kv:tkId ?id }").size(), "the Zaak's Id");
        assertEquals(List.of("Juridische analyse(s) van het hoofdlijnenakkoord"), TestGraphs.column(m,
                "SELECT ?t { <" + SET + "> dcterms:title ?t }"),
                "one title: the documents' \"juridische analyse(s) …\" is the Zaak's Onderwerp but for its capital");
        assertEquals(List.of("1", "2", "3"), TestGraphs.column(m,
                "SELECT ?n { <" + SET + "> kv:hasQuestion ?q . ?q kv:number ?n } ORDER BY ?n"), "three questions, once each");
        assertEquals(1, TestGraphs.column(m, "SELECT DISTINCT ?t { <" + SET + "/question/1> kv:text ?t }").size(),
                "question 1 has one text, the same in XML, question document and text");
        assertEquals(List.of("ah-tk-20232024-1999"), TestGraphs.column(m,
                "SELECT ?id { <" + SET + "> kv:hasResponse ?r . ?r kv:publicationId ?id }"), "one response");
        assertEquals(List.of("2024-06-07"), TestGraphs.column(m,
                "SELECT DISTINCT ?d { <" + SET + "> kv:hasResponse ?r . ?r kv:receivedOn ?d }"));
        assertTrue(TestGraphs.ask(m, "ASK { <" + SET + "/question/1> kv:cites ?a . ?a a schema:NewsArticle }"),
                "the footnote's article");
        assertEquals(4, TestGraphs.column(m, "SELECT DISTINCT ?src { ?x prov:wasDerivedFrom ?src }").size(),
                "every document says something (the metadata.xml through its publication, which it is read with)");
        Validator.Report report = new Validator().validate(m.getGraph());
        assertTrue(report.conforms(), report.results().toString());
    }

    /** The Zaak's Onderwerp of 2024Z11864 lacks the closing quote its published answer prints: both kept, a note says so. */
    @Test
    void aTitleThatDisagreesIsANote() {
        Model m = ModelFactory.createDefaultModel();
        List<Problem> notices = new ArrayList<>();
        List<Problem> problems = new Converter(new Uris(Uris.DEFAULT_BASE), false).onNotice(notices::add).convert(
                List.of(Path.of("src/test/resources/odata/zaak-2024Z11864.json"),
                        Path.of("data/aanhangsel/pdftotext/1bca1484-2edb-43d1-913f-de5022c9a02b.txt")),
                StreamRDFLib.graph(m.getGraph()), false);
        assertEquals(List.of(), problems);
        assertEquals(1, notices.size(), notices.toString());
        assertEquals("data/aanhangsel/pdftotext/1bca1484-2edb-43d1-913f-de5022c9a02b.txt", notices.get(0).file());
        assertTrue(notices.get(0).reason().startsWith("the title differs from the Tweede Kamer data: \"het bericht «Erkenning"),
                notices.get(0).reason());
        assertTrue(notices.get(0).reason().endsWith("(Onderwerp) for case 2024Z11864; the set has both"), notices.get(0).reason());
        assertEquals(2, TestGraphs.column(m, "SELECT ?t { <https://w3id.org/kvgraph/id/question-set/2024Z11864> dcterms:title ?t }").size());
    }
}
