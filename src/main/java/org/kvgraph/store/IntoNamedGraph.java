package org.kvgraph.store;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.Quad;

/**
 * Puts triples, and quads of the default graph, into a named graph. The store's default graph is the union of
 * its named graphs, so anything in the stored default graph would be invisible to queries.
 */
final class IntoNamedGraph extends StreamRDFWrapper {
    private final Node graph;

    IntoNamedGraph(StreamRDF other, Node graph) {
        super(other);
        this.graph = graph;
    }

    @Override
    public void start() {
        // The loader's stream is started and finished once for the whole load.
    }

    @Override
    public void finish() {
    }

    @Override
    public void triple(Triple t) {
        super.quad(Quad.create(graph, t));
    }

    @Override
    public void quad(Quad q) {
        if (q.isDefaultGraph() || q.getGraph() == null) {
            super.quad(Quad.create(graph, q.asTriple()));
        } else {
            super.quad(q);
        }
    }
}
