package org.kvgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kvgraph serve} as a user starts it, in a child JVM whose working folder holds a copy of the bundled
 * {@code data/}: the first start converts and loads it and answers the count of the converted data over HTTP;
 * a second start reuses the database; a changed input is reloaded; without data/ or a database it says so.
 */
class ServeCommandTest {
    @TempDir
    Path work;

    @Test
    void firstStartLoadsTheBundledDataSecondReusesItAChangeReloads() throws Exception {
        copyTree(Path.of("data"), work.resolve("data"));
        Path nq = work.resolve("converted.nq");
        assertEquals(0, Kvgraph.commandLine().execute("convert", "-o", nq.toString(), work.resolve("data").toString()));
        DatasetGraph converted = RDFDataMgr.loadDatasetGraph(nq.toString());
        long triples = Iter.count(converted.getUnionGraph().find());

        Started first = serve();
        try {
            assertTrue(first.output.contains("loading "), first.output);
            assertTrue(first.output.contains("/kamervragen/sparql"), first.output);
            assertTrue(first.output.contains("  Statistics:    http://localhost:" + first.port + "/stats "), first.output);
            assertTrue(first.output.contains("http://localhost:" + first.port + "/feeds/answers.atom"), first.output);
            assertTrue(first.output.contains("/feeds/postponements.atom") && first.output.contains("/feeds/overdue.atom"),
                    first.output);
            assertEquals(triples, count(first.port));
        } finally {
            first.stop();
        }
        assertTrue(Files.isRegularFile(work.resolve("run/tdb2/CURRENT")), "default database folder run/tdb2");

        Started second = serve();
        try {
            assertTrue(second.output.contains("inputs unchanged since the last load: reusing"), second.output);
            assertEquals(triples, count(second.port));
        } finally {
            second.stop();
        }

        Path seed = work.resolve("data/seed/000_4eec038f78b129de.txt");
        Files.setLastModifiedTime(seed, FileTime.fromMillis(Files.getLastModifiedTime(seed).toMillis() + 60_000));
        Started third = serve();
        try {
            assertTrue(third.output.contains("loading "), third.output);
            assertEquals(triples, count(third.port));
        } finally {
            third.stop();
        }
    }

    /**
     * The help of {@code serve} names the JVM options the {@code ./kvgraph} launcher gives the server, as the
     * launcher sets them (read from the script), and how to change them.
     */
    @Test
    void theHelpNamesTheLaunchersServerOptions() throws IOException {
        String launcher = Files.readString(Path.of("kvgraph"), StandardCharsets.UTF_8);
        Matcher heap = Pattern.compile("\n  opts=\"(-Xmx\\S+)\"").matcher(launcher);
        Matcher server = Pattern.compile("opts=\"\\$opts ([^\"]+)\"").matcher(launcher);
        assertTrue(heap.find() && server.find(), "the launcher's options not found");
        CliRunner.Run help = CliRunner.run("serve", "--help");
        assertEquals(0, help.exit());
        String text = help.out().replaceAll("\\s+", " ");
        assertTrue(text.contains(heap.group(1) + " " + server.group(1) + ";"), text);
        assertTrue(text.contains("KVGRAPH_JAVA_OPTS"), text);
    }

    @Test
    void withoutDataAndWithoutDatabaseItSaysWhatToDo() throws Exception {
        Process p = child("serve", "--port", Integer.toString(freePort())).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("no bundled data/ folder"), out);
    }

    private record Started(Process process, int port, String output) {
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts {@code kvgraph serve} on a free port and waits until it prints its endpoints. */
    private Started serve() throws Exception {
        int port = freePort();
        Process p = child("serve", "--port", Integer.toString(port)).start();
        StringBuilder out = new StringBuilder();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (String line; System.nanoTime() < deadline && (line = r.readLine()) != null; ) {
            out.append(line).append('\n');
            if (line.contains("Query time limit")) {
                return new Started(p, port, out.toString());
            }
        }
        p.destroyForcibly();
        throw new AssertionError("serve did not start:\n" + out);
    }

    private ProcessBuilder child(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), "org.kvgraph.cli.Kvgraph"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
    }

    private static long count(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/kamervragen/sparql?query="
                        + URLEncoder.encode(org.kvgraph.DataCounts.TRIPLES, StandardCharsets.UTF_8)))
                .header("Accept", "text/csv").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Long.parseLong(r.body().strip().split("\r?\n")[1].strip());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
