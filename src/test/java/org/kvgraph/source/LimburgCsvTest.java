package org.kvgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kvgraph.convert.Readers;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.rdf.RdfMapper;
import org.kvgraph.rdf.Uris;
import org.kvgraph.validate.Validator;

/**
 * Every row of the real, messy Limburg CSV (86 texts extracted from PDF and Word documents, words run together at line
 * ends; src/test/resources/limburg/SOURCES.md) converts, conforming to the shapes, or is reported with a known reason.
 */
class LimburgCsvTest {
    static final Path CSV = Path.of("src/test/resources/limburg/questions.csv");

    /** The rows as (name, text), by RFC 4180 (quoted fields may hold line ends and doubled quotes). */
    static List<String[]> rows() throws IOException {
        String s = Files.readString(CSV, StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row.toArray(String[]::new));
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row.toArray(String[]::new));
        }
        return rows.subList(1, rows.size());
    }

    /** The reasons a row may be reported with, each a substring of the reason, and how many rows have it. */
    static final Map<String, Integer> KNOWN = Map.of(
            "an answer document without the questions' header", 14,  // Word answers (AH nnn / case / "Antwoord van …")
            "oral questions (\"Mondelinge vragen\"", 3,              // not written questions
            "footnote marker", 2,                                      // a marker whose footnote the text lacks
            "has no matching question", 1,                             // an answer block whose question heading was lost
            "no office in", 2);                                        // "Staatsecretaris" (sic), "minister-president"

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> a = new ArrayList<>();
        List<String[]> rows = rows();
        for (int i = 0; i < rows.size(); i++) {
            a.add(Arguments.of(i + 2, rows.get(i)[0], rows.get(i)[1]));
        }
        return a.stream();
    }

    /** "converted by <layout>[ (no response)]" or the known reason the row is reported with; fails on anything else. */
    static String outcome(String name, String text) {
        SourceDocument doc = new SourceDocument(name, text);
        try {
            SourceReader reader = Readers.forDocument(doc).orElseThrow(() -> new ParseException(name, 1, "unrecognised layout"));
            List<QuestionSet> sets = new ArrayList<>();
            reader.read(doc, sets::add);
            assertEquals(1, sets.size());
            Graph g = GraphFactory.createDefaultGraph();
            new RdfMapper(new Uris(Uris.DEFAULT_BASE), StreamRDFLib.graph(g), false).questionSet(sets.get(0));
            Validator.Report report = new Validator().validate(g);
            assertTrue(report.conforms(), name + ": " + report.results());
            return "converted by " + reader.layout() + (sets.get(0).responses().isEmpty() ? " (no response)" : "");
        } catch (ParseException e) {
            String known = KNOWN.keySet().stream().filter(e.reason()::contains).findFirst()
                    .orElseThrow(() -> new AssertionError("reported with a reason not in the known list: " + e));
            assertTrue(e.line() >= 1 && e.line() <= text.lines().count() + 1, e.toString());
            return "reported: " + known;
        }
    }

    @ParameterizedTest(name = "row {0}: {1}")
    @MethodSource("cases")
    void convertsOrIsReportedWithAKnownReason(int row, String name, String text) {
        assertTrue(outcome(name, text).matches("^(converted by .*|reported: .*)$"));
    }

    @Test
    void countOfEachOutcome() throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (String[] r : rows()) {
            counts.merge(outcome(r[0], r[1]), 1, Integer::sum);
        }
        Map<String, Integer> expected = new TreeMap<>();
        expected.put("converted by aanhangsel", 28);              // answers and postponements (Aanhangsel PDFs)
        expected.put("converted by aanhangsel (no response)", 27); // question documents (kv-tk PDFs)
        expected.put("converted by word", 2);                      // postponement notices (Word)
        expected.put("converted by word (no response)", 7);        // question documents (Word)
        KNOWN.forEach((reason, n) -> expected.put("reported: " + reason, n));
        assertEquals(expected, counts);
        assertEquals(86, counts.values().stream().mapToInt(Integer::intValue).sum(), "every row");
    }

    @Test
    void wordsRunTogetherAreSplit() throws IOException {
        String[] row = rows().stream().filter(r -> r[1].contains("DaniëlleJansen")).findFirst().orElseThrow();
        List<QuestionSet> sets = new ArrayList<>();
        try {
            new AanhangselTextReader().read(new SourceDocument(row[0], row[1]), sets::add);
        } catch (ParseException e) {
            throw new AssertionError(e.toString());
        }
        assertEquals(List.of(new org.kvgraph.model.Person("Jansen", "Daniëlle", null, "Nieuw Sociaal Contract")), sets.get(0).askers());
    }

    @Test
    void aWordPostponementNotice() throws IOException {
        String[] row = rows().stream().filter(r -> r[1].startsWith("AH 615")).findFirst().orElseThrow();
        List<QuestionSet> sets = new ArrayList<>();
        try {
            new WordTextReader().read(new SourceDocument(row[0], row[1]), sets::add);
        } catch (ParseException e) {
            throw new AssertionError(e.toString());
        }
        QuestionSet s = sets.get(0);
        assertEquals("2024Z17538", s.caseNumber());
        assertEquals(List.of("Gabriëls", "Bromet"), s.askers().stream().map(org.kvgraph.model.Person::familyName).toList());
        assertEquals(org.kvgraph.model.ResponseKind.POSTPONEMENT, s.responses().get(0).kind());
        assertEquals("ah-tk-20242025-615", s.responses().get(0).publicationId());
        assertEquals(java.time.LocalDate.of(2024, 11, 20), s.responses().get(0).receivedOn());
        assertEquals("Rummenie", s.responses().get(0).signatories().get(0).person().familyName());
    }

    /** A kv-tk question document: its case number, its questions, no response; "Sportover zorg" split again. */
    @Test
    void aQuestionDocument() throws IOException {
        String[] row = rows().stream().filter(r -> r[1].contains("\n2024Z18659\n")).findFirst().orElseThrow();
        List<QuestionSet> sets = new ArrayList<>();
        try {
            new AanhangselTextReader().read(new SourceDocument(row[0], row[1]), sets::add);
        } catch (ParseException e) {
            throw new AssertionError(e.toString());
        }
        QuestionSet s = sets.get(0);
        assertEquals("2024Z18659", s.caseNumber());
        assertEquals(List.of(), s.responses());
        assertEquals("zorg voor zwangere vrouwen en baby's in aanmeldcentrum en AZC's", s.title(), "apostrophes normalised as in every text");
        assertEquals(2, s.addressedTo().size(), s.addressedTo().toString());
        assertEquals(java.time.LocalDate.of(2024, 11, 18), s.submittedOn());
        assertTrue(s.questions().size() >= 2);
        assertEquals(List.of("Slagt-Tichelman", "Piri"), s.askers().stream().map(org.kvgraph.model.Person::familyName).toList());
    }
}
