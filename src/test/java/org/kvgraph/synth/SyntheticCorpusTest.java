package org.kvgraph.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.cli.CliRunner;
import org.kvgraph.convert.Converter;
import org.kvgraph.convert.Problem;
import org.kvgraph.rdf.Uris;
import org.kvgraph.timeliness.TimelinessDerivation;
import org.kvgraph.validate.Validator;

/** The synthetic corpus: deterministic, convertible without problems, conforming, and shaped as configured. */
class SyntheticCorpusTest {
    private static final String KV = "https://w3id.org/kvgraph/def#";

    @TempDir
    Path dir;

    @Test
    void sameSeedGivesByteIdenticalCorpus() throws IOException {
        CliRunner.Run a = CliRunner.run("generate", "--sets", "120", "--seed", "5", "--out", dir.resolve("a").toString());
        CliRunner.Run b = CliRunner.run("generate", "--sets", "120", "--seed", "5", "--out", dir.resolve("b").toString());
        assertEquals(0, a.exit(), a.err());
        assertEquals(0, b.exit(), b.err());
        assertTrue(a.out().startsWith("SYNTHETIC corpus"), a.out());
        List<Path> files = files(dir.resolve("a"));
        assertEquals(files, files(dir.resolve("b")));
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f.toString());
            String name = f.getFileName().toString();
            assertTrue(name.startsWith("synthetic-") || name.equals("README.md"), name);
        }
        assertTrue(Files.readString(dir.resolve("a/README.md")).contains("SYNTHETIC"));
        SyntheticCorpus.generate(new SyntheticCorpus.Config(120, 6), dir.resolve("c"));
        assertTrue(files(dir.resolve("c")).stream().anyMatch(f -> !same(dir.resolve("a").resolve(f), dir.resolve("c").resolve(f))));
    }

    @Test
    void everyDocumentConvertsAndTheResultConforms() throws Exception {
        SyntheticCorpus.Config config = new SyntheticCorpus.Config(400, 11);
        SyntheticCorpus.Summary s = SyntheticCorpus.generate(config, dir);
        Graph g = GraphFactory.createDefaultGraph();
        TimelinessDerivation derive = new TimelinessDerivation(StreamRDFLib.graph(g));
        List<Problem> notices = new java.util.ArrayList<>();
        List<Problem> problems = new Converter(new Uris(Uris.DEFAULT_BASE), false).onNotice(notices::add)
                .convert(List.of(dir), derive, false);
        derive.emit(null);
        assertEquals(List.of(), problems);
        assertEquals(List.of(), notices);
        Validator.Report report = new Validator().validate(g);
        assertTrue(report.conforms(), () -> report.results().stream().limit(10).toList().toString());

        // one set per case, and the configured shapes, roughly
        assertEquals(config.sets(), count(g, RDF.type.asNode(), kv("QuestionSet")));
        assertEquals(s.questions(), count(g, RDF.type.asNode(), kv("Question")));
        double questionsPerSet = (double) s.questions() / s.answered();
        assertTrue(Math.abs(questionsPerSet - config.meanQuestions()) < 1.0, "questions per set " + questionsPerSet);
        assertTrue(Math.abs((double) s.footnotes() / s.answered() - config.meanFootnotes()) < 0.5, "footnotes");
        assertTrue(Math.abs((double) s.postponed() / s.sets() - config.postponedShare()) < 0.08, "postponed");
        assertTrue(Math.abs((double) s.withCoSubmitters() / s.sets() - config.coSubmitterShare()) < 0.08, "co-submitters");
        assertTrue(Math.abs((double) s.letters() / s.answered() - config.letterShare()) < 0.08, "letters");
        double meanDays = (double) s.daysToAnswerSum() / s.answered();
        assertTrue(meanDays > 20 && meanDays < 70, "mean days to answer " + meanDays);
        assertEquals(s.postponed(), count(g, RDF.type.asNode(), kv("PostponementNotice")));
        assertTrue(count(g, kv("cites"), null) > s.footnotes() * 0.9, "citations");

        // treaties are named as in real footnotes, one name per Tractatenblad citation
        List<Node> treaties = g.find(null, RDF.type.asNode(), kv("Treaty")).mapWith(t -> t.getSubject()).toList();
        assertTrue(treaties.size() > 10, "treaties " + treaties.size());
        for (Node t : treaties) {
            List<Node> labels = g.find(t, org.kvgraph.rdf.KV.prefLabel, null).mapWith(x -> x.getObject()).toList();
            List<Node> trb = g.find(t, kv("trbCitation"), null).mapWith(x -> x.getObject()).toList();
            assertEquals(1, labels.size(), t + " " + labels);
            assertEquals(1, trb.size(), t + " " + trb);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Trb\\. (\\d{4}), (\\d+)")
                    .matcher(trb.get(0).getLiteralLexicalForm());
            assertTrue(m.matches(), trb.toString());
            assertEquals(SyntheticCorpus.treatyName(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))),
                    labels.get(0).getLiteralLexicalForm(), t.toString());
        }
    }

    @Test
    void supplementsNameEarlierSetsOfTheCorpus() throws Exception {
        SyntheticCorpus.Config config = new SyntheticCorpus.Config(1_500, 11);
        SyntheticCorpus.Summary s = SyntheticCorpus.generate(config, dir);
        Graph g = GraphFactory.createDefaultGraph();
        List<Problem> problems = new Converter(new Uris(Uris.DEFAULT_BASE), false).convert(List.of(dir), StreamRDFLib.graph(g), false);
        assertEquals(List.of(), problems);
        double share = (double) s.supplementing() / s.letters();
        assertTrue(s.supplementing() > 5 && Math.abs(share - config.supplementShare()) < 0.03, "supplementing " + share);
        List<org.apache.jena.graph.Triple> supplements = g.find(null, kv("supplements"), null).toList();
        assertEquals(s.supplementing(), supplements.size());
        for (org.apache.jena.graph.Triple t : supplements) {
            Node earlier = t.getObject();
            // the earlier set is the corpus's own (its OData Zaak: a Tweede Kamer id), submitted before the later one
            assertEquals(1, countOf(g, earlier, kv("tkId")), earlier.toString());
            String later = g.find(t.getSubject(), kv("submittedOn"), null).next().getObject().getLiteralLexicalForm();
            List<Node> dates = g.find(earlier, kv("submittedOn"), null).mapWith(x -> x.getObject()).toList();
            assertEquals(1, dates.size(), earlier + " " + dates);
            assertTrue(dates.get(0).getLiteralLexicalForm().compareTo(later) < 0, t.toString());
        }
        // a supplement's askers are the earlier case's own (Tweede Kamer ids), not a second node for each of them
        List<Node> askers = g.find(null, kv("askedBy"), null).mapWith(x -> x.getObject()).toList();
        for (Node a : new java.util.HashSet<>(askers)) {
            assertEquals(1, countOf(g, a, kv("tkId")), a.toString());
        }
    }

    @Test
    void theShareOfSupplementsDoesNotFallWithTheDensityOfSets() throws Exception {
        // 10,000 sets in one year: about as many a day as 200,000 sets in the default 18 years
        SyntheticCorpus.Config d = new SyntheticCorpus.Config(10_000, 3);
        SyntheticCorpus.Config dense = new SyntheticCorpus.Config(d.sets(), d.seed(), 2024, 2024, d.meanQuestions(),
                d.meanFootnotes(), d.coSubmitterShare(), d.postponedShare(), d.letterShare(), d.unansweredShare(),
                d.supplementShare(), d.medianDaysToAnswer(), d.medianDaysPostponed(), d.setsPerPage());
        SyntheticCorpus.Summary s = SyntheticCorpus.generate(dense, dir);
        double share = (double) s.supplementing() / s.letters();
        assertTrue(Math.abs(share - d.supplementShare()) < 0.012, "supplementing " + share + " of " + s.letters());
    }

    @Test
    void theMemberTheExampleQueryLooksUpExistsAtEverySeed() {
        for (long seed : new long[] {1, 5, 11, 42, 4242}) {
            Registry r = Registry.generate(seed, 2008, 2025);
            for (List<String> nameAndParty : Registry.LOOKED_UP) {
                assertEquals(1, r.members().stream().filter(m -> m.familyName().equals(nameAndParty.get(0))).count(),
                        "seed " + seed + ": " + nameAndParty);
            }
            // still one member per name without its particle, as a text may drop or capitalise it
            List<String> keys = r.members().stream().map(m -> m.familyName()
                    .replaceFirst("^(van der |van den |van |de |ter )", "").toLowerCase(java.util.Locale.ROOT)).toList();
            assertEquals(keys.size(), new java.util.HashSet<>(keys).size(), "seed " + seed);
        }
    }

    private static long countOf(Graph g, Node s, Node p) {
        return g.stream(s, p, null).count();
    }

    private static Node kv(String local) {
        return NodeFactory.createURI(KV + local);
    }

    private static long count(Graph g, Node p, Node o) {
        return g.stream(null, p, o).count();
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.exists(b) && java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
