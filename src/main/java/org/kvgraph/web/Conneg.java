package org.kvgraph.web;

import java.util.List;
import java.util.Locale;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;

/**
 * Content negotiation for resources: picks the representation an {@code Accept} header prefers among those a
 * resource has (q-values honoured, the server's order breaking ties), or the one a {@code ?format=} names.
 */
final class Conneg {
    /** A representation: its media type, the {@code ?format=} name, and how Jena writes it (null for HTML). */
    record Kind(String mediaType, String format, RDFFormat rdf) {
    }

    static final Kind HTML = new Kind("text/html", "html", null);
    static final Kind TURTLE = new Kind("text/turtle", "ttl", RDFFormat.TURTLE_PRETTY);
    static final Kind NTRIPLES = new Kind("application/n-triples", "nt", RDFFormat.NTRIPLES);
    static final Kind JSONLD = new Kind("application/ld+json", "jsonld", RDFFormat.JSONLD11_PRETTY);
    static final Kind RDFXML = new Kind("application/rdf+xml", "rdf", RDFFormat.RDFXML_PLAIN);
    /** In the order preferred when the client has none: Turtle for a client that asks for anything. */
    static final List<Kind> RDF_KINDS = List.of(TURTLE, NTRIPLES, JSONLD, RDFXML);
    static final List<Kind> ALL = List.of(TURTLE, HTML, NTRIPLES, JSONLD, RDFXML);

    private Conneg() {
    }

    /** The chosen kind, or null when none is acceptable (406). */
    static Kind choose(String accept, String format, List<Kind> offered) {
        if (format != null && !format.isBlank()) {
            return offered.stream().filter(k -> k.format().equals(format)).findFirst().orElse(null);
        }
        if (accept == null || accept.isBlank()) {
            return offered.get(0);
        }
        Kind best = null;
        double bestQ = 0;
        int bestSpecificity = -1;
        for (Kind k : offered) {
            double q = 0;
            int specificity = -1;
            for (String range : accept.split(",")) {
                String[] parts = range.trim().split(";");
                String type = parts[0].trim().toLowerCase(Locale.ROOT);
                double rq = 1;
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].trim();
                    if (p.startsWith("q=")) {
                        try {
                            rq = Double.parseDouble(p.substring(2));
                        } catch (NumberFormatException e) {
                            rq = 0;
                        }
                    }
                }
                int s = matches(type, k.mediaType());
                if (s > specificity) {
                    specificity = s;
                    q = rq;
                }
            }
            // the most specific matching range decides a type's q; among types, the highest q wins, then the
            // more specific match (text/turtle over */*), then the server's order
            if (specificity >= 0 && q > 0 && (q > bestQ || (q == bestQ && specificity > bestSpecificity))) {
                best = k;
                bestQ = q;
                bestSpecificity = specificity;
            }
        }
        return best;
    }

    /** -1 no match, 0 for *&#47;*, 1 for type/*, 2 for the exact type. */
    private static int matches(String range, String type) {
        if (range.equals(type)) {
            return 2;
        }
        if (range.equals("*/*") || range.equals("*")) {
            return 0;
        }
        if (range.endsWith("/*") && type.startsWith(range.substring(0, range.length() - 1))) {
            return 1;
        }
        if (range.equals("application/json") && type.equals("application/ld+json")) {
            return 1;
        }
        return -1;
    }

    static Lang lang(Kind k) {
        return k.rdf().getLang();
    }
}
