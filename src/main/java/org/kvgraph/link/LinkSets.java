package org.kvgraph.link;

import org.kvgraph.rdf.Uris;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.kvgraph.rdf.KV;

/**
 * The VoID description of kvgraph's link sets, for the dataset description: one {@code void:Linkset} per
 * target data set and link predicate, with its subjects and objects targets, its link predicate and its
 * triple count, counted in the graph given.
 *
 * <pre>{@code
 * Graph description = LinkSets.describe(model.getGraph(), Uris.DEFAULT_BASE);
 * // <…/dataset/linkset/wikidata-exactMatch> a void:Linkset ; void:subjectsTarget <…/dataset> ;
 * //     void:objectsTarget <https://www.wikidata.org/> ; void:linkPredicate skos:exactMatch ; void:triples 1 .
 * }</pre>
 */
public final class LinkSets {
    private LinkSets() {
    }

    public static Graph describe(Graph data, String base) {
        Counter c = new Counter(base);
        for (Node p : Coverage.LINK_PREDICATES) {
            data.find(Node.ANY, p, Node.ANY).forEach(t -> c.add(t.getSubject(), p, t.getObject()));
        }
        return c.describe();
    }

    /**
     * Counts link triples one at a time, for a release written as a stream: it keeps one count per target data
     * set and link predicate, not the links. Give each distinct triple once.
     */
    public static final class Counter {
        private final String base;
        private final Map<String, Integer> counts = new TreeMap<>();
        private final Map<String, Node[]> keys = new TreeMap<>();

        public Counter(String base) {
            this.base = base.endsWith("/") ? base : base + "/";
        }

        /** Counts the triple if it is a link from this data set to a known target. */
        public void add(Node s, Node p, Node o) {
            if (!Coverage.LINK_PREDICATES.contains(p) || !s.isURI() || !s.getURI().startsWith(base) || !o.isURI()) {
                return;
            }
            LinkTarget.of(o.getURI()).ifPresent(target -> {
                String key = target.label() + "-" + p.getLocalName();
                counts.merge(key, 1, Integer::sum);
                keys.computeIfAbsent(key, k -> new Node[] {NodeFactory.createURI(target.dataset()), p,
                        NodeFactory.createLiteralString(target.uriSpace())});
            });
        }

        /** The link sets counted so far. */
        public Graph describe() {
            Graph g = GraphFactory.createDefaultGraph();
            Node dataset = NodeFactory.createURI(base + "dataset");
            counts.forEach((key, n) -> {
                Node[] k = keys.get(key);
                Node ls = new Uris(base).linkset(key.replace('.', '-'));
                g.add(Triple.create(ls, KV.type, LinkVocab.Linkset));
                g.add(Triple.create(ls, LinkVocab.subjectsTarget, dataset));
                g.add(Triple.create(ls, LinkVocab.objectsTarget, k[0]));
                g.add(Triple.create(ls, LinkVocab.linkPredicate, k[1]));
                g.add(Triple.create(ls, LinkVocab.triples, NodeFactory.createLiteralDT(Integer.toString(n),
                        org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger)));
                g.add(Triple.create(dataset, uri(LinkVocab.VOID + "subset"), ls));
                g.add(Triple.create(k[0], KV.type, LinkVocab.Dataset));
                g.add(Triple.create(k[0], LinkVocab.uriSpace, k[2]));
            });
            return g;
        }
    }

    private static Node uri(String u) {
        return NodeFactory.createURI(u);
    }
}
