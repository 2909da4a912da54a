package org.kvgraph.model;

import java.time.LocalDate;

/** Something a question, answer or set cites: a treaty, a Kamerstuk, an Aanhangsel answer, a case, an article. */
public sealed interface Citation {

    /** A treaty; any of the three may be null but not all. {@code trbCitation} as "Trb. 2007, 125". */
    record Treaty(String name, String trbCitation, String bwbId) implements Citation {
    }

    /** A Kamerstuk: dossier without spaces, suffixes kept ("29383", "21501-02", "36410-XIV"), and its number. */
    record ParliamentaryPaper(String dossier, String number) implements Citation {
    }

    /** An answer published in the Aanhangsel: vergaderjaar as "20222023" and the Aanhangsel number. */
    record AanhangselAnswer(String vergaderjaar, String number) implements Citation {
        public String publicationId() {
            return "ah-tk-" + vergaderjaar + "-" + number;
        }
    }

    /** An earlier set of questions, by its case number ("2025Z10261"). */
    record QuestionSetRef(String caseNumber) implements Citation {
    }

    /** A news article; publisher, date and headline may be null when the footnote lacks them. */
    record NewsArticle(String publisher, LocalDate datePublished, String headline, String url) implements Citation {
    }

    /** A web page cited only by its address. */
    record WebPage(String url) implements Citation {
    }
}
