package org.kvgraph.timeliness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.kvgraph.TestGraphs;
import org.kvgraph.convert.Converter;
import org.kvgraph.model.Answer;
import org.kvgraph.model.Location;
import org.kvgraph.model.Office;
import org.kvgraph.model.Person;
import org.kvgraph.model.Question;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.model.Response;
import org.kvgraph.model.ResponseKind;
import org.kvgraph.model.Signatory;
import org.kvgraph.rdf.KV;
import org.kvgraph.rdf.RdfMapper;
import org.kvgraph.rdf.Uris;
import org.kvgraph.timeliness.Timeliness.Facts;
import org.kvgraph.timeliness.Timeliness.Status;
import org.kvgraph.validate.Validator;

/** The answer term rule on crafted records, through the RDF derivation, and on the bundled data. */
class TimelinessTest {
    private static final LocalDate SUBMITTED = LocalDate.parse("2024-03-01");
    private static final Uris URIS = new Uris(Uris.DEFAULT_BASE);

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    private static Response answer(String id, String received) {
        Office office = new Office("minister", "van", "Financiën", null);
        return new Response(ResponseKind.ANSWER, id, received == null ? null : d(received),
                List.of(new Signatory(new Person("Heinen", null, null, null), office)), List.of(), null, List.of(),
                List.of(new Answer(List.of(1), "Ja.", new Location("x.txt", 9), List.of())), List.of(),
                new Location("x.txt", 8));
    }

    private static Response notice(String id, String received) {
        return new Response(ResponseKind.POSTPONEMENT, id, received == null ? null : d(received), List.of(),
                List.of(), null, List.of(), List.of(), List.of(), new Location("x.txt", 8));
    }

    private static QuestionSet set(String file, String caseNumber, Response... responses) {
        return new QuestionSet(new Location(file, 1), caseNumber, "het bericht «Iets»", SUBMITTED,
                List.of(Person.member("Omtzigt", "NSC")), List.of(new Office("minister", "van", "Financiën", null)),
                List.of(new Question(1, "Klopt het?", new Location(file, 5), List.of())), List.of(responses),
                List.of(), List.of());
    }

    @Test
    void answeredOnTheLastDayOfTheTermIsOnTime() {
        Facts f = Timeliness.of(set("a.txt", null, answer("ah-tk-1", "2024-03-22")));
        assertEquals(d("2024-03-22"), f.dueDate());
        assertEquals(0, f.postponementCount());
        assertFalse(f.postponed());
        assertEquals(d("2024-03-22"), f.firstAnswerOn());
        assertEquals(21, f.daysToAnswer());
        assertEquals(Status.ANSWERED_ON_TIME, f.status());
    }

    @Test
    void answeredTheDayAfterTheTermWithoutPostponementIsLate() {
        Facts f = Timeliness.of(set("a.txt", null, answer("ah-tk-1", "2024-03-23")));
        assertEquals(22, f.daysToAnswer());
        assertEquals(Status.ANSWERED_LATE, f.status());
    }

    @Test
    void postponedAndAnsweredWithinSixWeeks() {
        Facts f = Timeliness.of(set("a.txt", null, notice("ah-tk-1", "2024-03-20"), answer("ah-tk-2", "2024-04-12")));
        assertEquals(1, f.postponementCount());
        assertTrue(f.postponed());
        assertEquals(d("2024-04-12"), f.dueDate());
        assertEquals(42, f.daysToAnswer());
        assertEquals(Status.ANSWERED_WITHIN_EXTENDED_TERM, f.status());
    }

    @Test
    void postponedAndAnsweredAfterTheExtendedTermIsLate() {
        Facts f = Timeliness.of(set("a.txt", null, notice("ah-tk-1", "2024-03-20"), answer("ah-tk-2", "2024-04-13")));
        assertEquals(d("2024-04-12"), f.dueDate());
        assertEquals(43, f.daysToAnswer());
        assertEquals(Status.ANSWERED_LATE, f.status());
    }

    @Test
    void eachPostponementExtendsByThreeWeeks() {
        Facts f = Timeliness.of(SUBMITTED, List.of(Timeliness.Notice.postponement(d("2024-03-20")),
                Timeliness.Notice.postponement(d("2024-04-10")), Timeliness.Notice.answer(d("2024-05-03"))));
        assertEquals(2, f.postponementCount());
        assertEquals(d("2024-05-03"), f.dueDate());
        assertEquals(Status.ANSWERED_WITHIN_EXTENDED_TERM, f.status());
    }

    @Test
    void aNoticeAfterTheAnswerDoesNotExtendItsTerm() {
        Facts f = Timeliness.of(SUBMITTED, List.of(Timeliness.Notice.answer(d("2024-03-25")),
                Timeliness.Notice.postponement(d("2024-04-01"))));
        assertEquals(0, f.postponementCount());
        assertEquals(Status.ANSWERED_LATE, f.status());
    }

