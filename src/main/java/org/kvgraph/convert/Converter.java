package org.kvgraph.convert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.jena.riot.system.StreamRDF;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.rdf.RdfMapper;
import org.kvgraph.rdf.Uris;
import org.kvgraph.source.KoopXmlReader;
import org.kvgraph.source.ParseException;
import org.kvgraph.source.PdfReader;
import org.kvgraph.source.SourceDocument;
import org.kvgraph.source.SourceReader;

/**
 * Converts source documents to RDF, one document at a time, into a {@link StreamRDF}. A document that cannot
 * be read is reported as a {@link Problem} and the others are still converted; in strict mode the first
 * problem stops the run. A document's records reach the stream only when the whole document was read.
 * Tweede Kamer OData inputs converted in the same run are read first into a {@link CaseIndex}, so that the text
 * of a published answer is converted under its case's number and its askers become the case's actors.
 *
 * <pre>{@code
 * Converter c = new Converter(new Uris(Uris.DEFAULT_BASE), false);
 * List<Problem> problems = c.convert(List.of(Path.of("data")), streamRdf, true);
 * }</pre>
 */
public final class Converter {
    /** The file name endings read as source text. */
    public static final List<String> TEXT_EXTENSIONS = List.of(".txt", ".md");
    /** The file name endings of PDFs searched for in folders (a file given by name is read whatever its name). */
    public static final List<String> DOCUMENT_EXTENSIONS = List.of(".pdf");
    /**
     * The endings of Tweede Kamer data searched for in folders: such a file is taken only when its content is
     * OData JSON or a SyncFeed page, so other JSON and XML in a data folder (reference tables, schemas) is left alone.
     */
    public static final List<String> DATA_EXTENSIONS = List.of(".json", ".xml");

    /** The largest source document read: {@link SourceDocument#MAX_BYTES}. */
    public static final long MAX_DOCUMENT_BYTES = SourceDocument.MAX_BYTES;

    private final Uris uris;
    private final boolean strict;
    private Consumer<Path> onDocument = p -> { };
    private Consumer<Problem> onNotice = p -> { };
    private int threads = DEFAULT_THREADS;

    /** How many threads read documents by default: one per processor. */
    public static final int DEFAULT_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    public Converter(Uris uris, boolean strict) {
        this.uris = uris;
        this.strict = strict;
    }

