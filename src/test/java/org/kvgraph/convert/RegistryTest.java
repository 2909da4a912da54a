package org.kvgraph.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.junit.jupiter.api.Test;
import org.kvgraph.TestGraphs;
import org.kvgraph.model.Location;
import org.kvgraph.model.Person;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.rdf.Uris;
import org.kvgraph.validate.Validator;

/**
 * With the Tweede Kamer registry (Persoon, Fractie, FractieZetel, FractieZetelPersoon) among the inputs, a member a
 * text names by family name and party resolves by the set's date to the one member of that party then; an ambiguous
 * or unknown name is reported and left alone; seats held are written as org:Membership with their period.
 * The fixtures are real persons, ids and periods (see src/test/resources/registry/SOURCES.md).
 */
class RegistryTest {
    private static final Path DIR = Path.of("src/test/resources/registry");
    private static final List<Path> ODATA = List.of(DIR.resolve("persoon.json"), DIR.resolve("fractie.json"),
            DIR.resolve("fractiezetel.json"), DIR.resolve("fractiezetelpersoon.json"));

    private static final String REMCO_DIJKSTRA = "7897cad0-5099-4630-9311-65cc01450063";
    private static final String PIA_DIJKSTRA = "07de26f3-a939-4ae4-b7a5-43f868a665d1";
    private static final String ARNO_RUTTE = "4d13ea1d-c9b6-4313-8ba0-fd040d8a319e";
    private static final String LEIJTEN = "e6cc253d-14cb-437b-be88-4966f5fcb1f5";
    private static final String HAERSMA_BUMA = "ec273841-069f-408b-b434-8524904ae314";

    private static QuestionSet set(LocalDate submitted, Person... askers) {
        return new QuestionSet(new Location("text.txt", 3), null, "t", submitted, List.of(askers), List.of(),
                List.of(), List.of(), List.of(), List.of());
    }

    private static List<String> ids(QuestionSet s) {
        return s.askers().stream().map(Person::tkId).toList();
    }

    @Test
    void resolvesByFamilyNamePartyAndDate() {
        try (CaseIndex index = CaseIndex.build(ODATA)) {
            List<Problem> notices = new ArrayList<>();
            QuestionSet s = index.resolve(set(LocalDate.of(2014, 6, 15), Person.member("Dijkstra", "VVD"),
                    Person.member("Dijkstra", "D66"), Person.member("Rutte", "VVD"), Person.member("Leijten", "SP")), notices::add);
            assertEquals(List.of(), notices);
            // two Dijkstras: the party decides; two Ruttes in the VVD: only Arno sat in 2014 (Mark was prime minister)
            assertEquals(List.of(REMCO_DIJKSTRA, PIA_DIJKSTRA, ARNO_RUTTE, LEIJTEN), ids(s));
            assertEquals("Dijkstra", s.askers().get(0).familyName(), "the name as the text prints it is kept");
            assertEquals("R.J.", s.askers().get(0).initials(), "initials the text lacks come from the registry");
        }
    }

    @Test
    void aMemberOutsideTheirSeatIsReportedAndLeftAlone() {
        // Renske Leijten left the Kamer on 2014-02-06 and came back on 2014-05-29
        List<Problem> notices = new ArrayList<>();
        QuestionSet s = resolved(ODATA, set(LocalDate.of(2014, 3, 1), Person.member("Leijten", "SP")), notices::add);
        assertNull(s.askers().get(0).tkId());
        assertEquals(1, notices.size());
        assertEquals("text.txt", notices.get(0).file());
        assertEquals(3, notices.get(0).line());
        assertTrue(notices.get(0).reason().contains("\"Leijten (SP)\" is not a member of SP on 2014-03-01"), notices.get(0).reason());
    }

