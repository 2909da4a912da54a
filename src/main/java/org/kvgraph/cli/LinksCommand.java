package org.kvgraph.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.jena.riot.RDFDataMgr;
import org.kvgraph.link.Coverage;
import org.kvgraph.link.LinkFiles;
import org.kvgraph.link.LinkInputs;
import org.kvgraph.link.LinkSets;
import org.kvgraph.rdf.Uris;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kvgraph links}: what the graph links to. */
@Command(name = "links",
        mixinStandardHelpOptions = true,
        description = "Reports the links of the graph to other data sets: per class (persons, parties, ministries, "
                + "treaties, question sets) how many link to each target, and which link to none. With --void, writes "
                + "the void:Linkset description of the link sets.",
        sortOptions = false)
final class LinksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--report", description = "Print the coverage report.")
    boolean report;

    @Option(names = "--void", paramLabel = "FILE", description = "Write the void:Linkset description (Turtle).")
    Path voidFile;

    @Option(names = "--links", paramLabel = "FILE",
            description = "A link file added to the graph, skipped when missing; repeatable (default: data/links/wikidata.ttl).")
    List<Path> linkFiles = new ArrayList<>(List.of(Path.of("data/links/wikidata.ttl")));

    @Option(names = "--base", paramLabel = "URI", description = "Base of minted URIs (default: ${DEFAULT-VALUE}).")
    String base = Uris.DEFAULT_BASE;

    @Parameters(arity = "0..*", paramLabel = "INPUT",
            description = "Converted RDF files or source texts/folders (default: data).")
    List<Path> inputs = new ArrayList<>(List.of(Path.of("data")));

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!report && voidFile == null) {
            spec.commandLine().usage(err);
            return 2;
        }
        LinkInputs.Loaded in = LinkInputs.load(inputs, base);
        in.problems().forEach(err::println);
        for (Path f : linkFiles) {
            if (Files.isRegularFile(f)) {
                RDFDataMgr.read(in.model(), f.toString());
            }
        }
        if (report) {
            Coverage.of(in.model().getGraph()).print(out);
        }
        if (voidFile != null) {
            LinkFiles.writeTurtle(LinkSets.describe(in.model().getGraph(), base), voidFile);
            out.println("link sets described in " + voidFile);
        }
        return in.problems().isEmpty() ? 0 : 1;
    }
}
