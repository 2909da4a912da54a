package org.kvgraph.link;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;

/**
 * A polite SPARQL client for a public endpoint: one request at a time, at least {@code minInterval} apart,
 * a timeout per request, and a request that times out (or meets 429/5xx) tried again up to {@code retries}
 * times before it is given up as {@link Unanswered}.
 */
public final class SparqlClient {
    /** User-Agent as the Wikidata Query Service asks of tools. */
    public static final String USER_AGENT = "kvgraph/0.1 (https://w3id.org/kvgraph/; linked-data converter)";
    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);

    private final HttpClient http;
    private final URI endpoint;
    private final Duration minInterval;
    private final Duration timeout;
    private final int retries;
    private long lastRequestNanos;
    private int requests;

    /** The endpoint did not answer within the retries; the message says how it failed last. */
    public static final class Unanswered extends Exception {
        public Unanswered(String message) {
            super(message);
        }
    }

    public SparqlClient(URI endpoint, Duration minInterval, Duration timeout, int retries) {
        this.endpoint = endpoint;
        this.minInterval = minInterval;
        this.timeout = timeout;
        this.retries = retries;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** How many HTTP requests were sent, retries included. */
    public int requests() {
        return requests;
    }

    /** The rows of a SELECT: for each solution, its bound variables. */
    public List<Map<String, RDFNode>> select(String query) throws Unanswered {
        String last = "";
        for (int attempt = 0; attempt <= retries; attempt++) {
            pause(attempt);
            try {
                HttpResponse<InputStream> r = http.send(request(query), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = r.body()) {
                    if (r.statusCode() == 200) {
                        return rows(ResultSetMgr.read(body, ResultSetLang.RS_JSON));
                    }
                    last = "HTTP " + r.statusCode();
                    if (!RETRYABLE.contains(r.statusCode())) {
                        throw new Unanswered(endpoint + " answered " + last);
                    }
                }
            } catch (HttpTimeoutException e) {
                last = "timed out after " + timeout.toMillis() + " ms";
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unanswered("interrupted");
            }
        }
        throw new Unanswered(endpoint + ": " + last + " (" + (retries + 1) + " attempts)");
    }

    private HttpRequest request(String query) {
        String form = "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Accept", "application/sparql-results+json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
    }

    /** Keeps requests at least minInterval apart; a retry waits longer each time. */
    private void pause(int attempt) {
        long wait = minInterval.toNanos() * (attempt + 1) - (System.nanoTime() - lastRequestNanos);
        if (requests > 0 && wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lastRequestNanos = System.nanoTime();
        requests++;
    }

    private static List<Map<String, RDFNode>> rows(ResultSet rs) {
        List<Map<String, RDFNode>> rows = new ArrayList<>();
        while (rs.hasNext()) {
            QuerySolution s = rs.next();
            Map<String, RDFNode> row = new HashMap<>();
            s.varNames().forEachRemaining(v -> row.put(v, s.get(v)));
            rows.add(row);
        }
        return rows;
    }
}
