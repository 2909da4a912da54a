package org.kvgraph.model;

/** Where a record came from: the source file as given to the converter, and a 1-based line. */
public record Location(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
