package org.kvgraph.source;

/** Placeholder while the reader is written; recognises nothing. */
public final class AanhangselTextReader implements SourceReader {
    @Override
    public String layout() {
        return "aanhangsel";
    }

    @Override
    public boolean accepts(SourceDocument document) {
        return false;
    }

    @Override
    public void read(SourceDocument document, RecordSink sink) throws ParseException {
        throw new ParseException(document.name(), 1, "aanhangsel reader not written yet");
    }
}
