package org.kvgraph.text;

import java.text.Normalizer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Clean-up of text as PDF extraction tools leave it: non-breaking and other odd spaces, curly quotes, accents
 * split from their letters, runs of white space, and lines broken inside words and URLs.
 */
public final class Text {
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\u2009\\u200A\\u2002\\u2003]+");
    /** A spacing accent written after its letter ("Gu¨l"), as some extractors split "Gül". */
    private static final Pattern SPLIT_ACCENT = Pattern.compile("(\\p{L})\\s?([\\u00A8\\u00B4\\u02C6\\u0060\\u02DC\\u00B8])");
    private static final Pattern URL_END = Pattern.compile("(https?://|www\\.)\\S*$");

    private Text() {
    }

    /**
     * Normalises one piece of text: Unicode NFC (joining combining accents), spacing accents joined to the
     * letter before them, curly double quotes to straight ones, curly apostrophes to "'", zero-width and
     * soft hyphen characters dropped, every run of white space (non-breaking included) one space, trimmed.
     * Guillemets («») are kept: they are part of the official style.
     */
    public static String normalise(String s) {
        String t = s.replace("\u00AD", "").replace("\u200B", "").replace("\uFEFF", "").replace("\f", " ");
        if (hasSpacingAccent(t)) { // the pattern cannot match without one: skip scanning every letter
            t = SPLIT_ACCENT.matcher(t).replaceAll(m -> m.group(1) + combining(m.group(2)));
        }
        if (!belowCombiningMarks(t)) {
            t = Normalizer.normalize(t, Normalizer.Form.NFC); // text below U+0300 is NFC already
        }
        t = t.replace('\u201C', '"').replace('\u201D', '"').replace('\u201E', '"').replace('\u201F', '"')
                .replace('\u2018', '\'').replace('\u2019', '\'').replace('\u201A', '\'').replace('\u2032', '\'');
        t = t.replace("''", "\"");
        return (needsSpaceFolding(t) ? SPACES.matcher(t).replaceAll(" ") : t).strip();
    }

    /** Whether the text has one of the spacing accents {@code SPLIT_ACCENT} joins to a letter. */
    private static boolean hasSpacingAccent(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u00A8' || c == '\u00B4' || c == '\u02C6' || c == '\u0060' || c == '\u02DC' || c == '\u00B8') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code SPACES} would change the text: it has a white space character other than a plain space, or
     * two in a row. (A lone plain space is replaced by itself.)
     */
    private static boolean needsSpaceFolding(String s) {
        boolean previous = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r'
                    || c == '\u00A0' || c == '\u2007' || c == '\u202F' || c == '\u2009' || c == '\u200A'
                    || c == '\u2002' || c == '\u2003';
            if (space && (c != ' ' || previous)) {
                return true;
            }
            previous = space;
        }
        return false;
    }

    private static boolean belowCombiningMarks(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= '\u0300') {
                return false;
            }
        }
        return true;
    }

    private static String combining(String spacing) {
        return switch (spacing) {
            case "\u00A8" -> "\u0308";
            case "\u00B4" -> "\u0301";
            case "\u02C6" -> "\u0302";
            case "`" -> "\u0300";
            case "\u02DC" -> "\u0303";
            case "\u00B8" -> "\u0327";
            default -> spacing;
        };
    }

    /**
     * Joins extracted lines into one paragraph. A line that ends inside a URL, or with a hyphen after a
     * letter ("e-" + "mail"), is joined without a space and the hyphen is kept: the extraction cannot tell a
     * hyphenation from a real hyphen, and dropping a real one corrupts names and addresses. Other lines are
     * joined with one space. The result is {@link #normalise normalised}.
     */
    public static String joinLines(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String raw : lines) {
            String line = raw.replace('\u00A0', ' ').strip();
            if (line.isEmpty()) {
                continue;
            }
            if (sb.length() > 0 && !joinsWithoutSpace(sb, line)) {
                sb.append(' ');
            }
            sb.append(line);
        }
        return normalise(sb.toString());
    }

    private static boolean joinsWithoutSpace(CharSequence sofar, String next) {
        int n = sofar.length();
        char last = sofar.charAt(n - 1);
        if (last == '-' && n >= 2 && Character.isLetterOrDigit(sofar.charAt(n - 2))) {
            return true;
        }
        if (!URL_END.matcher(lastToken(sofar)).find()) {
            return false;
        }
        // Inside a URL: a break after a separator, or before one, is not a space.
        return "/_=&?%#.".indexOf(last) >= 0 || "/_=&?%#-".indexOf(next.charAt(0)) >= 0;
    }

    private static String lastToken(CharSequence s) {
        int i = s.length();
        while (i > 0 && !Character.isWhitespace(s.charAt(i - 1))) {
            i--;
        }
        return s.subSequence(i, s.length()).toString();
    }
}
