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
 * value is taken once, when the request arrives, from the generation being served then. While that generation's
 * release is still being written (or could not be written) there is no release to name, and no header is set.
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
        String v = version.get();
        if (resp instanceof HttpServletResponse http && v != null) {
            http.setHeader(HEADER, v);
            http.addHeader("Access-Control-Expose-Headers", HEADER);
        }
        chain.doFilter(req, resp);
    }
}
