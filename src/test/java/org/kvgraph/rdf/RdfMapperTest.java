package org.kvgraph.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.system.StreamRDFLib;
import org.junit.jupiter.api.Test;
import org.kvgraph.TestGraphs;
import org.kvgraph.model.Answer;
import org.kvgraph.model.Citation;
import org.kvgraph.model.Location;
import org.kvgraph.model.Person;
import org.kvgraph.model.Question;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.model.Response;
import org.kvgraph.model.ResponseKind;

class RdfMapperTest {
    static QuestionSet set(List<Citation> cites) {
        Location at = new Location("x/test.txt", 1);
        return new QuestionSet(at, "2025Z00001", "iets", LocalDate.of(2025, 1, 2), List.of(Person.member("Krul", "CDA")),
                List.of(), List.of(new Question(1, "Vraag?", at, cites)),
                List.of(new Response(ResponseKind.ANSWER, null, null, List.of(), List.of(), "REF1", List.of(),
                        List.of(new Answer(List.of(1), "Antwoord.", at, List.of())), List.of(), at)),
                List.of(), List.of());
    }

    static Model map(QuestionSet s) {
        Model m = ModelFactory.createDefaultModel();
        new RdfMapper(new Uris(Uris.DEFAULT_BASE), StreamRDFLib.graph(m.getGraph()), false).questionSet(s);
        return m;
    }

    @Test
    void addressesThatAreNotIrisAreLeftOutAndTheOutputStillParses() {
        Model m = map(set(List.of(
                new Citation.WebPage("https://exa mple.org/a b"),
                new Citation.NewsArticle("NOS", LocalDate.of(2024, 3, 1), "Kop", "http://nos.nl/<x>"),
                new Citation.WebPage("https://nos.nl/artikel/1"))));
        assertEquals(List.of("https://nos.nl/artikel/1"), TestGraphs.column(m,
                "SELECT ?c { ?q a kv:Question ; kv:cites ?c FILTER NOT EXISTS { ?c a ?t } }"));
        assertTrue(TestGraphs.ask(m, "ASK { ?a a schema:NewsArticle ; schema:headline 'Kop'@nl FILTER NOT EXISTS { ?a schema:url ?u } }"));
        ByteArrayOutputStream nt = new ByteArrayOutputStream();
        RDFDataMgr.write(nt, m, Lang.NTRIPLES);
        Model back = ModelFactory.createDefaultModel();
        RDFDataMgr.read(back, new ByteArrayInputStream(nt.toByteArray()), Lang.NTRIPLES);
        assertTrue(back.isIsomorphicWith(m));
    }

    @Test
    void sourceDocumentIsTypedAndLabelledButNotDerivedFromItself() {
        Model m = map(set(List.of()));
        String src = "<https://w3id.org/kvgraph/id/source/test.txt>";
        assertTrue(TestGraphs.ask(m, "ASK { " + src + " a kv:SourceDocument ; rdfs:label 'test.txt' }"));
        assertFalse(TestGraphs.ask(m, "ASK { " + src + " prov:wasDerivedFrom ?x }"));
        assertTrue(TestGraphs.ask(m, "ASK { <https://w3id.org/kvgraph/id/question-set/2025Z00001> prov:wasDerivedFrom " + src + " }"));
    }
}
