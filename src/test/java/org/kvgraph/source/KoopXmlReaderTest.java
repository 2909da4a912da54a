package org.kvgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kvgraph.model.Answer;
import org.kvgraph.model.Location;
import org.kvgraph.model.Person;
import org.kvgraph.model.Question;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.model.Response;

/**
 * officielebekendmakingen XML (fixtures in the real op-xsd shape carrying the real content of two bundled answers and
 * one question document, see src/test/resources/koop/SOURCES.md) gives the records its text gives.
 */
class KoopXmlReaderTest {
    private static final Path KOOP = Path.of("src/test/resources/koop");

    private static QuestionSet xml(String name) throws Exception {
        Path p = KOOP.resolve(name);
        return KoopXmlReader.read(p, SourceDocument.read(p, p.toString()));
    }

    private static QuestionSet text(String path) throws Exception {
        List<QuestionSet> sets = new ArrayList<>();
        new AanhangselTextReader().read(SourceDocument.read(Path.of(path), path), sets::add);
        return sets.get(0);
    }

    /** The set without the places its records were read at, and without what only the metadata adds. */
    private static QuestionSet facts(QuestionSet s) {
        Location none = new Location("", 0);
        List<Question> qs = s.questions().stream().map(q -> new Question(q.number(), q.text(), none, q.citations())).toList();
        List<Response> rs = s.responses().stream().map(r -> new Response(r.kind(), r.publicationId(), r.receivedOn(),
                r.signatories(), r.onBehalfOf(), r.reference(), r.seeAlso(),
                r.answers().stream().map(a -> new Answer(a.questionNumbers(), a.text(), none, a.citations())).toList(),
                r.citations(), none)).toList();
        return new QuestionSet(none, null, s.title(), s.submittedOn(), s.askers(), s.addressedTo(), qs, rs, s.supplements(),
                s.citations(), s.tkId());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ah-tk-20222023-3649.xml, data/aanhangsel/ah-tk-20222023-3649.txt",
        "ah-tk-20232024-1999.xml, data/aanhangsel/pdftotext/01bf9f06-42d0-48a6-a85f-12c9c8e14c57.txt"})
    void xmlGivesWhatItsTextGives(String xml, String txt) throws Exception {
        QuestionSet fromXml = xml(xml);
        QuestionSet fromText = text(txt);
        assertEquals(facts(fromText), facts(fromXml));
        assertTrue(fromXml.questions().size() >= 3);
        assertTrue(fromXml.questions().stream().anyMatch(q -> !q.citations().isEmpty()), "footnotes become citations");
        assertEquals(KOOP.resolve(xml).toString(), fromXml.source().file(), "records are placed in the XML");
    }

    @Test
    void metadataGivesTheCaseNumber() throws Exception {
        QuestionSet s = xml("ah-tk-20232024-1999.xml");
        assertEquals("2024Z09394", s.caseNumber(), "OVERHEIDop.vraagnummer");
        assertEquals("ah-tk-20232024-1999", s.responses().get(0).publicationId());
        assertEquals(org.kvgraph.model.ResponseKind.POSTPONEMENT, s.responses().get(0).kind(), "a Mededeling");
        assertEquals(14, s.source().line(), "the questions' header is on line 14 of the XML");
        assertNull(xml("ah-tk-20222023-3649.xml").caseNumber(), "its metadata has no vraagnummer");
    }

    @Test
    void aQuestionDocumentIsASetWithoutResponse() throws Exception {
        QuestionSet s = xml("kv-tk-2024Z09394.xml");
        assertEquals("2024Z09394", s.caseNumber());
        assertEquals(List.of(), s.responses());
        assertEquals(List.of(1, 2, 3), s.questions().stream().map(Question::number).toList());
        assertEquals(List.of("Sneller", "Chakor", "Van Nispen"), s.askers().stream().map(Person::familyName).toList());
        assertEquals(LocalDate.of(2024, 5, 30), s.submittedOn());
        assertEquals(text("data/aanhangsel/pdftotext/01bf9f06-42d0-48a6-a85f-12c9c8e14c57.txt").questions().stream()
                .map(Question::text).toList(), s.questions().stream().map(Question::text).toList());
    }

    @Test
    void aDoctypeIsRefusedBeforeAnyEntityIsRead() {
        ParseException e = assertThrows(ParseException.class, () -> KoopXmlReader.read(
                new SourceDocument("x.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaaaaaa\">]>\n<officiele-publicatie><kamervragen>&a;</kamervragen></officiele-publicatie>"),
                (SourceDocument) null));
        assertEquals(2, e.line());
        assertTrue(e.reason().contains("DOCTYPE is refused"), e.reason());
    }

    @Test
    void metadataOfAnotherPublicationIsAnError() throws Exception {
        Path p = KOOP.resolve("ah-tk-20232024-1999.xml");
        SourceDocument other = SourceDocument.read(KOOP.resolve("ah-tk-20222023-3649/metadata.xml"), "m.xml");
        ParseException e = assertThrows(ParseException.class, () -> KoopXmlReader.read(SourceDocument.read(p, p.toString()), other));
        assertTrue(e.reason().contains("the metadata is of ah-tk-20222023-3649, not of ah-tk-20232024-1999"), e.reason());
    }
}
