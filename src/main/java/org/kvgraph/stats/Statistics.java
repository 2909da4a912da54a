package org.kvgraph.stats;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.system.Txn;

/**
 * Activity and timeliness statistics over any period, as tables of strings, each with the SPARQL query behind
 * it, for {@code kvgraph stats} and for web pages. They read the facts derived at build time
 * ({@code kv:daysToAnswer}, {@code kv:timelinessStatus}, {@code kv:dueDate}; see
 * {@link org.kvgraph.timeliness.Timeliness}); medians and percentiles are computed here from the query's rows.
 *
 * <ul>
 * <li>Sets count once per party, member or office they involve: a set asked by members of two parties counts
 * for both. Only sets with a description of their own (questions or responses) count, not sets that are only
 * cited or supplemented by another document.</li>
 * <li>A set's ministries are those of the offices that signed its substantive answers ({@code kv:answeredAs},
 * {@code kv:ministry}); an office without a ministry ("minister voor …") stands for itself.</li>
 * <li>The period selects sets by submission date ({@code kv:submittedOn}), both ends included.</li>
 * <li>Median: the middle value, or the mean of the two middle values; 90th percentile: nearest rank (the value
 * at position ⌈0.9·n⌉ of the sorted days).</li>
 * <li>Share late: the sets answered late ({@code kv:AnsweredLate}) among the sets answered with a known date.</li>
 * </ul>
 *
 * <pre>{@code
 * Statistics stats = new Statistics(Statistics.local(dataset));
 * Statistics.Table t = stats.answerDaysPerMinistry(Statistics.Period.ALL);
 * System.out.print(t.csv());
 * }</pre>
 */
public final class Statistics {
    /** How to group the statistics on the command line. */
    public enum Breakdown { PARTY, MEMBER, MINISTRY, YEAR, OVERDUE }

    /** Submission dates from and to, both included; either may be null for an open end. */
    public record Period(LocalDate from, LocalDate to) {
        public static final Period ALL = new Period(null, null);

        String filter(String var) {
            StringBuilder b = new StringBuilder();
            if (from != null) {
                b.append("  FILTER(").append(var).append(" >= \"").append(from).append("\"^^xsd:date)\n");
            }
            if (to != null) {
                b.append("  FILTER(").append(var).append(" <= \"").append(to).append("\"^^xsd:date)\n");
            }
            return b.toString();
        }
    }

    /** One figure: an id, a title, its columns and rows (strings), and the SPARQL query its rows come from. */
    public record Table(String id, String title, List<String> columns, List<List<String>> rows, String sparql) {
        public Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(r -> Collections.unmodifiableList(new ArrayList<>(r))).toList();
        }

        /** RFC 4180 CSV: a header line, then a line per row, CRLF line ends. */
        public String csv() {
            StringBuilder b = new StringBuilder();
            csvLine(b, columns);
            for (List<String> r : rows) {
                csvLine(b, r);
            }
            return b.toString();
        }

