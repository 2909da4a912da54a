package org.kvgraph.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.text.Entity;
import org.apache.jena.query.text.EntityDefinition;
import org.apache.jena.query.text.TextIndex;
import org.apache.jena.query.text.TextQueryFuncs;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.Quad;
import org.kvgraph.rdf.Hash128Set;

/**
 * Builds the text index while the data streams into the loader, instead of reading it back from the loaded
 * database afterwards: every quad passes on to the loader, and those that {@link TextIndexes#rebuild} would
 * index (an indexed predicate, a literal object) also go, in batches, to a thread of their own that writes
 * them to Lucene, once per distinct triple whatever graphs hold it (as the union graph has it). Distinct by
 * the terms as written (subject, predicate and object, remembered as a 96-bit fingerprint in a {@link Hash128Set}, so that
 * the long texts are not kept in memory).
 *
 * <pre>{@code
 * TextIndexFeed feed = new TextIndexFeed(loaderStream, index);
 * ... send quads to feed ...
 * long entries = feed.finishFeed();   // waits for the writer thread; the caller commits the index
 * }</pre>
 *
 * {@link #abort()} stops the thread when the load fails.
 */
final class TextIndexFeed extends StreamRDFWrapper {
    private static final int BATCH = 1000;
    private static final List<Triple> END = List.of();

    private final Set<Node> predicates = new HashSet<>();
    private final BlockingQueue<List<Triple>> queue = new ArrayBlockingQueue<>(64);
    private final Thread writer;
    private List<Triple> batch = new ArrayList<>(BATCH);
    private volatile Throwable failure;
    private volatile boolean aborted;
    private long written;

    TextIndexFeed(StreamRDF loader, TextIndex index) {
        super(loader);
        TextIndexes.FIELDS.forEach(f -> predicates.add(f.predicate()));
        writer = new Thread(() -> write(index), "kvgraph-text-index");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void triple(Triple t) {
        super.triple(t);
        see(t);
    }

    @Override
    public void quad(Quad q) {
        super.quad(q);
        see(q.asTriple());
    }

    private void see(Triple t) {
        if (t.getObject().isLiteral() && predicates.contains(t.getPredicate())) {
            batch.add(t);
            if (batch.size() >= BATCH) {
                hand(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
    }

    private void hand(List<Triple> b) {
        try {
            while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                if (failure != null || !writer.isAlive()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the text index", e);
        }
        if (failure != null) {
            throw new IllegalStateException("text index: " + failure.getMessage(), failure);
        }
    }

    /** Waits until everything sent is in the index (not committed); returns the number of entries written. */
    long finishFeed() {
        if (!batch.isEmpty()) {
            hand(batch);
            batch = new ArrayList<>();
        }
        hand(END);
        join();
        if (failure != null) {
            throw new IllegalStateException("text index: " + failure.getMessage(), failure);
        }
        return written;
    }

    /** Stops the writer thread without waiting for what is queued (the load failed). */
    void abort() {
        aborted = true;
        queue.clear();
        queue.offer(END);
        join();
    }

    private void join() {
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the text index", e);
        }
    }

    private void write(TextIndex index) {
        try {
            EntityDefinition def = index.getDocDef();
            // each distinct triple once, remembered as a fingerprint (as the converter's output de-duplicates)
            Hash128Set seen = new Hash128Set(1 << 16, false);
            Hash128Set.Hasher hasher = new Hash128Set.Hasher();
            for (List<Triple> b = queue.take(); b != END && !aborted; b = queue.take()) {
                for (Triple t : b) {
                    if (!seen.add(hasher.reset().add(t.getSubject()).add(t.getPredicate()).add(t.getObject()))) {
                        continue;
                    }
                    Entity e = TextQueryFuncs.entityFromQuad(def, Quad.defaultGraphIRI, t.getSubject(),
                            t.getPredicate(), t.getObject());
                    if (e != null) {
                        index.addEntity(e);
                        written++;
                    }
                }
            }
        } catch (Throwable e) {
            failure = e;
            queue.clear();
        }
    }
}
