package org.kvgraph.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.kvgraph.rdf.KV;

/** The description of a resource served at its URI: its own triples and the labels of what it points at. */
final class Describe {
    /** The label predicates, most telling first. */
    static final List<Node> LABELS = List.of(KV.title, KV.prefLabel, KV.name, KV.headline,
            NodeFactory.createURI(KV.SCHEMA + "name"), KV.label);

    private Describe() {
    }

    /** An empty graph when the data says nothing about the resource. */
    static Graph resource(Graph data, Node uri) {
        Graph g = GraphFactory.createDefaultGraph();
        data.find(uri, Node.ANY, Node.ANY).forEach(g::add);
        if (g.isEmpty()) {
            return g;
        }
        for (Triple t : g.find().toList()) {
            if (t.getObject().isURI() && !t.getObject().equals(uri)) {
                for (Node p : LABELS) {
                    data.find(t.getObject(), p, Node.ANY).forEach(g::add);
                }
            }
        }
        return g;
    }

    /** A resource's label: the first label predicate it has (Dutch preferred), else the end of its URI. */
    static String label(Graph data, Node n) {
        if (!n.isURI()) {
            return n.isLiteral() ? n.getLiteralLexicalForm() : n.toString();
        }
        for (Node p : LABELS) {
            List<Node> values = new ArrayList<>();
            data.find(n, p, Node.ANY).forEach(t -> values.add(t.getObject()));
            if (!values.isEmpty()) {
                values.sort(Comparator.comparing((Node v) -> !"nl".equals(v.isLiteral() ? v.getLiteralLanguage() : ""))
                        .thenComparing((Node v) -> v.toString()));
                Node v = values.get(0);
                return v.isLiteral() ? v.getLiteralLexicalForm() : v.toString();
            }
        }
        String u = n.getURI();
        return u.substring(Math.max(u.lastIndexOf('/'), u.lastIndexOf('#')) + 1);
    }
}