    @Test
    void postponedAndOpenIsOverdueOnlyAfterTheExtendedDueDate() {
        Facts f = Timeliness.of(set("a.txt", null, notice("ah-tk-1", "2024-03-20")));
        assertEquals(Status.OPEN, f.status());
        assertEquals(d("2024-04-12"), f.dueDate());
        assertNull(f.firstAnswerOn());
        assertNull(f.daysToAnswer());
        assertEquals(Status.OPEN, f.statusOn(d("2024-04-12")));
        assertEquals(Status.OPEN_OVERDUE, f.statusOn(d("2024-04-13")));
        // an open set without a notice is overdue after three weeks
        Facts plain = Timeliness.of(SUBMITTED, List.of());
        assertEquals(Status.OPEN, plain.statusOn(d("2024-03-22")));
        assertEquals(Status.OPEN_OVERDUE, plain.statusOn(d("2024-03-23")));
        // answered sets never become overdue
        Facts late = Timeliness.of(set("a.txt", null, answer("ah-tk-1", "2024-05-01")));
        assertEquals(Status.ANSWERED_LATE, late.statusOn(d("2026-01-01")));
    }

    @Test
    void aSupplementaryAnswerAfterTheFirstChangesNothing() {
        Facts f = Timeliness.of(set("a.txt", null, answer("ah-tk-2", "2024-05-01"), answer("ah-tk-1", "2024-03-15")));
        assertEquals(d("2024-03-15"), f.firstAnswerOn());
        assertEquals(14, f.daysToAnswer());
        assertEquals(Status.ANSWERED_ON_TIME, f.status());
    }

    @Test
    void anUndatedAnswerIsAnsweredWithUnknownDate() {
        Facts f = Timeliness.of(set("a.txt", null, answer("ah-tk-1", null)));
        assertEquals(Status.ANSWERED_DATE_UNKNOWN, f.status());
        assertNull(f.daysToAnswer());
        assertEquals(Status.ANSWERED_DATE_UNKNOWN, f.statusOn(d("2030-01-01")));
    }

    /** Maps sets to RDF and derives over all of it, as convert and load do. */
    private static Graph derive(QuestionSet... sets) {
        Graph g = GraphFactory.createDefaultGraph();
        TimelinessDerivation d = new TimelinessDerivation(StreamRDFLib.graph(g));
        RdfMapper mapper = new RdfMapper(URIS, d, false);
        for (QuestionSet s : sets) {
            mapper.questionSet(s);
        }
        d.emit(null);
        return g;
    }

    private static Node object(Graph g, Node s, Node p) {
        List<Triple> ts = g.find(s, p, Node.ANY).toList();
        assertTrue(ts.size() <= 1, "more than one " + p + " of " + s + ": " + ts);
        return ts.isEmpty() ? null : ts.get(0).getObject();
    }

    @Test
    void aNoticeAndTheAnswerInTwoDocumentsMeetByCaseNumber() {
        Graph g = derive(set("notice.txt", "2024Z00001", notice("ah-tk-20232024-1", "2024-03-20")),
                set("answer.txt", "2024Z00001", answer("ah-tk-20232024-2", "2024-04-10")));
        Node s = URIS.questionSet("2024Z00001");
        assertEquals("1", object(g, s, KV.postponementCount).getLiteralLexicalForm());
        assertEquals("2024-04-12", object(g, s, KV.dueDate).getLiteralLexicalForm());
        assertEquals("2024-04-10", object(g, s, KV.firstAnswerOn).getLiteralLexicalForm());
        assertEquals("40", object(g, s, KV.daysToAnswer).getLiteralLexicalForm());
        assertEquals(KV.AnsweredWithinExtendedTerm, object(g, s, KV.timelinessStatus));
        assertTrue(new Validator().validate(g).conforms(), "derived facts must conform to the shapes");
    }

    @Test
    void everyDatedResponseGetsItsDaysAfterSubmission() {
        // submitted 2024-03-01: a notice after 19 days, the answer after 40, a supplementary answer after 61
        Graph g = derive(set("notice.txt", "2024Z00001", notice("ah-tk-20232024-1", "2024-03-20")),
                set("answer.txt", "2024Z00001", answer("ah-tk-20232024-2", "2024-04-10"),
                        answer("ah-tk-20232024-3", "2024-05-01"), answer("ah-tk-20232024-4", null)));
        Node s = URIS.questionSet("2024Z00001");
        assertEquals("19", object(g, URIS.response("2024Z00001", "ah-tk-20232024-1"), KV.daysAfterSubmission)
                .getLiteralLexicalForm());
        assertEquals("40", object(g, URIS.response("2024Z00001", "ah-tk-20232024-2"), KV.daysAfterSubmission)
                .getLiteralLexicalForm());
        assertEquals("61", object(g, URIS.response("2024Z00001", "ah-tk-20232024-3"), KV.daysAfterSubmission)
                .getLiteralLexicalForm());
        assertNull(object(g, URIS.response("2024Z00001", "ah-tk-20232024-4"), KV.daysAfterSubmission),
                "an undated answer has no day count");
        assertNull(object(g, s, KV.daysAfterSubmission), "a set has kv:daysToAnswer, not kv:daysAfterSubmission");
        // the first answer still decides the set's own facts
        assertEquals("40", object(g, s, KV.daysToAnswer).getLiteralLexicalForm());
        assertTrue(new Validator().validate(g).conforms(), "derived facts must conform to the shapes");
    }

