package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.fuseki.main.sys.JettyLib;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/**
 * The server's connector keeps Fuseki's configuration (loopback, port, the 5 MiB output buffer, so responses are
 * committed as before) but with a buffer pool that reuses the output buffers: many responses do not allocate a new
 * direct buffer each ({@link OutputBuffers}).
 */
class OutputBuffersTest {
    @TempDir
    static Path tmp;
    static KvServer server;

    @BeforeAll
    static void start() {
        Store store = new Store(tmp.resolve("db"));
        store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, new PrintWriter(new StringWriter()));
        server = KvServer.start(store, KvServer.Options.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static ServerConnector connector() {
        Connector[] connectors = server.jetty().getConnectors();
        assertEquals(1, connectors.length);
        return (ServerConnector) connectors[0];
    }

    @Test
    void theConnectorKeepsFusekisSettingsWithAPoolForItsOutputBuffers() {
        int size = JettyLib.httpConfiguration().getOutputBufferSize();
        assertTrue(size > 64 * 1024, "Fuseki's output buffer is larger than Jetty's default pool keeps: " + size);
        ServerConnector c = connector();
        assertEquals("localhost", c.getHost(), "still on loopback only");
        assertEquals(server.port(), c.getLocalPort());
        assertEquals(size, c.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().getOutputBufferSize());
        ArrayByteBufferPool pool = (ArrayByteBufferPool) c.getByteBufferPool();
        assertTrue(pool.getMaxCapacity() >= size, "pool keeps buffers up to " + pool.getMaxCapacity());
    }

    @Test
    void responsesReuseTheOutputBuffersInsteadOfAllocatingOneEach() {
        int size = JettyLib.httpConfiguration().getOutputBufferSize();
        ArrayByteBufferPool pool = (ArrayByteBufferPool) connector().getByteBufferPool();
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
        String sparql = server.datasetUrl() + "/sparql";
        String ask = "ASK { ?s ?p ?o }";
        assertEquals(200, ResultCacheTest.post(sparql, ask, "application/sparql-results+json", true).statusCode());
        long before = direct.getTotalCapacity();
        int requests = 40;
        for (int i = 0; i < requests; i++) {
            // computed answers (no-cache), a SELECT and a page
            HttpResponse<String> r = ResultCacheTest.post(sparql, "SELECT ?s { ?s ?p ?o } LIMIT " + (i + 1),
                    "application/sparql-results+json", true);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(200, Http.get(server.datasetUrl().replace("/kamervragen", "/"), "text/html").statusCode());
        }
        long grown = direct.getTotalCapacity() - before;
        assertTrue(grown < 8L * size, 2 * requests + " responses allocated " + grown + " bytes of direct buffers");
        assertTrue(pool.getDirectMemory() >= size, "the pool keeps an output buffer: " + pool.getDirectMemory());
    }
}
