package org.kvgraph.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses a request body larger than {@link #MAX_BYTES}: 413 when its Content-Length says so; a body sent without
 * one (chunked) is cut off with an error once it passes the limit. A SPARQL query or update of a megabyte is far
 * beyond any real one; without the limit a 20 MB "query" was read and parsed for minutes.
 */
final class RequestSizeLimit implements Filter {
    /** 1 MiB. */
    static final long MAX_BYTES = 1L << 20;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse res)) {
            chain.doFilter(request, response);
            return;
        }
        long length = http.getContentLengthLong();
        if (length > MAX_BYTES) {
            res.setHeader("Connection", "close");
            res.sendError(413, "Request body of " + length + " bytes is larger than the " + MAX_BYTES + " allowed");
            return;
        }
        chain.doFilter(length >= 0 ? http : new Limited(http), response);
    }

    /** A request whose body stream fails once more than {@link #MAX_BYTES} have been read. */
    private static final class Limited extends HttpServletRequestWrapper {
        private ServletInputStream in;

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (in == null) {
                ServletInputStream raw = super.getInputStream();
                in = new ServletInputStream() {
                    long read;

                    private void count(long n) throws IOException {
                        read += Math.max(0, n);
                        if (read > MAX_BYTES) {
                            throw new IOException("request body larger than " + MAX_BYTES + " bytes");
                        }
                    }

                    @Override
                    public int read() throws IOException {
                        int b = raw.read();
                        count(b < 0 ? 0 : 1);
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = raw.read(b, off, len);
                        count(n);
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return raw.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return raw.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        raw.setReadListener(listener);
                    }
                };
            }
            return in;
        }
    }
}
