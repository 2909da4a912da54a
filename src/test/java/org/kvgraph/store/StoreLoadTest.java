package org.kvgraph.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.rdf.Uris;

/** What {@link Store#load} counts and indexes, compared with the slower ways it replaced. */
class StoreLoadTest {
    @TempDir
    Path tmp;

    /**
     * Quads repeated in one file and across files, and the same triple in several graphs: the counts read from
     * the indexes are the distinct quads and the distinct triples of the union, as the COUNT queries give them.
     */
    @Test
    void countsReadFromTheIndexesEqualTheCountQueriesWithDuplicates() throws IOException {
        Path nq = tmp.resolve("a.nq");
        Files.writeString(nq, """
                <http://example.org/s1> <http://example.org/p> "x" <http://example.org/g1> .
                <http://example.org/s1> <http://example.org/p> "x" <http://example.org/g1> .
                <http://example.org/s1> <http://example.org/p> "x" <http://example.org/g2> .
                <http://example.org/s1> <http://example.org/p> "x" <http://example.org/g3> .
                <http://example.org/s2> <http://example.org/p> <http://example.org/s1> <http://example.org/g2> .
                <http://example.org/s1> <http://example.org/q> "x" <http://example.org/g2> .
                """, StandardCharsets.UTF_8);
        Path nt = tmp.resolve("b.nt");
        Files.writeString(nt, """
                <http://example.org/s1> <http://example.org/p> "x" .
                <http://example.org/s1> <http://example.org/p> "x" .
                <http://example.org/s3> <http://example.org/p> "y" .
                """, StandardCharsets.UTF_8);
        Path nq2 = tmp.resolve("c.nq");
        Files.writeString(nq2, """
                <http://example.org/s1> <http://example.org/p> "x" <http://example.org/g1> .
                <http://example.org/s2> <http://example.org/p> <http://example.org/s1> <http://example.org/g2> .
                """, StandardCharsets.UTF_8);
        Store store = new Store(tmp.resolve("db"));
        Store.LoadReport r = store.load(Inputs.of(List.of(nq, nt, nq2)), Uris.DEFAULT_BASE, true, quiet());
        // Distinct quads: s1 p x in g1, g2, g3 and b.nt's graph; s2 p s1 in g2; s1 q x in g2; s3 p y = 7.
        // Distinct triples: s1 p x, s2 p s1, s1 q x, s3 p y = 4.
        assertEquals(7, r.quads());
        assertEquals(4, r.triples());
        try (Store.Opened db = store.open()) {
            DatasetGraph tdb = db.tdb();
            long[] byQueries = Txn.calculateRead(tdb, () -> Store.countByQueries(tdb));
            long[] fromIndexes = Txn.calculateRead(tdb, () -> Store.countFromIndexes(tdb));
            assertArrayEquals(byQueries, fromIndexes);
            assertTrue(statistics(tdb) > 0, "the load materialised statistics");
            assertArrayEquals(new long[] {r.quads(), r.triples()}, dataCounts(tdb));
        }
        assertEquals("7", store.currentMetadata().orElseThrow().getProperty("quads"));
        assertEquals("4", store.currentMetadata().orElseThrow().getProperty("triples"));
    }

