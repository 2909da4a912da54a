package org.kvgraph.link;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.Quad;
import org.kvgraph.rdf.KV;

/**
 * Adds links derived from identifiers to the triples passing through, offline and certain:
 * <ul>
 * <li>a question set with a case number: its officielebekendmakingen publication {@code kv-tk-…} and the
 * Tweede Kamer case ({@code rdfs:seeAlso});</li>
 * <li>anything with a publication id {@code ah-tk-…} / {@code kv-tk-…} (responses, cited answers): the
 * publication ({@code rdfs:seeAlso});</li>
 * <li>treaties and laws: wetten.overheid.nl by BWB id, the Tractatenblad publication; Kamerstukken:
 * {@code kst-…} ({@code rdfs:seeAlso});</li>
 * <li>ministries: their TOOI URI from {@link MinistryTable} ({@code skos:exactMatch});</li>
 * <li>parties and persons found in the {@link OpenKamerRegistry} (Wikidata, TK OData, Parlement.com).</li>
 * </ul>
 * A publication is described once with its .html/.pdf/.xml manifestations as {@code schema:encoding}
 * ({@code schema:MediaObject} with a media type), never as the same thing as the publication.
 *
 * <p>The mapper sends the triples of one set together, sorted by subject, so the facts about a subject are
 * gathered until the subject changes and its links follow it, in a fixed order. Person links need the dates
 * of the sets a person appears in, so they are sent at {@link #finish()}, sorted by person. The same input
 * always gives the same links.
 *
 * <pre>{@code
 * try (RdfOutput rdf = RdfOutput.open(out)) {
 *     converter.convert(inputs, IdentifierLinks.wrap(rdf.stream()), rdf.quads());
 *     rdf.commit();
 * }
 * }</pre>
 */
public final class IdentifierLinks extends StreamRDFWrapper {
    private static volatile Tables bundled;

    private final Tables tables;
    private Node subject;
    private Node graph;
    private final Map<Node, List<Node>> facts = new LinkedHashMap<>();

    // Gathered for the person links made at finish()
    private final Map<Node, PersonFacts> persons = new TreeMap<>((a, b) -> a.getURI().compareTo(b.getURI()));
    private final Map<Node, String> partyLabels = new HashMap<>();
    private final Map<Node, LocalDate> setDates = new HashMap<>();
    private final List<Node[]> acts = new ArrayList<>();

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

    /** Wraps a stream with the links made from the tables shipped with kvgraph (loaded once). */
    public static StreamRDF wrap(StreamRDF out) {
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
        see(null, t);
        super.triple(t);
    }

    @Override
    public void quad(Quad q) {
        see(q.getGraph(), q.asTriple());
        super.quad(q);
    }

    @Override
    public void finish() {
        flush();
        personLinks();
        super.finish();
    }

    private void see(Node g, Triple t) {
        if (!t.getSubject().equals(subject) || !java.util.Objects.equals(g, graph)) {
            flush();
            subject = t.getSubject();
            graph = g;
        }
        facts.computeIfAbsent(t.getPredicate(), k -> new ArrayList<>()).add(t.getObject());
    }

    /** Sends the links of the subject whose triples have all passed. */
    private void flush() {
        if (subject == null || !subject.isURI()) {
            facts.clear();
            return;
        }
        List<Node> types = facts.getOrDefault(KV.type, List.of());
        for (Node id : facts.getOrDefault(KV.caseNumber, List.of())) {
            Targets.tkCase(lexical(id)).ifPresent(u -> link(subject, LinkVocab.seeAlso, u));
        }
        for (Node id : facts.getOrDefault(KV.publicationId, List.of())) {
            publication(Targets.publication(lexical(id)));
        }
        for (Node id : facts.getOrDefault(KV.bwbId, List.of())) {
            Targets.wetten(lexical(id)).ifPresent(u -> link(subject, LinkVocab.seeAlso, u));
        }
        for (Node trb : facts.getOrDefault(KV.trbCitation, List.of())) {
            publication(Targets.tractatenblad(lexical(trb)));
        }
        if (types.contains(KV.ParliamentaryPaper)) {
            publication(Targets.kamerstuk(first(KV.dossierNumber), first(KV.documentNumber)));
        }
        if (types.contains(KV.Ministry)) {
            for (Node label : facts.getOrDefault(KV.prefLabel, List.of())) {
                tables.ministries().tooi(lexical(label)).ifPresent(u -> link(subject, LinkVocab.exactMatch, u));
            }
        }
        if (types.contains(KV.Party)) {
            party();
        }
        gatherForPersons(types);
        facts.clear();
    }

