package org.kvgraph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.solver.BindingNodeId;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The row {@link ScanJoin} makes ({@link IdRow}) is, to ARQ and to TDB2, the row TDB2 would make: the same
 * variables, terms and ids, a variable of the parent's (copied down with its id, as TDB2 does) listed once, a term
 * not stored read from the parent, and TDB2's form of it when TDB2 joins it further.
 */
class IdRowTest {
    private static final Var X = Var.alloc("x");
    private static final Var Y = Var.alloc("y");
    private static final Node A = NodeFactory.createURI("https://w3id.org/kvgraph/id/person/kostić");
    private static final Node B = NodeFactory.createLiteralLang("geïnformeerd", "nl");
    private static final Node DATE = NodeFactory.createLiteralDT("2024-03-01", XSDDatatype.XSDdate);
    private static final Node NOT_STORED = NodeFactory.createLiteralString("nergens");

    private static NodeTable nodes;
    private static NodeId idA;
    private static NodeId idB;
    private static NodeId idDate;

    @BeforeAll
    static void store() {
        DatasetGraph ds = DatabaseMgr.createDatasetGraph();
        Node p = NodeFactory.createURI("http://example.org/p");
        Txn.executeWrite(ds, () -> {
            ds.getDefaultGraph().add(A, p, B);
            ds.getDefaultGraph().add(A, p, DATE);
        });
        nodes = TDBInternal.getDatasetGraphTDB(ds).getQuadTable().getNodeTupleTable().getNodeTable();
        idA = nodes.getNodeIdForNode(A);
        idB = nodes.getNodeIdForNode(B);
        idDate = nodes.getNodeIdForNode(DATE);
        assertTrue(NodeId.isInline(idDate));
        assertFalse(NodeId.isInline(idA));
    }

    private static List<Var> vars(Binding row) {
        List<Var> vars = new ArrayList<>();
        row.vars().forEachRemaining(vars::add);
        return vars;
    }

    private static List<Object> forEach(Binding row) {
        List<Object> seen = new ArrayList<>();
        row.forEach((v, n) -> {
            seen.add(v);
            seen.add(n);
        });
        return seen;
    }

    @Test
    void aRowWithoutParentIsItsVariablesAndTerms() {
        IdRow row = new IdRow(null, new Var[] {X, Y}, new NodeId[] {idA, idDate}, InlineNodes.over(nodes));
        assertEquals(List.of(X, Y), vars(row));
        assertEquals(2, row.size());
        assertFalse(row.isEmpty());
        assertEquals(A, row.get(X));
        assertEquals(DATE, row.get(Y));
        assertSame(row.get(Y), row.get(Y), "an inline term is read through InlineNodes: decoded once");
        assertTrue(row.contains(Y));
        assertFalse(row.contains(Var.alloc("z")));
        assertNull(row.get(Var.alloc("z")));
        assertEquals(idDate, row.getNodeId(Y));
        assertEquals(List.of(X, A, Y, DATE), forEach(row));
        Binding same = BindingFactory.binding(X, A, Y, DATE);
        assertEquals(same, row);
        assertEquals(row, same);
        assertEquals(same.hashCode(), row.hashCode());
        assertEquals(same, row.detach());
    }

    @Test
    void aVariableCopiedDownFromTheParentIsListedOnce() {
        // TDB2 copies the variables of a row it joins further into its ids (BindingNodeId(Binding)), so a row's
        // ids can hold a variable its parent binds
        Binding parent = BindingFactory.binding(X, A);
        IdRow row = new IdRow(parent, new Var[] {X, Y}, new NodeId[] {idA, idB}, nodes);
        assertEquals(List.of(X, Y), vars(row));
        assertEquals(2, row.size(), "TDB2's own row counts ?x twice here");
        assertEquals(List.of(Y, B, X, A), forEach(row), "its own variables, then its parent's");
        assertEquals(BindingFactory.binding(X, A, Y, B), row);
        assertEquals(idA, row.getNodeId(X));
    }

    @Test
    void aTermNotStoredIsReadFromTheParent() {
        Binding parent = BindingFactory.binding(X, NOT_STORED);
        IdRow row = new IdRow(parent, new Var[] {X, Y}, new NodeId[] {NodeId.NodeDoesNotExist, idB}, nodes);
        assertEquals(NOT_STORED, row.get(X));
        assertTrue(NodeId.isDoesNotExist(row.getNodeId(X)));
        assertEquals(BindingFactory.binding(X, NOT_STORED, Y, B), row);
    }

    @Test
    void anIdOfAnEarlierRowIsFoundThroughTheParent() {
        IdRow first = new IdRow(null, new Var[] {X}, new NodeId[] {idA}, nodes);
        IdRow second = new IdRow(first, new Var[] {Y}, new NodeId[] {idB}, nodes);
        assertEquals(idA, second.getNodeId(X));
        assertEquals(idB, second.getNodeId(Y));
        assertNull(second.getNodeId(Var.alloc("z")));
        assertEquals(List.of(X, Y), vars(second));
        assertEquals(BindingFactory.binding(X, A, Y, B), second);
    }

    @Test
    void tdb2sFormHasTheSameIdsAndParent() {
        Binding parent = BindingFactory.binding(X, A);
        IdRow row = new IdRow(parent, new Var[] {X, Y}, new NodeId[] {idA, idB}, nodes);
        BindingNodeId ids = row.getBindingId();
        assertSame(parent, ids.getParentBinding());
        assertEquals(idA, ids.get(X));
        assertEquals(idB, ids.get(Y));
        assertEquals(2, ids.size());
    }
}
