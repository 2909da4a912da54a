package org.kvgraph.convert;

/** One input that could not be converted, with its place: printed as {@code FILE:LINE: reason}. */
public record Problem(String file, int line, String reason) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
