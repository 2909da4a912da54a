package org.kvgraph.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.riot.system.StreamRDFLib;
import org.kvgraph.convert.Converter;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.rdf.RdfMapper;
import org.kvgraph.rdf.Uris;

/**
 * Coverage-guided fuzzing of every reader with Jazzer. The property, for any input: the reader throws nothing
 * but {@link ParseException}, and takes no more than a second per megabyte (a second at least).
 *
 * <p>In the default test run each target replays only its stored inputs (regression mode): the seeds and the
 * findings turned into regression cases, under {@code src/test/resources/org/kvgraph/source/ReaderFuzzTestInputs/<target>/}.
 * To fuzz: {@code scripts/fuzz.sh [SECONDS]} runs each target in turn, or one by hand:
 * {@code JAZZER_FUZZ=1 mvn -o test -Dtest='ReaderFuzzTest#letter' -Djazzer.internal.arg.0=-max_total_time=600}.
 * A finding is written into the target's inputs folder, where it becomes a regression case once committed.
 *
 * <p>Readers are called as the converter calls them: a text reader only on a document whose layout it accepts.
 */
class ReaderFuzzTest {
    private static final Uris URIS = new Uris(Uris.DEFAULT_BASE);

    /** Whether Jazzer fuzzes (JAZZER_FUZZ=1) rather than replays the stored inputs. */
    static final boolean FUZZING = System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isBlank()
            && !"0".equals(System.getenv("JAZZER_FUZZ"));
    /**
     * While fuzzing, every branch and comparison is instrumented for coverage, which makes a read several times
     * slower (a 13 kB Aanhangsel: 0.12 s plain, 1.2 to 1.9 s instrumented on a busy machine), so the limit is
     * scaled; a slow input found so is kept and timed plainly in the default run.
     */
    static final double INSTRUMENTED_SLOWDOWN = 10;

    @FunctionalInterface
    interface Read {
        void run() throws ParseException;
    }

    /**
     * Runs a read: a ParseException is an answer; anything else, or too long a time, is a finding. A read over
     * the time limit is timed once more before it counts: the first read in a JVM also loads and compiles the
     * classes (seconds, for Jena), a slow input is slow every time.
     */
    static void check(byte[] input, Read read) {
        double limit = Math.max(1.0, input.length / (double) (1 << 20)) * (FUZZING ? INSTRUMENTED_SLOWDOWN : 1);
        double seconds = timed(read);
        if (seconds > limit) {
            seconds = timed(read);
        }
        if (seconds > limit) {
            throw new AssertionError(String.format("%d bytes took %.2f s, more than %.2f s", input.length, seconds, limit));
        }
    }

    private static double timed(Read read) {
        long t0 = System.nanoTime();
        try {
            read.run();
        } catch (ParseException e) {
            if (e.line() < 0 || e.reason() == null || e.reason().isBlank()) {
                throw new AssertionError("a ParseException without a place or a reason: " + e.getMessage(), e);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static SourceDocument text(byte[] input) {
        return new SourceDocument("fuzz.txt", new String(input, StandardCharsets.UTF_8));
    }

    /** Reads with the reader when it accepts the text, and maps what it reads to RDF as the converter does. */
    private static void readText(SourceReader reader, byte[] input) {
        check(input, () -> {
            SourceDocument doc = text(input);
            if (reader.accepts(doc)) {
                RdfMapper mapper = new RdfMapper(URIS, StreamRDFLib.sinkNull(), false);
                reader.read(doc, mapper::questionSet);
            }
        });
    }

    @FuzzTest(maxDuration = "60s")
    void letter(byte[] input) {
        readText(new TextLetterReader(), input);
    }

    @FuzzTest(maxDuration = "60s")
    void aanhangsel(byte[] input) {
        readText(new AanhangselTextReader(), input);
    }

    @FuzzTest(maxDuration = "60s")
    void odata(byte[] input) {
        readText(new TkODataReader(), input);
    }

    @FuzzTest(maxDuration = "60s")
    void syncfeed(byte[] input) {
        readText(SyncFeedReader.pageReader(), input);
        // and the multi-page path: a page into the store, the store into sets
        check(input, () -> {
            SyncFeedStore store = new SyncFeedStore();
            store.addAll(SyncFeedReader.page(text(input)).entities());
            store.sets(new java.util.ArrayList<>());
        });
    }

    @FuzzTest(maxDuration = "60s")
    void pdf(byte[] input) {
        check(input, () -> PdfReader.extract(input, "fuzz.pdf"));
    }

    /**
     * The whole path of one document as {@code kvgraph convert} reads it: bytes from a file, PDF or strict UTF-8,
     * the reader chosen by layout, the records mapped to RDF.
     */
    @FuzzTest(maxDuration = "60s")
    void document(byte[] input) {
        check(input, () -> {
            Path file;
            try {
                file = Files.createTempFile("fuzz", ".txt");
                Files.write(file, input);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                List<QuestionSet> sets = Converter.read(file);
                RdfMapper mapper = new RdfMapper(URIS, StreamRDFLib.sinkNull(), false);
                sets.forEach(mapper::questionSet);
            } finally {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind
                }
            }
        });
    }
}
