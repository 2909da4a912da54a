package org.kvgraph.store;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.system.Txn;
import org.kvgraph.rdf.SparqlJsonWriter;

/**
 * Runs one SPARQL query against a local database or a remote endpoint and writes the result: SELECT as a
 * text table, CSV, TSV or SPARQL JSON; ASK as true/false; CONSTRUCT and DESCRIBE as Turtle.
 *
 * <pre>{@code
 * QueryRunner.onEndpoint("http://localhost:3030/kamervragen/sparql", "SELECT * {?s ?p ?o} LIMIT 3",
 *         QueryRunner.Format.CSV, System.out);
 * }</pre>
 */
public final class QueryRunner {
    /** Output formats for SELECT and ASK results. */
    public enum Format { TABLE, CSV, TSV, JSON }

    private QueryRunner() {
    }

    public static void onEndpoint(String url, String queryString, Format format, OutputStream out) {
        Query q = QueryFactory.create(queryString);
        try (QueryExec qe = QueryExecHTTP.service(url).query(q).build()) {
            write(q, qe, format, out);
        }
    }

    public static void onStore(Store store, String queryString, Format format, OutputStream out) {
        Query q = QueryFactory.create(queryString);
        try (Store.Opened db = store.open()) {
            Txn.executeRead(db.dataset(), () -> {
                try (QueryExec qe = QueryExec.dataset(db.dataset()).query(q).build()) {
                    write(q, qe, format, out);
                }
            });
        }
    }

    private static void write(Query q, QueryExec qe, Format format, OutputStream out) {
        if (q.isSelectType()) {
            switch (format) {
                case CSV -> ResultSetMgr.write(out, ResultSet.adapt(qe.select()), ResultSetLang.RS_CSV);
                case TSV -> ResultSetMgr.write(out, ResultSet.adapt(qe.select()), ResultSetLang.RS_TSV);
                case JSON -> {
                    new SparqlJsonWriter().write(out, qe.select(), null);
                    newline(out);
                }
                default -> ResultSetFormatter.out(out, ResultSet.adapt(qe.select()), q.getPrologue());
            }
        } else if (q.isAskType()) {
            boolean b = qe.ask();
            if (format == Format.JSON) {
                new SparqlJsonWriter().write(out, b, null);
                newline(out);
            } else {
                PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
                ps.println(b);
            }
        } else if (q.isConstructType() || q.isDescribeType()) {
            var graph = q.isConstructType() ? qe.construct() : qe.describe();
            graph.getPrefixMapping().setNsPrefixes(q.getPrefixMapping());
            RDFDataMgr.write(out, graph, Lang.TURTLE);
        } else {
            throw new IllegalArgumentException("not a query (for updates use the /update endpoint)");
        }
    }

    /** Ends a JSON answer on a terminal with a line break. */
    private static void newline(OutputStream out) {
        try {
            out.write('\n');
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
