package org.kvgraph.web;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/**
 * A load test on loopback, run by {@code scripts/loadtest.sh}: loads the bundled data into a temporary database,
 * serves it on 127.0.0.1 (any free port), and has CLIENTS concurrent clients run the example queries of
 * {@code queries/} in turn for SECONDS; then the same again with one of the clients sending only a runaway query
 * (stopped by the server's time limit). It prints the requests, errors and p50/p90/p99/max latency of each phase,
 * and exits 1 when an example query failed. Bounded: each phase stops after SECONDS or MAX_REQUESTS requests.
 *
 * <pre>java -cp … org.kvgraph.web.LoadGenerator [SECONDS] [CLIENTS] [TIMEOUT_SECONDS]</pre>
 */
public final class LoadGenerator {
    static final String RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?p }";
    static final long MAX_REQUESTS = 2_000_000;

    record Phase(String name, long requests, long errors, List<String> errorSamples, long[] latenciesNanos,
                 double seconds, Map<Integer, Long> runawayStatuses, List<Double> runawaySeconds) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int timeout = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path tmp = Files.createTempDirectory("kvgraph-loadtest");
        try {
            Store store = new Store(tmp.resolve("db"));
            long t0 = System.nanoTime();
            Store.LoadReport load = store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false,
                    new PrintWriter(new StringWriter()));
            System.out.printf("loaded the bundled data: %d triples in %.1f s%n", load.triples(), (System.nanoTime() - t0) / 1e9);
            List<String> queries;
            try (Stream<Path> s = Files.list(Path.of("queries"))) {
                queries = s.filter(p -> p.toString().endsWith(".rq")).sorted().map(LoadGenerator::read).toList();
            }
            KvServer server = KvServer.start(store, KvServer.Options.defaults().withPort(0).withTimeout(timeout));
            try {
                String sparql = "http://127.0.0.1:" + server.port() + "/kamervragen/sparql";
                System.out.printf("server on %s, query time limit %d s; %d example queries, %d clients, %d s a phase%n",
                        sparql, timeout, queries.size(), clients, seconds);
                List<Phase> phases = new ArrayList<>();
                phases.add(run("examples", sparql, queries, clients, 0, seconds));
                phases.add(run("examples + 1 runaway", sparql, queries, clients, 1, seconds));
                System.out.println();
                System.out.printf("%-22s %8s %7s %8s %8s %8s %8s %8s %9s%n", "phase", "requests", "errors", "req/s",
                        "p50 ms", "p90 ms", "p99 ms", "max ms", "clients");
                boolean failed = false;
                for (Phase p : phases) {
                    long[] l = p.latenciesNanos;
                    System.out.printf("%-22s %8d %7d %8.1f %8.1f %8.1f %8.1f %8.1f %9s%n", p.name, p.requests, p.errors,
                            p.requests / p.seconds, ms(pct(l, 50)), ms(pct(l, 90)), ms(pct(l, 99)), ms(pct(l, 100)),
                            p.runawayStatuses.isEmpty() ? clients : (clients - 1) + "+1");
                    if (!p.runawayStatuses.isEmpty()) {
                        System.out.printf("  runaway query: HTTP statuses %s, each stopped after %s s%n", p.runawayStatuses,
                                p.runawaySeconds.stream().map(d -> String.format("%.1f", d)).toList());
                    }
                    if (p.errors > 0) {
                        failed = true;
                        System.out.println("  errors, first ones: " + p.errorSamples);
                    }
                }
                System.exit(failed ? 1 : 0);
            } finally {
                server.close();
            }
        } finally {
            try (Stream<Path> w = Files.walk(tmp)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Phase run(String name, String sparql, List<String> queries, int clients, int runaways, int seconds)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> samples = Collections.synchronizedList(new ArrayList<>());
        List<long[]> perClient = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Long> runawayStatuses = new ConcurrentHashMap<>();
        List<Double> runawaySeconds = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            boolean runaway = c < runaways;
            int first = c;
            Thread t = new Thread(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                int i = first;
                while (System.nanoTime() < end && requests.get() < MAX_REQUESTS) {
                    String q = runaway ? RUNAWAY : queries.get(i++ % queries.size());
                    HttpRequest req = HttpRequest.newBuilder(URI.create(sparql))
                            .timeout(Duration.ofSeconds(120))
                            .header("Accept", "application/sparql-results+json")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                            .build();
                    long q0 = System.nanoTime();
                    int status;
                    String failure = null;
                    try {
                        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        status = r.statusCode();
                        if (status != 200) {
                            failure = "HTTP " + status + " " + new String(r.body(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
                        }
                    } catch (Exception e) {
                        status = -1;
                        failure = e.toString();
                    }
                    long took = System.nanoTime() - q0;
                    if (runaway) {
                        runawayStatuses.merge(status, 1L, Long::sum);
                        runawaySeconds.add(took / 1e9);
                        continue;
                    }
                    requests.incrementAndGet();
                    if (failure != null) {
                        errors.incrementAndGet();
                        if (samples.size() < 5) {
                            samples.add(failure);
                        }
                    }
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = took;
                }
                perClient.add(Arrays.copyOf(lat, n));
            }, name + "-client-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double took = (System.nanoTime() - start) / 1e9;
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Phase(name, requests.get(), errors.get(), samples, all, took, new TreeMap<>(runawayStatuses), runawaySeconds);
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
