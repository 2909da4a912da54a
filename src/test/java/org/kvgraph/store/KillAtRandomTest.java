package org.kvgraph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFLib;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.publish.Release;
import org.kvgraph.rdf.Uris;
import org.kvgraph.web.KvServer;

/**
 * {@code kvgraph load} and {@code kvgraph publish} in a child JVM, killed with SIGKILL at random moments (several
 * times each, anywhere from JVM start to the last rename): the database a server is serving stays the previous one
 * (or, when the kill came after the switch, the new one, whole), and a release folder never holds a truncated file
 * under a final name: each is byte for byte the old release's or the new one's. The next run succeeds. The random
 * seed is printed, and {@code -Dkvgraph.kill.seed=N} repeats a run.
 */
class KillAtRandomTest {
    static final int KILLS = 3;
    /**
     * Minutes to wait for a child run to end, for a killed child to be gone, for the server to switch or to answer
     * from the database it should: only a hang meets this limit. None of these is a measure of speed; a machine
     * busy with other work makes each take many times longer than on a quiet one.
     */
    static final long HUNG_MINUTES = 10;

    @TempDir
    Path tmp;
    private int children;

    /**
     * Waits until the server serves the given generation: the server looks for a new one every 200 ms here, and
     * writes its release before it switches (seconds on a quiet machine, many more on a busy one).
     */
    private static void awaitGeneration(KvServer server, Path generation, String when) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(HUNG_MINUTES);
        while (!generation.equals(server.generation()) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertEquals(generation, server.generation(), when + ": the server switches to the current database");
    }

    private Random random() {
        long seed = Long.getLong("kvgraph.kill.seed", System.nanoTime());
        System.out.println("KillAtRandomTest seed " + seed + " (-Dkvgraph.kill.seed=" + seed + " repeats it)");
        return new Random(seed);
    }

