package org.kvgraph.model;

import java.util.List;

/** One numbered question ("Vraag 3") with its clean text and what its footnotes cite. */
public record Question(int number, String text, Location at, List<Citation> citations) {
    public Question {
        citations = List.copyOf(citations);
    }
}
