package org.kvgraph.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kvgraph.link.LinkFiles;
import org.kvgraph.link.LinkInputs;
import org.kvgraph.link.SparqlClient;
import org.kvgraph.link.WikidataLinker;
import org.kvgraph.rdf.Uris;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kvgraph link}: links found by asking other data sets. */
@Command(name = "link",
        mixinStandardHelpOptions = true,
        description = "Finds links by asking other data sets (see the subcommands).",
        subcommands = {LinkCommand.Wikidata.class})
final class LinkCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code kvgraph link wikidata}. */
    @Command(name = "wikidata",
            mixinStandardHelpOptions = true,
            description = "Asks a Wikidata SPARQL endpoint for the parties, ministries and members of parliament in the "
                    + "graph and writes the links it can confirm, each with its evidence. Two or more candidates are "
                    + "listed in the review file, never linked. Exit code 1 when a request went unanswered after its retries.",
            sortOptions = false)
    static final class Wikidata implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--endpoint", paramLabel = "URL", description = "SPARQL endpoint (default: ${DEFAULT-VALUE}).")
        URI endpoint = URI.create("https://query.wikidata.org/sparql");

        @Option(names = "--input", paramLabel = "PATH", arity = "1..*",
                description = "Converted RDF files or source texts/folders (default: data).")
        List<Path> inputs = new ArrayList<>(List.of(Path.of("data")));

        @Option(names = "--out", paramLabel = "FILE", description = "Links (default: ${DEFAULT-VALUE}).")
        Path out = Path.of("data/links/wikidata.ttl");

        @Option(names = "--review", paramLabel = "FILE", description = "Candidates for review (default: ${DEFAULT-VALUE}).")
        Path review = Path.of("data/links/wikidata-review.tsv");

        @Option(names = "--batch-size", paramLabel = "N", description = "Resources per query (default: ${DEFAULT-VALUE}).")
        int batchSize = 20;

        @Option(names = "--interval-ms", paramLabel = "MS", description = "At least this long between requests (default: ${DEFAULT-VALUE}).")
        long intervalMs = 1000;

        @Option(names = "--timeout-ms", paramLabel = "MS", description = "Timeout of one request (default: ${DEFAULT-VALUE}).")
        long timeoutMs = 60_000;

        @Option(names = "--retries", paramLabel = "N", description = "Retries of a request that timed out (default: ${DEFAULT-VALUE}).")
        int retries = 2;

        @Option(names = "--base", paramLabel = "URI", description = "Base of minted URIs (default: ${DEFAULT-VALUE}).")
        String base = Uris.DEFAULT_BASE;

        @Override
        public Integer call() throws Exception {
            PrintWriter o = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            LinkInputs.Loaded in = LinkInputs.load(inputs, base);
            in.problems().forEach(err::println);
            SparqlClient client = new SparqlClient(endpoint, Duration.ofMillis(intervalMs), Duration.ofMillis(timeoutMs), retries);
            WikidataLinker.Result r = new WikidataLinker(client, batchSize, base).run(in.model());
            LinkFiles.writeTurtle(r.links(), out);
            List<String> lines = new ArrayList<>();
            lines.add("kind\tresource\tlabel\tstatus\tcandidates\tnote");
            for (WikidataLinker.Outcome x : r.outcomes()) {
                lines.add(String.join("\t", x.kind(), x.resource(), x.label(), x.status().name(),
                        String.join(" ", x.candidates()), x.note()));
            }
            LinkFiles.writeLines(lines, review);
            o.printf("wikidata: %d linked, %d ambiguous (listed in %s), %d without candidate, %d not looked up, "
                            + "%d unanswered; %d requests; links in %s%n",
                    r.count(WikidataLinker.Status.LINKED), r.count(WikidataLinker.Status.AMBIGUOUS), review,
                    r.count(WikidataLinker.Status.NO_CANDIDATE), r.count(WikidataLinker.Status.NOT_LOOKED_UP),
                    r.count(WikidataLinker.Status.UNANSWERED), client.requests(), out);
            r.outcomes().stream().filter(x -> x.status() == WikidataLinker.Status.UNANSWERED)
                    .forEach(x -> err.println("unanswered: " + x.resource() + ": " + x.note()));
            return r.count(WikidataLinker.Status.UNANSWERED) > 0 || !in.problems().isEmpty() ? 1 : 0;
        }
    }
}
