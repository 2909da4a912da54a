package org.kvgraph.link;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.Quad;
import org.h2.mvstore.MVMap;
import org.kvgraph.rdf.KV;
import org.kvgraph.spill.DiskMaps;

/**
 * Adds links derived from identifiers to the triples passing through, offline and certain:
 * <ul>
 * <li>a question set with a case number: its officielebekendmakingen publication {@code kv-tk-…} and the
 * Tweede Kamer case ({@code rdfs:seeAlso});</li>
 * <li>anything with a publication id {@code ah-tk-…} / {@code kv-tk-…} (responses, cited answers): the
 * publication ({@code rdfs:seeAlso}); the set of a response with an {@code ah-tk-…} id links to it too, since the
 * Aanhangsel prints the questions with the answer;</li>
 * <li>treaties and laws: wetten.overheid.nl by BWB id, the Tractatenblad publication; Kamerstukken:
 * {@code kst-…} ({@code rdfs:seeAlso});</li>
 * <li>ministries: their TOOI URI from {@link MinistryTable} ({@code skos:exactMatch});</li>
 * <li>parties and persons found in the {@link OpenKamerRegistry} (Wikidata, TK OData, Parlement.com).</li>
 * </ul>
 * A publication is described once with its .html/.pdf/.xml manifestations as {@code schema:encoding}
 * ({@code schema:MediaObject} with a media type), never as the same thing as the publication.
 *
 * <p>Each link is sent right after the triple that justifies it, so nothing waits for {@link #finish()} (the
 * converter never calls it). This relies on the order the mapper sends the triples of a set in: sorted by
 * subject, then predicate, so {@code rdf:type} comes before {@code skos:prefLabel}, {@code kv:documentNumber}
 * before {@code kv:dossierNumber}, {@code kv:askedBy} before {@code kv:submittedOn}, parties and persons before
 * the set, and the set before its responses. A person is linked when the registry identifies them at the date
 * of a set they asked or answered. The same input always gives the same links.
 *
 * <pre>{@code
 * try (RdfOutput rdf = RdfOutput.open(out)) {
 *     converter.convert(inputs, IdentifierLinks.wrap(rdf.stream()), rdf.quads());
 *     rdf.commit();
 * }
 * }</pre>
 */
public final class IdentifierLinks extends StreamRDFWrapper implements AutoCloseable {
    private static volatile Tables bundled;

    private final Tables tables;

    // The subject whose triples are passing, and what has been seen of it.
    private Node subject;
    private Node graph;
    private final Set<Node> types = new HashSet<>();
    private String documentNumber;
    private final List<Node> askers = new ArrayList<>();

    // Facts about resources sent earlier, for the person links.
    private final Map<Node, PersonFacts> persons = new HashMap<>();
    private final Map<Node, String> partyLabels = new HashMap<>();
    // What is kept of every set and publication, in maps on disk (opened when first needed), so the memory
    // this takes does not grow with the corpus: the date of every set (epoch days, by the set's IRI), and the
    // publications described so far, by graph (each is described once per graph).
    private DiskMaps disk;
    private MVMap<String, Integer> setDates;
    private MVMap<String, Boolean> described;

    /** The tables links are made from. */
    public record Tables(MinistryTable ministries, OpenKamerRegistry registry) {
        public static Tables load(LinkData data) {
            return new Tables(MinistryTable.load(data), OpenKamerRegistry.load(data));
        }
    }

    public IdentifierLinks(StreamRDF other, Tables tables) {
        super(other);
        this.tables = tables;
    }

    /** This stream's maps on disk, opened the first time. */
    private IdentifierLinks disk() {
        if (disk == null) {
            disk = DiskMaps.open();
            setDates = disk.map("set-dates");
            described = disk.map("described");
        }
        return this;
    }

    /** Deletes what was kept on disk (also deleted when the JVM exits, if this is not called). */
    @Override
    public void close() {
        if (disk != null) {
            disk.close();
            disk = null;
        }
    }

    /** Wraps a stream with the links made from the tables shipped with kvgraph (loaded once). */
    public static IdentifierLinks wrap(StreamRDF out) {
        Tables t = bundled;
        if (t == null) {
            synchronized (IdentifierLinks.class) {
                if (bundled == null) {
                    bundled = Tables.load(LinkData.bundled());
                }
                t = bundled;
            }
        }
        return new IdentifierLinks(out, t);
    }

    @Override
    public void triple(Triple t) {
        super.triple(t);
        see(null, t);
    }

    @Override
    public void quad(Quad q) {
        super.quad(q);
        see(q.getGraph(), q.asTriple());
    }

    private void see(Node g, Triple t) {
        if (!t.getSubject().equals(subject) || !Objects.equals(g, graph)) {
            subject = t.getSubject();
            graph = g;
            types.clear();
            documentNumber = null;
            askers.clear();
        }
        if (!subject.isURI()) {
            return;
        }
        Node p = t.getPredicate();
        Node o = t.getObject();
        String value = o.isLiteral() ? o.getLiteralLexicalForm() : null;
        if (p.equals(KV.type)) {
            types.add(o);
        } else if (p.equals(KV.caseNumber)) {
            Targets.tkCase(value).ifPresent(u -> link(subject, LinkVocab.seeAlso, u));
        } else if (p.equals(KV.publicationId)) {
            publication(Targets.publication(value));
            aanhangselOfSet(value);
        } else if (p.equals(KV.bwbId)) {
            Targets.wetten(value).ifPresent(u -> link(subject, LinkVocab.seeAlso, u));
        } else if (p.equals(KV.trbCitation)) {
            publication(Targets.tractatenblad(value));
        } else if (p.equals(KV.documentNumber)) {
            documentNumber = value;
        } else if (p.equals(KV.dossierNumber) && types.contains(KV.ParliamentaryPaper)) {
            publication(Targets.kamerstuk(value, documentNumber));
        } else if (p.equals(KV.prefLabel)) {
            label(value);
        } else {
            personFacts(p, o, value);
        }
    }

