package org.kvgraph.web;

import java.util.Iterator;
import java.util.LinkedHashMap;
import org.apache.jena.atlas.io.IndentedLineBuffer;
import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.server.CounterName;
import org.apache.jena.fuseki.servlets.ActionErrorException;
import org.apache.jena.fuseki.servlets.ActionExecLib;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQLProtocol;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;

/**
 * Fuseki's SPARQL query operation, parsing each distinct query text once (issue 8).
 *
 * <p>ARQ's parser takes 0.2 to 0.4 ms for an example query of about 1 KB (measured in-process on the example
 * queries), a quarter to a third of the server's CPU time for a small query. Parsing is a function of the query
 * text alone (base IRI and syntax are fixed here, as Fuseki fixes them), so the parsed query is kept by its exact
 * text, and each request gets its own deep copy ({@link Query#cloneQuery()}, a few microseconds, with the base IRI
 * the parse was given) to evaluate: no {@link Query} is ever shared between requests. A text that does not parse is
 * not kept (its error is reported as Fuseki reports it, every time). Texts of at most {@link #MAX_TEXT} characters
 * are kept, at most {@link #MAX_ENTRIES} of them and {@link #MAX_CHARS} characters in all, least recently used
 * first out.
 *
 * <p>{@link #execute(String, HttpAction)} is Fuseki 5.6's {@code SPARQLQueryProcessor.execute(String, HttpAction)}
 * with the parse replaced by the lookup: the same log lines, error messages and status codes, the same read
 * transaction, timeouts and counters.
 */
final class ParsedQueryCache extends SPARQL_QueryDataset {
    static final int MAX_ENTRIES = 1024;
    static final int MAX_TEXT = 16 * 1024;
    static final long MAX_CHARS = 2L << 20;
    /** The base IRI Fuseki parses queries with. */
    private static final String BASE = "http://server/unset-base/";

    /** A parsed query, never evaluated itself, and its one-line form for the log. */
    private record Parsed(Query query, String forLog) {
        Query copy() {
            synchronized (query) {
                return ParsedQueryCache.copy(query);
            }
        }
    }

    /** A deep copy of a parsed query, with its base IRI (cloneQuery keeps only a base the text itself set). */
    static Query copy(Query query) {
        Query copy = query.cloneQuery();
        if (!query.explicitlySetBaseURI() && query.getBase() != null) {
            copy.setBase(query.getBase());
        }
        return copy;
    }

    private final LinkedHashMap<String, Parsed> parsed = new LinkedHashMap<>(64, 0.75f, true);
    private long chars;
    private long parses;

    /** How many times a query text was parsed (not found in the cache). For tests. */
    synchronized long parses() {
        return parses;
    }

    /** How many texts are kept, and their characters in all. For tests. */
    synchronized long[] kept() {
        return new long[] {parsed.size(), chars};
    }

    /** A copy of the query the text parses to (QueryParseException if it does not). */
    Query query(String queryString) {
        return parse(queryString).copy();
    }

    private Parsed parse(String queryString) {
        synchronized (this) {
            Parsed p = parsed.get(queryString);
            if (p != null) {
                return p;
            }
            parses++;
        }
        Query query = QueryFactory.create(queryString, BASE, Syntax.syntaxARQ);
        IndentedLineBuffer out = new IndentedLineBuffer();
        out.setFlatMode(true);
        query.serialize(out);
        Parsed p = new Parsed(query, out.asString());
        if (queryString.length() <= MAX_TEXT) {
            synchronized (this) {
                if (parsed.put(queryString, p) == null) {
                    chars += queryString.length();
                }
                Iterator<String> eldest = parsed.keySet().iterator();
                while ((parsed.size() > MAX_ENTRIES || chars > MAX_CHARS) && eldest.hasNext()) {
                    chars -= eldest.next().length();
                    eldest.remove();
                }
            }
        }
        return p;
    }

    @Override
    protected void execute(String queryString, HttpAction action) {
        if (queryString.isEmpty()) {
            ServletOps.errorBadRequest("Error: Empty query string");
        }
        if (queryString.isBlank()) {
            ServletOps.errorBadRequest("Error: Blank query string");
        }
        String queryStringLog = ServletOps.formatForLog(queryString);
        if (action.verbose) {
            String str = queryString;
            if (str.endsWith("\n")) {
                str = str.substring(0, str.length() - 1);
            }
            action.log.info(String.format("[%d] Query = \n%s", action.id, str));
        } else {
            action.log.info(String.format("[%d] Query = %s", action.id, queryStringLog));
        }
        Query query = null;
        try {
            Parsed p = parse(queryString);
            query = p.copy();
            queryStringLog = p.forLog();
            validateQuery(action, query);
        } catch (ActionErrorException ex) {
            throw ex;
        } catch (QueryParseException ex) {
            String msg = SPARQLProtocol.messageForParseException(ex);
            action.log.warn(String.format("[%d] %s", action.id, msg));
            ServletOps.errorBadRequest(msg);
        } catch (QueryException ex) {
            String msg = SPARQLProtocol.messageForException(ex);
            action.log.warn(String.format("[%d] %s", action.id, msg));
            ServletOps.errorBadRequest("Error: \n" + queryString + "\n" + msg);
        }
        try {
            action.beginRead();
            Pair<DatasetGraph, Query> p = decideDataset(action, query, queryStringLog);
            DatasetGraph dataset = p.getLeft();
            Query q = p.getRight();
            if (q == null) {
                q = query;
            }
            try (QueryExec qExec = createQueryExec(action, q, dataset)) {
                QueryExecResult result = executeQuery(action, qExec, query, queryStringLog);
                sendResults(action, result, query.getPrologue());
            }
        } catch (QueryParseException ex) {
            // a late static error (e.g. a bad Lucene query string)
            action.abortSilent();
            ServletOps.errorBadRequest("Query parse error: \n" + queryString + "\n" + SPARQLProtocol.messageForException(ex));
        } catch (QueryCancelledException ex) {
            action.abortSilent();
            ActionExecLib.incCounter(action.getEndpoint().getCounters(), CounterName.QueryTimeouts);
            throw ex;
        } finally {
            action.endRead();
        }
    }
}
