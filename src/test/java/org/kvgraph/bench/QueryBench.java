package org.kvgraph.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
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

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;

/**
 * The query side of the benchmark (bench/run.sh): SPARQL over HTTP against any endpoint that takes
 * {@code application/sparql-query} POSTs (kvgraph's Fuseki, Virtuoso, the Oxigraph wrapper). Not a unit test.
 *
 * <pre>
 * java -cp ... org.kvgraph.bench.QueryBench first-answer URL                 prints epoch ms of the first 200
 * java -cp ... org.kvgraph.bench.QueryBench latency URL OUT.tsv RUNS BUDGET_S MIX_S Q1.rq Q2.rq ...
 * </pre>
 *
 * A URL with a query string ({@code http://127.0.0.1:8890/sparql?default-graph-uri=urn:kvgraph}) is sent as an
 * HTML-form POST ({@code application/x-www-form-urlencoded}: the URL's parameters plus {@code query=}), which every
 * SPARQL 1.1 server takes; a URL without one gets a direct {@code application/sparql-query} POST. An answer that
 * Virtuoso marks as partial (its {@code X-SQL-State} header, set when an "anytime" limit cut the query short) is
 * a failure, not a result.
 *
 * The result rows of each query (SELECT: bindings; ASK: 1; CONSTRUCT/DESCRIBE: N-Triples lines) are counted on the
 * first warm-up run and written beside the latencies, so that a latency ratio between endpoints is only read where
 * both gave the same number of rows. A query that fails (HTTP error, timeout) at any point is written as failed
 * with the error, and the run goes on with the next query.
 *
 * First, for each query in turn, two warm-up runs and then more for up to {@link #WARMUP_S} seconds ({@link #warmUp});
 * then, for each query, at 1 client and at 8 concurrent clients as many runs as RUNS (per client
 * count) or as fit in BUDGET_S seconds, whichever comes first; p50 and p99 (nearest rank) of the latencies, which
 * include sending the query and reading the whole result. Then the mix: 8 clients cycling through all the queries
 * that answered in the warm-up for MIX_S seconds; queries answered per second. Rows go to OUT.tsv and stdout. Cold
 * (default) or warm cache: see {@link #COLD}.
 */
public final class QueryBench {
    /** Request timeout in seconds (system property bench.timeout, default 120). */
    private static final long TIMEOUT_S = Long.getLong("bench.timeout", 120);
    /** Seconds of warm-up per query after its two warm-up runs (system property bench.warmup, default 5; 0: none). */
    static final double WARMUP_S = Double.parseDouble(System.getProperty("bench.warmup", "5"));
    /** At most this many warm-up runs per query (system property bench.warmupRuns, default 1000). */
    static final int WARMUP_RUNS = Integer.getInteger("bench.warmupRuns", 1000);
    /** The client; a new one after a failure (see {@link #recover}). */
    private static volatile HttpClient http = newClient();

