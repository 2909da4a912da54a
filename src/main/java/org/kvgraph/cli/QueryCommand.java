package org.kvgraph.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kvgraph.store.QueryRunner;
import org.kvgraph.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kvgraph query}: one SPARQL query against the database or a running server. */
@Command(name = "query",
        mixinStandardHelpOptions = true,
        description = "Runs a SPARQL query, given as a string or as a .rq file (e.g. one from queries/), against the database (--db, default run/tdb2; not while a server holds it) or a SPARQL endpoint (--endpoint).",
        sortOptions = false)
final class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    DataTarget target = new DataTarget();

    @Option(names = "--format", paramLabel = "FMT", description = "table, csv, tsv or json (default: ${DEFAULT-VALUE}); CONSTRUCT gives Turtle.")
    QueryRunner.Format format = QueryRunner.Format.TABLE;

    @Parameters(index = "0", paramLabel = "QUERY|FILE.rq", description = "A SPARQL query, or a file holding one.")
    String query;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String text;
        try {
            text = queryText(query);
        } catch (IOException e) {
            err.println("cannot read " + query + ": " + e.getMessage());
            return 2;
        }
        PrintWriter pw = spec.commandLine().getOut();
        OutputStream out = new WriterOutputStream(pw);
        try {
            if (DataTarget.endpoint(target) != null) {
                QueryRunner.onEndpoint(DataTarget.endpoint(target), text, format, out);
            } else {
                Path db = DataTarget.db(target);
                QueryRunner.onStore(new Store(db), text, format, out);
            }
        } catch (org.apache.jena.query.QueryParseException e) {
            err.println("query syntax error: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("lock")) {
                err.println("cannot open the database: " + m);
                err.println("a server is probably running on it: query it with --endpoint "
                        + "http://localhost:3030/kamervragen/sparql");
            } else {
                err.println("query failed: " + m);
            }
            return 1;
        }
        pw.flush();
        return 0;
    }

    static String queryText(String arg) throws IOException {
        Path p = Path.of(arg.length() < 4096 && !arg.contains("\n") ? arg : "-");
        if (arg.endsWith(".rq") || (Files.isRegularFile(p) && !arg.contains("{"))) {
            return Files.readString(p, StandardCharsets.UTF_8);
        }
        return arg;
    }

    /** Bytes to picocli's writer (UTF-8), so tests can capture the output. */
    private static final class WriterOutputStream extends OutputStream {
        private final PrintWriter w;
        private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();

        WriterOutputStream(PrintWriter w) {
            this.w = w;
        }

        @Override
        public void write(int b) {
            buf.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            buf.write(b, off, len);
        }

        @Override
        public void flush() {
            w.write(buf.toString(StandardCharsets.UTF_8));
            buf.reset();
            w.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
