package org.kvgraph.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kvgraph.model.Citation;

/**
 * The slugs and path segments of minted URIs, with their patterns compiled once, are what the String.replaceAll
 * calls they replaced gave (kept here as the reference), on names with accents, marks, other scripts,
 * characters outside the BMP, line breaks and dashes at either end.
 */
class UrisTest {
    static final List<String> INPUTS = List.of("", "-", "---", "Bontenbal", "van Marum", "D66", "GroenLinks-PvdA",
            "Ministerie van Onderwijs, Cultuur en Wetenschap", "Staatssecretaris Koninkrijksrelaties en Digitalisering",
            "Çelik-Ünver", "Ĳsselmeer", "Zoë Ökçe", "Æsir ß", "ﬁne", "e\u0301\u0302", "\u20dd", "  leading and trailing  ",
            "--a--b--", "a\nb\n", "-x-\n", "tab\there", "日本語", "x😀y", "😀", "Trb. 1998, 12", "trb 2004 123",
            "TRB.2010,1", "Tractatenblad 1995, 7", "2025Z10267", "ah-tk-20222023-844", "kst-29383-406.xml",
            "E6CC253D-14cb-437b-be88-4966f5fcb1f5", "a/b\\c?d#e f%20g", "file_name.v2.txt", "Ω≈ç√", "ǅemal", "İstanbul");

    static String slugByReplaceAll(String s) {
        String t = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        t = t.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return t.replaceAll("^-+|-+$", "");
    }

    static String segmentByReplaceAll(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]+", "-");
    }

    @Test
    void slugIsWhatReplaceAllGave() {
        for (String s : INPUTS) {
            assertEquals(slugByReplaceAll(s), Uris.slug(s), "slug of " + s);
        }
        assertEquals("van-marum", Uris.slug("van Marum"));
        assertEquals("celik-unver", Uris.slug("Çelik-Ünver"));
        assertEquals("a-b", Uris.slug("--a--b--"));
    }

    @Test
    void segmentsAreWhatReplaceAllGave() {
        Uris uris = new Uris(Uris.DEFAULT_BASE);
        for (String s : INPUTS) {
            assertEquals(Uris.DEFAULT_BASE + "graph/" + segmentByReplaceAll(s), uris.graph(s).getURI(), "segment of " + s);
            assertEquals(Uris.DEFAULT_BASE + "id/paper/kst-" + segmentByReplaceAll(s) + "-" + segmentByReplaceAll(s),
                    uris.paper(new Citation.ParliamentaryPaper(s, s)).getURI());
        }
        assertEquals(Uris.DEFAULT_BASE + "graph/a-b-c-d-e-f-20g", uris.graph("a/b\\c?d#e f%20g").getURI());
    }

    @Test
    void treatyCitationsAreWhatReplaceFirstGave() {
        Uris uris = new Uris(Uris.DEFAULT_BASE);
        for (String s : INPUTS) {
            String want = Uris.DEFAULT_BASE + "id/treaty/trb-" + slugByReplaceAll(s.replaceFirst("(?i)^trb\\.?\\s*", ""));
            assertEquals(want, uris.treaty(new Citation.Treaty("x", s, null)).getURI(), "treaty " + s);
        }
        assertEquals(Uris.DEFAULT_BASE + "id/treaty/trb-1998-12",
                uris.treaty(new Citation.Treaty("x", "Trb. 1998, 12", null)).getURI());
    }
}
