package org.kvgraph.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kvgraph.convert.CaseIndex;
import org.kvgraph.convert.Converter;
import org.kvgraph.convert.Problem;
import org.kvgraph.harvest.Harvester;
import org.kvgraph.rdf.RdfOutput;
import org.kvgraph.rdf.Uris;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kvgraph harvest}: written-question cases from the Tweede Kamer OData API, cached, then converted. */
@Command(name = "harvest",
        mixinStandardHelpOptions = true,
        description = {
            "Fetches the written-question cases (Zaak of Soort \"Schriftelijke vragen\") started in a period from the "
                + "Tweede Kamer OData API with their actors and documents, and the published file of each answer (the "
                + "officielebekendmakingen XML where it exists, else the PDF), into a cache folder; then converts the "
                + "cache. An interrupted harvest goes on where it stopped; --offline converts the cache alone; --sync "
                + "continues the SyncFeed from its last skiptoken instead. Failures are reported as URL: reason; the exit "
                + "code is 1 when there are any."},
        sortOptions = false)
final class HarvestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "DATE", description = "First day (yyyy-mm-dd) the cases started on.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day (yyyy-mm-dd); default: no end.")
    LocalDate to;

    @Option(names = "--cache", required = true, paramLabel = "DIR", description = "Folder for the raw responses.")
    Path cache;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Output file (.ttl, .nt, .trig, .nq, .jsonld).")
    Path output;

    @Option(names = "--offline", description = "Fetch nothing: convert what is in the cache.")
    boolean offline;

    @Option(names = "--sync", description = "Continue the SyncFeed (Zaak, ZaakActor, Document) from the last skiptoken instead of paging OData.")
    boolean sync;

    @Option(names = "--syncfeed-url", paramLabel = "URL", description = "SyncFeed service (default: ${DEFAULT-VALUE}).")
    URI syncFeedUrl = URI.create("https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/");

    @Option(names = "--odata-url", paramLabel = "URL", description = "OData service (default: ${DEFAULT-VALUE}).")
    URI odataUrl = URI.create("https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/");

    @Option(names = "--koop-url", paramLabel = "URL", description = "officielebekendmakingen service: each answer's "
            + "<id>.xml and <id>/metadata.xml are fetched from it where they exist, its PDF otherwise (default: "
            + "${DEFAULT-VALUE}). --no-koop fetches PDFs only.")
    URI koopUrl = URI.create("https://zoek.officielebekendmakingen.nl/");

    @Option(names = "--no-koop", description = "Fetch the Tweede Kamer's PDF of each answer, not the officielebekendmakingen XML.")
    boolean noKoop;

    @Option(names = "--registry", description = "Also fetch the registry (Persoon, Fractie, FractieZetel, FractieZetelPersoon), so names in texts resolve to members and party memberships are written.")
    boolean registry;

    @Option(names = "--interval", paramLabel = "MS", description = "Least milliseconds between requests (default: ${DEFAULT-VALUE}).")
    long intervalMillis = 500;

    @Option(names = "--retries", paramLabel = "N", description = "Retries on 429, 5xx and network errors (default: ${DEFAULT-VALUE}).")
    int retries = 4;

    @Option(names = "--backoff", paramLabel = "MS", description = "First wait before a retry, doubled each time (default: ${DEFAULT-VALUE}).")
    long backoffMillis = 2000;

    @Option(names = "--base", paramLabel = "URI", description = "Base of minted URIs (default: ${DEFAULT-VALUE}).")
    String base = Uris.DEFAULT_BASE;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!offline && !sync && from == null) {
            throw new ParameterException(spec.commandLine(), "--from is needed unless --offline or --sync");
        }
        Harvester harvester = new Harvester(odataUrl, cache)
                .koop(noKoop ? null : koopUrl)
                .registry(registry)
                .interval(Duration.ofMillis(intervalMillis))
                .retries(retries, Duration.ofMillis(backoffMillis))
                .progress(err)
                // On a terminal, the documents as a progress bar; in a log, a line each.
                .progressBar(System.console() != null ? System.err : null);
        List<String> failures = new ArrayList<>();
        if (!offline) {
            Harvester.Result r;
            try {
                r = sync ? harvester.sync(syncFeedUrl, List.of("Zaak", "ZaakActor", "Document")) : harvester.harvest(from, to);
            } catch (IllegalStateException e) {
                err.println("kvgraph harvest: " + e.getMessage());
                return 2;
            }
            out.printf("pages: %d (%d fetched), documents: %d (%d fetched)%n", r.pages(), r.pagesFetched(),
                    r.documents(), r.documentsFetched());
            r.failures().forEach(f -> failures.add(f.toString()));
        }
        List<Path> files = harvester.cachedFiles();
        List<Problem> problems = new ArrayList<>();
        int cases;
        try (CaseIndex index = CaseIndex.build(files); RdfOutput rdf = RdfOutput.open(output)) {
            new Converter(new Uris(base), false).onNotice(n -> err.println("note: " + n))
                    .convert(files, index, rdf.stream(), rdf.quads(), problems);
            rdf.commit();
            cases = index.cases();
        }
        for (Problem p : problems) {
            String url = harvester.sourceOf(Path.of(p.file()));
            failures.add(url != null ? url + ": " + p.reason() + " [cached as " + p.file() + ":" + p.line() + "]" : p.toString());
        }
        out.printf("cases: %d, files converted: %d of %d, failures: %d%n", cases,
                files.size() - problems.size(), files.size(), failures.size());
        failures.forEach(err::println);
        return failures.isEmpty() ? 0 : 1;
    }
}
