package org.kvgraph.rdf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;

/**
 * An RDF output file whose format follows its extension (.ttl, .nt, .trig, .nq, .jsonld). Written to a
 * temporary file beside the target and moved into place by {@link #commit()}, so a failed run never leaves a
 * truncated file under the real name. Triples about shared resources (persons, parties, offices, treaties …)
 * that several documents repeat are written once per graph.
 *
 * <pre>{@code
 * try (RdfOutput out = RdfOutput.open(Path.of("out.ttl"))) {
 *     converter.convert(inputs, out.stream(), out.quads());
 *     out.commit();
 * }
 * }</pre>
 */
public final class RdfOutput implements AutoCloseable {
    /** The prefixes written at the head of Turtle and TriG output. */
    public static final Map<String, String> PREFIXES = Map.of(
            "kv", KV.NS, "dcterms", KV.DCTERMS, "foaf", KV.FOAF, "skos", KV.SKOS, "org", KV.ORG,
            "schema", KV.SCHEMA, "prov", KV.PROV, "rdfs", KV.RDFS, "xsd", KV.XSD);

    private final Path target;
    private final Path temp;
    private final OutputStream os;
    private final StreamRDF writer;
    private final DatasetGraph collected;
    private final Lang wholeLang;
    private final boolean quads;
    private final StreamRDF stream;
    private boolean committed;

    private RdfOutput(Path target, RDFFormat streamFormat, Lang wholeLang) throws IOException {
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        Files.createDirectories(dir);
        this.temp = Files.createTempFile(dir, "." + this.target.getFileName() + ".", ".part");
        this.os = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
        if (streamFormat != null) {
            this.collected = null;
            this.writer = StreamRDFWriter.getWriterStream(os, streamFormat);
            this.quads = streamFormat.getLang().equals(Lang.NQUADS) || streamFormat.getLang().equals(Lang.TRIG);
        } else {
            this.collected = DatasetGraphFactory.create();
            this.writer = StreamRDFLib.dataset(collected);
            this.quads = true;
        }
        this.wholeLang = wholeLang;
        this.stream = new Distinct(writer);
        stream.start();
        PREFIXES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> stream.prefix(e.getKey(), e.getValue()));
    }

    /** Opens an output for a file; the format follows the extension. */
    public static RdfOutput open(Path target) throws IOException {
        String n = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".ttl")) {
            return new RdfOutput(target, RDFFormat.TURTLE_BLOCKS, null);
        } else if (n.endsWith(".nt")) {
            return new RdfOutput(target, RDFFormat.NTRIPLES, null);
        } else if (n.endsWith(".nq")) {
            return new RdfOutput(target, RDFFormat.NQUADS, null);
        } else if (n.endsWith(".trig")) {
            return new RdfOutput(target, RDFFormat.TRIG_BLOCKS, null);
        } else if (n.endsWith(".jsonld")) {
            return new RdfOutput(target, null, Lang.JSONLD);
        }
        throw new IllegalArgumentException("unknown output format for " + target.getFileName()
                + ": use .ttl, .nt, .trig, .nq or .jsonld");
    }

    /** The stream to write into. */
    public StreamRDF stream() {
        return stream;
    }

    /** Whether this output keeps named graphs (N-Quads, TriG, JSON-LD). */
    public boolean quads() {
        return quads;
    }

    /** Finishes the file and moves it into place. Without a commit, close() deletes the partial file. */
    public void commit() throws IOException {
        stream.finish();
        if (collected != null) {
            RDFDataMgr.write(os, collected, wholeLang);
        }
        os.flush();
        os.close();
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                os.close();
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Drops repeats of triples about resources shared between documents. A set's and a source's own triples
     * are unique, and so are the descriptions of officielebekendmakingen publications, which
     * {@code IdentifierLinks} sends once per graph: those pass without being remembered. Every other quad is
     * remembered as a 96-bit fingerprint of its four nodes ({@link Hash128Set}), not as Jena objects, so the memory this
     * takes stays a few dozen bytes per distinct shared quad.
     */
    static final class Distinct extends StreamRDFWrapper {
        /** The subjects that {@code IdentifierLinks} describes only once per graph. */
        static final String PUBLICATIONS = "https://zoek.officielebekendmakingen.nl/";

        private final Hash128Set seen = new Hash128Set(1 << 16, false);
        private final Hash128Set.Hasher hasher = new Hash128Set.Hasher();

        Distinct(StreamRDF other) {
            super(other);
        }

        @Override
        public void triple(Triple t) {
            if (firstTime(null, t.getSubject(), t.getPredicate(), t.getObject())) {
                super.triple(t);
            }
        }

        @Override
        public void quad(Quad q) {
            Node g = q.getGraph();
            if (firstTime(g == null || Quad.isDefaultGraph(g) ? null : g, q.getSubject(), q.getPredicate(), q.getObject())) {
                super.quad(q);
            }
        }

        /** How many quads are remembered. */
        int remembered() {
            return seen.size();
        }

        private boolean firstTime(Node g, Node s, Node p, Node o) {
            if (s.isURI()) {
                String u = s.getURI();
                if (u.contains("/id/question-set/") || u.contains("/id/source/") || u.startsWith(PUBLICATIONS)) {
                    return true;
                }
            }
            return seen.add(hasher.reset().add(g).add(s).add(p).add(o));
        }
    }
}
