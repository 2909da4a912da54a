package org.kvgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kvgraph.TestGraphs;
import org.kvgraph.convert.Readers;
import org.kvgraph.model.Office;
import org.kvgraph.model.Person;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.model.Response;
import org.kvgraph.model.ResponseKind;
import org.kvgraph.validate.Validator;

/**
 * Reads the OData fixtures of the 21 Zaken answered by the real PDFs (src/test/resources/odata, real Zaak values;
 * see SOURCES.md there) and checks them against what the published answer of each says.
 */
class TkODataReaderTest {
    private static final Path ODATA = Path.of("src/test/resources/odata");
    private static final Path TEXT = Path.of("data/aanhangsel/pdftotext");
    private static final Pattern DOCUMENT_ID = Pattern.compile("\"Document\": \\[\\s*\\{\\s*\"Id\": \"([0-9a-f-]{36})\"");

    static Stream<Path> zaken() throws IOException {
        try (Stream<Path> s = Files.list(ODATA)) {
            return s.filter(p -> p.getFileName().toString().startsWith("zaak-")).sorted().toList().stream();
        }
    }

    static List<QuestionSet> read(String name, String json) throws ParseException {
        SourceDocument doc = new SourceDocument(name, json);
        SourceReader reader = Readers.forDocument(doc).orElseThrow(() -> new AssertionError("not recognised"));
        assertEquals("tk-odata", reader.layout());
        List<QuestionSet> sets = new ArrayList<>();
        reader.read(doc, sets::add);
        return sets;
    }

