package org.kvgraph.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.jena.atlas.web.AuthScheme;
import org.apache.jena.fuseki.auth.Auth;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataAccessPoint;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.core.DatasetGraph;
import org.kvgraph.rdf.Uris;
import org.kvgraph.stats.Materialised;
import org.kvgraph.timeliness.TimelinessDerivation;
import org.kvgraph.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kvgraph SPARQL server: embedded Fuseki on loopback serving a {@link Store} at {@code /kamervragen} with
 * {@code /sparql} and {@code /query} (SPARQL 1.1 protocol), {@code /get} (graph store, read) and, in update
 * mode only, {@code /update} and {@code /data} behind HTTP BASIC authentication; and for people and linked-data
 * clients: the landing page at {@code /}, the SPARQL editor at {@code /sparql} (a plain form at {@code /form}),
 * the release under {@code /download/} (written from the database into its generation folder), its description
 * at {@code /dataset}, the ontology at {@code /def}, and every minted URI at its path ({@code /id/…}, by content
 * negotiation; see {@link LinkedDataServlet}). Atom feeds at
 * {@code /feeds/answers.atom}, {@code /feeds/postponements.atom} and {@code /feeds/overdue.atom} ({@link Feeds}).
 * Statistics with server-rendered charts at {@code /stats}, their CSVs at {@code /stats/ID.csv} ({@link StatsPage}).
 * Every query runs under a time limit set in the dataset's context. Answers of read queries are cached for an
 * unchanged store ({@link ResultCache}: by generation, query text and Accept header, at most
 * {@code kvgraph.cache.bytes}, default 256 MiB; {@code Cache-Control: no-cache} evaluates afresh). When a load
 * makes another generation of the store current, the server switches to it (checked every two seconds);
 * requests already running finish on the old one.
 *
 * <p>A generation is served as soon as its database is open. Its release, when its folder holds none that
 * verifies (the first start after a load, or a switch to a new generation), is written on one background
 * thread of low priority; meanwhile {@code /download/…} and {@code /dataset…} answer 503 with Retry-After
 * (500 with the reason if the write fails), the landing page says the downloads are being written, and no
 * {@code X-Kvgraph-Release} header is set. The release becomes visible at once, when the write has put every
 * file in place. A shutdown or a switch to another generation stops a write that is still running.
 *
 * <pre>{@code
 * try (KvServer s = KvServer.start(new Store(Path.of("run/tdb2")), KvServer.Options.defaults())) {
 *     System.out.println(s.datasetUrl());   // http://localhost:3030/kamervragen
 * }
 * }</pre>
 */
public final class KvServer implements AutoCloseable {
    public static final String DATASET = "/kamervragen";
    private static final Logger LOG = LoggerFactory.getLogger(KvServer.class);

    /** How to run: port (0 for any free one), query time limit, and update mode with its password file. */
    public record Options(int port, long timeoutSeconds, boolean update, Path passwordFile, long watchMillis,
                          Path queries) {
        public Options(int port, long timeoutSeconds, boolean update, Path passwordFile, long watchMillis) {
            this(port, timeoutSeconds, update, passwordFile, watchMillis, Path.of("queries"));
        }

        public static Options defaults() {
            return new Options(3030, 60, false, null, 2000);
        }

        public Options withPort(int p) {
            return new Options(p, timeoutSeconds, update, passwordFile, watchMillis, queries);
        }

        public Options withTimeout(long seconds) {
            return new Options(port, seconds, update, passwordFile, watchMillis, queries);
        }

        public Options withUpdate(Path passwords) {
            return new Options(port, timeoutSeconds, true, passwords, watchMillis, queries);
        }
    }

    private final Store store;
    private final Options options;
    private final FusekiServer server;
    private final ScheduledExecutorService watcher;
    private volatile Store.Opened opened;
    private volatile Site site;
    private final ResultCache cache;
    /** Fuseki's query operation, parsing each distinct query text once. */
    private final ParsedQueryCache queries = new ParsedQueryCache();
    /** Writes the releases, one at a time, in the background. */
    private final java.util.concurrent.ExecutorService releases;
    private final ScheduledExecutorService statistics;
    private java.util.concurrent.ScheduledFuture<?> pendingStatistics;
    /** How long after an update the statistics are recomputed (a later update in between postpones it). */
    static final long STATISTICS_DELAY_MS = 500;
    private final Site.ReleaseWriter writer;
    private volatile boolean closing;
    private final java.util.List<java.util.function.Consumer<String>> listeners = new java.util.ArrayList<>();

