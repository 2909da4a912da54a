package org.kvgraph.timeliness;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.model.Response;
import org.kvgraph.model.ResponseKind;

/**
 * The answer term of a set of written questions, modelled as the rule itself: an answer is due three weeks
 * (21 days) after submission, and each postponement notice extends the term by three more weeks.
 *
 * <ul>
 * <li>{@code postponementCount}: the postponement notices of the set received on or before its first
 * substantive answer (a notice without a date counts; a notice after the answer cannot extend its term). For
 * a set without a dated answer, every notice counts.</li>
 * <li>{@code dueDate}: submission + 21 × (1 + postponementCount) days.</li>
 * <li>{@code firstAnswerOn}: the earliest receipt date of an answer (not a postponement notice); later
 * (supplementary, "nader") answers do not change it.</li>
 * <li>{@code daysToAnswer}: days from submission to the first answer.</li>
 * <li>{@code status}: answered on time (first answer within 21 days, postponed or not), answered within the
 * extended term (postponed, and answered after 21 days but by the extended due date), answered late, answered
 * but the date is unknown, or open (no substantive answer in the data). Whether an open set is overdue depends
 * on the day one asks: {@link Facts#statusOn(LocalDate)}; it is never materialised, so conversions stay
 * byte-identical from day to day. Withdrawn is a status of the scheme, but no source read by kvgraph
 * records a withdrawal, so it is never derived.</li>
 * </ul>
 *
 * <pre>{@code
 * Timeliness.Facts f = Timeliness.of(LocalDate.parse("2024-05-30"), List.of(
 *         Timeliness.Notice.postponement(LocalDate.parse("2024-06-14")),
 *         Timeliness.Notice.answer(LocalDate.parse("2024-07-05"))));
 * f.status();   // ANSWERED_WITHIN_EXTENDED_TERM, due 2024-07-11, 36 days
 * }</pre>
 */
public final class Timeliness {
    /** The term in days, and the extension each postponement notice gives. */
    public static final int TERM_DAYS = 21;

    /** Changes whenever the derivation rules change, so stores built by older rules are rebuilt. */
    public static final String RULES_VERSION = "timeliness-2";

    /** The statuses, each a SKOS concept of the ontology ({@code kv:AnsweredOnTime} …). */
    public enum Status {
        ANSWERED_ON_TIME("AnsweredOnTime", "answered on time"),
        ANSWERED_WITHIN_EXTENDED_TERM("AnsweredWithinExtendedTerm", "answered after postponement, within the extended term"),
        ANSWERED_LATE("AnsweredLate", "answered late"),
        ANSWERED_DATE_UNKNOWN("AnsweredDateUnknown", "answered, date unknown"),
        OPEN("Open", "open"),
        OPEN_OVERDUE("OpenOverdue", "open and overdue"),
        WITHDRAWN("Withdrawn", "withdrawn");

        private final String local;
        private final String label;

        Status(String local, String label) {
            this.local = local;
            this.label = label;
        }

        /** The local name of the concept in the kv: namespace. */
        public String localName() {
            return local;
        }

        public String label() {
            return label;
        }

        public static Status byLocalName(String local) {
            for (Status s : values()) {
                if (s.local.equals(local)) {
                    return s;
                }
            }
            return null;
        }
    }

    /** One response of a set: a substantive answer or a postponement notice, with its receipt date if known. */
    public record Notice(boolean answer, LocalDate receivedOn) {
        public static Notice answer(LocalDate on) {
            return new Notice(true, on);
        }

        public static Notice postponement(LocalDate on) {
            return new Notice(false, on);
        }
    }

    /** The derived facts of one set. {@code firstAnswerOn} and {@code daysToAnswer} are null when unknown. */
    public record Facts(LocalDate submittedOn, LocalDate dueDate, int postponementCount, LocalDate firstAnswerOn,
                        Integer daysToAnswer, Status status) {
        public boolean postponed() {
            return postponementCount > 0;
        }

        /** The status on a given day: an open set whose due date has passed is open and overdue. */
        public Status statusOn(LocalDate today) {
            return status == Status.OPEN && today != null && today.isAfter(dueDate) ? Status.OPEN_OVERDUE : status;
        }
    }

    private Timeliness() {
    }

    /** The facts of a set submitted on the given day with these responses. */
    public static Facts of(LocalDate submittedOn, List<Notice> responses) {
        Objects.requireNonNull(submittedOn, "submittedOn");
        boolean answered = false;
        LocalDate first = null;
        for (Notice n : responses) {
            if (n.answer()) {
                answered = true;
                if (n.receivedOn() != null && (first == null || n.receivedOn().isBefore(first))) {
                    first = n.receivedOn();
                }
            }
        }
        int postponements = 0;
        for (Notice n : responses) {
            if (!n.answer() && (first == null || n.receivedOn() == null || !n.receivedOn().isAfter(first))) {
                postponements++;
            }
        }
        LocalDate due = submittedOn.plusDays((long) TERM_DAYS * (1 + postponements));
        Integer days = first == null ? null : Math.toIntExact(ChronoUnit.DAYS.between(submittedOn, first));
        Status status;
        if (!answered) {
            status = Status.OPEN;
        } else if (first == null) {
            status = Status.ANSWERED_DATE_UNKNOWN;
        } else if (!first.isAfter(submittedOn.plusDays(TERM_DAYS))) {
            status = Status.ANSWERED_ON_TIME;
        } else if (postponements > 0 && !first.isAfter(due)) {
            status = Status.ANSWERED_WITHIN_EXTENDED_TERM;
        } else {
            status = Status.ANSWERED_LATE;
        }
        return new Facts(submittedOn, due, postponements, first, days, status);
    }

    /** The facts of a set as one document tells it; null when the document gives no submission date. */
    public static Facts of(QuestionSet set) {
        if (set.submittedOn() == null) {
            return null;
        }
        List<Notice> notices = new ArrayList<>();
        for (Response r : set.responses()) {
            notices.add(new Notice(r.kind() == ResponseKind.ANSWER, r.receivedOn()));
        }
        return of(set.submittedOn(), notices);
    }
}
