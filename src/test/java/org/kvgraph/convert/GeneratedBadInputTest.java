package org.kvgraph.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.TestGraphs;
import org.kvgraph.rdf.Uris;
import org.kvgraph.source.SourceDocument;

/**
 * Bad inputs too big to keep in the repository, made here: JSON nested 100,000 deep and 50 MB documents. Like
 * {@link BadInputTest}, each gives its own {@code FILE:LINE: reason} (or is converted) and the good document of
 * the same run is still converted whole. Large documents go through {@code kvgraph convert} in a child JVM with a
 * 512 MB heap (bounded memory), using at most a second of CPU time per megabyte: 50 MB ones are refused unread
 * (larger than {@link SourceDocument#MAX_BYTES}), one just under the limit is converted. The bound is on the CPU
 * time the child reports, not on the wall clock, which a machine busy with other work stretches many times over
 * (a 31 MB letter: 5 CPU s and 5.6 s on the clock on a quiet machine, 33 s on the clock at load average 12-20).
 */
class GeneratedBadInputTest {
    static final Path SEED = BadInputTest.SEED;
    static final int MB = 1 << 20;
    /** Minutes a child conversion may run before it is taken for hung (not a speed limit). */
    static final long HUNG = 10;
    static final String ODATA = "{\"@odata.context\":\"https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#Zaak\",\"value\":";

    @TempDir
    Path tmp;

    @Test
    void jsonNested100000DeepIsAClearErrorNotAStackOverflow() throws IOException {
        Path deep = tmp.resolve("deep.json");
        int n = 100_000;
        Files.writeString(deep, ODATA + "[".repeat(n) + "]".repeat(n) + "}", StandardCharsets.UTF_8);
        Problem p = theOneProblem(deep);
        assertEquals(1, p.line(), p.toString());
        assertTrue(p.reason().startsWith("not valid JSON: nested deeper than"), p.toString());

        // Objects, and arrays inside strings (which do not nest), are told apart.
        Path deepObjects = tmp.resolve("deep-objects.json");
        Files.writeString(deepObjects, ODATA + "[" + "{\"a\":".repeat(n) + "1" + "}".repeat(n) + "]}", StandardCharsets.UTF_8);
        assertTrue(theOneProblem(deepObjects).reason().startsWith("not valid JSON: nested deeper than"));
    }

    @Test
    void jsonNestedWithinTheLimitIsReadAsBefore() throws IOException {
        // 200 deep, and brackets in strings do not count: a Zaak page whose value is not objects, the usual error.
        Path ok = tmp.resolve("nested.json");
        Files.writeString(ok, ODATA + "[" + "[".repeat(200) + "\"]]]]]\\\"[[[\"" + "]".repeat(200) + "]}", StandardCharsets.UTF_8);
        assertEquals("an element of \"value\" is not an object", theOneProblem(ok).reason());
    }

    /** 50 MB documents (a letter, text in no layout on one line, an OData page) are refused at once, unread. */
    @Test
    void fiftyMegabyteDocumentsAreRefusedInBoundedTimeAndMemory() throws Exception {
        Path letter = bigLetter(tmp.resolve("big-letter.txt"), 50L * MB);
        Path noise = tmp.resolve("big-noise.txt");
        try (BufferedWriter w = Files.newBufferedWriter(noise, StandardCharsets.UTF_8)) {
            String chunk = "lorem ipsum dolor sit amet ".repeat(1000);
            for (long written = 0; written < 50L * MB; written += chunk.length()) {
                w.write(chunk);
            }
        }
        Path page = tmp.resolve("big-page.json");
        String zaak = Files.readString(Path.of("src/test/resources/odata/zaak-2024Z03568.json"), StandardCharsets.UTF_8).strip();
        try (BufferedWriter w = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
            w.write(ODATA + "[");
            long written = 0;
            for (int i = 0; written < 50L * MB; i++) {
                String z = i == 0 ? zaak : "," + zaak;
                w.write(z);
                written += z.length();
            }
            w.write("]}");
        }
        Result r = convertInChild(letter, noise, page, SEED);
        assertEquals(1, r.exit, r.err);
        for (Path big : List.of(letter, noise, page)) {
            assertTrue(r.err.contains(big + ":1: document too large: "), r.err);
        }
        assertTrue(r.out.contains("converted 1 of 4 documents"), r.out);
        assertTrue(r.nt.contains(seedCase()), "the good document is converted");
        System.out.println("GeneratedBadInputTest: three 50 MB documents refused in " + r.times());
        assertTrue(r.cpuSeconds <= 50, "took " + r.times() + " for 150 MB");
    }

