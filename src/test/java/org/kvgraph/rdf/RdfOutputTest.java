package org.kvgraph.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RdfOutputTest {
    @TempDir
    Path tmp;

    static final Node PERSON = NodeFactory.createURI(Uris.DEFAULT_BASE + "id/person/bontenbal-cda");
    static final Node SET = NodeFactory.createURI(Uris.DEFAULT_BASE + "id/question-set/2025Z10267");

    @Test
    void sharedTriplesAreWrittenOnceAndDistinctOnesAllKept() throws Exception {
        Path file = tmp.resolve("out.nt");
        try (RdfOutput out = RdfOutput.open(file)) {
            for (int doc = 0; doc < 3; doc++) {
                out.stream().triple(Triple.create(PERSON, KV.familyName, NodeFactory.createLiteralString("Bontenbal")));
                out.stream().triple(Triple.create(PERSON, KV.name, NodeFactory.createLiteralString("H. Bontenbal " + doc)));
                out.stream().triple(Triple.create(PERSON, KV.familyName, NodeFactory.createLiteralLang("Bontenbal", "nl")));
            }
            out.commit();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertEquals(1, lines.stream().filter(l -> l.endsWith("\"Bontenbal\" .")).count());
        assertEquals(1, lines.stream().filter(l -> l.endsWith("\"Bontenbal\"@nl .")).count());
        assertEquals(3, lines.stream().filter(l -> l.contains("H. Bontenbal")).count());
    }

    @Test
    void inQuadsTheSameTripleIsWrittenOncePerGraph() throws Exception {
        Path file = tmp.resolve("out.nq");
        Node a = NodeFactory.createURI(Uris.DEFAULT_BASE + "graph/a.txt");
        Node b = NodeFactory.createURI(Uris.DEFAULT_BASE + "graph/b.txt");
        Triple t = Triple.create(PERSON, KV.familyName, NodeFactory.createLiteralString("Bontenbal"));
        try (RdfOutput out = RdfOutput.open(file)) {
            out.stream().quad(Quad.create(a, t));
            out.stream().quad(Quad.create(b, t));
            out.stream().quad(Quad.create(a, t));
            out.commit();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(2, lines.size(), String.join("\n", lines));
    }

    @Test
    void aSetsOwnTriplesAreNotRemembered() {
        RdfOutput.Distinct d = new RdfOutput.Distinct(org.apache.jena.riot.system.StreamRDFLib.sinkNull());
        d.triple(Triple.create(SET, KV.caseNumber, NodeFactory.createLiteralString("2025Z10267")));
        d.triple(Triple.create(NodeFactory.createURI("https://zoek.officielebekendmakingen.nl/kv-tk-2025Z10267"), KV.type, KV.Response));
        d.triple(Triple.create(PERSON, KV.familyName, NodeFactory.createLiteralString("Bontenbal")));
        d.triple(Triple.create(PERSON, KV.familyName, NodeFactory.createLiteralString("Bontenbal")));
        assertEquals(1, d.remembered());
    }

    @Test
    void sharedQuadsSortedToDiskComeOutOnceEachWithEveryKindOfTerm() throws Exception {
        // A budget of 2 KB makes the distinct bag sort its lines to disk many times over, and with 16 recent
        // fingerprints most repeats reach the bag.
        Node g1 = NodeFactory.createURI(Uris.DEFAULT_BASE + "graph/één.txt");
        Node g2 = NodeFactory.createURI(Uris.DEFAULT_BASE + "graph/twee.txt");
        Node blank = NodeFactory.createBlankNode("b0-Kostić");
        List<Node> objects = List.of(NodeFactory.createLiteralString("Kostić\nregel twee \"geciteerd\" \\ tab\t"),
                NodeFactory.createLiteralLang("geïnformeerd", "nl"), NodeFactory.createLiteralDT("2024-05-30", org.apache.jena.datatypes.xsd.XSDDatatype.XSDdate),
                NodeFactory.createURI("https://example.org/a%20b#c"), blank,
                NodeFactory.createURI("https://example.org/geen geldige\nIRI<>\"{}|^`\\"));
        java.util.Set<Quad> expected = new java.util.HashSet<>();
        java.util.List<Quad> seen = new java.util.ArrayList<>();
        try (RdfOutput.Distinct d = new RdfOutput.Distinct(new org.apache.jena.riot.system.StreamRDFBase() {
            @Override
            public void quad(Quad q) {
                seen.add(q);
            }

            @Override
            public void triple(Triple t) {
                seen.add(Quad.create(Quad.defaultGraphIRI, t));
            }
        }, 2048, 16)) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 400; i++) {
                    Node s = i % 7 == 0 ? blank : NodeFactory.createURI(Uris.DEFAULT_BASE + "id/person/p" + i);
                    Quad q = i % 3 == 0 ? Quad.create(Quad.defaultGraphIRI, s, KV.name, objects.get(i % objects.size()))
                            : Quad.create(i % 2 == 0 ? g1 : g2, s, KV.familyName, objects.get(i % objects.size()));
                    if (q.isDefaultGraph()) {
                        d.triple(q.asTriple());
                    } else {
                        d.quad(q);
                    }
                    expected.add(q);
                }
                assertEquals(0, seen.size(), "shared quads are held back until finish");
            }
            d.finish();
        }
        assertEquals(expected.size(), seen.size(), "each shared quad once");
        java.util.Set<Quad> missing = new java.util.HashSet<>(expected);
        seen.forEach(missing::remove);
        assertEquals(java.util.Set.of(), missing, "shared quads lost or changed on the way through disk");
    }
}
