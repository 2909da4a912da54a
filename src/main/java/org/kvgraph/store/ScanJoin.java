package org.kvgraph.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
import org.apache.jena.dboe.base.record.Record;
import org.apache.jena.dboe.base.record.RecordFactory;
import org.apache.jena.dboe.index.RangeIndex;
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
import org.apache.jena.tdb2.store.NodeIdFactory;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;

/**
 * Joins a triple pattern whose predicate is an IRI and whose subject (or else object) is already bound by the rows
 * coming in, over the union of the named graphs, either by looking each row's subject up in TDB2's SPOG index (its
 * object in POSG), as TDB2 does, or, once enough rows have come, by reading the predicate's whole range of the POSG
 * index once into a hash table and looking the subjects (objects) up there.
 *
 * <p>Why: a listing joins tens of thousands of rows with each of several such patterns ({@code ?set
 * kv:submittedOn ?submitted}, an OPTIONAL's {@code ?set dcterms:title ?title}), and TDB2 answers each row with
 * its own B+tree search, a range iterator and its buffers: the profiles of queries 07 and 09 had more than half of
 * their samples there, and the cost of a search grows with the index (issue 8, target 7). Reading the
 * predicate's range is a sequential walk over leaves, a small fraction of a search per entry.
 *
 * <p>When: the rows are looked up one by one, as TDB2 does, until {@value #DEFAULT_AFTER} have come and the rows
 * come so far times {@value #DEFAULT_FACTOR} reach the range's entries; then the range is read whole. Reading an
 * entry into the table took 0.11 to 0.26 µs (queries 07 and 12 at 50,000 sets, ranges of 50,000 to 546,976
 * entries), a search about 2.5 µs; so a range is read once the searches made would have paid for it several times
 * over, as in renting skis until their price is spent, but counting that the store keeps the table for the
 * queries after ({@link SharedTables}) and that a table is read in one go while searches are made one at a time.
 * The factor was 16 (one query's break-even) until the fourteenth session; with 64 query 12 at 200,000 sets (68,741
 * rows) reads tables for steps it searched row by row before (in-process 985 against 2,122 MB allocated a run;
 * over HTTP 1,437 and 1,819 against 2,341 and 2,236 ms p50, docs/benchmarks.md). A pattern whose predicate has far more
 * entries than rows come (a LIMIT, a small input) stays with the searches. A range's size is counted once per
 * store, and counted only as far as that rule needs (the rows come times the factor), so what is read in vain is
 * at most that many entries a row, once. A table an earlier query read and the store keeps is taken at a step's
 * first row, whatever the rule says ({@link #KEPT}). Both numbers can be set in the query's context ({@link #AFTER},
 * {@link #FACTOR}) or as system properties ({@code kvgraph.scanjoin.after}, {@code kvgraph.scanjoin.factor});
 * {@code -Dkvgraph.scanjoin=false} turns the whole off, for measuring the difference.
 *
 * <p>The rows are those TDB2 gives, in its order: for each row coming in, the matches in the order of the other
 * end's node ids (the order of the index TDB2 searches), a triple in several graphs once, and an end already bound
 * in the row compared by node id, as TDB2 does. A row that does not bind the key is left to TDB2
 * ({@code ScanJoinTest}). The rows made here are {@link IdRow}s: one row of ids whatever the steps it went through,
 * its terms read through {@link InlineNodes}.
 */
final class ScanJoin {
    /** Rows to come before the range is read (a number in the query's context). */
    static final Symbol AFTER = Symbol.create("https://w3id.org/kvgraph/def#scanJoinAfter");
    /** The range is read once the rows come times this reach its entries (a number in the query's context). */
    static final Symbol FACTOR = Symbol.create("https://w3id.org/kvgraph/def#scanJoinFactor");

    /**
     * Whether a table kept for the store is taken at a step's first row (a boolean in the query's context; default
     * true, {@code -Dkvgraph.scanjoin.kept=false} for false): else it is taken only when the rule would read it.
     */
    static final Symbol KEPT = Symbol.create("https://w3id.org/kvgraph/def#scanJoinKept");

    static final long DEFAULT_AFTER = 1024;
    static final long DEFAULT_FACTOR = 64;

