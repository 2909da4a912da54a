package org.kvgraph.harvest;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonException;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.kvgraph.source.KoopXmlReader;
import org.kvgraph.source.ParseException;
import org.kvgraph.source.SourceDocument;
import org.kvgraph.source.SyncFeedReader;
import org.kvgraph.source.TkODataReader;

/**
 * Fetches written-question cases from the Tweede Kamer OData API into a cache folder: the pages of
 * {@code Zaak?$filter=Soort eq 'Schriftelijke vragen' and GestartOp in the period&$expand=ZaakActor,Document},
 * following {@code @odata.nextLink}, then the published file ({@code Document(<Id>)/resource}) of each answer or
 * postponement notice. Every raw response is stored; a checkpoint after each page lets an interrupted harvest go
 * on where it stopped, and a file already in the cache is never fetched again. Polite: one request at a time, at
 * least {@code interval} between requests, retries with back-off on 429 and 5xx (honouring Retry-After), and a
 * User-Agent naming kvgraph.
 *
 * <pre>{@code
 * Harvester h = new Harvester(URI.create("https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"), cache);
 * Harvester.Result r = h.harvest(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31));
 * }</pre>
 *
 * <p>{@link #sync} does the same from the SyncFeed instead, continuing from the last skiptoken.
 *
 * <p>Cache layout: {@code odata/page-0001.json} …, {@code syncfeed/Zaak-0001.xml} …, {@code documents/<Document Id>.pdf} (or the
 * officielebekendmakingen XML {@code documents/<Document Id>.xml} with {@code <Document Id>.metadata.xml}, or {@code .xml}/{@code
 * .bin} by content type), {@code sources.properties} (cache file → URL), {@code checkpoint.properties}.
 */
public final class Harvester {
    public static final String USER_AGENT = "kvgraph/0.1.0 (+https://w3id.org/kvgraph; Dutch written questions to linked data)";
    private static final List<String> RESPONSE_SOORTEN = List.of("Antwoord schriftelijke vragen",
            "Antwoord schriftelijke vragen (nader)", "Mededeling (uitstel antwoord)");

    private final URI odata;
    private final Path cache;
    private URI koop;
    private boolean registry;
    private final HttpClient http;
    private Duration interval = Duration.ofMillis(500);
    private Duration backoff = Duration.ofSeconds(2);
    private int retries = 4;
    private PrintWriter progress = new PrintWriter(PrintWriter.nullWriter());
    private java.io.PrintStream progressBar;
    private long lastRequest;

    /** A fetch that failed, by URL and reason. */
    public record Failure(String url, String reason) {
        @Override
        public String toString() {
            return url + ": " + reason;
        }
    }

    /** What a harvest did: pages and documents fetched or found in the cache, and what failed. */
    public record Result(int pages, int pagesFetched, int documents, int documentsFetched, List<Failure> failures) {
    }

