package org.kvgraph.store;

import java.io.PrintWriter;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.Quad;

/** Counts what passes to the loader and prints a progress line (triples, triples/s) about once a second. */
final class Progress extends StreamRDFWrapper {
    private final PrintWriter out;
    private final long start = System.nanoTime();
    private long count;
    private long lastPrint = start;

    Progress(StreamRDF other, PrintWriter out) {
        super(other);
        this.out = out;
    }

    @Override
    public void triple(Triple t) {
        super.triple(t);
        tick();
    }

    @Override
    public void quad(Quad q) {
        super.quad(q);
        tick();
    }

    long count() {
        return count;
    }

    private void tick() {
        count++;
        if ((count & 0x3FF) == 0) {
            long now = System.nanoTime();
            if (now - lastPrint > 1_000_000_000L) {
                lastPrint = now;
                print("loading");
            }
        }
    }

    /** Prints the closing progress line. */
    void done() {
        print("loaded");
    }

    /** A line about a later step of the load, with the time since the start. */
    void note(String what) {
        if (out != null) {
            out.printf("%s after %.1f s%n", what, (System.nanoTime() - start) / 1e9);
            out.flush();
        }
    }

    private void print(String what) {
        if (out == null) {
            return;
        }
        double s = (System.nanoTime() - start) / 1e9;
        out.printf("%s: %,d triples in %.1f s (%,.0f triples/s)%n", what, count, s, s > 0 ? count / s : 0.0);
        out.flush();
    }
}
