package org.kvgraph.store;

import java.util.Arrays;
import java.util.Iterator;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBase;

/**
 * A decoded row as the store's executor keeps it while an ORDER BY or DISTINCT holds its rows
 * ({@link DecodeOnceExecutor}): its variables and terms in two arrays, the variables' array shared with the row
 * before it when they are the same. ARQ's copy of a row ({@code BindingFactory.copy}) of more than four variables is
 * a hash map; rows of the listings have six to nine, and a class histogram taken while eight clients ran query 07
 * at 200,000 sets had those maps' entries as the largest part of the heap. Equal to, and hashing as, any binding of
 * the same variables and terms ({@link BindingBase}).
 */
final class DecodedRow extends BindingBase {
    private final Var[] vars;
    private final Node[] terms;

    private DecodedRow(Binding parent, Var[] vars, Node[] terms) {
        super(parent);
        this.vars = vars;
        this.terms = terms;
    }

    /**
     * A copier of rows, for one stream of rows in one thread: each row it is given becomes a {@code DecodedRow} of
     * all its variables (its parents' too) and their terms, read (and so decoded) once.
     */
    static Function<Binding, Binding> copier() {
        return new Function<>() {
            private Var[] last = new Var[0];
            private Var[] vars = new Var[8];
            private Node[] terms = new Node[8];
            private int n;

            @Override
            public Binding apply(Binding row) {
                n = 0;
                row.forEach(this::add);
                Var[] shared = last;
                if (shared.length != n || !Arrays.equals(shared, 0, n, vars, 0, n)) {
                    shared = Arrays.copyOf(vars, n);
                    last = shared;
                }
                return new DecodedRow(null, shared, Arrays.copyOf(terms, n));
            }

            private void add(Var v, Node t) {
                if (n == vars.length) {
                    vars = Arrays.copyOf(vars, 2 * n);
                    terms = Arrays.copyOf(terms, 2 * n);
                }
                vars[n] = v;
                terms[n] = t;
                n++;
            }
        };
    }

    private int index(Var v) {
        return indexOf(vars, v);
    }

    /**
     * Where a variable is in a row's array of them, -1 if not: by identity first (a query's variables are mostly the
     * same objects), then by name. Also for {@link IdRow}.
     */
    static int indexOf(Var[] vars, Var v) {
        for (int i = 0; i < vars.length; i++) {
            if (vars[i] == v) {
                return i;
            }
        }
        for (int i = 0; i < vars.length; i++) {
            if (vars[i].equals(v)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    protected Iterator<Var> vars1() {
        return Arrays.asList(vars).iterator();
    }

    @Override
    protected void forEach1(BiConsumer<Var, Node> action) {
        for (int i = 0; i < vars.length; i++) {
            action.accept(vars[i], terms[i]);
        }
    }

    @Override
    protected int size1() {
        return vars.length;
    }

    @Override
    protected boolean isEmpty1() {
        return vars.length == 0;
    }

    @Override
    protected boolean contains1(Var var) {
        return index(var) >= 0;
    }

    @Override
    protected Node get1(Var var) {
        int i = index(var);
        return i < 0 ? null : terms[i];
    }

    @Override
    protected Binding detachWithNewParent(Binding newParent) {
        return new DecodedRow(newParent, vars, terms);
    }
}
