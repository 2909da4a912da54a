package org.kvgraph.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.kvgraph.publish.Release;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kvgraph verify-release}: checks a release folder against its SHA256SUMS. */
@Command(name = "verify-release",
        mixinStandardHelpOptions = true,
        description = "Checks a release written by `kvgraph publish` against its SHA256SUMS: every file present, whole and unchanged. Exit code 0 when it is, 1 otherwise (each problem on standard error).")
final class VerifyReleaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The release folder.")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = Release.verify(dir);
        problems.forEach(err::println);
        if (problems.isEmpty()) {
            spec.commandLine().getOut().println(dir + ": " + Release.FILES.size() + " files match SHA256SUMS");
            return 0;
        }
        return 1;
    }
}
