package org.kvgraph.text;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dutch written dates ("22 mei 2025", "1 maart 2024") to {@link LocalDate}. */
public final class DutchDates {
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("januari", 1), Map.entry("februari", 2), Map.entry("maart", 3), Map.entry("april", 4),
            Map.entry("mei", 5), Map.entry("juni", 6), Map.entry("juli", 7), Map.entry("augustus", 8),
            Map.entry("september", 9), Map.entry("oktober", 10), Map.entry("november", 11),
            Map.entry("december", 12));

    /** A Dutch date anywhere in a text: day, month name, four-digit year, any white space between. */
    public static final Pattern DATE = Pattern.compile(
            "\\b(\\d{1,2})\\s+(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\\s*(\\d{4})\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private DutchDates() {
    }

    /**
     * Parses a text that is exactly one Dutch date. Throws {@link IllegalArgumentException} with a reason
     * for a text that is not one or for a day that does not exist ("31 februari 2023").
     */
    public static LocalDate parse(String text) {
        Matcher m = DATE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Dutch date: \"" + text.strip() + "\"");
        }
        return of(m);
    }

    /** The first Dutch date in a text, if any (an impossible day is an error, not skipped). */
    public static Optional<LocalDate> find(String text) {
        Matcher m = DATE.matcher(text);
        return m.find() ? Optional.of(of(m)) : Optional.empty();
    }

    /** The date a match of {@link #DATE} stands for. */
    public static LocalDate of(Matcher m) {
        int day = Integer.parseInt(m.group(1));
        int month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
        int year = Integer.parseInt(m.group(3));
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("no such date: \"" + m.group() + "\"", e);
        }
    }
}