    /** Steps that took to a table since the start, read or kept (for tests). */
    static final AtomicLong TABLES = new AtomicLong();

    static final boolean OFF = "false".equals(System.getProperty("kvgraph.scanjoin"));

    private static final Var[] NO_VARS = new Var[0];
    private static final NodeId[] NO_IDS = new NodeId[0];

    /** Where a query execution's context keeps its joins. */
    private static final Symbol SELF = Symbol.create("https://w3id.org/kvgraph/def#scanJoin");

    /** The thread of the query execution that made this (its steps and {@link #idBytes} are not shared). */
    private final Thread thread = Thread.currentThread();

    private final ExecutionContext cxt;
    private final DatasetGraphTDB dsg;
    private final NodeTable nodes;
    /** The node table the rows made here read their terms through: inline terms decoded once ({@link InlineNodes}). */
    private final NodeTable terms;
    private final TupleIndex spog;
    private final TupleIndex posg;
    /** POSG's B+tree, read by {@link Step#read()} without making a tuple of each entry. */
    private final RangeIndex posgRange;
    /** Eight bytes for turning a node id into its 64-bit form and back. */
    private final ByteBuffer idBytes = ByteBuffer.allocate(NodeId.SIZE);
    private final long after;
    private final long factor;
    private final boolean takeKept;
    /** The sizes and tables kept for the store. */
    private final SharedTables shared;
    /** The data version of the query's transaction (null outside one). */
    private final Long version;

    private ScanJoin(ExecutionContext cxt, DatasetGraphTDB dsg, TupleIndex spog, TupleIndexRecord posg) {
        this.cxt = cxt;
        this.dsg = dsg;
        this.nodes = dsg.getQuadTable().getNodeTupleTable().getNodeTable();
        this.terms = InlineNodes.over(nodes);
        this.spog = spog;
        this.posg = posg;
        this.posgRange = posg.getRangeIndex();
        this.shared = SharedTables.of(dsg);
        this.version = SharedTables.version(dsg);
        this.after = number(cxt, AFTER, Long.getLong("kvgraph.scanjoin.after", DEFAULT_AFTER));
        this.factor = number(cxt, FACTOR, Long.getLong("kvgraph.scanjoin.factor", DEFAULT_FACTOR));
        this.takeKept = cxt.getContext().isTrueOrUndef(KEPT)
                && !"false".equals(System.getProperty("kvgraph.scanjoin.kept"));
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
        // one per query execution (an OPTIONAL that is not joined here executes its right side for every row)
        if (cxt.getContext().get(SELF) instanceof ScanJoin made && made.dsg == dsg
                && made.thread == Thread.currentThread()) {
            return made;
        }
        TupleIndex spog = null;
        TupleIndexRecord posg = null;
        for (TupleIndex index : dsg.getQuadTable().getNodeTupleTable().getTupleTable().getIndexes()) {
            if ("SPOG".equals(index.getName())) {
                spog = index;
            } else if ("POSG".equals(index.getName()) && index instanceof TupleIndexRecord record) {
                posg = record;
            }
        }
        if (spog == null || posg == null) {
            return null;
        }
        ScanJoin made = new ScanJoin(cxt, dsg, spog, posg);
        cxt.getContext().set(SELF, made);
        return made;
    }

    /** Whether a triple can be a step once the given variables are bound. */
    static boolean joinable(Triple t, Set<Var> bound) {
        return bySubject(t, bound) || byObject(t, bound);
    }

    /** A subject the rows bind, an IRI for predicate and a term or another variable for object. */
    private static boolean bySubject(Triple t, Set<Var> bound) {
        Node s = t.getSubject();
        Node o = t.getObject();
        return s.isVariable() && bound.contains(Var.alloc(s)) && t.getPredicate().isURI()
                && (o.isURI() || o.isLiteral() || (o.isVariable() && !o.equals(s)));
    }

    /** An object the rows bind, an IRI for predicate and a variable they do not bind for subject. */
    private static boolean byObject(Triple t, Set<Var> bound) {
        Node s = t.getSubject();
        Node o = t.getObject();
        return o.isVariable() && bound.contains(Var.alloc(o)) && t.getPredicate().isURI() && s.isVariable()
                && !bound.contains(Var.alloc(s)) && !s.equals(o);
    }

