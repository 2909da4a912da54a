package org.kvgraph.rdf;

import com.google.gson.stream.JsonWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.jena.atlas.RuntimeIOException;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.TextDirection;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ARQ;
import org.apache.jena.rdf.model.impl.Util;
import org.apache.jena.riot.out.NodeToLabel;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.riot.rowset.RowSetWriter;
import org.apache.jena.riot.rowset.RowSetWriterFactory;
import org.apache.jena.riot.rowset.RowSetWriterRegistry;
import org.apache.jena.riot.system.SyntaxLabels;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.resultset.ResultSetException;
import org.apache.jena.sparql.util.Context;

/**
 * The server's writer of SPARQL 1.1 query results in JSON ({@code application/sparql-results+json}), with Gson's
 * streaming {@link JsonWriter}, in place of ARQ's (issue 8).
 *
 * <p>ARQ's writer prints its pretty-printed output one character at a time through an {@code IndentedWriter} that
 * checks for a line start at each; a JFR profile of query 07 written as JSON in-process (29,853 rows, 20 MB) had a
 * third of its samples there, and writing the answer took a fifth of the request (docs/benchmarks.md). This writes
 * the same results without the indentation: the same members ({@code head.vars}, {@code results.bindings}, or
 * {@code boolean}) and the same terms ({@code uri}; {@code literal} with {@code xml:lang}, {@code its:dir} or a
 * {@code datatype} other than xsd:string; {@code bnode} with labels as ARQ gives them; {@code triple}), streaming
 * row by row. Strings are escaped as JSON requires (Gson also escapes U+2028 and U+2029); everything else,
 * diacritics included, is written as UTF-8. A failure to write (a client gone) is thrown as ARQ's writer throws it,
 * a {@link RuntimeIOException}, which Fuseki reports as such.
 */
public final class SparqlJsonWriter implements RowSetWriter {
    static final RowSetWriterFactory FACTORY = lang -> {
        if (!ResultSetLang.RS_JSON.equals(lang)) {
            throw new ResultSetException("the SPARQL JSON results writer asked for " + lang);
        }
        return new SparqlJsonWriter();
    };

    /** Makes every SPARQL JSON answer in this JVM (Fuseki's among them) written by this writer. */
    public static void install() {
        // Jena's initialisation registers ARQ's writer: it must have run first
        org.apache.jena.sys.JenaSystem.init();
        RowSetWriterRegistry.register(ResultSetLang.RS_JSON, FACTORY);
    }

    @Override
    public void write(OutputStream out, RowSet rowSet, Context context) {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        write(w, rowSet, context);
    }

    @Override
    public void write(Writer out, RowSet rowSet, Context context) {
        boolean asGiven = context != null && context.isTrue(ARQ.outputGraphBNodeLabels);
        NodeToLabel labels = asGiven ? SyntaxLabels.createNodeToLabelAsGiven() : SyntaxLabels.createNodeToLabel();
        JsonWriter json = new JsonWriter(out);
        try {
            json.beginObject();
            json.name("head").beginObject().name("vars").beginArray();
            List<Var> vars = rowSet.getResultVars();
            for (Var v : vars) {
                json.value(v.getVarName());
            }
            json.endArray().endObject();
            json.name("results").beginObject().name("bindings").beginArray();
            while (rowSet.hasNext()) {
                Binding row = rowSet.next();
                json.beginObject();
                for (Var v : vars) {
                    Node value = row.get(v);
                    if (value != null) {
                        json.name(v.getVarName());
                        term(json, value, labels);
                    }
                }
                json.endObject();
            }
            json.endArray().endObject();
            json.endObject();
            json.flush();
        } catch (IOException e) {
            throw new RuntimeIOException(e);
        } catch (RuntimeException e) {
            // the rows failed (a time limit, say): what was written goes out, the failure is the one reported
            try {
                json.flush();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public void write(OutputStream out, boolean result, Context context) {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        try {
            JsonWriter json = new JsonWriter(w);
            json.beginObject().name("head").beginObject().endObject().name("boolean").value(result).endObject();
            json.flush();
        } catch (IOException e) {
            throw new RuntimeIOException(e);
        }
    }

    private static void term(JsonWriter json, Node n, NodeToLabel labels) throws IOException {
        json.beginObject();
        if (n.isURI()) {
            json.name("type").value("uri").name("value").value(n.getURI());
        } else if (n.isLiteral()) {
            json.name("type").value("literal");
            if (Util.isSimpleString(n) || Util.isLangString(n) || Util.isDirLangString(n)) {
                String lang = n.getLiteralLanguage();
                if (lang != null && !lang.isEmpty()) {
                    json.name("xml:lang").value(lang);
                }
                TextDirection dir = n.getLiteralBaseDirection();
                if (dir != null) {
                    json.name("its:dir").value(dir.direction());
                }
            } else {
                json.name("datatype").value(n.getLiteralDatatypeURI());
            }
            json.name("value").value(n.getLiteralLexicalForm());
        } else if (n.isBlank()) {
            // "_:b0" -> "b0"
            json.name("type").value("bnode").name("value").value(labels.get(null, n).substring(2));
        } else if (n.isTripleTerm()) {
            Triple t = n.getTriple();
            json.name("type").value("triple").name("value").beginObject();
            json.name("subject");
            term(json, t.getSubject(), labels);
            json.name("predicate");
            term(json, t.getPredicate(), labels);
            json.name("object");
            term(json, t.getObject(), labels);
            json.endObject();
        } else {
            throw new ResultSetException("a term that SPARQL results cannot hold: " + n);
        }
        json.endObject();
    }
}
