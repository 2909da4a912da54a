package org.kvgraph.source;

/**
 * The one exception a reader throws for bad input. Its message is {@code FILE:LINE: reason}, so a user can go
 * straight to the place.
 */
public class ParseException extends Exception {
    private final String file;
    private final int line;
    private final String reason;

    public ParseException(String file, int line, String reason) {
        this(file, line, reason, null);
    }

    public ParseException(String file, int line, String reason, Throwable cause) {
        super(file + ":" + line + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
