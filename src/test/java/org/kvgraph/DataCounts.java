package org.kvgraph;

import org.kvgraph.rdf.Uris;
import org.kvgraph.stats.Materialised;

/**
 * COUNT queries for the data a database serves, without the statistics materialised at load
 * ({@link Materialised}, graph {@code graph/derived-statistics}): the tests that compare what a store or server
 * holds with what was converted or published use these. The statistics' observations are blank nodes of that
 * graph alone, so leaving its triples out leaves exactly the data.
 */
public final class DataCounts {
    /** The graph of the statistics under the default base. */
    public static final String STATISTICS_GRAPH = new Uris(Uris.DEFAULT_BASE).graph(Materialised.GRAPH_NAME).getURI();

    /** Distinct triples of the union default graph, statistics left out. */
    public static final String TRIPLES = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o FILTER NOT EXISTS { GRAPH <"
            + STATISTICS_GRAPH + "> { ?s ?p ?o } } }";

    /** Quads of the named graphs, the statistics graph left out. */
    public static final String QUADS = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } FILTER(?g != <"
            + STATISTICS_GRAPH + ">) }";

    /** The statistics' own triples. */
    public static final String STATISTICS = "SELECT (COUNT(*) AS ?n) { GRAPH <" + STATISTICS_GRAPH + "> { ?s ?p ?o } }";

    private DataCounts() {
    }
}