    @Test
    void anAmbiguousNameIsReportedAndLeftAlone() {
        List<Problem> notices = new ArrayList<>();
        try (CaseIndex index = CaseIndex.build(ODATA)) {
            // Jan Vos and Mei Li Vos both sat for the PvdA from 2012 to 2017
            QuestionSet s = index.resolve(set(LocalDate.of(2013, 3, 1), Person.member("Vos", "PvdA"), Person.member("Dijkstra", "VVD")),
                    notices::add);
            assertEquals(java.util.Arrays.asList(null, REMCO_DIJKSTRA), ids(s));
            assertEquals(1, notices.size(), notices.toString());
            String reason = notices.get(0).reason();
            assertTrue(reason.contains("\"Vos (PvdA)\" is ambiguous on 2013-03-01"), reason);
            assertTrue(reason.contains("Jan Vos (caaae646-de85-453f-b6e0-9b9b4f710f03)"), reason);
            assertTrue(reason.contains("Mei Li Vos (edefa48b-f14e-4ec3-ab3c-dfe2aa0126ec)"), reason);
            // Mark and Arno Rutte both sat for the VVD in the autumn of 2012
            notices.clear();
            s = index.resolve(set(LocalDate.of(2012, 10, 1), Person.member("Rutte", "VVD")), notices::add);
            assertNull(s.askers().get(0).tkId());
            assertTrue(notices.get(0).reason().contains("ambiguous"), notices.toString());
        }
    }

    @Test
    void withoutTheRegistryPersonsStayAsTheyAre() {
        List<Problem> notices = new ArrayList<>();
        QuestionSet in = set(LocalDate.of(2014, 6, 15), Person.member("Dijkstra", "VVD"));
        assertEquals(in, resolved(List.of(Path.of("src/test/resources/odata/zaak-2024Z03568.json")), in, notices::add));
        assertEquals(List.of(), notices);
    }

    @Test
    void theSyncFeedFormOfTheRegistryResolvesToo() {
        // the real FractieZetelPersoon entry: Sybrand van Haersma Buma, CDA, 2002-05-23 .. 2010-10-11
        try (CaseIndex index = CaseIndex.build(List.of(DIR.resolve("registry-feed.xml")))) {
            List<Problem> notices = new ArrayList<>();
            assertEquals(List.of(HAERSMA_BUMA), ids(index.resolve(set(LocalDate.of(2008, 1, 10),
                    Person.member("Van Haersma Buma", "CDA")), notices::add)));
            assertEquals(List.of(), notices);
            index.resolve(set(LocalDate.of(2012, 1, 10), Person.member("Van Haersma Buma", "CDA")), notices::add);
            assertEquals(1, notices.size(), "after the seat's TotEnMet the name is not resolved");
        }
    }

    @Test
    void membershipsWithTheirPeriods() {
        List<Path> all = new ArrayList<>(ODATA);
        all.add(DIR.resolve("registry-feed.xml"));
        Model m = TestGraphs.convert(all.toArray(Path[]::new));
        String q = "PREFIX time: <http://www.w3.org/2006/time#>\n"
                + "SELECT ?party ?from ?until { ?ms a org:Membership ; org:member <https://w3id.org/kvgraph/id/person/%s> ; org:organization ?o ;"
                + " org:memberDuring ?i . ?o skos:prefLabel ?party . ?i a time:Interval ; time:hasBeginning/time:inXSDDate ?from"
                + " OPTIONAL { ?i time:hasEnd/time:inXSDDate ?until } } ORDER BY ?from";
        assertEquals(List.of(List.of("SP", "2006-11-30", "2014-02-06"), java.util.Arrays.asList("SP", "2014-05-29", null)),
                TestGraphs.select(m, String.format(q, LEIJTEN)));
        assertEquals(List.of(List.of("CDA", "2002-05-23", "2010-10-11")), TestGraphs.select(m, String.format(q, HAERSMA_BUMA)));
        assertEquals(List.of("a3689bb6-3914-4d5c-a6a8-42e24582e299"),
                TestGraphs.column(m, "SELECT ?id { <https://w3id.org/kvgraph/id/party/sp> kv:tkId ?id }"), "the real Fractie.Id of the SP");
        assertEquals(List.of("Renske Leijten"), TestGraphs.column(m, "SELECT ?n { <https://w3id.org/kvgraph/id/person/" + LEIJTEN + "> foaf:name ?n }"));
        assertEquals(17, TestGraphs.column(m, "SELECT ?ms { ?ms a org:Membership }").size(), "16 OData seats and the feed's one");
        Validator.Report report = new Validator().validate(m.getGraph());
        assertTrue(report.conforms(), report.results().toString());
    }

