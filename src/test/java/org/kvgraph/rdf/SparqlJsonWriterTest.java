package org.kvgraph.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.riot.rowset.RowSetWriter;
import org.apache.jena.riot.rowset.rw.RowSetWriterJSON;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetRewindable;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.resultset.ResultSetCompare;
import org.junit.jupiter.api.Test;

/**
 * The server's SPARQL JSON writer writes what ARQ's writer writes, read back by ARQ's reader: every kind of term,
 * escapes, unbound variables, booleans; and its output is compact JSON of the standard shape.
 */
class SparqlJsonWriterTest {
    private static final List<Var> VARS = List.of(Var.alloc("s"), Var.alloc("o"), Var.alloc("n"), Var.alloc("x"));

    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";

    /** Terms of every kind SPARQL results hold, with strings that need escaping. */
    private static List<Node> terms() {
        Node kostic = NodeFactory.createURI("https://w3id.org/kvgraph/id/lid/Kostić");
        List<Node> t = new ArrayList<>(List.of(
                kostic,
                NodeFactory.createURI("https://example.org/a?b=c&d=\"e\""),
                NodeFactory.createLiteralString("geïnformeerd"),
                NodeFactory.createLiteralString("regel 1\nregel 2\t\"citaat\" \\ \u0001 \u2028 \u2029 😀 </script>"),
                NodeFactory.createLiteralString(""),
                NodeFactory.createLiteralLang("Verdrag van Wenen", "nl"),
                NodeFactory.createLiteralLang("Treaty", "en-GB"),
                NodeFactory.createLiteralDirLang("مرحبا", "ar", "rtl"),
                NodeFactory.createLiteralDT("36123", XSDDatatype.XSDstring),
                NodeFactory.createLiteralDT("42", XSDDatatype.XSDinteger),
                NodeFactory.createLiteralDT("042", XSDDatatype.XSDinteger),
                NodeFactory.createLiteralDT("2024-01-05", XSDDatatype.XSDdate),
                NodeFactory.createLiteralDT("abc", XSDDatatype.XSDinteger),
                NodeFactory.createLiteralDT("x", NodeFactory.getType("https://example.org/type")),
                NodeFactory.createBlankNode("a1"),
                NodeFactory.createBlankNode("a2"),
                NodeFactory.createTripleTerm(kostic, NodeFactory.createURI(XSD + "p"), NodeFactory.createLiteralLang("a", "nl"))));
        return t;
    }

    private static List<Binding> rows() {
        List<Node> t = terms();
        List<Binding> rows = new ArrayList<>();
        for (int i = 0; i < t.size() * 3; i++) {
            BindingBuilder b = Binding.builder();
            for (int v = 0; v < VARS.size(); v++) {
                int k = (i * (v + 1) + v) % (t.size() + 2);
                if (k < t.size()) {
                    b.add(VARS.get(v), t.get(k));
                }
            }
            rows.add(b.build());
        }
        // a row with nothing bound
        rows.add(Binding.builder().build());
        return rows;
    }

