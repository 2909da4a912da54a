package org.kvgraph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.kvgraph.convert.Converter;
import org.kvgraph.convert.Problem;
import org.kvgraph.rdf.Uris;

/** Helpers for tests: convert files into an in-memory model, run SPARQL over it. */
public final class TestGraphs {
    public static final String PREFIXES = """
            PREFIX kv: <https://w3id.org/kvgraph/def#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            PREFIX foaf: <http://xmlns.com/foaf/0.1/>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX org: <http://www.w3.org/ns/org#>
            PREFIX schema: <https://schema.org/>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX id: <https://w3id.org/kvgraph/id/>
            """;

    private TestGraphs() {
    }

    /** Converts the given files or folders; fails the test when any input has a problem. */
    public static Model convert(Path... inputs) {
        Model m = ModelFactory.createDefaultModel();
        List<Problem> problems = new Converter(new Uris(Uris.DEFAULT_BASE), false)
                .convert(List.of(inputs), StreamRDFLib.graph(m.getGraph()), false);
        assertEquals(List.of(), problems, "conversion problems");
        return m;
    }

    /** The rows of a SELECT, each row the values of its variables in order, as strings. */
    public static List<List<String>> select(Model m, String query) {
        List<List<String>> rows = new ArrayList<>();
        try (var qe = QueryExecutionFactory.create(PREFIXES + query, m)) {
            ResultSet rs = qe.execSelect();
            List<String> vars = rs.getResultVars();
            while (rs.hasNext()) {
                QuerySolution s = rs.next();
                List<String> row = new ArrayList<>();
                for (String v : vars) {
                    var node = s.get(v);
                    row.add(node == null ? null : node.isLiteral() ? node.asLiteral().getLexicalForm() : node.toString());
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The single-column values of a SELECT. */
    public static List<String> column(Model m, String query) {
        return select(m, query).stream().map(r -> r.get(0)).toList();
    }

    public static boolean ask(Model m, String query) {
        try (var qe = QueryExecutionFactory.create(PREFIXES + query, m)) {
            return qe.execAsk();
        }
    }
}
