package org.kvgraph.model;

import java.time.LocalDate;
import java.util.List;

/**
 * One set of written questions as one source document tells it. {@code caseNumber} ("2025Z10267") and
 * {@code publicationId} (of the set itself, for example "kv-tk-2025Z10267") are null when the document does
 * not give them; the key of the set is then taken from its first response's publication id. {@code tkId} is
 * the Tweede Kamer's Zaak.Id (a GUID) when the source is Tweede Kamer open data, else null.
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
        List<Citation> citations,
        String tkId) {

    /** A set as a document tells it, without a Tweede Kamer id. */
    public QuestionSet(Location source, String caseNumber, String title, LocalDate submittedOn, List<Person> askers,
            List<Office> addressedTo, List<Question> questions, List<Response> responses,
            List<SupplementedSet> supplements, List<Citation> citations) {
        this(source, caseNumber, title, submittedOn, askers, addressedTo, questions, responses, supplements,
                citations, null);
    }

    public QuestionSet {
        askers = List.copyOf(askers);
        addressedTo = List.copyOf(addressedTo);
        questions = List.copyOf(questions);
        responses = List.copyOf(responses);
        supplements = List.copyOf(supplements);
        citations = List.copyOf(citations);
    }

    /** The same set under a case number found elsewhere (Tweede Kamer data). */
    public QuestionSet withCaseNumber(String number) {
        return new QuestionSet(source, number, title, submittedOn, askers, addressedTo, questions, responses,
                supplements, citations, tkId);
    }

    /** The same set with its askers replaced (each resolved to the person another source knows). */
    public QuestionSet withAskers(List<Person> resolved) {
        return new QuestionSet(source, caseNumber, title, submittedOn, resolved, addressedTo, questions, responses,
                supplements, citations, tkId);
    }

    /** The same set with another submission date (null: unknown). */
    public QuestionSet withSubmittedOn(LocalDate date) {
        return new QuestionSet(source, caseNumber, title, date, askers, addressedTo, questions, responses,
                supplements, citations, tkId);
    }

    /** The same set with another title (null: none). */
    public QuestionSet withTitle(String replaced) {
        return new QuestionSet(source, caseNumber, replaced, submittedOn, askers, addressedTo, questions, responses,
                supplements, citations, tkId);
    }

    /** The same set with the earlier sets it supplements replaced (their askers resolved). */
    public QuestionSet withSupplements(List<SupplementedSet> replaced) {
        return new QuestionSet(source, caseNumber, title, submittedOn, askers, addressedTo, questions, responses,
                replaced, citations, tkId);
    }

    /** The same set with its responses replaced. */
    public QuestionSet withResponses(List<Response> replaced) {
        return new QuestionSet(source, caseNumber, title, submittedOn, askers, addressedTo, questions, replaced,
                supplements, citations, tkId);
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
