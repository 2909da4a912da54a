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
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Iterator;
import org.apache.jena.atlas.data.SortedDataBag;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.kvgraph.spill.LineBags;

/**
 * An RDF output file whose format follows its extension (.ttl, .nt, .trig, .nq, .jsonld). Written to a
 * temporary file beside the target and moved into place by {@link #commit()}, so a failed run never leaves a
 * truncated file under the real name. Triples about shared resources (persons, parties, offices, treaties …)
 * that several documents repeat are written once per graph, after the others (see {@link Distinct}).
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
    private final Distinct stream;
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
            stream.close();
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
     * {@code IdentifierLinks} sends once per graph: those pass at once, without being remembered. Every other quad
     * is held back as its N-Quads line in a distinct bag ({@link LineBags#distinct}), which keeps a bounded number
     * of lines in memory and sorts the rest on disk, and is sent at {@link #finish()}, each once, after all the
     * others: the memory this takes does not grow with the corpus. Repeats of the quads sent lately are dropped
     * before their line is made (by a fingerprint, as {@link Hash128Set} keeps them, of at most {@link #RECENT}).
     */
    static final class Distinct extends StreamRDFWrapper implements AutoCloseable {
        /** The subjects that {@code IdentifierLinks} describes only once per graph. */
        static final String PUBLICATIONS = "https://zoek.officielebekendmakingen.nl/";

        /** How many fingerprints of recent shared quads are kept before they are forgotten all at once. */
        static final int RECENT = 1 << 18;

        private final int recentMax;
        private final SortedDataBag<String> shared;
        // Fingerprints of the shared quads sent to the bag lately: most repeats (a member's name and party, a
        // ministry, in document after document) are dropped here without making their line. Cleared when full, so
        // its memory is bounded; the bag drops whatever repeats get past it.
        private final Hash128Set recent = new Hash128Set(1 << 16, false);
        private final Hash128Set.Hasher hasher = new Hash128Set.Hasher();

        Distinct(StreamRDF other) {
            this(other, LineBags.DEFAULT_BUDGET);
        }

        /** With the bytes of lines held in memory before they are sorted to disk. */
        Distinct(StreamRDF other, long budget) {
            this(other, budget, RECENT);
        }

        /** And the number of fingerprints of recent quads kept. */
        Distinct(StreamRDF other, long budget, int recentMax) {
            super(other);
            this.shared = LineBags.distinct(budget);
            this.recentMax = recentMax;
        }

        @Override
        public void triple(Triple t) {
            if (unique(t.getSubject())) {
                super.triple(t);
            } else {
                share(null, t.getSubject(), t.getPredicate(), t.getObject());
            }
        }

        @Override
        public void quad(Quad q) {
            if (unique(q.getSubject())) {
                super.quad(q);
            } else {
                Node g = q.getGraph();
                share(g == null || Quad.isDefaultGraph(g) ? null : g, q.getSubject(), q.getPredicate(), q.getObject());
            }
        }

        private void share(Node g, Node s, Node p, Node o) {
            if (!recent.add(hasher.reset().add(g).add(s).add(p).add(o))) {
                return; // sent to the bag lately
            }
            if (recent.size() >= recentMax) {
                recent.clear();
            }
            shared.add(line(g, s, p, o));
        }

        /** Sends the shared quads, each once, in the order of their N-Quads lines; then finishes. */
        @Override
        public void finish() {
            StreamRDF out = new StreamRDFWrapper(other) {
                @Override
                public void quad(Quad q) {
                    Triple t = Triple.create(label(q.getSubject()), q.getPredicate(), label(q.getObject()));
                    if (q.isDefaultGraph()) {
                        other.triple(t);
                    } else {
                        other.quad(Quad.create(label(q.getGraph()), t));
                    }
                }

                @Override
                public void start() {
                }

                @Override
                public void finish() {
                }

                @Override
                public void base(String base) {
                }

                @Override
                public void prefix(String prefix, String iri) {
                }
            };
            Iterator<String> lines = shared.iterator();
            try {
                RDFParser.create().source(LineBags.asStream(lines)).lang(Lang.NQUADS)
                        .labelToNode(LabelToNode.createUseLabelAsGiven()).checking(false).parse(out);
            } finally {
                Iter.close(lines);
                shared.close();
            }
            super.finish();
        }

        /** How many distinct shared quads are held back so far (an estimate once some were sorted to disk). */
        long remembered() {
            return shared.size();
        }

        /** Deletes the lines sorted to disk (called by {@link RdfOutput#close()}). */
        @Override
        public void close() {
            shared.close();
        }

        private static boolean unique(Node s) {
            if (s.isURI()) {
                String u = s.getURI();
                return u.contains("/id/question-set/") || u.contains("/id/source/") || u.startsWith(PUBLICATIONS);
            }
            return false;
        }

        private static String line(Node g, Node s, Node p, Node o) {
            StringBuilder b = new StringBuilder(160);
            nt(b, s).append(' ');
            nt(b, p).append(' ');
            nt(b, o);
            if (g != null) {
                nt(b.append(' '), g);
            }
            return b.append(" .").toString();
        }

        /**
         * A term in N-Triples: an IRI that needs no escape and a plain, language-tagged or typed literal written
         * here (Jena's formatter makes a buffer for every term: it was a sixth of a conversion's time), anything
         * else by Jena;
         * a blank node as {@code _:B} and the hex of its label's UTF-8 (any label is a valid N-Triples label this
         * way, and {@link #label} gives it back as it was).
         */
        private static StringBuilder nt(StringBuilder b, Node n) {
            if (n.isURI() && plainIri(n.getURI())) {
                return b.append('<').append(n.getURI()).append('>');
            }
            if (n.isBlank()) {
                return b.append("_:B").append(HexFormat.of().formatHex(n.getBlankNodeLabel().getBytes(StandardCharsets.UTF_8)));
            }
            if (n.isLiteral() && n.getLiteralBaseDirection() == null) {
                b.append('"');
                String lex = n.getLiteralLexicalForm();
                for (int i = 0; i < lex.length(); i++) {
                    char c = lex.charAt(i);
                    switch (c) {
                        case '"' -> b.append("\\\"");
                        case '\\' -> b.append("\\\\");
                        case '\n' -> b.append("\\n");
                        case '\r' -> b.append("\\r");
                        default -> b.append(c);
                    }
                }
                b.append('"');
                String lang = n.getLiteralLanguage();
                if (lang != null && !lang.isEmpty()) {
                    return b.append('@').append(lang);
                }
                String dt = n.getLiteralDatatypeURI();
                return XSDDatatype.XSDstring.getURI().equals(dt) ? b : b.append("^^<").append(dt).append('>');
            }
            return b.append(NodeFmtLib.strNT(n));
        }

        /** Whether an IRI can be written between angle brackets as it is (else Jena's formatter escapes it). */
        private static boolean plainIri(String iri) {
            for (int i = 0; i < iri.length(); i++) {
                char c = iri.charAt(i);
                if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^'
                        || c == '`' || c == '\\') {
                    return false;
                }
            }
            return true;
        }

        /** A term read back: a blank node gets its own label again. */
        private static Node label(Node n) {
            if (n == null || !n.isBlank()) {
                return n;
            }
            String hex = n.getBlankNodeLabel().substring(1);
            return NodeFactory.createBlankNode(new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8));
        }
    }
}
