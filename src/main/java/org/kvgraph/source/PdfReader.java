package org.kvgraph.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Extracts the text of a PDF (Apache PDFBox) as a {@link SourceDocument}, so the text readers read a PDF of an
 * Aanhangsel answer or an answer letter exactly as they read its text. The text comes in the PDF's content
 * order (what poppler's {@code pdftotext} gives in its default mode for these documents), lines end in
 * {@code \n} and a form feed separates pages, as {@code pdftotext} does.
 *
 * <pre>{@code
 * byte[] bytes = Files.readAllBytes(path);
 * if (PdfReader.isPdf(bytes)) {
 *     SourceDocument doc = PdfReader.extract(bytes, path.toString());
 *     Readers.forDocument(doc).orElseThrow().read(doc, sink);
 * }
 * }</pre>
 *
 * <p>Line numbers in messages about a PDF count lines of this extracted text.
 */
public final class PdfReader {
    private static final byte[] MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EOF = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LEADING_SPACE = 1024;

    private PdfReader() {
    }

    /**
     * Whether the bytes are a PDF: they start with "%PDF-" (after white space at most), whatever the file is
     * called. A text that merely mentions "%PDF-" is not one.
     */
    public static boolean isPdf(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && i < MAX_LEADING_SPACE && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        return bytes.length - i >= MAGIC.length && matchesAt(bytes, i, MAGIC);
    }

    /**
     * The text of every page, pages separated (and the last ended) by a form feed. An encrypted PDF that needs
     * a password, a damaged one, or one without text gives a {@link ParseException} at line 1.
     */
    public static SourceDocument extract(byte[] bytes, String name) throws ParseException {
        if (!hasEndMarker(bytes)) {
            // PDFBox would repair such a file silently and give what it could; a cut-off download must not pass.
            throw new ParseException(name, 1, "not a readable PDF: no \"%%EOF\" end marker (truncated?)");
        }
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            if (pdf.isEncrypted() && !pdf.getCurrentAccessPermission().canExtractContent()) {
                throw new ParseException(name, 1, "encrypted PDF: text extraction is not permitted");
            }
            String text = dehyphenate(stripper().getText(pdf));
            if (text.isBlank()) {
                throw new ParseException(name, 1, "PDF without text (a scan?): "
                        + pdf.getNumberOfPages() + " page(s), no text layer");
            }
            return new SourceDocument(name, text);
        } catch (InvalidPasswordException e) {
            throw new ParseException(name, 1, "encrypted PDF: a password is needed to open it", e);
        } catch (IOException | RuntimeException e) {
            // PDFBox reports damage as IOException, and some malformed objects as runtime exceptions.
            throw new ParseException(name, 1, "not a readable PDF: " + e.getMessage(), e);
        }
    }

    private static PDFTextStripper stripper() throws IOException {
        PDFTextStripper s = new FootnoteAwareStripper();
        s.setLineSeparator("\n");
        s.setPageStart("");
        s.setPageEnd("\f");
        s.setParagraphStart("");
        s.setParagraphEnd("");
        s.setAddMoreFormatting(false);
        s.setSortByPosition(false);
        return s;
    }

    /**
     * Joins a word hyphenated at a line end ("regen-" / "boogprovincie …") into one line, the hyphen dropped, as
     * {@code pdftotext} does; trailing spaces PDFBox leaves at line ends go too.
     */
    static String dehyphenate(String text) {
        String t = TRAILING_SPACE.matcher(text).replaceAll("");
        return HYPHENATED.matcher(t).replaceAll("");
    }

    private static final Pattern TRAILING_SPACE = Pattern.compile("(?m)[ \\t\\u00A0]+$");
    private static final Pattern HYPHENATED = Pattern.compile("(?<=\\p{L})-\\n(?=\\p{Ll})");

    /**
     * Puts a footnote's number on a line of its own, as {@code pdftotext} does: the number is printed in a smaller
     * size than the footnote's text that follows it on the same line ("1" in 4 pt, "NOS, d.d. …" in 6 pt), and
     * the text readers know a footnote by its lone number. A number at a line start in the same size as what
     * follows ("10 procent …", a table row) is left as it is.
     */
    private static final class FootnoteAwareStripper extends PDFTextStripper {
        private boolean lineStart = true;
        private String pendingNumber;
        private float pendingSize;

        @Override
        protected void startPage(PDPage page) throws IOException {
            lineStart = true;
            super.startPage(page);
        }

        @Override
        protected void writeString(String text, List<TextPosition> positions) throws IOException {
            float size = positions.isEmpty() ? 0f : positions.get(0).getFontSizeInPt();
            if (pendingNumber != null) {
                String number = pendingNumber;
                pendingNumber = null;
                if (size > pendingSize * 1.2f) {
                    super.writeString(number);
                    super.writeLineSeparator();
                } else {
                    super.writeString(number);
                    super.writeWordSeparator();
                }
            } else if (lineStart && LONE_NUMBER.matcher(text).matches() && !positions.isEmpty()) {
                pendingNumber = text;
                pendingSize = size;
                lineStart = false;
                return;
            }
            lineStart = false;
            super.writeString(text, positions);
        }

        @Override
        protected void writeWordSeparator() throws IOException {
            if (pendingNumber == null) {
                super.writeWordSeparator();
            }
        }

        @Override
        protected void writeLineSeparator() throws IOException {
            flush();
            lineStart = true;
            super.writeLineSeparator();
        }

        @Override
        protected void writePageEnd() throws IOException {
            flush();
            lineStart = true;
            super.writePageEnd();
        }

        private void flush() throws IOException {
            if (pendingNumber != null) {
                super.writeString(pendingNumber);
                pendingNumber = null;
            }
        }
    }

    private static final Pattern LONE_NUMBER = Pattern.compile("\\d{1,3}");

    private static boolean hasEndMarker(byte[] bytes) {
        for (int i = bytes.length - EOF.length; i >= 0; i--) {
            if (matchesAt(bytes, i, EOF)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(byte[] bytes, int at, byte[] what) {
        for (int j = 0; j < what.length; j++) {
            if (bytes[at + j] != what[j]) {
                return false;
            }
        }
        return true;
    }
}
