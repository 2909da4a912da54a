package org.kvgraph.rdf;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.Quad;
import org.kvgraph.model.Answer;
import org.kvgraph.model.Citation;
import org.kvgraph.model.Office;
import org.kvgraph.model.Person;
import org.kvgraph.model.Question;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.model.Response;
import org.kvgraph.model.ResponseKind;
import org.kvgraph.model.Signatory;
import org.kvgraph.model.SupplementedSet;
import org.kvgraph.source.RecordSink;
import org.kvgraph.source.TkRegistry;

/**
 * Maps records to RDF under the kvgraph ontology and pushes them into a {@link StreamRDF}. The triples of one
 * set are sorted before they are sent, so the same input always gives the same output. With
 * {@code namedGraphs}, each source's triples go to a graph of their own ({@link Uris#graph}).
 *
 * <pre>{@code
 * StreamRDF out = StreamRDFLib.writer(System.out);
 * RecordSink sink = new RdfMapper(new Uris(Uris.DEFAULT_BASE), out, false);
 * new AanhangselTextReader().read(document, sink);
 * }</pre>
 */
public final class RdfMapper implements RecordSink {
    private static final Comparator<Triple> ORDER = Comparator
            .comparing((Triple t) -> t.getSubject().toString())
            .thenComparing(t -> t.getPredicate().toString())
            .thenComparing(t -> t.getObject().toString());

    private final Uris uris;
    private final StreamRDF out;
    private final boolean namedGraphs;

    public RdfMapper(Uris uris, StreamRDF out, boolean namedGraphs) {
        this.uris = uris;
        this.out = out;
        this.namedGraphs = namedGraphs;
    }

    @Override
    public void questionSet(QuestionSet set) {
        String file = fileName(set.source().file());
        Emitter e = new Emitter(uris.source(file));
        new SetMapping(set, e).map();
        emit(e, file);
    }

    /**
     * What the Tweede Kamer registry read from one file says: its members ({@code foaf:Person} under their Persoon.Id),
     * its parties ({@code kv:Party} by abbreviation, with the Fractie.Id) and its seats held, each an
     * {@code org:Membership} of the person in the party with {@code org:memberDuring} a {@code time:Interval} from
     * {@code Van} to {@code TotEnMet} (no end while it lasts). The file is named as the converter was given it.
     */
    public void registry(TkRegistry registry, String file) {
        String name = fileName(file);
        Emitter e = new Emitter(uris.source(name));
        boolean any = false;
        for (TkRegistry.Member m : registry.members()) {
            if (m.at().file().equals(file)) {
                Node n = uris.person(new Person(m.familyName(), null, null, null, m.id()));
                e.describe(n, KV.Person);
                e.addString(n, KV.name, m.fullName());
                e.addString(n, KV.familyName, m.familyName());
                e.addString(n, KV.givenName, m.callName());
                e.addString(n, KV.tkId, m.id());
                any = true;
            }
        }
        for (TkRegistry.Faction f : registry.factions()) {
            if (f.at().file().equals(file)) {
                Node n = party(e, f);
                e.addString(n, KV.tkId, f.id());
                if (f.name() != null && !f.name().equals(f.abbreviation())) {
                    e.addDutch(n, KV.altLabel, f.name());
                }
                any = true;
            }
        }
        for (TkRegistry.Seat s : registry.seats()) {
            if (!s.at().file().equals(file)) {
                continue;
            }
            Node m = uris.membership(s.id());
            e.add(m, KV.type, KV.Membership);
            e.add(m, KV.wasDerivedFrom, e.source);
            e.add(m, KV.member, uris.person(new Person("?", null, null, null, s.memberId())));
            e.add(m, KV.organization, party(e, registry.faction(s.factionId())));
            e.addString(m, KV.tkId, s.id());
            if (s.from() != null || s.until() != null) {
                Node period = uris.membershipPeriod(s.id());
                e.add(m, KV.memberDuring, period);
                e.add(period, KV.type, KV.Interval);
                instant(e, period, KV.hasBeginning, uris.membershipPeriod(s.id() + "/begin"), s.from());
                instant(e, period, KV.hasEnd, uris.membershipPeriod(s.id() + "/end"), s.until());
            }
            any = true;
        }
        if (!any) {
            return;
        }
        e.add(e.source, KV.type, KV.SourceDocument);
        e.addString(e.source, KV.label, name);
        emit(e, name);
    }

    private Node party(Emitter e, TkRegistry.Faction f) {
        Node n = uris.party(f.abbreviation());
        e.describe(n, KV.Party);
        e.addDutch(n, KV.prefLabel, f.abbreviation());
        return n;
    }

