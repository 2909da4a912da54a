package org.kvgraph.timeliness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.convert.Converter;
import org.kvgraph.rdf.KV;
import org.kvgraph.rdf.Uris;
import org.kvgraph.synth.SyntheticCorpus;

/**
 * The derivation keeps what it needs in bags that sort on disk beyond a memory budget: with a budget so small that
 * every bag spills many times, it must derive exactly what it derives in memory, and what a direct in-memory
 * reading of the rule over the converted graph gives; and it must leave nothing on disk when closed.
 */
class DerivationOnDiskTest {
    @TempDir
    Path dir;

    private static final Uris URIS = new Uris(Uris.DEFAULT_BASE);

    /** Converts the corpus through a derivation with the budget; returns the graph and the derived triples in order. */
    private static List<Triple> derive(Path corpus, long budget, Graph into) {
        List<Triple> derived = new ArrayList<>();
        try (TimelinessDerivation d = new TimelinessDerivation(StreamRDFLib.graph(into), budget)) {
            new Converter(URIS, false).threads(1).convert(List.of(corpus), d, false);
            d.emit(null);
            derived.addAll(d.derivedTriples());
        }
        return derived;
    }

    @Test
    void aBudgetOfAFewBytesDerivesWhatTheRuleGivesAndLeavesNoFiles() throws IOException {
        Path corpus = dir.resolve("corpus");
        SyntheticCorpus.generate(new SyntheticCorpus.Config(300, 5), corpus);
        Path spill = Files.createDirectories(dir.resolve("spill"));
        String tmp = System.getProperty("java.io.tmpdir");
        Graph small = GraphFactory.createDefaultGraph();
        List<Triple> onDisk;
        List<Path> spilled = new ArrayList<>();
        System.setProperty("java.io.tmpdir", spill.toString());
        try (TimelinessDerivation d = new TimelinessDerivation(StreamRDFLib.graph(small), 512)) {
            new Converter(URIS, false).threads(1).convert(List.of(corpus), d, false);
            try (Stream<Path> files = Files.list(spill)) {
                spilled.addAll(files.toList());
            }
            d.emit(null);
            onDisk = d.derivedTriples();
        } finally {
            System.setProperty("java.io.tmpdir", tmp);
        }
        assertTrue(spilled.size() > 10, "the budget makes the bags sort to disk: " + spilled.size() + " files");
        try (Stream<Path> files = Files.list(spill)) {
            assertEquals(List.of(), files.toList(), "closed, the derivation leaves no file behind");
        }

        Graph big = GraphFactory.createDefaultGraph();
        List<Triple> inMemory = derive(corpus, 1L << 30, big);
        assertEquals(inMemory, onDisk, "the same derived triples in the same order");
        assertEquals(big.size(), small.size());
        assertEquals(expected(big), new HashSet<>(onDisk), "what the rule gives, read directly off the graph");
        assertTrue(onDisk.size() > 5 * 300, "facts for every set and its dated responses: " + onDisk.size());
    }

    @Test
    void blankNodesAndResponsesInOtherDocumentsAreJoined() {
        Graph g = GraphFactory.createDefaultGraph();
        Node set = NodeFactory.createBlankNode("set één");
        Node notice = NodeFactory.createBlankNode("notice\tmet tab");
        Node answer = NodeFactory.createURI(URIS.base() + "id/answer/ah-tk-1");
        List<Triple> derived;
        try (TimelinessDerivation d = new TimelinessDerivation(StreamRDFLib.graph(g), 64)) {
            // the answer first (as if from a later document), then the set and its notice
            d.triple(Triple.create(answer, KV.type, KV.Response));
            d.triple(Triple.create(answer, KV.receivedOn, date("2024-07-05")));
            d.triple(Triple.create(set, KV.hasResponse, answer));
            d.triple(Triple.create(set, KV.submittedOn, date("2024-05-30")));
            d.triple(Triple.create(set, KV.hasResponse, notice));
            d.triple(Triple.create(notice, KV.type, KV.PostponementNotice));
            d.triple(Triple.create(notice, KV.type, KV.Response));
            d.triple(Triple.create(notice, KV.receivedOn, date("2024-06-14")));
            d.triple(Triple.create(set, KV.hasResponse, answer));
            derived = d.derivedTriples();
        }
        Set<Triple> expected = Set.of(
                Triple.create(set, KV.dueDate, date("2024-07-11")),
                Triple.create(set, KV.postponementCount, integer(1)),
                Triple.create(set, KV.firstAnswerOn, date("2024-07-05")),
                Triple.create(set, KV.daysToAnswer, integer(36)),
                Triple.create(set, KV.timelinessStatus, KV.AnsweredWithinExtendedTerm),
                Triple.create(answer, KV.daysAfterSubmission, integer(36)),
                Triple.create(notice, KV.daysAfterSubmission, integer(15)));
        assertEquals(expected, new HashSet<>(derived));
        assertEquals(expected.size(), derived.size());
    }

    /** The rule applied directly to a graph held in memory. */
    private static Set<Triple> expected(Graph g) {
        Set<Triple> out = new HashSet<>();
        Set<Node> sets = new HashSet<>();
        g.find(Node.ANY, KV.submittedOn, Node.ANY).forEachRemaining(t -> sets.add(t.getSubject()));
        for (Node s : sets) {
            boolean described = g.contains(s, KV.hasQuestion, Node.ANY) || g.contains(s, KV.hasResponse, Node.ANY);
            if (!described) {
                continue;
            }
            LocalDate submitted = g.find(s, KV.submittedOn, Node.ANY).toList().stream()
                    .map(t -> LocalDate.parse(t.getObject().getLiteralLexicalForm())).min(LocalDate::compareTo).orElseThrow();
            List<Timeliness.Notice> notices = new ArrayList<>();
            for (Triple link : g.find(s, KV.hasResponse, Node.ANY).toList()) {
                Node r = link.getObject();
                LocalDate on = g.find(r, KV.receivedOn, Node.ANY).toList().stream()
                        .map(t -> LocalDate.parse(t.getObject().getLiteralLexicalForm())).min(LocalDate::compareTo).orElse(null);
                boolean isNotice = g.contains(r, KV.type, KV.PostponementNotice);
                if (!isNotice && !g.contains(r, KV.type, KV.Response)) {
                    continue;
                }
                notices.add(isNotice ? Timeliness.Notice.postponement(on) : Timeliness.Notice.answer(on));
                if (on != null) {
                    out.add(Triple.create(r, KV.daysAfterSubmission, integer(java.time.temporal.ChronoUnit.DAYS.between(submitted, on))));
                }
            }
            Timeliness.Facts f = Timeliness.of(submitted, notices);
            out.add(Triple.create(s, KV.dueDate, date(f.dueDate().toString())));
            out.add(Triple.create(s, KV.postponementCount, integer(f.postponementCount())));
            if (f.firstAnswerOn() != null) {
                out.add(Triple.create(s, KV.firstAnswerOn, date(f.firstAnswerOn().toString())));
                out.add(Triple.create(s, KV.daysToAnswer, integer(f.daysToAnswer())));
            }
            out.add(Triple.create(s, KV.timelinessStatus, TimelinessDerivation.concept(f.status())));
        }
        return out;
    }

    private static Node date(String d) {
        return NodeFactory.createLiteralDT(d, XSDDatatype.XSDdate);
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }
}
