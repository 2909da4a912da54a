package org.kvgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvgraph.TestGraphs.ask;
import static org.kvgraph.TestGraphs.column;
import static org.kvgraph.TestGraphs.select;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.TestGraphs;

/** The acceptance points of the seed letter (case 2025Z10267), checked on the RDF the converter produces. */
class SeedLetterTest {
    static final String SET = "<https://w3id.org/kvgraph/id/question-set/2025Z10267>";
    static final Path SEED = Path.of("data/seed/000_4eec038f78b129de.txt");
    static Model m;

    @BeforeAll
    static void convert() {
        m = TestGraphs.convert(SEED);
    }

    @Test
    void oneSetWithCaseNumberAndDate() {
        assertEquals(List.of(SET.substring(1, SET.length() - 1)),
                column(m, "SELECT DISTINCT ?s { ?s a kv:QuestionSet ; kv:hasQuestion [] }"));
        assertEquals(List.of("2025Z10267"), column(m, "SELECT ?c { " + SET + " kv:caseNumber ?c }"));
        assertTrue(ask(m, "ASK { " + SET + " kv:submittedOn \"2025-05-22\"^^xsd:date }"));
    }

    @Test
    void askedByThreeCdaMembers() {
        assertEquals(List.of("Bontenbal", "Boswijk", "Krul"),
                column(m, "SELECT ?n { " + SET + " kv:askedBy/foaf:familyName ?n } ORDER BY ?n"));
        assertEquals(List.of("CDA"), column(m, "SELECT ?p { " + SET + " kv:askerParty/skos:prefLabel ?p }"));
        assertEquals(3, column(m, "SELECT ?p { " + SET + " kv:askedBy ?p . ?p org:memberOf/skos:prefLabel 'CDA'@nl }").size());
    }

    @Test
    void sevenQuestionsWithFullText() {
        List<List<String>> rows = select(m, "SELECT ?n ?t { " + SET + " kv:hasQuestion ?q . ?q kv:number ?n ; kv:text ?t } ORDER BY ?n");
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"), rows.stream().map(r -> r.get(0)).toList());
        assertEquals("Klopt het dat de toegang tot de e-mail van de hoofdaanklager van het Internationaal Strafhof (ICC) "
                + "op bevel van de Amerikaanse overheid door Microsoft is afgesloten? Zo ja, wat vindt u hiervan?", rows.get(0).get(1));
        assertEquals("Zo ja, deelt u dat dit een ernstige uitholling van de democratie en haar instituties betekent?", rows.get(5).get(1));
        assertTrue(rows.get(6).get(1).endsWith("Bent u bereid om hiervoor een concrete agenda met de Kamer te delen?"));
    }

    @Test
    void sevenAnswersEachAnsweringItsOwnQuestion() {
        List<List<String>> rows = select(m, "SELECT ?qn (COUNT(?a) AS ?c) { " + SET + " kv:hasResponse/kv:hasAnswer ?a . "
                + "?a kv:answers ?q . ?q kv:number ?qn . " + SET + " kv:hasQuestion ?q } GROUP BY ?qn ORDER BY ?qn");
        assertEquals(7, rows.size());
        for (int i = 0; i < 7; i++) {
            assertEquals(List.of(String.valueOf(i + 1), "1"), rows.get(i));
        }
        assertEquals(7, column(m, "SELECT ?a { ?a a kv:Answer }").size());
    }

    @Test
    void answerSixHasNoFootnoteText() {
        String six = column(m, "SELECT ?t { ?a kv:answers <https://w3id.org/kvgraph/id/question-set/2025Z10267/question/6> ; kv:text ?t }").get(0);
        assertTrue(six.startsWith("Er is momenteel geen sprake"), six);
        assertTrue(six.endsWith("voor de overheid verwacht."), six);
        for (String foot : List.of("Zetelverdrag", "Trb.", "Microsoft Word", "wetten.overheid.nl", "Compendium")) {
            assertFalse(six.contains(foot), foot + " in answer 6: " + six);
        }
    }