    private static byte[] write(RowSetWriter writer, List<Binding> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, RowSetStream.create(VARS, rows.iterator()), null);
        return out.toByteArray();
    }

    private static RowSetRewindable read(byte[] json) {
        return RowSet.adapt(ResultSetMgr.read(new ByteArrayInputStream(json), ResultSetLang.RS_JSON)).rewindable();
    }

    @Test
    void arqReadsBackTheRowsItsOwnWriterWrites() {
        List<Binding> rows = rows();
        byte[] ours = write(new SparqlJsonWriter(), rows);
        byte[] arqs = write(RowSetWriterJSON.factory.create(ResultSetLang.RS_JSON), rows);
        RowSetRewindable fromOurs = read(ours);
        RowSetRewindable fromArqs = read(arqs);
        assertEquals(VARS, fromOurs.getResultVars());
        assertTrue(ResultSetCompare.equalsByTermAndOrder(RowSetStream.create(VARS, rows.iterator()), fromOurs),
                "the rows written, read back");
        fromOurs.reset();
        assertTrue(ResultSetCompare.equalsByTermAndOrder(fromArqs, fromOurs), "the rows ARQ's writer gives");
        assertTrue(ours.length < arqs.length, "compact: " + ours.length + " vs " + arqs.length + " bytes");
        // two blank nodes, two labels, each the same wherever it occurs
        java.util.Set<String> labels = new java.util.TreeSet<>();
        java.util.Map<String, String> byTerm = new java.util.HashMap<>();
        com.google.gson.JsonArray bindings = JsonParser.parseString(new String(ours, StandardCharsets.UTF_8))
                .getAsJsonObject().getAsJsonObject("results").getAsJsonArray("bindings");
        for (int i = 0; i < rows.size(); i++) {
            for (Var v : VARS) {
                Node n = rows.get(i).get(v);
                if (n != null && n.isBlank()) {
                    String label = bindings.get(i).getAsJsonObject().getAsJsonObject(v.getVarName()).get("value").getAsString();
                    labels.add(label);
                    assertEquals(byTerm.computeIfAbsent(n.getBlankNodeLabel(), k -> label), label);
                }
            }
        }
        assertEquals(2, labels.size(), "labels " + labels);
    }

    @Test
    void theAnswerIsCompactJsonOfTheStandardShape() {
        Node kostic = NodeFactory.createURI("https://w3id.org/kvgraph/id/lid/Kostić");
        List<Binding> rows = List.of(Binding.builder()
                .add(VARS.get(0), kostic)
                .add(VARS.get(1), NodeFactory.createLiteralLang("geïnformeerd", "nl"))
                .add(VARS.get(2), NodeFactory.createLiteralDT("7", XSDDatatype.XSDinteger))
                .add(VARS.get(3), NodeFactory.createLiteralString("a\"b"))
                .build());
        String text = new String(write(new SparqlJsonWriter(), rows), StandardCharsets.UTF_8);
        assertEquals("{\"head\":{\"vars\":[\"s\",\"o\",\"n\",\"x\"]},\"results\":{\"bindings\":[{"
                + "\"s\":{\"type\":\"uri\",\"value\":\"https://w3id.org/kvgraph/id/lid/Kostić\"},"
                + "\"o\":{\"type\":\"literal\",\"xml:lang\":\"nl\",\"value\":\"geïnformeerd\"},"
                + "\"n\":{\"type\":\"literal\",\"datatype\":\"http://www.w3.org/2001/XMLSchema#integer\",\"value\":\"7\"},"
                + "\"x\":{\"type\":\"literal\",\"value\":\"a\\\"b\"}}]}}", text);
        JsonObject parsed = JsonParser.parseString(text).getAsJsonObject();
        assertEquals(1, parsed.getAsJsonObject("results").getAsJsonArray("bindings").size());
    }

    @Test
    void booleansAsArqWritesThem() {
        for (boolean b : new boolean[] {true, false}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new SparqlJsonWriter().write(out, b, null);
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals("{\"head\":{},\"boolean\":" + b + "}", text);
            assertEquals(b, ResultSetMgr.readBoolean(new ByteArrayInputStream(out.toByteArray()), ResultSetLang.RS_JSON));
        }
    }

    @Test
    void anEmptyAnswerHasItsVariablesAndNoBindings() {
        String text = new String(write(new SparqlJsonWriter(), List.of()), StandardCharsets.UTF_8);
        assertEquals("{\"head\":{\"vars\":[\"s\",\"o\",\"n\",\"x\"]},\"results\":{\"bindings\":[]}}", text);
        assertFalse(read(text.getBytes(StandardCharsets.UTF_8)).hasNext());
    }

    @Test
    void aFailedWriteIsReportedAsArqsWriterReportsIt() {
        java.io.OutputStream gone = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("client gone");
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                throw new java.io.IOException("client gone");
            }
        };
        org.junit.jupiter.api.Assertions.assertThrows(org.apache.jena.atlas.RuntimeIOException.class,
                () -> new SparqlJsonWriter().write(gone, RowSetStream.create(VARS, rows().iterator()), null));
        org.junit.jupiter.api.Assertions.assertThrows(org.apache.jena.atlas.RuntimeIOException.class,
                () -> new SparqlJsonWriter().write(gone, true, null));
    }
}
