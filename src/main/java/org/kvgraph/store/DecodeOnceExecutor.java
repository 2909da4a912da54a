package org.kvgraph.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVars;
import org.apache.jena.sparql.algebra.op.OpConditional;
import org.apache.jena.sparql.algebra.op.OpDistinct;
import org.apache.jena.sparql.algebra.op.OpExtend;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.algebra.op.OpQuadPattern;
import org.apache.jena.sparql.algebra.op.OpReduced;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Substitute;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.core.VarExprList;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.iterator.QueryIterAssign;
import org.apache.jena.sparql.engine.iterator.QueryIterConvert;
import org.apache.jena.sparql.engine.iterator.QueryIterFilterExpr;
import org.apache.jena.sparql.engine.iterator.QueryIterPeek;
import org.apache.jena.sparql.engine.iterator.QueryIterProcessBinding;
import org.apache.jena.sparql.engine.iterator.QueryIterSingleton;
import org.apache.jena.sparql.engine.main.OpExecutorFactory;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.engine.main.iterator.QueryIterOptionalIndex;
import org.apache.jena.sparql.engine.optimizer.reorder.ReorderTransformation;
import org.apache.jena.tdb2.solver.OpExecutorTDB2;
import org.apache.jena.tdb2.solver.PatternMatchTDB2;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * TDB2's query executor, with four changes: the rows that go into an ORDER BY or a DISTINCT (or REDUCED) have their
 * terms decoded once, as they enter it, into compact rows ({@link DecodedRow}); an ORDER BY evaluates each row's
 * sort keys once ({@link QueryIterSortKeysOnce}) instead of at every comparison; an extend by variables copies
 * their terms ({@link #execute(OpExtend, QueryIterator)}); and triple patterns whose subject (or else object) the
 * rows coming in have bound, in a basic graph pattern (also under a FILTER) or an OPTIONAL over the union graph,
 * are joined through a hash table of the predicate's index range once enough rows have come ({@link ScanJoin}).
 *
 * <p>A row from TDB2 holds node ids and decodes a term (through the node cache, else from disk) each time the term
 * is read. Sorting reads the sort keys of two rows at every comparison (about log2(n) comparisons per row), a
 * DISTINCT hashes and compares every term of the row, and the answer's writer reads them once more; so each term
 * of a listing was decoded some 20 to 40 times. A profile of query 15 at 50,000 sets (128,566 rows, DISTINCT and
 * ORDER BY) gave a third of its time to the DISTINCT and the sort, a good part of it decoding
 * (docs/benchmarks.md). Decoding a row up front costs one lookup per term, also for terms the query does not
 * project (the ORDER BY sits below the projection), which is little beside the comparisons. Not for GROUP BY: there
 * the copy of each row cost more than it saved (query 04, co-submitter pairs: 1.56-1.69 s CPU without, 1.72-1.89 s
 * with, in-process at 50,000 sets).
 *
 * <p>Answers are the same rows in the same order: a decoded row is equal to the row it comes from
 * ({@code DecodeOnceExecutorTest}, and the example queries' reviewed answers).
 */
final class DecodeOnceExecutor extends OpExecutorTDB2 {
    static final OpExecutorFactory FACTORY = DecodeOnceExecutor::new;

    /** {@code -Dkvgraph.sortkeysonce=false}: ARQ's own sort, for measuring the difference. */
    private static final boolean SORT_KEYS_ONCE_OFF = "false".equals(System.getProperty("kvgraph.sortkeysonce"));

    /** {@code -Dkvgraph.extendbycopy=false}: ARQ's own extend for variables, for measuring the difference. */
    private static final boolean EXTEND_BY_COPY_OFF = "false".equals(System.getProperty("kvgraph.extendbycopy"));

    /**
     * The sub-operations whose rows are to be decoded as they come out (by identity); made when the first is added,
     * as an executor is made for every row that an OPTIONAL or a nested pattern evaluates its right side for.
     */
    private Set<Op> decode;

    private DecodeOnceExecutor(ExecutionContext execCxt) {
        super(execCxt);
    }

    /**
     * Makes queries on the TDB2 dataset (as {@code DatabaseMgr.connectDatasetGraph} returns it) use this executor;
     * the system property {@code kvgraph.decodeonce=false} leaves TDB2's own (for measuring the difference).
     */
    static void install(DatasetGraph tdb) {
        if ("false".equals(System.getProperty("kvgraph.decodeonce"))) {
            return;
        }
        QC.setFactory(tdb.getContext(), FACTORY);
        QC.setFactory(TDBInternal.getDatasetGraphTDB(tdb).getContext(), FACTORY);
    }

    @Override
    protected QueryIterator exec(Op op, QueryIterator input) {
        QueryIterator rows = super.exec(op, input);
        if (decode != null && decode.remove(op)) {
            return new QueryIterConvert(rows, DecodedRow.copier()::apply, execCxt);
        }
        return rows;
    }

    private void decode(Op op) {
        if (decode == null) {
            decode = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        decode.add(op);
    }

    /**
     * An extend whose every expression is a variable (as each aggregate gets: {@code (SUM(?n) AS ?sets)} is an
     * extend of {@code ?sets} by the aggregate's variable) copies the variables' terms, which is what ARQ's
     * {@link QueryIterAssign} does for such an expression without making each term a {@code NodeValue} first: for a
     * literal that parses its lexical form (query 09's profile had 9% of its time there). The rows are the same: a
     * variable left unbound where the expression's variable is unbound, and a row dropped where the variable is
     * already bound to a term of another value.
     */
    @Override
    protected QueryIterator execute(OpExtend op, QueryIterator input) {
        VarExprList exprs = op.getVarExprList();
        List<Var> targets = exprs.getVars();
        Var[] sources = new Var[targets.size()];
        for (int i = 0; i < sources.length; i++) {
            Expr e = exprs.getExpr(targets.get(i));
            if (e == null || e.getClass() != ExprVar.class || EXTEND_BY_COPY_OFF) {
                return super.execute(op, input);
            }
            sources[i] = e.asVar();
        }
        return new QueryIterProcessBinding(exec(op.getSubOp(), input), execCxt) {
            @Override
            public Binding accept(Binding row) {
                BindingBuilder out = Binding.builder(row);
                for (int i = 0; i < sources.length; i++) {
                    Node term = out.get(sources[i]);
                    if (term == null) {
                        continue;
                    }
                    Node bound = out.get(targets.get(i));
                    if (bound != null) {
                        if (!bound.sameValueAs(term)) {
                            return null;
                        }
                        continue;
                    }
                    out.add(targets.get(i), term);
                }
                return out.build();
            }
        };
    }

    /**
     * A basic graph pattern over the union graph: TDB2's order of its triples (as TDB2 chooses it, from the first
     * row), the longest tail of triples whose subject (or else object) is bound by then joined by {@link ScanJoin},
     * the rest by TDB2.
     */
    @Override
    protected QueryIterator execute(OpQuadPattern op, QueryIterator input) {
        return quadPattern(op, List.of(), input);
    }

    /**
     * A filter over such a pattern: the pattern as above, each expression applied as soon as the rows bind its
     * variables (after TDB2's part, or after the join step that binds the last of them), as TDB2 places a filter in
     * a pattern. Before, TDB2 took every filtered pattern itself and searched its index row by row: query 04's
     * {@code FILTER(STR(?m1) < STR(?m2))} over its sets and their askers (docs/benchmarks.md, fourteenth session).
     */
    @Override
    protected QueryIterator execute(OpFilter op, QueryIterator input) {
        // not for one row: an OPTIONAL not joined here evaluates its right side for each row of its left, with the
        // row's terms put in (query 03: twice its time when each went through the reordering here first)
        if (op.getSubOp() instanceof OpQuadPattern quads && Quad.isUnionGraph(quads.getGraphNode())
                && !FILTERED_OFF && !(input instanceof QueryIterSingleton) && ScanJoin.forContext(execCxt) != null) {
            return quadPattern(quads, op.getExprs().getList(), input);
        }
        return super.execute(op, input);
    }

    /** {@code -Dkvgraph.filterjoin=false}: a filtered pattern left to TDB2, for measuring the difference. */
    private static final boolean FILTERED_OFF = "false".equals(System.getProperty("kvgraph.filterjoin"));

    private QueryIterator quadPattern(OpQuadPattern op, List<Expr> filters, QueryIterator input) {
        ScanJoin joins = Quad.isUnionGraph(op.getGraphNode()) ? ScanJoin.forContext(execCxt) : null;
        OpFilter whole = filters.isEmpty() ? null : (OpFilter) OpFilter.filterDirect(new ExprList(filters), op);
        if (joins == null) {
            return whole == null ? super.execute(op, input) : super.execute(whole, input);
        }
        if (!input.hasNext()) {
            return input;
        }
        QueryIterPeek peek = QueryIterPeek.create(input, execCxt);
        Binding first = peek.peek();
        BasicPattern pattern = reorder(op.getBasicPattern(), first);
        List<Triple> triples = pattern.getList();
        Set<Var> bound = new HashSet<>();
        first.vars().forEachRemaining(bound::add);
        int tail = 0;
        Set<Var> vars = new HashSet<>(bound);
        for (int i = 0; i < triples.size(); i++) {
            if (!ScanJoin.joinable(triples.get(i), vars)) {
                tail = i + 1;
            }
            addVars(triples.get(i), vars);
        }
        if (tail == triples.size()) {
            return whole == null ? super.execute(op, peek) : super.execute(whole, peek);
        }
        QueryIterator rows = peek;
        if (tail > 0) {
            BasicPattern headPattern = BasicPattern.wrap(triples.subList(0, tail));
            rows = PatternMatchTDB2.execute((DatasetGraphTDB) execCxt.getDataset(), Node.ANY, headPattern, peek, null,
                    execCxt);
        }
        for (int i = 0; i < tail; i++) {
            addVars(triples.get(i), bound);
        }
        List<Triple> tailTriples = triples.subList(tail, triples.size());
        List<ScanJoin.Step> steps = joins.steps(tailTriples, bound);
        List<Expr> pending = new ArrayList<>(filters);
        Set<Var> have = new HashSet<>(bound);
        rows = filter(rows, ready(pending, have));
        int from = 0;
        for (int i = 0; i < steps.size(); i++) {
            addVars(tailTriples.get(i), have);
            List<Expr> now = ready(pending, have);
            if (!now.isEmpty() || i == steps.size() - 1) {
                rows = joins.join(rows, steps.subList(from, i + 1));
                from = i + 1;
                rows = filter(rows, now);
            }
        }
        return filter(rows, pending); // expressions of variables the pattern does not bind: at the end
    }

    /** The expressions of {@code pending} whose variables are all in {@code have}, taken out of it. */
    private static List<Expr> ready(List<Expr> pending, Set<Var> have) {
        List<Expr> now = new ArrayList<>();
        for (Iterator<Expr> it = pending.iterator(); it.hasNext();) {
            Expr e = it.next();
            if (have.containsAll(e.getVarsMentioned())) {
                now.add(e);
                it.remove();
            }
        }
        return now;
    }

    private QueryIterator filter(QueryIterator rows, List<Expr> exprs) {
        QueryIterator out = rows;
        for (Expr e : exprs) {
            out = new QueryIterFilterExpr(out, e, execCxt);
        }
        return out;
    }

    /**
     * An OPTIONAL whose right side is a basic graph pattern over the union graph whose every triple's subject (or
     * else object) is bound by the left side or by a triple before it is joined by {@link ScanJoin}, the left
     * side's rows all at once instead of one at a time.
     */
    @Override
    protected QueryIterator execute(OpConditional op, QueryIterator input) {
        ScanJoin joins = ScanJoin.forContext(execCxt);
        if (joins == null || !(op.getRight() instanceof OpQuadPattern right)
                || !Quad.isUnionGraph(right.getGraphNode())) {
            return super.execute(op, input);
        }
        QueryIterator left = exec(op.getLeft(), input);
        if (!left.hasNext()) {
            return left;
        }
        QueryIterPeek peek = QueryIterPeek.create(left, execCxt);
        BasicPattern pattern = reorder(right.getBasicPattern(), peek.peek());
        List<ScanJoin.Step> steps = joins.steps(pattern.getList(), OpVars.fixedVars(op.getLeft()));
        if (steps == null) {
            return new QueryIterOptionalIndex(peek, right, execCxt);
        }
        return joins.leftJoin(peek, steps);
    }

    /** The triples in the order TDB2 would take them with the row's variables bound. */
    private BasicPattern reorder(BasicPattern pattern, Binding row) {
        ReorderTransformation transform = ((DatasetGraphTDB) execCxt.getDataset()).getReorderTransform();
        if (pattern.size() < 2 || transform == null) {
            return pattern;
        }
        return transform.reorderIndexes(Substitute.substitute(pattern, row)).reorder(pattern);
    }

    private static void addVars(Triple t, Set<Var> vars) {
        for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()}) {
            if (n.isVariable()) {
                vars.add(Var.alloc(n));
            }
        }
    }

    @Override
    protected QueryIterator execute(OpOrder op, QueryIterator input) {
        decode(op.getSubOp());
        if (SORT_KEYS_ONCE_OFF || execCxt.getContext().isDefined(ARQ.spillToDiskThreshold)) {
            return super.execute(op, input);
        }
        return new QueryIterSortKeysOnce(exec(op.getSubOp(), input), op.getConditions(), execCxt);
    }

    @Override
    protected QueryIterator execute(OpDistinct op, QueryIterator input) {
        decode(op.getSubOp());
        return super.execute(op, input);
    }

    @Override
    protected QueryIterator execute(OpReduced op, QueryIterator input) {
        decode(op.getSubOp());
        return super.execute(op, input);
    }
}
