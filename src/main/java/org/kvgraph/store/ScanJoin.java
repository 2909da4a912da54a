package org.kvgraph.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.iterator.QueryIter1;
import org.apache.jena.sparql.engine.iterator.QueryIterSingleton;
import org.apache.jena.sparql.util.Symbol;
import org.apache.jena.tdb2.solver.BindingNodeId;
import org.apache.jena.tdb2.solver.BindingTDB;
import org.apache.jena.tdb2.solver.PatternMatchTDB2;
import org.apache.jena.tdb2.solver.QC2;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;

/**
 * Joins a triple pattern whose subject is already bound (by the rows coming in) and whose predicate is an IRI, over
 * the union of the named graphs, either by looking each row's subject up in TDB2's SPOG index, as TDB2 does, or,
 * once enough rows have come, by reading the predicate's whole range of the POSG index once into a hash table and
 * looking the subjects up there.
 *
 * <p>Why: a listing joins tens of thousands of rows with each of several such patterns ({@code ?set
 * kv:submittedOn ?submitted}, an OPTIONAL's {@code ?set dcterms:title ?title}), and TDB2 answers each row with
 * its own B+tree search, a range iterator and its buffers: the profiles of queries 07 and 09 had more than half of
 * their samples there, and the cost of a search grows with the index (issue 8, target 7). Reading the
 * predicate's range is a sequential walk over leaves, a small fraction of a search per entry.
 *
 * <p>When: the rows are looked up one by one, as TDB2 does, until {@value #DEFAULT_AFTER} have come; from then on
 * the range is read in portions, at most {@value #DEFAULT_FACTOR} entries for each row that has come so far, and
 * only when it has been read to its end are the rows answered from the table. Reading an entry into the table
 * took 0.10 to 0.13 µs (query 07 at 50,000 sets, nine ranges of 29,853 to 90,673 entries), a search about 2.5 µs;
 * so the range is read once the rows that came would have paid for it in searches, as in renting skis until their
 * price is spent. A pattern whose predicate has far more entries than rows come (a LIMIT, a small input) stays
 * with the searches and has read in vain at most that many entries a row. Both numbers can be set in the query's
 * context ({@link #AFTER}, {@link #FACTOR}) or as system properties ({@code kvgraph.scanjoin.after},
 * {@code kvgraph.scanjoin.factor}); {@code -Dkvgraph.scanjoin=false} turns the whole off, for measuring the
 * difference.
 *
 * <p>The rows are those TDB2 gives, in its order: for each row coming in, the matches in the order of the objects'
 * node ids (the order of both indexes for one subject and predicate), a triple in several graphs once, and an
 * object already bound in the row compared by node id, as TDB2 does. A row whose subject is not bound, or bound to
 * a term TDB2 could not give an id, is left to TDB2 ({@code ScanJoinTest}).
 */
final class ScanJoin {
    /** Rows to come before the range is read (a number in the query's context). */
    static final Symbol AFTER = Symbol.create("https://w3id.org/kvgraph/def#scanJoinAfter");
    /** Range entries read at most per row come (a number in the query's context). */
    static final Symbol FACTOR = Symbol.create("https://w3id.org/kvgraph/def#scanJoinFactor");

    static final long DEFAULT_AFTER = 1024;
    static final long DEFAULT_FACTOR = 32;

    /** Hash tables completed since the start (for tests). */
    static final AtomicLong TABLES = new AtomicLong();

    static final boolean OFF = "false".equals(System.getProperty("kvgraph.scanjoin"));

    private final ExecutionContext cxt;
    private final DatasetGraphTDB dsg;
    private final NodeTable nodes;
    private final TupleIndex spog;
    private final TupleIndex posg;
    private final long after;
    private final long factor;

    private ScanJoin(ExecutionContext cxt, DatasetGraphTDB dsg, TupleIndex spog, TupleIndex posg) {
        this.cxt = cxt;
        this.dsg = dsg;
        this.nodes = dsg.getQuadTable().getNodeTupleTable().getNodeTable();
        this.spog = spog;
        this.posg = posg;
        this.after = number(cxt, AFTER, Long.getLong("kvgraph.scanjoin.after", DEFAULT_AFTER));
        this.factor = number(cxt, FACTOR, Long.getLong("kvgraph.scanjoin.factor", DEFAULT_FACTOR));
    }

