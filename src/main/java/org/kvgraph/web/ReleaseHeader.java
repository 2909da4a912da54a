package org.kvgraph.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Names the release that answers on every response ({@value #HEADER}: the {@code owl:versionInfo} of the served
 * release's description), so a client behind a load balancer can tell which release a replica served. The
 * value is taken once, when the request arrives, from the generation being served then.
 */
final class ReleaseHeader implements Filter {
    static final String HEADER = "X-Kvgraph-Release";
    private final Supplier<String> version;

    ReleaseHeader(Supplier<String> version) {
        this.version = version;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (resp instanceof HttpServletResponse http) {
            http.setHeader(HEADER, version.get());
            http.addHeader("Access-Control-Expose-Headers", HEADER);
        }
        chain.doFilter(req, resp);
    }
}
