package org.kvgraph.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.cli.CliRunner;
import org.kvgraph.convert.Converter;
import org.kvgraph.rdf.Uris;
import org.kvgraph.stats.Statistics.Period;
import org.kvgraph.stats.Statistics.Table;
import org.kvgraph.timeliness.TimelinessDerivation;

/**
 * The statistics of the bundled data against a hand check. The facts were read from the documents in data/
 * ("ingezonden …", "ontvangen …", "Antwoord van Minister … (ministry)", the members and parties in the heading):
 *
 * <pre>
 * set (ah-tk-…)   submitted   received    days  answered by (ministry)                      parties
 * 20222023-3649   2023-07-04  2023-09-14   72  minister voor Natuur en Stikstof             GroenLinks
 * 20232024-302    2023-10-03  2023-10-24   21  minister voor Langdurige Zorg en Sport       SP
 * 20232024-1076   2023-11-20  2024-02-20   92  BZK                                          Groep Van Haga
 * 20232024-878    2023-12-13  2024-01-26   44  BZK                                          CDA
 * 20232024-1178   2024-01-16  2024-03-07   51  BZK                                          D66
 * 20232024-1481   2024-02-12  2024-04-11   59  BZK                                          Volt
 * 20232024-1314   2024-03-06  2024-03-25   19  OCW                                          GroenLinks-PvdA, PvdD
 * 20232024-1432   2024-03-07  2024-04-05   29  OCW                                          BBB
 * 20232024-1292   2024-03-11  2024-03-21   10  BZK                                          BBB
 * 20232024-1771   2024-03-29  2024-05-17   49  IenW                                         SP
 * 20232024-1786   2024-04-04  2024-05-21   47  Financiën                                    PvdA, GroenLinks-PvdA
 * 20232024-1893   2024-04-18  2024-06-03   46  BZ                                           GroenLinks-PvdA
 * 20232024-1949   2024-05-06  2024-06-11   36  JenV                                         PVV
 * 20232024-1980   2024-05-07  2024-06-13   37  VWS                                          SP
 * 20232024-1984   2024-05-29  2024-06-14   16  Financiën                                    VVD
 * 20232024-1999   2024-05-30  (a "Mededeling" of 2024-06-07 only: open, due 2024-07-11)     SP, D66, GroenLinks-PvdA
 * 20232024-2129   2024-06-05  2024-06-28   23  BZ                                           SP, ChristenUnie
 * 20232024-2168   2024-06-18  2024-07-17   29  KGG                                          VVD
 * 20232024-2271   2024-06-21  2024-08-12   52  VWS                                          GroenLinks-PvdA
 * 20232024-2367   2024-06-28  2024-08-29   62  Financiën                                    GroenLinks-PvdA
 * 20232024-2210   2024-07-02  2024-07-23   21  KGG                                          VVD
 * 20232024-2313   2024-07-05  2024-08-22   48  SZW                                          GroenLinks-PvdA
 * 20232024-2395   2024-08-15  2024-08-30   15  VWS                                          PVV
 * 2025Z10267      2025-05-22  (the seed letter gives no date)  BZ and BZK                 CDA
 * </pre>
 * The set 2025Z10261, which 2025Z10267 supplements, is known only from that reference and is not counted.
 */
class StatisticsTest {
    private static Statistics stats;

    @BeforeAll
    static void load() {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(dsg, () -> {
            TimelinessDerivation d = new TimelinessDerivation(StreamRDFLib.dataset(dsg));
            assertEquals(List.of(), new Converter(new Uris(Uris.DEFAULT_BASE), false)
                    .convert(List.of(Path.of("data")), d, false));
            d.emit(null);
        });
        stats = new Statistics(Statistics.local(dsg));
    }

