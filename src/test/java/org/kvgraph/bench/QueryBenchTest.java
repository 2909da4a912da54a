package org.kvgraph.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The parts of the benchmark client that decide what a row count and a percentile are (no server, no timing), and
 * its warm-up against a loopback server that counts the requests.
 */
class QueryBenchTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void countsSelectBindingsAskAndTriples() {
        assertEquals(2, QueryBench.rows(utf8("{\"head\":{\"vars\":[\"n\"]},\"results\":{\"bindings\":["
                + "{\"n\":{\"type\":\"literal\",\"value\":\"1\"}},{\"n\":{\"type\":\"literal\",\"value\":\"2\"}}]}}"), false));
        assertEquals(0, QueryBench.rows(utf8("{\"head\":{\"vars\":[]},\"results\":{\"bindings\":[]}}"), false));
        assertEquals(1, QueryBench.rows(utf8("{\"head\":{},\"boolean\":false}"), false));
        assertEquals(2, QueryBench.rows(utf8("# comment\n<a:x> <a:p> <a:y> .\n\n<a:x> <a:p> \"z\" .\n"), true));
    }

    @Test
    void graphQueriesAreRecognised() {
        assertEquals(true, QueryBench.isGraphQuery("PREFIX a: <a:>\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"));
        assertEquals(false, QueryBench.isGraphQuery("SELECT * WHERE { ?s ?p ?o }"));
    }

    @Test
    void nearestRankPercentile() {
        double[] ms = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, QueryBench.percentile(ms, 50));
        assertEquals(10, QueryBench.percentile(ms, 99));
        assertEquals(Double.NaN, QueryBench.percentile(new double[0], 50));
    }

    @Test
    void theWarmUpSendsTheQueryUntilItsRunsOrSecondsAreSpent() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sparql", x -> {
            x.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            byte[] body = utf8("{\"head\":{},\"boolean\":true}");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/sparql";
            assertEquals(7, QueryBench.warmUp(url, "ASK {}", 60, 7));
            assertEquals(7, requests.get());
            assertEquals(0, QueryBench.warmUp(url, "ASK {}", 0, 1000));
            assertEquals(7, requests.get());
        } finally {
            server.stop(0);
        }
    }
}
