package org.kvgraph.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.vocabulary.SHACL;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kvgraph.rdf.KV;

/**
 * The SHACL shapes against cases: every file in {@code shapes/good} must conform; every file in
 * {@code shapes/bad} must not, and its first line {@code # expect: TEXT} (more such lines when one defect
 * necessarily breaks two rules) names the messages its results carry: each must appear, and no other, so a
 * bad file fails for its own reason, not for a slip elsewhere in it.
 */
class ShapesTest {
    private static final Path CASES = Path.of("src/test/resources/shapes");
    private static final Validator VALIDATOR = new Validator();

    /** Every case file: good ones first, then bad ones, each named by its folder. */
    static Stream<Path> cases() throws IOException {
        return Stream.concat(files("good").stream(), files("bad").stream());
    }

    private static List<Path> files(String dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CASES.resolve(dir))) {
            files = s.filter(p -> p.toString().endsWith(".ttl")).sorted().collect(Collectors.toList());
        }
        assertFalse(files.isEmpty(), "no cases in " + CASES.resolve(dir));
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void caseBehavesAsExpected(Path file) throws Exception {
        Graph data = Validator.read(List.of(file));
        Validator.Report report = VALIDATOR.validate(data);
        if (file.getParent().getFileName().toString().equals("good")) {
            assertTrue(data.contains(Node.ANY, KV.hasQuestion, Node.ANY), file + " describes no question set");
            assertTrue(report.conforms(), () -> file + " does not conform:\n" + lines(report));
            return;
        }
        List<String> expected = expectations(file);
        assertFalse(report.conforms(), file + " conforms, but should violate: " + expected);
        for (String e : expected) {
            assertTrue(report.results().stream().anyMatch(r -> r.message().contains(e)),
                    () -> file + ": no result says \"" + e + "\", got:\n" + lines(report));
        }
        for (Validator.Result r : report.results()) {
            assertTrue(expected.stream().anyMatch(e -> r.message().contains(e)),
                    () -> file + ": expected only " + expected + ", got:\n" + lines(report));
        }
    }

    /** One bad case for each rule: every sh:message of the shapes is what some bad file expects. */
    @Test
    void everyRuleHasABadCase() throws IOException {
        List<String> expectations = new ArrayList<>();
        for (Path file : files("bad")) {
            expectations.addAll(expectations(file));
        }
        Graph shapes = GraphFactory.createDefaultGraph();
        RDFDataMgr.read(shapes, "ontology/shapes.ttl");
        List<String> messages = shapes.find(Node.ANY, SHACL.message, Node.ANY).toList().stream()
                .map(t -> t.getObject().getLiteralLexicalForm()).distinct().sorted().collect(Collectors.toList());
        assertTrue(messages.size() > 40, "only " + messages.size() + " messages in the shapes");
        List<String> untested = messages.stream()
                .filter(m -> expectations.stream().noneMatch(e -> m.contains(e)))
                .collect(Collectors.toList());
        assertEquals(List.of(), untested, "rules without a bad case in " + CASES.resolve("bad"));
    }

    /** The leading "# expect: TEXT" lines of a bad case (the first line must be one). */
    private static List<String> expectations(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (!lines.get(0).startsWith("# expect: ")) {
            fail(file + ": the first line must be '# expect: <part of the message>'");
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < lines.size() && lines.get(i).startsWith("# expect: "); i++) {
            expected.add(lines.get(i).substring("# expect: ".length()).trim());
        }
        return expected;
    }

    /** The good case that matters most: exactly what the converter's mapper writes. */
    @Test
    void mapperOutputConforms() {
        Graph data = SampleRecords.mapped();
        assertTrue(data.size() > 100, "the sample mapped to only " + data.size() + " triples");
        for (Node type : List.of(KV.QuestionSet, KV.Question, KV.Answer, KV.Response, KV.PostponementNotice,
                KV.Party, KV.Ministry, KV.Office, KV.Treaty, KV.ParliamentaryPaper, KV.Person, KV.NewsArticle)) {
            assertTrue(data.contains(Node.ANY, KV.type, type), "the sample has no " + type);
        }
        for (Node p : List.of(KV.supplements, KV.answeredAs, KV.onBehalfOf, KV.answers, KV.submittedOn,
                KV.receivedOn, KV.datePublished, KV.cites, KV.ministry, KV.portfolio)) {
            assertTrue(data.contains(Node.ANY, p, Node.ANY), "the sample has no " + p);
        }
        Validator.Report report = VALIDATOR.validate(data);
        assertTrue(report.conforms(), () -> "mapper output does not conform:\n" + lines(report)
                + "\n" + turtle(data));
    }

    /** A broken mapping is caught on the mapper's own output, not only on hand-made files. */
    @Test
    void mapperOutputWithoutAskersDoesNotConform() {
        Graph data = SampleRecords.mapped();
        data.remove(Node.ANY, KV.askedBy, Node.ANY);
        Validator.Report report = VALIDATOR.validate(data);
        assertFalse(report.conforms());
        assertEquals(List.of("A question set with questions has no asker (kv:askedBy)"),
                report.results().stream().map(Validator.Result::message).distinct().collect(Collectors.toList()));
        assertEquals("<https://w3id.org/kvgraph/id/question-set/2025Z10267>", report.results().get(0).focusNode());
        assertEquals("kv:askedBy", report.results().get(0).path());
    }

    @Test
    void namedGraphsAreValidatedAsTheirUnion() throws Exception {
        DatasetGraph dsg = SampleRecords.mappedToNamedGraphs();
        assertTrue(dsg.getDefaultGraph().isEmpty(), "expected everything in named graphs");
        Path file = Files.createTempFile("kvgraph", ".nq");
        try {
            try (var out = Files.newOutputStream(file)) {
                RDFDataMgr.write(out, dsg, Lang.NQUADS);
            }
            Graph union = Validator.read(List.of(file));
            assertEquals(SampleRecords.mapped().size(), union.size());
            assertTrue(VALIDATOR.validate(union).conforms());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String lines(Validator.Report report) {
        return report.results().stream().map(Object::toString).collect(Collectors.joining("\n"));
    }

    private static String turtle(Graph g) {
        var out = new java.io.ByteArrayOutputStream();
        RDFDataMgr.write(out, g, Lang.TURTLE);
        return out.toString(StandardCharsets.UTF_8);
    }
}