    public Harvester(URI odata, Path cache) {
        String s = odata.toString();
        this.odata = URI.create(s.endsWith("/") ? s : s + "/");
        this.cache = cache;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The least time between two requests (default 500 ms). */
    /**
     * Fetches each answer's officielebekendmakingen XML ({@code <koop>/<ah-tk-id>.xml} and its
     * {@code <ah-tk-id>/metadata.xml}) where it exists, instead of the Tweede Kamer's PDF; null (the default): PDFs only.
     */
    public Harvester koop(URI base) {
        this.koop = base == null ? null : URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        return this;
    }

    /**
     * Also fetches the registry (every page of {@code Persoon}, {@code Fractie}, {@code FractieZetel} and
     * {@code FractieZetelPersoon}) into {@code odata/registry-<EntitySet>-0001.json} …, so names in texts resolve to
     * members and seats become memberships when the cache is converted.
     */
    public Harvester registry(boolean fetch) {
        this.registry = fetch;
        return this;
    }

    public Harvester interval(Duration d) {
        this.interval = d;
        return this;
    }

    /** Retries after a 429 or 5xx answer or a network error, and the first wait (doubled each time). */
    public Harvester retries(int times, Duration firstWait) {
        this.retries = times;
        this.backoff = firstWait;
        return this;
    }

    /**
     * Shows the document fetching as a progress bar on this stream (for a terminal) instead of a line per
     * document; null (the default) for lines.
     */
    public Harvester progressBar(java.io.PrintStream terminal) {
        this.progressBar = terminal;
        return this;
    }

    /** Where progress lines go (default nowhere). */
    public Harvester progress(PrintWriter out) {
        this.progress = out;
        return this;
    }

    /** The first page's address for cases started in [from, to]. */
    public URI firstPage(LocalDate from, LocalDate to) {
        String filter = "Soort eq 'Schriftelijke vragen' and Verwijderd eq false and GestartOp ge " + from
                + "T00:00:00Z" + (to == null ? "" : " and GestartOp lt " + to.plusDays(1) + "T00:00:00Z");
        return odata.resolve("Zaak?$filter=" + encode(filter) + "&$expand=ZaakActor,Document&$orderby=GestartOp,Nummer");
    }

    /**
     * Fetches what is not in the cache yet. Pages: from the checkpoint's next link when an earlier harvest of the
     * same period stopped part-way, else from the first page; a page that is not OData JSON ends the paging and is
     * reported. Documents: every answer and notice of every cached page.
     */
    public Result harvest(LocalDate from, LocalDate to) throws IOException {
        Files.createDirectories(cache.resolve("odata"));
        Files.createDirectories(cache.resolve("documents"));
        List<Failure> failures = new ArrayList<>();
        Properties checkpoint = load(cache.resolve("checkpoint.properties"));
        String period = from + "/" + (to == null ? "" : to);
        String cachedPeriod = checkpoint.getProperty("period");
        if (cachedPeriod != null && !cachedPeriod.equals(period)) {
            // Its pages would be converted with the new ones: one cache holds one harvest.
            throw new IllegalStateException("the cache " + cache + " holds a harvest of " + cachedPeriod.replace("/", " to ")
                    + "; use another --cache for " + period.replace("/", " to "));
        }
        checkpoint.setProperty("period", period);
        Map<String, String> sources = new TreeMap<>(map(load(cache.resolve("sources.properties"))));
        int pages = Integer.parseInt(checkpoint.getProperty("pages", "0"));
        int fetchedPages = 0;
        String next = checkpoint.containsKey("pages") ? checkpoint.getProperty("next") : firstPage(from, to).toString();
        while (next != null && !next.isEmpty()) {
            String url = next;
            progress.printf("page %d: %s%n", pages + 1, url);
            progress.flush();
            byte[] body;
            try {
                body = get(url, "application/json");
            } catch (FetchException e) {
                failures.add(new Failure(url, e.getMessage()));
                break; // the checkpoint still points here: the next run starts again at this page
            }
            JsonObject page;
            try {
                page = JSON.parse(new String(body, StandardCharsets.UTF_8));
            } catch (JsonException e) {
                failures.add(new Failure(url, "not OData JSON: " + e.getMessage()));
                break;
            }
            pages++;
            fetchedPages++;
            String file = String.format("odata/page-%04d.json", pages);
            write(cache.resolve(file), body);
            sources.put(file, url);
            JsonValue link = page.get("@odata.nextLink");
            next = link != null && link.isString() ? link.getAsString().value() : "";
            checkpoint.setProperty("pages", Integer.toString(pages));
            checkpoint.setProperty("next", next);
            store(cache.resolve("sources.properties"), sources);
            store(cache.resolve("checkpoint.properties"), checkpoint);
        }
        Map<String, String> publications = documents(pages);
        if (registry) {
            int[] r = fetchRegistry(checkpoint, sources, failures);
            pages += r[0];
            fetchedPages += r[1];
        }
        int[] counts = fetchDocuments(publications.keySet(), id -> odata.resolve("Document(" + id + ")/resource").toString(),
                publications, sources, failures);
        int documents = counts[0];
        int fetchedDocuments = counts[1];
        return new Result(pages, fetchedPages, documents, fetchedDocuments, failures);
    }

    /**
     * Continues the SyncFeed of each category from the last skiptoken this cache got (from the start the first
     * time), storing every page, then fetches the file of each answer or notice Document seen in the feed (from
     * {@code Resources/<Id>} of the feed). The pages are joined into cases when the cache is converted.
     */
    public Result sync(URI syncFeed, List<String> categories) throws IOException {
        String feed = syncFeed.toString().endsWith("/") ? syncFeed.toString() : syncFeed + "/";
        Files.createDirectories(cache.resolve("syncfeed"));
        Files.createDirectories(cache.resolve("documents"));
        List<Failure> failures = new ArrayList<>();
        Properties checkpoint = load(cache.resolve("checkpoint.properties"));
        Map<String, String> sources = new TreeMap<>(map(load(cache.resolve("sources.properties"))));
        int pages = 0;
        int fetchedPages = 0;
        for (String category : categories) {
            String key = "sync." + category;
            int n = Integer.parseInt(checkpoint.getProperty(key + ".pages", "0"));
            pages += n;
            String next = checkpoint.getProperty(key + ".next", URI.create(feed).resolve("Feed?category=" + category).toString());
            while (next != null) {
                String url = next;
                progress.printf("%s page %d: %s%n", category, n + 1, url);
                progress.flush();
                byte[] body;
                SyncFeedReader.Page page;
                try {
                    body = get(url, "application/atom+xml");
                    page = SyncFeedReader.page(new SourceDocument(url, new String(body, StandardCharsets.UTF_8)));
                } catch (FetchException e) {
                    failures.add(new Failure(url, e.getMessage()));
                    break;
                } catch (ParseException e) {
                    failures.add(new Failure(url, "not a SyncFeed page: line " + e.line() + ": " + e.reason()));
                    break;
                }
                if (page.entities().isEmpty() && page.next() == null) {
                    break; // nothing new: the next sync asks the same address again
                }
                n++;
                pages++;
                fetchedPages++;
                String file = String.format("syncfeed/%s-%04d.xml", category, n);
                write(cache.resolve(file), body);
                sources.put(file, url);
                // At the end of the feed the last page's own address is asked again next time.
                next = page.next();
                checkpoint.setProperty(key + ".pages", Integer.toString(n));
                checkpoint.setProperty(key + ".next", next != null ? next : url);
                store(cache.resolve("sources.properties"), sources);
                store(cache.resolve("checkpoint.properties"), checkpoint);
                if (next != null && next.equals(url)) {
                    break;
                }
            }
        }
        int[] counts = fetchDocuments(feedDocuments(), id -> URI.create(feed).resolve("Resources/" + id).toString(), Map.of(),
                sources, failures);
        return new Result(pages, fetchedPages, counts[0], counts[1], failures);
    }

    /**
     * Fetches the files of the documents not in the cache yet: {how many, how many fetched}. A document with a
     * publication id ({@code publications}) is fetched as officielebekendmakingen XML with its metadata when a KOOP
     * base is set and the XML is there; else (and on any failure of the XML) its file from {@code address}.
     */
    private int[] fetchDocuments(Collection<String> ids, Function<String, String> address, Map<String, String> publications,
            Map<String, String> sources, List<Failure> failures) throws IOException {
        int documents = 0;
        int fetched = 0;
        int total = ids.size();
        PrintWriter lines = progress;
        try (ProgressBar bar = progressBar == null ? null : new ProgressBarBuilder().setTaskName("documents")
                .setInitialMax(total).setConsumer(new ConsoleProgressBarConsumer(progressBar)).build()) {
            if (bar != null) {
                progress = new PrintWriter(PrintWriter.nullWriter());
            }
            for (String id : ids) {
                documents++;
                if (bar != null) {
                    bar.stepTo(documents);
                    bar.setExtraMessage(id);
                }
                if (cached(id) != null) {
                    continue;
                }
                String publication = publications.get(id);
                String label = String.format("document %d of %d (%d%%) %s", documents, total, 100 * documents / Math.max(1, total), id);
                if (koop != null && publication != null && !publication.isEmpty() && fetchKoop(label, id, publication, sources)) {
                    fetched++;
                    continue;
                }
                String url = address.apply(id);
                progress.printf("%s%n", label);
                progress.flush();
                try {
                    Fetched f = fetch(url, "*/*");
                    String file = "documents/" + id + extension(f.contentType(), f.body());
                    write(cache.resolve(file), f.body());
                    sources.put(file, url);
                    store(cache.resolve("sources.properties"), sources);
                    fetched++;
                } catch (FetchException e) {
                    failures.add(new Failure(url, e.getMessage()));
                }
            }
        } finally {
            progress = lines;
        }
        return new int[] {documents, fetched};
    }

    /** The entity sets of the registry, in the order they are fetched. */
    public static final List<String> REGISTRY = List.of("Persoon", "Fractie", "FractieZetel", "FractieZetelPersoon");

    /** Pages through each registry entity set from its checkpoint: {pages, pages fetched}. */
    private int[] fetchRegistry(Properties checkpoint, Map<String, String> sources, List<Failure> failures) throws IOException {
        int pages = 0;
        int fetched = 0;
        for (String set : REGISTRY) {
            String key = "registry." + set;
            int n = Integer.parseInt(checkpoint.getProperty(key + ".pages", "0"));
            String next = checkpoint.containsKey(key + ".pages") ? checkpoint.getProperty(key + ".next") : odata.resolve(set).toString();
            while (next != null && !next.isEmpty()) {
                String url = next;
                progress.printf("page %s %d: %s%n", set, n + 1, url);
                progress.flush();
                byte[] body;
                JsonObject page;
                try {
                    body = get(url, "application/json");
                    page = JSON.parse(new String(body, StandardCharsets.UTF_8));
                } catch (FetchException e) {
                    failures.add(new Failure(url, e.getMessage()));
                    break;
                } catch (JsonException e) {
                    failures.add(new Failure(url, "not OData JSON: " + e.getMessage()));
                    break;
                }
                n++;
                fetched++;
                String file = String.format("odata/registry-%s-%04d.json", set, n);
                write(cache.resolve(file), body);
                sources.put(file, url);
                JsonValue link = page.get("@odata.nextLink");
                next = link != null && link.isString() ? link.getAsString().value() : "";
                checkpoint.setProperty(key + ".pages", Integer.toString(n));
                checkpoint.setProperty(key + ".next", next);
                store(cache.resolve("sources.properties"), sources);
                store(cache.resolve("checkpoint.properties"), checkpoint);
            }
            pages += n;
        }
        return new int[] {pages, fetched};
    }

    /**
     * Fetches {@code <koop>/<publication>.xml} into {@code documents/<id>.xml} and its metadata into
     * {@code documents/<id>.metadata.xml} (where the reader looks for it); false when the XML is not there or is not
     * a KOOP publication of written questions, so the caller fetches the PDF.
     */
    private boolean fetchKoop(String label, String id, String publication, Map<String, String> sources) throws IOException {
        String url = koop.resolve(encode(publication) + ".xml").toString();
        progress.printf("%s: %s%n", label, url);
        progress.flush();
        Fetched xml;
        try {
            xml = fetch(url, "application/xml");
        } catch (FetchException e) {
            progress.printf("  no officielebekendmakingen XML (%s); the PDF instead%n", e.getMessage());
            progress.flush();
            return false;
        }
        if (!KoopXmlReader.looksLikePublication(new String(xml.body(), StandardCharsets.UTF_8))) {
            progress.printf("  %s is not an officiele-publicatie of written questions; the PDF instead%n", url);
            progress.flush();
            return false;
        }
        String metaUrl = koop.resolve(encode(publication) + "/metadata.xml").toString();
        try {
            Fetched meta = fetch(metaUrl, "application/xml");
            String file = "documents/" + id + ".metadata.xml";
            write(cache.resolve(file), meta.body());
            sources.put(file, metaUrl);
        } catch (FetchException e) {
            progress.printf("  no metadata.xml (%s); the XML alone%n", e.getMessage());
            progress.flush();
        }
        String file = "documents/" + id + ".xml";
        write(cache.resolve(file), xml.body()); // last: the document counts as cached once its main file is there
        sources.put(file, url);
        store(cache.resolve("sources.properties"), sources);
        return true;
    }

    /** The answer and notice Documents of the cached SyncFeed pages, by Id, latest version, not deleted. */
    private Set<String> feedDocuments() throws IOException {
        Map<String, SyncFeedReader.Entity> latest = new LinkedHashMap<>();
        Path dir = cache.resolve("syncfeed");
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        for (Path f : files) {
            try {
                for (SyncFeedReader.Entity e : SyncFeedReader.page(SourceDocument.read(f, f.toString())).entities()) {
                    if ("document".equals(e.type())) {
                        latest.put(e.id(), e);
                    }
                }
            } catch (ParseException e) {
                // reported when the cache is converted
            }
        }
        Set<String> ids = new TreeSet<>();
        latest.values().stream()
                .filter(e -> !e.deleted() && RESPONSE_SOORTEN.contains(e.fields().get("soort")) && e.id().matches("[0-9a-fA-F-]{36}"))
                .forEach(e -> ids.add(e.id().toLowerCase(Locale.ROOT)));
        return ids;
    }

    /** The cached files to convert, in a stable order: the pages, then the documents. */
    public List<Path> cachedFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("odata", "syncfeed", "documents")) {
            Path d = cache.resolve(dir);
            if (Files.isDirectory(d)) {
                try (var s = Files.list(d)) {
                    s.filter(p -> !p.getFileName().toString().endsWith(".part")).sorted().forEach(files::add);
                }
            }
        }
        return files;
    }

    /** The URL a cached file was fetched from ("odata/page-0001.json" → its URL), or null. */
    public String sourceOf(Path cachedFile) throws IOException {
        Path root = cache.toAbsolutePath().normalize();
        Path file = cachedFile.toAbsolutePath().normalize();
        if (!file.startsWith(root)) {
            return null;
        }
        return map(load(cache.resolve("sources.properties"))).get(root.relativize(file).toString().replace('\\', '/'));
    }

    /** The response documents of the cached pages: Document Id → its Aanhangsel publication id ("" when it has none). */
    private Map<String, String> documents(int pages) throws IOException {
        Map<String, String> result = new LinkedHashMap<>();
        for (int p = 1; p <= pages; p++) {
            Path file = cache.resolve(String.format("odata/page-%04d.json", p));
            if (!Files.exists(file)) {
                continue;
            }
            JsonObject page;
            try {
                page = JSON.parse(Files.readString(file, StandardCharsets.UTF_8));
            } catch (JsonException e) {
                continue;
            }
            JsonValue value = page.get("value");
            if (value == null || !value.isArray()) {
                continue;
            }
            for (JsonValue z : value.getAsArray()) {
                JsonValue docs = z.isObject() ? z.getAsObject().get("Document") : null;
                if (docs == null || !docs.isArray()) {
                    continue;
                }
                for (JsonValue d : docs.getAsArray()) {
                    if (!d.isObject()) {
                        continue;
                    }
                    JsonObject o = d.getAsObject();
                    String soort = string(o, "Soort");
                    String id = string(o, "Id");
                    JsonValue deleted = o.get("Verwijderd");
                    if (id != null && id.matches("[0-9a-fA-F-]{36}") && RESPONSE_SOORTEN.contains(soort)
                            && !(deleted != null && deleted.isBoolean() && deleted.getAsBoolean().value())) {
                        String publication = TkODataReader.publicationId(string(o, "Vergaderjaar"), string(o, "Aanhangselnummer"));
                        result.put(id.toLowerCase(Locale.ROOT), publication == null ? "" : publication);
                    }
                }
            }
        }
        return result;
    }

    private Path cached(String id) throws IOException {
        try (var s = Files.list(cache.resolve("documents"))) {
            return s.filter(p -> p.getFileName().toString().startsWith(id + ".")
                    && !p.getFileName().toString().endsWith(".part")
                    && !p.getFileName().toString().endsWith(".metadata.xml")).findFirst().orElse(null);
        }
    }

    private static String extension(String contentType, byte[] body) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (ct.contains("pdf") || body.length >= 5 && new String(body, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-")) {
            return ".pdf";
        }
        if (ct.contains("xml")) {
            return ".xml";
        }
        return ct.contains("text/plain") ? ".txt" : ".bin";
    }

    private record Fetched(byte[] body, String contentType) {
    }

    /** Thrown when a URL could not be fetched after the retries. */
    static final class FetchException extends Exception {
        FetchException(String message) {
            super(message);
        }
    }

    private byte[] get(String url, String accept) throws FetchException {
        return fetch(url, accept).body();
    }

    private Fetched fetch(String url, String accept) throws FetchException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                    .header("User-Agent", USER_AGENT).header("Accept", accept).GET().build();
        } catch (IllegalArgumentException e) {
            throw new FetchException("not a valid URL: " + e.getMessage());
        }
        Duration wait = backoff;
        String last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                sleep(wait);
                wait = wait.multipliedBy(2);
            }
            pace();
            try {
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = r.statusCode();
                if (status == 200) {
                    return new Fetched(r.body(), r.headers().firstValue("Content-Type").orElse(null));
                }
                last = "HTTP " + status;
                if (status != 429 && status < 500) {
                    throw new FetchException(last);
                }
                String after = r.headers().firstValue("Retry-After").orElse(null);
                if (after != null && after.matches("\\d{1,4}")) {
                    wait = Duration.ofSeconds(Long.parseLong(after)).compareTo(wait) > 0 ? Duration.ofSeconds(Long.parseLong(after)) : wait;
                }
            } catch (IOException e) {
                last = "network error: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchException("interrupted");
            }
            progress.printf("  %s, retrying (%d of %d)%n", last, attempt + 1, retries);
            progress.flush();
        }
        throw new FetchException(last + " (after " + retries + " retries)");
    }

    /** One request at a time, no more often than the interval. */
    private void pace() {
        long due = lastRequest + interval.toMillis();
        long now = System.currentTimeMillis();
        if (now < due) {
            sleep(Duration.ofMillis(due - now));
        }
        lastRequest = System.currentTimeMillis();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Written beside and moved in place, so an interrupted write never leaves half a file in the cache. */
    private static void write(Path file, byte[] body) throws IOException {
        Files.createDirectories(file.getParent());
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.write(part, body);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
        }
        return p;
    }

    private static Map<String, String> map(Properties p) {
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    /** Sorted, without the date comment Properties.store writes, so the cache is the same on every run. */
    private static void store(Path file, Map<?, ?> values) throws IOException {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(values).forEach((k, v) -> sb.append(escape(k.toString())).append('=').append(escape(v.toString())).append('\n'));
        write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '=' || c == ':' || c == '#' || c == '!' || c == ' ') {
                sb.append('\\');
            }
            if (c > 126 || c < 32) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String string(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v != null && v.isString() ? v.getAsString().value() : null;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
