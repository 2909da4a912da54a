package org.kvgraph.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Caches the answers of read queries for an unchanged store (issue 8): a SPARQL query sent again with the same
 * text, parameters and {@code Accept} header to the same query endpoint of the same store generation gets the
 * stored bytes instead of being evaluated again.
 *
 * <p>Correctness before speed:
 * <ul>
 * <li>The key holds the generation being served (from the supplier, read when the request arrives), so a reload
 * never serves an answer of the previous database; entries of an older generation are dropped on first sight
 * of a new one.</li>
 * <li>Every other request to the dataset that may write (any method but GET, HEAD and OPTIONS that is not a
 * query to a query endpoint: {@code /update}, {@code /data} in update mode) moves a write epoch on when it starts
 * and again when it ends, and the epoch is part of the key. An answer is stored only when no write was running
 * when its query started or ended and the epoch and generation did not change in between.</li>
 * <li>Only complete answers are stored: status 200, no error sent, no exception, and not larger than a quarter
 * of the cache. The keys of the last {@value #TOO_LARGE_KEYS} answers found larger are kept, and those answers are
 * passed through without a copy when asked again.</li>
 * </ul>
 * The size is bounded by the bytes of the stored bodies (least recently used entries go first); {@code 0}
 * bytes turns the cache off. A request with {@code Cache-Control: no-cache} (or {@code no-store}) is evaluated
 * afresh (a benchmark's cold run) and its answer replaces the stored one. Every query response says what
 * happened in {@value #HEADER}: {@code hit}, {@code miss} or {@code bypass}.
 */
final class ResultCache implements Filter {
    static final String HEADER = "X-Kvgraph-Cache";
    /** Default bound of the stored bodies: 256 MiB; system property {@code kvgraph.cache.bytes} overrides it. */
    static final long DEFAULT_BYTES = 256L << 20;

    private final String dataset;
    private final Set<String> queryEndpoints;
    private final Supplier<Object> generation;
    private final long maxBytes;
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicInteger writing = new AtomicInteger();
    private volatile Runnable afterWrite;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    /**
     * Keys whose answer was too large to store (the most recent {@value #TOO_LARGE_KEYS}): asked again, their
     * answer is passed through without a copy. Copying an answer that is then dropped made a listing at 200,000 sets
     * a quarter slower at 8 clients (query 16, p50: 32.7 and 34.1 s copying, 24.1 and 26.2 s with the cache off;
     * docs/benchmarks.md, eighth session).
     */
    private final LinkedHashMap<String, Boolean> tooLarge = new LinkedHashMap<>(64, 0.75f, true);
    static final int TOO_LARGE_KEYS = 256;
    private final AtomicLong copiedBytes = new AtomicLong();
    private long bytes;
    private Object lastGeneration;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * One stored answer. Its body is kept in the chunks it was copied into (none larger than {@code Capture.CHUNK}),
     * not joined into one array: a listing's answer of 65 MB (query 07 at 200,000 sets) would otherwise be copied a
     * second time, into one array as large as the answer.
     */
    private record Entry(String contentType, Map<String, String> headers, List<byte[]> body, long length) {
    }

    /**
     * @param dataset        the dataset path, e.g. {@code /kamervragen}
     * @param queryEndpoints the names of its query endpoints ({@code ""}, {@code sparql}, {@code query})
     * @param generation     what identifies the data being served; compared with {@code equals}
     * @param maxBytes       the bound of the stored bodies; 0 turns caching off
     */
    ResultCache(String dataset, Set<String> queryEndpoints, Supplier<Object> generation, long maxBytes) {
        this.dataset = dataset;
        this.queryEndpoints = queryEndpoints;
        this.generation = generation;
        this.maxBytes = maxBytes;
    }

    static long configuredBytes() {
        return Long.getLong("kvgraph.cache.bytes", DEFAULT_BYTES);
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }

    synchronized long storedBytes() {
        return bytes;
    }

    /** The bytes of answers copied so far to be stored (whether they were stored or found too large). For tests. */
    long copiedBytes() {
        return copiedBytes.get();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (!path.equals(dataset) && !path.startsWith(dataset + "/")) {
            chain.doFilter(request, response);
            return;
        }
        String endpoint = path.length() == dataset.length() ? "" : path.substring(dataset.length() + 1);
        String method = req.getMethod();
        boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        boolean query = queryEndpoints.contains(endpoint) && isQuery(req);
        if (!query) {
            if (read) {
                chain.doFilter(request, response);
                return;
            }
            // may write: no answer computed meanwhile is stored, and none stored before is used afterwards
            writing.incrementAndGet();
            epoch.incrementAndGet();
            try {
                chain.doFilter(request, response);
            } finally {
                epoch.incrementAndGet();
                writing.decrementAndGet();
            }
            Runnable after = afterWrite;
            if (after != null && response instanceof HttpServletResponse r && r.getStatus() < 400) {
                after.run();
            }
            return;
        }
        if (maxBytes <= 0) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = null;
        if (isQueryBody(req)) {
            body = req.getInputStream().readAllBytes();
            req = new Replay(req, body);
            request = req;
        }
        Object gen = generation.get();
        long startEpoch = epoch.get();
        boolean quiet = writing.get() == 0;
        String key = key(req, endpoint, gen, startEpoch, body);
        String cacheControl = String.valueOf(req.getHeader("Cache-Control")).toLowerCase();
        boolean bypass = cacheControl.contains("no-cache") || cacheControl.contains("no-store");
        if (quiet && !bypass) {
            Entry e = lookup(gen, key);
            if (e != null) {
                hits.incrementAndGet();
                res.setStatus(200);
                res.setContentType(e.contentType());
                for (Map.Entry<String, String> h : e.headers().entrySet()) {
                    res.setHeader(h.getKey(), h.getValue());
                }
                res.setHeader(HEADER, "hit");
                res.setContentLengthLong(e.length());
                if (!method.equals("HEAD")) {
                    ServletOutputStream o = res.getOutputStream();
                    for (byte[] chunk : e.body()) {
                        o.write(chunk);
                    }
                }
                return;
            }
        }
        misses.incrementAndGet();
        res.setHeader(HEADER, bypass ? "bypass" : "miss");
        if (knownTooLarge(gen, key)) {
            chain.doFilter(request, res);
            return;
        }
        Capture capture = new Capture(res, maxBytes / 4);
        boolean completed = false;
        try {
            chain.doFilter(request, capture);
            capture.flushWriter();
            completed = true;
        } finally {
            copiedBytes.addAndGet(capture.copied);
            if (completed && capture.tooLarge && gen.equals(generation.get())) {
                rememberTooLarge(gen, key);
            }
            if (completed && quiet && capture.storable() && writing.get() == 0 && epoch.get() == startEpoch
                    && gen.equals(generation.get())) {
                store(gen, key,
                        new Entry(capture.getContentType(), capture.storedHeaders(), capture.body(), capture.size));
            }
        }
    }

    private synchronized boolean knownTooLarge(Object gen, String key) {
        forget(gen);
        return tooLarge.get(key) != null;
    }

    private synchronized void rememberTooLarge(Object gen, String key) {
        forget(gen);
        tooLarge.put(key, Boolean.TRUE);
        Iterator<String> it = tooLarge.keySet().iterator();
        while (tooLarge.size() > TOO_LARGE_KEYS && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /** A query to a query endpoint: GET or POST with a {@code query} parameter, or a POST of application/sparql-query. */
    private static boolean isQuery(HttpServletRequest req) {
        String method = req.getMethod();
        if (!method.equals("GET") && !method.equals("POST") && !method.equals("HEAD")) {
            return false;
        }
        String type = req.getContentType();
        if (method.equals("POST") && type != null && type.toLowerCase().startsWith("application/sparql-query")) {
            return true;
        }
        if (method.equals("POST") && type != null && !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            return false;
        }
        return req.getParameter("query") != null && req.getParameter("update") == null;
    }

    /** Runs after every write request (update, graph store write) that succeeded; null for none. */
    void afterWrite(Runnable r) {
        this.afterWrite = r;
    }

    /**
     * Runs a write made outside a request (the statistics recomputed after an update) as a write request is: no
     * answer computed meanwhile is stored, and none stored before it is used afterwards.
     */
    void write(Runnable r) {
        writing.incrementAndGet();
        epoch.incrementAndGet();
        try {
            r.run();
        } finally {
            epoch.incrementAndGet();
            writing.decrementAndGet();
        }
    }

    /**
     * The key of a query request: generation, write epoch, endpoint, method, Accept, the body of a sparql-query
     * POST (its bytes, with its content type) and every parameter.
     */
    private static boolean isQueryBody(HttpServletRequest req) {
        String type = req.getContentType();
        return req.getMethod().equals("POST") && type != null
                && type.toLowerCase().startsWith("application/sparql-query");
    }

    private static String key(HttpServletRequest req, String endpoint, Object gen, long epoch, byte[] body) {
        StringBuilder k = new StringBuilder();
        k.append(gen).append('\n').append(epoch).append('\n').append(endpoint).append('\n')
                .append(req.getMethod().equals("HEAD") ? "GET" : req.getMethod()).append('\n')
                .append(req.getHeader("Accept")).append('\n');
        if (body != null) {
            k.append(req.getContentType()).append('\n').append(new String(body, StandardCharsets.ISO_8859_1)).append('\n');
        }
        Map<String, String[]> params = new TreeMap<>(req.getParameterMap());
        for (Map.Entry<String, String[]> p : params.entrySet()) {
            k.append(p.getKey()).append('=');
            for (String v : p.getValue()) {
                k.append(v.length()).append(':').append(v);
            }
            k.append('\n');
        }
        return k.toString();
    }

    private synchronized Entry lookup(Object gen, String key) {
        forget(gen);
        return entries.get(key);
    }

    private synchronized void store(Object gen, String key, Entry e) {
        forget(gen);
        Entry old = entries.put(key, e);
        if (old != null) {
            bytes -= old.length();
        }
        bytes += e.length();
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            bytes -= it.next().getValue().length();
            it.remove();
        }
    }

    /** Drops everything when another generation is served. */
    private void forget(Object gen) {
        if (!gen.equals(lastGeneration)) {
            entries.clear();
            tooLarge.clear();
            bytes = 0;
            lastGeneration = gen;
        }
    }

    /** Passes the response through and keeps a copy of status, content type, a few headers and the body. */
    private static final class Capture extends HttpServletResponseWrapper {
        private static final List<String> KEPT = List.of("Vary", "Content-Disposition", "Content-Language");
        /**
         * Chunks of the copy: filled in turn and stored as they are (only the last is cut to size); the first is
         * small, as most answers are.
         */
        private static final int FIRST_CHUNK = 8 * 1024;
        private static final int CHUNK = 256 * 1024;
        private final long limit;
        private final List<byte[]> chunks = new ArrayList<>();
        private int lastUsed;
        private long size;
        private long copied;
        private boolean tooLarge;
        private boolean failed;
        private int status = 200;
        private ServletOutputStream out;
        private PrintWriter writer;

        Capture(HttpServletResponse response, long limit) {
            super(response);
            this.limit = limit;
        }

        boolean storable() {
            return status == 200 && !failed && !tooLarge && getContentType() != null;
        }

        /** The copied body as its chunks, the last one cut to what it holds. */
        List<byte[]> body() {
            List<byte[]> body = new ArrayList<>(chunks);
            if (!body.isEmpty() && lastUsed < body.get(body.size() - 1).length) {
                body.set(body.size() - 1, Arrays.copyOf(body.get(body.size() - 1), lastUsed));
            }
            return List.copyOf(body);
        }

        Map<String, String> storedHeaders() {
            Map<String, String> h = new LinkedHashMap<>();
            for (String name : KEPT) {
                String v = getHeader(name);
                if (v != null) {
                    h.put(name, v);
                }
            }
            return Collections.unmodifiableMap(h);
        }

        void flushWriter() {
            if (writer != null) {
                writer.flush();
            }
        }

        private void keep(byte[] b, int off, int len) {
            if (tooLarge) {
                return;
            }
            if (size + len > limit) {
                tooLarge = true;
                chunks.clear();
                size = 0;
                return;
            }
            copied += len;
            size += len;
            while (len > 0) {
                if (chunks.isEmpty() || lastUsed == chunks.get(chunks.size() - 1).length) {
                    chunks.add(new byte[chunks.isEmpty() ? FIRST_CHUNK : CHUNK]);
                    lastUsed = 0;
                }
                byte[] chunk = chunks.get(chunks.size() - 1);
                int n = Math.min(len, chunk.length - lastUsed);
                System.arraycopy(b, off, chunk, lastUsed, n);
                lastUsed += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
            super.setStatus(sc);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            status = sc;
            failed = true;
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            status = sc;
            failed = true;
            super.sendError(sc);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            failed = true;
            super.sendRedirect(location);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (out == null) {
                ServletOutputStream raw = super.getOutputStream();
                out = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        try {
                            raw.write(b);
                        } catch (IOException | RuntimeException e) {
                            failed = true;
                            throw e;
                        }
                        keep(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        try {
                            raw.write(b, off, len);
                        } catch (IOException | RuntimeException e) {
                            failed = true;
                            throw e;
                        }
                        keep(b, off, len);
                    }

                    @Override
                    public void flush() throws IOException {
                        raw.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        raw.close();
                    }

                    @Override
                    public boolean isReady() {
                        return raw.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        raw.setWriteListener(listener);
                    }
                };
            }
            return out;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                String enc = getCharacterEncoding();
                Charset cs = enc == null ? StandardCharsets.ISO_8859_1 : Charset.forName(enc);
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), cs));
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            flushWriter();
            super.flushBuffer();
        }
    }

    /** A request whose body was read for the key, replayed to Fuseki. */
    private static final class Replay extends HttpServletRequestWrapper {
        private final byte[] body;

        Replay(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String enc = getCharacterEncoding();
            Charset cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), cs));
        }
    }
}
