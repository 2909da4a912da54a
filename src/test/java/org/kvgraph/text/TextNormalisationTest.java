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
}
