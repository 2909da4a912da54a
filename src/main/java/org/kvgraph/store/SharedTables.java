package org.kvgraph.store;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.jena.dboe.transaction.txn.Transaction;
import org.apache.jena.tdb2.store.DatasetGraphTDB;

/**
 * What {@link ScanJoin} keeps of a store between queries: the sizes of the ranges it counted, and the tables it read,
 * so that eight clients asking for the same listing read each range once between them instead of eight times, and
 * hold one table instead of eight (at 200,000 sets the tables of query 07 are tens of megabytes).
 *
 * <p>A table belongs to the data version of the read transaction that read it (TDB2 counts the write transactions
 * committed); a query in a later version drops the tables of earlier ones, one in an earlier version (a read that
 * began before an update committed) reads its own and keeps it to itself, and so does a query in a write
 * transaction (an update's WHERE), which may see what is not committed. The tables kept are at most
 * {@code kvgraph.scanjoin.tableBytes} bytes in all (by default an eighth of the heap), the least recently used
 * dropped first; a table larger than that is not kept.
 */
final class SharedTables {
    private static final Map<DatasetGraphTDB, SharedTables> STORES = new WeakHashMap<>();

    /** Tables read since the start, and tables taken from those kept (for tests). */
    static final AtomicLong READ = new AtomicLong();
    static final AtomicLong REUSED = new AtomicLong();

    /** The entries of the ranges counted on this store (a predicate's, or a predicate's and an object term's). */
    final Map<List<Long>, Long> sizes = new ConcurrentHashMap<>();

    private final long budget;
    private final LinkedHashMap<List<Long>, Entry> tables = new LinkedHashMap<>(16, 0.75f, true);
    private long version = Long.MIN_VALUE;
    private long bytes;

    private static final class Entry {
        final FutureTask<IdTable> task;
        long bytes = -1;

        Entry(FutureTask<IdTable> task) {
            this.task = task;
        }
    }

    private SharedTables(long budget) {
        this.budget = budget;
    }

    static SharedTables of(DatasetGraphTDB dsg) {
        synchronized (STORES) {
            return STORES.computeIfAbsent(dsg, d -> new SharedTables(
                    Long.getLong("kvgraph.scanjoin.tableBytes", Runtime.getRuntime().maxMemory() / 8)));
        }
    }

    /**
     * The data version of the calling thread's read transaction on the store; null outside one, and in a write
     * transaction, whose tables may hold what it has not committed (and may never commit).
     */
    static Long version(DatasetGraphTDB dsg) {
        Transaction txn = dsg.getTxnSystem().getThreadTransaction();
        return txn == null || !txn.isReadTxn() ? null : txn.getDataVersion();
    }

    /**
     * The table for the key in the given data version: kept, being read by another query (then waited for), or read
     * now by {@code read}. Without a version (no read transaction) it is read and not kept.
     */
    IdTable table(List<Long> key, Long dataVersion, Supplier<IdTable> read) {
        if (dataVersion == null) {
            READ.incrementAndGet();
            return read.get();
        }
        Entry entry;
        boolean mine = false;
        synchronized (this) {
            if (dataVersion > version) {
                tables.clear();
                bytes = 0;
                version = dataVersion;
            }
            if (dataVersion < version) {
                entry = null;
            } else {
                entry = tables.get(key);
                if (entry == null) {
                    entry = new Entry(new FutureTask<>(read::get));
                    tables.put(key, entry);
                    mine = true;
                }
            }
        }
        if (entry == null) {
            READ.incrementAndGet();
            return read.get();
        }
        if (mine) {
            READ.incrementAndGet();
            entry.task.run();
        } else {
            REUSED.incrementAndGet();
        }
        IdTable table;
        try {
            table = entry.task.get();
        } catch (ExecutionException e) {
            synchronized (this) {
                tables.remove(key, entry);
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while another query read the table", e);
        }
        if (mine) {
            synchronized (this) {
                account(key, entry, table.bytes());
            }
        }
        return table;
    }

    /**
     * The table kept for the key in the given data version, if one is kept and read to its end; else null (none, one
     * still being read, or no version). Does not read or wait.
     */
    IdTable kept(List<Long> key, Long dataVersion) {
        if (dataVersion == null) {
            return null;
        }
        Entry entry;
        synchronized (this) {
            if (dataVersion != version) {
                return null;
            }
            entry = tables.get(key);
        }
        if (entry == null || !entry.task.isDone()) {
            return null;
        }
        try {
            IdTable table = entry.task.get();
            REUSED.incrementAndGet();
            return table;
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void account(List<Long> key, Entry entry, long size) {
        if (tables.get(key) != entry) {
            return; // dropped with its version meanwhile
        }
        if (size > budget) {
            tables.remove(key);
            return;
        }
        entry.bytes = size;
        bytes += size;
        Iterator<Map.Entry<List<Long>, Entry>> lru = tables.entrySet().iterator();
        while (bytes > budget && lru.hasNext()) {
            Entry e = lru.next().getValue();
            if (e.bytes >= 0 && e != entry) {
                bytes -= e.bytes;
                lru.remove();
            }
        }
    }
}
