package org.kvgraph.convert;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.kvgraph.cli.Kvgraph;

/**
 * {@code kvgraph} in a child JVM that, as it exits, writes the CPU time it used (all its threads, in nanoseconds)
 * to the file named by the first argument. CPU time, unlike the wall clock, is not stretched by the time other
 * processes hold the CPUs (it grows a little at most, from shared caches), so a test can bound the work a command
 * does on a loaded machine.
 */
public final class CpuTimedKvgraph {
    private CpuTimedKvgraph() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long nanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            try {
                Files.writeString(file, Long.toString(nanos), StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("cannot write the CPU time to " + file + ": " + e);
            }
        }));
        Kvgraph.main(java.util.Arrays.copyOfRange(args, 1, args.length));
    }
}
