package org.kvgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kvgraph.model.Citation;

/** The footnote forms of the Aanhangsel samples, and the documented forms the letter reader relies on. */
class CitationsTest {

    @Test
    void documentedForms() {
        assertEquals(List.of(new Citation.ParliamentaryPaper("29383", "406")), Citations.parse("Kamerstuk 29 383, nr. 406."));
        assertEquals(List.of(new Citation.ParliamentaryPaper("21501-02", "2733")),
                Citations.parse("Kamerstukken 21 501-02, nr. 2733"));
        assertEquals(List.of(new Citation.ParliamentaryPaper("36410-XIV", "9")), Citations.parse("36 410 XIV, nr. 9"));
        assertEquals(List.of(new Citation.AanhangselAnswer("20222023", "844")),
                Citations.parse("(Aanhangsel Handelingen, vergaderjaar 2022–203, nr. 844)."));
        assertEquals(List.of(new Citation.QuestionSetRef("2025Z10261")), Citations.parse("vraagnummer 2025Z10261"));
        assertEquals(List.of(new Citation.NewsArticle("Binnenlands Bestuur", LocalDate.of(2025, 5, 19), "Kop",
                "https://example.org/a")), Citations.parse("Binnenlands Bestuur, 19 mei 2025, «Kop» (https://example.org/a)"));
        assertEquals(List.of(new Citation.WebPage("https://puc.overheid.nl/nza/doc/PUC_743104_22/1/")),
                Citations.parse("https://puc.overheid.nl/nza/doc/PUC_743104_22/1/."));
    }

    @Test
    void kamerstukWithoutFullStopAfterNr() {
        assertEquals(List.of(new Citation.ParliamentaryPaper("31839", "874")),
                Citations.parse("Kamerstukken II, 2022/2023, 31 839, nr 874"));
    }

    @Test
    void articleWithAddressInParenthesesRightAfterTheDate() {
        assertEquals(List.of(new Citation.NewsArticle("De Volkskrant", LocalDate.of(2024, 5, 28), null,
                "https://www.volkskrant.nl/nieuws-achtergrond/ambtenaren~bc49ab66/")),
                Citations.parse("De Volkskrant, 28 mei 2024 (www.volkskrant.nl/nieuws-achtergrond/ambtenaren~bc49ab66/)"));
        assertEquals(List.of(new Citation.NewsArticle("AD", LocalDate.of(2023, 11, 16), null,
                "https://www.ad.nl/rijswijk/geen-vergunning~a946954a8/")),
                Citations.parse("AD, 16 november 2023 (https://www.ad.nl/rijswijk/geen-vergunning~a946954a8/)."));
    }

    @Test
    void addressWithoutScheme() {
        assertEquals(List.of(new Citation.WebPage("https://www.firsteetkit.nl")),
                Citations.parse("Zie de website www.firsteetkit.nl"));
        assertEquals(List.of(new Citation.WebPage("https://www.internetconsultatie.nl/huisvesting_evacuees/b1")),
                Citations.parse("Overheid.nl, «Huisvesting Nederlandse evacués», www.internetconsultatie.nl/huisvesting_evacuees/b1"));
        // An https address wins; the same address is not also read without its scheme.
        assertEquals(List.of(new Citation.WebPage("https://www.example.org/x")),
                Citations.parse("zie https://www.example.org/x"));
    }
}
