package org.kvgraph.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.system.StreamRDFLib;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kvgraph.TestGraphs;
import org.kvgraph.cli.Kvgraph;
import org.kvgraph.rdf.Uris;
import org.kvgraph.validate.Validator;
import picocli.CommandLine;

/**
 * A case seen through Tweede Kamer OData and through the text (or PDF) of its published answer converges on one
 * set of resources: the set under the case number, one person per asker.
 */
class MergeTest {
    private static final Path ODATA = Path.of("src/test/resources/odata");
    private static final Path TEXT = Path.of("data/aanhangsel/pdftotext");
    private static final Path PDF = Path.of("src/test/resources/pdf");
    private static final Pattern DOCUMENT_ID = Pattern.compile("\"Document\": \\[\\s*\\{\\s*\"Id\": \"([0-9a-f-]{36})\"");

    /** Each Zaak fixture with its case number and the TK Document Id of its published answer. */
    static Stream<Arguments> cases() throws IOException {
        try (Stream<Path> s = Files.list(ODATA)) {
            return s.filter(p -> p.getFileName().toString().startsWith("zaak-")).sorted().map(p -> {
                try {
                    Matcher d = DOCUMENT_ID.matcher(Files.readString(p, StandardCharsets.UTF_8));
                    assertTrue(d.find());
                    return Arguments.of(p.getFileName().toString().replaceAll("^zaak-|\\.json$", ""), d.group(1));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0} + text")
    @MethodSource("cases")
    void zaakAndTextGiveOneSet(String caseNumber, String documentId) {
        check(caseNumber, TestGraphs.convert(ODATA.resolve("zaak-" + caseNumber + ".json"), TEXT.resolve(documentId + ".txt")));
    }

    @ParameterizedTest(name = "{0} + PDF")
    @MethodSource("cases")
    void zaakAndPdfGiveOneSet(String caseNumber, String documentId) {
        check(caseNumber, TestGraphs.convert(PDF.resolve(documentId + ".pdf"), ODATA.resolve("zaak-" + caseNumber + ".json")));
    }

    private static void check(String caseNumber, Model m) {
        String set = "https://w3id.org/kvgraph/id/question-set/" + caseNumber;
        assertEquals(List.of(set), TestGraphs.column(m, "SELECT DISTINCT ?s { ?s a kv:QuestionSet ; kv:hasQuestion ?q }"),
                "one set, under the case number, holds the questions");
        assertEquals(List.of(caseNumber), TestGraphs.column(m, "SELECT ?c { <" + set + "> kv:caseNumber ?c }"));
        assertFalse(TestGraphs.ask(m, "ASK { ?s a kv:QuestionSet FILTER(STRSTARTS(STR(?s), 'https://w3id.org/kvgraph/id/question-set/ah-tk-')) }"),
                "no set keyed by the publication id");
        assertEquals(1, TestGraphs.column(m, "SELECT DISTINCT ?r { <" + set + "> kv:hasResponse ?r }").size(),
                "OData's Document and the text's response are one response");
        List<String> zaakActors = TestGraphs.column(m,
                "SELECT ?p { <" + set + "> kv:askedBy ?p . ?p prov:wasDerivedFrom ?src . ?src rdfs:label ?l FILTER(STRENDS(?l, '.json')) }");
        List<String> askers = TestGraphs.column(m, "SELECT DISTINCT ?p { <" + set + "> kv:askedBy ?p }");
        assertEquals(zaakActors.size(), askers.size(), "one person per asker: " + askers);
        assertEquals(2, TestGraphs.column(m, "SELECT DISTINCT ?src { <" + set + "> prov:wasDerivedFrom ?src }").size());
        Validator.Report report = new Validator().validate(m.getGraph());
        assertTrue(report.conforms(), report.results().toString());
    }

    /** The text's "Van Nispen (SP)" becomes the OData actor "M. van Nispen", known by his TK Persoon.Id. */
    @Test
    void textAskerBecomesTheActorWithTkId() {
        Model m = TestGraphs.convert(TEXT.resolve("1b26915f-b542-4707-8495-b5c21f0edfe1.txt"), ODATA.resolve("zaak-2024Z05462.json"));
        assertEquals(List.of("https://w3id.org/kvgraph/id/person/fdc445bd-f8fe-4cfc-b387-7fd66a181674"),
                TestGraphs.column(m, "SELECT DISTINCT ?p { id:question-set\\/2024Z05462 kv:askedBy ?p }"));
        assertFalse(TestGraphs.ask(m, "ASK { id:person\\/van-nispen-sp ?p ?o }"));
        assertEquals(List.of("Van Nispen", "van Nispen"),
                TestGraphs.column(m, "SELECT ?n { id:person\\/fdc445bd-f8fe-4cfc-b387-7fd66a181674 foaf:familyName ?n } ORDER BY ?n"));
    }

    /** Without the Zaak, the text stays under its publication id and its askers under their slugs. */
    @Test
    void withoutTheZaakNothingIsMerged() {
        Model m = TestGraphs.convert(TEXT.resolve("1b26915f-b542-4707-8495-b5c21f0edfe1.txt"));
        assertTrue(TestGraphs.ask(m, "ASK { id:question-set\\/ah-tk-20232024-1771 kv:askedBy id:person\\/van-nispen-sp }"));
    }

    /** A name that fits no actor of the case (another party) is not merged; nothing is guessed. */
    @Test
    void aNameWithAnotherPartyIsNotMerged(@TempDir Path tmp) throws IOException {
        Path zaak = tmp.resolve("zaak.json");
        Files.writeString(zaak, Files.readString(ODATA.resolve("zaak-2024Z05462.json")).replace("\"ActorFractie\": \"SP\"", "\"ActorFractie\": \"PvdA\""));
        Model m = TestGraphs.convert(TEXT.resolve("1b26915f-b542-4707-8495-b5c21f0edfe1.txt"), zaak);
        assertEquals(List.of("https://w3id.org/kvgraph/id/person/fdc445bd-f8fe-4cfc-b387-7fd66a181674",
                        "https://w3id.org/kvgraph/id/person/van-nispen-sp"),
                TestGraphs.column(m, "SELECT DISTINCT ?p { id:question-set\\/2024Z05462 kv:askedBy ?p } ORDER BY ?p"));
    }

    /** A date the text and the Tweede Kamer data disagree on is reported at the text's place; one date is kept. */
    @Test
    void disagreementIsReportedAndOneDateKept(@TempDir Path tmp) throws IOException {
        Path zaak = tmp.resolve("zaak.json");
        Files.writeString(zaak, Files.readString(ODATA.resolve("zaak-2024Z05462.json"))
                .replace("\"GestartOp\": \"2024-03-29T00:00:00+01:00\"", "\"GestartOp\": \"2024-03-28T00:00:00+01:00\"")
                .replace("\"Datum\": \"2024-05-17T00:00:00+02:00\"", "\"Datum\": \"2024-05-16T00:00:00+02:00\""));
        Path text = TEXT.resolve("1b26915f-b542-4707-8495-b5c21f0edfe1.txt");
        List<Problem> notices = new ArrayList<>();
        Model m = ModelFactory.createDefaultModel();
        List<Problem> problems = new Converter(new Uris(Uris.DEFAULT_BASE), false).onNotice(notices::add)
                .convert(List.of(text, zaak), StreamRDFLib.graph(m.getGraph()), false);
        assertEquals(List.of(), problems);
        assertEquals(2, notices.size(), notices.toString());
        assertEquals(text.toString(), notices.get(0).file());
        assertTrue(notices.get(0).reason().contains("ingezonden 2024-03-29, but case 2024Z05462 started on 2024-03-28"), notices.toString());
        assertTrue(notices.get(1).reason().contains("ontvangen 2024-05-17, but the Document of ah-tk-20232024-1771 is dated 2024-05-16"), notices.toString());
        assertEquals(List.of("2024-03-28"), TestGraphs.column(m, "SELECT ?d { id:question-set\\/2024Z05462 kv:submittedOn ?d }"));
        assertEquals(List.of("2024-05-16"), TestGraphs.column(m, "SELECT ?d { id:question-set\\/2024Z05462 kv:hasResponse/kv:receivedOn ?d }"));
        assertTrue(new Validator().validate(m.getGraph()).conforms());
        // Where they agree (the real fixture), nothing is reported.
        List<Problem> none = new ArrayList<>();
        new Converter(new Uris(Uris.DEFAULT_BASE), false).onNotice(none::add)
                .convert(List.of(text, ODATA.resolve("zaak-2024Z05462.json")), StreamRDFLib.sinkNull(), false);
        assertEquals(List.of(), none);
    }

    /** {@code kvgraph convert -o out.ttl page-1.json page-2.json data/aanhangsel/pdftotext/}: 21 merged cases. */
    @Test
    void commandLineMergesPagesAndAFolderOfTexts(@TempDir Path tmp) {
        Path out = tmp.resolve("out.ttl");
        StringWriter err = new StringWriter();
        CommandLine cl = Kvgraph.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("convert", "-o", out.toString(), ODATA.resolve("page-1.json").toString(),
                ODATA.resolve("page-2.json").toString(), TEXT.toString());
        assertEquals(0, exit, err.toString());
        Model m = RDFDataMgr.loadModel(out.toString());
        assertEquals(21, TestGraphs.column(m, "SELECT DISTINCT ?s { ?s a kv:QuestionSet ; kv:hasQuestion ?q ; kv:caseNumber ?c }").size());
        assertEquals(21, TestGraphs.column(m, "SELECT DISTINCT ?s { ?s a kv:QuestionSet ; kv:hasQuestion ?q }").size());
        assertEquals(21, TestGraphs.column(m, "SELECT DISTINCT ?s { ?s a kv:QuestionSet ; kv:tkId ?id }").size());
        Validator.Report report = new Validator().validate(m.getGraph());
        assertTrue(report.conforms(), report.results().toString());
    }

    @Test
    void indexMapsPublicationsToCases() {
        try (CaseIndex index = CaseIndex.build(List.of(ODATA.resolve("page-1.json"), ODATA.resolve("page-2.json"), TEXT.resolve("00fe7edd-24c8-4857-98da-774ed3b06836.txt")))) {
            assertEquals("2024Z03568", index.caseOf("ah-tk-20232024-1314"));
            assertEquals("2023Z19292", index.caseOf("ah-tk-20232024-1076"));
            assertEquals(null, index.caseOf("ah-tk-20222023-3649"));
        }
    }
}
