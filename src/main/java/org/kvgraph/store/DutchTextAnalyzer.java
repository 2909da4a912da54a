package org.kvgraph.store;

import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.tartarus.snowball.ext.DutchStemmer;

/**
 * Lucene's Dutch analysis (standard tokenizer, lower case, Dutch stop words, Snowball Dutch stemmer) with two
 * additions: accents folded ("Kostić" is found by "kostic"), and the plural of nouns in -ie made singular
 * before stemming. The Snowball stemmer alone keeps "sancties" and "sanctie" apart (it only strips an -s after
 * a consonant), so a search for "sancties" would miss "sanctie"; with the -ies rule both become "sanctie".
 */
public final class DutchTextAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream s = new LowerCaseFilter(source);
        s = new StopFilter(s, DutchAnalyzer.getDefaultStopSet());
        s = new ASCIIFoldingFilter(s);
        s = new IePlural(s);
        s = new SnowballFilter(s, new DutchStemmer());
        return new TokenStreamComponents(source, s);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }

    /** "sancties" → "sanctie", "categorieen" (folded from -ieën) → "categorie". */
    static final class IePlural extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

        IePlural(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            if (!keyword.isKeyword()) {
                int n = term.length();
                if (n > 5 && endsWith("ies")) {
                    term.setLength(n - 1);
                } else if (n > 6 && endsWith("ieen")) {
                    term.setLength(n - 2);
                }
            }
            return true;
        }

        private boolean endsWith(String suffix) {
            int n = term.length();
            int k = suffix.length();
            for (int i = 0; i < k; i++) {
                if (term.charAt(n - k + i) != suffix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
