package org.kvgraph.link;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.kvgraph.rdf.KV;
import org.kvgraph.rdf.RdfOutput;

/** Writes link files so that the same links always give the same bytes, and never a half-written file. */
public final class LinkFiles {
    private static final Comparator<Triple> ORDER = Comparator
            .comparing((Triple t) -> t.getSubject().toString())
            .thenComparing(t -> t.getPredicate().toString())
            .thenComparing(t -> t.getObject().toString());

    /** The prefixes of link files: kvgraph's and those of the link targets. */
    public static Map<String, String> prefixes() {
        Map<String, String> p = new TreeMap<>(RdfOutput.PREFIXES);
        p.put("wd", LinkVocab.WD);
        p.put("void", LinkVocab.VOID);
        p.put("rdf", KV.RDF);
        return p;
    }

    private LinkFiles() {
    }

    /** Turtle, subjects and their triples in sorted order. */
    public static void writeTurtle(Graph g, Path target) throws IOException {
        List<Triple> triples = g.find().toList();
        triples.sort(ORDER);
        write(target, os -> {
            StreamRDF w = StreamRDFWriter.getWriterStream(os, RDFFormat.TURTLE_BLOCKS);
            w.start();
            prefixes().forEach(w::prefix);
            triples.forEach(w::triple);
            w.finish();
        });
    }

    /** Text lines, as given. */
    public static void writeLines(List<String> lines, Path target) throws IOException {
        write(target, os -> {
            BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8));
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
            w.flush();
        });
    }

    private interface Body {
        void write(OutputStream os) throws IOException;
    }

    private static void write(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path temp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".part");
        try {
            try (OutputStream os = Files.newOutputStream(temp)) {
                body.write(os);
            }
            Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
