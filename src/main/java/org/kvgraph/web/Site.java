package org.kvgraph.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.kvgraph.publish.Release;
import org.kvgraph.rdf.KV;
import org.kvgraph.rdf.Uris;
import org.kvgraph.stats.Materialised;
import org.kvgraph.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pages of one served database generation need: the database, the base its URIs were minted with,
 * the counts the landing page shows, and its release (written into the generation's folder, from the database
 * itself, the first time it is served) with the release's description.
 *
 * <p>The release has a state of its own ({@link ReleaseState}): a release already in the folder that verifies
 * is {@link Status#READY} at once; otherwise the site starts {@link Status#WRITING} and the server writes it in
 * the background ({@link #writeRelease}), meanwhile serving SPARQL and every page that does not need it. Only
 * when the write has returned (all files renamed into place, SHA256SUMS last) does the state become READY, so
 * no request ever sees a half-written release; a failed write makes it {@link Status#FAILED} with the reason.
 */
final class Site {
    private static final Logger LOG = LoggerFactory.getLogger(Site.class);

    /** The counts of the landing page: a label and a SPARQL COUNT each. */
    static final Map<String, String> COUNTS = countQueries();

    /** Where the release of a generation stands. */
    enum Status { WRITING, READY, FAILED }

    /** The release's state: its description once READY, the reason once FAILED. */
    record ReleaseState(Status status, Graph description, String problem) {
        static final ReleaseState WRITING = new ReleaseState(Status.WRITING, null, null);
    }

    /** Writes the release of an opened generation into dir; the server's is {@link Release#write}. */
    @FunctionalInterface
    interface ReleaseWriter {
        void write(Store.Opened opened, Path dir, String base, BooleanSupplier stop) throws IOException;

        ReleaseWriter RELEASE = (opened, dir, base, stop) -> Release.write(opened.dataset(), dir, base,
                line -> LOG.info("release of {}: {}", opened.generation(), line), stop);
    }

    private final Store.Opened opened;
    private final String base;
    private final Path release;
    private final Map<String, Long> counts;
    private volatile ReleaseState state;
    private final java.util.concurrent.CompletableFuture<ReleaseState> settled = new java.util.concurrent.CompletableFuture<>();

    private Site(Store.Opened opened, String base, Path release, Map<String, Long> counts, ReleaseState state) {
        this.opened = opened;
        this.base = base;
        this.release = release;
        this.counts = counts;
        this.state = state;
        if (state.status() != Status.WRITING) {
            settled.complete(state);
        }
    }

    /**
     * Prepares the site of an opened generation: READY when its folder holds a release that verifies, else
     * WRITING, to be written by {@link #writeRelease} (the caller's to run, in the background).
     */
    static Site of(Store.Opened opened) {
        Properties meta = new Properties();
        Path metaFile = opened.generation().resolve("load.properties");
        if (Files.isRegularFile(metaFile)) {
            try (InputStream in = Files.newInputStream(metaFile)) {
                meta.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String base = new Uris(meta.getProperty("base", Uris.DEFAULT_BASE)).base();
        Path release = opened.generation().resolve("release");
        ReleaseState state = ReleaseState.WRITING;
        if (Files.isRegularFile(release.resolve(Release.SUMS)) && Release.verify(release).isEmpty()) {
            state = ready(release);
        }
        DatasetGraph dsg = opened.dataset();
        Map<String, Long> counts = new LinkedHashMap<>();
        Txn.executeRead(dsg, () -> {
            // Instances per class from the statistics materialised at load, when the database has them: a lookup
            // instead of a count over the whole graph at every start (seconds at 50,000 sets).
            Map<String, Long> instances = new LinkedHashMap<>();
            try (QueryExec qe = QueryExec.dataset(dsg).query(INSTANCES).build()) {
                qe.select().forEachRemaining(b -> instances.put(b.get("class").getURI(),
                        ((Number) b.get("n").getLiteralValue()).longValue()));
            }
            // The triples of the data: the statistics are served too, but they are not data (nor in the release).
            // The load recorded the data's distinct triples (counted from the indexes before the statistics were
            // added); without that record, all triples less the statistics graph's, whose observations are blank
            // nodes of that graph alone.
            String recorded = meta.getProperty("derivation") != null ? meta.getProperty("triples") : null;
            COUNTS.forEach((label, q) -> {
                String cls = CLASS_COUNTED.get(label);
                if (cls != null && instances.containsKey(cls)) {
                    counts.put(label, instances.get(cls));
                } else if (label.equals("triples")) {
                    counts.put(label, recorded != null ? Long.parseLong(recorded) : count(dsg, q) - count(dsg,
                            "SELECT (COUNT(*) AS ?n) { GRAPH <" + new Uris(base).graph(Materialised.GRAPH_NAME).getURI()
                                    + "> { ?s ?p ?o } }"));
                } else {
                    counts.put(label, count(dsg, q));
                }
            });
        });
        return new Site(opened, base, release, counts, state);
    }

    private static long count(DatasetGraph dsg, String query) {
        try (QueryExec qe = QueryExec.dataset(dsg).query(query).build()) {
            return ((Number) qe.select().next().get("n").getLiteralValue()).longValue();
        }
    }

    private static ReleaseState ready(Path release) {
        Graph description = GraphFactory.createDefaultGraph();
        RDFParser.source(release.resolve(Release.DESCRIPTION)).lang(Lang.TURTLE).parse(description);
        return new ReleaseState(Status.READY, description, null);
    }

    /**
     * Writes the release when the site is WRITING, then makes it READY (or FAILED with the reason, logged as an
     * error); stop ends a write early (a shutdown), which leaves it FAILED. Returns the state it ends in.
     */
    ReleaseState writeRelease(ReleaseWriter writer, BooleanSupplier stop) {
        if (state.status() != Status.WRITING) {
            return state;
        }
        long t0 = System.nanoTime();
        try {
            if (stop.getAsBoolean()) {
                throw new java.io.InterruptedIOException("stopped before it began");
            }
            LOG.info("writing the release of {} into {}", opened.generation(), release);
            writer.write(opened, release, base, stop);
            List<String> problems = Release.verify(release);
            if (!problems.isEmpty()) {
                throw new IOException("the written release does not verify: " + String.join("; ", problems));
            }
            state = ready(release);
            LOG.info("wrote the release of {} into {} in {} s", opened.generation(), release,
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        } catch (Exception | Error e) {   // OutOfMemoryError included: never left "being written" for ever
            String reason = e.getMessage() == null || e instanceof Error ? e.toString() : e.getMessage();
            state = new ReleaseState(Status.FAILED, null, reason);
            if (stop.getAsBoolean()) {
                LOG.warn("writing the release of {} stopped: {}", opened.generation(), reason);
            } else {
                LOG.error("cannot write the release of {} into {}: {} (SPARQL and the pages are still served;"
                        + " /download/ and /dataset answer 500)", opened.generation(), release, reason, e);
            }
        }
        settled.complete(state);
        return state;
    }

    /** Where the release stands now. */
    ReleaseState releaseState() {
        return state;
    }

    /** Completes with the release's state once it is READY or FAILED. */
    java.util.concurrent.CompletableFuture<ReleaseState> releaseSettled() {
        return settled;
    }

    /** The class each class count of the landing page counts (the others are not materialised). */
    private static final Map<String, String> CLASS_COUNTED = Map.of(
            "vragensets (Kamervragen)", KV.QuestionSet.getURI(),
            "vragen", KV.Question.getURI(),
            "antwoorden", KV.Answer.getURI(),
            "personen", KV.Person.getURI(),
            "partijen", KV.Party.getURI());

    private static final String INSTANCES = "PREFIX kv: <https://w3id.org/kvgraph/def#> "
            + "PREFIX qb: <http://purl.org/linked-data/cube#> SELECT ?class ?n "
            + "{ ?o qb:dataSet kv:instancesPerClass ; kv:aboutClass ?class ; kv:instanceCount ?n }";

    private static Map<String, String> countQueries() {
        Map<String, String> m = new LinkedHashMap<>();
        String kv = "PREFIX kv: <https://w3id.org/kvgraph/def#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> ";
        m.put("vragensets (Kamervragen)", kv + "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s a kv:QuestionSet }");
        m.put("vragen", kv + "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s a kv:Question }");
        m.put("antwoorden", kv + "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s a kv:Answer }");
        m.put("personen", kv + "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s a foaf:Person }");
        m.put("partijen", kv + "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s a kv:Party }");
        // Rows, not DISTINCT ?s ?o: the union graph holds each triple once, and a DISTINCT makes the store look up
        // every citing and cited IRI at every start (seconds at 200,000 sets).
        m.put("aanhalingen", kv + "SELECT (COUNT(*) AS ?n) { ?s kv:cites ?o }");
        m.put("triples", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }");
        return m;
    }

    DatasetGraph dataset() {
        return opened.dataset();
    }

    Path generation() {
        return opened.generation();
    }

    String base() {
        return base;
    }

    Path release() {
        return release;
    }

    /** The release's description; only for a READY release (see {@link #releaseState()}). */
    Graph description() {
        Graph d = state.description();
        if (d == null) {
            throw new IllegalStateException("the release of " + opened.generation() + " is " + state.status());
        }
        return d;
    }

    Map<String, Long> counts() {
        return counts;
    }

    /**
     * The release's version ({@code owl:versionInfo} of its description), "unversioned" when it names none, and
     * null while the release is not READY (being written, or failed): there is no release to name yet.
     */
    String version() {
        Graph d = state.description();
        return d == null ? null : Release.version(d).orElse("unversioned");
    }

    /** The release files with their sizes and SHA-256 sums, as SHA256SUMS lists them; none unless READY. */
    List<String[]> downloads() {
        if (state.status() != Status.READY) {
            return List.of();
        }
        try {
            return Files.readAllLines(release.resolve(Release.SUMS), StandardCharsets.UTF_8).stream()
                    .map(l -> l.split("  ", 2)).filter(p -> p.length == 2)
                    .map(p -> new String[] {p[1], sizeOf(p[1]), p[0]}).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private String sizeOf(String file) {
        try {
            return Long.toString(Files.size(release.resolve(file)));
        } catch (IOException e) {
            return "?";
        }
    }

    /** The URI a server path stands for: the base's path mapped onto the server's root. */
    String uriOf(String path) {
        return base + (path.startsWith("/") ? path.substring(1) : path);
    }

    /** Where a URI is looked up on this server: its path for a URI under the base, else the URI itself. */
    String href(String uri) {
        return uri.startsWith(base) ? "/" + uri.substring(base.length()) : uri;
    }
}
