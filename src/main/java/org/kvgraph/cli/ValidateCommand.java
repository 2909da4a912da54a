package org.kvgraph.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.jena.graph.Graph;
import org.kvgraph.validate.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kvgraph validate}: SHACL validation against ontology/shapes.ttl. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {"Validates RDF files against the kvgraph SHACL shapes (the union of all their graphs).",
            "Prints \"conforms\", or each result and their count.",
            "Exit 0 when the data conforms, 1 when it does not, 2 when a file cannot be read."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "RDF files (any format Jena reads: .ttl, .nt, .nq, .trig, .jsonld, …).")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Graph data;
        try {
            data = Validator.read(files);
        } catch (Validator.UnreadableInputException e) {
            err.println("validate: cannot read " + e.getMessage());
            return 2;
        }
        if (data.isEmpty()) {
            // An empty graph conforms to any shapes; say so, since it usually means a failed conversion.
            err.println("validate: warning: the input holds no triples");
        }
        Validator.Report report = new Validator().validate(data);
        if (report.conforms()) {
            out.println("conforms");
            return 0;
        }
        report.results().forEach(out::println);
        int n = report.results().size();
        out.println(n + (n == 1 ? " result" : " results") + ": does not conform");
        return 1;
    }
}