        private static void csvLine(StringBuilder b, List<String> cells) {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                String c = cells.get(i) == null ? "" : cells.get(i);
                if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                    b.append('"').append(c.replace("\"", "\"\"")).append('"');
                } else {
                    b.append(c);
                }
            }
            b.append("\r\n");
        }

        /** A plain-text table with a title line; numbers are right-aligned. */
        public String text() {
            int[] width = new int[columns.size()];
            for (int i = 0; i < width.length; i++) {
                width[i] = columns.get(i).length();
                for (List<String> r : rows) {
                    width[i] = Math.max(width[i], cell(r, i).length());
                }
            }
            StringBuilder b = new StringBuilder(title).append('\n');
            line(b, columns, width, false);
            for (int i = 0; i < width.length; i++) {
                b.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
            }
            b.append('\n');
            for (List<String> r : rows) {
                line(b, r, width, true);
            }
            if (rows.isEmpty()) {
                b.append("(none)\n");
            }
            return b.toString();
        }

        private static String cell(List<String> r, int i) {
            return i < r.size() && r.get(i) != null ? r.get(i) : "";
        }

        private static void line(StringBuilder b, List<String> cells, int[] width, boolean alignNumbers) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                String c = cell(cells, i);
                boolean right = alignNumbers && c.matches("-?[0-9]+(\\.[0-9]+)?%?");
                l.append(i == 0 ? "" : "  ");
                String pad = " ".repeat(width[i] - c.length());
                l.append(right ? pad + c : c + pad);
            }
            b.append(l.toString().stripTrailing()).append('\n');
        }
    }

    /** Runs a SELECT query and returns its rows. */
    public interface Source extends Function<String, List<Binding>> {
    }

    /** Queries a local dataset (TDB2 or in memory), in a read transaction. */
    public static Source local(DatasetGraph dsg) {
        return q -> Txn.calculateRead(dsg, () -> {
            try (QueryExec qe = QueryExec.dataset(dsg).query(q).build()) {
                return materialise(qe.select());
            }
        });
    }

    /** Queries a SPARQL endpoint. */
    public static Source remote(String endpoint) {
        return q -> {
            try (QueryExec qe = QueryExecHTTP.service(endpoint).query(q).build()) {
                return materialise(qe.select());
            }
        };
    }

    private static List<Binding> materialise(RowSet rs) {
        List<Binding> rows = new ArrayList<>();
        // Copied: a TDB2 binding decodes its terms lazily, which needs the transaction still open.
        rs.forEachRemaining(b -> rows.add(BindingFactory.copy(b)));
        return rows;
    }

    /** The prefixes the statistics' queries use. */
    public static final String PREFIXES = """
            PREFIX kv:   <https://w3id.org/kvgraph/def#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX foaf: <http://xmlns.com/foaf/0.1/>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            PREFIX xsd:  <http://www.w3.org/2001/XMLSchema#>
            """;

    /** The sets described by a document of their own, submitted in the period. */
    private static String sets(Period p) {
        return "  ?set a kv:QuestionSet ; kv:submittedOn ?submitted .\n"
                + "  FILTER EXISTS { ?set kv:hasQuestion|kv:hasResponse ?part }\n" + p.filter("?submitted");
    }

    /** The label of ?x as ?name: its smallest skos:prefLabel, so one resource gives one row. */
    private static String label(String x, String name) {
        return "  { SELECT " + x + " (MIN(STR(?l)) AS " + name + ") { " + x + " skos:prefLabel ?l } GROUP BY " + x + " }\n";
    }

    /** The ministries (or, without one, the office) that signed a substantive answer of ?set, as ?ministry. */
    private static final String MINISTRY = """
              ?set kv:hasResponse ?response .
              ?response a kv:Response ; kv:answeredAs ?office .
              OPTIONAL { ?office kv:ministry ?m . ?m skos:prefLabel ?ml }
              ?office skos:prefLabel ?ol .
              BIND(COALESCE(STR(?ml), STR(?ol)) AS ?ministry)
            """;

    private final Source source;

    public Statistics(Source source) {
        this.source = source;
    }

    /** The figures of a breakdown (all of them for null), in the order the command line prints them. */
    public List<Table> figures(Breakdown by, Period p, LocalDate today) {
        List<Table> all = new ArrayList<>();
        if (by == null || by == Breakdown.PARTY) {
            all.add(setsPerParty(p));
        }
        if (by == null || by == Breakdown.MEMBER) {
            all.add(setsPerMember(p));
        }
        if (by == null || by == Breakdown.MINISTRY) {
            all.add(setsPerOffice(p));
            all.add(answerDaysPerMinistry(p));
            all.add(lateShareByMinistry(p));
        }
        if (by == null || by == Breakdown.YEAR) {
            all.add(setsPerPartyPerYear(p));
            all.add(lateShareByYear(p));
        }
        if (by == null || by == Breakdown.OVERDUE) {
            all.add(openAndOverdue(p, today));
        }
        return all;
    }

    /** Every figure by id, for picking one. */
    public Map<String, Table> byId(Period p, LocalDate today) {
        Map<String, Table> m = new LinkedHashMap<>();
        for (Table t : figures(null, p, today)) {
            m.put(t.id(), t);
        }
        return m;
    }

    /** The ids of all figures. */
    public static List<String> figureIds() {
        return List.of("sets-per-party", "sets-per-member", "sets-per-office", "answer-days-per-ministry",
                "late-share-per-ministry", "sets-per-party-per-year", "late-share-per-year", "open-and-overdue");
    }

    public Table setsPerParty(Period p) {
        String q = PREFIXES + "SELECT ?party (COUNT(DISTINCT ?set) AS ?sets)\nWHERE {\n" + sets(p)
                + "  ?set kv:askerParty ?p .\n" + label("?p", "?party")
                + "}\nGROUP BY ?party\nORDER BY DESC(?sets) ?party\n";
        return table("sets-per-party", "Question sets per party", q, List.of("party", "sets"), List.of("party", "sets"));
    }

    public Table setsPerMember(Period p) {
        String q = PREFIXES + """
                SELECT ?member (GROUP_CONCAT(DISTINCT ?partyLabel; separator=", ") AS ?party) (COUNT(DISTINCT ?set) AS ?sets)
                WHERE {
                """ + sets(p) + """
                  ?set kv:askedBy ?person .
                  { SELECT ?person (MIN(STR(?n)) AS ?member) { ?person foaf:name ?n } GROUP BY ?person }
                  OPTIONAL { ?person <http://www.w3.org/ns/org#memberOf> ?pp . ?pp skos:prefLabel ?pl BIND(STR(?pl) AS ?partyLabel) }
                }
                GROUP BY ?person ?member
                ORDER BY DESC(?sets) ?member ?party
                """;
        return table("sets-per-member", "Question sets per member", q, List.of("member", "party", "sets"),
                List.of("member", "party", "sets"));
    }

    public Table setsPerOffice(Period p) {
        String q = PREFIXES + "SELECT ?office (COUNT(DISTINCT ?set) AS ?sets)\nWHERE {\n" + sets(p)
                + "  ?set kv:addressedTo ?o .\n" + label("?o", "?office")
                + "}\nGROUP BY ?office\nORDER BY DESC(?sets) ?office\n";
        return table("sets-per-office", "Question sets per addressed office", q, List.of("office", "sets"),
                List.of("office", "sets"));
    }

    public Table setsPerPartyPerYear(Period p) {
        String q = PREFIXES + "SELECT ?year ?party (COUNT(DISTINCT ?set) AS ?sets)\nWHERE {\n" + sets(p)
                + "  BIND(YEAR(?submitted) AS ?year)\n"
                + "  ?set kv:askerParty ?p .\n" + label("?p", "?party")
                + "}\nGROUP BY ?year ?party\nORDER BY ?year DESC(?sets) ?party\n";
        return table("sets-per-party-per-year", "Question sets per party per year (of submission)", q,
                List.of("year", "party", "sets"), List.of("year", "party", "sets"));
    }

    /** Days to the first substantive answer per ministry: sets, median, 90th percentile, shortest, longest. */
    public Table answerDaysPerMinistry(Period p) {
        String q = PREFIXES + "SELECT DISTINCT ?ministry ?set ?days\nWHERE {\n" + sets(p)
                + "  ?set kv:daysToAnswer ?days .\n" + MINISTRY + "}\nORDER BY ?ministry ?days ?set\n";
        Map<String, List<Integer>> days = new LinkedHashMap<>();
        for (Binding b : source.apply(q)) {
            days.computeIfAbsent(str(b, "ministry"), k -> new ArrayList<>()).add(Integer.parseInt(str(b, "days")));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : days.entrySet()) {
            List<Integer> d = new ArrayList<>(e.getValue());
            Collections.sort(d);
            rows.add(List.of(e.getKey(), Integer.toString(d.size()), number(median(d)),
                    Integer.toString(percentile(d, 90)), Integer.toString(d.get(0)),
                    Integer.toString(d.get(d.size() - 1))));
        }
        return new Table("answer-days-per-ministry",
                "Days to the first answer per ministry (median, 90th percentile by nearest rank)",
                List.of("ministry", "sets", "median days", "p90 days", "min days", "max days"), rows, q);
    }

    public Table lateShareByMinistry(Period p) {
        String q = PREFIXES + "SELECT ?ministry" + COUNTS + "WHERE {\n  { SELECT DISTINCT ?ministry ?set ?status {\n"
                + sets(p) + "  ?set kv:timelinessStatus ?status .\n" + MINISTRY
                + "  } }\n}\nGROUP BY ?ministry\nORDER BY ?ministry\n";
        return shareTable("late-share-per-ministry", "Share answered late per ministry", "ministry", q);
    }

    public Table lateShareByYear(Period p) {
        String q = PREFIXES + "SELECT ?year" + COUNTS + "WHERE {\n" + sets(p)
                + "  ?set kv:timelinessStatus ?status .\n  BIND(YEAR(?submitted) AS ?year)\n"
                + "}\nGROUP BY ?year\nORDER BY ?year\n";
        return shareTable("late-share-per-year", "Share answered late per year (of submission)", "year", q);
    }

    private static final String COUNTS = """
             (SUM(IF(?status = kv:AnsweredOnTime, 1, 0)) AS ?onTime)
                   (SUM(IF(?status = kv:AnsweredWithinExtendedTerm, 1, 0)) AS ?extended)
                   (SUM(IF(?status = kv:AnsweredLate, 1, 0)) AS ?late)
            """;

    private Table shareTable(String id, String title, String key, String q) {
        List<List<String>> rows = new ArrayList<>();
        for (Binding b : source.apply(q)) {
            int onTime = Integer.parseInt(str(b, "onTime"));
            int extended = Integer.parseInt(str(b, "extended"));
            int late = Integer.parseInt(str(b, "late"));
            int answered = onTime + extended + late;
            if (answered == 0) {
                continue;
            }
            rows.add(List.of(str(b, key), Integer.toString(answered), Integer.toString(onTime),
                    Integer.toString(extended), Integer.toString(late), percent(late, answered)));
        }
        return new Table(id, title + " (among sets answered with a known date)",
                List.of(key, "answered", "on time", "within extended term", "late", "share late"), rows, q);
    }

    /** Sets without a substantive answer whose due date lies before {@code today}. */
    public Table openAndOverdue(Period p, LocalDate today) {
        String q = PREFIXES + """
                SELECT ?set ?submitted ?due ?postponements ?title
                WHERE {
                """ + sets(p) + """
                  ?set kv:timelinessStatus kv:Open ; kv:dueDate ?due ; kv:postponementCount ?postponements .
                  FILTER(?due < "%s"^^xsd:date)
                  OPTIONAL { ?set dcterms:title ?title }
                }
                ORDER BY ?due ?set
                """.formatted(today);
        List<List<String>> rows = new ArrayList<>();
        for (Binding b : source.apply(q)) {
            LocalDate due = LocalDate.parse(str(b, "due"));
            List<String> r = new ArrayList<>();
            r.add(str(b, "set"));
            r.add(str(b, "submitted"));
            r.add(due.toString());
            r.add(Long.toString(ChronoUnit.DAYS.between(due, today)));
            r.add(str(b, "postponements"));
            r.add(str(b, "title"));
            rows.add(r);
        }
        return new Table("open-and-overdue", "Open and overdue on " + today,
                List.of("set", "submitted", "due", "days overdue", "postponements", "title"), rows, q);
    }

    private Table table(String id, String title, String q, List<String> columns, List<String> vars) {
        List<List<String>> rows = new ArrayList<>();
        for (Binding b : source.apply(q)) {
            List<String> r = new ArrayList<>();
            for (String v : vars) {
                r.add(str(b, v));
            }
            rows.add(r);
        }
        return new Table(id, title, columns, rows, q);
    }

    private static String str(Binding b, String var) {
        Node n = b.get(var);
        if (n == null) {
            return "";
        }
        return n.isLiteral() ? n.getLiteralLexicalForm() : n.isURI() ? n.getURI() : n.toString();
    }

    /** The median of sorted values. */
    static double median(List<Integer> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    /** The nearest-rank percentile of sorted values: the value at position ⌈pct/100 · n⌉ (1-based). */
    static int percentile(List<Integer> sorted, int pct) {
        int rank = (pct * sorted.size() + 99) / 100;   // integer ceiling: no floating-point surprises
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }

    private static String percent(int part, int whole) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
