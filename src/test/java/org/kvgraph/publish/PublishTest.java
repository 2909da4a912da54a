package org.kvgraph.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.cli.CliRunner;

/** {@code kvgraph publish} of the bundled data/, twice, and {@code kvgraph verify-release} on what it wrote. */
class PublishTest {
    static final String VOID = "http://rdfs.org/ns/void#";
    static final String DCAT = "http://www.w3.org/ns/dcat#";
    static final String SPDX = "http://spdx.org/rdf/terms#";
    static final Node DATASET = NodeFactory.createURI("https://w3id.org/kvgraph/dataset");

    @TempDir
    static Path tmp;
    static Path first;
    static Path second;
    static CliRunner.Run run;

    @BeforeAll
    static void publishTwice() {
        first = tmp.resolve("one");
        second = tmp.resolve("two");
        run = CliRunner.run("publish", "--out", first.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(0, CliRunner.run("publish", "--out", second.toString(), "data").exit());
    }

    @Test
    void twoRunsGiveIdenticalBytesAndNoTemporaryFilesAreLeft() throws IOException {
        for (String f : List.of("kvgraph.ttl.gz", "kvgraph.nt.gz", "kvgraph.nq.gz", "dataset.ttl", "SHA256SUMS")) {
            assertTrue(Files.size(first.resolve(f)) > 0, f);
            assertArrayEquals(Files.readAllBytes(first.resolve(f)), Files.readAllBytes(second.resolve(f)), f);
        }
        try (Stream<Path> s = Files.list(first)) {
            assertEquals(5, s.count(), "only the release files");
        }
        // gzip header: no modification time (bytes 4-7 zero), no file name (FLG 0)
        byte[] gz = Files.readAllBytes(first.resolve("kvgraph.nt.gz"));
        assertEquals(0, gz[3]);
        assertEquals(0, gz[4] | gz[5] | gz[6] | gz[7]);
    }

    @Test
    void theChecksumsVerify() throws IOException {
        CliRunner.Run v = CliRunner.run("verify-release", first.toString());
        assertEquals(0, v.exit(), v.err());
        String sums = Files.readString(first.resolve("SHA256SUMS"));
        for (String f : Release.FILES) {
            assertTrue(sums.contains(Release.sha256(first.resolve(f)) + "  " + f + "\n"), f + " in " + sums);
        }
    }

    @Test
    void aTruncatedOrMissingFileIsDetected() throws IOException {
        Path copy = tmp.resolve("damaged");
        Files.createDirectories(copy);
        for (String f : List.of("kvgraph.ttl.gz", "kvgraph.nt.gz", "kvgraph.nq.gz", "dataset.ttl", "SHA256SUMS")) {
            Files.copy(first.resolve(f), copy.resolve(f));
        }
        assertTrue(Release.verify(copy).isEmpty());
        try (FileChannel ch = FileChannel.open(copy.resolve("kvgraph.nt.gz"), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 100);
        }
        Files.delete(copy.resolve("kvgraph.nq.gz"));
        List<String> problems = Release.verify(copy);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("kvgraph.nt.gz: SHA-256")), problems.toString());
        assertTrue(problems.contains("kvgraph.nq.gz: missing"), problems.toString());
        CliRunner.Run v = CliRunner.run("verify-release", copy.toString());
        assertEquals(1, v.exit());
        assertTrue(v.err().contains("kvgraph.nq.gz: missing"), v.err());
        Files.delete(copy.resolve("SHA256SUMS"));
        assertTrue(Release.verify(copy).get(0).endsWith("SHA256SUMS: missing"));
    }

    @Test
    void theDescriptionParsesAndStatesTheTrueCounts() throws IOException {
        Graph d = GraphFactory.createDefaultGraph();
        RDFParser.source(first.resolve("dataset.ttl")).lang(Lang.TURTLE).parse(d);

        Graph ttl = parse(first.resolve("kvgraph.ttl.gz"), Lang.TURTLE);
        Graph nt = parse(first.resolve("kvgraph.nt.gz"), Lang.NTRIPLES);
        DatasetGraph nq = org.apache.jena.sparql.core.DatasetGraphFactory.create();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(first.resolve("kvgraph.nq.gz")))) {
            RDFParser.source(in).lang(Lang.NQUADS).parse(nq);
        }
        long lines = gunzip(first.resolve("kvgraph.nt.gz")).lines().count();
        assertTrue(lines > 1000, "the bundled data: " + lines);
        assertEquals(lines, nt.size());
        assertTrue(ttl.isIsomorphicWith(nt), "Turtle and N-Triples dumps hold the same triples");
        assertTrue(nq.getUnionGraph().isIsomorphicWith(nt), "the quads' union is the triples");
        assertTrue(Iter.count(nq.listGraphNodes()) >= 20, "a named graph per source document");
        assertEquals(lines, intValue(d, DATASET, VOID + "triples"));
        Set<Node> subjects = new HashSet<>();
        nt.find().forEach(t -> subjects.add(t.getSubject()));
        assertEquals(subjects.size(), intValue(d, DATASET, VOID + "distinctSubjects"));

        // each distribution's size and checksum are those of the file
        for (String f : List.of("kvgraph.ttl.gz", "kvgraph.nt.gz", "kvgraph.nq.gz")) {
            Node dist = NodeFactory.createURI("https://w3id.org/kvgraph/dataset/distribution/" + f);
            assertTrue(d.contains(DATASET, uri(DCAT + "distribution"), dist), f);
            assertEquals(Files.size(first.resolve(f)), intValue(d, dist, DCAT + "byteSize"), f);
            Node sum = one(d, dist, SPDX + "checksum");
            assertEquals(Release.sha256(first.resolve(f)), one(d, sum, SPDX + "checksumValue").getLiteralLexicalForm());
            assertTrue(d.contains(sum, uri(SPDX + "algorithm"), uri(SPDX + "checksumAlgorithm_sha256")));
            assertEquals(uri("https://w3id.org/kvgraph/download/" + f), one(d, dist, DCAT + "downloadURL"));
            assertTrue(one(d, dist, DCAT + "mediaType").getURI().startsWith("http://www.iana.org/assignments/media-types/"));
        }
        // the class partition of question sets counts them
        long sets = nt.find(Node.ANY, uri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                uri("https://w3id.org/kvgraph/def#QuestionSet")).toList().size();
        Node part = uri("https://w3id.org/kvgraph/dataset/class/kv-QuestionSet");
        assertTrue(d.contains(DATASET, uri(VOID + "classPartition"), part));
        assertEquals(sets, intValue(d, part, VOID + "entities"));
        // licence, titles in two languages, dates from the data, link sets, endpoint
        assertTrue(d.contains(DATASET, uri("http://purl.org/dc/terms/license"),
                uri("http://creativecommons.org/publicdomain/zero/1.0/")));
        Set<String> langs = new HashSet<>();
        d.find(DATASET, uri("http://purl.org/dc/terms/title"), Node.ANY).forEach(t -> langs.add(t.getObject().getLiteralLanguage()));
        assertEquals(Set.of("nl", "en"), langs);
        assertTrue(d.find(DATASET, uri("http://purl.org/dc/terms/issued"), Node.ANY).hasNext());
        Node period = one(d, DATASET, "http://purl.org/dc/terms/temporal");
        assertTrue(one(d, period, DCAT + "startDate").getLiteralLexicalForm().compareTo(
                one(d, period, DCAT + "endDate").getLiteralLexicalForm()) < 0);
        assertTrue(d.find(Node.ANY, uri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), uri(VOID + "Linkset")).hasNext());
        assertEquals(uri("https://w3id.org/kvgraph/kamervragen/sparql"), one(d, DATASET, VOID + "sparqlEndpoint"));
        assertEquals("https://w3id.org/kvgraph/id/", one(d, DATASET, VOID + "uriSpace").getLiteralLexicalForm());
    }

    @Test
    void theTurtleDumpHasPrefixesAndABlockPerSubject() throws IOException {
        String ttl = gunzip(first.resolve("kvgraph.ttl.gz"));
        assertTrue(ttl.startsWith("@prefix "), ttl.substring(0, 40));
        String seed = "\n<https://w3id.org/kvgraph/id/question-set/2025Z10267>\n";
        assertEquals(ttl.indexOf(seed), ttl.lastIndexOf(seed), "one block for the seed set");
        assertTrue(ttl.contains("    a kv:QuestionSet ;"));
    }

    @Test
    void aWriteThatFailsLeavesNeitherAPartialFileNorATemporaryOne() throws IOException {
        Path dir = tmp.resolve("failing");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kvgraph.nt.gz"), "the previous release");
        org.apache.jena.sparql.core.Quad q = org.apache.jena.sparql.core.Quad.create(uri("https://w3id.org/kvgraph/graph/x"),
                uri("https://w3id.org/kvgraph/id/x"), uri("http://www.w3.org/2000/01/rdf-schema#label"),
                NodeFactory.createLiteralString("x"));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () ->
                Release.write(sink -> {
                    sink.accept(q);
                    throw new IOException("disk full");
                }, dir, org.kvgraph.rdf.Uris.DEFAULT_BASE, 1 << 20, line -> { }));
        assertEquals("disk full", e.getMessage());
        assertEquals("the previous release", Files.readString(dir.resolve("kvgraph.nt.gz")), "untouched");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("kvgraph.nt.gz"), s.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file or folder left");
        }
    }

    static Graph parse(Path gz, Lang lang) throws IOException {
        Graph g = GraphFactory.createDefaultGraph();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            RDFParser.source(in).lang(lang).parse(g);
        }
        return g;
    }

    static String gunzip(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Node uri(String u) {
        return NodeFactory.createURI(u);
    }

    static Node one(Graph g, Node s, String p) {
        List<Triple> ts = g.find(s, uri(p), Node.ANY).toList();
        assertEquals(1, ts.size(), s + " " + p + ": " + ts);
        return ts.get(0).getObject();
    }

    static long intValue(Graph g, Node s, String p) {
        return Long.parseLong(one(g, s, p).getLiteralLexicalForm());
    }
}
