package org.kvgraph.validate;

import java.time.LocalDate;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.kvgraph.model.Answer;
import org.kvgraph.model.Citation;
import org.kvgraph.model.Location;
import org.kvgraph.model.Office;
import org.kvgraph.model.Person;
import org.kvgraph.model.Question;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.model.Response;
import org.kvgraph.model.ResponseKind;
import org.kvgraph.model.Signatory;
import org.kvgraph.model.SupplementedSet;
import org.kvgraph.rdf.RdfMapper;
import org.kvgraph.rdf.Uris;

/**
 * Model records of one realistic set (after case 2025Z10267, the seed answer letter) with everything the mapper
 * can write: two askers with their party, two offices (one with a ministry, one "voor"), two questions, an
 * answer and a postponement notice, a treaty, a Kamerstuk, a news article, a cited earlier set, a supplemented
 * set and a cited Aanhangsel answer; mapped with the real {@link RdfMapper}.
 */
public final class SampleRecords {
    private SampleRecords() {
    }

    public static QuestionSet questionSet() {
        Location at = new Location("data/seed/2025Z10267.txt", 1);
        Person bontenbal = Person.member("Bontenbal", "CDA");
        Person kostic = new Person("Kostić", "Ines", "I.", "PvdD");
        Person veldkamp = new Person("Veldkamp", "Caspar", null, null);
        Person vanMarum = new Person("Van Marum", "Eddie", null, null);
        Office bz = new Office("minister", "van", "Buitenlandse Zaken", null);
        Office bzk = new Office("staatssecretaris", "van", "Binnenlandse Zaken en Koninkrijksrelaties",
                "Herstel Groningen, Koninkrijksrelaties en Digitalisering");
        Office natuur = new Office("Minister", "voor", "Natuur en Stikstof", null);

        Citation treaty = new Citation.Treaty("Statuut van Rome inzake het Internationaal Strafhof",
                "Trb. 2000, 120", "BWBV0001288");
        Citation paper = new Citation.ParliamentaryPaper("36410-XIV", "12");
        Citation article = new Citation.NewsArticle("Binnenlands Bestuur", LocalDate.of(2025, 5, 19),
                "Wake-up call: Microsoft sluit e-mail ICC zonder pardon af", "https://www.binnenlandsbestuur.nl/digitaal/wake-up-call");
        Citation.AanhangselAnswer earlier = new Citation.AanhangselAnswer("20222023", "3649");
        Citation earlierSet = new Citation.QuestionSetRef("2025Z09876");

        Question q1 = new Question(1, "Klopt het dat de toegang tot de e-mail van de hoofdaanklager van het "
                + "Internationaal Strafhof (ICC) door Microsoft is afgesloten?", at, List.of(article));
        Question q2 = new Question(2, "Heeft Microsoft stappen ondernomen om zich tegen dit bevel te verzetten?",
                at, List.of(treaty));
        Answer a1 = new Answer(List.of(1, 2), "Het is niet aan het kabinet om berichtgeving over de implementatie "
                + "van sancties te bevestigen of te ontkennen.", at, List.of(paper, earlier));

        Response notice = new Response(ResponseKind.POSTPONEMENT, null, LocalDate.of(2025, 6, 12),
                List.of(new Signatory(veldkamp, bz)), List.of(), null, List.of(), List.of(), List.of(), at);
        Response answer = new Response(ResponseKind.ANSWER, "ah-tk-20242025-2345", LocalDate.of(2025, 6, 26),
                List.of(new Signatory(veldkamp, bz), new Signatory(vanMarum, bzk)), List.of(natuur),
                "BZ2516639", List.of(earlier), List.of(a1), List.of(earlierSet), at);

        SupplementedSet supplemented = new SupplementedSet("2025Z10261", List.of(bontenbal), LocalDate.of(2025, 5, 21));
        return new QuestionSet(at, "2025Z10267", "het bericht “Wake-up call: Microsoft sluit e-mail ICC zonder pardon af”",
                LocalDate.of(2025, 5, 22), List.of(bontenbal, kostic), List.of(bz, bzk), List.of(q1, q2),
                List.of(notice, answer), List.of(supplemented), List.of(earlierSet));
    }

    /** What the mapper writes for {@link #questionSet()}, as one graph. */
    public static Graph mapped() {
        Graph g = GraphFactory.createDefaultGraph();
        new RdfMapper(new Uris(Uris.DEFAULT_BASE), StreamRDFLib.graph(g), false).questionSet(questionSet());
        return g;
    }

    /** What the mapper writes for {@link #questionSet()} with a named graph per source. */
    public static DatasetGraph mappedToNamedGraphs() {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        new RdfMapper(new Uris(Uris.DEFAULT_BASE), StreamRDFLib.dataset(dsg), true).questionSet(questionSet());
        return dsg;
    }
}
