package org.kvgraph.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.text.Entity;
import org.apache.jena.query.text.EntityDefinition;
import org.apache.jena.query.text.TextDatasetFactory;
import org.apache.jena.query.text.TextIndex;
import org.apache.jena.query.text.TextIndexConfig;
import org.apache.jena.query.text.TextIndexLucene;
import org.apache.jena.query.text.TextQueryFuncs;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.store.FSDirectory;
import org.kvgraph.rdf.KV;

/**
 * The jena-text (Lucene) index of a store generation: question and answer texts ({@code kv:text}, the default
 * field), titles, names and labels, analysed for Dutch so that "sancties" also finds "sanctie".
 *
 * <pre>{@code
 * SELECT ?s { ?s text:query "sancties" }                 # kv:text
 * SELECT ?s { ?s text:query (dcterms:title "Microsoft") } # titles
 * }</pre>
 *
 * TDB2's bulk loaders bypass a text index, so the index is rebuilt from the stored data after every load.
 */
public final class TextIndexes {
    /** Lucene field for each indexed predicate; the first is the default field of {@code text:query}. */
    static final List<Field> FIELDS = List.of(
            new Field("text", KV.text),
            new Field("title", KV.title),
            new Field("name", KV.name),
            new Field("label", KV.prefLabel));

    record Field(String name, Node predicate) {
    }

    private TextIndexes() {
    }

    static TextIndexConfig config() {
        EntityDefinition def = new EntityDefinition("uri", FIELDS.get(0).name(), FIELDS.get(0).predicate());
        for (Field f : FIELDS.subList(1, FIELDS.size())) {
            def.set(f.name(), f.predicate());
        }
        TextIndexConfig config = new TextIndexConfig(def);
        Analyzer dutch = new DutchTextAnalyzer();
        config.setAnalyzer(dutch);
        config.setQueryAnalyzer(dutch);
        config.setValueStored(false);
        return config;
    }

    /** Opens (creating if needed) the Lucene index in a folder. */
    static TextIndex open(Path dir) {
        try {
            return TextDatasetFactory.createLuceneIndex(FSDirectory.open(dir), config());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open text index " + dir, e);
        }
    }

    /**
     * Sets the index writer up for one bulk build: a RAM buffer of up to 256 MB (an eighth of the heap at most)
     * instead of Lucene's 16 MB, so that a large build writes a few large segments, not many small ones that are
     * then merged again and again. The build commits once, at its end.
     */
    static void forBulk(TextIndex index) {
        if (index instanceof TextIndexLucene lucene) {
            long mb = Math.max(16, Math.min(256, Runtime.getRuntime().maxMemory() / (8L << 20)));
            lucene.getIndexWriter().getConfig().setRAMBufferSizeMB(mb);
        }
    }

    /** Wraps a dataset so that {@code text:query} uses the index (and updates keep it current). */
    static DatasetGraph wrap(DatasetGraph base, TextIndex index) {
        return TextDatasetFactory.create(base, index, true);
    }

    /**
     * Indexes every indexed triple of the union graph (each distinct triple once, whatever graphs hold it).
     * Returns the number of entries written.
     */
    static long rebuild(DatasetGraph dsg, Path dir) {
        return rebuild(dsg, dir, true);
    }

    /** {@link #rebuild(DatasetGraph, Path)}, with Lucene's default settings unless {@code bulk} (for tests). */
    static long rebuild(DatasetGraph dsg, Path dir, boolean bulk) {
        TextIndex index = open(dir);
        try {
            if (bulk) {
                forBulk(index);
            }
            EntityDefinition def = index.getDocDef();
            long[] n = {0};
            Txn.executeRead(dsg, () -> {
                Graph union = dsg.getUnionGraph();
                for (Field f : FIELDS) {
                    ExtendedIterator<Triple> it = union.find(Node.ANY, f.predicate(), Node.ANY);
                    try {
                        while (it.hasNext()) {
                            Triple t = it.next();
                            if (!t.getObject().isLiteral()) {
                                continue;
                            }
                            Entity e = TextQueryFuncs.entityFromQuad(def, Quad.defaultGraphIRI,
                                    t.getSubject(), t.getPredicate(), t.getObject());
                            if (e != null) {
                                index.addEntity(e);
                                n[0]++;
                            }
                        }
                    } finally {
                        it.close();
                    }
                }
            });
            index.prepareCommit();
            index.commit();
            return n[0];
        } finally {
            index.close();
        }
    }
}
