package org.kvgraph.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.kvgraph.rdf.Uris;
import org.kvgraph.stats.Statistics;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kvgraph stats}: activity and answer-timeliness statistics over a period. */
@Command(name = "stats",
        mixinStandardHelpOptions = true,
        description = {
            "Prints statistics over the question sets submitted in a period: sets per party, member and addressed "
                + "office; days to the first answer per ministry (median, 90th percentile); share answered late per "
                + "ministry and per year; sets open and overdue on a day. Reads the data `serve` uses: the database "
                + "(--db, default run/tdb2), loaded from the bundled data/ first when that has changed, as serve does; "
                + "or a running server (--endpoint).",
            "An answer is due 21 days after submission; each postponement notice adds 21 days."},
        sortOptions = false)
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    DataTarget target = new DataTarget();

    @Option(names = "--from", paramLabel = "DATE", description = "First submission date (YYYY-MM-DD) of the period.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last submission date (YYYY-MM-DD) of the period.")
    String to;

    @Option(names = "--by", paramLabel = "WHAT", description = "party, member, ministry, year or overdue (default: all figures).")
    Statistics.Breakdown by;

    @Option(names = "--figure", paramLabel = "ID", description = "Only this figure: ${COMPLETION-CANDIDATES}.",
            completionCandidates = FigureIds.class)
    String figure;

    @Option(names = "--format", paramLabel = "FMT", description = "table or csv (default: table); several figures in CSV are separated by a blank line and a `# id: title` line.")
    Format format = Format.TABLE;

    @Option(names = "--today", paramLabel = "DATE", description = "The day for 'open and overdue' (default: today in Amsterdam).")
    String today;

    @Option(names = "--show-sparql", description = "Also print the SPARQL query behind each figure (as # comment lines).")
    boolean showSparql;

    @Option(names = "--base", paramLabel = "URI", description = "Base of minted URIs when loading (default: ${DEFAULT-VALUE}).")
    String base = Uris.DEFAULT_BASE;

    enum Format { TABLE, CSV }

    static final class FigureIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Statistics.figureIds().iterator();
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        LocalDate fromDate;
        LocalDate toDate;
        LocalDate day;
        try {
            fromDate = from == null ? null : LocalDate.parse(from);
            toDate = to == null ? null : LocalDate.parse(to);
            day = today == null ? LocalDate.now(ZoneId.of("Europe/Amsterdam")) : LocalDate.parse(today);
        } catch (DateTimeParseException e) {
            err.println("not a date (YYYY-MM-DD): " + e.getParsedString());
            return 2;
        }
        if (figure != null && !Statistics.figureIds().contains(figure)) {
            err.println("no figure " + figure + "; one of " + String.join(", ", Statistics.figureIds()));
            return 2;
        }
        Statistics.Period period = new Statistics.Period(fromDate, toDate);
        if (DataTarget.endpoint(target) != null) {
            return print(new Statistics(Statistics.remote(DataTarget.endpoint(target))), period, day, out, err);
        }
        Store store = new Store(DataTarget.db(target));
        int ready = prepare(store, err);
        if (ready != 0) {
            return ready;
        }
        try (Store.Opened db = store.open()) {
            return print(new Statistics(Statistics.local(db.dataset())), period, day, out, err);
        } catch (RuntimeException e) {
            err.println("cannot read the database: " + e.getMessage());
            if (String.valueOf(e.getMessage()).contains("lock")) {
                err.println("a server is probably running on it: use --endpoint http://localhost:3030/kamervragen/sparql");
            }
            return 1;
        }
    }

    private int print(Statistics stats, Statistics.Period period, LocalDate day, PrintWriter out, PrintWriter err) {
        List<Statistics.Table> tables;
        try {
            tables = figure != null ? List.of(stats.byId(period, day).get(figure)) : stats.figures(by, period, day);
        } catch (RuntimeException e) {
            err.println("statistics failed: " + e.getMessage());
            return 1;
        }
        boolean first = true;
        for (Statistics.Table t : tables) {
            if (!first) {
                out.println();
            }
            if (format == Format.CSV) {
                if (tables.size() > 1) {
                    out.println("# " + t.id() + ": " + t.title());
                }
                out.print(t.csv());
            } else {
                out.print(t.text());
            }
            if (showSparql) {
                t.sparql().lines().forEach(l -> out.println("# " + l));
            }
            first = false;
        }
        out.flush();
        return 0;
    }

    /** Loads the bundled data/ as serve does, when there is no database yet or data/ changed since its load. */
    private int prepare(Store store, PrintWriter err) {
        if (!Files.isDirectory(ServeCommand.BUNDLED)) {
            if (store.current().isPresent()) {
                return 0;
            }
            err.println("no database in " + store.dir() + " and no bundled data/ folder: run from the project folder, "
                    + "load one with kvgraph load, or use --endpoint");
            return 2;
        }
        Inputs in = Inputs.of(List.of(ServeCommand.BUNDLED));
        if (store.current().isPresent() && (!store.isLoadedFrom(in) || store.isCurrentFor(in))) {
            return 0;
        }
        err.println("loading " + in.sourceFiles().size() + " source documents and " + in.rdfFiles().size()
                + " RDF files into " + store.dir());
        try {
            Store.LoadReport r = store.load(in, base, false, err);
            r.problems().forEach(err::println);
            return 0;
        } catch (Store.LoadException e) {
            err.println("load failed: " + e.getMessage());
            return store.current().isPresent() ? 0 : 3;
        }
    }
}
