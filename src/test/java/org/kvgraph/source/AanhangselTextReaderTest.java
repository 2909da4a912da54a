package org.kvgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kvgraph.model.Answer;
import org.kvgraph.model.Citation;
import org.kvgraph.model.Office;
import org.kvgraph.model.Person;
import org.kvgraph.model.Question;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.model.Response;
import org.kvgraph.model.ResponseKind;
import org.kvgraph.model.Signatory;
import org.kvgraph.rdf.RdfMapper;
import org.kvgraph.rdf.Uris;

/** Reads the 23 real Aanhangsel texts under data/aanhangsel and a few broken ones under test resources. */
class AanhangselTextReaderTest {
    private static final Path DATA = Path.of("data/aanhangsel");
    private static final Path BAD = Path.of("src/test/resources/bad/aanhangsel");

    /** Page furniture and extraction debris that must never reach a question's or an answer's text. */
    private static final List<Pattern> FURNITURE = List.of(
            Pattern.compile("Tweede Kamer, vergaderjaar \\d{4}\\s*[–-]\\s*\\d{4}, Aanhangsel"),
            Pattern.compile("Tweede Kamer der Staten-Generaal"),
            Pattern.compile("ISSN"),
            Pattern.compile("[’']s-Gravenhage \\d{4}"),
            Pattern.compile("ah-tk-\\d{8}-\\d+"),
            Pattern.compile("\\bh tk \\d{8}"),
            Pattern.compile("Aanhangsel van de Handelingen\\s*$"),
            Pattern.compile("#"),
            Pattern.compile("\\*\\*"),
            Pattern.compile("-----"),
            Pattern.compile("(^|\\s)_|_(\\s|$)"),
            Pattern.compile("\f"),
            Pattern.compile("\\[\\s*\\d{1,2}(\\s+\\d{1,2})*\\s*\\]"),
            // a footnote marker left behind: digits glued after a question mark, a closing guillemet or a full stop
            // before a space ("zitten»?1 Bent", "Rijksoverheid.3 ")
            Pattern.compile("[?»]\\d{1,2}(\\s|$)"),
            Pattern.compile("\\p{Ll}{3}\\.\\d{1,2}(\\s|$)"),
            Pattern.compile("^(Vraag|Antwoord) \\d"),
            Pattern.compile("\\s{2,}"));

