package org.kvgraph.validate;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandlerFactory;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.Prologue;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.path.PathWriter;
import org.apache.jena.sparql.util.FmtUtils;
import org.kvgraph.rdf.KV;

/**
 * SHACL validation of kvgraph data against the shapes shipped in the jar ({@code /ontology/shapes.ttl}).
 * Files are read in any syntax Jena knows by their extension; quads (.nq, .trig) are validated as the union
 * of all their graphs, so a set in one source's graph and its answers in another's are checked together.
 *
 * <pre>{@code
 * Validator.Report report = new Validator().validate(List.of(Path.of("target/kvgraph.nq")));
 * if (!report.conforms()) report.results().forEach(System.out::println);
 * }</pre>
 */
public final class Validator {
    /** Where the shapes are on the classpath. */
    public static final String SHAPES_RESOURCE = "/ontology/shapes.ttl";

    private static final PrefixMapping PREFIXES = PrefixMapping.Factory.create()
            .setNsPrefix("kv", KV.NS)
            .setNsPrefix("dcterms", KV.DCTERMS)
            .setNsPrefix("foaf", KV.FOAF)
            .setNsPrefix("skos", KV.SKOS)
            .setNsPrefix("org", KV.ORG)
            .setNsPrefix("schema", KV.SCHEMA)
            .setNsPrefix("prov", KV.PROV)
            .setNsPrefix("rdf", KV.RDF)
            .setNsPrefix("xsd", KV.XSD)
            .lock();

    private final Shapes shapes;

    public Validator() {
        this(loadShapes());
    }

    public Validator(Shapes shapes) {
        this.shapes = shapes;
    }

    /** The kvgraph shapes from the classpath; a missing or broken shapes file is a build error. */
    public static Shapes loadShapes() {
        try (InputStream in = Validator.class.getResourceAsStream(SHAPES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SHAPES_RESOURCE + " is not on the classpath");
            }
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.source(in).lang(Lang.TURTLE).base("https://w3id.org/kvgraph/def/shapes")
                    .errorHandler(ErrorHandlerFactory.errorHandlerStrictNoLogging).parse(g);
            return Shapes.parse(g);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SHAPES_RESOURCE, e);
        }
    }

    public Report validate(Graph data) {
        ValidationReport report = ShaclValidator.get().validate(shapes, data);
        List<Result> results = new ArrayList<>();
        for (ReportEntry e : report.getEntries()) {
            results.add(Result.of(e));
        }
        results.sort(Result.ORDER);
        return new Report(report.conforms(), List.copyOf(results));
    }

    /** Reads the files into one graph (the union of all their graphs) and validates it. */
    public Report validate(List<Path> files) throws UnreadableInputException {
        return validate(read(files));
    }

    /** The union of every graph of every file: default graph and named graphs alike. */
    public static Graph read(List<Path> files) throws UnreadableInputException {
        Graph union = GraphFactory.createDefaultGraph();
        StreamRDF sink = new UnionOfGraphs(StreamRDFLib.graph(union));
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new UnreadableInputException(file, Files.exists(file) ? "not a regular file" : "no such file");
            }
            if (!Files.isReadable(file)) {
                throw new UnreadableInputException(file, "not readable");
            }
            Lang lang = RDFLanguages.filenameToLang(file.toString());
            if (lang == null) {
                throw new UnreadableInputException(file,
                        "not an RDF file extension Jena knows (.ttl, .nt, .nq, .trig, .jsonld, .rdf, …, also .gz)");
            }
            try (InputStream in = open(file)) {
                // Jena's own parser names line and column; we add the file.
                RDFParser.source(in).lang(lang).base(file.toAbsolutePath().toUri().toString())
                        .errorHandler(ErrorHandlerFactory.errorHandlerNoLogging).parse(sink);
            } catch (RiotException | IOException e) {
                throw new UnreadableInputException(file, e.getMessage());
            }
        }
        return union;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }

    /** Sends the triples of every graph of a quad stream into one graph. */
    private static final class UnionOfGraphs extends StreamRDFWrapper {
        UnionOfGraphs(StreamRDF graph) {
            super(graph);
        }

        @Override
        public void quad(Quad quad) {
            triple(quad.asTriple());
        }
    }

    /** The outcome: whether the data conforms, and every result, sorted by focus node, path and message. */
    public record Report(boolean conforms, List<Result> results) {
    }

    /**
     * One validation result, with nodes written short ({@code kv:number}). {@code path} and {@code value} are
     * null when the constraint has none.
     */
    public record Result(String severity, String focusNode, String path, String value, String message,
            String shape) {
        static final Comparator<Result> ORDER = Comparator.comparing(Result::focusNode)
                .thenComparing(Result::path, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Result::message)
                .thenComparing(Result::value, Comparator.nullsFirst(Comparator.naturalOrder()));

        static Result of(ReportEntry e) {
            Prologue prologue = new Prologue(PREFIXES);
            String path = e.resultPath() == null ? null : PathWriter.asString(e.resultPath(), prologue);
            return new Result(e.severity().level().getLocalName(), str(e.focusNode()), path, str(e.value()),
                    e.message(), str(e.source()));
        }

        private static String str(Node n) {
            return n == null ? null : FmtUtils.stringForNode(n, PREFIXES);
        }

        /** "Violation: <focus> kv:number: A question must have exactly one kv:number". */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(severity).append(": ").append(focusNode);
            if (path != null) {
                b.append(' ').append(path);
            }
            b.append(": ").append(message);
            if (value != null) {
                b.append(" (value: ").append(value).append(')');
            }
            return b.toString();
        }
    }

    /** A file that cannot be read as RDF; the message names the file and why. */
    public static final class UnreadableInputException extends Exception {
        private final transient Path file;

        public UnreadableInputException(Path file, String reason) {
            super(file + ": " + reason);
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }
}
