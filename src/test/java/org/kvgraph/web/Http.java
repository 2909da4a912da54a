package org.kvgraph.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small SPARQL-protocol client over java.net.http for the server tests. */
final class Http {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** How long a request may wait for its answer when it sets no timeout of its own. */
    static final Duration NO_ANSWER = Duration.ofMinutes(10);

    private Http() {
    }

    static HttpResponse<String> get(String url, String accept) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).GET().build());
    }

    static HttpResponse<String> query(String endpoint, String query, String accept) {
        return get(endpoint + (endpoint.contains("?") ? "&" : "?") + "query=" + enc(query), accept);
    }

    static HttpResponse<String> postQuery(String endpoint, String query, String accept) {
        return send(HttpRequest.newBuilder(URI.create(endpoint)).header("Accept", accept)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + enc(query))).build());
    }

    static HttpResponse<String> update(String endpoint, String update, String user, String password) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/sparql-update")
                .POST(HttpRequest.BodyPublishers.ofString(update));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return send(b.build());
    }

    /** The single value of a one-row, one-column SELECT, via CSV. */
    static long count(String endpoint, String query) {
        HttpResponse<String> r = query(endpoint, query, "text/csv");
        if (r.statusCode() != 200) {
            throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
        }
        String[] lines = r.body().strip().split("\r?\n");
        return Long.parseLong(lines[1].strip());
    }

    /**
     * Sends a request. A pooled connection the server has closed (after refusing a request without reading its
     * body, or when a test's server stopped) fails with "received no bytes" on its next use: the request is then
     * sent once more, on a fresh connection. A server that does not answer a fresh connection still fails, and
     * one that accepts a request but never answers it fails after {@link #NO_ANSWER}.
     */
    static HttpResponse<String> send(HttpRequest request) {
        // A server that stops answering fails the test after this long instead of hanging the build; a request
        // that sets a timeout of its own keeps it.
        HttpRequest req = request.timeout().isPresent() ? request
                : HttpRequest.newBuilder(request, (name, value) -> true).timeout(NO_ANSWER).build();
        try {
            try {
                return CLIENT.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException stale) {
                return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                        .send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
