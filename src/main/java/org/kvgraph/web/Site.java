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
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.kvgraph.publish.Release;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pages of one served database generation need: the database, the base its URIs were minted with,
 * its release (written into the generation's folder, from the database itself, the first time it is served)
 * with the release's description, and the counts the landing page shows.
 */
final class Site {
    private static final Logger LOG = LoggerFactory.getLogger(Site.class);

    /** The counts of the landing page: a label and a SPARQL COUNT each. */
    static final Map<String, String> COUNTS = countQueries();

    private final Store.Opened opened;
    private final String base;
    private final Path release;
    private final Graph description;
    private final Map<String, Long> counts;

    private Site(Store.Opened opened, String base, Path release, Graph description, Map<String, Long> counts) {
        this.opened = opened;
        this.base = base;
        this.release = release;
        this.description = description;
        this.counts = counts;
    }

    /** Prepares the site of an opened generation, writing its release when it has none that verifies. */
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
        if (!Release.verify(release).isEmpty()) {
            try {
                LOG.info("writing the release of {} into {}", opened.generation(), release);
                Release.write(opened.dataset(), release, base, line -> LOG.info("release: {}", line));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the release into " + release, e);
            }
            LOG.info("wrote the release of {} into {}", opened.generation(), release);
        }
        Graph description = GraphFactory.createDefaultGraph();
        RDFParser.source(release.resolve(Release.DESCRIPTION)).lang(Lang.TURTLE).parse(description);
        DatasetGraph dsg = opened.dataset();
        Map<String, Long> counts = new LinkedHashMap<>();
        Txn.executeRead(dsg, () -> COUNTS.forEach((label, q) -> {
            try (QueryExec qe = QueryExec.dataset(dsg).query(q).build()) {
                counts.put(label, ((Number) qe.select().next().get("n").getLiteralValue()).longValue());
            }
        }));
        return new Site(opened, base, release, description, counts);
    }

    private static Map<String, String> countQueries() {
        Map<String, String> m = new LinkedHashMap<>();
        String kv = "PREFIX kv: <https://w3id.org/kvgraph/def#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> ";
        m.put("vragensets (Kamervragen)", kv + "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s a kv:QuestionSet }");
        m.put("vragen", kv + "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s a kv:Question }");
        m.put("antwoorden", kv + "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s a kv:Answer }");
        m.put("personen", kv + "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s a foaf:Person }");
        m.put("partijen", kv + "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s a kv:Party }");
        m.put("aanhalingen", kv + "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?o { ?s kv:cites ?o } }");
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

    Graph description() {
        return description;
    }

    Map<String, Long> counts() {
        return counts;
    }

    /** The release's version ({@code owl:versionInfo} of its description), or "unversioned". */
    String version() {
        return Release.version(description).orElse("unversioned");
    }

    /** The release files with their sizes and SHA-256 sums, as SHA256SUMS lists them. */
    List<String[]> downloads() {
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
