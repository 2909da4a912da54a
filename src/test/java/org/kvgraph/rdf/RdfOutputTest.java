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
}
