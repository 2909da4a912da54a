package org.kvgraph.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.kvgraph.convert.Converter;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kvgraph load}: RDF files or source documents into a TDB2 database, replacing it when complete. */
@Command(name = "load",
        mixinStandardHelpOptions = true,
        description = "Loads RDF files (.ttl .nt .nq .trig) and source documents (texts, PDFs, officielebekendmakingen XML, Tweede Kamer OData JSON and SyncFeed pages, converted on the fly as `kvgraph convert` does, one named graph per document) into a TDB2 database, and rebuilds its full-text index. The load goes into a new database beside the old one, which is replaced only when the load is complete: a load that fails or is killed leaves the previous database as it was. A running `kvgraph serve` switches to the new one.",
        sortOptions = false)
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "DIR", description = "Database folder (default: ${DEFAULT-VALUE}).")
    Path db = Path.of("run", "tdb2");

    @Option(names = "--base", paramLabel = "URI", description = "Base of minted URIs (default: ${DEFAULT-VALUE}).")
    String base = Uris.DEFAULT_BASE;

    @Option(names = "--strict", description = "A document that cannot be converted aborts the load (the old database stays).")
    boolean strict;

    @Option(names = "--loader", paramLabel = "LOADER", description = "TDB2 bulk loader: PHASED (tdb2.tdbloader's default: uses more threads) or BASIC (one thread, less CPU) (default: ${DEFAULT-VALUE}).")
    Store.Loader loader = Store.Loader.PHASED;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "RDF files, source texts, or folders holding them.")
    List<Path> inputs;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Inputs in = Inputs.of(inputs);
        if (!in.missing().isEmpty()) {
            in.missing().forEach(err::println);
            return 2;
        }
        if (in.isEmpty()) {
            err.println("nothing to load in " + inputs);
            return 2;
        }
        Store.LoadReport r;
        try {
            r = new Store(db).load(in, base, strict, loader, err);
        } catch (Converter.StrictModeException e) {
            err.println(e.problem());
            err.println("stopped (--strict); the previous database is unchanged");
            return 1;
        } catch (Store.LoadException e) {
            err.println("load failed: " + e.getMessage());
            err.println("the previous database is unchanged");
            return 1;
        }
        return LoadCommand.report(r, out, err);
    }

    static int report(Store.LoadReport r, PrintWriter out, PrintWriter err) {
        r.problems().forEach(err::println);
        out.printf("loaded %,d quads (%,d distinct triples, %,d text index entries) into %s in %.1f s (%,.0f triples/s)%n",
                r.quads(), r.triples(), r.indexed(), r.generation(), r.seconds(), r.triplesPerSecond());
        if (!r.problems().isEmpty()) {
            err.printf("%d document(s) could not be converted and were left out%n", r.problems().size());
            return 1;
        }
        return 0;
    }
}
