package org.kvgraph.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kvgraph.synth.SyntheticCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kvgraph generate}: a synthetic corpus for benchmarks and scale tests. */
@Command(name = "generate",
        description = {
            "Writes a SYNTHETIC corpus of written questions for benchmarks and scale tests: Tweede Kamer OData JSON",
            "pages for every set, answer texts in the Aanhangsel and the ministry letter layouts, and a registry of",
            "made-up members and parties. Every file is named synthetic-*, and DIR gets a README saying so; never",
            "put it in data/. The same --sets and --seed give byte-identical files. KOOP XML is not generated."},
        sortOptions = false)
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sets", required = true, paramLabel = "N", description = "Number of question sets.")
    int sets;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Option(names = "--from-year", paramLabel = "YEAR", description = "First year of submission (default: ${DEFAULT-VALUE}).")
    int fromYear = 2008;

    @Option(names = "--to-year", paramLabel = "YEAR", description = "Last year of submission (default: ${DEFAULT-VALUE}).")
    int toYear = 2025;

    @Override
    public Integer call() throws Exception {
        if (sets < 1 || fromYear > toYear) {
            spec.commandLine().getErr().println("--sets must be at least 1 and --from-year not after --to-year");
            return 2;
        }
        SyntheticCorpus.Config d = new SyntheticCorpus.Config(sets, seed);
        SyntheticCorpus.Config c = new SyntheticCorpus.Config(sets, seed, fromYear, toYear, d.meanQuestions(),
                d.meanFootnotes(), d.coSubmitterShare(), d.postponedShare(), d.letterShare(), d.unansweredShare(),
                d.supplementShare(), d.medianDaysToAnswer(), d.medianDaysPostponed(), d.setsPerPage());
        SyntheticCorpus.Summary s = SyntheticCorpus.generate(c, out);
        spec.commandLine().getOut().printf(
                "SYNTHETIC corpus in %s: %d sets (%d answered: %d Aanhangsel, %d letters), %d questions, %d footnotes, "
                        + "%d postponed, %d with co-submitters, %d supplementing an earlier set, %d OData pages, "
                        + "%d members%n",
                out, s.sets(), s.answered(), s.aanhangsel(), s.letters(), s.questions(), s.footnotes(), s.postponed(),
                s.withCoSubmitters(), s.supplementing(), s.odataFiles(), s.members());
        return 0;
    }
}
