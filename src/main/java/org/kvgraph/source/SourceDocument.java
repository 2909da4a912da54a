package org.kvgraph.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A source text and the name errors and provenance use for it. Text files are decoded as strict UTF-8: a
 * file in another encoding is refused with its place, never turned into mojibake.
 */
public record SourceDocument(String name, String text) {
    /**
     * The largest source document read (32 MiB): answer letters and Aanhangsel texts are kilobytes, their PDFs and
     * Tweede Kamer data pages a few megabytes. Larger files are refused before they are read, so memory stays
     * bounded whatever comes in.
     */
    public static final long MAX_BYTES = 32L << 20;

    public static SourceDocument read(Path file, String name) throws ParseException, IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw tooLarge(name, size);
        }
        return decode(Files.readAllBytes(file), name);
    }

    /** The error for a file larger than {@link #MAX_BYTES}. */
    public static ParseException tooLarge(String name, long size) {
        return new ParseException(name, 1, String.format(java.util.Locale.ROOT,
                "document too large: %,d bytes, more than the %,d a source document may have", size, MAX_BYTES));
    }

    /** A text document from its bytes, decoded as strict UTF-8 (a leading byte-order mark dropped). */
    public static SourceDocument decode(byte[] bytes, String name) throws ParseException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return new SourceDocument(name, text);
        } catch (CharacterCodingException e) {
            int line = lineOfFirstBadByte(bytes);
            throw new ParseException(name, line, "not valid UTF-8 text (is it Windows-1252 or binary?)", e);
        }
    }

    /** The lines of the text, split on any line end; form feeds (page breaks) are kept in the lines. */
    public List<String> lines() {
        return text.lines().toList();
    }

    private static int lineOfFirstBadByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    decoder.reset().decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return 1;
    }
}
