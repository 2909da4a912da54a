package org.kvgraph.convert;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * An ordered pipeline: a pure step (a document read into records) runs on worker threads, and its results are
 * handed to the consumer on the calling thread in the order of the items, whatever order the workers finish in.
 * At most {@code window} items are in flight, so memory stays bounded however many items there are. With one
 * thread nothing is started: each item is worked and consumed in turn. The step must not throw: it returns its
 * failures as results (an error or an unchecked exception it lets escape is rethrown to the caller, and the
 * workers are stopped). An exception thrown by the consumer stops the workers too and reaches the caller.
 *
 * <pre>{@code
 * InOrder.run(files, 2, Converter::outcome, (file, outcome) -> write(outcome));
 * }</pre>
 */
final class InOrder {
    private InOrder() {
    }

    /** Runs {@code work} over the items on {@code threads} workers and gives each result to {@code consume} in order. */
    static <T, R> void run(List<T> items, int threads, Function<T, R> work, BiConsumer<T, R> consume) {
        if (threads <= 1 || items.size() <= 1) {
            for (T item : items) {
                consume.accept(item, work.apply(item));
            }
            return;
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kvgraph-read-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        int window = 4 * threads + 4;
        ArrayDeque<Future<R>> inFlight = new ArrayDeque<>();
        ArrayDeque<T> waiting = new ArrayDeque<>();
        Iterator<T> next = items.iterator();
        try {
            while (next.hasNext() || !inFlight.isEmpty()) {
                while (next.hasNext() && inFlight.size() < window) {
                    T item = next.next();
                    waiting.add(item);
                    inFlight.add(pool.submit(() -> work.apply(item)));
                }
                R result = result(inFlight.poll());
                consume.accept(waiting.poll(), result);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R result(Future<R> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while converting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