    @Test
    void loadKilledAtRandomMomentsLeavesAWholeDatabaseServing() throws Exception {
        Random random = random();
        Path db = tmp.resolve("db");
        Store store = new Store(db);
        Store.LoadReport first = store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, quiet());
        Path big = tmp.resolve("big.nt");
        writeTriples(big, 60_000);
        KvServer server = KvServer.start(store, new KvServer.Options(0, 30, false, null, 200));
        try {
            String sparql = server.datasetUrl() + "/sparql";
            assertEquals(first.triples(), count(sparql));
            long expectedNew = first.triples() + 60_000;
            List<String> cmd = List.of("load", "--db", db.toString(), big.toString(), "data");
            // One whole run into another folder: how long the kills may wait, and proof that it completes.
            double full = runChild(cmd.stream().map(a -> a.equals(db.toString()) ? tmp.resolve("db-ref").toString() : a).toList());
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < KILLS; i++) {
                Path before = store.current().orElseThrow();
                long delay = (long) (random.nextDouble() * full * 1000);
                Process p = startChild(cmd);
                boolean finished = p.waitFor(delay, TimeUnit.MILLISECONDS);
                kill(p);
                Path now = store.current().orElseThrow();
                long want = Long.parseLong(store.currentMetadata().orElseThrow().getProperty("triples"));
                if (now.equals(before)) {
                    outcomes.add(delay + " ms: killed, previous database kept");
                } else {
                    assertEquals(expectedNew, want, "a database switched to is a completed load");
                    outcomes.add(delay + " ms: " + (finished ? "finished" : "killed after the switch") + ", new database");
                }
                // Two completed loads hold the same count: wait for the generation, then check what it answers.
                awaitGeneration(server, now, "after kill " + i + " at " + delay + " ms");
                awaitCount(sparql, want, "after kill " + i + " at " + delay + " ms: the server answers from a whole database");
            }
            // And one kill at the moment the random ones seldom meet: right after the child switched CURRENT.
            Path before = store.current().orElseThrow();
            Process p = startChild(cmd);
            while (p.isAlive() && store.current().orElseThrow().equals(before)) {
                Thread.sleep(5);
            }
            kill(p);
            assertTrue(!store.current().orElseThrow().equals(before), "the child switched before it ended");
            awaitGeneration(server, store.current().orElseThrow(), "killed right after the switch");
            awaitCount(sparql, expectedNew, "killed right after the switch: the server serves the new database");
            outcomes.add("right after the switch: new database");
            System.out.println("KillAtRandomTest load (" + String.format("%.1f", full) + " s whole): " + outcomes);
            Store.LoadReport next = store.load(Inputs.of(List.of(big, Path.of("data"))), Uris.DEFAULT_BASE, false, quiet());
            assertEquals(expectedNew, next.triples());
            assertFalse(hasUnfinished(db), "the next load removed the killed loads' leftovers");
            awaitCount(sparql, expectedNew, "the server switched to the next load");
        } finally {
            server.close();
        }
    }

    @Test
    void publishKilledAtRandomMomentsLeavesNoTruncatedFile() throws Exception {
        Random random = random();
        Path out = tmp.resolve("release");
        Path big = tmp.resolve("big.nt");
        writeTriples(big, 30_000);
        assertExit(0, List.of("publish", "-o", out.toString(), "data"), "the old release");
        Map<String, String> old = sums(out);
        Path ref = tmp.resolve("release-ref");
        List<String> cmd = List.of("publish", "-o", out.toString(), big.toString(), "data");
        double full = runChild(List.of("publish", "-o", ref.toString(), big.toString(), "data"));
        Map<String, String> neu = sums(ref);
        assertTrue(Release.verify(ref).isEmpty());
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            long delay = (long) (random.nextDouble() * full * 1000);
            Process p = startChild(cmd);
            p.waitFor(delay, TimeUnit.MILLISECONDS);
            kill(p);
            int oldFiles = 0;
            int newFiles = 0;
            for (String f : old.keySet()) {
                Path file = out.resolve(f);
                assertTrue(Files.isRegularFile(file), f + " is there");
                String sha = Release.sha256(file);
                assertTrue(sha.equals(old.get(f)) || sha.equals(neu.get(f)),
                        "after a kill at " + delay + " ms, " + f + " is neither the old nor the new file: truncated?");
                if (sha.equals(neu.get(f))) {
                    newFiles++;
                } else {
                    oldFiles++;
                }
                readWhole(file);
            }
            if (newFiles == 0 || oldFiles == 0) {
                assertTrue(Release.verify(out).isEmpty(), "a release all old or all new verifies: " + Release.verify(out));
            }
            outcomes.add(delay + " ms: " + oldFiles + " old, " + newFiles + " new");
        }
        System.out.println("KillAtRandomTest publish (" + String.format("%.1f", full) + " s whole): " + outcomes);
        assertExit(0, cmd, "the next publish succeeds");
        assertTrue(Release.verify(out).isEmpty(), Release.verify(out).toString());
        assertEquals(neu, sums(out));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".part")).toList(), "no temporary files left");
        }
    }

    /** Reads a release file to its end: gzip whole and RDF that parses. */
    private static void readWhole(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.equals(Release.SUMS)) {
            return;
        }
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            Lang lang = name.contains(".nq") ? Lang.NQUADS : name.contains(".nt") ? Lang.NTRIPLES : Lang.TURTLE;
            RDFParser.source(in).lang(lang).parse(StreamRDFLib.sinkNull());
        }
    }

    private static Map<String, String> sums(Path dir) {
        Map<String, String> m = new TreeMap<>();
        for (String f : Release.FILES) {
            m.put(f, Release.sha256(dir.resolve(f)));
        }
        m.put(Release.SUMS, Release.sha256(dir.resolve(Release.SUMS)));
        return m;
    }

    /** The standard error of each child, kept to explain a failure. */
    private final Map<Process, Path> logs = new java.util.HashMap<>();

    private Path log(Process p) {
        return logs.get(p);
    }

    private Process startChild(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "org.kvgraph.cli.Kvgraph"));
        cmd.addAll(args);
        Path err = tmp.resolve("child-" + ++children + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        logs.put(p, err);
        return p;
    }

    /** SIGKILL, and waits until the child is gone: a child still running could change files the test then reads. */
    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        assertTrue(p.waitFor(HUNG_MINUTES, TimeUnit.MINUTES), "the killed child " + p.pid() + " ended");
    }

    /** Runs to the end (however long a busy machine makes that; a hang is killed) and checks the exit code. */
    private void assertExit(int want, List<String> args, String message) throws Exception {
        Process p = startChild(args);
        if (!p.waitFor(HUNG_MINUTES, TimeUnit.MINUTES)) {
            kill(p);
            throw new AssertionError(message + ": kvgraph " + args + " did not end within " + HUNG_MINUTES
                    + " minutes: hung? " + tail(log(p)));
        }
        assertEquals(want, p.exitValue(), message + "; its standard error: " + tail(log(p)));
    }

    /** The end of a child's standard error. */
    private static String tail(Path log) throws IOException {
        String s = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
    }

    /** Runs to the end; returns the seconds it took. */
    private double runChild(List<String> args) throws Exception {
        long t0 = System.nanoTime();
        assertExit(0, args, "a whole run of " + args);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void awaitCount(String sparql, long want, String message) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(HUNG_MINUTES);
        long got = count(sparql);
        while (got != want && System.nanoTime() < deadline) {
            Thread.sleep(100);
            got = count(sparql);
        }
        assertEquals(want, got, message);
    }

    private static boolean hasUnfinished(Path db) throws IOException {
        try (Stream<Path> s = Files.list(db)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        }
    }

    static void writeTriples(Path file, int n) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                w.write("<http://example.org/x/s" + i + "> <http://example.org/x/p" + (i % 17) + "> \"value " + i + "\" .\n");
            }
        }
    }

    static long count(String sparql) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sparql + "?query="
                + URLEncoder.encode(org.kvgraph.DataCounts.TRIPLES, StandardCharsets.UTF_8)))
                .header("Accept", "text/csv").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Long.parseLong(r.body().strip().split("\r?\n")[1].strip());
    }

    private static PrintWriter quiet() {
        return new PrintWriter(new StringWriter());
    }
}
