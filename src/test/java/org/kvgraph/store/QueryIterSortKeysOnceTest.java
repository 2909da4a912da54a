package org.kvgraph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.SortCondition;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.engine.iterator.QueryIterSort;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.util.ExprUtils;
import org.apache.jena.sparql.util.NodeFactoryExtra;
import org.junit.jupiter.api.Test;

/**
 * The ORDER BY that evaluates each row's sort keys once gives the rows in the order ARQ's own sort gives, on rows
 * mixing every kind of term (unbound and ill-typed keys, values equal under different lexical forms, ties broken
 * by the other terms), and evaluates each key once per row.
 */
class QueryIterSortKeysOnceTest {
    private static final ExecutionContext CXT = ExecutionContext.create(DatasetGraphFactory.empty());
    private static final Var A = Var.alloc("a");
    private static final Var B = Var.alloc("b");
    private static final Var C = Var.alloc("c");

    /** Terms of every kind, some equal in value but not in form, some ill-typed; null: unbound. */
    private static final List<Node> TERMS = new ArrayList<>();

    static {
        for (String t : new String[] {"<https://example.org/a>", "<https://example.org/b>", "<https://example.org/Kostić>",
            "_:b0", "_:b1", "\"36123\"", "\"36123\"@nl", "\"geïnformeerd\"", "\"Geïnformeerd\"", "\"abc\"", "\"\"",
            "1", "01", "\"1\"^^<http://www.w3.org/2001/XMLSchema#int>", "2", "-7", "1.0", "1.50", "2.5e0", "\"NaN\"^^<http://www.w3.org/2001/XMLSchema#double>",
            "\"2024-01-05\"^^<http://www.w3.org/2001/XMLSchema#date>", "\"2024-01-05+01:00\"^^<http://www.w3.org/2001/XMLSchema#date>",
            "\"2023-12-31\"^^<http://www.w3.org/2001/XMLSchema#date>", "\"2024-01-05T10:00:00\"^^<http://www.w3.org/2001/XMLSchema#dateTime>",
            "true", "false", "\"x\"^^<http://www.w3.org/2001/XMLSchema#integer>", "\"P3D\"^^<http://www.w3.org/2001/XMLSchema#duration>",
            "\"other\"^^<https://example.org/type>", "<https://example.org/c/1>", "<https://example.org/c/10>",
            "<https://example.org/c/9>", "<https://example.org/C>", "\"b\"", "\"B\"", "\"ä\"", "\"z\"", "\"𝔸\"", "\"ﬁ\"", "\"b\"@nl",
            "\"1\"^^<http://www.w3.org/2001/XMLSchema#string>", "3", "-12", "100", "+5", "9223372036854775807",
            "9223372036854775808", "-9223372036854775808", "\"7\"^^<http://www.w3.org/2001/XMLSchema#long>",
            "\"2024-01-05\"^^<http://www.w3.org/2001/XMLSchema#string>", "\"2024-01-06\"",
            "\"2024-02-29\"^^<http://www.w3.org/2001/XMLSchema#date>", "\"2023-02-30\"^^<http://www.w3.org/2001/XMLSchema#date>",
            "\"0999-12-31\"^^<http://www.w3.org/2001/XMLSchema#date>", "\"2024-01-05Z\"^^<http://www.w3.org/2001/XMLSchema#date>",
            "\"2024-01-04-05:00\"^^<http://www.w3.org/2001/XMLSchema#date>", "\"-0001-01-01\"^^<http://www.w3.org/2001/XMLSchema#date>",
            "\"2024-01-05\"^^<http://www.w3.org/2001/XMLSchema#dateTime>", "\"2025-06-01\"^^<http://www.w3.org/2001/XMLSchema#date>",
            // days that do not exist, years outside 1000-9999, integers beyond 18 digits or not canonical
            "\"1900-02-29\"^^<http://www.w3.org/2001/XMLSchema#date>", "\"2000-02-29\"^^<http://www.w3.org/2001/XMLSchema#date>",
            "\"2024-13-01\"^^<http://www.w3.org/2001/XMLSchema#date>", "\"2024-00-10\"^^<http://www.w3.org/2001/XMLSchema#date>",
            "\"2024-04-31\"^^<http://www.w3.org/2001/XMLSchema#date>", "\"2024-04-00\"^^<http://www.w3.org/2001/XMLSchema#date>",
            "\"0000-01-01\"^^<http://www.w3.org/2001/XMLSchema#date>", "\"1000-01-01\"^^<http://www.w3.org/2001/XMLSchema#date>",
            "\"9999-12-31\"^^<http://www.w3.org/2001/XMLSchema#date>", "\"10000-01-01\"^^<http://www.w3.org/2001/XMLSchema#date>",
            "0", "00", "\"-0\"^^<http://www.w3.org/2001/XMLSchema#integer>", "123456789012345678", "-123456789012345678",
            "1234567890123456789", "-1234567890123456789", "\"1 \"^^<http://www.w3.org/2001/XMLSchema#integer>",
            // dates with time zones (kept to ARQ's own comparison)
            "\"2024-01-05-14:00\"^^<http://www.w3.org/2001/XMLSchema#date>", "\"2024-01-06+14:00\"^^<http://www.w3.org/2001/XMLSchema#date>"}) {
            TERMS.add(NodeFactoryExtra.parseNode(t));
        }
        TERMS.add(null);
        TERMS.add(null);
    }

