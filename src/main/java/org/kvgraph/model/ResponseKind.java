package org.kvgraph.model;

/** The kinds of government response to a set of questions. */
public enum ResponseKind {
    /** "Antwoord schriftelijke vragen". */
    ANSWER,
    /** "Mededeling (uitstel antwoord)": the answer will be late. */
    POSTPONEMENT
}