    record Expect(String file, String publicationId, ResponseKind kind, int questions, List<String> askers,
            List<String> addressedTo, List<String> signers, List<String> onBehalfOf, String submitted,
            String received, List<String> seeAlso, String footnoteSnippet) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Expect> samples() {
        return Stream.of(
                new Expect("ah-tk-20222023-3649.txt", "ah-tk-20222023-3649", ResponseKind.ANSWER, 14,
                        List.of("Bromet (GroenLinks)"),
                        List.of("minister van Landbouw, Natuur en Voedselkwaliteit", "minister voor Natuur en Stikstof"),
                        List.of("Van der Wal-Zeggelink | minister voor Natuur en Stikstof"),
                        List.of(), "2023-07-04", "2023-09-14", List.of("ah-tk-20222023-3276"),
                        "Brabants Dagblad"),
                new Expect("ah-tk-20232024-302.txt", "ah-tk-20232024-302", ResponseKind.ANSWER, 9,
                        List.of("Dijk (SP)"),
                        List.of("minister voor Langdurige Zorg en Sport"),
                        List.of("Helder | minister voor Langdurige Zorg en Sport"),
                        List.of(), "2023-10-03", "2023-10-24", List.of(),
                        "Mind Platform"),
                new Expect("pdftotext/00fe7edd-24c8-4857-98da-774ed3b06836.txt", "ah-tk-20232024-1314", ResponseKind.ANSWER, 6,
                        List.of("Mutluer (GroenLinks-PvdA)", "Kostić (PvdD)"),
                        List.of("minister van Onderwijs, Cultuur en Wetenschap"),
                        List.of("Dijkgraaf | minister van Onderwijs, Cultuur en Wetenschap"),
                        List.of(), "2024-03-06", "2024-03-25", List.of(),
                        "Movisie, d.d."),
                new Expect("pdftotext/01b2bcad-7296-43bb-bc44-e727fc69b23f.txt", "ah-tk-20232024-2129", ResponseKind.ANSWER, 9,
                        List.of("Ceder (ChristenUnie)", "Dobbe (SP)"),
                        List.of("minister van Buitenlandse Zaken", "minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"),
                        List.of("Bruins Slot | minister van Buitenlandse Zaken", "Schreinemacher | minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"),
                        List.of(), "2024-06-05", "2024-06-28", List.of(),
                        "Relief Web"),
                new Expect("pdftotext/01bf9f06-42d0-48a6-a85f-12c9c8e14c57.txt", "ah-tk-20232024-1999", ResponseKind.POSTPONEMENT, 3,
                        List.of("Sneller (D66)", "Chakor (GroenLinks-PvdA)", "Van Nispen (SP)"),
                        List.of("minister van Binnenlandse Zaken en Koninkrijksrelaties"),
                        List.of("De Jonge | minister van Binnenlandse Zaken en Koninkrijksrelaties"),
                        List.of(), "2024-05-30", "2024-06-07", List.of(),
                        "De Volkskrant, 28 mei"),
                new Expect("pdftotext/1a2d8959-7ce1-411d-bffe-c78970ae8d6b.txt", "ah-tk-20232024-2210", ResponseKind.ANSWER, 13,
                        List.of("Erkens (VVD)"),
                        List.of("minister van Klimaat en Groene Groei"),
                        List.of("Hermans | minister van Klimaat en Groene Groei"),
                        List.of(), "2024-07-02", "2024-07-23", List.of(),
                        "Bijlage 1 van kamerstuk"),
                new Expect("pdftotext/1a529d02-ba4d-418b-8d6a-5400a4ac07bc.txt", "ah-tk-20232024-2271", ResponseKind.ANSWER, 12,
                        List.of("Westerveld (GroenLinks-PvdA)"),
                        List.of("staatssecretaris van Volksgezondheid, Welzijn en Sport", "minister van Volksgezondheid, Welzijn en Sport"),
                        List.of("Karremans | staatssecretaris van Volksgezondheid, Welzijn en Sport – Jeugd, Preventie en Sport"),
                        List.of(), "2024-06-21", "2024-08-12", List.of("ah-tk-20232024-2147"),
                        "Kamerstukken II, 2023/2024"),
                new Expect("pdftotext/1aa9bd01-68a1-4a4a-a808-5b0183bc217a.txt", "ah-tk-20232024-1076", ResponseKind.ANSWER, 5,
                        List.of("Van Haga (Groep Van Haga)"),
                        List.of("minister van Binnenlandse Zaken en Koninkrijksrelaties", "minister van Justitie en Veiligheid"),
                        List.of("De Jonge | minister van Binnenlandse Zaken en Koninkrijksrelaties"),
                        List.of(), "2023-11-20", "2024-02-20", List.of("ah-tk-20232024-594"),
                        "Hart van Nederland"),
                new Expect("pdftotext/1b0f0b98-7c34-418c-98dc-43de7930e685.txt", "ah-tk-20232024-1786", ResponseKind.ANSWER, 15,
                        List.of("Hirsch (GroenLinks-PvdA)", "Teunissen (PvdA)"),
                        List.of("staatssecretaris van Financiën", "minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"),
                        List.of("Van Rij | staatssecretaris van Financiën – Fiscaliteit en Belastingdienst"),
                        List.of("minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"), "2024-04-04", "2024-05-21", List.of(),
                        "Tweede Kamer, vergaderjaar 2017"),
                new Expect("pdftotext/1b26915f-b542-4707-8495-b5c21f0edfe1.txt", "ah-tk-20232024-1771", ResponseKind.ANSWER, 6,
                        List.of("Van Nispen (SP)"),
                        List.of("minister van Justitie en Veiligheid", "staatssecretaris van Infrastructuur en Waterstaat"),
                        List.of("Heijnen | staatssecretaris van Infrastructuur en Waterstaat"),
                        List.of("minister van Justitie en Veiligheid"), "2024-03-29", "2024-05-17", List.of(),
                        "Accord Européen"),
                new Expect("pdftotext/1b2d2126-a21e-4c3e-9b18-42206b4cc791.txt", "ah-tk-20232024-2367", ResponseKind.ANSWER, 12,
                        List.of("Van der Lee (GroenLinks-PvdA)"),
                        List.of("minister van Financiën"),
                        List.of("Heinen | minister van Financiën"),
                        List.of(), "2024-06-28", "2024-08-29", List.of(),
                        "NRC.nl, 26 juni"),
                new Expect("pdftotext/1b38043f-a835-4a63-a135-42c593d3ba77.txt", "ah-tk-20232024-1292", ResponseKind.ANSWER, 10,
                        List.of("Keijzer (BBB)"),
                        List.of("minister van Binnenlandse Zaken en Koninkrijksrelaties"),
                        List.of("De Jonge | minister van Binnenlandse Zaken en Koninkrijksrelaties"),
                        List.of(), "2024-03-11", "2024-03-21", List.of(),
                        "Overheid.nl"),
                new Expect("pdftotext/1b62ee8d-e406-4042-b7f5-7e235f7bd1c0.txt", "ah-tk-20232024-1432", ResponseKind.ANSWER, 6,
                        List.of("Van Zanten (BBB)"),
                        List.of("staatssecretaris van Onderwijs, Cultuur en Wetenschap"),
                        List.of("Gräper-van Koolwijk | staatssecretaris van Onderwijs, Cultuur en Wetenschap"),
                        List.of(), "2024-03-07", "2024-04-05", List.of("ah-tk-20232024-1379"),
                        "bis: culturele basisinfrastructuur"),
                new Expect("pdftotext/1b650dd7-71d6-4b8f-8625-36c000046742.txt", "ah-tk-20232024-1481", ResponseKind.ANSWER, 6,
                        List.of("Koekkoek (Volt)"),
                        List.of("staatssecretaris van Volksgezondheid, Welzijn en Sport", "staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"),
                        List.of("Van Huffelen | staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"),
                        List.of("staatssecretaris van Volksgezondheid, Welzijn en Sport", "staatssecretaris van Justitie en Veiligheid"), "2024-02-12", "2024-04-11", List.of("ah-tk-20232024-1137"),
                        "Kamerstukken II 2023/24"),
                new Expect("pdftotext/1b922783-f576-4df5-a031-ad0063d2afd4.txt", "ah-tk-20232024-2395", ResponseKind.ANSWER, 5,
                        List.of("Crijns (PVV)"),
                        List.of("staatssecretaris van Volksgezondheid, Welzijn en Sport"),
                        List.of("Karremans | staatssecretaris van Volksgezondheid, Welzijn en Sport"),
                        List.of(), "2024-08-15", "2024-08-30", List.of(),
                        "TK 2023/24"),
                new Expect("pdftotext/1bb0809b-f36a-48b7-9ef9-a96ed52c5b6d.txt", "ah-tk-20232024-1949", ResponseKind.ANSWER, 5,
                        List.of("Faber-van de Klashorst (PVV)"),
                        List.of("minister van Justitie en Veiligheid"),
                        List.of("Yeşilgöz-Zegerius | minister van Justitie en Veiligheid"),
                        List.of("minister voor Rechtsbescherming"), "2024-05-06", "2024-06-11", List.of("ah-tk-20232024-1843"),
                        "Regio Purmerend"),
                new Expect("pdftotext/1bca1484-2edb-43d1-913f-de5022c9a02b.txt", "ah-tk-20232024-2313", ResponseKind.ANSWER, 10,
                        List.of("Bushoff (GroenLinks-PvdA)", "Patijn (GroenLinks-PvdA)"),
                        List.of("minister van Sociale Zaken en Werkgelegenheid", "minister van Volksgezondheid, Welzijn en Sport"),
                        List.of("Van Hijum | minister van Sociale Zaken en Werkgelegenheid"),
                        List.of("minister van Volksgezondheid, Welzijn en Sport"), "2024-07-05", "2024-08-22", List.of("ah-tk-20232024-2166"),
                        "EenVandaag, 1 juli"),
                new Expect("pdftotext/1bd47dc8-229e-4a1a-a405-8e2672436e1f.txt", "ah-tk-20232024-1893", ResponseKind.ANSWER, 7,
                        List.of("Klaver (GroenLinks-PvdA)"),
                        List.of("minister van Buitenlandse Zaken"),
                        List.of("Bruins Slot | minister van Buitenlandse Zaken"),
                        List.of(), "2024-04-18", "2024-06-03", List.of(),
                        "NRC, 16 april"),
                new Expect("pdftotext/1c0f765c-d7b4-455e-a241-35a4e9a9dc36.txt", "ah-tk-20232024-1178", ResponseKind.ANSWER, 9,
                        List.of("Sneller (D66)"),
                        List.of("staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties", "minister van Justitie en Veiligheid"),
                        List.of("Van Huffelen | staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"),
                        List.of(), "2024-01-16", "2024-03-07", List.of("ah-tk-20232024-1028"),
                        "CSRC (nist.gov)"),
                new Expect("pdftotext/1c7587f8-1c7c-4912-9319-290e19c99d85.txt", "ah-tk-20232024-1980", ResponseKind.ANSWER, 6,
                        List.of("Dobbe (SP)"),
                        List.of("minister van Volksgezondheid, Welzijn en Sport"),
                        List.of("Helder | minister van Volksgezondheid, Welzijn en Sport"),
                        List.of(), "2024-05-07", "2024-06-13", List.of("ah-tk-20232024-1848"),
                        "Kamerstukken II 2023–34"),
                new Expect("pdftotext/1c83f4f5-0047-4b11-8051-e11def445937.txt", "ah-tk-20232024-1984", ResponseKind.ANSWER, 11,
                        List.of("Van Eijk (VVD)", "Aartsen (VVD)"),
                        List.of("staatssecretaris van Financiën", "minister van Sociale Zaken en Werkgelegenheid"),
                        List.of("Van Rij | staatssecretaris van Financiën – Fiscaliteit en Belastingdienst"),
                        List.of("minister van Sociale Zaken en Werkgelegenheid"), "2024-05-29", "2024-06-14", List.of(),
                        "Besluit Fiscaal Bestuursrecht"),
                new Expect("pdftotext/1cf0c343-2da4-429d-8a6d-729da6008af1.txt", "ah-tk-20232024-2168", ResponseKind.ANSWER, 10,
                        List.of("Erkens (VVD)"),
                        List.of("minister voor Klimaat en Energie"),
                        List.of("Hermans | minister van Klimaat en Groene Groei"),
                        List.of(), "2024-06-18", "2024-07-17", List.of(),
                        "Financieel Dagblad"),
                new Expect("pdftotext/1dac45ca-7591-47a6-877d-9b549c18500a.txt", "ah-tk-20232024-878", ResponseKind.ANSWER, 7,
                        List.of("Inge van Dijk (CDA)"),
                        List.of("staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"),
                        List.of("Van Huffelen | staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"),
                        List.of(), "2023-12-13", "2024-01-26", List.of(),
                        "Trouw, 12 december"));
    }

