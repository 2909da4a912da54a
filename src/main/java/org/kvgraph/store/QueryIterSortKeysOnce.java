package org.kvgraph.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.jena.atlas.logging.Log;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.query.SortCondition;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingComparator;
import org.apache.jena.sparql.engine.iterator.QueryIter1;
import org.apache.jena.sparql.engine.iterator.QueryIterSort;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.VariableNotBoundException;

/**
 * ORDER BY with each row's sort keys evaluated once, as it enters the sort, instead of at every comparison.
 *
 * <p>ARQ's {@link QueryIterSort} compares rows with a {@link BindingComparator}, which evaluates every sort
 * condition of both rows at each comparison: for a variable bound to a literal that is a new {@link NodeValue},
 * with its lexical form parsed again (an integer, a decimal, a date), some 2 log2(n) times per row. A JFR profile
 * of query 09 (13,912 rows at 50,000 sets) had 56% of its samples there (docs/benchmarks.md).
 *
 * <p>The order is the one ARQ gives: the same comparison (unbound or failing keys first, then
 * {@link NodeValue#compareAlways}, reversed for DESC; rows equal on every key then compared term by term with
 * {@link BindingComparator#compareBindingsSyntactic}), by the same sort ({@link Arrays#sort(Object[],
 * java.util.Comparator)}) on the rows in the order they came. A key that fails to evaluate is logged once per row
 * instead of at every comparison. Holds all rows in memory, as ARQ's sort does unless a spill threshold
 * ({@code ARQ.spillToDiskThreshold}) is set; with one set the store uses ARQ's sort
 * ({@link DecodeOnceExecutor}).
 */
final class QueryIterSortKeysOnce extends QueryIter1 {
    private final List<SortCondition> conditions;
    private volatile boolean cancelled;
    private Iterator<Binding> sorted;

    QueryIterSortKeysOnce(QueryIterator input, List<SortCondition> conditions, ExecutionContext execCxt) {
        super(input, execCxt);
        for (SortCondition sc : conditions) {
            if (sc.getExpression() == null) {
                throw new QueryExecException("Broken sort condition");
            }
        }
        this.conditions = conditions;
    }

    /** A row and its sort keys (null: unbound or failed). */
    private record Keyed(Binding row, NodeValue[] keys) {
    }

    private Iterator<Binding> sort() {
        QueryIterator input = getInput();
        List<Keyed> rows = new ArrayList<>();
        while (input.hasNext()) {
            Binding row = input.next();
            NodeValue[] keys = new NodeValue[conditions.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = eval(conditions.get(i).getExpression(), row);
            }
            rows.add(new Keyed(row, keys));
        }
        Keyed[] array = rows.toArray(new Keyed[0]);
        rows = null;
        Arrays.sort(array, this::compare);
        return Arrays.stream(array).map(Keyed::row).iterator();
    }

    private NodeValue eval(Expr expr, Binding row) {
        try {
            return expr.eval(row, getExecContext());
        } catch (VariableNotBoundException ex) {
            return null;
        } catch (ExprEvalException ex) {
            Log.warn(BindingComparator.class, ex.getMessage());
            return null;
        }
    }

    private int compare(Keyed a, Keyed b) {
        if (cancelled) {
            throw new QueryCancelledException();
        }
        for (int i = 0; i < a.keys.length; i++) {
            int x = BindingComparator.compareNodesRaw(a.keys[i], b.keys[i]);
            if (conditions.get(i).getDirection() == Query.ORDER_DESCENDING) {
                x = -x;
            }
            if (x != Expr.CMP_EQUAL) {
                return x;
            }
        }
        return BindingComparator.compareBindingsSyntactic(a.row, b.row);
    }

    @Override
    protected boolean hasNextBinding() {
        if (sorted == null) {
            sorted = sort();
        }
        return sorted.hasNext();
    }

    @Override
    protected Binding moveToNextBinding() {
        return sorted.next();
    }

    @Override
    protected void requestSubCancel() {
        cancelled = true;
    }

    @Override
    protected void closeSubIterator() {
        sorted = null;
    }
}
