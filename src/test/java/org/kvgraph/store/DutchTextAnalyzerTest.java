package org.kvgraph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/** The Dutch analysis of the full-text index: forms a researcher would search for meet in one term. */
class DutchTextAnalyzerTest {
    static List<String> terms(String text) {
        try (DutchTextAnalyzer a = new DutchTextAnalyzer(); TokenStream ts = a.tokenStream("text", text)) {
            CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
            List<String> out = new ArrayList<>();
            ts.reset();
            while (ts.incrementToken()) {
                out.add(t.toString());
            }
            ts.end();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void pluralAndSingularMeet() {
        assertEquals(terms("sanctie"), terms("sancties"));
        assertEquals(terms("Sancties"), terms("SANCTIE"));
        assertEquals(terms("categorie"), terms("categorieën"));
        assertEquals(terms("vraag"), terms("vragen"));
        assertEquals(terms("minister"), terms("ministers"));
        assertEquals(terms("antwoord"), terms("antwoorden"));
    }

    @Test
    void accentsFoldedStopWordsDroppedOtherWordsKeptApart() {
        assertEquals(List.of("kostic"), terms("Kostić"));
        assertEquals(terms("soevereiniteit"), terms("Soevereiniteit"));
        assertEquals(List.of(), terms("de het een en van"));
        assertNotEquals(terms("sanctie"), terms("sanctiewetgeving"));
        assertEquals(List.of("serie"), terms("series"));
    }
}