    @Test
    void withoutACaseNumberTheyAreTwoSetsAndDoNotMeet() {
        Graph g = derive(set("notice.txt", null, notice("ah-tk-20232024-1", "2024-03-20")),
                set("answer.txt", null, answer("ah-tk-20232024-2", "2024-04-10")));
        Node noticeSet = URIS.questionSet("ah-tk-20232024-1");
        Node answerSet = URIS.questionSet("ah-tk-20232024-2");
        assertEquals(KV.Open, object(g, noticeSet, KV.timelinessStatus));
        assertEquals(KV.AnsweredLate, object(g, answerSet, KV.timelinessStatus));
        assertEquals("0", object(g, answerSet, KV.postponementCount).getLiteralLexicalForm());
    }

    @Test
    void derivedFactsComingInAreDroppedAndRecomputed() {
        Graph first = derive(set("a.txt", "2024Z00001", answer("ah-tk-20232024-2", "2024-03-10")));
        // a stale fact, as if from an older build
        Node s = URIS.questionSet("2024Z00001");
        first.add(Triple.create(s, KV.timelinessStatus, KV.AnsweredLate));
        Graph again = GraphFactory.createDefaultGraph();
        TimelinessDerivation d = new TimelinessDerivation(StreamRDFLib.graph(again));
        first.find().forEach(d::triple);
        d.emit(null);
        assertEquals(KV.AnsweredOnTime, object(again, s, KV.timelinessStatus));
        assertEquals(first.size() - 1, again.size());
    }

    @Test
    void bundledDataGetsTheFactsAHandCheckGives() {
        Model m = ModelFactory.createDefaultModel();
        StreamRDF into = StreamRDFLib.graph(m.getGraph());
        TimelinessDerivation d = new TimelinessDerivation(into);
        assertEquals(List.of(), new Converter(URIS, false).convert(List.of(Path.of("data")), d, false));
        d.emit(null);
        Map<Node, Facts> facts = d.facts();
        // 23 Aanhangsel documents and the seed letter describe 24 sets; 2025Z10261 is only supplemented.
        assertEquals(24, facts.size());
        assertFalse(facts.containsKey(URIS.questionSet("2025Z10261")));
        // ingezonden 4 juli 2023, ontvangen 14 september 2023: 72 days, no notice.
        Facts bromet = facts.get(URIS.questionSet("ah-tk-20222023-3649"));
        assertEquals(72, bromet.daysToAnswer());
        assertEquals(Status.ANSWERED_LATE, bromet.status());
        // ingezonden 11 maart 2024, ontvangen 21 maart 2024
        assertEquals(Status.ANSWERED_ON_TIME, facts.get(URIS.questionSet("ah-tk-20232024-1292")).status());
        // only a "Mededeling" (ingezonden 30 mei 2024, ontvangen 7 juni 2024), read as a postponement notice
        Facts notice = facts.get(URIS.questionSet("ah-tk-20232024-1999"));
        assertEquals(Status.OPEN, notice.status());
        assertEquals(1, notice.postponementCount());
        assertEquals(d("2024-07-11"), notice.dueDate());
        // the seed letter gives no receipt date
        assertEquals(Status.ANSWERED_DATE_UNKNOWN, facts.get(URIS.questionSet("2025Z10267")).status());
        List<String> statuses = TestGraphs.column(m, """
                SELECT ?st WHERE { ?s kv:timelinessStatus ?c . BIND(STRAFTER(STR(?c), "#") AS ?st) } ORDER BY ?st""");
        List<String> expected = new ArrayList<>();
        expected.add("AnsweredDateUnknown");
        // Counted by hand from the dates of the bundled documents (submitted, received, days):
        // late: 3649 (72), 1076 (92), 1178 (51), 1432 (29), 1481 (59), 1771 (49), 1786 (47), 1893 (46), 1949 (36),
        // 1980 (37), 2129 (23), 2168 (29), 2271 (52), 2313 (48), 2367 (62), 878 (44);
        // on time: 1292 (10), 1314 (19), 1984 (16), 2210 (21), 2395 (15), 302 (21).
        for (int i = 0; i < 16; i++) {
            expected.add("AnsweredLate");
        }
        for (int i = 0; i < 6; i++) {
            expected.add("AnsweredOnTime");
        }
        expected.add("Open");
        assertEquals(expected, statuses);
        Validator.Report report = new Validator().validate(m.getGraph());
        assertTrue(report.conforms(), () -> "derived data does not conform: " + report.results());
    }

    @Test
    void statusConceptsAreTermsOfTheOntology() {
        for (Status s : Status.values()) {
            Node c = TimelinessDerivation.concept(s);
            assertTrue(KV.TERMS.contains(c), c + " is not in KV.TERMS");
            assertEquals(s, Status.byLocalName(c.getURI().substring(KV.NS.length())));
        }
        assertEquals(NodeFactory.createURI(KV.NS + "Open"), KV.Open);
    }
}
