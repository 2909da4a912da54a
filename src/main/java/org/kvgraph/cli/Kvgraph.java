package org.kvgraph.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The kvgraph command line: each subcommand parses its options and calls one service.
 * No Jena in static initialisers here, so {@code --help} stays fast.
 */
@Command(name = "kvgraph",
        mixinStandardHelpOptions = true,
        version = "kvgraph 0.1.0",
        description = {
            "kvgraph: the linked-data knowledge graph of Dutch parliamentary written questions (Kamervragen) "
                + "and the government's answers. Start with `kvgraph serve`: it converts the bundled data/, loads "
                + "it into a TDB2 database and serves SPARQL on http://localhost:3030/kamervragen/sparql.",
            ""},
        subcommands = {ConvertCommand.class, GenerateCommand.class, HarvestCommand.class, ValidateCommand.class, LinkCommand.class,
            LinksCommand.class, LoadCommand.class, ServeCommand.class, QueryCommand.class, StatsCommand.class,
            PublishCommand.class, VerifyReleaseCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
            "  kvgraph serve                      (loads data/ and serves http://localhost:3030/)",
            "  kvgraph convert -o target/kvgraph.ttl data/",
            "  kvgraph validate target/kvgraph.ttl",
            "  kvgraph harvest --from 2024-03-01 --to 2024-03-31 --cache target/cache -o target/harvest.ttl",
            "  kvgraph links --report data/",
            "  kvgraph link wikidata --input target/kvgraph.ttl",
            "  kvgraph load --db run/tdb2 data/",
            "  kvgraph publish --out target/release   (dumps, dataset.ttl, SHA256SUMS of data/)",
            "  kvgraph generate --sets 5000 --seed 42 --out target/synth-5k   (SYNTHETIC corpus for benchmarks)",
            "  kvgraph verify-release target/release",
            "  kvgraph stats --by ministry --from 2024-01-01 --to 2024-12-31 --format csv",
            "  kvgraph query --endpoint http://localhost:3030/kamervragen/sparql queries/01-sets-per-party-per-year.rq"})
public final class Kvgraph {

    @Option(names = {"-v", "--verbose"}, description = "More log output (-v info, -vv debug).", scope = CommandLine.ScopeType.INHERIT)
    void verbose(boolean[] flags) {
        Configurator.setRootLevel(flags.length > 1 ? Level.DEBUG : Level.INFO);
    }

    public static void main(String[] args) {
        // Dutch names must survive a machine without a UTF-8 locale: write UTF-8 whatever the default charset.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        CommandLine cl = commandLine();
        cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        System.exit(cl.execute(args));
    }

    /** The configured command line, for main and for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Kvgraph()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
