package org.kvgraph.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.query.Dataset;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFDataMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kvgraph.TestGraphs;
import picocli.CommandLine;

class ConvertCommandTest {
    static final String SEED = "data/seed/000_4eec038f78b129de.txt";
    static final String OTHER = "src/test/resources/letters/other-letter.txt";
    static final String BAD = "src/test/resources/bad/letter/impossible-date.txt";

    @TempDir
    Path tmp;

    static CliRunner.Run run(String... args) {
        return CliRunner.run(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ttl", "nt", "trig", "nq", "jsonld"})
    void everyFormatHoldsTheSameGraph(String ext) {
        Path file = tmp.resolve("out." + ext);
        CliRunner.Run r = run("convert", "-o", file.toString(), SEED);
        assertEquals(0, r.exit(), r.err());
        Dataset ds = RDFDataMgr.loadDataset(file.toString());
        Model union = ext.equals("ttl") || ext.equals("nt") ? ds.getDefaultModel() : ds.getUnionModel();
        assertTrue(linked(SEED).isIsomorphicWith(union), ext + " differs from the converted graph");
    }

    @Test
    void aFolderGivenThroughASymbolicLinkIsSearched() throws Exception {
        Path real = java.nio.file.Files.createDirectories(tmp.resolve("real"));
        java.nio.file.Files.copy(Path.of(SEED), real.resolve("seed.txt"));
        Path link = java.nio.file.Files.createSymbolicLink(tmp.resolve("link"), real);
        Path viaLink = tmp.resolve("via-link.nt");
        Path direct = tmp.resolve("direct.nt");
        CliRunner.Run r = run("convert", "-o", viaLink.toString(), link.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("converted 1 of 1 documents"), r.out());
        assertEquals(0, run("convert", "-o", direct.toString(), real.toString()).exit());
        assertEquals(java.nio.file.Files.readString(direct), java.nio.file.Files.readString(viaLink));
    }

    @Test
    void aFolderWithoutSourceDocumentsIsAnErrorAndWritesNothing() throws Exception {
        Path empty = java.nio.file.Files.createDirectories(tmp.resolve("empty"));
        java.nio.file.Files.writeString(empty.resolve("README.md"), "nothing here");
        Path out = tmp.resolve("out.nt");
        CliRunner.Run r = run("convert", "-o", out.toString(), empty.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no source documents found in"), r.err());
        assertTrue(!java.nio.file.Files.exists(out), "no output file for no input");
    }

    /** What convert writes by default: the converted graph with the identifier links and the derived facts. */
    static Model linked(String input) {
        return converted(input, true);
    }

    /** The converted graph, with or without the identifier links, and with the derived timeliness facts. */
    static Model converted(String input, boolean links) {
        Model m = org.apache.jena.rdf.model.ModelFactory.createDefaultModel();
        var derive = new org.kvgraph.timeliness.TimelinessDerivation(
                org.apache.jena.riot.system.StreamRDFLib.graph(m.getGraph()));
        var out = links ? org.kvgraph.link.IdentifierLinks.wrap(derive) : derive;
        out.start();
        new org.kvgraph.convert.Converter(new org.kvgraph.rdf.Uris(org.kvgraph.rdf.Uris.DEFAULT_BASE), false)
                .convert(List.of(Path.of(input)), out, false);
        derive.emit(null);
        out.finish();
        return m;
    }

    @Test
    void theDerivedTimelinessFactsAreWritten() {
        Path file = tmp.resolve("out.ttl");
        assertEquals(0, run("convert", "-o", file.toString(), SEED).exit());
        Model written = RDFDataMgr.loadModel(file.toString());
        // the seed letter gives no receipt date: answered, date unknown; due three weeks after 22 May 2025
        assertTrue(TestGraphs.ask(written, """
                ASK { id:question-set\\/2025Z10267 kv:timelinessStatus kv:AnsweredDateUnknown ;
                      kv:dueDate "2025-06-12"^^xsd:date ; kv:postponementCount 0 }"""));
        assertFalse(TestGraphs.convert(Path.of(SEED)).isIsomorphicWith(written));
    }

    @Test
    void noLinksLeavesOutTheLinksAndNothingElse() {
        Path file = tmp.resolve("out.ttl");
        assertEquals(0, run("convert", "--no-links", "-o", file.toString(), SEED).exit());
        assertTrue(converted(SEED, false).isIsomorphicWith(RDFDataMgr.loadModel(file.toString())));
        assertFalse(linked(SEED).isIsomorphicWith(RDFDataMgr.loadModel(file.toString())));
    }

    @Test
    void quadFormatsPutEachSourceInItsOwnGraph() {
        Path file = tmp.resolve("out.nq");
        assertEquals(0, run("convert", "-o", file.toString(), SEED, OTHER).exit());
        Dataset ds = RDFDataMgr.loadDataset(file.toString());
        var names = new java.util.TreeSet<String>();
        ds.listNames().forEachRemaining(names::add);
        assertEquals(java.util.Set.of("https://w3id.org/kvgraph/graph/000_4eec038f78b129de.txt",
                "https://w3id.org/kvgraph/graph/other-letter.txt",
                "https://w3id.org/kvgraph/graph/derived-timeliness"), names);
        assertTrue(ds.getDefaultModel().isEmpty());
    }

    @Test
    void sameInputGivesByteIdenticalOutput() throws Exception {
        for (String ext : List.of("ttl", "nq")) {
            Path a = tmp.resolve("a." + ext);
            Path b = tmp.resolve("b." + ext);
            assertEquals(0, run("convert", "-o", a.toString(), SEED, OTHER).exit());
            assertEquals(0, run("convert", "-o", b.toString(), OTHER, SEED).exit());
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), ext);
        }
    }

    @Test
    void badInputIsReportedTheRestConvertedAndExitIsNonZero() {
        Path file = tmp.resolve("out.ttl");
        CliRunner.Run r = run("convert", "-o", file.toString(), BAD, SEED);
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(BAD + ":4: no such date: \"31 februari 2023\""), r.err());
        assertTrue(r.out().contains("converted 1 of 2 documents"), r.out());
        Model written = RDFDataMgr.loadModel(file.toString());
        assertTrue(linked(SEED).isIsomorphicWith(written));
    }