    private void party() {
        String label = first(KV.prefLabel);
        partyLabels.put(subject, label);
        tables.registry().party(label).filter(p -> tables.registry().wikidataIdUnique(p))
                .flatMap(p -> Targets.wikidata(p.wikidataId()))
                .ifPresent(u -> link(subject, LinkVocab.closeMatch, u));
    }

    private void gatherForPersons(List<Node> types) {
        if (types.contains(KV.Person)) {
            PersonFacts p = persons.computeIfAbsent(subject, k -> new PersonFacts(graph));
            p.familyName = first(KV.familyName);
            p.givenName = first(KV.givenName);
            facts.getOrDefault(KV.memberOf, List.of()).forEach(p.parties::add);
        }
        if (types.contains(KV.QuestionSet)) {
            date(KV.submittedOn).ifPresent(d -> setDates.put(subject, d));
            facts.getOrDefault(KV.askedBy, List.of()).forEach(p -> acts.add(new Node[] {p, subject}));
        }
        if (types.contains(KV.Response) || types.contains(KV.PostponementNotice)) {
            date(KV.receivedOn).ifPresent(d -> setDates.put(subject, d));
            facts.getOrDefault(KV.answeredBy, List.of()).forEach(p -> acts.add(new Node[] {p, subject}));
        }
    }

    /** The registry links of each person whose name, party and dates identify one registry person. */
    private void personLinks() {
        Map<Node, List<LocalDate>> dates = new HashMap<>();
        Map<Node, Boolean> undated = new HashMap<>();
        for (Node[] act : acts) {
            LocalDate d = actDate(act[1]);
            if (d == null) {
                undated.put(act[0], true);
            } else {
                dates.computeIfAbsent(act[0], k -> new ArrayList<>()).add(d);
            }
        }
        for (Map.Entry<Node, PersonFacts> e : persons.entrySet()) {
            Node person = e.getKey();
            PersonFacts p = e.getValue();
            if (p.familyName == null || p.parties.size() > 1 || undated.containsKey(person)) {
                continue;
            }
            String party = p.parties.isEmpty() ? null : partyLabels.get(p.parties.first());
            if (!p.parties.isEmpty() && party == null) {
                continue;
            }
            OpenKamerRegistry.PersonMatch m = tables.registry()
                    .person(p.familyName, p.givenName, party, dates.getOrDefault(person, List.of()));
            if (m.unique()) {
                subject = person;
                graph = p.graph;
                Targets.wikidata(m.person().wikidataId()).ifPresent(u -> link(person, LinkVocab.exactMatch, u));
                Targets.tkEntity("Persoon", m.person().tkId()).ifPresent(u -> link(person, LinkVocab.seeAlso, u));
                Targets.parlementCom(m.person().parlementComId()).ifPresent(u -> link(person, LinkVocab.seeAlso, u));
            }
        }
    }

    /** The date a set was submitted or a response received; a response without one takes its set's date. */
    private LocalDate actDate(Node node) {
        LocalDate d = setDates.get(node);
        if (d == null && node.isURI() && node.getURI().contains("/response/")) {
            d = setDates.get(NodeFactory.createURI(node.getURI().substring(0, node.getURI().indexOf("/response/"))));
        }
        return d;
    }

    /** Links a subject to a publication and describes the publication with its manifestations. */
    private void publication(Optional<String> url) {
        if (url.isEmpty()) {
            return;
        }
        String u = url.get();
        Node pub = NodeFactory.createURI(u);
        link(subject, LinkVocab.seeAlso, u);
        emit(pub, KV.type, LinkVocab.CreativeWork);
        emit(pub, LinkVocab.identifier, NodeFactory.createLiteralString(u.substring(LinkVocab.OB.length())));
        for (Targets.Manifestation m : Targets.MANIFESTATIONS) {
            Node file = NodeFactory.createURI(u + m.suffix());
            emit(pub, LinkVocab.encoding, file);
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

    private String first(Node predicate) {
        List<Node> values = facts.getOrDefault(predicate, List.of());
        return values.isEmpty() ? null : lexical(values.get(0));
    }

    private Optional<LocalDate> date(Node predicate) {
        String s = first(predicate);
        try {
            return s == null ? Optional.empty() : Optional.of(LocalDate.parse(s));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String lexical(Node n) {
        return n.isLiteral() ? n.getLiteralLexicalForm() : null;
    }

    private static final class PersonFacts {
        final Node graph;
        String familyName;
        String givenName;
        final TreeSet<Node> parties = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));

        PersonFacts(Node graph) {
            this.graph = graph;
        }
    }
}
