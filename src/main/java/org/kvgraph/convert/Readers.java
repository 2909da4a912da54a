package org.kvgraph.convert;

import java.util.List;
import java.util.Optional;
import org.kvgraph.source.AanhangselTextReader;
import org.kvgraph.source.KoopXmlReader;
import org.kvgraph.source.SourceDocument;
import org.kvgraph.source.SourceReader;
import org.kvgraph.source.SyncFeedReader;
import org.kvgraph.source.TextLetterReader;
import org.kvgraph.source.TkODataReader;
import org.kvgraph.source.WordTextReader;

/** The readers kvgraph knows, and the choice of one for a document by its layout. */
public final class Readers {
    private static final List<SourceReader> READERS = List.of(
            new TkODataReader(), SyncFeedReader.pageReader(), new KoopXmlReader(), new AanhangselTextReader(), new WordTextReader(),
            new TextLetterReader());

    private Readers() {
    }

    public static Optional<SourceReader> forDocument(SourceDocument document) {
        return READERS.stream().filter(r -> r.accepts(document)).findFirst();
    }
}
