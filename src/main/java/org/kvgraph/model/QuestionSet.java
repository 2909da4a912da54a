package org.kvgraph.model;

import java.time.LocalDate;
import java.util.List;

/**
 * One set of written questions as one source document tells it. {@code caseNumber} ("2025Z10267") and
 * {@code publicationId} (of the set itself, for example "kv-tk-2025Z10267") are null when the document does
 * not give them; the key of the set is then taken from its first response's publication id.
 */
public record QuestionSet(
        Location source,
        String caseNumber,
        String title,
        LocalDate submittedOn,
        List<Person> askers,
        List<Office> addressedTo,
        List<Question> questions,
        List<Response> responses,
        List<SupplementedSet> supplements,
        List<Citation> citations) {

    public QuestionSet {
        askers = List.copyOf(askers);
        addressedTo = List.copyOf(addressedTo);
        questions = List.copyOf(questions);
        responses = List.copyOf(responses);
        supplements = List.copyOf(supplements);
        citations = List.copyOf(citations);
    }

    /** The key the set's URIs are minted from: the case number, else the first known publication id. */
    public String key() {
        if (caseNumber != null) {
            return caseNumber;
        }
        return responses.stream()
                .map(Response::publicationId)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }
}
