package org.kvgraph.model;

import java.time.LocalDate;
import java.util.List;

/**
 * The government's response document for a set: who signed it and as what ({@code signatories}), on behalf
 * of which other offices ("mede namens"), when it was received, the ministry's own reference, the
 * publication id ("ah-tk-20222023-3649") when known, earlier publications it says to see too ("Zie ook"),
 * and its answer blocks.
 */
public record Response(
        ResponseKind kind,
        String publicationId,
        LocalDate receivedOn,
        List<Signatory> signatories,
        List<Office> onBehalfOf,
        String reference,
        List<Citation.AanhangselAnswer> seeAlso,
        List<Answer> answers,
        List<Citation> citations,
        Location at) {

    public Response {
        signatories = List.copyOf(signatories);
        onBehalfOf = List.copyOf(onBehalfOf);
        seeAlso = List.copyOf(seeAlso);
        answers = List.copyOf(answers);
        citations = List.copyOf(citations);
    }

    /** The same response with another receipt date (null: unknown). */
    public Response withReceivedOn(LocalDate date) {
        return new Response(kind, publicationId, date, signatories, onBehalfOf, reference, seeAlso, answers, citations, at);
    }
}