    /**
     * The steps for the triples in their order, each joinable once the given variables and those of the triples
     * before it are bound; null if one is not.
     */
    List<Step> steps(List<Triple> triples, Set<Var> bound) {
        Set<Var> vars = new HashSet<>(bound);
        List<Step> steps = new ArrayList<>(triples.size());
        for (Triple t : triples) {
            if (bySubject(t, vars)) {
                steps.add(new Step(t, false));
            } else if (byObject(t, vars)) {
                steps.add(new Step(t, true));
            } else {
                return null;
            }
            vars.add(Var.alloc(t.getSubject()));
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

    /** A node id's 64-bit form, as the indexes hold it. */
    private long bits(NodeId id) {
        NodeIdFactory.set(id, idBytes, 0);
        return idBytes.getLong(0);
    }

    private NodeId id(long bits) {
        idBytes.putLong(0, bits);
        return NodeIdFactory.get(idBytes, 0);
    }

    /**
     * One triple pattern, joined with the rows that come by its key: its subject when the rows bind it, else its
     * object (a variable the rows bind, the subject a variable they do not).
     */
    final class Step {
        private final Triple triple;
        /** The variable the rows bind, looked up: the subject's, or the object's when {@link #byObject}. */
        private final Var key;
        /** The other end's variable, or null when the object is a term. */
        private final Var other;
        private final boolean byObject;
        private final NodeId predicateId;
        /** The object's id when it is a term. */
        private final NodeId objectId;
        /** True when the predicate or the object term is not stored: nothing matches. */
        private final boolean none;

        /** The range's key in {@link SharedTables#sizes}. */
        private final List<Long> rangeKey;
        /** The table's key in {@link SharedTables}: how it is keyed (set, by subject, by object), then the range's. */
        private final List<Long> tableKey;

        private long rows;
        /** The range's entries, -1 until known. */
        private long size = -1;
        private Iterator<Boolean> counting;
        private long counted;
        /** The variables of the rows this step made last, and those of the rows they came from (see varsAfter). */
        private Var[] lastIn;
        private Var[] lastOut;
        /** Where a TDB2 row's chain of ids is read into (see extend). */
        private Var[] scratchVars = new Var[8];
        private NodeId[] scratchIds = new NodeId[8];
        /** The entry the range's iterator is at. */
        private long entryS;
        private long entryO;
        private boolean complete;
        /**
         * Key to the other end's ids when the other end is a variable; else the subjects that have the object term.
         */
        private IdTable table;

        Step(Triple t, boolean byObject) {
            this.triple = t;
            this.byObject = byObject;
            Var s = Var.alloc(t.getSubject());
            Var o = t.getObject().isVariable() ? Var.alloc(t.getObject()) : null;
            this.key = byObject ? o : s;
            this.other = byObject ? s : o;
            this.predicateId = constant(t.getPredicate());
            this.objectId = o == null ? constant(t.getObject()) : null;
            this.none = NodeId.isDoesNotExist(predicateId) || (objectId != null && NodeId.isDoesNotExist(objectId));
            this.rangeKey = none ? null
                    : objectId == null ? List.of(bits(predicateId)) : List.of(bits(predicateId), bits(objectId));
            List<Long> k = new ArrayList<>();
            k.add(other == null ? 0L : byObject ? 2L : 1L);
            if (rangeKey != null) {
                k.addAll(rangeKey);
            }
            this.tableKey = List.copyOf(k);
        }

        Iterator<Binding> apply(Binding row) {
            NodeId k = idOf(row, key);
            if (k == null) {
                return byTdb2(row);
            }
            if (none || NodeId.isDoesNotExist(k)) {
                return Collections.emptyIterator();
            }
            NodeId bound = null;
            if (other != null) {
                bound = idOf(row, other);
                if (bound != null && NodeId.isDoesNotExist(bound)) {
                    return Collections.emptyIterator();
                }
            }
            rows++;
            if (!complete && rows == 1 && takeKept) {
                // a table an earlier query read on this store (and version) is taken at once: no search
                IdTable kept = shared.kept(tableKey, version);
                if (kept != null) {
                    table = kept;
                    complete = true;
                    TABLES.incrementAndGet();
                }
            }
            if (!complete && rows >= after && rows * factor >= size()) {
                read();
            }
            if (other == null || bound != null) {
                NodeId want = other == null ? objectId : bound;
                boolean has = complete ? has(k, want) : lookUp(k, want);
                return has ? Iter.singletonIterator(row) : Collections.emptyIterator();
            }
            // most keys have one match: that row is made at once, without an iterator over the matches
            if (complete) {
                int first = table.first(bits(k));
                if (first < 0) {
                    return Collections.emptyIterator();
                }
                if (table.next(first) < 0) {
                    return Iter.singletonIterator(extend(row, id(table.value(first))));
                }
                return Iter.map(fromTable(first), id -> extend(row, id));
            }
            Iterator<NodeId> found = lookUp(k);
            if (!found.hasNext()) {
                return Collections.emptyIterator();
            }
            Binding one = extend(row, found.next());
            if (!found.hasNext()) {
                return Iter.singletonIterator(one);
            }
            return Iter.concat(Iter.singletonIterator(one), Iter.map(found, id -> extend(row, id)));
        }

        /** The row with the other end's variable bound to {@code id}: an {@link IdRow}. */
        private Binding extend(Binding row, NodeId id) {
            if (IdRow.OFF) {
                BindingNodeId ids = row instanceof BindingTDB t
                        ? new BindingNodeId(t.getBindingId()) : new BindingNodeId(row);
                ids.put(other, id);
                return new BindingTDB(ids, terms);
            }
            Binding parent;
            Var[] in;
            NodeId[] inIds;
            int n;
            if (row instanceof IdRow r) {
                parent = r.parentRow();
                in = r.varArray();
                inIds = r.idArray();
                n = in.length;
            } else if (row instanceof BindingTDB t) {
                // TDB2's row (a pattern TDB2 matched before the steps): its chain of ids read once, into the scratch
                BindingNodeId chain = t.getBindingId();
                parent = chain.getParentBinding();
                n = 0;
                for (Var v : chain) {
                    if (n == scratchVars.length) {
                        scratchVars = Arrays.copyOf(scratchVars, 2 * n);
                        scratchIds = Arrays.copyOf(scratchIds, 2 * n);
                    }
                    scratchVars[n] = v;
                    scratchIds[n] = chain.get(v);
                    n++;
                }
                in = scratchVars;
                inIds = scratchIds;
            } else {
                parent = row;
                in = NO_VARS;
                inIds = NO_IDS;
                n = 0;
            }
            NodeId[] ids = Arrays.copyOf(inIds, n + 1);
            ids[n] = id;
            return new IdRow(parent, varsAfter(in, n), ids, terms);
        }

        /**
         * The first n of {@code in} and the other end's variable: the array made for the rows before when they had
         * the same variables (the rows of a step share one).
         */
        private Var[] varsAfter(Var[] in, int n) {
            if (in == lastIn) {
                return lastOut; // the same array as the row before's (an IdRow's, shared by its step's rows)
            }
            if (lastOut == null || lastOut.length != n + 1 || !Arrays.equals(in, 0, n, lastOut, 0, n)) {
                lastOut = Arrays.copyOf(in, n + 1);
                lastOut[n] = other;
            }
            lastIn = in == scratchVars ? null : in;
            return lastOut;
        }

        /** A row TDB2 answers itself. */
        private Iterator<Binding> byTdb2(Binding row) {
            return PatternMatchTDB2.execute(dsg, Node.ANY, BasicPattern.wrap(List.of(triple)),
                    QueryIterSingleton.create(row, cxt), null, cxt);
        }

        private boolean has(NodeId k, NodeId want) {
            long key = bits(k);
            if (other == null) {
                return table.contains(key);
            }
            long w = bits(want);
            for (int i = table.first(key); i >= 0; i = table.next(i)) {
                if (table.value(i) == w) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The other end's ids in the table from a key's first ({@code table.first(key)}), in the order they were added
         * (ascending), as they are read: a key may have hundreds of thousands ({@code ?s a ?class} with the class
         * bound).
         */
        private Iterator<NodeId> fromTable(int first) {
            return new Iterator<>() {
                private int i = first;

                @Override
                public boolean hasNext() {
                    return i >= 0;
                }

                @Override
                public NodeId next() {
                    if (i < 0) {
                        throw new NoSuchElementException();
                    }
                    NodeId id = id(table.value(i));
                    i = table.next(i);
                    return id;
                }
            };
        }

        /** Whether the triple is in some graph: the index TDB2 takes, SPOG or (for a key object) POSG. */
        private boolean lookUp(NodeId k, NodeId want) {
            return byObject
                    ? posg.find(TupleFactory.create4(NodeId.NodeIdAny, want, predicateId, k)).hasNext()
                    : spog.find(TupleFactory.create4(NodeId.NodeIdAny, k, predicateId, want)).hasNext();
        }

        /**
         * The other end's distinct ids for the key, in the index's order, as the index gives them (not collected
         * first: a key may have hundreds of thousands).
         */
        private Iterator<NodeId> lookUp(NodeId k) {
            Iterator<Tuple<NodeId>> it = byObject
                    ? posg.find(TupleFactory.create4(NodeId.NodeIdAny, NodeId.NodeIdAny, predicateId, k))
                    : spog.find(TupleFactory.create4(NodeId.NodeIdAny, k, predicateId, NodeId.NodeIdAny));
            int end = byObject ? 1 : 3;
            NodeId[] last = {null};
            return Iter.filter(Iter.map(it, t -> t.get(end)), id -> {
                boolean again = id.equals(last[0]); // the same triple in another graph: the index gives it next
                last[0] = id;
                return !again;
            });
        }

        /** The predicate's (and object term's) POSG range; each {@code next()} sets the entry's S and O. */
        private Iterator<Boolean> range() {
            RecordFactory records = posgRange.getRecordFactory();
            Record min = records.createKeyOnly();
            Record max = records.createKeyOnly();
            NodeIdFactory.set(predicateId, min.getKey(), 0);
            NodeIdFactory.set(predicateId, max.getKey(), 0);
            if (other == null) {
                NodeIdFactory.set(objectId, min.getKey(), NodeId.SIZE);
                NodeIdFactory.setNext(objectId, max.getKey(), NodeId.SIZE);
            } else {
                NodeIdFactory.setNext(predicateId, max.getKey(), 0);
            }
            int keyLength = records.keyLength();
            return posgRange.iterator(min, max, (bb, entry, key, factory) -> {
                int start = entry * factory.recordLength();
                if (key != null) {
                    bb.position(start);
                    bb.get(key, 0, keyLength);
                }
                entryO = bb.getLong(start + NodeId.SIZE);
                entryS = bb.getLong(start + 2 * NodeId.SIZE);
                return Boolean.TRUE;
            });
        }

        /**
         * The range's entries, if known: from an earlier query on the same store, or counted here, on as far as
         * {@code factor} entries for each row come so far; until the count has reached the range's end, the
         * entries counted so far plus one (enough for the rule that reads the range).
         */
        private long size() {
            if (size >= 0) {
                return size;
            }
            Long known = shared.sizes.get(rangeKey);
            if (known != null) {
                size = known;
                return size;
            }
            if (counting == null) {
                counting = range();
            }
            long budget = factor * rows;
            while (counted < budget && counting.hasNext()) {
                counting.next();
                counted++;
            }
            if (counting.hasNext()) {
                return counted + 1;
            }
            counting = null;
            size = counted;
            shared.sizes.put(rangeKey, size);
            return size;
        }

        /** Takes the table from those kept for the store, or reads it ({@link #readTable()}). */
        private void read() {
            table = shared.table(tableKey, version, this::readTable);
            complete = true;
            TABLES.incrementAndGet();
        }

        /**
         * Reads the whole range into a table. The entries are read from the B+tree's blocks as they are (P, O, S and
         * G, eight bytes each), with no tuple made.
         */
        private IdTable readTable() {
            Iterator<Boolean> scan = range();
            IdTable table = new IdTable();
            boolean any = false;
            long lastS = 0;
            long lastO = 0;
            while (scan.hasNext()) {
                scan.next();
                long s = entryS;
                long o = entryO;
                if (any && s == lastS && o == lastO) {
                    continue; // the same triple in another graph
                }
                any = true;
                lastS = s;
                lastO = o;
                if (other == null) {
                    table.add(s);
                } else if (byObject) {
                    table.add(o, s);
                } else {
                    table.add(s, o);
                }
            }
            return table;
        }
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
