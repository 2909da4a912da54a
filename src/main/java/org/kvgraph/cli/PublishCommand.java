package org.kvgraph.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kvgraph.convert.Converter;
import org.kvgraph.convert.Problem;
import org.kvgraph.publish.Release;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kvgraph publish}: a release (dumps, description, checksums) of what a load of the inputs holds. */
@Command(name = "publish",
        mixinStandardHelpOptions = true,
        description = "Writes a release of the knowledge graph into DIR: kvgraph.ttl.gz, kvgraph.nt.gz, kvgraph.nq.gz (a named graph per source document), dataset.ttl (VoID and DCAT-AP-NL) and SHA256SUMS. The same input gives byte-identical files. Without INPUT, the bundled data/ folder (as `kvgraph serve` uses). A document that cannot be converted is reported and left out (exit code 1).",
        sortOptions = false)
final class PublishCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Release folder (created if needed).")
    Path out;

    @Option(names = "--base", paramLabel = "URI", description = "Base of minted URIs, downloads and endpoint (default: ${DEFAULT-VALUE}).")
    String base = Uris.DEFAULT_BASE;

    @Option(names = "--strict", description = "A document that cannot be converted stops the run; nothing is written.")
    boolean strict;

    @Parameters(arity = "0..*", paramLabel = "INPUT", description = "RDF files, source texts, or folders holding them (default: data).")
    List<Path> inputs = List.of();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        Inputs in = Inputs.of(inputs.isEmpty() ? List.of(ServeCommand.BUNDLED) : inputs);
        if (!in.missing().isEmpty()) {
            in.missing().forEach(err::println);
            return 2;
        }
        if (in.isEmpty()) {
            err.println("nothing to publish in " + in.roots());
            return 2;
        }
        List<Problem> problems = new ArrayList<>();
        Release.Written w;
        try {
            long start = System.nanoTime();
            err.println("publish: converting " + in.roots() + " into an external sort");
            err.flush();
            w = Release.publish(in, base, strict, problems, out, line -> {
                err.println("publish: " + line);
                err.flush();
            });
            err.printf(java.util.Locale.ROOT, "publish: done in %.1f s%n", (System.nanoTime() - start) / 1e9);
        } catch (Converter.StrictModeException e) {
            err.println(e.problem());
            err.println("stopped (--strict); nothing written");
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("publish failed: " + e.getMessage());
            return 1;
        }
        problems.forEach(err::println);
        o.println("published " + w.triples() + " triples (" + w.quads() + " quads) to " + out);
        for (String f : Release.FILES) {
            o.printf("  %-16s %10d bytes  sha256 %s%n", f, w.sizes().get(f), w.sha256().get(f));
        }
        List<String> bad = Release.verify(out);
        bad.forEach(err::println);
        if (!bad.isEmpty()) {
            return 1;
        }
        return problems.isEmpty() ? 0 : 1;
    }
}