    /** Both bulk loaders load the same data: the same counts, text index entries and answers. */
    /** An opened database keeps TDB2's default of decoded nodes, or one per KiB of heap when that is more. */
    @Test
    void theNodeCacheOfAnOpenedDatabaseGrowsWithTheHeap() {
        assertEquals(1_000_000, Store.nodeCacheSize(512L << 20), "TDB2's default below 1 GB of heap");
        assertEquals(3L << 20, Store.nodeCacheSize(3L << 30));
        Store store = new Store(tmp.resolve("cache"));
        store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, quiet());
        try (Store.Opened opened = store.open()) {
            assertEquals(Store.nodeCacheSize(Runtime.getRuntime().maxMemory()),
                    org.apache.jena.tdb2.sys.TDBInternal.getDatasetGraphTDB(opened.tdb()).getStoreParams().getNodeId2NodeCacheSize());
            assertTrue(Txn.calculateRead(opened.dataset(), () -> opened.dataset().getUnionGraph().size()) > 1000,
                    "the data is read with it");
        }
        System.setProperty("kvgraph.nodecache", "123456");
        try (Store.Opened opened = new Store(tmp.resolve("cache")).open()) {
            assertEquals(123456, org.apache.jena.tdb2.sys.TDBInternal.getDatasetGraphTDB(opened.tdb()).getStoreParams()
                    .getNodeId2NodeCacheSize(), "-Dkvgraph.nodecache overrides it");
        } finally {
            System.clearProperty("kvgraph.nodecache");
        }
    }

    @Test
    void theBasicLoaderLoadsWhatThePhasedOneLoads() {
        Store phased = new Store(tmp.resolve("phased"));
        Store basic = new Store(tmp.resolve("basic"));
        Inputs in = Inputs.of(List.of(Path.of("data")));
        Store.LoadReport p = phased.load(in, Uris.DEFAULT_BASE, false, Store.Loader.PHASED, quiet());
        Store.LoadReport b = basic.load(in, Uris.DEFAULT_BASE, false, Store.Loader.BASIC, quiet());
        assertEquals(p.quads(), b.quads());
        assertEquals(p.triples(), b.triples());
        assertEquals(p.indexed(), b.indexed());
        try (Store.Opened db = basic.open()) {
            DatasetGraph tdb = db.tdb();
            assertArrayEquals(new long[] {b.quads(), b.triples()}, dataCounts(tdb));
        }
    }

    /** On the bundled data (source documents converted, derived facts), the two counts agree as well. */
    @Test
    void countsReadFromTheIndexesEqualTheCountQueriesOnTheBundledData() {
        Store store = new Store(tmp.resolve("db"));
        Store.LoadReport r = store.load(Inputs.of(List.of(Path.of("data"))), Uris.DEFAULT_BASE, false, quiet());
        assertTrue(r.quads() > 1000, "bundled data loaded: " + r.quads());
        try (Store.Opened db = store.open()) {
            DatasetGraph tdb = db.tdb();
            long[] byQueries = Txn.calculateRead(tdb, () -> Store.countByQueries(tdb));
            assertArrayEquals(byQueries, Txn.calculateRead(tdb, () -> Store.countFromIndexes(tdb)));
            assertArrayEquals(dataCounts(tdb), new long[] {r.quads(), r.triples()});
        }
    }

    /** The triples of the statistics materialised at load (not counted in a load's report). */
    private static long statistics(DatasetGraph tdb) {
        return Txn.calculateRead(tdb, () -> tdb.getGraph(
                new Uris(Uris.DEFAULT_BASE).graph(org.kvgraph.stats.Materialised.GRAPH_NAME)).size());
    }

    /**
     * The counts by COUNT queries without the statistics graph: its observations are blank nodes of that graph
     * alone, so each of its triples is one quad and one distinct triple of the union.
     */
    private static long[] dataCounts(DatasetGraph tdb) {
        long[] all = Txn.calculateRead(tdb, () -> Store.countByQueries(tdb));
        long statistics = statistics(tdb);
        return new long[] {all[0] - statistics, all[1] - statistics};
    }

    /**
     * The text index written while the data streams in (large RAM buffer, one commit) holds the same entries as
     * the one read back from the loaded union graph with Lucene's default settings, as loads made it before: for
     * each field, each term leads to the same subjects, and there are as many entries. The data has the same
     * title in two graphs and twice in one file (one entry), a title that is an IRI (not indexed) and the bundled
     * documents.
     */
    @Test
    void textIndexWrittenWhileStreamingHoldsWhatTheRebuildFromTheStoreHeld() throws IOException {
        Path nq = tmp.resolve("titles.nq");
        Files.writeString(nq, """
                <http://example.org/d1> <http://purl.org/dc/terms/title> "Sancties tegen Rusland"@nl <http://example.org/g1> .
                <http://example.org/d1> <http://purl.org/dc/terms/title> "Sancties tegen Rusland"@nl <http://example.org/g2> .
                <http://example.org/d1> <http://purl.org/dc/terms/title> "Sancties tegen Rusland"@nl <http://example.org/g2> .
                <http://example.org/d2> <http://purl.org/dc/terms/title> <http://example.org/not-a-text> <http://example.org/g1> .
                <http://example.org/d3> <http://purl.org/dc/terms/title> "Kwxyzzyplan" <http://example.org/g1> .
                """, StandardCharsets.UTF_8);
        Store store = new Store(tmp.resolve("db"));
        Store.LoadReport r = store.load(Inputs.of(List.of(Path.of("data"), nq)), Uris.DEFAULT_BASE, false, quiet());
        Path plain = tmp.resolve("plain-lucene");
        long plainCount;
        try (Store.Opened db = store.open()) {
            plainCount = TextIndexes.rebuild(db.tdb(), plain, false);
        }
        assertEquals(plainCount, r.indexed());
        Map<String, Set<String>> bulk = postings(r.generation().resolve("lucene"));
        Map<String, Set<String>> reference = postings(plain);
        assertFalse(reference.isEmpty());
        assertTrue(reference.keySet().stream().anyMatch(k -> k.startsWith("text:")), "kv:text indexed");
        assertTrue(reference.keySet().stream().anyMatch(k -> k.startsWith("title:")), "titles indexed");
        assertEquals(Set.of("http://example.org/d1"), reference.get("title:" + stem("sancties")));
        assertEquals(Set.of("http://example.org/d3"), reference.get("title:" + stem("Kwxyzzyplan")));
        assertEquals(reference, bulk);
        assertEquals(numDocs(plain), numDocs(r.generation().resolve("lucene")));
        assertEquals(plainCount, numDocs(plain));
    }

    private static String stem(String word) throws IOException {
        try (DutchTextAnalyzer a = new DutchTextAnalyzer();
             org.apache.lucene.analysis.TokenStream ts = a.tokenStream("title", word)) {
            var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            ts.reset();
            assertTrue(ts.incrementToken());
            String out = term.toString();
            ts.end();
            return out;
        }
    }

    private static long numDocs(Path dir) throws IOException {
        try (FSDirectory d = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(d)) {
            return reader.numDocs();
        }
    }

    /** field:term → the URIs of the documents holding it, for every indexed field of every document. */
    private static Map<String, Set<String>> postings(Path dir) throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        try (FSDirectory d = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(d)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                StoredFields stored = leaf.reader().storedFields();
                for (TextIndexes.Field f : TextIndexes.FIELDS) {
                    Terms terms = leaf.reader().terms(f.name());
                    if (terms == null) {
                        continue;
                    }
                    TermsEnum te = terms.iterator();
                    for (BytesRef term = te.next(); term != null; term = te.next()) {
                        String key = f.name() + ":" + term.utf8ToString();
                        PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
                        for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
                            out.computeIfAbsent(key, k -> new TreeSet<>()).add(stored.document(doc).get("uri"));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static PrintWriter quiet() {
        return new PrintWriter(new StringWriter());
    }
}