    private KvServer(Store store, Options options, Store.Opened opened, Site.ReleaseWriter writer) {
        this.store = store;
        this.options = options;
        this.opened = opened;
        this.writer = writer;
        this.site = Site.of(opened);
        Examples examples = Examples.read(options.queries());
        // SPARQL JSON answers written without ARQ's per-character pretty printer (issue 8; -Dkvgraph.arqjson=true
        // keeps ARQ's writer, for measuring the difference)
        if (!Boolean.getBoolean("kvgraph.arqjson")) {
            org.kvgraph.rdf.SparqlJsonWriter.install();
        }
        LandingPage landing = new LandingPage(() -> site, examples);
        LinkedDataServlet ld = new LinkedDataServlet(() -> site);
        DownloadServlet downloads = new DownloadServlet(() -> site);
        FusekiServer.Builder b = FusekiServer.create()
                .registerOperation(Operation.Query, queries)
                .port(options.port())
                .loopback(true)
                .enableCors(true, null)
                .addFilter("/*", new RequestSizeLimit())
                .add(DATASET, dataService(opened.dataset()))
                .addServlet("", landing)
                .addServlet("/index.html", landing)
                .addServlet("/form", new HomePage(options.queries()))
                .addServlet("/sparql", new EditorPage(examples))
                .addServlet("/assets/*", new AssetServlet())
                .addServlet("/download", downloads)
                .addServlet("/download/*", downloads)
                .addServlet("/id/*", ld)
                .addServlet("/graph/*", ld)
                .addServlet("/dataset", ld)
                .addServlet("/dataset/*", ld)
                .addServlet("/def", ld)
                .addServlet("/def/*", ld);
        // Atom feeds of answers, postponements and overdue sets (issue 7), over whichever generation is served.
        b.addServlet(Feeds.PATH, new Feeds(() -> this.opened.dataset()));
        // The statistics page with its charts and CSVs (issue 7), computed from the served generation per request.
        StatsPage stats = new StatsPage(() -> site);
        b.addServlet(StatsPage.PATH, stats);
        b.addServlet(StatsPage.PATH + "/*", stats);
        // Which release answered, on every response (issue 10: replicas behind a load balancer).
        b.addFilter("/*", new ReleaseHeader(() -> site.version()));
        // Answers of read queries for an unchanged store (issue 8), keyed by generation, write epoch, query and
        // Accept header; after ReleaseHeader so that a cached answer still names its release.
        this.cache = new ResultCache(DATASET, Set.of("", "sparql", "query"), () -> this.opened.generation(),
                ResultCache.configuredBytes());
        b.addFilter("/*", cache);
        if (options.update()) {
            b.passwordFile(options.passwordFile().toString()).auth(AuthScheme.BASIC);
        }
        this.server = b.build();
        // Fuseki's 5 MiB response buffers, kept by Jetty instead of allocated for every response
        OutputBuffers.install(server.getJettyServer());
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kvgraph-store-watch");
            t.setDaemon(true);
            return t;
        });
        this.releases = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kvgraph-release-writer");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        this.statistics = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kvgraph-statistics");
            t.setDaemon(true);
            return t;
        });
        if (options.update()) {
            // The timeliness facts derived at load and the statistics materialised at load describe the data; after
            // an update they are recomputed (once for a burst of updates), so that the example queries reading them
            // do not answer from before it.
            cache.afterWrite(this::statisticsStale);
        }
    }

    /** Schedules the timeliness facts and statistics to be recomputed a moment after the last of a burst of updates. */
    private synchronized void statisticsStale() {
        if (pendingStatistics != null) {
            pendingStatistics.cancel(false);
        }
        pendingStatistics = statistics.schedule(this::recomputeStatistics, STATISTICS_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    private void recomputeStatistics() {
        Site s = site;
        try {
            long t0 = System.nanoTime();
            long[] n = new long[2];
            // The timeliness facts first: the days-to-answer statistic reads their kv:daysAfterSubmission.
            cache.write(() -> {
                Uris uris = new Uris(s.base());
                n[0] = TimelinessDerivation.recompute(s.dataset(), uris.graph(TimelinessDerivation.GRAPH_NAME));
                n[1] = Materialised.compute(s.dataset(), uris.graph(Materialised.GRAPH_NAME));
            });
            LOG.info("timeliness facts ({}) and statistics ({} triples) recomputed after an update in {} ms", n[0], n[1],
                    (System.nanoTime() - t0) / 1_000_000);
            tell("timeliness facts and statistics recomputed after an update (" + n[0] + " facts, " + n[1] + " triples)");
        } catch (RuntimeException e) {
            if (!closing && site == s) {
                LOG.error("recomputing the statistics after an update failed; they may be out of date", e);
            }
        }
    }

    /**
     * Opens the store's current database and starts serving it. Update mode needs a readable password file
     * (Jetty realm format, {@code user: password} a line).
     */
    public static KvServer start(Store store, Options options) {
        return start(store, options, Site.ReleaseWriter.RELEASE);
    }

    /** As {@link #start(Store, Options)}, with the releases written by writer (tests hold or fail it). */
    static KvServer start(Store store, Options options, Site.ReleaseWriter writer) {
        if (options.update()) {
            if (options.passwordFile() == null) {
                throw new IllegalArgumentException("update mode needs --password-file; there is no default password");
            }
            if (!Files.isReadable(options.passwordFile())) {
                throw new IllegalArgumentException("cannot read password file " + options.passwordFile());
            }
        }
        Store.Opened opened = store.open();
        KvServer s;
        try {
            s = new KvServer(store, options, opened, writer);
            s.server.start();
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        s.writeInBackground(s.site);
        if (options.watchMillis() > 0) {
            s.watcher.scheduleWithFixedDelay(s::checkForNewGeneration, options.watchMillis(),
                    options.watchMillis(), TimeUnit.MILLISECONDS);
        }
        return s;
    }

    private DataService dataService(DatasetGraph dsg) {
        dsg.getContext().set(ARQ.queryTimeout, Long.toString(options.timeoutSeconds() * 1000));
        DataService.Builder b = DataService.newBuilder(dsg)
                .addEndpoint(Operation.Query, "")
                .addEndpoint(Operation.Query, "sparql")
                .addEndpoint(Operation.Query, "query")
                .addEndpoint(Operation.GSP_R, "get");
        if (options.update()) {
            b.addEndpoint(Operation.Update, "update", Auth.ANY_USER)
                    .addEndpoint(Operation.GSP_RW, "data", Auth.ANY_USER);
        }
        return b.build();
    }

    /** Switches to a newer generation of the store if a load has completed since. */
    void checkForNewGeneration() {
        try {
            Optional<Path> now = store.current();
            if (now.isEmpty() || now.get().equals(opened.generation())) {
                return;
            }
            Store.Opened next = store.open();
            Site nextSite;
            DataService service;
            try {
                nextSite = Site.of(next);
                service = dataService(next.dataset());
                service.setEndpointProcessors(server.getOperationRegistry());
                service.goActive();
            } catch (RuntimeException e) {
                // closed, so that the next check can open it again (its text index's lock included)
                next.close();
                throw e;
            }
            Store.Opened old = opened;
            DataAccessPoint previous = server.getDataAccessPointRegistry().get(DATASET);
            server.getDataAccessPointRegistry().put(DATASET, new DataAccessPoint(DATASET, service));
            site = nextSite;
            opened = next;
            LOG.warn("now serving {}{}", next.generation(), nextSite.releaseState().status() == Site.Status.WRITING
                    ? "; its release is being written in the background" : "");
            writeInBackground(nextSite);
            // Requests on the old database may still be running: close it once they have had their time.
            watcher.schedule(() -> {
                if (previous != null) {
                    previous.getDataService().goOffline();
                }
                old.close();
            }, options.timeoutSeconds() + 5, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            LOG.error("cannot switch to the new database: {}", e.toString(), e);
        }
    }

    /**
     * Writes the site's release on the background thread when it is being written; the write stops early when
     * the server shuts down or serves another generation by then.
     */
    private void writeInBackground(Site s) {
        if (s.releaseState().status() != Site.Status.WRITING) {
            return;
        }
        releases.execute(() -> {
            Site.ReleaseState st = s.writeRelease(writer, () -> closing || site != s);
            if (site == s && !closing) {
                tell(describe(s, st));
            }
        });
    }

    private static String describe(Site s, Site.ReleaseState st) {
        return switch (st.status()) {
            case READY -> "release " + s.version() + " of " + s.generation() + " is written: /download/ and /dataset are served";
            case WRITING -> "the release of " + s.generation() + " is being written in the background;"
                    + " /download/ and /dataset answer 503 until it is done (SPARQL and the pages answer now)";
            case FAILED -> "the release of " + s.generation() + " could not be written: " + st.problem()
                    + " (SPARQL and the pages are served; /download/ and /dataset answer 500)";
        };
    }

    private synchronized void tell(String message) {
        listeners.forEach(l -> l.accept(message));
    }

    /**
     * Where the release of the served generation stands, as a line for people; every later change (its write
     * done or failed, or that of a generation switched to) is told to listener, a line each.
     */
    public synchronized String watchRelease(java.util.function.Consumer<String> listener) {
        listeners.add(listener);
        Site s = site;
        return describe(s, s.releaseState());
    }

    /** Waits until the served generation's release is written (or failed); its state. For tests. */
    Site.ReleaseState awaitRelease(java.time.Duration timeout) throws Exception {
        return site.releaseSettled().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Where the served generation's release stands now. */
    Site.ReleaseState releaseState() {
        return site.releaseState();
    }

    /** The result cache. For tests. */
    ResultCache resultCache() {
        return cache;
    }

    /** The query operation's parse cache. For tests. */
    ParsedQueryCache queries() {
        return queries;
    }

    /** The Jetty server under Fuseki. For tests. */
    org.eclipse.jetty.server.Server jetty() {
        return server.getJettyServer();
    }

    public int port() {
        return server.getHttpPort();
    }

    /** The dataset's base URL, e.g. {@code http://localhost:3030/kamervragen}. */
    public String datasetUrl() {
        return "http://localhost:" + port() + DATASET;
    }

    /** The database generation being served. */
    public Path generation() {
        return opened.generation();
    }

    public boolean updateEnabled() {
        return options.update();
    }

    public void join() {
        server.join();
    }

    @Override
    public void close() {
        closing = true;
        watcher.shutdownNow();
        statistics.shutdownNow();
        releases.shutdown();
        server.stop();
        try {
            // a write still running stops at its next check and removes its temporary folder
            if (!releases.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the release writer did not stop within 30 s; closing the database under it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        opened.close();
    }
}