    @Test
    void answeredByTwoMembersOfGovernment() {
        List<List<String>> rows = select(m, "SELECT ?name ?given ?family ?office { " + SET + " kv:hasResponse ?r . ?r kv:answeredBy ?p . "
                + "?p foaf:name ?name ; foaf:givenName ?given ; foaf:familyName ?family . ?r kv:answeredAs ?o . ?o skos:prefLabel ?office } ORDER BY ?name ?office");
        assertTrue(rows.contains(List.of("Caspar Veldkamp", "Caspar", "Veldkamp", "minister van Buitenlandse Zaken")), rows.toString());
        assertTrue(rows.contains(List.of("Eddie van Marum", "Eddie", "van Marum",
                "staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties")), rows.toString());
        assertEquals(List.of("Herstel Groningen, Koninkrijksrelaties en Digitalisering"),
                column(m, "SELECT ?p { ?o a kv:Office ; kv:portfolio ?p }"));
        assertEquals(List.of("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "Ministerie van Buitenlandse Zaken"),
                column(m, "SELECT ?l { " + SET + " kv:hasResponse/kv:answeredAs/kv:ministry/skos:prefLabel ?l } ORDER BY ?l"));
    }

    @Test
    void ministryReference() {
        assertEquals(List.of("BZ2516639"), column(m, "SELECT ?r { " + SET + " kv:hasResponse/kv:reference ?r }"));
    }

    @Test
    void questionOneCitesTheNewsArticle() {
        List<List<String>> rows = select(m, "SELECT ?pub ?date ?head ?url { <https://w3id.org/kvgraph/id/question-set/2025Z10267/question/1> kv:cites ?a . "
                + "?a a schema:NewsArticle ; schema:publisher ?pub ; schema:datePublished ?date ; schema:headline ?head ; schema:url ?url }");
        assertEquals(List.of(List.of("Binnenlands Bestuur", "2025-05-19", "Wake-up call: Microsoft sluit e-mail ICC zonder pardon af",
                "https://www.binnenlandsbestuur.nl/digitaal/wake-up-call-microsoft-sluit-e-mail-icc-zonder-pardon-af")), rows);
    }

    @Test
    void answerFourCitesBothTreaties() {
        String a4 = "<https://w3id.org/kvgraph/id/question-set/2025Z10267/answer/4>";
        assertTrue(ask(m, "ASK { " + a4 + " kv:cites ?t . ?t a kv:Treaty ; kv:trbCitation 'Trb. 2007, 125' ; kv:bwbId 'BWBV0002899' ; "
                + "skos:prefLabel ?l FILTER(STRSTARTS(?l, 'Zetelverdrag')) }"));
        assertTrue(ask(m, "ASK { " + a4 + " kv:cites ?t . ?t a kv:Treaty ; "
                + "skos:prefLabel 'Verdrag betreffende de privileges en immuniteiten van het Internationaal Strafhof'@nl }"));
        String text = column(m, "SELECT ?t { " + a4 + " kv:text ?t }").get(0);
        assertTrue(text.contains("het Gastland. Nederland staat"), "footnote marker 1 removed: " + text);
        assertTrue(text.contains("Internationaal Strafhof, waar eveneens"), "footnote marker 2 removed: " + text);
    }

    @Test
    void supplementsTheEarlierSet() {
        String earlier = "<https://w3id.org/kvgraph/id/question-set/2025Z10261>";
        assertTrue(ask(m, "ASK { " + SET + " kv:supplements " + earlier + " . " + earlier + " kv:caseNumber '2025Z10261' ; "
                + "kv:submittedOn '2025-05-22'^^xsd:date }"));
        assertEquals(List.of("Dobbe|SP", "Piri|GroenLinks-PvdA", "Teunissen|PvdD"),
                column(m, "SELECT (CONCAT(?f, '|', ?p) AS ?x) { " + earlier + " kv:askedBy ?m . ?m foaf:familyName ?f ; org:memberOf/skos:prefLabel ?p } ORDER BY ?f"));
    }

    @Test
    void noTextContainsPageFurniture() {
        for (String t : column(m, "SELECT ?t { ?s kv:text ?t }")) {
            for (String furniture : List.of("Pagina ", "Onze referentie", "BZ2516639", "Ministerie van Buitenlandse Zaken Onze",
                    "Toelichting", "1)", "Binnenlands Bestuur")) {
                assertFalse(t.contains(furniture), "\"" + furniture + "\" in " + t);
            }
        }
    }

    @Test
    void theLetterCollapsedOntoOneLineGivesTheSameGraph(@TempDir Path tmp) throws Exception {
        String text = Files.readString(SEED, StandardCharsets.UTF_8);
        String collapsed = text.replaceAll("\\s*\\n\\s*", " ").strip() + "\n";
        assertEquals(1, collapsed.lines().count());
        Path file = tmp.resolve(SEED.getFileName());
        Files.writeString(file, collapsed, StandardCharsets.UTF_8);
        Model fromCollapsed = TestGraphs.convert(file);
        assertTrue(m.isIsomorphicWith(fromCollapsed), "collapsed text converts to the same graph");
    }

    @Test
    void everyResourceSaysWhereItCameFrom() {
        assertEquals(List.of(), column(m, "SELECT DISTINCT ?s { ?s a ?c FILTER(?c != kv:SourceDocument) FILTER NOT EXISTS { ?s prov:wasDerivedFrom ?src } }"));
    }
}
