package org.kvgraph.source;

/** A reader of one source layout or format; it pushes what it reads into a {@link RecordSink}. */
public interface SourceReader {

    /** A short name of the layout, for messages ("letter", "aanhangsel"). */
    String layout();

    /** Whether this reader recognises the document's layout. Cheap: looks at the text only. */
    boolean accepts(SourceDocument document);

    /**
     * Reads the document and pushes its records. Throws {@link ParseException} (and nothing else) when the
     * document cannot be read; nothing is pushed then.
     */
    void read(SourceDocument document, RecordSink sink) throws ParseException;
}
