package org.kvgraph.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/**
 * A published release made ready to serve ({@code kvgraph serve --release DIR|URL}): fetched into a local cache
 * when it is a URL, verified file by file against its SHA256SUMS, and loaded into a database of its own from
 * {@code kvgraph.nq.gz} (named graphs kept) unless the current database already holds that release version.
 * The release's own files are placed in the generation's {@code release/} folder, so {@code /download/} and
 * {@code /dataset} serve them byte for byte and the server reports their version.
 *
 * <pre>{@code
 * ServedRelease r = ServedRelease.prepare("https://example.org/kvgraph/release/", Path.of("run/release-cache"),
 *         new Store(Path.of("run/tdb2")), Uris.DEFAULT_BASE, out, err);
 * }</pre>
 */
public final class ServedRelease {
    /** A release that cannot be served: a file missing, cut or changed, or the fetch failed. Nothing is served. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /** The release made current: its version, its local folder, and whether an existing database was reused. */
    public record Prepared(String version, Path dir, boolean reused) {
    }

    private ServedRelease() {
    }

    public static Prepared prepare(String location, Path cache, Store store, String base, PrintWriter out,
                                   PrintWriter err) throws Refused {
        Path dir = isUrl(location) ? fetch(location, cache, out) : Path.of(location);
        if (!Files.isDirectory(dir)) {
            throw new Refused("release refused: " + location + " is not a folder");
        }
        List<String> problems = Release.verify(dir);
        if (!problems.isEmpty()) {
            throw new Refused("release refused: " + location + " does not match its SHA256SUMS:\n  "
                    + String.join("\n  ", problems));
        }
        String version = Release.version(dir).orElseThrow(() -> new Refused("release refused: "
                + dir.resolve(Release.DESCRIPTION) + " names no owl:versionInfo"));
        Optional<Path> current = store.current();
        if (current.isPresent() && holds(current.get(), version)) {
            out.println("release " + version + " already loaded: reusing " + current.get());
            return new Prepared(version, dir, true);
        }
        out.println("loading release " + version + " from " + dir.resolve(Release.NQUADS) + " into " + store.dir());
        out.flush();
        try {
            Files.createDirectories(cache);
            Path work = Files.createTempDirectory(cache.toAbsolutePath(), ".load-");
            try {
                Path nq = work.resolve("kvgraph.nq");
                try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(Release.NQUADS)), 1 << 16)) {
                    Files.copy(in, nq);
                }
                Store.LoadReport r = store.load(Inputs.of(List.of(nq)), base, true, err);
                Path published = r.generation().resolve("release");
                Files.createDirectories(published);
                for (String f : Release.FILES) {
                    Files.copy(dir.resolve(f), published.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
                Files.copy(dir.resolve(Release.SUMS), published.resolve(Release.SUMS),
                        StandardCopyOption.REPLACE_EXISTING);
                if (!Release.verify(published).isEmpty()) {
                    throw new Refused("release refused: the copy in " + published + " does not verify: "
                            + Release.verify(published));
                }
                out.println("loaded " + r.quads() + " quads of release " + version + " into " + r.generation());
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new Refused("release " + location + " cannot be loaded: " + e.getMessage());
        } catch (Store.LoadException e) {
            throw new Refused("release " + location + " cannot be loaded: " + e.getMessage());
        }
        return new Prepared(version, dir, false);
    }

    /** Whether a generation was loaded from this release version (its release folder whole and of that version). */
    static boolean holds(Path generation, String version) {
        Path published = generation.resolve("release");
        return Release.verify(published).isEmpty() && Release.version(published).map(version::equals).orElse(false);
    }

    static boolean isUrl(String location) {
        return location.startsWith("http://") || location.startsWith("https://");
    }

    /**
     * Fetches SHA256SUMS and the four release files from a URL (a folder: "/" is added if missing) into a cache
     * folder of its own; a file already there with the checksum SHA256SUMS lists is not fetched again. Each file
     * arrives under a temporary name and is renamed when whole. Verification follows in {@link #prepare}.
     */
    static Path fetch(String url, Path cache, PrintWriter out) throws Refused {
        String base = url.endsWith("/") ? url : url + "/";
        Path dir = cache.resolve(base.replaceAll("[^A-Za-z0-9.-]+", "_"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            Files.createDirectories(dir);
            get(http, base + Release.SUMS, dir.resolve(Release.SUMS));
            List<String> lines = Files.readAllLines(dir.resolve(Release.SUMS), StandardCharsets.UTF_8);
            for (String f : Release.FILES) {
                Path local = dir.resolve(f);
                String listed = lines.stream().filter(l -> l.endsWith("  " + f) || l.endsWith(" *" + f))
                        .map(l -> l.substring(0, Math.min(64, l.length()))).findFirst().orElse("");
                if (Files.isRegularFile(local) && Release.sha256(local).equals(listed)) {
                    continue;
                }
                out.println("fetching " + base + f);
                out.flush();
                get(http, base + f, local);
            }
        } catch (IOException e) {
            throw new Refused("release refused: cannot fetch " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("release refused: interrupted while fetching " + base);
        }
        return dir;
    }

    private static void get(HttpClient http, String url, Path target) throws IOException, InterruptedException {
        Path part = target.resolveSibling("." + target.getFileName() + ".part");
        HttpResponse<Path> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30))
                .GET().build(), HttpResponse.BodyHandlers.ofFile(part));
        if (r.statusCode() == 404) {
            Files.deleteIfExists(part);
            Files.deleteIfExists(target);
            return; // missing: verification names it
        }
        if (r.statusCode() != 200) {
            Files.deleteIfExists(part);
            throw new IOException(url + ": HTTP " + r.statusCode());
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

}
