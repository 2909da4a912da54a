package org.kvgraph.timeliness;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.jena.atlas.data.SortedDataBag;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.kvgraph.rdf.KV;
import org.kvgraph.spill.LineBags;

/**
 * The derivation step of every build: passes the converted graph through unchanged, remembers what the
 * {@link Timeliness} rule needs (each set's {@code kv:submittedOn}, its {@code kv:hasResponse}s, each response's
 * type and {@code kv:receivedOn}), and at {@link #emit} sends the derived facts of every set
 * ({@code kv:dueDate}, {@code kv:postponementCount}, {@code kv:firstAnswerOn}, {@code kv:daysToAnswer},
 * {@code kv:timelinessStatus}), and on each of its dated responses {@code kv:daysAfterSubmission} (days from
 * the set's submission to the response's receipt, every answer and notice, not only the first), sorted, so the
 * same input always gives the same output. What the rule needs is kept in bags of lines that sort on disk beyond
 * a memory budget, so a corpus of any size is derived in the same memory. Triples with these
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
public final class TimelinessDerivation extends StreamRDFWrapper implements AutoCloseable {
    /** The name (under {@code graph/} of the base) of the named graph the derived facts go to in a store. */
    public static final String GRAPH_NAME = "derived-timeliness";

    private final Set<Node> derivedPredicates = new HashSet<>(KV.TIMELINESS);
    // What the rule needs is kept as lines in bags that sort on disk beyond a memory budget (LineBags), so the
    // memory the derivation takes does not grow with the corpus. A line is a key (a subject's or object's own
    // text, see key()), a tab, a code and its values:
    //   byResponse: "<response>\tL\t<set>" (kv:hasResponse), "<response>\tN" / "\tA" (typed as a postponement
    //               notice / a response), "<response>\tD\t<epoch day>" (kv:receivedOn);
    //   bySet:      "<set>\tS\t<epoch day>" (kv:submittedOn), "<set>\tQ" (described: kv:hasQuestion or
    //               kv:hasResponse), and, joined from byResponse, "<set>\tR\t<response>\t<N|A>\t<epoch day or ->".
    // Sorted, each key's lines are side by side (a tab sorts before every character of a key).
    private final SortedDataBag<String> byResponse;
    private final SortedDataBag<String> bySet;
    private final long budget;
    private boolean joined;
    private String lastDescribed;

    public TimelinessDerivation(StreamRDF other) {
        this(other, LineBags.DEFAULT_BUDGET);
    }

    /** With the bytes of lines each of its bags holds in memory before it sorts them to disk. */
    public TimelinessDerivation(StreamRDF other, long budget) {
        super(other);
        this.budget = budget;
        this.byResponse = LineBags.sorted(budget);
        this.bySet = LineBags.sorted(budget);
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
            int d = day(o);
            if (d != NO_DATE) {
                add(bySet, key(s) + "\tS\t" + d);
            }
        } else if (p.equals(KV.hasResponse)) {
            String set = key(s);
            add(byResponse, key(o) + "\tL\t" + set);
            described(set);
        } else if (p.equals(KV.hasQuestion)) {
            described(key(s));
        } else if (p.equals(KV.type)) {
            if (o.equals(KV.PostponementNotice)) {
                add(byResponse, key(s) + "\tN");
            } else if (o.equals(KV.Response)) {
                add(byResponse, key(s) + "\tA");
            }
        } else if (p.equals(KV.receivedOn)) {
            int d = day(o);
            if (d != NO_DATE) {
                add(byResponse, key(s) + "\tD\t" + d);
            }
        }
        return true;
    }

    private void add(SortedDataBag<String> bag, String line) {
        if (joined) {
            throw new IllegalStateException("the derivation has been emitted; it takes no more triples");
        }
        bag.add(line);
    }

    /** A set is described (a set's questions come one after another: each set is written once for them). */
    private void described(String set) {
        if (!set.equals(lastDescribed)) {
            add(bySet, set + "\tQ");
            lastDescribed = set;
        }
    }

    private static final int NO_DATE = Integer.MIN_VALUE;

    /**
     * The key of a node: an IRI's own text (so keys sort as the nodes' string forms do), a blank node's label in
     * hex after {@code _:}, and anything else (an IRI with a tab or line break in it, which is no valid IRI; a
     * literal where a resource belongs, which never gets facts) its string form in hex after {@code ~}. No IRI
     * starts with {@code _:} or {@code ~}, and no key has a tab or line break in it.
     */
    static String key(Node n) {
        if (n.isURI()) {
            String u = n.getURI();
            if (u.indexOf('\t') < 0 && u.indexOf('\n') < 0 && u.indexOf('\r') < 0) {
                return u;
            }
            return "~" + hex(u);
        }
        return n.isBlank() ? "_:" + hex(n.getBlankNodeLabel()) : "~" + hex(n.toString());
    }

    /** The node of a key made by {@link #key} (of a set or response: an IRI or a blank node). */
    static Node node(String key) {
        if (key.startsWith("_:")) {
            return NodeFactory.createBlankNode(unhex(key.substring(2)));
        }
        return NodeFactory.createURI(key.startsWith("~") ? unhex(key.substring(1)) : key);
    }

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unhex(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
    }

    private static int day(Node o) {
        if (!o.isLiteral()) {
            return NO_DATE;
        }
        try {
            return Math.toIntExact(LocalDate.parse(o.getLiteralLexicalForm()).toEpochDay());
        } catch (DateTimeParseException | ArithmeticException e) {
            return NO_DATE;
        }
    }

    private static LocalDate date(int epochDay) {
        return epochDay == NO_DATE ? null : LocalDate.ofEpochDay(epochDay);
    }

    /** The lines of a sorted bag, a key's lines at a time (as lists of the fields after the key). */
    private static void forEachKey(SortedDataBag<String> bag, BiConsumer<String, List<String[]>> each) {
        Iterator<String> lines = bag.iterator();
        try {
            String key = null;
            List<String[]> group = new ArrayList<>();
            String previous = null;
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.equals(previous)) {
                    continue; // the same fact twice
                }
                previous = line;
                String[] fields = line.split("\t", -1);
                if (!fields[0].equals(key)) {
                    if (key != null) {
                        each.accept(key, group);
                    }
                    key = fields[0];
                    group = new ArrayList<>();
                }
                group.add(fields);
            }
            if (key != null) {
                each.accept(key, group);
            }
        } finally {
            Iter.close(lines);
        }
    }

    /** Joins each response's type and receipt date to its sets (once, when the triples are all in). */
    private void join() {
        if (joined) {
            return;
        }
        joined = true;
        forEachKey(byResponse, (response, lines) -> {
            boolean notice = false;
            boolean answer = false;
            int received = NO_DATE;
            List<String> sets = new ArrayList<>();
            for (String[] f : lines) {
                switch (f[1]) {
                    case "L" -> sets.add(f[2]);
                    case "N" -> notice = true;
                    case "A" -> answer = true;
                    case "D" -> {
                        int d = Integer.parseInt(f[2]);
                        received = received == NO_DATE ? d : Math.min(received, d);
                    }
                    default -> throw new IllegalStateException("unknown line code " + f[1]);
                }
            }
            // A response typed as a postponement notice is one, even if also typed kv:Response.
            if (notice || answer) {
                String tail = "\t" + response + (notice ? "\tN\t" : "\tA\t") + (received == NO_DATE ? "-" : Integer.toString(received));
                for (String set : sets) {
                    bySet.add(set + "\tR" + tail);
                }
            }
        });
        byResponse.close();
    }

    /** One set's facts and its dated responses ({@code response key -> epoch day}). */
    private record SetFacts(String set, Timeliness.Facts facts, int submitted, List<String> responses, int[] received) {
    }

    /** Calls {@code each} with every set that gets facts, in the order of the set's key. */
    private void forEachSet(Consumer<SetFacts> each) {
        join();
        forEachKey(bySet, (set, lines) -> {
            int submitted = NO_DATE;
            boolean described = false;
            List<Timeliness.Notice> notices = new ArrayList<>();
            List<String> responses = new ArrayList<>();
            List<Integer> received = new ArrayList<>();
            for (String[] f : lines) {
                switch (f[1]) {
                    case "S" -> {
                        int d = Integer.parseInt(f[2]);
                        submitted = submitted == NO_DATE ? d : Math.min(submitted, d);
                    }
                    case "Q" -> described = true;
                    case "R" -> {
                        int d = f[4].equals("-") ? NO_DATE : Integer.parseInt(f[4]);
                        notices.add(f[3].equals("N") ? Timeliness.Notice.postponement(date(d)) : Timeliness.Notice.answer(date(d)));
                        if (d != NO_DATE) {
                            responses.add(f[2]);
                            received.add(d);
                        }
                    }
                    default -> throw new IllegalStateException("unknown line code " + f[1]);
                }
            }
            if (submitted != NO_DATE && described) {
                each.accept(new SetFacts(set, Timeliness.of(date(submitted), notices), submitted, responses,
                        received.stream().mapToInt(Integer::intValue).toArray()));
            }
        });
    }

    /** The facts of every set seen so far, by set, in a stable order (held in memory: for tests and small data). */
    public Map<Node, Timeliness.Facts> facts() {
        Map<Node, Timeliness.Facts> all = new LinkedHashMap<>();
        forEachSet(f -> all.put(node(f.set()), f.facts()));
        return all;
    }

    /**
     * Calls {@code each} with every derived triple: subjects (sets and responses) in the order of their string
     * form, each one's triples by predicate and object; sorted on disk beyond the memory budget, like the input.
     */
    private void forEachTriple(Consumer<Triple> each) {
        // An output line: subject key, predicate IRI, the object's string form (the order), a kind and a value.
        SortedDataBag<String> out = LineBags.sorted(budget);
        try {
            forEachSet(f -> {
                String s = f.set();
                Timeliness.Facts facts = f.facts();
                out.add(s + "\t" + KV.dueDate.getURI() + "\t" + line(date(facts.dueDate())));
                out.add(s + "\t" + KV.postponementCount.getURI() + "\t" + line(integer(facts.postponementCount())));
                if (facts.firstAnswerOn() != null) {
                    out.add(s + "\t" + KV.firstAnswerOn.getURI() + "\t" + line(date(facts.firstAnswerOn())));
                    out.add(s + "\t" + KV.daysToAnswer.getURI() + "\t" + line(integer(facts.daysToAnswer())));
                }
                out.add(s + "\t" + KV.timelinessStatus.getURI() + "\t" + line(concept(facts.status())));
                for (int i = 0; i < f.responses().size(); i++) {
                    out.add(f.responses().get(i) + "\t" + KV.daysAfterSubmission.getURI() + "\t"
                            + line(integer(f.received()[i] - f.submitted())));
                }
            });
            Iterator<String> lines = out.iterator();
            try {
                String previous = null;
                while (lines.hasNext()) {
                    String line = lines.next();
                    if (line.equals(previous)) {
                        continue; // a response of two sets submitted the same day: its days once
                    }
                    previous = line;
                    String[] f = line.split("\t", -1);
                    Node o = switch (f[3]) {
                        case "d" -> NodeFactory.createLiteralDT(f[4], XSDDatatype.XSDdate);
                        case "i" -> NodeFactory.createLiteralDT(f[4], XSDDatatype.XSDinteger);
                        default -> NodeFactory.createURI(f[4]);
                    };
                    each.accept(Triple.create(node(f[0]), NodeFactory.createURI(f[1]), o));
                }
            } finally {
                Iter.close(lines);
            }
        } finally {
            out.close();
        }
    }

    /** An object in an output line: its string form (as the old in-memory sort ordered them), its kind, its value. */
    private static String line(Node o) {
        String kind = o.isURI() ? "u" : XSDDatatype.XSDdate.getURI().equals(o.getLiteralDatatypeURI()) ? "d" : "i";
        String value = o.isURI() ? o.getURI() : o.getLiteralLexicalForm();
        return o.toString() + "\t" + kind + "\t" + value;
    }

    /** The derived triples of every set and response seen so far, sorted (held in memory: for tests and small data). */
    public List<Triple> derivedTriples() {
        List<Triple> out = new ArrayList<>();
        forEachTriple(out::add);
        return out;
    }

    /** Sends the derived facts to the wrapped stream: into {@code graph}, or as plain triples when it is null. */
    public void emit(Node graph) {
        forEachTriple(t -> {
            if (graph == null) {
                super.triple(t);
            } else {
                super.quad(Quad.create(graph, t));
            }
        });
    }

    /** Deletes what was sorted to disk. */
    @Override
    public void close() {
        byResponse.close();
        bySet.close();
    }

    /**
     * Derives the facts again from what a dataset holds now and puts them in place of the named graph
     * {@code graph} (a server in update mode, after writes: an answer or a postponement notice added through
     * {@code /update} changes the facts of its set, which a load would otherwise only recompute at the next load).
     * Reads, in one read transaction, only the triples the rule needs from the union of the named graphs (where
     * kvgraph's store keeps everything; the derived graph's own facts are not among them), then replaces the graph
     * in one write transaction. Returns the number of facts. The dataset must not be in a transaction.
     */
    public static long recompute(DatasetGraph dataset, Node graph) {
        List<Triple> facts = new ArrayList<>();
        Txn.executeRead(dataset, () -> {
            try (TimelinessDerivation d = new TimelinessDerivation(StreamRDFLib.sinkNull())) {
                Graph data = dataset.getUnionGraph();
                for (Node p : List.of(KV.submittedOn, KV.hasResponse, KV.hasQuestion, KV.receivedOn)) {
                    data.find(Node.ANY, p, Node.ANY).forEachRemaining(d::triple);
                }
                for (Node type : List.of(KV.PostponementNotice, KV.Response)) {
                    data.find(Node.ANY, KV.type, type).forEachRemaining(d::triple);
                }
                d.forEachTriple(facts::add);
            }
        });
        Txn.executeWrite(dataset, () -> {
            dataset.removeGraph(graph);
            facts.forEach(t -> dataset.add(graph, t.getSubject(), t.getPredicate(), t.getObject()));
        });
        return facts.size();
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
