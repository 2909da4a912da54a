package org.kvgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.store.Store;
import org.kvgraph.web.KvServer;
import picocli.CommandLine;

/** {@code kvgraph load} and {@code kvgraph query} through picocli, as the command line runs them. */
class LoadQueryCommandTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Kvgraph.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void loadReportsProgressAndCountsAndQueryReadsTheDatabase() throws Exception {
        Path db = tmp.resolve("db");
        Path ttl = tmp.resolve("extra.ttl");
        Files.writeString(ttl, "<http://example.org/x/a> <http://example.org/x/b> \"één\"@nl .\n<http://example.org/x/a> <http://example.org/x/c> 3 .\n", StandardCharsets.UTF_8);
        Run load = run("load", "--db", db.toString(), "data", ttl.toString());
        assertEquals(0, load.code(), load.err());
        assertTrue(load.err().matches("(?s).*loaded: [0-9,]+ triples in [0-9.]+ s \\([0-9,]+ triples/s\\).*"), load.err());
        Matcher m = Pattern.compile("\\(([0-9,]+) distinct triples").matcher(load.out());
        assertTrue(m.find(), load.out());
        long triples = Long.parseLong(m.group(1).replace(",", ""));

        Run count = run("query", "--db", db.toString(), "--format", "csv", org.kvgraph.DataCounts.TRIPLES);
        assertEquals(0, count.code(), count.err());
        assertEquals("n\r\n" + triples + "\r\n", count.out());

        Run tsv = run("query", "--db", db.toString(), "--format", "tsv", "SELECT ?o { <http://example.org/x/a> <http://example.org/x/b> ?o }");
        assertEquals("?o\n\"één\"@nl\n", tsv.out());
        Run json = run("query", "--db", db.toString(), "--format", "json", "ASK { <http://example.org/x/a> <http://example.org/x/c> 3 }");
        assertEquals("{\"head\":{},\"boolean\":true}\n", json.out());
        Run jsonRows = run("query", "--db", db.toString(), "--format", "json", "SELECT ?o { <http://example.org/x/a> <http://example.org/x/b> ?o }");
        assertEquals("{\"head\":{\"vars\":[\"o\"]},\"results\":{\"bindings\":[{\"o\":{\"type\":\"literal\",\"xml:lang\":\"nl\","
                + "\"value\":\"één\"}}]}}\n", jsonRows.out());
        Run table = run("query", "--db", db.toString(), "queries/14-overview.rq");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("kv:QuestionSet"), table.out());
        Run construct = run("query", "--db", db.toString(), "CONSTRUCT { <http://example.org/x/a> ?p ?o } WHERE { <http://example.org/x/a> ?p ?o }");
        assertTrue(construct.out().contains("<http://example.org/x/c>"), construct.out());

        Run bad = run("query", "--db", db.toString(), "SELECT nonsense");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("syntax error"), bad.err());
    }

    @Test
    void queryThroughAnEndpoint() {
        Path db = tmp.resolve("db");
        assertEquals(0, run("load", "--db", db.toString(), "data").code());
        try (KvServer s = KvServer.start(new Store(db), KvServer.Options.defaults().withPort(0))) {
            Run r = run("query", "--endpoint", s.datasetUrl() + "/sparql", "--format", "csv",
                    "SELECT ?c { ?s <https://w3id.org/kvgraph/def#caseNumber> ?c } ORDER BY ?c");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("c\r\n"), r.out());
            assertTrue(r.out().contains("2025Z10267"), r.out());
            Run both = run("query", "--db", db.toString(), "--endpoint", s.datasetUrl(), "ASK {}");
            assertEquals(2, both.code(), "--db and --endpoint exclude each other");
        }
    }

    @Test
    void theBasicLoaderOnRequestAndABadFileStillKeepsTheOldDatabase() throws Exception {
        Path db = tmp.resolve("db");
        Run first = run("load", "--db", db.toString(), "--loader", "basic", "data");
        assertEquals(0, first.code(), first.err());
        Path before = new Store(db).current().orElseThrow();
        Path broken = tmp.resolve("broken.ttl");
        Files.writeString(broken, "<http://example.org/x/a> <http://example.org/x/b> .\n", StandardCharsets.UTF_8);
        Run bad = run("load", "--db", db.toString(), "--loader", "basic", "data", broken.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("previous database is unchanged"), bad.err());
        assertEquals(before, new Store(db).current().orElseThrow());
        assertEquals(2, run("load", "--db", db.toString(), "--loader", "fastest", "data").code(), "an unknown loader");
    }

    @Test
    void loadRefusesMissingInputsAndKeepsTheOldDatabaseOnABadRdfFile() throws Exception {
        Path db = tmp.resolve("db");
        Run missing = run("load", "--db", db.toString(), tmp.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file or folder"), missing.err());

        assertEquals(0, run("load", "--db", db.toString(), "data").code());
        Path before = new Store(db).current().orElseThrow();
        Path broken = tmp.resolve("broken.ttl");
        Files.writeString(broken, "<http://example.org/x/a> <http://example.org/x/b> .\n", StandardCharsets.UTF_8);
        Run bad = run("load", "--db", db.toString(), "data", broken.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("broken.ttl") && bad.err().contains("previous database is unchanged"), bad.err());
        assertEquals(before, new Store(db).current().orElseThrow());
        try (var s = Files.list(db)) {
            assertEquals(1, s.filter(p -> p.getFileName().toString().startsWith("gen-")).count(),
                    "the failed load left nothing behind");
        }
    }
}
