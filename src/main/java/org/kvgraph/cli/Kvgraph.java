package org.kvgraph.cli;

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
        subcommands = {ConvertCommand.class, ValidateCommand.class, LinkCommand.class, LinksCommand.class,
            LoadCommand.class, ServeCommand.class, QueryCommand.class, StatsCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
            "  kvgraph convert -o target/kvgraph.ttl data/",
            "  kvgraph validate target/kvgraph.ttl",
            "  kvgraph links --report data/",
            "  kvgraph link wikidata --input target/kvgraph.ttl",
            "  kvgraph serve                      (loads data/ and serves http://localhost:3030/)",
            "  kvgraph load --db run/tdb2 data/",
            "  kvgraph stats --by ministry --from 2024-01-01 --to 2024-12-31 --format csv",
            "  kvgraph query --endpoint http://localhost:3030/kamervragen/sparql queries/01-sets-per-party-per-year.rq"})
public final class Kvgraph {

    @Option(names = {"-v", "--verbose"}, description = "More log output (-v info, -vv debug).", scope = CommandLine.ScopeType.INHERIT)
    void verbose(boolean[] flags) {
        Configurator.setRootLevel(flags.length > 1 ? Level.DEBUG : Level.INFO);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for main and for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Kvgraph()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
