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

    private KvServer(Store store, Options options, Store.Opened opened) {
        this.store = store;
        this.options = options;
        this.opened = opened;
        this.site = Site.of(opened);
        Examples examples = Examples.read(options.queries());
        LandingPage landing = new LandingPage(() -> site, examples);
        LinkedDataServlet ld = new LinkedDataServlet(() -> site);
        DownloadServlet downloads = new DownloadServlet(() -> site);
        FusekiServer.Builder b = FusekiServer.create()
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
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kvgraph-store-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the store's current database and starts serving it. Update mode needs a readable password file
     * (Jetty realm format, {@code user: password} a line).
     */
    public static KvServer start(Store store, Options options) {
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
            s = new KvServer(store, options, opened);
            s.server.start();
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
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
            opened = next;
            site = nextSite;
            LOG.warn("now serving {}", next.generation());
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
        watcher.shutdownNow();
        server.stop();
        opened.close();
    }
}
