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
        Terms terms = new Terms(prefixes, Integer.MAX_VALUE);
        TurtleBlocks blocks = new TurtleBlocks(w, prefixes);
        for (Triple t : sorted) {
            blocks.add(nt(t.getSubject()), terms.term(t.getSubject()), nt(t.getPredicate()),
                    terms.predicate(t.getPredicate()), terms.term(t.getObject()));
        }
        blocks.finish();
        w.flush();
    }

    /**
     * The Turtle forms of terms under a prefix map: prefixed names where they apply, {@code a} for rdf:type as
     * a predicate, literals in their short forms. Formatted terms are cached, at most {@code cacheSize} of them.
     */
    static final class Terms {
        private final NodeFormatter fmt;
        private final Map<Node, String> cache = new HashMap<>();
        private final int cacheSize;

        Terms(Map<String, String> prefixes, int cacheSize) {
            PrefixMap pm = PrefixMapFactory.create();
            new TreeMap<>(prefixes).forEach(pm::add);
            this.fmt = new NodeFormatterTTL(null, pm);
            this.cacheSize = cacheSize;
        }

        String predicate(Node p) {
            return p.isURI() && p.getURI().equals("http://www.w3.org/1999/02/22-rdf-syntax-ns#type") ? "a" : term(p);
        }

        String term(Node n) {
            if (n.isBlank()) {
                return "_:" + label(n);
            }
            String s = cache.get(n);
            if (s == null) {
                IndentedLineBuffer b = new IndentedLineBuffer();
                fmt.format((AWriter) b, n);
                s = b.asString();
                if (cache.size() >= cacheSize) {
                    cache.clear();
                }
                cache.put(n, s);
            }
            return s;
        }
    }

    /**
     * Writes sorted, distinct triples as Turtle as they come: the prefixes first, then a block per subject.
     * Subjects and predicates are told apart by their N-Triples forms (keys), and written in their Turtle forms.
     */
    static final class TurtleBlocks {
        private final Writer w;
        private String subject;
        private String predicate;

        TurtleBlocks(Writer w, Map<String, String> prefixes) throws IOException {
            this.w = w;
            for (Map.Entry<String, String> e : new TreeMap<>(prefixes).entrySet()) {
                w.write("@prefix " + e.getKey() + ": <" + e.getValue() + "> .\n");
            }
        }

        void add(String subjectKey, String s, String predicateKey, String p, String o) throws IOException {
            if (!subjectKey.equals(subject)) {
                if (subject != null) {
                    w.write(" .\n");
                }
                w.write("\n");
                w.write(s);
                w.write("\n    ");
                w.write(p);
                w.write(' ');
                w.write(o);
                subject = subjectKey;
                predicate = predicateKey;
            } else if (!predicateKey.equals(predicate)) {
                w.write(" ;\n    ");
                w.write(p);
                w.write(' ');
                w.write(o);
                predicate = predicateKey;
            } else {
                w.write(" ,\n        ");
                w.write(o);
            }
        }

        void finish() throws IOException {
            if (subject != null) {
                w.write(" .\n");
            }
        }
    }

    /** A blank node's label as Turtle allows it: letters, digits, '_' and '-' (not first). */
    private static String label(Node b) {
        String l = b.getBlankNodeLabel().replaceAll("[^A-Za-z0-9_-]", "_");
        return l.isEmpty() || l.charAt(0) == '-' ? "b" + l : l;
    }

    static final Comparator<Quad> QUAD_ORDER = Comparator.comparing(SortedRdf::line);
}