    /** A letter just under the size limit, its one answer 30 MB of text: converted in bounded time and memory. */
    @Test
    void aLetterJustUnderTheLimitIsConvertedInBoundedTimeAndMemory() throws Exception {
        Path big = bigLetter(tmp.resolve("big-letter.txt"), SourceDocument.MAX_BYTES - MB);
        Result r = convertInChild(big, SEED);
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("converted 2 of 2 documents"), r.out + r.err);
        assertTrue(r.nt.contains("2025Z99999"), "the big letter is in the output");
        assertTrue(r.nt.contains(seedCase()), "the seed letter is in the output");
        assertTrue(r.nt.length() > SourceDocument.MAX_BYTES - 2 * MB, "with its long answer");
        String mb = String.format(java.util.Locale.ROOT, "%.1f MB", sizeMb(big));
        System.out.println("GeneratedBadInputTest: a " + mb + " letter converted in " + r.times());
        assertTrue(r.cpuSeconds <= sizeMb(big), "took " + r.times() + " for " + mb);
    }

    /** The seed letter, under another case number, with an answer made {@code size} bytes long. */
    private static Path bigLetter(Path big, long size) throws IOException {
        List<String> seed = Files.readAllLines(SEED, StandardCharsets.UTF_8);
        int answer = seed.indexOf("Antwoord");
        assertTrue(answer > 0);
        try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            long written = 0;
            for (int i = 0; i <= answer + 1; i++) {
                // another case than the seed's, so the two sets stay apart
                String l = seed.get(i).replaceAll("\\b\\d{4}Z\\d{5}\\b", "2025Z99999") + "\n";
                w.write(l);
                written += l.getBytes(StandardCharsets.UTF_8).length;
            }
            String line = "Dit is een lange zin van het antwoord, met een verwijzing naar Kamerstuk 36 410, nr. 12, en meer tekst.\n";
            for (; written < size - 20_000; written += line.length()) {
                w.write(line);
            }
            for (int i = answer + 2; i < seed.size(); i++) {
                w.write(seed.get(i));
                w.write('\n');
            }
        }
        return big;
    }

    private static String seedCase() throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b\\d{4}Z\\d{5}\\b").matcher(Files.readString(SEED, StandardCharsets.UTF_8));
        assertTrue(m.find());
        return m.group();
    }

    private static double sizeMb(Path p) throws IOException {
        return Files.size(p) / (double) MB;
    }

    /** What a child run did; seconds is its wall-clock time, cpuSeconds the CPU time it used (all its threads). */
    private record Result(int exit, String out, String err, String nt, double seconds, double cpuSeconds) {
        String times() {
            return String.format(java.util.Locale.ROOT, "%.1f CPU s (%.1f s on the clock)", cpuSeconds, seconds);
        }
    }

    /**
     * {@code kvgraph convert --no-links -o OUT FILES} in a child JVM with a 512 MB heap, which reports the CPU
     * time it used ({@link CpuTimedKvgraph}). Waits as long as the child runs, up to {@link #HUNG} minutes: that
     * limit only stops a run that hangs, it is no measure of speed (a loaded machine stretches the wall clock).
     */
    private Result convertInChild(Path... files) throws Exception {
        Path out = tmp.resolve("out.nt");
        Path stdout = tmp.resolve("stdout");
        Path stderr = tmp.resolve("stderr");
        Path cpu = tmp.resolve("cpu-nanos");
        Files.deleteIfExists(cpu);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                CpuTimedKvgraph.class.getName(), cpu.toString(), "convert", "--no-links", "-o", out.toString()));
        for (Path f : files) {
            cmd.add(f.toString());
        }
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(HUNG, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            fail("kvgraph convert did not end within " + HUNG + " minutes: hung? " + Files.readString(stderr));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String nt = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        String err = Files.readString(stderr);
        // none when the JVM ended without its shutdown hooks (out of memory): NaN, which no bound admits
        double cpuSeconds = Files.exists(cpu) ? Long.parseLong(Files.readString(cpu).strip()) / 1e9 : Double.NaN;
        return new Result(p.exitValue(), Files.readString(stdout), err, nt, seconds, cpuSeconds);
    }

    private static Problem theOneProblem(Path bad) {
        Model alone = TestGraphs.convert(SEED);
        Model m = ModelFactory.createDefaultModel();
        List<Problem> problems = new Converter(new Uris(Uris.DEFAULT_BASE), false)
                .convert(List.of(bad, SEED), StreamRDFLib.graph(m.getGraph()), false);
        assertEquals(1, problems.size(), problems.toString());
        Problem p = problems.get(0);
        assertEquals(bad.toString(), p.file());
        assertTrue(alone.isIsomorphicWith(m), "the good document's triples are all there, and nothing of the bad one");
        return p;
    }
}
