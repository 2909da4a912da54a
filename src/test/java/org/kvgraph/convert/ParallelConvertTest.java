package org.kvgraph.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.cli.CliRunner;
import org.kvgraph.synth.SyntheticCorpus;

/** Documents read on several threads give the same bytes, problems and notices as read on one. */
class ParallelConvertTest {
    static final Path BAD = Path.of("src/test/resources/bad/letter/impossible-date.txt");

    @TempDir
    static Path tmp;

    static Path corpus;

    @BeforeAll
    static void corpusWithABrokenDocumentInTheMiddle() throws Exception {
        corpus = tmp.resolve("corpus");
        SyntheticCorpus.generate(new SyntheticCorpus.Config(150, 3), corpus);
        List<Path> texts = new ArrayList<>();
        try (var walk = Files.walk(corpus.resolve("aanhangsel"))) {
            walk.filter(Files::isRegularFile).sorted().forEach(texts::add);
        }
        // Named to sort among the Aanhangsel texts, so it is read while others are in flight.
        Path middle = texts.get(texts.size() / 2);
        Files.copy(BAD, middle.resolveSibling(middle.getFileName().toString().replace(".txt", "-broken.txt")));
    }

    @Test
    void severalThreadsWriteTheSameBytesAsOne() throws Exception {
        for (String ext : List.of("nt", "nq", "ttl")) {
            Path one = tmp.resolve("one." + ext);
            Path four = tmp.resolve("four." + ext);
            CliRunner.Run a = CliRunner.run("convert", "--threads", "1", "-o", one.toString(), corpus.toString());
            CliRunner.Run b = CliRunner.run("convert", "--threads", "4", "-o", four.toString(), corpus.toString());
            assertEquals(1, a.exit(), a.err());
            assertEquals(a.err(), b.err(), "the same problems and notices, in the same order");
            assertEquals(a.out().replace("one." + ext, "four." + ext), b.out());
            assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(four), ext);
        }
    }

    @Test
    void aBrokenDocumentIsReportedWithFileAndLineWhileTheOthersConvert() throws Exception {
        Path out = tmp.resolve("broken.nt");
        CliRunner.Run r = CliRunner.run("convert", "--threads", "3", "-o", out.toString(), corpus.toString());
        assertEquals(1, r.exit());
        List<String> problems = r.err().lines().filter(l -> !l.startsWith("note: ")).toList();
        assertEquals(1, problems.size(), r.err());
        assertTrue(problems.get(0).matches(".*-broken\\.txt:4: no such date: \"31 februari 2023\""), problems.get(0));
        long documents = Converter.expand(List.of(corpus), new ArrayList<>()).size();
        assertTrue(r.out().contains("converted " + (documents - 1) + " of " + documents + " documents"), r.out());
        String written = Files.readString(out, StandardCharsets.UTF_8);
        // every set of the corpus is there (the broken copy's own set is not)
        long sets = written.lines().filter(l -> l.contains("<https://w3id.org/kvgraph/def#caseNumber>")
                && l.startsWith("<https://w3id.org/kvgraph/id/question-set/")).map(l -> l.split(" ")[0]).distinct().count();
        assertTrue(sets >= 150, "sets written: " + sets);
    }

    @Test
    void theOrderedPipelineKeepsTheOrderAndPassesFailuresOn() {
        List<Integer> items = IntStream.range(0, 500).boxed().toList();
        List<Integer> seen = new ArrayList<>();
        InOrder.run(items, 3, i -> {
            if (i % 7 == 0) {
                Thread.yield(); // some finish later than those after them
            }
            return i * 2;
        }, (i, r) -> {
            assertEquals(i * 2, r);
            seen.add(i);
        });
        assertEquals(items, seen);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> InOrder.run(items, 3, i -> {
            if (i == 250) {
                throw new IllegalStateException("worker failed at " + i);
            }
            return i;
        }, (i, r) -> { }));
        assertEquals("worker failed at 250", e.getMessage());
        assertThrows(Converter.StrictModeException.class, () -> InOrder.run(items, 3, i -> i, (i, r) -> {
            if (i == 10) {
                throw new Converter.StrictModeException(new Problem("x", 1, "stop"));
            }
        }));
    }

    @Test
    void strictStopsAtTheBrokenDocumentWithSeveralThreads() {
        CliRunner.Run r = CliRunner.run("convert", "--strict", "--threads", "3", "-o", tmp.resolve("strict.nt").toString(), corpus.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("-broken.txt:4:"), r.err());
        assertTrue(r.err().contains("stopped (--strict); nothing written"), r.err());
    }
}
