package org.kvgraph.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;
import org.kvgraph.web.KvServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kvgraph serve}: the SPARQL server (embedded Fuseki) over the TDB2 database. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = "Serves the knowledge graph with Apache Jena Fuseki on localhost: SPARQL at /kamervragen/sparql. With INPUT, (re)loads the database from it when it has changed since the last load. Without INPUT and without a database, converts and loads the bundled data/ folder (of the working directory). Read-only unless --update --password-file F is given. Also serves the pages (/ and /sparql), the release of the data (/download/, described at /dataset, as `kvgraph publish` writes it), the ontology (/def), every minted URI at its path (/id/...), as HTML or RDF by content negotiation, statistics with charts and CSVs (/stats) and Atom feeds of answers, postponements and overdue sets (/feeds/answers.atom, /feeds/postponements.atom, /feeds/overdue.atom).",
        sortOptions = false,
        footer = {"", "Memory: the ./kvgraph launcher starts the server with",
                "  -Xmx4g -Xms4g -XX:+UseParallelGC -XX:NewRatio=1;",
                "set KVGRAPH_JAVA_OPTS to give other JVM options (they replace these; docs/querying.md)."})
final class ServeCommand implements Callable<Integer> {
    static final Path BUNDLED = Path.of("data");

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "DIR", description = "Database folder (default: ${DEFAULT-VALUE}).")
    Path db = Path.of("run", "tdb2");

    @Option(names = "--port", paramLabel = "N", description = "HTTP port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port = 3030;

    @Option(names = "--timeout", paramLabel = "SEC", description = "Query time limit in seconds (default: ${DEFAULT-VALUE}).")
    long timeout = 60;

    @Option(names = "--update", description = "Also serve /kamervragen/update and graph-store writes (/data), behind HTTP BASIC authentication.")
    boolean update;

    @Option(names = "--password-file", paramLabel = "F", description = "Users and passwords for --update, a `user: password` line each (Jetty realm format).")
    Path passwordFile;

    @Option(names = "--base", paramLabel = "URI", description = "Base of minted URIs when loading (default: ${DEFAULT-VALUE}).")
    String base = Uris.DEFAULT_BASE;

    @Option(names = "--release", paramLabel = "DIR|URL", description = "Serve a published release (as `kvgraph publish` writes it): a folder, or a URL from which it is fetched into --cache. Every file is checked against SHA256SUMS (a mismatch refuses the release and nothing is served); the database is built from kvgraph.nq.gz, or reused when it holds the same release version. Every response names the version in an X-Kvgraph-Release header.")
    String release;

    @Option(names = "--cache", paramLabel = "DIR", description = "Where a release fetched from a URL is kept (default: ${DEFAULT-VALUE}).")
    Path cache = Path.of("run", "release-cache");

    @Parameters(arity = "0..*", paramLabel = "INPUT", description = "RDF files, source texts, or folders holding them.")
    List<Path> inputs = List.of();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (update && passwordFile == null) {
            err.println("--update needs --password-file F (a `user: password` line each); there is no default password");
            return 2;
        }
        if (passwordFile != null && !update) {
            err.println("--password-file is only used with --update");
            return 2;
        }
        if (passwordFile != null && !Files.isReadable(passwordFile)) {
            err.println("cannot read password file " + passwordFile);
            return 2;
        }
        if (timeout <= 0) {
            err.println("--timeout must be positive");
            return 2;
        }
        Store store = new Store(db);
        int loaded = release != null ? prepareRelease(store, err, out) : prepare(store, err, out);
        if (loaded > 1) {
            return loaded;
        }
        KvServer server;
        try {
            KvServer.Options o = KvServer.Options.defaults().withPort(port).withTimeout(timeout);
            server = KvServer.start(store, update ? o.withUpdate(passwordFile) : o);
        } catch (RuntimeException e) {
            err.println("cannot start the server: " + e.getMessage());
            return 1;
        }
        String url = server.datasetUrl();
        out.println("kvgraph is serving " + server.generation());
        String root = url.replace("/kamervragen", "");
        out.println("  Home page:     " + root + "/");
        out.println("  SPARQL editor: " + root + "/sparql   (a plain form: " + root + "/form)");
        out.println("  Downloads:     " + root + "/download/   (described at " + root + "/dataset)");
        out.println("  Resources:     " + root + "/id/question-set/...   (HTML or RDF by content negotiation)");
        out.println("  Statistics:    " + root + "/stats   (charts; each as CSV at " + root + "/stats/ID.csv; ?from=&to=)");
        out.println("  Atom feeds:    " + root + "/feeds/answers.atom, " + root + "/feeds/postponements.atom, "
                + root + "/feeds/overdue.atom   (?party=&member=&office=)");
        out.println("  SPARQL query:  " + url + "/sparql   (also " + url + "/query)");
        out.println("  Graph store:   " + url + "/get");
        if (update) {
            out.println("  SPARQL update: " + url + "/update   (HTTP BASIC authentication)");
            out.println("  Graph store:   " + url + "/data     (read and write, HTTP BASIC authentication)");
        }
        out.println("  Query time limit: " + timeout + " s. Stop with Ctrl-C.");
        // the release may still be written in the background: say so, and say when it is done
        out.println(server.watchRelease(line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }));
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.join();
        return 0;
    }

    /** Serving a published release (issue 10): verified, then loaded or reused; 2 or more to stop. */
    private int prepareRelease(Store store, PrintWriter err, PrintWriter out) {
        if (!inputs.isEmpty()) {
            err.println("--release serves a published release: give no INPUT with it");
            return 2;
        }
        if (update) {
            err.println("--release serves a published release as it is: --update cannot be used with it");
            return 2;
        }
        try {
            org.kvgraph.publish.ServedRelease.Prepared p =
                    org.kvgraph.publish.ServedRelease.prepare(release, cache, store, base, out, err);
            out.println("release " + p.version() + (p.reused() ? " (database reused)" : " (database built)"));
            return 0;
        } catch (org.kvgraph.publish.ServedRelease.Refused e) {
            err.println(e.getMessage());
            err.println("nothing is served");
            return 4;
        }
    }

    /** Loads when needed; returns 0 or 1 (problems in some documents) to go on serving, 2 or more to stop. */
    private int prepare(Store store, PrintWriter err, PrintWriter out) {
        Inputs in;
        if (inputs.isEmpty()) {
            if (!Files.isDirectory(BUNDLED)) {
                if (store.current().isPresent()) {
                    return 0;
                }
                err.println("no database in " + store.dir() + " and no bundled data/ folder in "
                        + Path.of("").toAbsolutePath() + ": run from the project folder, or give INPUT files");
                return 2;
            }
            in = Inputs.of(List.of(BUNDLED));
            if (store.current().isPresent() && !store.isLoadedFrom(in)) {
                out.println("serving the database in " + store.dir() + " as loaded (not from data/)");
                return 0;
            }
        } else {
            in = Inputs.of(inputs);
            if (!in.missing().isEmpty()) {
                in.missing().forEach(err::println);
                return 2;
            }
        }
        if (store.isCurrentFor(in)) {
            out.println("inputs unchanged since the last load: reusing " + store.current().orElseThrow());
            return 0;
        }
        if (in.isEmpty()) {
            err.println("nothing to load in " + in.roots());
            return 2;
        }
        out.println("loading " + in.sourceFiles().size() + " source documents and " + in.rdfFiles().size()
                + " RDF files into " + store.dir());
        out.flush();
        try {
            return LoadCommand.report(store.load(in, base, false, err), out, err);
        } catch (Store.LoadException e) {
            err.println("load failed: " + e.getMessage());
            return store.current().isPresent() ? 0 : 3;
        }
    }
}
