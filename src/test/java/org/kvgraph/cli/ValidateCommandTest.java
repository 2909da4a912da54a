package org.kvgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import org.kvgraph.validate.SampleRecords;

/** {@code kvgraph validate} as a user runs it: exit codes and what is printed. */
class ValidateCommandTest {
    private static final Path BAD = Path.of("src/test/resources/shapes/bad");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Kvgraph.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "validate";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

    @Test
    void mapperOutputConforms() throws Exception {
        Path file = dir.resolve("kvgraph.ttl");
        try (OutputStream o = Files.newOutputStream(file)) {
            RDFDataMgr.write(o, SampleRecords.mapped(), Lang.TURTLE);
        }
        assertEquals(0, run(file.toString()), () -> out + "\n" + err);
        assertEquals("conforms", out.toString().strip());
        assertEquals("", err.toString());
    }

    @Test
    void namedGraphFilesAreValidatedAsOneUnion() throws Exception {
        Path file = dir.resolve("kvgraph.trig");
        try (OutputStream o = Files.newOutputStream(file)) {
            RDFDataMgr.write(o, SampleRecords.mappedToNamedGraphs(), Lang.TRIG);
        }
        assertEquals(0, run(file.toString()), () -> out + "\n" + err);
        assertEquals("conforms", out.toString().strip());
    }

    @Test
    void badDataPrintsEachViolationAndTheCount() {
        Path file = BAD.resolve("set-without-askers.ttl");
        assertEquals(1, run(file.toString()));
        String printed = out.toString();
        assertTrue(printed.contains("Violation: <https://w3id.org/kvgraph/id/question-set/2023Z12345> kv:askedBy: "
                + "A question set with questions has no asker (kv:askedBy)"), printed);
        assertTrue(printed.strip().endsWith("1 result: does not conform"), printed);
    }

    @Test
    void resultsOfSeveralFilesAreCounted() throws Exception {
        Path person = dir.resolve("person.ttl");
        Files.writeString(person, "<https://w3id.org/kvgraph/id/person/x> a <http://xmlns.com/foaf/0.1/Person> ;\n"
                + "  <http://www.w3.org/ns/prov#wasDerivedFrom> <https://w3id.org/kvgraph/id/source/x.txt> .\n",
                StandardCharsets.UTF_8);
        assertEquals(1, run(BAD.resolve("question-without-number.ttl").toString(), person.toString()));
        String printed = out.toString();
        assertTrue(printed.contains("A question must have exactly one kv:number"), printed);
        assertTrue(printed.contains("<https://w3id.org/kvgraph/id/person/x> foaf:familyName: A person has no foaf:familyName"), printed);
        assertTrue(printed.strip().endsWith("2 results: does not conform"), printed);
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nowhere.ttl");
        assertEquals(2, run(missing.toString()));
        assertTrue(err.toString().contains(missing.toString()), err.toString());
        assertTrue(err.toString().contains("no such file"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void unparsableFileIsNamedWithItsLine() throws Exception {
        Path broken = dir.resolve("broken.ttl");
        Files.writeString(broken, "@prefix kv: <https://w3id.org/kvgraph/def#> .\n<a> kv:number 1\n<b> kv:number 2 .\n",
                StandardCharsets.UTF_8);
        assertEquals(2, run(broken.toString()));
        assertTrue(err.toString().contains(broken.toString()), err.toString());
        assertTrue(err.toString().contains("line: 3"), err.toString());
    }

    @Test
    void aBrokenFileAmongGoodOnesStillGivesTwo() throws Exception {
        Path good = dir.resolve("good.nt");
        try (OutputStream o = Files.newOutputStream(good)) {
            RDFDataMgr.write(o, SampleRecords.mapped(), Lang.NTRIPLES);
        }
        Path broken = dir.resolve("broken.nq");
        Files.writeString(broken, "<a> <b> \"unterminated .\n", StandardCharsets.UTF_8);
        assertEquals(2, run(good.toString(), broken.toString()));
        assertTrue(err.toString().contains(broken.toString()), err.toString());
    }

    @Test
    void unknownFormatIsNamed() throws Exception {
        Path text = dir.resolve("answer.txt");
        Files.writeString(text, "Vraag 1\nKent u het bericht?\n", StandardCharsets.UTF_8);
        assertEquals(2, run(text.toString()));
        assertTrue(err.toString().contains(text + ": not an RDF file extension"), err.toString());
    }

    @Test
    void gzippedFilesAreRead() throws Exception {
        Path file = dir.resolve("kvgraph.nt.gz");
        try (OutputStream o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            RDFDataMgr.write(o, SampleRecords.mapped(), Lang.NTRIPLES);
        }
        assertEquals(0, run(file.toString()), () -> out + "\n" + err);
        assertEquals("conforms", out.toString().strip());
    }

    @Test
    void emptyInputConformsWithAWarning() throws Exception {
        Path empty = dir.resolve("empty.ttl");
        Files.writeString(empty, "# nothing converted\n", StandardCharsets.UTF_8);
        assertEquals(0, run(empty.toString()));
        assertEquals("conforms", out.toString().strip());
        assertTrue(err.toString().contains("warning: the input holds no triples"), err.toString());
    }
}