    private static long number(ExecutionContext cxt, Symbol key, long otherwise) {
        Object v = cxt.getContext().get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v != null) {
            return Long.parseLong(v.toString().strip());
        }
        return otherwise;
    }

    /**
     * The joins for a query's execution, or null where they do not apply: not a TDB2 dataset, a TDB2 filter on
     * tuples (access control) or no SPOG and POSG index. (The patterns to join are those TDB2 rewrote as quad
     * patterns over the union graph, as it does when the union is the default graph.)
     */
    static ScanJoin forContext(ExecutionContext cxt) {
        if (OFF || !(cxt.getDataset() instanceof DatasetGraphTDB dsg) || QC2.getFilter(cxt.getContext()) != null) {
            return null;
        }
        TupleIndex spog = null;
        TupleIndex posg = null;
        for (TupleIndex index : dsg.getQuadTable().getNodeTupleTable().getTupleTable().getIndexes()) {
            if ("SPOG".equals(index.getName())) {
                spog = index;
            } else if ("POSG".equals(index.getName())) {
                posg = index;
            }
        }
        return spog == null || posg == null ? null : new ScanJoin(cxt, dsg, spog, posg);
    }

    /** Whether a triple can be a step once the given variables are bound. */
    static boolean joinable(Triple t, Set<Var> bound) {
        Node s = t.getSubject();
        Node o = t.getObject();
        return s.isVariable() && bound.contains(Var.alloc(s)) && t.getPredicate().isURI()
                && (o.isURI() || o.isLiteral() || (o.isVariable() && !o.equals(s)));
    }

    /**
     * The steps for the triples in their order, each joinable once the given variables and those of the triples
     * before it are bound; null if one is not.
     */
    List<Step> steps(List<Triple> triples, Set<Var> bound) {
        Set<Var> vars = new HashSet<>(bound);
        List<Step> steps = new ArrayList<>(triples.size());
        for (Triple t : triples) {
            if (!joinable(t, vars)) {
                return null;
            }
            steps.add(new Step(t));
            if (t.getObject().isVariable()) {
                vars.add(Var.alloc(t.getObject()));
            }
        }
        return steps;
    }

    /** Every row the steps give for one row, in TDB2's order. */
    static Iterator<Binding> chain(List<Step> steps, int from, Binding row) {
        Iterator<Binding> rows = steps.get(from).apply(row);
        if (from + 1 == steps.size()) {
            return rows;
        }
        return Iter.flatMap(rows, r -> chain(steps, from + 1, r));
    }

    /** The rows of {@code input} joined with the steps. */
    QueryIterator join(QueryIterator input, List<Step> steps) {
        return new Rows(input, row -> chain(steps, 0, row), cxt);
    }

    /** The rows of {@code input} left-joined with the steps (an OPTIONAL): a row without a match comes as it is. */
    QueryIterator leftJoin(QueryIterator input, List<Step> steps) {
        return new Rows(input, row -> {
            Iterator<Binding> matches = chain(steps, 0, row);
            return matches.hasNext() ? matches : Iter.singletonIterator(row);
        }, cxt);
    }

    /** The id of a variable's term in a row: null if unbound, {@link NodeId#NodeDoesNotExist} if not stored. */
    private NodeId idOf(Binding row, Var v) {
        if (row instanceof BindingTDB t) {
            NodeId id = t.getNodeId(v);
            if (id != null) {
                return id;
            }
        }
        Node n = row.get(v);
        return n == null ? null : nodes.getNodeIdForNode(n);
    }

    private NodeId constant(Node n) {
        return nodes.getNodeIdForNode(n);
    }

    /** One triple pattern, joined with the rows that come. */
    final class Step {
        private final Triple triple;
        private final Var subject;
        /** The object's variable, or null when the object is a term. */
        private final Var object;
        private final NodeId predicateId;
        /** The object's id when it is a term. */
        private final NodeId objectId;
        /** True when the predicate or the object term is not stored: nothing matches. */
        private final boolean none;

        private long rows;
        private long read;
        private Iterator<Tuple<NodeId>> scan;
        private boolean complete;
        private NodeId lastS;
        private NodeId lastO;
        /** Subject id to its objects' ids (a NodeId or a NodeId[]), when the object is a variable. */
        private HashMap<NodeId, Object> objects;
        /** The subjects that have the object term. */
        private HashSet<NodeId> subjects;

        Step(Triple t) {
            this.triple = t;
            this.subject = Var.alloc(t.getSubject());
            this.object = t.getObject().isVariable() ? Var.alloc(t.getObject()) : null;
            this.predicateId = constant(t.getPredicate());
            this.objectId = object == null ? constant(t.getObject()) : null;
            this.none = NodeId.isDoesNotExist(predicateId) || (objectId != null && NodeId.isDoesNotExist(objectId));
        }

        Iterator<Binding> apply(Binding row) {
            NodeId s = idOf(row, subject);
            if (s == null) {
                return byTdb2(row);
            }
            if (none || NodeId.isDoesNotExist(s)) {
                return Collections.emptyIterator();
            }
            NodeId bound = null;
            if (object != null) {
                bound = idOf(row, object);
                if (bound != null && NodeId.isDoesNotExist(bound)) {
                    return Collections.emptyIterator();
                }
            }
            rows++;
            if (!complete && rows >= after) {
                read(factor * rows);
            }
            if (object == null || bound != null) {
                NodeId want = object == null ? objectId : bound;
                boolean has = complete ? has(s, want) : lookUp(s, want);
                return has ? Iter.singletonIterator(row) : Collections.emptyIterator();
            }
            Object found = complete ? objects.get(s) : lookUp(s);
            if (found == null) {
                return Collections.emptyIterator();
            }
            if (found instanceof NodeId id) {
                return Iter.singletonIterator(extend(row, id));
            }
            NodeId[] ids = (NodeId[]) found;
            return Iter.map(Arrays.asList(ids).iterator(), id -> extend(row, id));
        }

        private Binding extend(Binding row, NodeId id) {
            BindingNodeId ids = row instanceof BindingTDB t ? new BindingNodeId(t.getBindingId()) : new BindingNodeId(row);
            ids.put(object, id);
            return new BindingTDB(ids, nodes);
        }

        /** A row TDB2 answers itself. */
        private Iterator<Binding> byTdb2(Binding row) {
            return PatternMatchTDB2.execute(dsg, Node.ANY, BasicPattern.wrap(List.of(triple)),
                    QueryIterSingleton.create(row, cxt), null, cxt);
        }

        private boolean has(NodeId s, NodeId o) {
            if (object == null) {
                return subjects.contains(s);
            }
            Object found = objects.get(s);
            if (found instanceof NodeId id) {
                return id.equals(o);
            }
            if (found == null) {
                return false;
            }
            for (NodeId id : (NodeId[]) found) {
                if (id.equals(o)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the SPOG index has the triple in some graph. */
        private boolean lookUp(NodeId s, NodeId o) {
            return spog.find(TupleFactory.create4(NodeId.NodeIdAny, s, predicateId, o)).hasNext();
        }

        /** The distinct objects the SPOG index has for the subject, in its order (a NodeId, a NodeId[] or null). */
        private Object lookUp(NodeId s) {
            Iterator<Tuple<NodeId>> it = spog.find(TupleFactory.create4(NodeId.NodeIdAny, s, predicateId,
                    NodeId.NodeIdAny));
            Object found = null;
            NodeId last = null;
            while (it.hasNext()) {
                NodeId o = it.next().get(3);
                if (o.equals(last)) {
                    continue;
                }
                last = o;
                found = add(found, o);
            }
            return found;
        }

        /** Reads the POSG range on, up to {@code budget} entries in all; the table is complete at its end. */
        private void read(long budget) {
            if (scan == null) {
                scan = posg.find(TupleFactory.create4(NodeId.NodeIdAny, NodeId.NodeIdAny, predicateId,
                        object == null ? objectId : NodeId.NodeIdAny));
                if (object == null) {
                    subjects = new HashSet<>();
                } else {
                    objects = new HashMap<>();
                }
            }
            while (read < budget && scan.hasNext()) {
                Tuple<NodeId> t = scan.next();
                read++;
                NodeId s = t.get(1);
                NodeId o = t.get(3);
                if (s.equals(lastS) && o.equals(lastO)) {
                    continue; // the same triple in another graph
                }
                lastS = s;
                lastO = o;
                if (object == null) {
                    subjects.add(s);
                } else {
                    objects.merge(s, o, (had, one) -> add(had, (NodeId) one));
                }
            }
            if (!scan.hasNext()) {
                complete = true;
                scan = null;
                TABLES.incrementAndGet();
            }
        }
    }

    /** Adds an object to a subject's: the objects come in ascending order of id, each once. */
    private static Object add(Object had, NodeId o) {
        if (had == null) {
            return o;
        }
        if (had instanceof NodeId one) {
            return new NodeId[] {one, o};
        }
        NodeId[] many = (NodeId[]) had;
        NodeId[] more = Arrays.copyOf(many, many.length + 1);
        more[many.length] = o;
        return more;
    }

    /** The rows each input row gives, one input row at a time. */
    private static final class Rows extends QueryIter1 {
        private final Function<Binding, Iterator<Binding>> each;
        private Iterator<Binding> current = Collections.emptyIterator();

        Rows(QueryIterator input, Function<Binding, Iterator<Binding>> each, ExecutionContext cxt) {
            super(input, cxt);
            this.each = each;
        }

        @Override
        protected boolean hasNextBinding() {
            while (!current.hasNext()) {
                QueryIterator in = getInput();
                if (in == null || !in.hasNext()) {
                    return false;
                }
                current = each.apply(in.next());
            }
            return true;
        }

        @Override
        protected Binding moveToNextBinding() {
            if (!hasNextBinding()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        @Override
        protected void requestSubCancel() {
        }

        @Override
        protected void closeSubIterator() {
        }
    }
}
