package org.kvgraph.model;

import java.time.LocalDate;
import java.util.List;

/** An earlier set that a set supplements ("ter aanvulling op eerdere vragen … (vraagnummer 2025Z10261)"). */
public record SupplementedSet(String caseNumber, List<Person> askers, LocalDate submittedOn) {
    public SupplementedSet {
        askers = List.copyOf(askers);
    }
}