    private static List<String> row(Table t, String key) {
        return t.rows().stream().filter(r -> r.get(0).equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + key + " in " + t.rows()));
    }

    @Test
    void setsPerPartyAsCountedByHand() {
        Table t = stats.setsPerParty(Period.ALL);
        assertEquals(List.of("GroenLinks-PvdA", "7"), t.rows().get(0));
        assertEquals(List.of("SP", "5"), t.rows().get(1));
        assertEquals(List.of("VVD", "3"), t.rows().get(2));
        assertEquals(List.of("CDA", "2"), row(t, "CDA"));
        assertEquals(List.of("PvdD", "1"), row(t, "PvdD"));
        assertEquals(13, t.rows().size());
        // 2024 only
        Table y2024 = stats.setsPerParty(new Period(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31")));
        assertEquals(List.of("SP", "4"), row(y2024, "SP"));
        assertTrue(y2024.rows().stream().noneMatch(r -> r.get(0).equals("CDA")), y2024.rows().toString());
    }

    @Test
    void setsPerMemberAndPerOffice() {
        Table m = stats.setsPerMember(Period.ALL);
        assertEquals(List.of("Sneller", "D66", "2"), row(m, "Sneller"));
        assertEquals(List.of("Bromet", "GroenLinks", "1"), row(m, "Bromet"));
        Table o = stats.setsPerOffice(Period.ALL);
        assertEquals(List.of("minister van Justitie en Veiligheid", "4"), o.rows().get(0));
        assertEquals(List.of("minister voor Natuur en Stikstof", "1"), row(o, "minister voor Natuur en Stikstof"));
    }

    @Test
    void answerDaysPerMinistryAsCountedByHand() {
        Table t = stats.answerDaysPerMinistry(Period.ALL);
        // BZK: 10, 44, 51, 59, 92 -> median 51, p90 (rank 5 of 5) 92
        assertEquals(List.of("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "5", "51", "92", "10", "92"),
                row(t, "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"));
        // BZ: 23, 46 -> median 34.5; the seed letter has no date and does not count
        assertEquals(List.of("Ministerie van Buitenlandse Zaken", "2", "34.5", "46", "23", "46"),
                row(t, "Ministerie van Buitenlandse Zaken"));
        // Financiën: 16, 47, 62
        assertEquals(List.of("Ministerie van Financiën", "3", "47", "62", "16", "62"), row(t, "Ministerie van Financiën"));
        // an office without a ministry stands for itself
        assertEquals(List.of("minister voor Natuur en Stikstof", "1", "72", "72", "72", "72"),
                row(t, "minister voor Natuur en Stikstof"));
        assertTrue(t.sparql().contains("kv:daysToAnswer"), t.sparql());
    }

    @Test
    void lateSharesAsCountedByHand() {
        Table m = stats.lateShareByMinistry(Period.ALL);
        assertEquals(List.of("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "5", "1", "0", "4", "80.0%"),
                row(m, "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"));
        assertEquals(List.of("minister voor Langdurige Zorg en Sport", "1", "1", "0", "0", "0.0%"),
                row(m, "minister voor Langdurige Zorg en Sport"));
        Table y = stats.lateShareByYear(Period.ALL);
        assertEquals(List.of(List.of("2023", "4", "1", "0", "3", "75.0%"), List.of("2024", "18", "5", "0", "13", "72.2%")),
                y.rows());
    }

    @Test
    void openAndOverdueDependsOnTheDay() {
        assertEquals(List.of(), stats.openAndOverdue(Period.ALL, LocalDate.parse("2024-07-11")).rows());
        Table t = stats.openAndOverdue(Period.ALL, LocalDate.parse("2024-07-12"));
        assertEquals(1, t.rows().size());
        assertEquals(List.of("https://w3id.org/kvgraph/id/question-set/ah-tk-20232024-1999", "2024-05-30", "2024-07-11",
                "1", "1", "juridische analyse(s) van het hoofdlijnenakkoord"), t.rows().get(0));
        assertEquals(List.of(), stats.openAndOverdue(new Period(null, LocalDate.parse("2024-05-29")),
                LocalDate.parse("2026-01-01")).rows());
    }

    @Test
    void percentilesAndMedians() {
        assertEquals(92, Statistics.percentile(List.of(10, 44, 51, 59, 92), 90));
        assertEquals(9, Statistics.percentile(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 90));
        assertEquals(1, Statistics.percentile(List.of(1), 90));
        assertEquals(2.5, Statistics.median(List.of(1, 2, 3, 4)));
        assertEquals(3.0, Statistics.median(List.of(1, 2, 3, 4, 100)));
    }

    @Test
    void csvQuotesAndTableAligns() {
        Table t = new Table("x", "X", List.of("name", "n"), List.of(List.of("a, \"b\"", "3")), "SELECT * {}");
        assertEquals("name,n\r\n\"a, \"\"b\"\"\",3\r\n", t.csv());
        assertTrue(t.text().contains("a, \"b\"  3"), t.text());
    }

    @TempDir
    Path tmp;

    @Test
    void statsCommandLoadsTheBundledDataAsServeDoesAndPrintsCsv() {
        String db = tmp.resolve("db").toString();
        CliRunner.Run r = CliRunner.run("stats", "--db", db, "--by", "year", "--figure", "late-share-per-year",
                "--format", "csv");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("loading 24 source documents"), r.err());
        assertEquals("year,answered,on time,within extended term,late,share late\r\n"
                + "2023,4,1,0,3,75.0%\r\n2024,18,5,0,13,72.2%\r\n", r.out());
        CliRunner.Run again = CliRunner.run("stats", "--db", db, "--by", "overdue", "--today", "2024-07-12");
        assertEquals(0, again.exit(), again.err());
        assertEquals("", again.err(), "the database is current: no second load");
        assertTrue(again.out().startsWith("Open and overdue on 2024-07-12\n"), again.out());
        assertTrue(again.out().contains("ah-tk-20232024-1999  2024-05-30  2024-07-11"), again.out());
        CliRunner.Run query = CliRunner.run("stats", "--db", db, "--figure", "answer-days-per-ministry", "--show-sparql");
        assertEquals(0, query.exit(), query.err());
        assertTrue(query.out().contains("\n#   ?set kv:daysToAnswer ?days .\n"), query.out());
        CliRunner.Run bad = CliRunner.run("stats", "--db", db, "--from", "2024-13-01");
        assertEquals(2, bad.exit());
    }
}