    private static void instant(Emitter e, Node period, Node p, Node instant, LocalDate date) {
        if (date != null) {
            e.add(period, p, instant);
            e.add(instant, KV.type, KV.Instant);
            e.addDate(instant, KV.inXSDDate, date);
        }
    }

    private void emit(Emitter e, String file) {
        e.triples.sort(ORDER);
        Node graph = uris.graph(file);
        Triple last = null;
        for (Triple t : e.triples) {
            if (t.equals(last)) {
                continue;
            }
            last = t;
            if (namedGraphs) {
                out.quad(Quad.create(graph, t));
            } else {
                out.triple(t);
            }
        }
    }

    /**
     * A cited address as an IRI, or null when it is not one (a footnote may print an address with spaces or
     * stray characters: such an address is left out rather than written as a broken IRI).
     */
    static Node iri(String address) {
        if (address == null) {
            return null;
        }
        try {
            IRIx iri = IRIx.create(address);
            return iri.isAbsolute() ? NodeFactory.createURI(iri.str()) : null;
        } catch (IRIException e) {
            return null;
        }
    }

    /** The file name of a source path, used for the source's URI and graph ("data/x/a.txt" is "a.txt"). */
    public static String fileName(String path) {
        String p = path.replace('\\', '/');
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** Collects the triples of one set; every resource it describes gets its provenance. */
    private static final class Emitter {
        final List<Triple> triples = new ArrayList<>();
        final Node source;

        Emitter(Node source) {
            this.source = source;
        }

        void add(Node s, Node p, Node o) {
            triples.add(Triple.create(s, p, o));
        }

        /** Types a resource and says where it came from. */
        void describe(Node s, Node type) {
            add(s, KV.type, type);
            add(s, KV.wasDerivedFrom, source);
        }

        void addString(Node s, Node p, String value) {
            if (value != null && !value.isBlank()) {
                add(s, p, NodeFactory.createLiteralString(value));
            }
        }

        void addDutch(Node s, Node p, String value) {
            if (value != null && !value.isBlank()) {
                add(s, p, NodeFactory.createLiteralLang(value, "nl"));
            }
        }

        void addDate(Node s, Node p, LocalDate date) {
            if (date != null) {
                add(s, p, NodeFactory.createLiteralDT(date.toString(), XSDDatatype.XSDdate));
            }
        }

        void addInteger(Node s, Node p, long value) {
            add(s, p, NodeFactory.createLiteralDT(Long.toString(value), XSDDatatype.XSDinteger));
        }
    }

    private final class SetMapping {
        private final QuestionSet set;
        private final Emitter e;
        private final String key;

        SetMapping(QuestionSet set, Emitter e) {
            this.set = set;
            this.e = e;
            this.key = set.key();
            if (key == null) {
                throw new IllegalArgumentException(set.source() + ": a set needs a case number or publication id");
            }
        }

        void map() {
            e.add(e.source, KV.type, KV.SourceDocument);
            e.addString(e.source, KV.label, fileName(set.source().file()));

            Node s = uris.questionSet(key);
            e.describe(s, KV.QuestionSet);
            if (set.caseNumber() != null) {
                e.addString(s, KV.caseNumber, set.caseNumber());
                e.addString(s, KV.publicationId, "kv-tk-" + set.caseNumber());
            }
            e.addString(s, KV.tkId, set.tkId());
            e.addDutch(s, KV.title, set.title());
            e.addDate(s, KV.submittedOn, set.submittedOn());
            askers(s, set.askers());
            for (Office o : set.addressedTo()) {
                e.add(s, KV.addressedTo, office(o));
            }
            for (Question q : set.questions()) {
                Node qn = uris.question(key, q.number());
                e.describe(qn, KV.Question);
                e.add(s, KV.hasQuestion, qn);
                e.addInteger(qn, KV.number, q.number());
                e.addDutch(qn, KV.text, q.text());
                cite(qn, q.citations());
            }
            for (Response r : set.responses()) {
                e.add(s, KV.hasResponse, response(r));
            }
            for (SupplementedSet sup : set.supplements()) {
                Node other = uris.questionSet(sup.caseNumber());
                e.describe(other, KV.QuestionSet);
                e.addString(other, KV.caseNumber, sup.caseNumber());
                e.addString(other, KV.publicationId, "kv-tk-" + sup.caseNumber());
                e.addDate(other, KV.submittedOn, sup.submittedOn());
                askers(other, sup.askers());
                e.add(s, KV.supplements, other);
            }
            cite(s, set.citations());
        }

        private void askers(Node s, List<Person> askers) {
            for (Person p : askers) {
                e.add(s, KV.askedBy, person(p));
                if (p.party() != null) {
                    e.add(s, KV.askerParty, uris.party(p.party()));
                }
            }
        }

        private Node response(Response r) {
            String id = r.publicationId() != null ? r.publicationId()
                    : r.reference() != null ? r.reference()
                    : r.kind() == ResponseKind.POSTPONEMENT ? "notice" : "answer";
            Node n = uris.response(key, id);
            e.describe(n, r.kind() == ResponseKind.POSTPONEMENT ? KV.PostponementNotice : KV.Response);
            e.addString(n, KV.publicationId, r.publicationId());
            e.addDate(n, KV.receivedOn, r.receivedOn());
            e.addString(n, KV.reference, r.reference());
            for (Signatory sig : r.signatories()) {
                e.add(n, KV.answeredBy, person(sig.person()));
                if (sig.office() != null) {
                    e.add(n, KV.answeredAs, office(sig.office()));
                }
            }
            for (Office o : r.onBehalfOf()) {
                e.add(n, KV.onBehalfOf, office(o));
            }
            for (Citation.AanhangselAnswer see : r.seeAlso()) {
                e.add(n, KV.seeAlso, citation(see));
            }
            for (Answer a : r.answers()) {
                Node an = uris.answer(key, a.firstQuestion());
                e.describe(an, KV.Answer);
                e.add(n, KV.hasAnswer, an);
                e.addDutch(an, KV.text, a.text());
                for (int q : a.questionNumbers()) {
                    e.add(an, KV.answers, uris.question(key, q));
                }
                cite(an, a.citations());
            }
            cite(n, r.citations());
            return n;
        }

        private Node person(Person p) {
            Node n = uris.person(p);
            e.describe(n, KV.Person);
            e.addString(n, KV.name, p.fullName());
            e.addString(n, KV.familyName, p.familyName());
            e.addString(n, KV.givenName, p.givenName());
            e.addString(n, KV.tkId, p.tkId());
            if (p.party() != null) {
                Node party = uris.party(p.party());
                e.describe(party, KV.Party);
                e.addDutch(party, KV.prefLabel, p.party());
                e.add(n, KV.memberOf, party);
            }
            return n;
        }

        private Node office(Office o) {
            Node n = uris.office(o);
            e.describe(n, KV.Office);
            e.addDutch(n, KV.prefLabel, o.label());
            e.addDutch(n, KV.portfolio, o.portfolio());
            if (o.ministryName() != null) {
                Node m = uris.ministry(o.ministryName());
                e.describe(m, KV.Ministry);
                e.addDutch(m, KV.prefLabel, "Ministerie van " + o.ministryName());
                e.add(n, KV.ministry, m);
            }
            return n;
        }

        private void cite(Node from, List<Citation> citations) {
            for (Citation c : citations) {
                Node cited = citation(c);
                if (cited != null) {
                    e.add(from, KV.cites, cited);
                }
            }
        }

        private Node citation(Citation c) {
            if (c instanceof Citation.Treaty t) {
                Node n = uris.treaty(t);
                e.describe(n, KV.Treaty);
                e.addDutch(n, KV.prefLabel, t.name());
                e.addString(n, KV.trbCitation, t.trbCitation());
                e.addString(n, KV.bwbId, t.bwbId());
                return n;
            }
            if (c instanceof Citation.ParliamentaryPaper p) {
                Node n = uris.paper(p);
                e.describe(n, KV.ParliamentaryPaper);
                e.addString(n, KV.dossierNumber, p.dossier());
                e.addString(n, KV.documentNumber, p.number());
                e.addDutch(n, KV.prefLabel, "Kamerstuk " + p.dossier() + ", nr. " + p.number());
                return n;
            }
            if (c instanceof Citation.AanhangselAnswer a) {
                Node n = uris.publication(a.publicationId());
                e.describe(n, KV.Response);
                e.addString(n, KV.publicationId, a.publicationId());
                return n;
            }
            if (c instanceof Citation.QuestionSetRef q) {
                Node n = uris.questionSet(q.caseNumber());
                e.describe(n, KV.QuestionSet);
                e.addString(n, KV.caseNumber, q.caseNumber());
                return n;
            }
            if (c instanceof Citation.NewsArticle a) {
                Node n = uris.article(a);
                e.describe(n, KV.NewsArticle);
                Node page = iri(a.url());
                if (page != null) {
                    e.add(n, KV.url, page);
                }
                e.addString(n, KV.publisher, a.publisher());
                e.addDate(n, KV.datePublished, a.datePublished());
                e.addDutch(n, KV.headline, a.headline());
                return n;
            }
            Node page = iri(((Citation.WebPage) c).url());
            return page != null ? page : null;
        }
    }
}
