package org.kvgraph.timeliness;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.kvgraph.rdf.KV;

/**
 * The derivation step of every build: passes the converted graph through unchanged, remembers what the
 * {@link Timeliness} rule needs (each set's {@code kv:submittedOn}, its {@code kv:hasResponse}s, each response's
 * type and {@code kv:receivedOn}), and at {@link #emit} sends the derived facts of every set
 * ({@code kv:dueDate}, {@code kv:postponementCount}, {@code kv:firstAnswerOn}, {@code kv:daysToAnswer},
 * {@code kv:timelinessStatus}), and on each of its dated responses {@code kv:daysAfterSubmission} (days from
 * the set's submission to the response's receipt, every answer and notice, not only the first), sorted, so the
 * same input always gives the same output. Triples with these
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
    // Compact state, so that the derivation of a corpus of hundreds of thousands of sets fits a small heap:
    // every subject or object the rule needs gets an int id (UriIds: URIs as a tree of path segments, so common
    // prefixes are kept once; the rare blank node is also kept as a Node), dates are epoch days in int arrays, flags are bits, and kv:hasResponse links are pairs of
    // ids in one growing int array. No Jena Node, LocalDate or per-set collection is kept.
    private final UriIds ids = new UriIds();
    private final Map<Integer, Node> nonUri = new HashMap<>();
    private int[] submitted = filled(1024);
    private int[] received = filled(1024);
    private final BitSet described = new BitSet();
    private final BitSet notices = new BitSet();
    private final BitSet answers = new BitSet();
    private int[] links = new int[2048];
    private int linkCount;

    private static final int NO_DATE = Integer.MIN_VALUE;

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
            int d = day(o);
            if (d != NO_DATE) {
                int id = id(s);
                submitted[id] = submitted[id] == NO_DATE ? d : Math.min(submitted[id], d);
            }
        } else if (p.equals(KV.hasResponse)) {
            int set = id(s);
            int response = id(o);
            if (linkCount + 2 > links.length) {
                links = Arrays.copyOf(links, links.length * 2);
            }
            links[linkCount++] = set;
            links[linkCount++] = response;
            described.set(set);
        } else if (p.equals(KV.hasQuestion)) {
            described.set(id(s));
        } else if (p.equals(KV.type)) {
            if (o.equals(KV.PostponementNotice)) {
                notices.set(id(s));
            } else if (o.equals(KV.Response)) {
                answers.set(id(s));
            }
        } else if (p.equals(KV.receivedOn)) {
            int d = day(o);
            if (d != NO_DATE) {
                int id = id(s);
                received[id] = received[id] == NO_DATE ? d : Math.min(received[id], d);
            }
        }
        return true;
    }

    /** The id of a node, given on first sight. */
    private int id(Node n) {
        int id = n.isURI() ? ids.id(n.getURI()) : ids.wholeId(n.toString());
        if (id >= submitted.length) {
            int size = Math.max(submitted.length * 2, id + 1);
            int old = submitted.length;
            submitted = Arrays.copyOf(submitted, size);
            received = Arrays.copyOf(received, size);
            Arrays.fill(submitted, old, size, NO_DATE);
            Arrays.fill(received, old, size, NO_DATE);
        }
        if (!n.isURI()) {
            nonUri.putIfAbsent(id, n);
        }
        return id;
    }

    private Node node(int id) {
        Node blank = nonUri.get(id);
        return blank != null ? blank : NodeFactory.createURI(ids.name(id));
    }

    /** Sorts ids by their node's string form (each name made once). */
    private void sortByName(Integer[] order) {
        Map<Integer, String> name = new HashMap<>();
        for (Integer id : order) {
            name.put(id, node(id).toString());
        }
        Arrays.sort(order, Comparator.comparing(name::get));
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, NO_DATE);
        return a;
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

    /** The ids of the sets that get facts, ordered by their node's string form. */
    private Integer[] setsInOrder() {
        List<Integer> sets = new ArrayList<>();
        for (int id = 0; id < Math.min(ids.size(), submitted.length); id++) {
            if (submitted[id] != NO_DATE && described.get(id)) {
                sets.add(id);
            }
        }
        Integer[] order = sets.toArray(new Integer[0]);
        sortByName(order);
        return order;
    }

    /** The distinct responses of each set: {@code [set] -> response ids}, from the pairs, sorted and de-duplicated. */
    private long[] sortedLinks() {
        long[] pairs = new long[linkCount / 2];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = ((long) links[2 * i] << 32) | (links[2 * i + 1] & 0xffffffffL);
        }
        Arrays.sort(pairs);
        return pairs;
    }

    /** The facts of one set, from its responses {@code pairs[from, to)} (all with this set, maybe repeated). */
    private Timeliness.Facts factsOf(int set, long[] pairs, int from, int to) {
        List<Timeliness.Notice> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (i > from && pairs[i] == pairs[i - 1]) {
                continue;
            }
            int r = (int) pairs[i];
            // A response typed as a postponement notice is one, even if also typed kv:Response.
            if (notices.get(r)) {
                list.add(Timeliness.Notice.postponement(date(received[r])));
            } else if (answers.get(r)) {
                list.add(Timeliness.Notice.answer(date(received[r])));
            }
        }
        return Timeliness.of(date(submitted[set]), list);
    }

    /** Calls {@code each} with every set that gets facts and its facts, in the order of the set's string form. */
    private void forEachSet(java.util.function.BiConsumer<Node, Timeliness.Facts> each) {
        long[] pairs = sortedLinks();
        for (int set : setsInOrder()) {
            long lo = (long) set << 32;
            int from = lowerBound(pairs, lo);
            int to = lowerBound(pairs, lo + (1L << 32));
            each.accept(node(set), factsOf(set, pairs, from, to));
        }
    }

    private static int lowerBound(long[] a, long key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The facts of every set seen so far, by set, in a stable order. */
    public Map<Node, Timeliness.Facts> facts() {
        Map<Node, Timeliness.Facts> all = new LinkedHashMap<>();
        forEachSet(all::put);
        return all;
    }

    /** The derived triples of one set. */
    private static List<Triple> triplesOf(Node s, Timeliness.Facts f) {
        List<Triple> out = new ArrayList<>(5);
        out.add(Triple.create(s, KV.dueDate, date(f.dueDate())));
        out.add(Triple.create(s, KV.postponementCount, integer(f.postponementCount())));
        if (f.firstAnswerOn() != null) {
            out.add(Triple.create(s, KV.firstAnswerOn, date(f.firstAnswerOn())));
            out.add(Triple.create(s, KV.daysToAnswer, integer(f.daysToAnswer())));
        }
        out.add(Triple.create(s, KV.timelinessStatus, concept(f.status())));
        return out;
    }

    /**
     * {@code kv:daysAfterSubmission} of every dated response (answer or postponement notice) of a set that gets
     * facts: {@code response id << 32 | days} (days as an unsigned int), sorted and distinct.
     */
    private long[] responseDays(long[] pairs) {
        long[] days = new long[pairs.length];
        int n = 0;
        for (long pair : pairs) {
            int set = (int) (pair >>> 32);
            int r = (int) pair;
            if (submitted[set] != NO_DATE && described.get(set) && received[r] != NO_DATE
                    && (notices.get(r) || answers.get(r))) {
                days[n++] = ((long) r << 32) | ((received[r] - submitted[set]) & 0xffffffffL);
            }
        }
        days = Arrays.copyOf(days, n);
        Arrays.sort(days);
        return Arrays.stream(days).distinct().toArray();
    }

    /**
     * Calls {@code each} with the derived triples of every subject (set or response), subjects in the order of
     * their string form and each one's triples sorted: together the order of sorting all derived triples, without
     * holding them all.
     */
    private void forEachSubject(java.util.function.Consumer<List<Triple>> each) {
        long[] pairs = sortedLinks();
        long[] days = responseDays(pairs);
        BitSet isSet = new BitSet();
        BitSet hasDays = new BitSet();
        for (int id = 0; id < Math.min(ids.size(), submitted.length); id++) {
            if (submitted[id] != NO_DATE && described.get(id)) {
                isSet.set(id);
            }
        }
        for (long d : days) {
            hasDays.set((int) (d >>> 32));
        }
        BitSet subjects = (BitSet) isSet.clone();
        subjects.or(hasDays);
        Integer[] order = subjects.stream().boxed().toArray(Integer[]::new);
        sortByName(order);
        for (int id : order) {
            Node s = node(id);
            List<Triple> out = new ArrayList<>();
            if (isSet.get(id)) {
                long lo = (long) id << 32;
                out.addAll(triplesOf(s, factsOf(id, pairs, lowerBound(pairs, lo), lowerBound(pairs, lo + (1L << 32)))));
            }
            if (hasDays.get(id)) {
                long lo = (long) id << 32;
                for (int i = lowerBound(days, lo); i < days.length && (days[i] >>> 32) == id; i++) {
                    out.add(Triple.create(s, KV.daysAfterSubmission, integer((int) days[i])));
                }
            }
            out.sort(ORDER);
            each.accept(out);
        }
    }

    /** The derived triples of every set and response seen so far, sorted. */
    public List<Triple> derivedTriples() {
        List<Triple> out = new ArrayList<>();
        forEachSubject(out::addAll);
        return out;
    }

    /** Sends the derived facts to the wrapped stream: into {@code graph}, or as plain triples when it is null. */
    public void emit(Node graph) {
        forEachSubject(triples -> {
            for (Triple t : triples) {
                if (graph == null) {
                    super.triple(t);
                } else {
                    super.quad(Quad.create(graph, t));
                }
            }
        });
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
            TimelinessDerivation d = new TimelinessDerivation(StreamRDFLib.sinkNull());
            Graph data = dataset.getUnionGraph();
            for (Node p : List.of(KV.submittedOn, KV.hasResponse, KV.hasQuestion, KV.receivedOn)) {
                data.find(Node.ANY, p, Node.ANY).forEachRemaining(d::triple);
            }
            for (Node type : List.of(KV.PostponementNotice, KV.Response)) {
                data.find(Node.ANY, KV.type, type).forEachRemaining(d::triple);
            }
            d.forEachSubject(facts::addAll);
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
