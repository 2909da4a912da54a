package org.kvgraph.web;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Makes Jetty keep the response buffers Fuseki asks for instead of allocating one per response (issue 8).
 *
 * <p>Fuseki 5.6 gives every response a 5 MiB output buffer ({@code HttpConfiguration.outputBufferSize}) but builds
 * its Jetty server with the default buffer pool, which keeps buffers of at most 64 KiB. So every response that
 * writes anything allocated a fresh, zeroed 5 MiB direct buffer and dropped it afterwards: measured on the 50,000-set
 * database, about 1 ms of server CPU per request, and once the dropped buffers reached the direct-memory limit (the
 * heap size) a {@code System.gc()} with a full collection of 70 to 160 ms, every few hundred requests. Apache Jena
 * fixed it upstream (apache/jena issue 4084, pull request 4088) by giving the server a pool whose largest buffer is
 * the output buffer size; the Jetty server's pool cannot be replaced after Fuseki built it, so this replaces each
 * of its plain connectors, before the server starts, with one alike (host, port, timeouts, the same connection
 * factories and so the same HTTP configuration) that has such a pool. The buffer size, and so when a response is
 * committed, is unchanged.
 */
final class OutputBuffers {
    /** Idle direct (and heap) memory the pool may keep: a dozen output buffers of Fuseki's size. */
    static final long MAX_IDLE_BYTES = 64L << 20;

    private OutputBuffers() {
    }

    /** A pool that keeps buffers up to the largest output buffer of the given connectors' HTTP configurations. */
    static ByteBufferPool pool(int largest) {
        return new ArrayByteBufferPool(0, -1, Math.max(largest, 64 * 1024), -1, MAX_IDLE_BYTES, MAX_IDLE_BYTES);
    }

    /** Replaces the plain HTTP connectors of a server that has not started with ones that keep output buffers. */
    static void install(Server jetty) {
        if (jetty.isStarted() || jetty.isStarting()) {
            throw new IllegalStateException("the connectors of a running server cannot be replaced");
        }
        int largest = 0;
        for (Connector c : jetty.getConnectors()) {
            HttpConnectionFactory http = c.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                largest = Math.max(largest, http.getHttpConfiguration().getOutputBufferSize());
            }
        }
        ByteBufferPool pool = pool(largest);
        List<Connector> replaced = new ArrayList<>();
        for (Connector c : jetty.getConnectors()) {
            if (c.getClass() == ServerConnector.class && c.getByteBufferPool() != pool) {
                ServerConnector old = (ServerConnector) c;
                ServerConnector n = new ServerConnector(jetty, null, null, pool, -1, -1,
                        old.getConnectionFactories().toArray(new ConnectionFactory[0]));
                n.setHost(old.getHost());
                n.setPort(old.getPort());
                n.setIdleTimeout(old.getIdleTimeout());
                n.setShutdownIdleTimeout(old.getShutdownIdleTimeout());
                n.setAcceptQueueSize(old.getAcceptQueueSize());
                n.setReuseAddress(old.getReuseAddress());
                n.setAcceptedTcpNoDelay(old.getAcceptedTcpNoDelay());
                n.setAcceptedReceiveBufferSize(old.getAcceptedReceiveBufferSize());
                n.setAcceptedSendBufferSize(old.getAcceptedSendBufferSize());
                n.setDefaultProtocol(old.getDefaultProtocol());
                if (old.getName() != null) {
                    n.setName(old.getName());
                }
                replaced.add(n);
            } else {
                replaced.add(c);
            }
        }
        jetty.setConnectors(replaced.toArray(new Connector[0]));
    }
}
