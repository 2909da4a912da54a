package org.kvgraph.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The curated tables and the rules for reading identifiers. */
class RegistryAndTablesTest {
    static OpenKamerRegistry registry;

    @BeforeAll
    static void load() {
        registry = OpenKamerRegistry.load(LinkData.folder(Path.of("data/links")));
    }

    static List<LocalDate> on(String date) {
        return List.of(LocalDate.parse(date));
    }

    @Test
    void everyMinistryCodeNamesAtLeastTwoSourcesDeclaredInTheTable() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("data/links/ministries.tsv"));
        Set<String> declared = new TreeSet<>();
        Matcher decl = Pattern.compile("^#\\s+(S\\d+)\\s").matcher("");
        lines.forEach(l -> {
            if (decl.reset(l).find()) {
                declared.add(decl.group(1));
            }
        });
        int rows = 0;
        for (String l : lines) {
            if (l.startsWith("#") || l.isBlank()) {
                continue;
            }
            rows++;
            String[] cols = l.split("\t");
            List<String> sources = List.of(cols[3].trim().split("\\s+"));
            assertTrue(sources.size() >= 2, "fewer than two sources: " + l);
            assertTrue(declared.containsAll(sources), "undeclared source in: " + l);
            assertTrue(cols[1].matches("https://identifier\\.overheid\\.nl/tooi/id/ministerie/mnre\\d{4}"), l);
        }
        assertEquals(rows, MinistryTable.load(LinkData.folder(Path.of("data/links"))).size());
    }

    @Test
    void ministriesAreFoundByNameWithOrWithoutMinisterieVanAndAmbiguousNamesAreNot() {
        MinistryTable t = MinistryTable.load(LinkData.bundled());
        assertEquals(Optional.of("https://identifier.overheid.nl/tooi/id/ministerie/mnre1013"),
                t.tooi("Ministerie van Buitenlandse Zaken"));
        assertEquals(t.tooi("Ministerie van Financiën"), t.tooi("financiën"));
        assertEquals(Optional.empty(), t.tooi("Ministerie van Economische Zaken"), "mnre1040 before 2010, mnre1045 since");
        assertEquals(Optional.empty(), t.tooi("Ministerie van Landbouw, Natuur en Voedselkwaliteit"));
        assertEquals(Optional.empty(), t.tooi("Ministerie van Klimaat en Groene Groei"), "one source only");
    }

    @Test
    void aBadTableRowIsRejectedWithItsLine() {
        String twice = "# head\nMinisterie van Defensie\thttps://identifier.overheid.nl/tooi/id/ministerie/mnre1018\tDef\tS1 S2\n"
                + "Ministerie van Defensie\thttps://identifier.overheid.nl/tooi/id/ministerie/mnre1018\tDef\tS1 S2\n";
        var e = assertThrows(IllegalArgumentException.class, () -> MinistryTable.parse(
                new ByteArrayInputStream(twice.getBytes(StandardCharsets.UTF_8)), "t.tsv"));
        assertEquals("t.tsv:3: ministry listed twice: Ministerie van Defensie", e.getMessage());
        String noSource = "Ministerie van Defensie\thttps://identifier.overheid.nl/tooi/id/ministerie/mnre1018\tDef\t \n";
        assertThrows(IllegalArgumentException.class, () -> MinistryTable.parse(
                new ByteArrayInputStream(noSource.getBytes(StandardCharsets.UTF_8)), "t.tsv"));
    }

    @Test
    void aPartyMatchesOnlyAnExactAbbreviationOrName() {
        assertEquals("Q273749", registry.party("CDA").orElseThrow().wikidataId());
        assertEquals("Q273749", registry.party("Christen-Democratisch Appèl").orElseThrow().wikidataId());
        assertEquals(Optional.empty(), registry.party("cda"));
        assertEquals(Optional.empty(), registry.party("GroenLinks-PvdA"));
        // Two registry parties carry Q29029007 (Bontes and Groep Bontes/Van Klaveren): not used.
        assertFalse(registry.wikidataIdUnique(registry.party("BONTES").orElseThrow()));
    }

    @Test
    void aPersonNeedsNamePartyAndDateToLeaveOneRegistryPerson() {
        var vos = registry.person("Vos", null, "PvdA", on("2015-01-01"));
        assertFalse(vos.unique());
        assertEquals("2 registry persons fit", vos.reason());
        assertEquals("Jan", registry.person("Vos", "Jan", "PvdA", on("2015-01-01")).person().forename());
        // Mark Rutte's seat ended in November 2012, Arno Rutte's began in September 2012.
        assertEquals("Arno", registry.person("Rutte", null, "VVD", on("2013-01-01")).person().forename());
        assertFalse(registry.person("Rutte", null, "VVD", on("2012-10-01")).unique());
        assertFalse(registry.person("Teunissen", null, "PvdA", on("2025-05-22")).unique());
        assertFalse(registry.person("Teunissen", null, "PvdD", List.of()).unique(), "no date, no link");
    }

    @Test
    void identifiersThatAreNotWellFormedGiveNoUrl() {
        assertEquals(Optional.of("https://zoek.officielebekendmakingen.nl/trb-2007-125"), Targets.tractatenblad("Trb. 2007, 125"));
        assertEquals(Optional.of("https://zoek.officielebekendmakingen.nl/trb-2010-7"), Targets.tractatenblad("Trb. 2010, nr. 7"));
        assertEquals(Optional.empty(), Targets.tractatenblad("Tractatenblad"));
        assertEquals(Optional.of("https://wetten.overheid.nl/BWBR0005252"), Targets.wetten("BWBR0005252"));
        assertEquals(Optional.empty(), Targets.wetten("BWBX0005252"));
        assertEquals(Optional.of("https://zoek.officielebekendmakingen.nl/kst-21501-02-2498"), Targets.kamerstuk("21501-02", "2498"));
        assertEquals(Optional.empty(), Targets.kamerstuk("29 383", "406"));
        assertEquals(Optional.empty(), Targets.publication("ah-tk-2022-3649"));
        assertEquals(Optional.empty(), Targets.tkCase("2025Z1026"));
        assertEquals(Optional.empty(), Targets.tkEntity("Persoon", "not-a-guid"));
        assertEquals(Optional.empty(), Targets.wikidata("Q0"));
    }
}
