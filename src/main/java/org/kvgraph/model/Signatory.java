package org.kvgraph.model;

/** A member of government who signed a response, and the office in which they signed. */
public record Signatory(Person person, Office office) {
}
