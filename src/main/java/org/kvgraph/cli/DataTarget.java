package org.kvgraph.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a command reads the graph: a database folder ({@code --db}, default {@code run/tdb2}, the one
 * {@code serve} uses) or a running SPARQL endpoint ({@code --endpoint}); at most one of the two. Used as an
 * exclusive {@code @ArgGroup}.
 */
final class DataTarget {
    static final Path DEFAULT_DB = Path.of("run", "tdb2");

    @Option(names = "--db", paramLabel = "DIR", description = "Database folder (default: run/tdb2).")
    Path db;

    @Option(names = "--endpoint", paramLabel = "URL", description = "SPARQL endpoint, e.g. http://localhost:3030/kamervragen/sparql")
    String endpoint;

    /** The endpoint given, or null when the database is to be read. */
    static String endpoint(DataTarget t) {
        return t == null ? null : t.endpoint;
    }

    /** The database folder given, or the default one. */
    static Path db(DataTarget t) {
        return t == null || t.db == null ? DEFAULT_DB : t.db;
    }
}