    private static List<Binding> rows(Random random, int n) {
        List<Binding> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BindingBuilder b = Binding.builder();
            for (Var v : List.of(A, B, C)) {
                Node t = TERMS.get(random.nextInt(TERMS.size()));
                if (t != null) {
                    b.add(v, t);
                }
            }
            rows.add(b.build());
        }
        return rows;
    }

    private static final String[] KEYS = {"?a", "?b", "?c", "?a + 1", "STRLEN(STR(?b))", "STR(?c)", "LANG(?a)", "?a < ?b",
        "COALESCE(?c, ?a)", "YEAR(?b)"};

    private static List<SortCondition> conditions(Random random) {
        List<SortCondition> out = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            int direction = new int[] {Query.ORDER_ASCENDING, Query.ORDER_DESCENDING, Query.ORDER_DEFAULT}[random.nextInt(3)];
            out.add(new SortCondition(ExprUtils.parse(KEYS[random.nextInt(KEYS.length)]), direction));
        }
        return out;
    }

    private static List<Binding> drain(QueryIterator it) {
        List<Binding> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        it.close();
        return out;
    }

    @Test
    void givesTheOrderArqsSortGivesOnEveryKindOfTerm() {
        Random random = new Random(20261207);
        for (int round = 0; round < 400; round++) {
            List<Binding> rows = rows(random, 1 + random.nextInt(300));
            List<SortCondition> conditions = conditions(random);
            List<Binding> arq = drain(new QueryIterSort(QueryIterPlainWrapper.create(rows.iterator(), CXT), conditions, CXT));
            List<Binding> once = drain(new QueryIterSortKeysOnce(QueryIterPlainWrapper.create(rows.iterator(), CXT), conditions, CXT));
            assertEquals(arq, once, "round " + round + ", ORDER BY " + conditions);
        }
    }

    /**
     * The days and integers whose sort key is read from the term (without a NodeValue) are exactly those a NodeValue
     * takes for a date without time zone of the years 1000 to 9999, and for an integer in canonical form within 18
     * digits: every day string of four years around leap days of three centuries, and integers of each length.
     */
    @Test
    void aKeyReadFromItsTermIsAValidDateOrIntegerAsArqReadsIt() {
        int days = 0;
        for (int year : new int[] {1000, 1899, 1900, 1999, 2000, 2023, 2024, 2100, 9999}) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    String lex = String.format(java.util.Locale.ROOT, "%04d-%02d-%02d", year, month, day);
                    NodeValue v = NodeValue.makeNode(lex, org.apache.jena.datatypes.xsd.XSDDatatype.XSDdate);
                    assertEquals(v.isDate(), QueryIterSortKeysOnce.isValidPlainDate(lex), lex);
                    days += v.isDate() ? 1 : 0;
                }
            }
        }
        assertEquals(9 * 365 + 2, days, "days of 1000, 1899, 1900, 1999, 2000 (leap), 2023, 2024 (leap), 2100, 9999");
        for (String lex : new String[] {"0999-12-31", "0000-01-01", "10000-01-01", "2024-1-01", "2024-01-05Z", "2024/01/05"}) {
            assertEquals(false, QueryIterSortKeysOnce.isValidPlainDate(lex), lex);
        }
        StringBuilder digits = new StringBuilder();
        for (int n = 1; n <= 20; n++) {
            digits.append((char) ('0' + n % 10));
            for (String lex : new String[] {digits.toString(), "-" + digits, "0" + digits, "+" + digits}) {
                NodeValue v = NodeValue.makeNode(lex, org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger);
                boolean canonicalLong = v.isInteger() && v.getInteger().bitLength() < 64 && v.getInteger().toString().equals(lex);
                assertEquals(canonicalLong && n <= 18, QueryIterSortKeysOnce.isCanonicalLong(lex), lex);
            }
        }
        assertTrue(QueryIterSortKeysOnce.isCanonicalLong("0"));
        assertFalse(QueryIterSortKeysOnce.isCanonicalLong("-0"));
        assertFalse(QueryIterSortKeysOnce.isCanonicalLong(""));
        assertFalse(QueryIterSortKeysOnce.isCanonicalLong("-"));
    }

    @Test
    void evaluatesEachKeyOncePerRowWhereArqsSortEvaluatesItAtEveryComparison() {
        List<Binding> rows = rows(new Random(7), 2000);
        AtomicInteger calls = new AtomicInteger();
        ExprVar counted = new ExprVar(A) {
            @Override
            public NodeValue eval(Binding binding, FunctionEnv env) {
                calls.incrementAndGet();
                return super.eval(binding, env);
            }
        };
        List<SortCondition> conditions = List.of(new SortCondition(counted, Query.ORDER_DESCENDING));
        List<Binding> once = drain(new QueryIterSortKeysOnce(QueryIterPlainWrapper.create(rows.iterator(), CXT), conditions, CXT));
        assertEquals(2000, calls.get());
        calls.set(0);
        List<Binding> arq = drain(new QueryIterSort(QueryIterPlainWrapper.create(rows.iterator(), CXT), conditions, CXT));
        assertTrue(calls.get() > 10 * 2000, "ARQ's sort evaluated the key " + calls.get() + " times");
        assertEquals(arq, once);
    }

    @Test
    void aSortCancelledWhileItReadsItsRowsStopsReading() {
        List<Binding> rows = rows(new Random(3), 5000);
        AtomicInteger calls = new AtomicInteger();
        QueryIterator[] sort = new QueryIterator[1];
        ExprVar cancelling = new ExprVar(A) {
            @Override
            public NodeValue eval(Binding binding, FunctionEnv env) {
                if (calls.incrementAndGet() == 100) {
                    sort[0].cancel();
                }
                return super.eval(binding, env);
            }
        };
        List<SortCondition> conditions = List.of(new SortCondition(cancelling, Query.ORDER_ASCENDING));
        sort[0] = new QueryIterSortKeysOnce(QueryIterPlainWrapper.create(rows.iterator(), CXT), conditions, CXT);
        assertThrows(QueryCancelledException.class, () -> drain(sort[0]));
        assertEquals(100, calls.get(), "rows read after the cancel");
    }
}
