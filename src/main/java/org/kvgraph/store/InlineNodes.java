package org.kvgraph.store;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.jena.graph.Node;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.NodeIdFactory;
import org.apache.jena.tdb2.store.NodeIdType;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetable.NodeTableWrapper;

/**
 * TDB2's node table, with the terms of inline node ids decoded once and kept: the rows {@link ScanJoin} makes read
 * their terms through it.
 *
 * <p>TDB2 keeps a date, an integer, a decimal or a boolean in the node id itself, and makes a new term of it each
 * time a row's variable is read: its lexical form, then a literal whose value is parsed again from that form (a date
 * by the XML Schema validator), then its hash. None of that goes through the node cache. The listings read up to
 * five dates and numbers a row (query 16: submitted, due and first answer dates, two counts), and their corpora
 * have a few thousand distinct ones; an allocation profile of query 16 at 50,000 sets (JFR, in-process) had a fifth
 * of its bytes in making such terms (docs/benchmarks.md, thirteenth session).
 *
 * <p>An inline node id is its term's value, whatever the store or its version, so the terms are kept for every
 * query: at most {@value #MAX} of them, all dropped when that many are kept. Terms are immutable and shared between
 * threads. {@code -Dkvgraph.inlinecache=false} leaves TDB2's decoding, for measuring the difference.
 */
final class InlineNodes extends NodeTableWrapper {
    static final int MAX = 1 << 16;

    static final boolean OFF = "false".equals(System.getProperty("kvgraph.inlinecache"));

    /**
     * The terms by their ids' type and 64-bit form. (Not by the {@link NodeId} itself: its {@code equals} compares the
     * value bits alone, so the boolean true and the integer 1 are equal ids; {@code InlineNodesTest}.)
     */
    private static final ConcurrentHashMap<Key, Node> DECODED = new ConcurrentHashMap<>();

    private record Key(NodeIdType type, long bits) {
        static Key of(NodeId id) {
            ByteBuffer b = ByteBuffer.allocate(NodeId.SIZE);
            NodeIdFactory.set(id, b, 0);
            return new Key(id.type(), b.getLong(0));
        }
    }

    private InlineNodes(NodeTable nodes) {
        super(nodes);
    }

    /** The node table whose inline terms are kept, or {@code nodes} itself when that is turned off. */
    static NodeTable over(NodeTable nodes) {
        return OFF ? nodes : new InlineNodes(nodes);
    }

    @Override
    public Node getNodeForNodeId(NodeId id) {
        if (!NodeId.isInline(id)) {
            return super.getNodeForNodeId(id);
        }
        Key key = Key.of(id);
        Node kept = DECODED.get(key);
        if (kept != null) {
            return kept;
        }
        Node term = NodeId.extract(id);
        if (term == null) {
            return super.getNodeForNodeId(id);
        }
        if (DECODED.size() >= MAX) {
            DECODED.clear();
        }
        DECODED.put(key, term);
        return term;
    }

    /** How many terms are kept (for tests). */
    static int kept() {
        return DECODED.size();
    }
}
