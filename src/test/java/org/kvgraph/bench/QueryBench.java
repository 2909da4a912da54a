package org.kvgraph.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The query side of the benchmark (bench/run.sh): SPARQL over HTTP against any endpoint that takes
 * {@code application/sparql-query} POSTs (kvgraph's Fuseki, Virtuoso, the Oxigraph wrapper). Not a unit test.
 *
 * <pre>
 * java -cp ... org.kvgraph.bench.QueryBench first-answer URL                 prints epoch ms of the first 200
 * java -cp ... org.kvgraph.bench.QueryBench latency URL OUT.tsv RUNS BUDGET_S MIX_S Q1.rq Q2.rq ...
 * </pre>
 *
 * For each query: two warm-up runs, then at 1 client and at 8 concurrent clients as many runs as RUNS (per client
 * count) or as fit in BUDGET_S seconds, whichever comes first; p50 and p99 (nearest rank) of the latencies, which
 * include sending the query and reading the whole result. Then the mix: 8 clients cycling through all the queries
 * for MIX_S seconds; queries answered per second. Rows go to OUT.tsv and stdout. Cold (default) or warm cache:
 * see {@link #COLD}.
 */
public final class QueryBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    /**
     * Cold (the default, system property {@code kvgraph.bench.cache=cold}): every request carries
     * {@code Cache-Control: no-cache}, so kvgraph's result cache evaluates each query afresh and the latencies are
     * those of query evaluation. Warm ({@code kvgraph.bench.cache=warm}): no such header, so after its first run a
     * query is answered from the cache of an unchanged store.
     */
    static final boolean COLD = !"warm".equals(System.getProperty("kvgraph.bench.cache", "cold"));

    private QueryBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("first-answer")) {
            firstAnswer(args[1]);
        } else if (args[0].equals("latency")) {
            List<Path> files = Arrays.stream(args, 6, args.length).map(Path::of).toList();
            latency(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Double.parseDouble(args[4]),
                    Double.parseDouble(args[5]), files);
        } else {
            throw new IllegalArgumentException("first-answer URL | latency URL OUT RUNS BUDGET MIX Q...");
        }
        System.exit(0);
    }

    private static void firstAnswer(String url) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 600_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (run(url, "ASK { ?s ?p ?o }") > 0) {
                    System.out.println(System.currentTimeMillis());
                    return;
                }
            } catch (IOException | RuntimeException e) {
                // not up yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no answer from " + url + " in 10 minutes");
    }

    private static void latency(String url, Path out, int runs, double budget, double mixSeconds, List<Path> files)
            throws Exception {
        Map<String, String> queries = new LinkedHashMap<>();
        for (Path f : files) {
            queries.put(f.getFileName().toString().replaceFirst("\\.rq$", ""), Files.readString(f, StandardCharsets.UTF_8));
        }
        List<String> rows = new ArrayList<>();
        rows.add("query\tclients\truns\tp50_ms\tp99_ms\tmean_ms\tresult_bytes");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (PrintStream o = new PrintStream(System.out, true, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> q : queries.entrySet()) {
                long bytes;
                try {
                    bytes = run(url, q.getValue());
                    run(url, q.getValue());
                } catch (IOException e) {
                    // a query the endpoint cannot answer (in 120 s): say so and go on with the others
                    String row = q.getKey() + "\t1\t0\tfailed\tfailed\tfailed\t" + e.toString().replace('\t', ' ').replace('\n', ' ');
                    rows.add(row);
                    o.println(row);
                    Files.write(out, rows, StandardCharsets.UTF_8);
                    continue;
                }
                for (int clients : new int[] {1, 8}) {
                    double[] ms = measure(pool, url, q.getValue(), clients, runs, budget);
                    String row = String.format(Locale.ROOT, "%s\t%d\t%d\t%.1f\t%.1f\t%.1f\t%d", q.getKey(), clients,
                            ms.length, percentile(ms, 50), percentile(ms, 99), Arrays.stream(ms).average().orElse(0), bytes);
                    rows.add(row);
                    o.println(row);
                }
                Files.write(out, rows, StandardCharsets.UTF_8);
            }
            double qps = mix(pool, url, new ArrayList<>(queries.values()), mixSeconds);
            String row = String.format(Locale.ROOT, "MIX\t8\t-\t-\t-\t-\t-\t%.2f queries/s", qps);
            rows.add("# mix of all queries, 8 clients, " + mixSeconds + " s: " + String.format(Locale.ROOT, "%.2f", qps) + " queries/s");
            o.println(row);
        } finally {
            pool.shutdownNow();
        }
        Files.write(out, rows, StandardCharsets.UTF_8);
    }

    /** Latencies in ms of up to {@code runs} runs over {@code clients} threads, within about budget seconds. */
    private static double[] measure(ExecutorService pool, String url, String query, int clients, int runs, double budget)
            throws Exception {
        long end = System.nanoTime() + (long) (budget * 1e9);
        AtomicLong left = new AtomicLong(runs);
        List<Future<List<Double>>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                List<Double> ms = new ArrayList<>();
                while (left.getAndDecrement() > 0 && (ms.isEmpty() || System.nanoTime() < end)) {
                    long t = System.nanoTime();
                    run(url, query);
                    ms.add((System.nanoTime() - t) / 1e6);
                }
                return ms;
            }));
        }
        List<Double> all = new ArrayList<>();
        for (Future<List<Double>> f : futures) {
            all.addAll(f.get());
        }
        return all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double mix(ExecutorService pool, String url, List<String> queries, double seconds) throws Exception {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        AtomicLong done = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            final int offset = c;
            futures.add(pool.submit(() -> {
                int i = offset;
                while (System.nanoTime() < end) {
                    run(url, queries.get(i++ % queries.size()));
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Runs a query and reads the whole answer; returns its size in bytes. */
    static long run(String url, String query) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120));
        if (COLD) {
            builder.header("Cache-Control", "no-cache");
        }
        HttpRequest req = builder
                .header("Content-Type", "application/sparql-query; charset=utf-8")
                .header("Accept", query.stripLeading().toUpperCase(Locale.ROOT).matches("(?s).*\\b(CONSTRUCT|DESCRIBE)\\b.*")
                        ? "application/n-triples" : "application/sparql-results+json")
                .POST(HttpRequest.BodyPublishers.ofString(query, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<byte[]> r = HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8)
                        .lines().limit(3).reduce("", (a, b) -> a + " " + b));
            }
            return r.body().length;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The .rq files of a folder, sorted. */
    static List<Path> queryFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".rq")).sorted().toList();
        }
    }
}