    static List<QuestionSet> read(Path file) throws Exception {
        return read(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void thereIsAFixtureForEachPdf() throws IOException {
        assertEquals(21, zaken().count());
    }

    /** The Zaak's facts agree with what its published answer (the pdftotext text) says. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("zaken")
    void zaakAgreesWithItsPublishedAnswer(Path file) throws Exception {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        List<QuestionSet> sets = read(file.toString(), json);
        assertEquals(1, sets.size());
        QuestionSet z = sets.get(0);
        String number = file.getFileName().toString().replaceAll("^zaak-|\\.json$", "");
        assertEquals(number, z.caseNumber());
        assertEquals(number, z.key());
        assertTrue(z.tkId().matches("[0-9a-f-]{36}"));
        assertTrue(z.title() != null && z.title().length() > 5);
        assertTrue(z.questions().isEmpty());
        assertEquals(List.of(), z.addressedTo(), "no Functie for \"Gericht aan\" in the fixtures");

        Matcher d = DOCUMENT_ID.matcher(json);
        assertTrue(d.find());
        SourceDocument text = SourceDocument.read(TEXT.resolve(d.group(1) + ".txt"), d.group(1) + ".txt");
        List<QuestionSet> fromText = new ArrayList<>();
        new AanhangselTextReader().read(text, fromText::add);
        QuestionSet t = fromText.get(0);

        assertEquals(t.submittedOn(), z.submittedOn(), "GestartOp is the \"ingezonden\" date");
        assertEquals(t.askers().stream().map(TkODataReaderTest::familyAndParty).toList(),
                z.askers().stream().map(TkODataReaderTest::familyAndParty).toList(), "askers, Indiener first");
        assertEquals(1, z.responses().size());
        Response r = z.responses().get(0);
        Response tr = t.responses().get(0);
        assertEquals(tr.publicationId(), r.publicationId(), "Aanhangselnummer → publication id");
        assertEquals(tr.receivedOn(), r.receivedOn());
        assertEquals(ResponseKind.ANSWER, r.kind());
        assertTrue(r.answers().isEmpty());
    }

    @Test
    void personsWithAPersoonIdCarryIt() throws Exception {
        QuestionSet z = read(ODATA.resolve("zaak-2024Z09394.json")).get(0);
        assertEquals(List.of("Sneller", "Chakor", "van Nispen"), z.askers().stream().map(Person::familyName).toList());
        assertEquals("da9f33b0-80ca-49eb-a1ec-def3b46538d9", z.askers().get(0).tkId());
        assertNull(z.askers().get(1).tkId());
        assertEquals("J.C.", z.askers().get(0).initials());
        assertEquals("fdc445bd-f8fe-4cfc-b387-7fd66a181674", z.askers().get(2).tkId());
    }

    @Test
    void bothPagesTogetherGiveTheTwentyOneSets() throws Exception {
        String first = Files.readString(ODATA.resolve("page-1.json"));
        assertTrue(first.contains("\"@odata.nextLink\""));
        List<QuestionSet> sets = new ArrayList<>(read(ODATA.resolve("page-1.json")));
        assertEquals(11, sets.size());
        sets.addAll(read(ODATA.resolve("page-2.json")));
        Set<String> numbers = new HashSet<>();
        sets.forEach(s -> numbers.add(s.caseNumber()));
        assertEquals(21, numbers.size());
        for (QuestionSet s : sets) {
            QuestionSet single = read(ODATA.resolve("zaak-" + s.caseNumber() + ".json")).get(0);
            assertEquals(single.askers(), s.askers());
            assertEquals(single.responses().get(0).publicationId(), s.responses().get(0).publicationId());
        }
    }

    @Test
    void deletedEntitiesAreLeftOut() throws Exception {
        String json = Files.readString(ODATA.resolve("page-1.json"));
        // The Medeindiener of 2024Z03568 (Kostić) marked deleted, and the whole of 2024Z00327.
        String kostic = json.replaceFirst("(\"ActorNaam\": \"I\\. Kostić\"(?s:.*?)\"Verwijderd\": )false", "$1true");
        String zaak = kostic.replaceFirst("(\"Nummer\": \"2024Z00327\"(?s:.*?)\"Verwijderd\": )false", "$1true");
        List<QuestionSet> sets = read("page-1.json", zaak);
        assertEquals(10, sets.size());
        assertTrue(sets.stream().noneMatch(s -> s.caseNumber().equals("2024Z00327")));
        QuestionSet s = sets.stream().filter(x -> x.caseNumber().equals("2024Z03568")).findFirst().orElseThrow();
        assertEquals(List.of("Mutluer"), s.askers().stream().map(Person::familyName).toList());
        // And a deleted Document gives no response.
        String doc = json.replaceFirst("(\"Id\": \"00fe7edd-24c8-4857-98da-774ed3b06836\"(?s:.*?)\"Verwijderd\": )false", "$1true");
        QuestionSet noAnswer = read("page-1.json", doc).stream().filter(x -> x.caseNumber().equals("2024Z03568")).findFirst().orElseThrow();
        assertEquals(List.of(), noAnswer.responses());
    }

    /** Documents of each response Soort; "Gericht aan" with a Functie naming an office; a Zaak of another Soort. */
    @Test
    void documentSoortenAndAddressedOffices() throws Exception {
        String json = Files.readString(ODATA.resolve("zaak-2024Z03568.json"))
                .replace("\"ActorNaam\": \"R.H. Dijkgraaf\",", "\"ActorNaam\": \"R.H. Dijkgraaf\",\n\"Functie\": \"minister van Onderwijs, Cultuur en Wetenschap\",")
                .replace("\"Functie\": null,\n      \"Relatie\": \"Gericht aan\"", "\"Relatie\": \"Gericht aan\"")
                .replace("\"Document\": [", """
                        "Document": [
                          {"Id": "d1", "Soort": "Schriftelijke vragen", "DocumentNummer": "2024D09999", "Vergaderjaar": "2023-2024", "Aanhangselnummer": null, "Verwijderd": false},
                          {"Id": "d2", "Soort": "Mededeling (uitstel antwoord)", "Datum": "2024-03-20T00:00:00+01:00", "Vergaderjaar": "2023-2024", "Aanhangselnummer": "232401200", "Verwijderd": false},
                          {"Id": "d3", "Soort": "Antwoord schriftelijke vragen (nader)", "Datum": "2024-04-02T00:00:00+02:00", "Vergaderjaar": "2023-2024", "Aanhangselnummer": "1400", "Verwijderd": false},
                          {"Id": "d4", "Soort": "Antwoord schriftelijke vragen", "Datum": "2024-04-03T00:00:00+02:00", "Vergaderjaar": "2023-2024", "Aanhangselnummer": null, "Verwijderd": false},
                        """);
        QuestionSet z = read("x.json", json).get(0);
        assertEquals(List.of("minister van Onderwijs, Cultuur en Wetenschap"), z.addressedTo().stream().map(Office::label).toList());
        assertEquals(List.of("ah-tk-20232024-1200 POSTPONEMENT 2024-03-20", "ah-tk-20232024-1400 ANSWER 2024-04-02",
                        "ah-tk-20232024-1314 ANSWER 2024-03-25"),
                z.responses().stream().map(r -> r.publicationId() + " " + r.kind() + " " + r.receivedOn()).toList());
        assertEquals(List.of(), read("y.json", json.replace("\"Soort\": \"Schriftelijke vragen\",\n  \"Titel\"", "\"Soort\": \"Motie\",\n  \"Titel\"")));
    }

    /** A folder is searched for OData JSON by content: the fixture-making script's notes and other JSON are not taken. */
    @Test
    void foldersAreSearchedForODataByContent(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Files.copy(ODATA.resolve("zaak-2024Z03568.json"), tmp.resolve("zaak.json"));
        Files.writeString(tmp.resolve("parties.json"), "{\"parties\": [\"CDA\", \"SP\"]}\n");
        Files.writeString(tmp.resolve("schema.xml"), "<schema/>\n");
        assertEquals(List.of(tmp.resolve("zaak.json")), org.kvgraph.convert.Converter.expand(List.of(tmp), new ArrayList<>()));
    }

    @Test
    void aanhangselnummerToPublicationId() {
        assertEquals("ah-tk-20232024-1314", TkODataReader.publicationId("2023-2024", "232401314"));
        assertEquals("ah-tk-20242025-1244", TkODataReader.publicationId("2024-2025", "242501244"));
        assertEquals("ah-tk-20232024-878", TkODataReader.publicationId("2023-2024", "878"));
        assertNull(TkODataReader.publicationId("2023-2024", "242501244"));
        assertNull(TkODataReader.publicationId("2023-2024", null));
    }

    /** The converted graph of every fixture conforms to the shapes; a person with a Persoon_Id gets a TK URI. */
    @Test
    void graphConformsAndUsesTkPersonUris() {
        Model m = TestGraphs.convert(ODATA.resolve("page-1.json"), ODATA.resolve("page-2.json"));
        Validator.Report report = new Validator().validate(m.getGraph());
        assertTrue(report.conforms(), report.results().toString());
        assertEquals(21, TestGraphs.column(m, "SELECT ?s { ?s a kv:QuestionSet ; kv:caseNumber ?c }").size());
        List<String> nispen = TestGraphs.column(m, "SELECT DISTINCT ?p { ?s kv:askedBy ?p . ?p foaf:familyName \"van Nispen\" }");
        assertEquals(List.of("https://w3id.org/kvgraph/id/person/fdc445bd-f8fe-4cfc-b387-7fd66a181674"), nispen);
        assertTrue(TestGraphs.ask(m, "ASK { id:question-set\\/2024Z03568 kv:tkId \"7f767242-ad0d-4d7a-890e-61717808101d\" ; "
                + "kv:hasResponse ?r . ?r kv:publicationId \"ah-tk-20232024-1314\" ; kv:receivedOn \"2024-03-25\"^^xsd:date }"));
        assertNotNull(m);
    }

    private static String familyAndParty(Person p) {
        String family = Normalizer.normalize(p.familyName(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replace(" ", "");
        return family + " (" + p.party() + ")";
    }
}