    static QuestionSet read(String file) throws ParseException, IOException {
        Path path = DATA.resolve(file);
        SourceDocument doc = SourceDocument.read(path, path.toString());
        AanhangselTextReader reader = new AanhangselTextReader();
        assertTrue(reader.accepts(doc), file + " is not recognised as an Aanhangsel text");
        List<QuestionSet> sets = new ArrayList<>();
        reader.read(doc, sets::add);
        assertEquals(1, sets.size(), "one question set per document");
        return sets.get(0);
    }

    @Test
    void everySampleIsListed() throws IOException {
        Set<String> listed = samples().map(Expect::file).collect(Collectors.toSet());
        Set<String> onDisk = new HashSet<>();
        try (Stream<Path> walk = Files.walk(DATA)) {
            walk.filter(p -> p.toString().endsWith(".txt"))
                    .forEach(p -> onDisk.add(DATA.relativize(p).toString().replace('\\', '/')));
        }
        assertEquals(23, onDisk.size());
        assertEquals(onDisk, listed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void readsSample(Expect e) throws Exception {
        QuestionSet set = read(e.file());
        List<String> source = Files.readAllLines(DATA.resolve(e.file()));
        Response r = set.responses().get(0);
        assertEquals(1, set.responses().size());
        assertEquals(e.publicationId(), r.publicationId());
        assertEquals(e.publicationId(), set.key());
        assertEquals(e.kind(), r.kind());

        // Header: askers, offices, title, dates, signers, "mede namens", "Zie ook".
        assertEquals(e.askers(), set.askers().stream().map(AanhangselTextReaderTest::asker).toList());
        set.askers().forEach(p -> assertTrue(p.party() != null && !p.party().isBlank()));
        assertEquals(e.addressedTo(), set.addressedTo().stream().map(Office::label).toList());
        assertEquals(e.signers(), r.signatories().stream().map(AanhangselTextReaderTest::signer).toList());
        assertEquals(e.onBehalfOf(), r.onBehalfOf().stream().map(Office::label).toList());
        assertEquals(LocalDate.parse(e.submitted()), set.submittedOn());
        assertEquals(LocalDate.parse(e.received()), r.receivedOn());
        assertEquals(e.seeAlso(), r.seeAlso().stream().map(Citation.AanhangselAnswer::publicationId).toList());
        assertTrue(set.title() != null && set.title().length() > 5, "title");
        assertFalse(set.title().startsWith("over "), set.title());
        assertFalse(set.title().contains("ingezonden"), set.title());
        assertTrue(source.get(set.source().line() - 1).contains("Vragen van"), "set location");
        assertTrue(source.get(r.at().line() - 1).matches(".*(Antwoord|Mededeling) van.*"), "response location");

        // Questions 1..n, each once, in order, with clean text, at their heading.
        List<Integer> numbers = set.questions().stream().map(Question::number).toList();
        assertEquals(IntStream.rangeClosed(1, e.questions()).boxed().toList(), numbers);
        for (Question q : set.questions()) {
            assertClean(e, "question " + q.number(), q.text());
            assertEquals(DATA.resolve(e.file()).toString(), q.at().file());
            String heading = source.get(q.at().line() - 1);
            assertTrue(heading.contains("Vraag") && heading.contains(String.valueOf(q.number()))
                    || inferred(e, q), "question " + q.number() + " is not at its heading: " + heading);
        }
        // Answers answer existing questions; an answer set answers every question.
        Set<Integer> answered = new HashSet<>();
        for (Answer a : r.answers()) {
            assertClean(e, "answer " + a.questionNumbers(), a.text());
            assertTrue(numbers.containsAll(a.questionNumbers()), "answer to unknown question " + a.questionNumbers());
            String heading = source.get(a.at().line() - 1);
            assertTrue(heading.contains("Antwoord " + a.firstQuestion()), heading);
            answered.addAll(a.questionNumbers());
        }
        if (e.kind() == ResponseKind.ANSWER) {
            assertEquals(new HashSet<>(numbers), answered, "every question is answered");
        } else {
            assertTrue(r.answers().isEmpty());
        }
        // Footnotes were read: something cites, and no footnote text is left in the body.
        long cited = Stream.concat(set.questions().stream().map(Question::citations),
                r.answers().stream().map(Answer::citations)).mapToLong(List::size).sum();
        // (1c83f4f5's three footnotes name no paper, article or address.)
        assertTrue(cited > 0 || e.file().contains("1c83f4f5"), "no citations read from the footnotes");

        // The records map to RDF: every cited address is a valid IRI, the set has its key.
        List<Triple> triples = new ArrayList<>();
        new RdfMapper(new Uris(Uris.DEFAULT_BASE), new StreamRDFBase() {
            @Override
            public void triple(Triple triple) {
                triples.add(triple);
            }
        }, false).questionSet(set);
        assertTrue(triples.size() > 50, "few triples: " + triples.size());
    }

    /** Question 2 of 302 has its heading lost at a page break. */
    private static boolean inferred(Expect e, Question q) {
        return e.file().endsWith("302.txt") && q.number() == 2;
    }

    private static void assertClean(Expect e, String what, String text) {
        assertTrue(text != null && !text.isBlank(), what + " has no text");
        for (Pattern p : FURNITURE) {
            assertFalse(p.matcher(text).find(), what + " contains \"" + p + "\": " + text);
        }
        assertFalse(text.contains(e.footnoteSnippet()), what + " contains footnote text: " + text);
        assertFalse(text.contains("«Dit is zo krom»»"), what);
    }

    private static String asker(Person p) {
        return (p.givenName() == null ? "" : p.givenName() + " ") + p.familyName() + " (" + p.party() + ")";
    }

    private static String signer(Signatory s) {
        assertNull(s.person().party());
        Office o = s.office();
        return s.person().familyName() + " | " + o.label() + (o.portfolio() == null ? "" : " – " + o.portfolio());
    }

    private static Question question(QuestionSet set, int n) {
        return set.questions().stream().filter(q -> q.number() == n).findFirst().orElseThrow();
    }

    private static Answer answer(QuestionSet set, int n) {
        return set.responses().get(0).answers().stream().filter(a -> a.questionNumbers().contains(n)).findFirst()
                .orElseThrow();
    }

    // ------------------------------------------------------------------ precise expectations

    @Test
    void bromet3649() throws Exception {
        QuestionSet set = read("ah-tk-20222023-3649.txt");
        Response r = set.responses().get(0);
        assertEquals(List.of(Person.member("Bromet", "GroenLinks")), set.askers());
        assertEquals(List.of(new Office("minister", "van", "Landbouw, Natuur en Voedselkwaliteit", null),
                new Office("minister", "voor", "Natuur en Stikstof", null)), set.addressedTo());
        assertEquals("het bericht «Verguisde stalvloer tegen stikstofuitstoot kan stoppende boer in de weg zitten»",
                set.title());
        assertEquals(List.of(new Signatory(new Person("Van der Wal-Zeggelink", null, null, null),
                new Office("minister", "voor", "Natuur en Stikstof", null))), r.signatories());
        assertEquals(LocalDate.of(2023, 7, 4), set.submittedOn());
        assertEquals(LocalDate.of(2023, 9, 14), r.receivedOn());
        assertEquals(List.of(new Citation.AanhangselAnswer("20222023", "3276")), r.seeAlso());
        assertEquals(14, set.questions().size());
        assertEquals(14, r.answers().size());

        Question q1 = question(set, 1);
        assertEquals("Kent u het bericht «Verguisde stalvloer tegen stikstofuitstoot kan stoppende boer in de weg "
                + "zitten»?", q1.text());
        assertEquals(14, q1.at().line());
        assertEquals(List.of(new Citation.NewsArticle("Brabants Dagblad", LocalDate.of(2023, 7, 2),
                "Verguisde stalvloer tegen stikstofuitstoot kan stoppende boer in de weg zitten: «Dit is zo krom»",
                "https://www.bd.nl/binnenland/verguisde-stalvloer-tegen-stikstofuitstoot-kan-stoppende-boer-in-de-weg"
                        + "-zitten-dit-is-zo-krom~a1b2a0fc/?cb=dbaa9fe0cf5ce3793898530f1307b5d2&auth_rd=1")),
                q1.citations());
        Citation kst406 = new Citation.ParliamentaryPaper("29383", "406");
        assertEquals(List.of(kst406), answer(set, 3).citations());
        assertEquals(List.of(kst406), answer(set, 7).citations());
        assertEquals(List.of(new Citation.AanhangselAnswer("20222023", "844"),
                new Citation.ParliamentaryPaper("29383", "384")), answer(set, 14).citations());
        // The marker alone on a line ("2023" / "2 " / "is aangegeven") and at a line's start ("4 is de").
        assertTrue(answer(set, 3).text().contains("In de Kamerbrief van 30 juni 2023 is aangegeven dat"),
                answer(set, 3).text());
        assertTrue(answer(set, 14).text().contains("het lid Bromet (GL) is de problematiek"), answer(set, 14).text());
        assertTrue(answer(set, 14).text().contains("onderzoek van WUR is gebleken"), answer(set, 14).text());
        // A heading glued to the page footer ("…Aanhangsel 1Antwoord 3") is still a heading, at its line.
        assertEquals(33, answer(set, 3).at().line());
        assertTrue(answer(set, 3).text().startsWith("Binnen het kader van de aanpak piekbelasting"));
        assertTrue(answer(set, 1).citations().isEmpty());
        assertEquals("Ja.", answer(set, 1).text());
    }

    @Test
    void dijk302() throws Exception {
        QuestionSet set = read("ah-tk-20232024-302.txt");
        Response r = set.responses().get(0);
        assertEquals(List.of(Person.member("Dijk", "SP")), set.askers());
        Office lzs = new Office("minister", "voor", "Langdurige Zorg en Sport", null);
        assertEquals(List.of(lzs), set.addressedTo());
        assertEquals(List.of(new Signatory(new Person("Helder", null, null, null), lzs)), r.signatories());
        assertEquals(9, set.questions().size());
        assertTrue(set.title().startsWith("antwoord op de vragen inzake de uitzending «Het geheim van de spreekkamer»"));
        assertTrue(set.title().endsWith("niet geïnformeerd over gegevensdeling met de NZa"), set.title());
        // Question 2 lost its heading at the page break: inferred from "Antwoord 2", from the text after the break.
        Question q2 = question(set, 2);
        assertEquals("van een zogeheten privacyverklaring voor cliënten in de ggz (geestelijke gezondheidszorg) "
                + "algemeen bekend is? Zo ja, op basis van welke gegevens baseert de NZa dit, aangezien zij niet "
                + "monitort hoe goed ggz-patiënten bekend zijn met de privacyverklaring in de ggz?", q2.text());
        assertEquals(57, q2.at().line());
        assertTrue(answer(set, 1).text().endsWith("gegevens met de NZa worden gedeeld."), answer(set, 1).text());
        assertEquals(List.of(new Citation.AanhangselAnswer("20232024", "76")), question(set, 1).citations());
        assertEquals(List.of(new Citation.WebPage("https://puc.overheid.nl/nza/doc/PUC_743104_22/1/")),
                answer(set, 1).citations());
        assertTrue(question(set, 1).text().endsWith("een zogeheten privacyverklaring in te vullen?"));
        // Answer 7 continues after the page break, up to "Vraag 8"; its marker [10] is gone.
        String a7 = answer(set, 7).text();
        assertTrue(a7.startsWith("Hiervoor zijn meerdere redenen."), a7);
        assertTrue(a7.endsWith("is een brede aanpak nodig. programma Mentaal welzijn van ons allemaal en het "
                + "programma Toekomstbestendige Arbeidsmarkt Zorg & Welzijn (TAZ)."), a7);
        assertFalse(a7.contains("Zie de onderzoekscijfers"));
        assertTrue(question(set, 6).citations().contains(new Citation.ParliamentaryPaper("25424", "650")));
        assertTrue(question(set, 3).text().startsWith("Klopt het dat bij het ondertekenen"));
        assertTrue(question(set, 6).text().contains("over het zorgprestatiemodel en de zorgvraagtypering het argument"));
        // Italics markers of the markdown are gone, inner underscores of URLs are not touched.
        assertTrue(answer(set, 6).text().contains("draagt bij aan een goede ggz, die toegankelijk is voor iedereen"));
    }

    @Test
    void mutluerKostic1314() throws Exception {
        QuestionSet set = read("pdftotext/00fe7edd-24c8-4857-98da-774ed3b06836.txt");
        assertEquals(List.of(Person.member("Mutluer", "GroenLinks-PvdA"), Person.member("Kostić", "PvdD")),
                set.askers());
        assertEquals("Kostić", set.askers().get(1).familyName()); // NFC: one code point for ć
        assertEquals(6, set.askers().get(1).familyName().length());
        // "Vraag 3, 4 en 5": one text, one question per number; "Antwoord 3, 4 en 5" answers all three.
        Question q3 = question(set, 3);
        for (int n = 3; n <= 5; n++) {
            assertEquals(q3.text(), question(set, n).text());
            assertEquals(35, question(set, n).at().line());
        }
        assertTrue(q3.text().startsWith("Deelt u de mening dat als een provincie"));
        assertTrue(q3.text().contains("hoe die rol wel kan worden ingevuld? Zo nee, waarom niet? Kent u de "
                + "Inventarisatie Regenboogbeleid Regenboogprovincies? Zo ja"), q3.text());
        assertEquals(List.of(3, 4, 5), answer(set, 4).questionNumbers());
        assertEquals(List.of(new Citation.NewsArticle("NOS", LocalDate.of(2024, 3, 1),
                "Kritiek op besluit provincie Friesland tegen actief regenboogbeleid",
                "https://nos.nl/artikel/2510977-kritiek-op-besluit-provincie-friesland-tegen-actief-regenboogbeleid")),
                question(set, 1).citations());
        assertEquals("Heeft u kennisgenomen van het artikel «Kritiek op besluit provincie Friesland tegen actief "
                + "regenboogbeleid»?", question(set, 1).text());
        // The URL broken over three lines is one URL again.
        assertEquals(List.of(new Citation.WebPage("https://www.movisie.nl/sites/movisie.nl/files/2022-03/"
                + "220315_%20Regenboogbeleid%20provincies%202022.pdf")), q3.citations());
        // The table in answer 6 stays in the answer; its cells are not taken for footnote 2.
        String a6 = answer(set, 6).text();
        assertTrue(a6.contains("Geslacht(Trans) Seksuele gerichtheid 2 10 3 14 6 34 TOTAAL 12 17 40"), a6);
        assertTrue(a6.endsWith("Meldingen in 2021 Meldingen in 2022 Meldingen in 2023 66 73 74"), a6);
    }

    @Test
    void twoSigners2129() throws Exception {
        QuestionSet set = read("pdftotext/01b2bcad-7296-43bb-bc44-e727fc69b23f.txt");
        Response r = set.responses().get(0);
        assertEquals(List.of(
                new Signatory(new Person("Bruins Slot", null, null, null),
                        new Office("minister", "van", "Buitenlandse Zaken", null)),
                new Signatory(new Person("Schreinemacher", null, null, null),
                        new Office("minister", "voor", "Buitenlandse Handel en Ontwikkelingssamenwerking", null))),
                r.signatories());
        // Answer 2 runs on over the page break; the footnote between is not part of it.
        assertTrue(answer(set, 2).text().endsWith("De bijdrage van ECHO, het humanitaire programma van de EU, voor "
                + "Jemen wordt jaarlijks vastgesteld. In 2024 is die bijdrage 125 miljoen euro."), answer(set, 2).text());
        // A marker glued to a year: "14 juli 20235 waarin".
        assertTrue(answer(set, 8).text().contains("de Kamerbrief van 14 juli 2023 waarin"), answer(set, 8).text());
        assertEquals(List.of(new Citation.ParliamentaryPaper("22054", "395")), answer(set, 8).citations());
        assertEquals(List.of(new Citation.ParliamentaryPaper("21501-02", "2498"), new Citation.WebPage(
                "https://www.tweedekamer.nl/kamerstukken/moties/detail?id=2022D25169&did=2022D25169")),
                question(set, 5).citations());
    }

    @Test
    void postponement1999() throws Exception {
        QuestionSet set = read("pdftotext/01bf9f06-42d0-48a6-a85f-12c9c8e14c57.txt");
        Response r = set.responses().get(0);
        assertEquals(ResponseKind.POSTPONEMENT, r.kind());
        assertEquals(LocalDate.of(2024, 6, 7), r.receivedOn()); // "(ontvangen (ontvangen 7 juni 2024)"
        assertTrue(r.answers().isEmpty());
        assertEquals(3, set.questions().size());
        assertEquals("Klopt het bericht dat ambtenaren van het Ministerie van Binnenlandse Zaken een juridische "
                + "analyse hebben gemaakt van het hoofdlijnenakkoord? Zo ja, kunt u deze analyse op zo kort mogelijke "
                + "termijn met de Kamer delen op basis van artikel 68 Grondwet?", question(set, 1).text());
        assertFalse(question(set, 3).text().contains("Mededeling"));
        assertFalse(question(set, 3).text().contains("beantwoord middels een brief"));
        assertEquals("juridische analyse(s) van het hoofdlijnenakkoord", set.title());
        // The notice says the questions were answered by letter 36 471, nr. 64.
        assertEquals(List.of(new Citation.ParliamentaryPaper("36471", "64")), r.citations());
        assertEquals(List.of(new Citation.NewsArticle("De Volkskrant", LocalDate.of(2024, 5, 28), null,
                "https://www.volkskrant.nl/nieuws-achtergrond/ambtenaren-zien-nog-veeljuridische-hobbels-richting-"
                        + "regeerprogramma~bc49ab66/")), question(set, 1).citations());
    }

    @Test
    void askersWithBeiden() throws Exception {
        assertEquals(List.of(Person.member("Van Eijk", "VVD"), Person.member("Aartsen", "VVD")),
                read("pdftotext/1c83f4f5-0047-4b11-8051-e11def445937.txt").askers());
        assertEquals(List.of(Person.member("Bushoff", "GroenLinks-PvdA"), Person.member("Patijn", "GroenLinks-PvdA")),
                read("pdftotext/1bca1484-2edb-43d1-913f-de5022c9a02b.txt").askers());
        assertEquals(List.of(new Person("van Dijk", "Inge", null, "CDA")),
                read("pdftotext/1dac45ca-7591-47a6-877d-9b549c18500a.txt").askers());
        assertEquals(List.of(Person.member("Faber-van de Klashorst", "PVV")),
                read("pdftotext/1bb0809b-f36a-48b7-9ef9-a96ed52c5b6d.txt").askers());
        assertEquals(List.of(Person.member("Van der Lee", "GroenLinks-PvdA")),
                read("pdftotext/1b2d2126-a21e-4c3e-9b18-42206b4cc791.txt").askers());
    }

    @Test
    void partyEndingInDigitsIsNoFootnoteMarker() throws Exception {
        // "(JA21)" in the header of a set without footnotes: not "JA2" and marker 1.
        String text = "#### Vergaderjaar 2020–2021 Aanhangsel van de Handelingen\n\n### 42\n\n"
                + "Vragen van het lid Eerdmans (JA21) aan de Minister van Financiën over de belastingdienst "
                + "(ingezonden 2 februari 2021).\n\nAntwoord van Minister Hoekstra (Financiën) (ontvangen 22 februari 2021).\n\n"
                + "Vraag 1\nHoe gaat het?\n\nAntwoord 1\nGoed.\n\n-----\n";
        List<QuestionSet> sets = new ArrayList<>();
        new AanhangselTextReader().read(new SourceDocument("ja21.txt", text), sets::add);
        assertEquals(List.of(Person.member("Eerdmans", "JA21")), sets.get(0).askers());
    }

    @Test
    void combinedHeadingsAndLists() throws Exception {
        QuestionSet set = read("pdftotext/1b2d2126-a21e-4c3e-9b18-42206b4cc791.txt");
        assertEquals(List.of(7, 8, 9, 10, 11), answer(set, 7).questionNumbers()); // "Antwoord 7, 8, 9 10 en 11"
        assertEquals(question(set, 7).text(), question(set, 11).text());
        assertEquals(List.of(3, 4, 5, 6), answer(set, 3).questionNumbers());
        QuestionSet separate = read("pdftotext/1b650dd7-71d6-4b8f-8625-36c000046742.txt");
        assertFalse(question(separate, 5).text().equals(question(separate, 6).text()));
        assertEquals(List.of(5, 6), answer(separate, 6).questionNumbers()); // "Antwoord 5 en 6"
        // "gesproken.3Toekomstige": a marker glued to the next sentence.
        assertTrue(answer(separate, 2).text().contains("gesproken. Toekomstige")
                || answer(separate, 2).text().contains("gesproken.Toekomstige"), answer(separate, 2).text());
        assertEquals(List.of(new Citation.ParliamentaryPaper("36410-IV", "15"),
                new Citation.ParliamentaryPaper("36410-IV", "49")), answer(separate, 2).citations());
    }

    @Test
    void footnotesOutOfOrder() throws Exception {
        // pdftotext puts a number after the text of the footnote before it, or stacks numbers before their texts.
        QuestionSet set = read("pdftotext/1a529d02-ba4d-418b-8d6a-5400a4ac07bc.txt");
        List<Citation> all = new ArrayList<>();
        set.responses().get(0).answers().forEach(a -> all.addAll(a.citations()));
        assertTrue(all.contains(new Citation.ParliamentaryPaper("31839", "874")), all.toString());
        assertTrue(all.contains(new Citation.ParliamentaryPaper("32793", "613")), all.toString());
        QuestionSet stacked = read("pdftotext/1c7587f8-1c7c-4912-9319-290e19c99d85.txt");
        // "5" and "6" stacked before their two one-line texts: 5 is in answer 2, 6 in answer 3.
        assertEquals(List.of(new Citation.ParliamentaryPaper("23235", "240")), answer(stacked, 2).citations());
        assertEquals(List.of(new Citation.ParliamentaryPaper("34104", "128")), answer(stacked, 3).citations());
        assertTrue(answer(stacked, 5).citations().contains(new Citation.ParliamentaryPaper("29509", "80")));
        // "10" / text 10 / text 11 / "12" … "11": the late number takes the last line of footnote 10.
        QuestionSet late = read("pdftotext/1b0f0b98-7c34-418c-98dc-43de7930e685.txt");
        assertEquals(List.of(new Citation.ParliamentaryPaper("26485", "267")), question(late, 12).citations());
        assertEquals(List.of(new Citation.ParliamentaryPaper("26485", "380")), question(late, 13).citations());
        assertTrue(question(late, 13).text().endsWith("van het mvo-beleid uit 2021? Waarom niet?"));
        assertTrue(answer(late, 13).text().contains("het mvo-beleid dat gold vanaf 2018. Hierbij"));
        QuestionSet nis = read("pdftotext/1c0f765c-d7b4-455e-a241-35a4e9a9dc36.txt");
        assertTrue(answer(nis, 4).text().contains("Zo geeft NIS2 (Network and Information Security Directive)"),
                answer(nis, 4).text());
        assertTrue(answer(nis, 7).text().contains("(CRYSTALS-KYBER) om"), answer(nis, 7).text());
    }

    @Test
    void theConverterPicksThisReader() throws Exception {
        List<QuestionSet> sets = org.kvgraph.convert.Converter.read(DATA.resolve("ah-tk-20232024-302.txt"));
        assertEquals(1, sets.size());
        assertEquals("ah-tk-20232024-302", sets.get(0).key());
    }

    @Test
    void ministryNameThatLostItsComma() throws Exception {
        QuestionSet set = read("pdftotext/1b922783-f576-4df5-a031-ad0063d2afd4.txt");
        assertEquals(List.of(new Office("staatssecretaris", "van", "Volksgezondheid, Welzijn en Sport", null)),
                set.addressedTo());
    }

    @Test
    void acceptsTheLayoutOnly() {
        AanhangselTextReader reader = new AanhangselTextReader();
        assertTrue(reader.accepts(new SourceDocument("x", "Vragen van het lid Dijk (SP) aan de Minister van "
                + "Financiën over iets (ingezonden 3 oktober 2023).\n")));
        assertFalse(reader.accepts(new SourceDocument("x", "Geachte voorzitter,\nHierbij bied ik u de antwoorden "
                + "aan op de vragen van het lid Dijk.\n")));
        // A ministry letter citing an Aanhangsel answer in a footnote, and a note about the samples.
        assertFalse(reader.accepts(new SourceDocument("x", "Geachte voorzitter,\nDeze vragen werden ingezonden op "
                + "22 mei 2025.\n1 Aanhangsel van de Handelingen, vergaderjaar 2023–2024, nr. 76\n")));
        assertFalse(reader.accepts(new SourceDocument("x", "# Samples\nTexts of the \"Aanhangsel van de "
                + "Handelingen\" layout.\n")));
    }

    @Test
    void infersAQuestionLostAtAPageBreak() throws Exception {
        Path path = Path.of("src/test/resources/good/aanhangsel/lost-heading.txt");
        List<QuestionSet> sets = new ArrayList<>();
        new AanhangselTextReader().read(SourceDocument.read(path, path.toString()), sets::add);
        QuestionSet set = sets.get(0);
        assertEquals("Waarom is dat zo? En wanneer verandert het?", question(set, 2).text());
        assertEquals(11, question(set, 2).at().line());
        assertEquals("Omdat het zo is.", answer(set, 1).text());
        assertEquals("ah-tk-20232024-5", set.responses().get(0).publicationId());
    }

    @Test
    void rawTextMarkersOnTheirOwnLines() throws Exception {
        String text = String.join("\n", "Vergaderjaar 2022–2023  Aanhangsel van de Handelingen",
                "Vragen gesteld door de leden der Kamer, met de daarop door de", "regering gegeven antwoorden", "7",
                "Vragen van het lid Bromet (GroenLinks) aan de Minister van Financiën over geld (ingezonden 4 juli 2023).",
                "Antwoord van Minister Kaag (Financiën) (ontvangen 14 september 2023).",
                "Vraag 1", "Kent u het bericht van", "1 december 2022 over geld?", "1 ", "Antwoord 1",
                "Ja, zie de brief", "2 waarin dat staat.", "1Kamerstuk 29 383, nr. 406.", "2Kamerstuk 29 383, nr. 407.",
                "Tweede Kamer, vergaderjaar 2022–2023, Aanhangsel 1", "");
        List<QuestionSet> sets = new ArrayList<>();
        new AanhangselTextReader().read(new SourceDocument("raw.txt", text), sets::add);
        QuestionSet set = sets.get(0);
        assertEquals("Kent u het bericht van 1 december 2022 over geld?", question(set, 1).text());
        assertEquals(List.of(new Citation.ParliamentaryPaper("29383", "406")), question(set, 1).citations());
        assertEquals("Ja, zie de brief waarin dat staat.", answer(set, 1).text());
        assertEquals(List.of(new Citation.ParliamentaryPaper("29383", "407")), answer(set, 1).citations());
        assertEquals("ah-tk-20222023-7", set.key());
    }

    // ------------------------------------------------------------------ broken input

    /** The cases of src/test/resources/bad/aanhangsel/expected.tsv: file, line, a substring of the reason. */
    static Stream<Arguments> badInputs() throws IOException {
        return Files.readAllLines(BAD.resolve("expected.tsv"), java.nio.charset.StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("\t"))
                .map(f -> Arguments.of(f[0], Integer.parseInt(f[1]), f[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void refusesBrokenInput(String file, int line, String reason) throws Exception {
        Path path = BAD.resolve(file);
        SourceDocument doc = SourceDocument.read(path, path.toString());
        assertTrue(new AanhangselTextReader().accepts(doc), file + " should look like an Aanhangsel text");
        List<QuestionSet> pushed = new ArrayList<>();
        ParseException e = assertThrows(ParseException.class, () -> new AanhangselTextReader().read(doc, pushed::add));
        assertTrue(e.reason().contains(reason), "reason was: " + e.reason());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(path.toString(), e.file());
        assertTrue(e.getMessage().startsWith(path + ":" + line + ": "), e.getMessage());
        assertTrue(pushed.isEmpty(), "nothing is pushed for a broken document");
    }

    @Test
    void badInputsAreAllUsed() throws IOException {
        Set<String> used = badInputs().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(BAD)) {
            files.forEach(p -> {
                if (!used.contains(p.getFileName().toString()) && !p.getFileName().toString().equals("expected.tsv")) {
                    fail("unused bad input " + p);
                }
            });
        }
    }
}
