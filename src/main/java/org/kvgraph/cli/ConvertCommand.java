package org.kvgraph.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.kvgraph.convert.Converter;
import org.kvgraph.convert.Problem;
import org.kvgraph.link.IdentifierLinks;
import org.kvgraph.rdf.RdfOutput;
import org.kvgraph.rdf.Uris;
import org.kvgraph.timeliness.TimelinessDerivation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kvgraph convert}: source documents to RDF. */
@Command(name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Converts answer texts and PDFs (Aanhangsel van de Handelingen, ministry answer letters), question "
                + "documents, postponement notices, officielebekendmakingen XML (with its metadata.xml beside it) and "
                + "Tweede Kamer OData JSON (Zaak of Soort \"Schriftelijke vragen\" with ZaakActor and Document; Persoon, "
                + "Fractie, FractieZetel and FractieZetelPersoon) to RDF.",
            "The format of each input is recognised from its content (a PDF by its \"%%PDF-\" header, OData by its "
                + "JSON, a SyncFeed page by its Atom feed of tkData entities; the pages given are joined into cases). "
                + "With OData among the inputs, an answer text is merged into the case its Aanhangsel number belongs "
                + "to; with the registry (Persoon ... FractieZetelPersoon), a member named in a text is resolved by "
                + "name, party and date.",
            "The output format follows OUT's extension: .ttl, .nt, .trig, .nq (named graph per source) or .jsonld. "
                + "A document that cannot be read is reported as FILE:LINE: reason; the others are still converted "
                + "and the exit code is 1. The same input always gives byte-identical output. Each set's answer term "
                + "and timeliness (kv:dueDate, kv:daysToAnswer, kv:timelinessStatus ...) are derived over the whole "
                + "output; whether an open set is overdue is not stored (it depends on the day).",
            "Memory does not grow with the corpus (but for .jsonld, which is built whole before it is written): what a "
                + "conversion keeps across documents (the cases of the OData, "
                + "the triples shared between documents, what the derivation needs, the list of inputs) is sorted and "
                + "kept in temporary files beyond a fixed budget, in the temporary folder (java.io.tmpdir; for a large "
                + "corpus choose one on disk with JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=DIR), deleted at the end."},
        sortOptions = false)
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Output file.")
    Path output;

    @Option(names = "--base", paramLabel = "URI", description = "Base of minted URIs (default: ${DEFAULT-VALUE}).")
    String base = Uris.DEFAULT_BASE;

    @Option(names = "--strict", description = "Stop at the first problem; no output file is written then.")
    boolean strict;

    @Option(names = "--no-links", negatable = false,
            description = "Leave out the links to other data sets derived from identifiers (officielebekendmakingen, Tweede Kamer, wetten.overheid.nl, TOOI, openkamer).")
    boolean noLinks;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads that read documents (default: one per processor). The output is the same for any number.")
    int threads = Converter.DEFAULT_THREADS;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Source files, or folders searched for .txt, .md, .pdf, .json and .xml files.")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        int[] documents = {0};
        if (threads < 1) {
            err.println("--threads must be at least 1");
            return 2;
        }
        Converter converter = new Converter(new Uris(base), strict).threads(threads).onDocument(p -> documents[0]++)
                .onNotice(n -> err.println("note: " + n));
        List<Problem> problems;
        try (RdfOutput rdf = RdfOutput.open(output)) {
            try {
                // Derived facts (the answer term and timeliness of each set) are recomputed over the whole output.
                try (TimelinessDerivation derive = new TimelinessDerivation(rdf.stream());
                        IdentifierLinks links = IdentifierLinks.wrap(derive)) {
                    problems = converter.convert(inputs, noLinks ? derive : links, rdf.quads());
                    derive.emit(rdf.quads() ? new Uris(base).graph(TimelinessDerivation.GRAPH_NAME) : null);
                }
            } catch (Converter.StrictModeException e) {
                err.println(e.problem());
                err.println("stopped (--strict); nothing written");
                return 1;
            }
            if (documents[0] == 0) {
                problems.forEach(err::println);
                err.println("no source documents found in " + inputs
                        + " (looked for .txt, .md, .pdf, and Tweede Kamer OData or KOOP .json and .xml files); nothing written");
                return 1;
            }
            rdf.commit();
        }
        problems.forEach(err::println);
        out.printf("converted %d of %d documents to %s%n", documents[0] - problems.size(), documents[0], output);
        return problems.isEmpty() ? 0 : 1;
    }
}
