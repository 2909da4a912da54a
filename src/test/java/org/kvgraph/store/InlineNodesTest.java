package org.kvgraph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.Test;

/**
 * The node table {@link ScanJoin}'s rows read their terms through gives TDB2's terms, and keeps those of inline
 * node ids (dates, numbers, booleans), within its bound.
 */
class InlineNodesTest {
    private static final List<Node> TERMS = List.of(
            NodeFactory.createLiteralDT("2024-03-01", XSDDatatype.XSDdate),
            NodeFactory.createLiteralDT("2024-03-01T10:15:00Z", XSDDatatype.XSDdateTime),
            NodeFactory.createLiteralDT("42", XSDDatatype.XSDinteger),
            NodeFactory.createLiteralDT("-7", XSDDatatype.XSDinteger),
            NodeFactory.createLiteralDT("23.5", XSDDatatype.XSDdecimal),
            NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean),
            NodeFactory.createLiteralString("geïnformeerd"),
            NodeFactory.createLiteralLang("Kostić", "nl"),
            NodeFactory.createURI("https://w3id.org/kvgraph/id/question-set/2024Z01234"));

    @Test
    void givesTdb2sTermsAndKeepsTheInlineOnes() {
        DatasetGraph ds = DatabaseMgr.createDatasetGraph();
        Node s = NodeFactory.createURI("http://example.org/s");
        Node p = NodeFactory.createURI("http://example.org/p");
        Txn.executeWrite(ds, () -> TERMS.forEach(o -> ds.getDefaultGraph().add(s, p, o)));
        NodeTable tdb = TDBInternal.getDatasetGraphTDB(ds).getQuadTable().getNodeTupleTable().getNodeTable();
        NodeTable kept = InlineNodes.over(tdb);
        assertNotSame(tdb, kept);
        // the integer 1 kept first: TDB2's ids of 1 and of true are equal by NodeId.equals
        NodeId one = NodeId.inline(NodeFactory.createLiteralDT("1", XSDDatatype.XSDinteger));
        assertEquals("1", kept.getNodeForNodeId(one).getLiteralLexicalForm());
        Txn.executeRead(ds, () -> {
            int inline = 0;
            for (Node term : TERMS) {
                NodeId id = tdb.getNodeIdForNode(term);
                assertNotNull(id, term.toString());
                Node first = kept.getNodeForNodeId(id);
                assertEquals(tdb.getNodeForNodeId(id), first, term.toString());
                assertTrue(first.sameValueAs(term), term.toString());
                if (NodeId.isInline(id)) {
                    inline++;
                    // TDB2 makes a new term at every read (but for the two booleans, which it has as constants); the
                    // table gives the one it kept
                    if (!XSDDatatype.XSDboolean.equals(term.getLiteralDatatype())) {
                        assertNotSame(tdb.getNodeForNodeId(id), tdb.getNodeForNodeId(id), term.toString());
                    }
                    assertSame(first, kept.getNodeForNodeId(id), term.toString());
                }
            }
            assertEquals(6, inline, "the date, date-time, integers, decimal and boolean are inline in TDB2");
        });
    }

    @Test
    void keepsAtMostItsBound() {
        NodeTable kept = InlineNodes.over(null); // inline ids never reach the wrapped table
        for (int i = 0; i < InlineNodes.MAX + 10; i++) {
            NodeId id = NodeId.inline(NodeFactory.createLiteralDT(Integer.toString(i), XSDDatatype.XSDinteger));
            assertTrue(NodeId.isInline(id));
            assertEquals(Integer.toString(i), kept.getNodeForNodeId(id).getLiteralLexicalForm());
            assertTrue(InlineNodes.kept() <= InlineNodes.MAX, "kept: " + InlineNodes.kept());
        }
        assertFalse(InlineNodes.kept() == 0);
    }
}