    private void label(String value) {
        if (types.contains(KV.Ministry)) {
            tables.ministries().tooi(value).ifPresent(u -> link(subject, LinkVocab.exactMatch, u));
        } else if (types.contains(KV.Party)) {
            partyLabels.put(subject, value);
            tables.registry().party(value).filter(pt -> tables.registry().wikidataIdUnique(pt))
                    .flatMap(pt -> Targets.wikidata(pt.wikidataId()))
                    .ifPresent(u -> link(subject, LinkVocab.closeMatch, u));
        }
    }

    /** Gathers names and parties of persons, and links them at the date of a set they asked or answered. */
    private void personFacts(Node p, Node o, String value) {
        if (types.contains(KV.Person)) {
            PersonFacts f = persons.computeIfAbsent(subject, k -> new PersonFacts());
            if (p.equals(KV.familyName)) {
                f.familyName = value;
            } else if (p.equals(KV.givenName)) {
                f.givenName = value;
            } else if (p.equals(KV.memberOf)) {
                f.parties.add(o);
            }
        } else if (types.contains(KV.QuestionSet)) {
            if (p.equals(KV.askedBy)) {
                askers.add(o);
            } else if (p.equals(KV.submittedOn) && parseDate(value) != null) {
                disk().setDates.put(subject.getURI(), (int) parseDate(value).toEpochDay());
                askers.forEach(person -> linkPerson(person, parseDate(value)));
            }
        } else if (p.equals(KV.answeredBy) && (types.contains(KV.Response) || types.contains(KV.PostponementNotice))) {
            Integer d = disk().setDates.get(parentSet(subject).getURI());
            if (d != null) {
                linkPerson(o, LocalDate.ofEpochDay(d));
            }
        }
    }

    /** The registry links of a person whose name, party and this date identify one registry person. */
    private void linkPerson(Node person, LocalDate date) {
        PersonFacts f = persons.get(person);
        if (f == null || f.familyName == null || f.parties.size() > 1) {
            return;
        }
        String party = f.parties.isEmpty() ? null : partyLabels.get(f.parties.iterator().next());
        if (!f.parties.isEmpty() && party == null) {
            return;
        }
        OpenKamerRegistry.PersonMatch m = tables.registry().person(f.familyName, f.givenName, party, List.of(date));
        if (m.unique()) {
            Targets.wikidata(m.person().wikidataId()).ifPresent(u -> link(person, LinkVocab.exactMatch, u));
            Targets.tkEntity("Persoon", m.person().tkId()).ifPresent(u -> link(person, LinkVocab.seeAlso, u));
            Targets.parlementCom(m.person().parlementComId()).ifPresent(u -> link(person, LinkVocab.seeAlso, u));
        }
    }

    /**
     * An Aanhangsel publication prints the questions with the answer, so it is about the set as well: the set
     * of a response with an {@code ah-tk-…} id links to it too.
     */
    private void aanhangselOfSet(String publicationId) {
        boolean response = types.contains(KV.Response) || types.contains(KV.PostponementNotice);
        Node set = parentSet(subject);
        if (response && !set.equals(subject) && publicationId != null && publicationId.startsWith("ah-tk-")) {
            Targets.publication(publicationId).ifPresent(u -> link(set, LinkVocab.seeAlso, u));
        }
    }

    /** The set a response belongs to ({@code …/question-set/KEY/response/ID} → {@code …/question-set/KEY}). */
    private static Node parentSet(Node response) {
        String u = response.getURI();
        int i = u.indexOf("/response/");
        return i < 0 ? response : NodeFactory.createURI(u.substring(0, i));
    }

    /**
     * Links the current subject to a publication and describes the publication with its manifestations, the
     * first time it is met in the graph (the description depends on the address only, so repeats would be
     * dropped by the output anyway; sending it once keeps the output from having to remember its triples).
     */
    private void publication(Optional<String> url) {
        if (url.isEmpty()) {
            return;
        }
        String u = url.get();
        Node pub = NodeFactory.createURI(u);
        link(subject, LinkVocab.seeAlso, u);
        if (disk().described.putIfAbsent((graph == null ? "" : graph.toString()) + " " + u, Boolean.TRUE) != null) {
            return;
        }
        emit(pub, KV.type, LinkVocab.CreativeWork);
        emit(pub, LinkVocab.identifier, NodeFactory.createLiteralString(u.substring(LinkVocab.OB.length())));
        for (Targets.Manifestation m : Targets.MANIFESTATIONS) {
            emit(pub, LinkVocab.encoding, NodeFactory.createURI(u + m.suffix()));
        }
        for (Targets.Manifestation m : Targets.MANIFESTATIONS) {
            Node file = NodeFactory.createURI(u + m.suffix());
            emit(file, KV.type, LinkVocab.MediaObject);
            emit(file, LinkVocab.contentUrl, file);
            emit(file, LinkVocab.encodingFormat, NodeFactory.createLiteralString(m.mediaType()));
        }
    }

    private void link(Node s, Node p, String url) {
        emit(s, p, NodeFactory.createURI(url));
    }

    private void emit(Node s, Node p, Node o) {
        if (graph == null) {
            super.triple(Triple.create(s, p, o));
        } else {
            super.quad(Quad.create(graph, s, p, o));
        }
    }

    private static LocalDate parseDate(String s) {
        try {
            return s == null ? null : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final class PersonFacts {
        String familyName;
        String givenName;
        final Set<Node> parties = new HashSet<>();
    }
}
