package org.kvgraph.store;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.tdb2.TDBException;
import org.apache.jena.tdb2.solver.BindingNodeId;
import org.apache.jena.tdb2.solver.BindingTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;

/**
 * A row of node ids as {@link ScanJoin} makes them: its variables and ids in two arrays (the variables' array shared
 * by the rows of one join step), its terms read through the node table when asked for, as TDB2's own rows do.
 *
 * <p>Why: TDB2's row ({@link BindingTDB} over a {@link BindingNodeId}) is a chain with a hash map of one entry for
 * each join step, and listing a row's variables walks the chain and makes a list of them. A row of query 16 goes
 * through five steps; an allocation profile of it at 50,000 sets (JFR, in-process) had at least 18% of its bytes in
 * those maps and at least 25% in the iterators over their chain (docs/benchmarks.md, thirteenth session). A row
 * here is two objects and an array.
 *
 * <p>It is a {@link BindingTDB}, so TDB2 reads its ids, not its terms, when it joins it further
 * ({@link #getBindingId()} makes TDB2's form when asked, {@link #getNodeId} answers at once). Its own variables are
 * those it binds that its parent does not (a variable TDB2 copied down from the parent, with its id, is the parent's),
 * as in TDB2's row; its {@link #size1()} counts those alone (TDB2's counts the copied ones again).
 * {@code -Dkvgraph.idrows=false} makes TDB2's rows instead, for measuring the difference.
 */
final class IdRow extends BindingTDB {
    static final boolean OFF = "false".equals(System.getProperty("kvgraph.idrows"));

    /** Given to TDB2's constructor, which needs one; every method that would read it is overridden here. */
    private static final BindingNodeId NONE = new BindingNodeId();

    private final NodeTable terms;
    private final Var[] vars;
    private final NodeId[] ids;

    /**
     * A row of the given variables and ids over {@code parent}; the arrays are not copied (the variables' may be
     * shared, the ids' must not be changed after).
     */
    IdRow(Binding parent, Var[] vars, NodeId[] ids, NodeTable terms) {
        super(NONE, terms);
        this.parent = parent;
        this.vars = vars;
        this.ids = ids;
        this.terms = terms;
    }

    /** The row this one extends (null for none). */
    Binding parentRow() {
        return parent;
    }

    /** The variables, in the order they were bound (copied-down ones of the parent included). */
    Var[] varArray() {
        return vars;
    }

    /** The ids, one for each of {@link #varArray()}. */
    NodeId[] idArray() {
        return ids;
    }

    private int index(Var v) {
        return DecodedRow.indexOf(vars, v);
    }

    /** Whether the i-th variable is this row's own (not one the parent binds). */
    private boolean own(int i) {
        return parent == null || !parent.contains(vars[i]);
    }

    @Override
    public NodeId getNodeId(Var var) {
        int i = index(var);
        if (i >= 0) {
            return ids[i];
        }
        return parent instanceof BindingTDB tdb ? tdb.getNodeId(var) : null;
    }

    @Override
    public BindingNodeId getBindingId() {
        BindingNodeId b = new BindingNodeId(parent);
        for (int i = 0; i < vars.length; i++) {
            b.put(vars[i], ids[i]);
        }
        return b;
    }

    @Override
    public Node get1(Var var) {
        int i = index(var);
        if (i < 0 || NodeId.isDoesNotExist(ids[i])) {
            return null;
        }
        Node n = terms.getNodeForNodeId(ids[i]);
        if (n == null) {
            throw new TDBException("No node in the node table for the id " + ids[i]);
        }
        return n;
    }

    @Override
    public boolean contains1(Var var) {
        return index(var) >= 0;
    }

    @Override
    protected int size1() {
        if (parent == null) {
            return vars.length;
        }
        int n = 0;
        for (int i = 0; i < vars.length; i++) {
            if (own(i)) {
                n++;
            }
        }
        return n;
    }

    @Override
    protected boolean isEmpty1() {
        return size1() == 0;
    }

    @Override
    protected Iterator<Var> vars1() {
        if (parent == null) {
            return Arrays.asList(vars).iterator();
        }
        return new Iterator<>() {
            private int i = next(0);

            private int next(int from) {
                int j = from;
                while (j < vars.length && !own(j)) {
                    j++;
                }
                return j;
            }

            @Override
            public boolean hasNext() {
                return i < vars.length;
            }

            @Override
            public Var next() {
                if (i >= vars.length) {
                    throw new NoSuchElementException();
                }
                Var v = vars[i];
                i = next(i + 1);
                return v;
            }
        };
    }

    @Override
    protected void forEach1(BiConsumer<Var, Node> action) {
        for (int i = 0; i < vars.length; i++) {
            if (own(i)) {
                action.accept(vars[i], get(vars[i]));
            }
        }
    }

    @Override
    protected void fmtVar(StringBuilder sb, Var var) {
        sb.append("( ?").append(var.getVarName()).append('/').append(getNodeId(var)).append(" = ").append(get(var))
                .append(" )");
    }
}
