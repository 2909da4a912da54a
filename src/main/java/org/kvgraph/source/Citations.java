package org.kvgraph.source;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kvgraph.model.Citation;
import org.kvgraph.text.DutchDates;
import org.kvgraph.text.Text;

/**
 * What a footnote or a passage cites, read from its text: treaties ("Trb. 2007, 125", a wetten.overheid.nl
 * BWB URL), Kamerstukken ("Kamerstuk 29 383, nr. 406", "36 410 XIV, nr. 9"), Aanhangsel answers
 * ("Aanhangsel Handelingen, vergaderjaar 2022–2023, nr. 844"), case numbers ("2025Z10261") and news
 * articles ("Binnenlands Bestuur, 19 mei 2025, «headline» (https://…)").
 */
public final class Citations {
    public static final Pattern URL = Pattern.compile("https?://[^\\s()<>«»\"]+[^\\s()<>«»\".,;:]");
    /** An address written without its scheme ("www.volkskrant.nl/…"); read as https. */
    static final Pattern WWW = Pattern.compile("(?<![\\w/.@])www\\.[^\\s()<>«»\"]+[^\\s()<>«»\".,;:]");
    static final Pattern BWB = Pattern.compile("\\b(BWB[RV]\\d{7})\\b");
    static final Pattern TRB = Pattern.compile("\\bTrb\\.?\\s*(\\d{4}),?\\s*(?:nr\\.\\s*)?(\\d+)\\b");
    /** "Kamerstuk 29 383, nr. 406", "Kamerstukken 21 501-02, nr. 2733", "36 410 XIV, nr. 9", "31 839, nr 874". */
    static final Pattern KAMERSTUK = Pattern.compile(
            "(?:\\bKamerstuk(?:ken)?(?:\\s+II)?\\s+)?\\b(\\d{2}\\s?\\d{3}(?:-[0-9A-Z]+|\\s[IVXL]+(?=,))?),\\s*nr\\.?\\s*(\\d+)");
    static final Pattern AANHANGSEL = Pattern.compile(
            "Aanhangsel(?:\\s+van\\s+de)?\\s*Handelingen(?:\\s+II)?,?\\s*(?:vergaderjaar\\s+)?(\\d{4})\\s*[–—-]\\s*(\\d{2,4}),?\\s*(?:nr\\.\\s*)?(\\d+)");
    public static final Pattern CASE_NUMBER = Pattern.compile("\\b((?:19|20)\\d{2}Z\\d{5})\\b");
    /**
     * "Publisher, 19 mei 2025, «Headline»" or with quotes, d.d., or no headline; the date may also be followed
     * directly by the address in parentheses ("De Volkskrant, 28 mei 2024 (www.volkskrant.nl/…)").
     */
    static final Pattern ARTICLE = Pattern.compile(
            "^\\s*([^,]{2,80}?),\\s*(?:d\\.d\\.\\s*)?(\\d{1,2}\\s+\\p{L}+\\s+\\d{4})(?:,\\s*|\\s+(?=\\())(.*)$",
            Pattern.DOTALL);

    private Citations() {
    }

    /** Everything a footnote's text cites, in order of appearance, without repeats. */
    public static List<Citation> parse(String footnote) {
        String t = Text.normalise(footnote);
        LinkedHashSet<Citation> found = new LinkedHashSet<>();
        Citation.Treaty treaty = treaty(t);
        if (treaty != null) {
            found.add(treaty);
        }
        Matcher a = AANHANGSEL.matcher(t);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (a.find()) {
            found.add(new Citation.AanhangselAnswer(vergaderjaar(a.group(1), a.group(2)), a.group(3)));
            rest.append(t, last, a.start()).append(' ');
            last = a.end();
        }
        rest.append(t.substring(last));
        Matcher k = KAMERSTUK.matcher(rest);
        while (k.find()) {
            found.add(new Citation.ParliamentaryPaper(dossier(k.group(1)), k.group(2)));
        }
        Matcher c = CASE_NUMBER.matcher(t);
        while (c.find()) {
            found.add(new Citation.QuestionSetRef(c.group(1)));
        }
        Citation.NewsArticle article = article(t);
        if (article != null) {
            found.add(article);
        } else if (treaty == null || treaty.bwbId() == null) {
            Matcher u = URL.matcher(t);
            boolean any = false;
            while (u.find()) {
                any = true;
                if (!u.group().contains("wetten.overheid.nl")) {
                    found.add(new Citation.WebPage(u.group()));
                }
            }
            Matcher w = WWW.matcher(t);
            while (!any && w.find()) {
                found.add(new Citation.WebPage("https://" + w.group()));
            }
        }
        return new ArrayList<>(found);
    }

    /** A treaty when the text names one by Tractatenblad citation or BWBV id (BWBR ids are laws, not treaties). */
    public static Citation.Treaty treaty(String text) {
        Matcher trb = TRB.matcher(text);
        Matcher bwb = BWB.matcher(text);
        String trbCitation = trb.find() ? "Trb. " + trb.group(1) + ", " + trb.group(2) : null;
        String bwbId = null;
        while (bwb.find()) {
            if (bwb.group(1).startsWith("BWBV")) {
                bwbId = bwb.group(1);
                break;
            }
        }
        if (trbCitation == null && bwbId == null) {
            return null;
        }
        String name = null;
        int cut = trbCitation != null ? text.indexOf("(Trb") >= 0 ? text.indexOf("(Trb") : trb.start() : -1;
        if (cut > 0) {
            name = text.substring(0, cut).replaceAll("[\\s,(]+$", "").strip();
        }
        return new Citation.Treaty(name == null || name.isEmpty() ? null : name, trbCitation, bwbId);
    }

    /** A news article: publisher, Dutch date, then headline and/or URL. */
    public static Citation.NewsArticle article(String text) {
        Matcher m = ARTICLE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        LocalDate date;
        try {
            date = DutchDates.parse(m.group(2));
        } catch (IllegalArgumentException e) {
            return null;
        }
        String publisher = m.group(1).strip();
        if (publisher.matches("(?i).*(kamerstuk|aanhangsel|brief|kamerbrief).*")) {
            return null;
        }
        String rest = m.group(3).strip();
        Matcher u = URL.matcher(rest);
        String url = u.find() ? u.group() : null;
        int urlStart = url == null ? -1 : u.start();
        if (url == null) {
            Matcher w = WWW.matcher(rest);
            if (w.find()) {
                url = "https://" + w.group();
                urlStart = w.start();
            }
        }
        String headline = url == null ? rest : rest.substring(0, urlStart);
        headline = headline.replaceAll("[\\s(]+$", "").replaceAll("^[\\s]+|[\\s.,]+$", "");
        headline = unquote(headline);
        return new Citation.NewsArticle(publisher, date, headline.isEmpty() ? null : headline, url);
    }

    /** Strips one pair of enclosing quotes or guillemets. */
    static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("«") && t.endsWith("»"))) {
            return t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    /** "29 383" is "29383"; "21 501-02" is "21501-02"; "36 410 XIV" is "36410-XIV". */
    static String dossier(String written) {
        String d = written.strip();
        Matcher roman = Pattern.compile("^(\\d{2})\\s?(\\d{3})\\s([IVXL]+)$").matcher(d);
        if (roman.matches()) {
            return roman.group(1) + roman.group(2) + "-" + roman.group(3);
        }
        return d.replace(" ", "");
    }

    /** "2022" and "2023" (or "23", or the typo "203") give "20222023". */
    static String vergaderjaar(String first, String second) {
        int y = Integer.parseInt(first);
        return first + (y + 1);
    }
}
