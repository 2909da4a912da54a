package org.kvgraph.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.kvgraph.convert.Converter;
import org.kvgraph.convert.Problem;

/**
 * What a load reads: RDF files (loaded as they are) and source documents (converted on the fly), found in the
 * files and folders given, each list sorted by path. Its {@link #fingerprint()} (paths, sizes and modification
 * times) tells whether a database is still current for the same inputs.
 */
public record Inputs(List<Path> roots, List<Path> rdfFiles, List<Path> sourceFiles, List<String> missing) {
    /** RDF file endings loaded directly. */
    public static final List<String> RDF_EXTENSIONS = List.of(".ttl", ".nt", ".nq", ".trig");

    /** Sorts the given files and folders (searched recursively) into RDF files and source texts. */
    public static Inputs of(List<Path> inputs) {
        List<Path> rdf = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                // Source texts as the converter finds them (it leaves out README.md, SOURCES.md and the like).
                List<Problem> problems = new ArrayList<>();
                sources.addAll(Converter.expand(List.of(in), problems));
                problems.forEach(p -> missing.add(p.toString()));
                try (Stream<Path> walk = Files.walk(in, FileVisitOption.FOLLOW_LINKS)) {
                    walk.filter(Files::isRegularFile).filter(Inputs::isRdf).sorted().forEach(rdf::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + in, e);
                }
            } else if (Files.isRegularFile(in)) {
                if (!classify(in, rdf, sources)) {
                    missing.add(in + ": not an RDF file (" + String.join(" ", RDF_EXTENSIONS)
                            + ") or a source text (" + String.join(" ", Converter.TEXT_EXTENSIONS) + ")");
                }
            } else {
                missing.add(in + ": no such file or folder");
            }
        }
        return new Inputs(List.copyOf(inputs), List.copyOf(rdf), List.copyOf(sources), List.copyOf(missing));
    }

    private static boolean isRdf(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return RDF_EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    private static boolean classify(Path p, List<Path> rdf, List<Path> sources) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (RDF_EXTENSIONS.stream().anyMatch(n::endsWith)) {
            rdf.add(p);
            return true;
        }
        if (Converter.TEXT_EXTENSIONS.stream().anyMatch(n::endsWith)) {
            sources.add(p);
            return true;
        }
        return false;
    }

    /** The roots as given, absolute, one a line: recorded with a load to recognise the same inputs later. */
    public String rootsKey() {
        return String.join("\n", roots.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
    }

    private static String codeVersion() {
        try {
            Path code = Path.of(Converter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(code)
                    ? "code\t" + Files.size(code) + "\t" + Files.getLastModifiedTime(code).toMillis() + "\n" : "";
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return "";
        }
    }

    public boolean isEmpty() {
        return rdfFiles.isEmpty() && sourceFiles.isEmpty();
    }

    /**
     * SHA-256 over each file's absolute path, size and modification time, and over the size and time of the
     * kvgraph jar, so that a rebuilt converter also counts as a change.
     */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(codeVersion().getBytes(StandardCharsets.UTF_8));
            for (Path p : Stream.concat(rdfFiles.stream(), sourceFiles.stream()).sorted().toList()) {
                String line = p.toAbsolutePath().normalize() + "\t" + Files.size(p) + "\t"
                        + Files.getLastModifiedTime(p).toMillis() + "\n";
                md.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
