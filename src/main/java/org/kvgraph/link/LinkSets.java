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
        String b = base.endsWith("/") ? base : base + "/";
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Node[]> keys = new TreeMap<>();
        for (Node p : Coverage.LINK_PREDICATES) {
            data.find(Node.ANY, p, Node.ANY).forEach(t -> {
                if (!t.getSubject().isURI() || !t.getSubject().getURI().startsWith(b) || !t.getObject().isURI()) {
                    return;
                }
                LinkTarget.of(t.getObject().getURI()).ifPresent(target -> {
                    String key = target.label() + "-" + p.getLocalName();
                    counts.merge(key, 1, Integer::sum);
                    keys.put(key, new Node[] {NodeFactory.createURI(target.dataset()), p,
                            NodeFactory.createLiteralString(target.uriSpace())});
                });
            });
        }
        Graph g = GraphFactory.createDefaultGraph();
        Node dataset = NodeFactory.createURI(b + "dataset");
        counts.forEach((key, n) -> {
            Node[] k = keys.get(key);
            Node ls = new Uris(b).linkset(key.replace('.', '-'));
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

    private static Node uri(String u) {
        return NodeFactory.createURI(u);
    }
}
