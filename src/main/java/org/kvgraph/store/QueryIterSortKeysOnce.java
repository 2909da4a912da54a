package org.kvgraph.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.math.BigInteger;
import org.apache.jena.atlas.logging.Log;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.query.SortCondition;
import org.apache.jena.rdf.model.impl.Util;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingComparator;
import org.apache.jena.sparql.engine.iterator.QueryIter1;
import org.apache.jena.sparql.engine.iterator.QueryIterSort;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprVar;
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
 * {@link NodeValue#compareAlways}, for IRIs, strings and integers by its outcome without its detour (see
 * {@link #kind}), reversed for DESC; rows equal on every key then compared term by term with
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

    /** Kinds of sort key that compare without ARQ's general comparison ({@link #compare}). */
    private static final byte OTHER = 0;
    private static final byte INTEGER = 1;
    private static final byte STRING = 2;
    private static final byte IRI = 3;
    private static final byte DATE = 4;

    /**
     * A row, its sort keys (null: unbound or failed), and for each key its kind with, for an INTEGER, its value and,
     * for a STRING, an IRI or a DATE, its text.
     */
    private record Keyed(Binding row, NodeValue[] keys, Node[] terms, byte[] kinds, long[] numbers, String[] texts) {
    }

    private Iterator<Binding> sort() {
        QueryIterator input = getInput();
        List<Keyed> rows = new ArrayList<>();
        int n = conditions.size();
        Var[] variables = new Var[n];
        for (int i = 0; i < n; i++) {
            Expr e = conditions.get(i).getExpression();
            variables[i] = e.getClass() == ExprVar.class ? e.asVar() : null;
        }
        while (input.hasNext()) {
            Binding row = input.next();
            Keyed k = new Keyed(row, new NodeValue[n], new Node[n], new byte[n], new long[n], new String[n]);
            for (int i = 0; i < n; i++) {
                if (variables[i] != null && kind(row.get(variables[i]), k, i)) {
                    continue;
                }
                NodeValue v = eval(conditions.get(i).getExpression(), row);
                k.keys[i] = v;
                kind(v, k, i);
            }
            rows.add(k);
        }
        Keyed[] array = rows.toArray(new Keyed[0]);
        rows = null;
        Arrays.sort(array, this::compare);
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < array.length;
            }

            @Override
            public Binding next() {
                if (next >= array.length) {
                    throw new NoSuchElementException();
                }
                Binding row = array[next].row;
                array[next++] = null; // written rows can go while the rest are written
                return row;
            }
        };
    }

    /**
     * The kind of a key that is a variable, read from its term without making a {@link NodeValue} of it (for a date
     * that parses it into a calendar, for an integer into a BigInteger): an IRI, a simple string, an xsd:date
     * YYYY-MM-DD of a valid day of the years 1000 to 9999, an xsd:integer in its canonical form of at most 18 digits.
     * Each is given the kind, and text or value, that {@link #kind(NodeValue, Keyed, int)} gives it from its
     * {@code NodeValue}; the term is kept, and made a {@code NodeValue} only if a comparison with a key of another
     * kind needs it. False (and nothing set) for an unbound variable or any other term: the caller evaluates the key.
     */
    private static boolean kind(Node term, Keyed k, int i) {
        if (term == null) {
            return false;
        }
        if (term.isURI()) {
            k.kinds[i] = IRI;
            k.texts[i] = term.getURI();
        } else if (!term.isLiteral()) {
            return false;
        } else if (Util.isSimpleString(term)) {
            k.kinds[i] = STRING;
            k.texts[i] = term.getLiteralLexicalForm();
        } else if (XSDDatatype.XSDdate.equals(term.getLiteralDatatype()) && isValidPlainDate(term.getLiteralLexicalForm())) {
            k.kinds[i] = DATE;
            k.texts[i] = term.getLiteralLexicalForm();
        } else if (XSDDatatype.XSDinteger.equals(term.getLiteralDatatype()) && isCanonicalLong(term.getLiteralLexicalForm())) {
            k.kinds[i] = INTEGER;
            k.numbers[i] = Long.parseLong(term.getLiteralLexicalForm());
        } else {
            return false;
        }
        k.terms[i] = term;
        return true;
    }

    /** YYYY-MM-DD of a day that exists (Gregorian leap years) in the years 1000 to 9999. */
    static boolean isValidPlainDate(String s) {
        if (!isPlainDate(s) || s.charAt(0) == '0') {
            return false;
        }
        int year = Integer.parseInt(s, 0, 4, 10);
        int month = Integer.parseInt(s, 5, 7, 10);
        int day = Integer.parseInt(s, 8, 10, 10);
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        int days = switch (month) {
            case 2 -> leap ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day <= days;
    }

    /** 0, or an optional minus and 1 to 18 digits without a leading zero: an xsd:integer's canonical form within a long. */
    static boolean isCanonicalLong(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        int digits = s.length() - start;
        if (digits < 1 || digits > 18 || (s.charAt(start) == '0' && !s.equals("0"))) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A key as a NodeValue (null: unbound or failed), made from its term for a key read from a variable. */
    private static NodeValue value(Keyed k, int i) {
        NodeValue v = k.keys[i];
        if (v == null && k.terms[i] != null) {
            v = NodeValue.makeNode(k.terms[i]);
            k.keys[i] = v;
        }
        return v;
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

    /**
     * The kind of a key: an IRI; a string without language (xsd:string); an xsd:date of the form YYYY-MM-DD (no time
     * zone: its text sorts as its value); an xsd:integer in its canonical form within the range of a long; else
     * OTHER. For two keys of the same of these kinds ARQ's comparison
     * ({@link NodeValue#compareAlways}) comes down to comparing their texts ({@link String#compareTo}, as ARQ
     * compares IRIs and strings) or their values, equal exactly when they are the same term; so {@link #compare}
     * does that without ARQ's term equality test and value-space classification, which the profile of query 09 showed
     * reading each key's term, literal and lexical form from all over the heap at every comparison.
     */
    private static void kind(NodeValue v, Keyed k, int i) {
        if (v == null) {
            return;
        }
        Node n = v.asNode();
        if (n.isURI()) {
            k.kinds[i] = IRI;
            k.texts[i] = n.getURI();
        } else if (n.isLiteral() && Util.isSimpleString(n)) {
            k.kinds[i] = STRING;
            k.texts[i] = n.getLiteralLexicalForm();
        } else if (n.isLiteral() && v.isDate() && XSDDatatype.XSDdate.equals(n.getLiteralDatatype())
                && isPlainDate(n.getLiteralLexicalForm())) {
            k.kinds[i] = DATE;
            k.texts[i] = n.getLiteralLexicalForm();
        } else if (n.isLiteral() && v.isInteger() && XSDDatatype.XSDinteger.equals(n.getLiteralDatatype())) {
            BigInteger value = v.getInteger();
            if (value.bitLength() < 64 && value.toString().equals(n.getLiteralLexicalForm())) {
                k.kinds[i] = INTEGER;
                k.numbers[i] = value.longValue();
            }
        }
    }

    /** YYYY-MM-DD: a date of years 0000 to 9999 without a time zone, whose text sorts as its value. */
    private static boolean isPlainDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (i != 4 && i != 7 && (s.charAt(i) < '0' || s.charAt(i) > '9')) {
                return false;
            }
        }
        return true;
    }

    private int compare(Keyed a, Keyed b) {
        if (cancelled) {
            throw new QueryCancelledException();
        }
        for (int i = 0; i < a.keys.length; i++) {
            byte kind = a.kinds[i];
            int x;
            if (kind != OTHER && kind == b.kinds[i]) {
                x = kind == INTEGER ? Long.compare(a.numbers[i], b.numbers[i])
                        : Integer.signum(a.texts[i].compareTo(b.texts[i]));
            } else {
                x = BindingComparator.compareNodesRaw(value(a, i), value(b, i));
            }
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
