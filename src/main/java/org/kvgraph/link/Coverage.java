package org.kvgraph.link;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.kvgraph.rdf.KV;

/**
 * How many resources of each class link to each target data set, and which link to none: the numbers behind
 * {@code kvgraph links --report}. A link is a {@code skos:exactMatch}, {@code skos:closeMatch} or
 * {@code rdfs:seeAlso} whose object lies in a target's URI space.
 *
 * <pre>{@code
 * Coverage c = Coverage.of(model.getGraph());
 * c.count("persons", LinkTarget.WIKIDATA);   // persons with a Wikidata link
 * c.without("parties");                      // parties linked to nothing
 * }</pre>
 */
public final class Coverage {
    /** The classes reported on, by their name in the report. */
    public static final Map<String, Node> CLASSES = classes();
    static final List<Node> LINK_PREDICATES = List.of(LinkVocab.exactMatch, LinkVocab.closeMatch, LinkVocab.seeAlso);

    private final Map<String, Integer> totals = new LinkedHashMap<>();
    private final Map<String, Map<LinkTarget, Integer>> counts = new LinkedHashMap<>();
    private final Map<String, Set<String>> without = new LinkedHashMap<>();

    private Coverage() {
    }

    private static Map<String, Node> classes() {
        Map<String, Node> m = new LinkedHashMap<>();
        m.put("persons", KV.Person);
        m.put("parties", KV.Party);
        m.put("ministries", KV.Ministry);
        m.put("treaties", KV.Treaty);
        m.put("question sets", KV.QuestionSet);
        return m;
    }

    public static Coverage of(Graph g) {
        Coverage c = new Coverage();
        CLASSES.forEach((name, type) -> {
            Set<Node> members = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
            g.find(Node.ANY, KV.type, type).forEach(t -> members.add(t.getSubject()));
            Map<LinkTarget, Integer> perTarget = new EnumMap<>(LinkTarget.class);
            Set<String> none = new TreeSet<>();
            for (Node r : members) {
                Set<LinkTarget> targets = targets(g, r);
                targets.forEach(t -> perTarget.merge(t, 1, Integer::sum));
                if (targets.isEmpty()) {
                    none.add(r.toString());
                }
            }
            c.totals.put(name, members.size());
            c.counts.put(name, perTarget);
            c.without.put(name, none);
        });
        return c;
    }

    private static Set<LinkTarget> targets(Graph g, Node r) {
        Set<LinkTarget> out = new TreeSet<>();
        for (Node p : LINK_PREDICATES) {
            for (Triple t : g.find(r, p, Node.ANY).toList()) {
                if (t.getObject().isURI()) {
                    LinkTarget.of(t.getObject().getURI()).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    public int total(String className) {
        return totals.get(className);
    }

    public int count(String className, LinkTarget target) {
        return counts.get(className).getOrDefault(target, 0);
    }

    /** The resources of a class that link to no target, sorted. */
    public Set<String> without(String className) {
        return without.get(className);
    }

    /** The report: a table of counts, then the resources without any link. */
    public void print(PrintWriter out) {
        StringBuilder head = new StringBuilder(String.format("%-14s %6s", "class", "total"));
        for (LinkTarget t : LinkTarget.values()) {
            head.append(String.format(" %" + Math.max(6, t.label().length()) + "s", t.label()));
        }
        head.append(String.format(" %6s", "none"));
        out.println(head);
        for (String name : CLASSES.keySet()) {
            StringBuilder row = new StringBuilder(String.format("%-14s %6d", name, total(name)));
            for (LinkTarget t : LinkTarget.values()) {
                row.append(String.format(" %" + Math.max(6, t.label().length()) + "d", count(name, t)));
            }
            row.append(String.format(" %6d", without(name).size()));
            out.println(row);
        }
        Map<String, Set<String>> none = new TreeMap<>();
        without.forEach((k, v) -> {
            if (!v.isEmpty()) {
                none.put(k, v);
            }
        });
        if (!none.isEmpty()) {
            out.println();
            out.println("without any link:");
            CLASSES.keySet().stream().filter(none::containsKey).forEach(k -> {
                out.println("  " + k + ":");
                none.get(k).forEach(r -> out.println("    " + r));
            });
        }
    }
}