    /**
     * How many threads read documents (1: all on the calling thread). The output is the same for any number: the
     * documents are read in parallel, and their records written in file order on the calling thread.
     */
    public Converter threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.threads = threads;
        return this;
    }

    /** Called as each document is converted (in file order), for progress reporting. */
    public Converter onDocument(Consumer<Path> listener) {
        this.onDocument = listener;
        return this;
    }

    /**
     * Called for what is converted but worth a look: a document's fact that disagrees with the Tweede Kamer data
     * of its case (see {@link CaseIndex#resolve(QuestionSet, Consumer)}). Not a problem: the exit code stays 0.
     */
    public Converter onNotice(Consumer<Problem> listener) {
        this.onNotice = listener;
        return this;
    }

    /**
     * Converts every input (files, or folders searched recursively for source texts), in sorted order.
     * Returns the problems met; in strict mode throws {@link StrictModeException} at the first.
     */
    public List<Problem> convert(List<Path> inputs, StreamRDF out, boolean namedGraphs) {
        List<Problem> problems = new ArrayList<>();
        // The list of files and the index go to disk for a large corpus (FileList, CaseIndex): the memory a
        // conversion takes does not grow with the number of documents.
        try (FileList files = new FileList()) {
            walk(inputs, problems, p -> files.put(p.normalize()));
            files.done();
            try (CaseIndex index = CaseIndex.build(files, threads)) {
                return convert(files, index, out, namedGraphs, problems);
            }
        }
    }

    /**
     * Converts the files (as {@link #expand} gives them) with what the index knows about their cases: a text
     * whose publication the Tweede Kamer data places in a case is converted under that case's number, and its
     * askers become the case's actors. {@link #convert(List, StreamRDF, boolean)} builds the index from the
     * OData inputs among the files in a first pass; the documents are then read one at a time.
     */
    public List<Problem> convert(List<Path> files, CaseIndex index, StreamRDF out, boolean namedGraphs, List<Problem> problems) {
        RdfMapper mapper = new RdfMapper(uris, out, namedGraphs);
        // Only a KOOP metadata.xml needs to know the other inputs: a FileList finds a file itself; for another
        // list the set is made when the first is met.
        Predicate<Path> inputs = files instanceof FileList list ? list::contains : new Predicate<>() {
            private volatile Set<Path> set;

            @Override
            public boolean test(Path p) {
                Set<Path> s = set;
                if (s == null) {
                    synchronized (this) {
                        if (set == null) {
                            set = Set.copyOf(files);
                        }
                        s = set;
                    }
                }
                return s.contains(p);
            }
        };
        // Documents are read on worker threads and written here in file order, so the output does not depend on
        // how many threads read.
        InOrder.run(files, threads, file -> outcome(file, index, inputs), (file, o) -> {
            onDocument.accept(file);
            try {
                if (o.problem() != null) {
                    throw o.problem();
                }
                switch (o.kind()) {
                    case REGISTRY:
                        mapper.registry(index.registry(), file.toString());
                        break;
                    case FEED:
                        mapper.registry(index.registry(), file.toString());
                        o.sets().stream().map(s -> index.resolve(s, onNotice)).forEach(mapper::questionSet);
                        break;
                    case SETS:
                        o.sets().stream().map(s -> index.resolve(s, onNotice)).forEach(mapper::questionSet);
                        break;
                    default:
                        break;
                }
            } catch (ParseException e) {
                Problem p = new Problem(e.file(), e.line(), e.reason());
                problems.add(p);
                if (strict) {
                    throw new StrictModeException(p);
                }
            }
        });
        return problems;
    }

    /** What a document gives: registry data or a SyncFeed page read in the first pass, sets, nothing, or a problem. */
    private record Outcome(Kind kind, List<QuestionSet> sets, ParseException problem) {
        enum Kind { REGISTRY, FEED, SETS, SKIP }
    }

    /** Reads one document (on a worker thread: this touches only the file and the index, read-only). */
    private static Outcome outcome(Path file, CaseIndex index, Predicate<Path> inputs) {
        try {
            if (index.isRegistryFile(file)) {
                if (index.registryProblem(file) != null) {
                    throw index.registryProblem(file);
                }
                return new Outcome(Outcome.Kind.REGISTRY, List.of(), null);
            }
            if (index.isFeedPage(file)) {
                return new Outcome(Outcome.Kind.FEED, index.feedSets(file), null);
            }
            if (isKoopMetadata(file)) {
                Path publication = KoopXmlReader.publicationOf(file);
                if (publication != null && inputs.test(publication)) {
                    return new Outcome(Outcome.Kind.SKIP, List.of(), null); // read with its publication
                }
                throw new ParseException(file.toString(), 1, "a KOOP metadata.xml is read with its publication ("
                        + (publication == null ? "<id>.xml" : publication.toString()) + " beside it), which is not among the inputs");
            }
            return new Outcome(Outcome.Kind.SETS, read(file), null);
        } catch (ParseException e) {
            return new Outcome(Outcome.Kind.SKIP, List.of(), e);
        }
    }

    /**
     * Reads one document completely into records, so a failure part-way pushes nothing. The format is
     * recognised from the content: a PDF ("%PDF-") has its text extracted first; anything else is read as
     * UTF-8 text. Either way the text readers choose by the text's layout.
     */
    public static List<QuestionSet> read(Path file) throws ParseException {
        String name = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_DOCUMENT_BYTES) {
                // Refused before it is read: a document is read whole, and no real one comes near this size.
                throw SourceDocument.tooLarge(name, size);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ParseException(name, 1, "cannot read: " + e.getMessage(), e);
        }
        SourceDocument document = PdfReader.isPdf(bytes)
                ? PdfReader.extract(bytes, name)
                : SourceDocument.decode(bytes, name);
        if (document.text().isBlank()) {
            throw new ParseException(name, 1, "empty document");
        }
        if (KoopXmlReader.looksLikePublication(document.text())) {
            try {
                return List.of(KoopXmlReader.read(file, document));
            } catch (RuntimeException e) {
                throw new ParseException(name, 1, "internal error in koop-xml reader: " + e, e);
            }
        }
        SourceReader reader = Readers.forDocument(document)
                .orElseThrow(() -> new ParseException(name, 1,
                        "unrecognised layout: neither Tweede Kamer OData JSON, an Aanhangsel answer nor a ministry's answer letter"));
        List<QuestionSet> sets = new ArrayList<>();
        try {
            reader.read(document, sets::add);
        } catch (RuntimeException e) {
            // A reader bug must not stop the other documents; it is reported at the document with its cause.
            throw new ParseException(name, 1, "internal error in " + reader.layout() + " reader: " + e, e);
        }
        if (sets.isEmpty()) {
            throw new ParseException(name, 1, "no question set found");
        }
        return sets;
    }

    /** Files to read: each file given and the source texts and PDFs under each folder given, sorted by path. */
    public static List<Path> expand(List<Path> inputs, List<Problem> problems) {
        List<Path> files = new ArrayList<>();
        walk(inputs, problems, files::add);
        // Sorted and without repeats, so the same inputs in any order give the same output.
        return files.stream().map(Path::normalize).distinct().sorted().toList();
    }

    /** Gives each file given and each source text and PDF under each folder given (in no set order, maybe twice). */
    private static void walk(List<Path> inputs, List<Problem> problems, Consumer<Path> each) {
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> walk = Files.walk(in, FileVisitOption.FOLLOW_LINKS)) {
                    walk.filter(Files::isRegularFile).filter(Converter::isSourceText).forEach(each);
                } catch (IOException | UncheckedIOException e) {
                    problems.add(new Problem(in.toString(), 0, "cannot list folder: " + e.getMessage()));
                }
            } else if (Files.isRegularFile(in)) {
                each.accept(in);
            } else {
                problems.add(new Problem(in.toString(), 0, "no such file or folder"));
            }
        }
    }

    private static boolean isSourceText(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (DOCUMENTATION.contains(n)) {
            return false;
        }
        if (DATA_EXTENSIONS.stream().anyMatch(n::endsWith)) {
            return CaseIndex.isTweedeKamerData(p) || KoopXmlReader.looksLikePublication(CaseIndex.head(p));
        }
        return TEXT_EXTENSIONS.stream().anyMatch(n::endsWith) || DOCUMENT_EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    /** Whether a file is a KOOP metadata.xml (read with its publication, not on its own). */
    private static boolean isKoopMetadata(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".xml") && KoopXmlReader.looksLikeMetadata(CaseIndex.head(file));
    }

    /** Files in a data folder that describe it rather than hold a source document. */
    private static final List<String> DOCUMENTATION = List.of("readme.md", "sources.md", "license.md", "readme.txt");

    /** Thrown in strict mode at the first problem. */
    public static final class StrictModeException extends RuntimeException {
        private final Problem problem;

        public StrictModeException(Problem problem) {
            super(problem.toString());
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }
}
