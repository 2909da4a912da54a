package org.kvgraph.model;

import java.util.List;

/** One answer block ("Antwoord 4 en 5"): the questions it answers, its clean text and its citations. */
public record Answer(List<Integer> questionNumbers, String text, Location at, List<Citation> citations) {
    public Answer {
        questionNumbers = List.copyOf(questionNumbers);
        citations = List.copyOf(citations);
        if (questionNumbers.isEmpty()) {
            throw new IllegalArgumentException("an answer answers at least one question");
        }
    }

    public int firstQuestion() {
        return questionNumbers.get(0);
    }
}
