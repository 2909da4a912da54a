package org.kvgraph.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.atlas.io.AWriter;
import org.apache.jena.atlas.io.IndentedLineBuffer;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.out.NodeFormatter;
import org.apache.jena.riot.out.NodeFormatterTTL;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.sparql.core.Quad;

/**
 * RDF written in a fixed order, so the same statements always give the same bytes: N-Triples and N-Quads as
 * sorted lines, Turtle with prefixes and one block per subject, subjects, predicates and objects sorted by
 * their N-Triples form. Jena's own writers follow the order of a graph's hash maps; these do not. Blank nodes
 * are written with their own labels (the description's are fixed; the data has none).
 *
 * <pre>{@code
 * SortedRdf.turtle(out, triples, Map.of("kv", KV.NS));
 * }</pre>
 */
final class SortedRdf {
    private SortedRdf() {
    }

    /** The N-Triples form of a node, the sort key everywhere here. */
    static String nt(Node n) {
        return n.isBlank() ? "_:" + label(n) : NodeFmtLib.strNT(n);
    }

    static String line(Triple t) {
        return nt(t.getSubject()) + " " + nt(t.getPredicate()) + " " + nt(t.getObject()) + " .\n";
    }

    static String line(Quad q) {
        return nt(q.getSubject()) + " " + nt(q.getPredicate()) + " " + nt(q.getObject()) + " "
                + nt(q.getGraph()) + " .\n";
    }

    /** The triples sorted by subject, predicate, object and without repeats. */
    static List<Triple> sorted(Iterable<Triple> triples) {
        TreeMap<String, Triple> m = new TreeMap<>();
        for (Triple t : triples) {
            m.put(line(t), t);
        }
        return new ArrayList<>(m.values());
    }

    static void ntriples(OutputStream os, List<Triple> sorted) throws IOException {
        Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        for (Triple t : sorted) {
            w.write(line(t));
        }
        w.flush();
    }

    /** Turtle: the prefixes in name order, then a block per subject ({@code s p o ; p o , o .}). */
    static void turtle(OutputStream os, List<Triple> sorted, Map<String, String> prefixes) throws IOException {
        Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        PrefixMap pm = PrefixMapFactory.create();
        new TreeMap<>(prefixes).forEach((k, v) -> {
            pm.add(k, v);
        });
        for (Map.Entry<String, String> e : new TreeMap<>(prefixes).entrySet()) {
            w.write("@prefix " + e.getKey() + ": <" + e.getValue() + "> .\n");
        }
        NodeFormatter fmt = new NodeFormatterTTL(null, pm);
        Map<Node, String> cache = new HashMap<>();
        Node subject = null;
        Node predicate = null;
        for (Triple t : sorted) {
            if (!t.getSubject().equals(subject)) {
                if (subject != null) {
                    w.write(" .\n");
                }
                w.write("\n" + term(fmt, cache, t.getSubject()) + "\n    " + predicate(fmt, cache, t.getPredicate())
                        + " " + term(fmt, cache, t.getObject()));
                subject = t.getSubject();
                predicate = t.getPredicate();
            } else if (!t.getPredicate().equals(predicate)) {
                w.write(" ;\n    " + predicate(fmt, cache, t.getPredicate()) + " " + term(fmt, cache, t.getObject()));
                predicate = t.getPredicate();
            } else {
                w.write(" ,\n        " + term(fmt, cache, t.getObject()));
            }
        }
        if (subject != null) {
            w.write(" .\n");
        }
        w.flush();
    }

    private static String predicate(NodeFormatter fmt, Map<Node, String> cache, Node p) {
        return p.getURI().equals("http://www.w3.org/1999/02/22-rdf-syntax-ns#type") ? "a" : term(fmt, cache, p);
    }

    private static String term(NodeFormatter fmt, Map<Node, String> cache, Node n) {
        if (n.isBlank()) {
            return "_:" + label(n);
        }
        return cache.computeIfAbsent(n, x -> {
            IndentedLineBuffer b = new IndentedLineBuffer();
            fmt.format((AWriter) b, x);
            return b.asString();
        });
    }

    /** A blank node's label as Turtle allows it: letters, digits, '_' and '-' (not first). */
    private static String label(Node b) {
        String l = b.getBlankNodeLabel().replaceAll("[^A-Za-z0-9_-]", "_");
        return l.isEmpty() || l.charAt(0) == '-' ? "b" + l : l;
    }

    static final Comparator<Quad> QUAD_ORDER = Comparator.comparing(SortedRdf::line);
}
