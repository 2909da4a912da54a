package org.kvgraph.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;

/**
 * Aggregates materialised at build time (issue 8): the counts behind the example queries that aggregate over
 * the whole corpus (sets per party and year, questions per office, days to answer per ministry, citations per
 * Kamerstuk and per news outlet, instances per class) are computed once when a database is loaded, by the
 * SPARQL CONSTRUCT queries in {@code src/main/resources/org/kvgraph/stats/materialised/}, and kept in a named
 * graph of their own ({@link #GRAPH_NAME}) as W3C Data Cube observations ({@code qb:Observation} with
 * {@code qb:dataSet kv:setsPerPartyPerYear} and so on). The example queries read those few hundred
 * observations instead of grouping millions of triples per request.
 *
 * <p>They are derived data of the store, like a database's materialised view: recomputed from the whole graph
 * at every {@code kvgraph load}, left out of the published release (which holds the data itself; anyone can
 * compute them from it with the same queries), and recomputed by a server in update mode after writes
 * ({@code KvServer}; docs/querying.md).
 *
 * <pre>{@code
 * long added = Materialised.compute(dataset, uris.graph(Materialised.GRAPH_NAME));
 * }</pre>
 */
public final class Materialised {
    /** The name (under {@code graph/} of the base) of the named graph the observations are kept in. */
    public static final String GRAPH_NAME = "derived-statistics";

    /** The CONSTRUCT queries, by file name under the resource folder; each one fills one kv: data set. */
    public static final List<String> QUERIES = List.of(
            "sets-per-party-per-year.rq",
            "questions-per-office.rq",
            "days-to-answer-per-ministry.rq",
            "citations-per-paper.rq",
            "citations-per-news-outlet.rq",
            "citations-per-treaty.rq",
            "instances-per-class.rq");

    private Materialised() {
    }

    /** The text of one of the {@link #QUERIES}. */
    public static String queryText(String name) {
        try (InputStream in = Materialised.class.getResourceAsStream("materialised/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no materialised statistic " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Computes every statistic over the dataset's default graph (in kvgraph's store: the union of the named
     * graphs) in one read transaction, then replaces the named graph {@code graph} with the observations in one
     * write transaction. Returns the number of triples written. The dataset must not be in a transaction.
     */
    public static long compute(DatasetGraph dataset, Node graph) {
        Graph observations = GraphFactory.createDefaultGraph();
        Txn.executeRead(dataset, () -> {
            for (String name : QUERIES) {
                Query q;
                try {
                    q = QueryFactory.create(queryText(name));
                } catch (QueryParseException e) {
                    throw new IllegalStateException("materialised/" + name + ": " + e.getMessage(), e);
                }
                try (QueryExec exec = QueryExec.dataset(dataset).query(q).build()) {
                    exec.construct(observations);
                }
            }
        });
        Txn.executeWrite(dataset, () -> {
            dataset.removeGraph(graph);
            observations.find().forEachRemaining(t -> dataset.add(graph, t.getSubject(), t.getPredicate(), t.getObject()));
        });
        return observations.size();
    }
}