    private static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

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
        rows.add("query\tclients\truns\tp50_ms\tp99_ms\tmean_ms\tresult_bytes\trows\terror");
        List<String> answered = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (PrintStream o = new PrintStream(System.out, true, StandardCharsets.UTF_8)) {
            // First every query's warm-up (its answer, then warmUp), so that each is measured on a server in the
            // steady state the whole mix brings it to; a query that fails here is written as failed, in its place.
            Map<String, long[]> sizes = new LinkedHashMap<>();
            Map<String, String> failedRows = new LinkedHashMap<>();
            for (Map.Entry<String, String> q : queries.entrySet()) {
                try {
                    byte[] body = answer(url, q.getValue());
                    sizes.put(q.getKey(), new long[] {body.length, rows(body, isGraphQuery(q.getValue()))});
                    run(url, q.getValue());
                    int n = warmUp(url, q.getValue(), WARMUP_S, WARMUP_RUNS);
                    o.println("# " + q.getKey() + ": " + (n + 2) + " warm-up runs");
                    answered.add(q.getValue());
                } catch (IOException | RuntimeException e) {
                    // a query the endpoint cannot answer (in 120 s): say so and go on with the others
                    failedRows.put(q.getKey(), q.getKey() + "\t1\t0\tfailed\tfailed\tfailed\t-\t-\t" + oneLine(e));
                    o.println(failedRows.get(q.getKey()));
                    recover(url, o);
                }
            }
            for (Map.Entry<String, String> q : queries.entrySet()) {
                if (failedRows.containsKey(q.getKey())) {
                    rows.add(failedRows.get(q.getKey()));
                    Files.write(out, rows, StandardCharsets.UTF_8);
                    continue;
                }
                long bytes = sizes.get(q.getKey())[0];
                long count = sizes.get(q.getKey())[1];
                for (int clients : new int[] {1, 8}) {
                    Measured m = measure(pool, url, q.getValue(), clients, runs, budget);
                    double[] ms = m.ms;
                    String row;
                    if (m.error != null) {
                        row = String.format(Locale.ROOT, "%s\t%d\t%d\tfailed\tfailed\tfailed\t%d\t%d\t%d failed: %s",
                                q.getKey(), clients, ms.length, bytes, count, m.failures, m.error);
                    } else {
                        row = String.format(Locale.ROOT, "%s\t%d\t%d\t%.1f\t%.1f\t%.1f\t%d\t%d\t", q.getKey(), clients,
                                ms.length, percentile(ms, 50), percentile(ms, 99), Arrays.stream(ms).average().orElse(0),
                                bytes, count);
                    }
                    rows.add(row);
                    o.println(row);
                    if (m.error != null) {
                        recover(url, o);
                    }
                }
                Files.write(out, rows, StandardCharsets.UTF_8);
            }
            // the mix: the queries that answered in the warm-up (a failed one would only measure its timeout)
            long[] mixed = mix(pool, url, answered, mixSeconds);
            double qps = mixed[0] / (mixed[2] / 1e9);
            String errors = mixed[1] == 0 ? "" : String.format(Locale.ROOT, " (%d requests failed)", mixed[1]);
            String row = String.format(Locale.ROOT, "MIX\t8\t-\t-\t-\t-\t-\t%.2f queries/s%s", qps, errors);
            rows.add("# mix of the " + answered.size() + " answered queries, 8 clients, " + mixSeconds + " s: " + String.format(Locale.ROOT, "%.2f", qps)
                    + " queries/s" + errors);
            o.println(row);
        } finally {
            pool.shutdownNow();
        }
        Files.write(out, rows, StandardCharsets.UTF_8);
    }

    /**
     * After a failure, waits (up to 10 minutes) until the endpoint answers a trivial ASK again, so that the next
     * query is not timed while the server recovers (the Oxigraph wrapper reloads its store after a timeout).
     */
    private static void recover(String url, PrintStream o) throws InterruptedException {
        // Without its kept-alive connections: after timeouts the server may have closed them, and the next query's
        // first request on one failed ("header parser received no bytes", query 99 in a 200,000-set run).
        http = newClient();
        long start = System.currentTimeMillis();
        while (System.currentTimeMillis() - start < 600_000) {
            try {
                answer(url, "ASK { }");
                o.println("# endpoint answering again after " + (System.currentTimeMillis() - start) + " ms");
                return;
            } catch (IOException | RuntimeException e) {
                Thread.sleep(1000);
            }
        }
        o.println("# endpoint not answering 10 minutes after a failure; going on");
    }

    /** The latencies of one query at one client count, and the first error if any run failed. */
    private record Measured(double[] ms, int failures, String error) {
    }

    /**
     * Latencies in ms of up to {@code runs} runs over {@code clients} threads, within about budget seconds. A client
     * whose run fails stops; the failures are counted and the first error kept.
     */
    private static Measured measure(ExecutorService pool, String url, String query, int clients, int runs, double budget)
            throws Exception {
        long end = System.nanoTime() + (long) (budget * 1e9);
        AtomicLong left = new AtomicLong(runs);
        AtomicLong failures = new AtomicLong();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Future<List<Double>>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                List<Double> ms = new ArrayList<>();
                while (left.getAndDecrement() > 0 && (ms.isEmpty() || System.nanoTime() < end)) {
                    long t = System.nanoTime();
                    try {
                        run(url, query);
                    } catch (IOException | RuntimeException e) {
                        failures.incrementAndGet();
                        errors.add(oneLine(e));
                        break;
                    }
                    ms.add((System.nanoTime() - t) / 1e6);
                }
                return ms;
            }));
        }
        List<Double> all = new ArrayList<>();
        for (Future<List<Double>> f : futures) {
            all.addAll(f.get());
        }
        return new Measured(all.stream().mapToDouble(Double::doubleValue).sorted().toArray(), (int) failures.get(),
                errors.isEmpty() ? null : errors.get(0));
    }

    /** 8 clients cycling through the queries for the given seconds: {answered, failed, elapsed ns}. */
    private static long[] mix(ExecutorService pool, String url, List<String> queries, double seconds) throws Exception {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            final int offset = c;
            futures.add(pool.submit(() -> {
                int i = offset;
                while (System.nanoTime() < end) {
                    try {
                        run(url, queries.get(i++ % queries.size()));
                        done.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        return new long[] {done.get(), failed.get(), System.nanoTime() - start};
    }

    /**
     * The steady state a long-running server is in (all queries are warmed up before the first is measured): after
     * the two warm-up runs, the query again on one client until
     * {@code seconds} have passed or {@code maxRuns} runs were made (returns how many). Without it the first of the 40
     * runs of a millisecond query measured a just-started JVM's interpreter and first compilations (02 took 9.1 ms
     * p50 right after a restart, 1.9 ms once warm), which a natively compiled server does not have to pay.
     */
    static int warmUp(String url, String query, double seconds, int maxRuns) throws IOException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int n = 0;
        while (n < maxRuns && System.nanoTime() < end) {
            run(url, query);
            n++;
        }
        return n;
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
        return answer(url, query).length;
    }

    static boolean isGraphQuery(String query) {
        return query.stripLeading().toUpperCase(Locale.ROOT).matches("(?s).*\\b(CONSTRUCT|DESCRIBE)\\b.*");
    }

    /** Runs a query and returns the whole answer. */
    static byte[] answer(String url, String query) throws IOException {
        HttpRequest.Builder b;
        int q = url.indexOf('?');
        if (q < 0) {
            b = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/sparql-query; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(query, StandardCharsets.UTF_8));
        } else {
            String form = url.substring(q + 1) + "&query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
            b = HttpRequest.newBuilder(URI.create(url.substring(0, q)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        }
        if (COLD) {
            b.header("Cache-Control", "no-cache");
        }
        HttpRequest req = b.timeout(Duration.ofSeconds(TIMEOUT_S))
                .header("Accept", isGraphQuery(query) ? "application/n-triples" : "application/sparql-results+json")
                .build();
        try {
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8)
                        .lines().limit(3).reduce("", (a, c) -> a + " " + c));
            }
            java.util.Optional<String> partial = r.headers().firstValue("X-SQL-State");
            if (partial.isPresent()) {
                throw new IOException("partial answer, X-SQL-State " + partial.get() + " "
                        + r.headers().firstValue("X-SQL-Message").orElse(""));
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Result rows: SELECT bindings, 1 for ASK, non-empty non-comment lines of N-Triples. */
    static long rows(byte[] body, boolean graph) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (graph) {
            return text.lines().filter(l -> !l.isBlank() && !l.stripLeading().startsWith("#")).count();
        }
        JsonObject json = JSON.parse(text);
        if (json.hasKey("boolean")) {
            return 1;
        }
        return json.get("results").getAsObject().get("bindings").getAsArray().size();
    }

    private static String oneLine(Throwable e) {
        return e.toString().replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    /** The .rq files of a folder, sorted. */
    static List<Path> queryFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".rq")).sorted().toList();
        }
    }
}
