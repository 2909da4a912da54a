package org.kvgraph.source;

import org.kvgraph.model.QuestionSet;

/** Where readers push the records they read; nothing collects a whole corpus to pass it on. */
@FunctionalInterface
public interface RecordSink {
    void questionSet(QuestionSet set);
}