    @Test
    void strictStopsAtTheFirstProblemAndWritesNothing() throws Exception {
        Path file = tmp.resolve("out.ttl");
        CliRunner.Run r = run("convert", "--strict", "-o", file.toString(), BAD, SEED);
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(BAD + ":4:"), r.err());
        assertFalse(Files.exists(file));
        try (var left = Files.list(tmp)) {
            assertEquals(0, left.count(), "no partial file left behind");
        }
    }

    @Test
    void samePersonInTwoDocumentsIsOneResource() {
        Model m = TestGraphs.convert(Path.of(SEED), Path.of(OTHER));
        assertEquals(List.of("https://w3id.org/kvgraph/id/person/bontenbal-cda"),
                TestGraphs.column(m, "SELECT DISTINCT ?p { ?p foaf:familyName 'Bontenbal' }"));
        assertEquals(2, TestGraphs.column(m, "SELECT ?s { ?s kv:askedBy <https://w3id.org/kvgraph/id/person/bontenbal-cda> ; kv:hasQuestion [] } GROUP BY ?s").size());
        assertEquals(List.of("https://w3id.org/kvgraph/id/person/veldkamp"),
                TestGraphs.column(m, "SELECT DISTINCT ?p { ?p foaf:familyName 'Veldkamp' }"));
    }

    @Test
    void baseOptionChangesEveryMintedUri() {
        Path file = tmp.resolve("out.nt");
        assertEquals(0, run("convert", "--base", "http://example.org/kv/", "-o", file.toString(), SEED).exit());
        Model m = RDFDataMgr.loadModel(file.toString());
        assertEquals(List.of(), TestGraphs.column(m, "SELECT ?s { ?s ?p ?o FILTER(STRSTARTS(STR(?s), 'https://w3id.org/kvgraph/id/')) }"));
        assertTrue(TestGraphs.ask(m, "ASK { <http://example.org/kv/id/question-set/2025Z10267> kv:caseNumber '2025Z10267' }"));
    }

    @Test
    void unknownOutputExtensionIsAClearError() {
        CliRunner.Run r = run("convert", "-o", tmp.resolve("out.xyz").toString(), SEED);
        assertTrue(r.exit() != 0);
        assertTrue(r.err().contains("use .ttl, .nt, .trig, .nq or .jsonld"), r.err());
    }
}
