package org.kvgraph.web;

import static org.kvgraph.web.Html.esc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.kvgraph.rdf.KV;

/** The ontology as a page: its classes and properties, each with its labels, comments, domain and range. */
final class OntologyPage {
    private static final String OWL = "http://www.w3.org/2002/07/owl#";
    private static final Node COMMENT = NodeFactory.createURI(KV.RDFS + "comment");

    private OntologyPage() {
    }

    static String render(Graph o, String alternates) {
        Map<String, Node> kinds = new LinkedHashMap<>();
        kinds.put("Klassen", NodeFactory.createURI(OWL + "Class"));
        kinds.put("Objecteigenschappen", NodeFactory.createURI(OWL + "ObjectProperty"));
        kinds.put("Data-eigenschappen", NodeFactory.createURI(OWL + "DatatypeProperty"));
        kinds.put("Annotatie-eigenschappen", NodeFactory.createURI(OWL + "AnnotationProperty"));
        StringBuilder b = new StringBuilder("<h1>kvgraph-ontologie</h1>\n<p><code>").append(KV.NS)
                .append("</code> — de termen waarmee Kamervragen en antwoorden worden beschreven.</p>\n");
        for (Map.Entry<String, Node> kind : kinds.entrySet()) {
            List<Node> terms = new ArrayList<>();
            o.find(Node.ANY, KV.type, kind.getValue()).forEach(t -> {
                if (t.getSubject().isURI() && t.getSubject().getURI().startsWith(KV.NS)) {
                    terms.add(t.getSubject());
                }
            });
            if (terms.isEmpty()) {
                continue;
            }
            terms.sort(Comparator.comparing(Node::getURI));
            b.append("<h2>").append(esc(kind.getKey())).append("</h2>\n");
            for (Node t : terms) {
                String local = t.getURI().substring(KV.NS.length());
                b.append("<section class=\"term\" id=\"").append(esc(local)).append("\"><h3>kv:").append(esc(local))
                        .append("</h3>\n<table>\n");
                row(b, o, t, KV.label, "label");
                row(b, o, t, COMMENT, "toelichting");
                row(b, o, t, NodeFactory.createURI(KV.RDFS + "domain"), "domein");
                row(b, o, t, NodeFactory.createURI(KV.RDFS + "range"), "bereik");
                row(b, o, t, NodeFactory.createURI(KV.RDFS + "subClassOf"), "subklasse van");
                row(b, o, t, NodeFactory.createURI(KV.RDFS + "subPropertyOf"), "subeigenschap van");
                b.append("</table></section>\n");
            }
        }
        b.append("<p class=\"muted\">Ook als ").append(alternates).append("</p>");
        return Html.page("Ontologie", b.toString());
    }

    private static void row(StringBuilder b, Graph o, Node s, Node p, String label) {
        List<String> values = new ArrayList<>();
        o.find(s, p, Node.ANY).forEach(t -> {
            Node v = t.getObject();
            if (v.isLiteral()) {
                String lang = v.getLiteralLanguage();
                values.add(esc(v.getLiteralLexicalForm()) + (lang.isEmpty() ? "" : " <span class=\"muted\">@" + esc(lang) + "</span>"));
            } else if (v.isURI()) {
                String u = v.getURI();
                values.add(u.startsWith(KV.NS) ? Html.a("#" + u.substring(KV.NS.length()), ResourcePage.prefixed(u))
                        : Html.a(u, ResourcePage.prefixed(u)));
            }
        });
        values.sort(null);
        if (!values.isEmpty()) {
            b.append("<tr><th>").append(esc(label)).append("</th><td>").append(String.join("<br>", values)).append("</td></tr>\n");
        }
    }
}
