package org.kvgraph.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalisationTest {
    @Test
    void keepsAndRepairsDiacritics() {
        assertEquals("Gül", Text.normalise("Gu¨l"));
        assertEquals("Kostić", Text.normalise("Kostic\u0301"));
        assertEquals("geïnformeerd", Text.normalise("geïnformeerd"));
        assertEquals("Fryslân", Text.normalise("Fryslân"));
    }

    @Test
    void normalisesSpacesAndQuotes() {
        assertEquals("de leden Bontenbal (CDA)", Text.normalise("de\u00A0leden  Bontenbal\u00A0(CDA) "));
        assertEquals("het bericht \"Wake-up call\" en risico's", Text.normalise("het bericht \u201CWake-up call\u201D en risico\u2019s"));
        assertEquals("«Dit is zo krom»", Text.normalise("«Dit is zo krom»"));
        assertEquals("\"Wake-up call\"", Text.normalise("''Wake-up call''"));
    }

    @Test
    void joinsLinesAndRejoinsBrokenWordsAndUrls() {
        assertEquals("https://www.binnenlandsbestuur.nl/digitaal/wake-up-call-microsoft-sluit-e-mail-icc-zonder-pardon-af)",
                Text.joinLines(List.of("https://www.binnenlandsbestuur.nl/digitaal/wake-up-call-microsoft-sluit-e-", "mail-icc-zonder-pardon-af)")));
        assertEquals("Microsoft sluit e-mail ICC", Text.joinLines(List.of("Microsoft sluit e-", "mail ICC")));
        assertEquals("zie https://www.movisie.nl/sites/provincies%202022.pdf",
                Text.joinLines(List.of("zie https://", "www.movisie.nl/sites/provincies", "%202022.pdf")));
        assertEquals("twee regels worden een", Text.joinLines(List.of("twee regels ", "", "  worden een")));
    }

    /** The rule as it was written before its fast paths: every step always applied. */
    private static String reference(String s) {
        String t = s.replace("\u00AD", "").replace("\u200B", "").replace("\uFEFF", "").replace("\f", " ");
        t = java.util.regex.Pattern.compile("(\\p{L})\\s?([\\u00A8\\u00B4\\u02C6\\u0060\\u02DC\\u00B8])").matcher(t)
                .replaceAll(m -> m.group(1) + switch (m.group(2)) {
                    case "\u00A8" -> "\u0308";
                    case "\u00B4" -> "\u0301";
                    case "\u02C6" -> "\u0302";
                    case "\u0060" -> "\u0300";
                    case "\u02DC" -> "\u0303";
                    default -> "\u0327";
                });
        t = java.text.Normalizer.normalize(t, java.text.Normalizer.Form.NFC);
        t = t.replace('\u201C', '"').replace('\u201D', '"').replace('\u201E', '"').replace('\u201F', '"')
                .replace('\u2018', '\'').replace('\u2019', '\'').replace('\u201A', '\'').replace('\u2032', '\'');
        t = t.replace("''", "\"");
        return t.replaceAll("[\\s\\u00A0\\u2007\\u202F\\u2009\\u200A\\u2002\\u2003]+", " ").strip();
    }

    @org.junit.jupiter.api.Test
    void theFastPathsGiveWhatEveryStepGives() {
        String alphabet = "ab e\t\n\r\f\u000B\u00A0\u2007\u202F\u2009\u200A\u2002\u2003\u00A8\u00B4\u02C6`\u02DC\u00B8"
                + "\u0301\u0308e\u00EBK\u2019'\u201C\u00AD\u200B\uFEFF.1";
        java.util.Random random = new java.util.Random(8);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = b.toString();
            assertEquals(reference(s), Text.normalise(s), () -> "for " + s.chars().mapToObj(c -> String.format("U+%04X", c)).toList());
        }
    }
}
