package org.kvgraph.timeliness;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.Quad;
import org.kvgraph.rdf.KV;

/**
 * The derivation step of every build: passes the converted graph through unchanged, remembers what the
 * {@link Timeliness} rule needs (each set's {@code kv:submittedOn}, its {@code kv:hasResponse}s, each response's
 * type and {@code kv:receivedOn}), and at {@link #emit} sends the derived facts of every set
 * ({@code kv:dueDate}, {@code kv:postponementCount}, {@code kv:firstAnswerOn}, {@code kv:daysToAnswer},
 * {@code kv:timelinessStatus}), sorted, so the same input always gives the same output. Triples with these
 * predicates coming in (an earlier build's output loaded again) are dropped: the facts are always recomputed
 * from the whole graph, since a postponement notice and the answer of one set may come from two documents.
 *
 * <p>A set gets facts only when it has a submission date and a description of its own (questions or
 * responses); sets that are only cited or supplemented by another document get none, since the data says
 * nothing about their answers.
 *
 * <pre>{@code
 * TimelinessDerivation d = new TimelinessDerivation(out);
 * converter.convert(inputs, d, true);
 * d.emit(uris.graph(TimelinessDerivation.GRAPH_NAME));   // or emit(null) for plain triples
 * }</pre>
 */
public final class TimelinessDerivation extends StreamRDFWrapper {
    /** The name (under {@code graph/} of the base) of the named graph the derived facts go to in a store. */
    public static final String GRAPH_NAME = "derived-timeliness";

    private static final Comparator<Triple> ORDER = Comparator
            .comparing((Triple t) -> t.getSubject().toString())
            .thenComparing(t -> t.getPredicate().toString())
            .thenComparing(t -> t.getObject().toString());

    private final Set<Node> derivedPredicates = new HashSet<>(KV.TIMELINESS);
    private final Map<Node, LocalDate> submitted = new HashMap<>();
    private final Set<Node> described = new HashSet<>();
    private final Map<Node, Set<Node>> responsesOf = new HashMap<>();
    private final Set<Node> notices = new HashSet<>();
    private final Set<Node> answers = new HashSet<>();
    private final Map<Node, LocalDate> received = new HashMap<>();

    public TimelinessDerivation(StreamRDF other) {
        super(other);
    }

    @Override
    public void triple(Triple t) {
        if (see(t)) {
            super.triple(t);
        }
    }

    @Override
    public void quad(Quad q) {
        if (see(q.asTriple())) {
            super.quad(q);
        }
    }

    /** Remembers what the rule needs; false for a derived fact coming in, which is dropped. */
    private boolean see(Triple t) {
        Node p = t.getPredicate();
        if (derivedPredicates.contains(p)) {
            return false;
        }
        Node s = t.getSubject();
        Node o = t.getObject();
        if (p.equals(KV.submittedOn)) {
            LocalDate d = date(o);
            if (d != null) {
                submitted.merge(s, d, (a, b) -> a.isBefore(b) ? a : b);
            }
        } else if (p.equals(KV.hasResponse)) {
            responsesOf.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(o);
            described.add(s);
        } else if (p.equals(KV.hasQuestion)) {
            described.add(s);
        } else if (p.equals(KV.type)) {
            if (o.equals(KV.PostponementNotice)) {
                notices.add(s);
            } else if (o.equals(KV.Response)) {
                answers.add(s);
            }
        } else if (p.equals(KV.receivedOn)) {
            LocalDate d = date(o);
            if (d != null) {
                received.merge(s, d, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return true;
    }

    private static LocalDate date(Node o) {
        if (!o.isLiteral()) {
            return null;
        }
        try {
            return LocalDate.parse(o.getLiteralLexicalForm());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The facts of every set seen so far, by set, in a stable order. */
    public Map<Node, Timeliness.Facts> facts() {
        Map<Node, Timeliness.Facts> all = new TreeMap<>(Comparator.comparing(Node::toString));
        for (Map.Entry<Node, LocalDate> e : submitted.entrySet()) {
            Node set = e.getKey();
            if (!described.contains(set)) {
                continue;
            }
            List<Timeliness.Notice> list = new ArrayList<>();
            for (Node r : responsesOf.getOrDefault(set, Set.of())) {
                // A response typed as a postponement notice is one, even if also typed kv:Response.
                if (notices.contains(r)) {
                    list.add(Timeliness.Notice.postponement(received.get(r)));
                } else if (answers.contains(r)) {
                    list.add(Timeliness.Notice.answer(received.get(r)));
                }
            }
            all.put(set, Timeliness.of(e.getValue(), list));
        }
        return all;
    }

    /** The derived triples of every set seen so far, sorted. */
    public List<Triple> derivedTriples() {
        List<Triple> out = new ArrayList<>();
        for (Map.Entry<Node, Timeliness.Facts> e : facts().entrySet()) {
            Node s = e.getKey();
            Timeliness.Facts f = e.getValue();
            out.add(Triple.create(s, KV.dueDate, date(f.dueDate())));
            out.add(Triple.create(s, KV.postponementCount, integer(f.postponementCount())));
            if (f.firstAnswerOn() != null) {
                out.add(Triple.create(s, KV.firstAnswerOn, date(f.firstAnswerOn())));
                out.add(Triple.create(s, KV.daysToAnswer, integer(f.daysToAnswer())));
            }
            out.add(Triple.create(s, KV.timelinessStatus, concept(f.status())));
        }
        out.sort(ORDER);
        return out;
    }

    /** Sends the derived facts to the wrapped stream: into {@code graph}, or as plain triples when it is null. */
    public void emit(Node graph) {
        for (Triple t : derivedTriples()) {
            if (graph == null) {
                super.triple(t);
            } else {
                super.quad(Quad.create(graph, t));
            }
        }
    }

    /** The concept of a status, {@code kv:AnsweredOnTime} etc. */
    public static Node concept(Timeliness.Status status) {
        return NodeFactory.createURI(KV.NS + status.localName());
    }

    private static Node date(LocalDate d) {
        return NodeFactory.createLiteralDT(d.toString(), XSDDatatype.XSDdate);
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }
}