    @Test
    void anUnknownNameInARealTextIsReported() {
        // the seed text of 22 May 2025 names Bontenbal, Krul and Boswijk (CDA): members since 2021, not in this registry
        List<Path> inputs = new ArrayList<>(ODATA);
        inputs.add(Path.of("data/seed/000_4eec038f78b129de.txt"));
        Model m = ModelFactory.createDefaultModel();
        List<Problem> notices = new ArrayList<>();
        List<Problem> problems = new Converter(new Uris(Uris.DEFAULT_BASE), false).onNotice(notices::add)
                .convert(inputs, StreamRDFLib.graph(m.getGraph()), false);
        assertEquals(List.of(), problems);
        assertEquals(3, notices.size(), notices.toString());
        assertTrue(notices.get(2).reason().startsWith("\"Boswijk (CDA)\" is not a member of CDA on 2025-05-22"), notices.toString());
        assertEquals(List.of("https://w3id.org/kvgraph/id/person/boswijk-cda"),
                TestGraphs.column(m, "SELECT ?p { ?s kv:askedBy ?p . ?p foaf:familyName 'Boswijk' }"), "left as the text names them");
    }

    /** The same registry as one expanded payload: Persoon?$expand=FractieZetelPersoon($expand=FractieZetel($expand=Fractie)). */
    @Test
    void theExpandedFormReadsToo(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String json = """
                {"@odata.context": "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#Persoon(FractieZetelPersoon(FractieZetel(Fractie())))",
                 "value": [{"Id": "e6cc253d-14cb-437b-be88-4966f5fcb1f5", "Initialen": "R.M.", "Tussenvoegsel": null,
                   "Achternaam": "Leijten", "Roepnaam": "Renske", "Verwijderd": false,
                   "FractieZetelPersoon": [
                     {"Id": "0a1b2c3d-0000-4000-8000-000000000001", "Functie": "Lid", "Van": "2014-05-29T00:00:00+02:00", "TotEnMet": null, "Verwijderd": false,
                      "FractieZetel": {"Id": "0a1b2c3d-0000-4000-8000-000000000002", "Verwijderd": false,
                        "Fractie": {"Id": "a3689bb6-3914-4d5c-a6a8-42e24582e299", "Afkorting": "SP", "NaamNL": "Socialistische Partij", "Verwijderd": false}}},
                     {"Id": "0a1b2c3d-0000-4000-8000-000000000003", "Functie": "Lid", "Van": "2006-11-30", "TotEnMet": "2014-02-06", "Verwijderd": true,
                      "FractieZetel": {"Id": "0a1b2c3d-0000-4000-8000-000000000004", "Verwijderd": false,
                        "Fractie": {"Id": "a3689bb6-3914-4d5c-a6a8-42e24582e299", "Afkorting": "SP", "NaamNL": "Socialistische Partij", "Verwijderd": false}}}]}]}
                """;
        Path file = tmp.resolve("persoon-expanded.json");
        java.nio.file.Files.writeString(file, json);
        try (CaseIndex index = CaseIndex.build(List.of(file))) {
            assertEquals(1, index.registry().seats().size(), "the deleted seat is left out");
            List<Problem> notices = new ArrayList<>();
            assertEquals(List.of(LEIJTEN), ids(index.resolve(set(LocalDate.of(2020, 1, 1), Person.member("Leijten", "SP")), notices::add)));
            index.resolve(set(LocalDate.of(2010, 1, 1), Person.member("Leijten", "SP")), notices::add);
            assertEquals(1, notices.size(), "the deleted seat gives no membership in 2010");
        }
    }

    /** A set resolved with the index of the files (closed after). */
    private static QuestionSet resolved(List<Path> files, QuestionSet set, java.util.function.Consumer<Problem> notices) {
        try (CaseIndex index = CaseIndex.build(files)) {
            return index.resolve(set, notices);
        }
    }
}
