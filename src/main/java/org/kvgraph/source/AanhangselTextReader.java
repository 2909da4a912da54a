package org.kvgraph.source;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kvgraph.model.Answer;
import org.kvgraph.model.Citation;
import org.kvgraph.model.Location;
import org.kvgraph.model.Office;
import org.kvgraph.model.Person;
import org.kvgraph.model.Question;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.model.Response;
import org.kvgraph.model.ResponseKind;
import org.kvgraph.model.Signatory;
import org.kvgraph.text.DutchDates;
import org.kvgraph.text.Text;

/**
 * Reads the text of one "Aanhangsel van de Handelingen" publication (an answered set of written questions) as
 * extraction tools leave it: poppler's {@code pdftotext} (form feeds between pages, footnotes after each page's
 * body), raw PDF text (page footer glued to the next heading, footnote markers on lines of their own) or a
 * markdown rendering ({@code #} headings, {@code **} bold, {@code [1]} markers, {@code -----} page breaks).
 *
 * <p>The document gives one {@link QuestionSet} with one {@link Response}. Reading goes in steps:
 * <ol>
 * <li>lines are cleaned of page furniture (running heads, page numbers, "ah-tk-…" and ISSN footers, markdown)
 * and numbered by page;</li>
 * <li>footnote markers are found in the body and footnote texts at the ends of pages. Footnote numbers
 * strictly increase through a document and a marker always comes before its footnote's text: a number is only
 * read as a marker when it is the next marker number, and only read as a footnote when its marker was seen;</li>
 * <li>the body is cut into "Vraag n" / "Antwoord n" blocks; a "Vraag n" heading lost at a page break is inferred
 * from an "Antwoord n" that follows an answer, the question being the text after the last page break;</li>
 * <li>the header ("Vragen van …", "Antwoord van …") is parsed for askers, offices, title, dates and signers.</li>
 * </ol>
 */
public final class AanhangselTextReader implements SourceReader {

    private static final Pattern MD_RULE = Pattern.compile("^-{3,}$");
    private static final Pattern MD_HEADING = Pattern.compile("^#{1,6}\\s*");
    private static final Pattern MD_UNDERSCORE_START = Pattern.compile("^_(?=\\S)");
    private static final Pattern MD_UNDERSCORE_END = Pattern.compile("(?<=\\S)_$");
    private static final Pattern VERGADERJAAR = Pattern.compile("Vergaderjaar\\s+(\\d{4})\\s*[–—-]\\s*(\\d{4})");
    /** The running head or foot, with its page number; what follows it on the line is the next page's text. */
    private static final Pattern RUNNING = Pattern.compile(
            "Tweede Kamer, vergaderjaar \\d{4}\\s*[–—-]\\s*\\d{4}, Aanhangsel(?:\\s*\\d{1,3}(?!\\d))?\\s*");
    private static final Pattern AH_ID = Pattern.compile("^ah-tk-(\\d{8})-(\\d+)$");
    private static final Pattern H_ID = Pattern.compile("^h tk (\\d{8}) (\\d+)$");
    private static final Pattern ISSN = Pattern.compile("^ISSN 0921\\s*-\\s*7398\\s*(?:[’']s-Gravenhage \\d{4})?\\s*");
    private static final Pattern GRAVENHAGE = Pattern.compile("^[’']s-Gravenhage \\d{4}\\s*");
    private static final Pattern MASTHEAD = Pattern.compile("^Tweede Kamer der Staten-Generaal\\s*\\d*$");
    private static final Pattern NUMBER_LINE = Pattern.compile("^(\\d{1,3})$");

    private static final String NUMBERS = "(\\d+(?:\\s*(?:,|en)?\\s*\\d+)*)";
    private static final Pattern VRAAG = Pattern.compile("^Vraag\\s+" + NUMBERS + "\\s*[.:]?$");
    private static final Pattern ANTWOORD = Pattern.compile("^Antwoord\\s+" + NUMBERS + "\\s*[.:]?$");
    private static final Pattern MEDEDELING = Pattern.compile("^Mededeling\\s*[.:]?$");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private static final Pattern SET_HEADER = Pattern.compile(
            "^Vra(?:gen|ag) van (?:het lid|de leden)\\s+(.+?)\\s+aan\\s+((?:de|het)\\s+.+?)\\s+over\\s+(.+?)\\s*"
                    + "\\(ingezonden\\s+([^()]*?)\\s*\\)\\s*\\.?\\s*$");
    private static final Pattern RESPONSE_HEADER = Pattern.compile(
            "^(Antwoord|Mededeling) van\\s+(.+?)(?:,?\\s+mede namens\\s+(.+?))?\\s*"
                    + "\\(ontvangen\\s+(?:\\(ontvangen\\s+)?([^()]*?)\\s*\\)\\s*\\.?\\s*(.*)$");
    private static final Pattern SIGNER = Pattern.compile(
            "(Minister-President|Minister|Staatssecretaris)\\s+([^()]+?)\\s*\\(((?:[^()]|\\([^()]*\\))*)\\)");
    private static final Pattern ASKER_GROUP = Pattern.compile("\\s*(?:,|\\ben\\b)?\\s*([^()]+?)\\s*\\(([^()]+)\\)");
    private static final Pattern GLUED_PARTICLE = Pattern.compile("(?<!\\p{L})(van|de|der|den|ter|ten|te)(?=\\p{Lu})");
    private static final Pattern PARTICLE = Pattern.compile("(?i)van|de|der|den|het|ter|ten|te|in|op|la|le|du|d'|t'|'t");
    /** A given name and a family name run together by text extraction ("DaniëlleJansen"): one word, two capitals. */
    private static final Pattern GLUED_GIVEN_NAME = Pattern.compile("^(\\p{Lu}\\p{Ll}{2,})(\\p{Lu}\\p{Ll}{2,}(?:-\\p{Lu}\\p{Ll}+)?)$");
    private static final Pattern GIVEN_NAME = Pattern.compile(
            "^(\\p{Lu}\\p{Ll}+)\\s+((?:van|de|der|den|ter|ten|te|in 't|'t)\\s.+)$");

    private static final Pattern BRACKET_MARKER = Pattern.compile("\\[\\s*(\\d{1,2}(?:\\s+\\d{1,2})*)\\s*\\]");
    /** Digits glued to the end of a word or punctuation ("beleid»?1", "Gastland.1", "Kit2"). */
    private static final Pattern GLUED_MARKER = Pattern.compile(
            "(?<=[\\p{L}?!.,;:»\"')’”])(\\d{1,2})(?=$|[\\s,.;:)?!»])|(?<=[?!.»”)])(\\d{1,2})(?=\\p{Lu})");
    /** A footnote number glued to a year ("14 juli 20235 waarin"). */
    private static final Pattern YEAR_MARKER = Pattern.compile("(?<![\\d.,])((?:19|20)\\d{2})(\\d{1,2})(?=$|[\\s,.;:)?!»])");
    /** A marker printed at the start of the next line ("4 is de problematiek"), not a date ("1 december"). */
    private static final Pattern LINE_START_MARKER = Pattern.compile(
            "^(\\d{1,2})\\s+(?!(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\\b)"
                    + "(?=\\p{Ll})");
    /** A Kamerstuk written as dossier-number in a postponement notice ("een brief over … (36 471-64)"). */
    private static final Pattern NOTICE_PAPER = Pattern.compile("\\((\\d{2}\\s?\\d{3})-(\\d{1,4})\\)");
    private static final Pattern FN_GLUED = Pattern.compile("^(\\d{1,2})(?=[\\p{L}(«\"'‘“])");
    private static final Pattern FN_SPACED = Pattern.compile("^(\\d{1,2})\\s+(?=[\\p{Lu}\\d(«\"'‘“]|https?:|www\\.)");

    private static final Pattern MASTHEAD_LINE = Pattern.compile(
            "(?m)^[#*_\\s]*(?:Vergaderjaar \\d{4}\\s*[–—-]\\s*\\d{4}\\s+)?Aanhangsel van de Handelingen[*_\\s]*$");
    private static final Pattern HEADER_START = Pattern.compile(
            "(?m)^[#*_\\s]*(?:Mondelinge v|V)ra(?:gen|ag) van (?:het lid|de leden) [^\\n]*(?:\\n[^\\n]*){0,6}?\\(ingezonden");

    /** How the text was extracted: it decides which footnote and marker forms are believed. */
    private enum Style { PDFTOTEXT, RAW, MARKDOWN }

    @Override
    public String layout() {
        return "aanhangsel";
    }

    /**
     * The masthead: "Aanhangsel van de Handelingen" as a line of its own (perhaps after the vergaderjaar, or as a
     * markdown heading), or a "Vragen van het lid/de leden …" header with "(ingezonden" in the next lines. A
     * letter that only cites an Aanhangsel answer in a footnote is not taken.
     */
    @Override
    public boolean accepts(SourceDocument document) {
        String head = document.text().substring(0, Math.min(document.text().length(), 4000));
        return MASTHEAD_LINE.matcher(head).find() || HEADER_START.matcher(head).find();
    }

    @Override
    public void read(SourceDocument document, RecordSink sink) throws ParseException {
        sink.questionSet(new Parse(document).run());
    }

    /** One cleaned line: its 1-based number in the file, its text, and the page it is on. */
    private static final class Ln {
        final int no;
        String text;
        final int page;
        /** Footnote markers found on this line, in order. */
        final List<Integer> markers = new ArrayList<>();
        /** Part of a footnote zone (not body text). */
        boolean footnote;

        Ln(int no, String text, int page) {
            this.no = no;
            this.text = text;
            this.page = page;
        }

        boolean blank() {
            return text.isBlank();
        }
    }

    private enum Kind { HEADER, QUESTION, ANSWER, NOTICE }

    private static final class Block {
        final Kind kind;
        final List<Integer> numbers;
        final int line;
        final String heading;
        final List<Ln> lines = new ArrayList<>();

        Block(Kind kind, List<Integer> numbers, int line, String heading) {
            this.kind = kind;
            this.numbers = numbers;
            this.line = line;
            this.heading = heading;
        }
    }

    /** The state of reading one document. */
    private static final class Parse {
        private final SourceDocument doc;
        private final String file;
        private final Style style;
        private final List<Ln> lines = new ArrayList<>();
        private final List<String[]> footerIds = new ArrayList<>();
        private final List<Integer> footerLines = new ArrayList<>();
        private final Map<Integer, List<Ln>> footnotes = new TreeMap<>();
        private final Map<Integer, Integer> markerLines = new TreeMap<>();

        Parse(SourceDocument doc) {
            this.doc = doc;
            this.file = doc.name();
            String t = doc.text();
            if (t.indexOf('\f') >= 0) {
                style = Style.PDFTOTEXT;
            } else if (Pattern.compile("(?m)^(?:\\s*#{1,6}\\s|\\*\\*|-----\\s*$)").matcher(t).find()) {
                style = Style.MARKDOWN;
            } else {
                style = Style.RAW;
            }
        }

        private ParseException error(int line, String reason) {
            return new ParseException(file, line, reason);
        }

        QuestionSet run() throws ParseException {
            clean();
            int vragen = indexOf(l -> l.text.startsWith("Vragen van ") || l.text.startsWith("Vraag van "), 0);
            int oral = indexOf(l -> l.text.startsWith("Mondelinge vragen van "), 0);
            if (vragen < 0 && oral >= 0) {
                throw error(lines.get(oral).no, "oral questions (\"Mondelinge vragen\", asked in the Kamer's question hour), not written questions: not converted");
            }
            if (vragen < 0) {
                throw error(1, "no \"Vragen van\" header (\"Vragen van het lid … aan de Minister … over … (ingezonden …)\")");
            }
            String caseNumber = caseNumberAbove(vragen);
            int ingezonden = vragen;
            while (ingezonden < lines.size() && !lines.get(ingezonden).text.contains("(ingezonden")) {
                if (ingezonden > vragen && isHeading(lines.get(ingezonden).text)) {
                    ingezonden = lines.size();
                    break;
                }
                ingezonden++;
            }
            if (ingezonden >= lines.size()) {
                throw error(lines.get(vragen).no, "the \"Vragen van\" header has no \"(ingezonden <date>)\"");
            }
            // The date may run on to the next line: "(ingezonden 6 maart" / "2024).".
            String after = lines.get(ingezonden).text.substring(lines.get(ingezonden).text.indexOf("(ingezonden"));
            while (!after.contains(")") && ingezonden + 1 < lines.size() && !isHeading(lines.get(ingezonden + 1).text)
                    && !lines.get(ingezonden + 1).text.startsWith("Antwoord van")) {
                ingezonden++;
                after += " " + lines.get(ingezonden).text;
            }
            int responseStart = indexOf(l -> !l.blank(), ingezonden + 1);
            boolean hasResponse = responseStart >= 0 && lines.get(responseStart).text.matches("^(Antwoord|Mededeling) van\\b.*");
            // A question document ("kv-tk-…": the case number above the header, no response yet) has questions only.
            boolean questionsOnly = !hasResponse && caseNumber != null;
            if (!hasResponse && !questionsOnly) {
                int at = responseStart < 0 ? lines.get(ingezonden).no : lines.get(responseStart).no;
                throw error(at, "no \"Antwoord van …\" or \"Mededeling van …\" line after the questions' header");
            }
            String[] publication = questionsOnly ? null : publication(vragen);
            int bodyStart = indexOf(l -> isHeading(l.text), questionsOnly ? ingezonden + 1 : responseStart + 1);
            if (bodyStart < 0) {
                throw error(lines.get(questionsOnly ? ingezonden : responseStart).no,
                        questionsOnly ? "no \"Vraag 1\" after the questions' header" : "no \"Vraag 1\" after the response header");
            }
            if (questionsOnly) {
                responseStart = bodyStart;
            }

            footnotesAndMarkers(vragen);

            List<Ln> setHeader = lines.subList(vragen, ingezonden + 1);
            List<Ln> responseHeader = lines.subList(responseStart, bodyStart);
            List<Block> blocks = blocks(bodyStart);

            // Header of the set.
            String header = Text.joinLines(texts(setHeader));
            Matcher h = SET_HEADER.matcher(header);
            if (!h.matches()) {
                header = unglueOver(header);
                h = SET_HEADER.matcher(header);
            }
            int headerLine = lines.get(vragen).no;
            if (!h.matches()) {
                throw error(headerLine, headerProblem(header));
            }
            List<Person> askers = askers(h.group(1), headerLine);
            List<Office> addressed = Offices.parseList(h.group(2));
            if (addressed.isEmpty()) {
                throw error(headerLine, "no office in \"aan " + h.group(2) + "\"");
            }
            String title = h.group(3).strip();
            LocalDate submitted = date(h.group(4), lineOf(setHeader, "ingezonden"));

            if (questionsOnly) {
                return questionsOnly(caseNumber, h, blocks, askers, addressed, title, submitted, setHeader, bodyStart);
            }

            // Header of the response.
            String rh = Text.joinLines(texts(responseHeader));
            Matcher r = RESPONSE_HEADER.matcher(rh);
            int responseLine = lines.get(responseStart).no;
            if (!r.matches()) {
                throw error(responseLine, rh.contains("(ontvangen")
                        ? "cannot read the response header \"" + abbreviate(rh) + "\""
                        : "the response header has no \"(ontvangen <date>)\"");
            }
            ResponseKind kind = r.group(1).equals("Mededeling") ? ResponseKind.POSTPONEMENT : ResponseKind.ANSWER;
            List<Signatory> signatories = signatories(r.group(2), addressed, responseLine);
            List<Office> onBehalfOf = r.group(3) == null ? List.of() : Offices.parseList(r.group(3));
            if (r.group(3) != null && onBehalfOf.isEmpty()) {
                throw error(responseLine, "no office in \"mede namens " + r.group(3) + "\"");
            }
            LocalDate received = date(r.group(4), lineOf(responseHeader, "ontvangen"));
            List<Citation.AanhangselAnswer> seeAlso = new ArrayList<>();
            String rest = r.group(5).strip();
            if (!rest.isEmpty()) {
                Matcher a = Citations.AANHANGSEL.matcher(rest);
                while (a.find()) {
                    seeAlso.add(new Citation.AanhangselAnswer(Citations.vergaderjaar(a.group(1), a.group(2)), a.group(3)));
                }
                if (seeAlso.isEmpty()) {
                    throw error(lineOf(responseHeader, rest.substring(0, Math.min(8, rest.length()))),
                            "unexpected text after the response header: \"" + abbreviate(rest) + "\"");
                }
            }

            // Questions and answers.
            List<Question> questions = new ArrayList<>();
            List<Answer> answers = new ArrayList<>();
            List<Citation> responseCitations = new ArrayList<>(citations(responseHeader));
            TreeSet<Integer> asked = new TreeSet<>();
            for (Block b : blocks) {
                String text = Text.joinLines(texts(b.lines));
                List<Citation> cites = citations(b.lines);
                if (b.kind == Kind.NOTICE) {
                    // The notice's text has no place in the records; what it cites does.
                    Matcher np = NOTICE_PAPER.matcher(text);
                    while (np.find()) {
                        responseCitations.add(new Citation.ParliamentaryPaper(np.group(1).replace(" ", ""), np.group(2)));
                    }
                    responseCitations.addAll(Citations.parse(text));
                    responseCitations.addAll(cites);
                    continue;
                }
                if (text.isEmpty()) {
                    throw error(b.line, "\"" + b.heading + "\" has no text");
                }
                if (b.kind == Kind.QUESTION) {
                    for (int n : b.numbers) {
                        if (!asked.add(n)) {
                            throw error(b.line, "question " + n + " appears twice");
                        }
                        questions.add(new Question(n, text, new Location(file, b.line), cites));
                    }
                } else {
                    for (int n : b.numbers) {
                        if (!asked.contains(n)) {
                            throw error(b.line, "\"" + b.heading + "\" has no matching question");
                        }
                    }
                    answers.add(new Answer(b.numbers, text, new Location(file, b.line), cites));
                }
            }
            if (asked.isEmpty()) {
                throw error(lines.get(bodyStart).no, "no questions");
            }
            for (int n = 1; n <= asked.last(); n++) {
                if (!asked.contains(n)) {
                    throw error(lines.get(bodyStart).no, "question " + n + " is missing (questions run to " + asked.last() + ")");
                }
            }
            if (kind == ResponseKind.ANSWER && answers.isEmpty()) {
                throw error(responseLine, "\"Antwoord van\" but no \"Antwoord n\" blocks");
            }
            String publicationId = "ah-tk-" + publication[0] + "-" + publication[1];
            Response response = new Response(kind, publicationId, received, signatories, onBehalfOf, null, seeAlso,
                    answers, dedupe(responseCitations), new Location(file, responseLine));
            return new QuestionSet(new Location(file, headerLine), null, title, submitted, askers, addressed,
                    questions, List.of(response), List.of(), citations(setHeader));
        }

        /** The set of a question document: its case number, header and questions, and no response. */
        private QuestionSet questionsOnly(String caseNumber, Matcher h, List<Block> blocks, List<Person> askers,
                List<Office> addressed, String title, LocalDate submitted, List<Ln> setHeader, int bodyStart) throws ParseException {
            List<Question> questions = new ArrayList<>();
            TreeSet<Integer> asked = new TreeSet<>();
            for (Block b : blocks) {
                if (b.kind == Kind.ANSWER || b.kind == Kind.NOTICE) {
                    throw error(b.line, "\"" + b.heading + "\" in a question document without a response header");
                }
                String text = Text.joinLines(texts(b.lines));
                if (text.isEmpty()) {
                    throw error(b.line, "\"" + b.heading + "\" has no text");
                }
                for (int n : b.numbers) {
                    if (!asked.add(n)) {
                        throw error(b.line, "question " + n + " appears twice");
                    }
                    questions.add(new Question(n, text, new Location(file, b.line), citations(b.lines)));
                }
            }
            if (asked.isEmpty()) {
                throw error(lines.get(bodyStart).no, "no questions");
            }
            for (int n = 1; n <= asked.last(); n++) {
                if (!asked.contains(n)) {
                    throw error(lines.get(bodyStart).no, "question " + n + " is missing (questions run to " + asked.last() + ")");
                }
            }
            return new QuestionSet(new Location(file, lines.get(indexOf(l -> l.text.startsWith("Vragen van "), 0)).no), caseNumber,
                    title, submitted, askers, addressed, questions, List.of(), List.of(), citations(setHeader));
        }

        /**
         * The header with the " over " that text extraction ran into the addressee's last word ("… Welzijn en
         * Sportover zorg voor …") split off again, where what comes before it names offices; else unchanged.
         */
        private static String unglueOver(String header) {
            Matcher m = Pattern.compile("(?<=\\p{L})over(?=\\s)|(?<=\\s)over(?=\\p{Ll})|(?<=\\p{L})over(?=\\p{Ll})").matcher(header);
            while (m.find()) {
                String candidate = header.substring(0, m.start()) + " over " + header.substring(m.end());
                candidate = candidate.replaceAll("\\s{2,}", " ").replaceAll("(?<=\\S)\\(ingezonden", " (ingezonden");
                Matcher h = SET_HEADER.matcher(candidate);
                if (h.matches() && !Offices.parseList(h.group(2)).isEmpty()) {
                    return candidate;
                }
            }
            return header;
        }

        /** The case number ("2024Z09394") printed on a line of its own above the header of a question document, or null. */
        private String caseNumberAbove(int vragen) {
            for (int i = 0; i < vragen; i++) {
                String t = lines.get(i).text.strip();
                if (t.matches("^(?:19|20)\\d{2}Z\\d{5}$")) {
                    return t;
                }
            }
            return null;
        }

        // ---------------------------------------------------------------- cleaning

        /** Splits the text into lines and pages and drops the page furniture. */
        private void clean() {
            List<String> raw = doc.text().lines().toList();
            int page = 0;
            boolean afterRunning = false;
            for (int i = 0; i < raw.size(); i++) {
                String[] parts = raw.get(i).split("\f", -1);
                for (int p = 0; p < parts.length; p++) {
                    if (p > 0) {
                        page++;
                        afterRunning = false;
                    }
                    String t = parts[p].replace('\u00A0', ' ').strip();
                    if (style == Style.MARKDOWN) {
                        if (MD_RULE.matcher(t).matches()) {
                            page++;
                            afterRunning = false;
                            continue;
                        }
                        t = MD_HEADING.matcher(t).replaceFirst("").replace("**", "");
                        t = MD_UNDERSCORE_END.matcher(MD_UNDERSCORE_START.matcher(t).replaceFirst("")).replaceFirst("").strip();
                    }
                    // Furniture glued before the next page's text ("…’s-Gravenhage 2023Tweede Kamer, …, Aanhangsel 1Antwoord 3").
                    Matcher iss = ISSN.matcher(t);
                    if (iss.find()) {
                        t = t.substring(iss.end());
                    }
                    Matcher gr = GRAVENHAGE.matcher(t);
                    if (gr.find()) {
                        t = t.substring(gr.end());
                    }
                    Matcher run = RUNNING.matcher(t);
                    if (run.lookingAt()) {
                        t = t.substring(run.end()).strip();
                        page++;
                        afterRunning = true;
                        if (t.isEmpty()) {
                            continue;
                        }
                    }
                    Matcher ah = AH_ID.matcher(t);
                    Matcher hh = H_ID.matcher(t);
                    if (ah.matches() || hh.matches()) {
                        Matcher m = ah.matches() ? ah : hh;
                        footerIds.add(new String[] {m.group(1), m.group(2)});
                        footerLines.add(i + 1);
                        continue;
                    }
                    if (MASTHEAD.matcher(t).matches()) {
                        continue;
                    }
                    if (afterRunning && NUMBER_LINE.matcher(t).matches()) {
                        continue; // the page number printed under the running foot
                    }
                    if (!t.isEmpty()) {
                        afterRunning = false;
                    }
                    lines.add(new Ln(i + 1, t, page));
                }
            }
        }

        /** The vergaderjaar ("20232024") and number of the publication, from the masthead and the footer. */
        private String[] publication(int vragen) throws ParseException {
            String year = null;
            String number = null;
            int yearLine = 1;
            for (int i = 0; i < vragen; i++) {
                Matcher v = VERGADERJAAR.matcher(lines.get(i).text);
                if (year == null && v.find()) {
                    year = v.group(1) + v.group(2);
                    yearLine = lines.get(i).no;
                }
                if (NUMBER_LINE.matcher(lines.get(i).text).matches() || lines.get(i).text.matches("^\\d{1,5}$")) {
                    number = lines.get(i).text;
                }
            }
            for (int k = 0; k < footerIds.size(); k++) {
                String[] f = footerIds.get(k);
                if (year != null && !year.equals(f[0]) || number != null && !number.equals(f[1])) {
                    throw error(footerLines.get(k), "the footer's \"ah-tk-" + f[0] + "-" + f[1]
                            + "\" contradicts the masthead (vergaderjaar " + year + ", nr. " + number + ")");
                }
                year = year == null ? f[0] : year;
                number = number == null ? f[1] : number;
            }
            if (year == null || number == null) {
                throw error(yearLine, year == null
                        ? "no \"Vergaderjaar 20xx–20xx\" in the masthead and no \"ah-tk-…\" footer"
                        : "no publication number above \"Vragen van\" and no \"ah-tk-…\" footer");
            }
            int first = Integer.parseInt(year.substring(0, 4));
            if (Integer.parseInt(year.substring(4)) != first + 1) {
                throw error(yearLine, "vergaderjaar " + year.substring(0, 4) + "–" + year.substring(4)
                        + " is not two consecutive years");
            }
            return new String[] {year, number};
        }

        // ---------------------------------------------------------------- footnotes

        /**
         * Finds footnote markers in the body and footnote zones at the ends of pages, from the set's header on.
         * Marker digits are taken out of the body text; zone lines are flagged as footnotes.
         */
        private void footnotesAndMarkers(int from) throws ParseException {
            int nextMarker = 1;
            int nextFootnote = 1;
            int i = from;
            while (i < lines.size()) {
                Ln l = lines.get(i);
                if (nextFootnote < nextMarker && footnoteStart(l.text) == nextFootnote && !laterOnPage(i, l.text)) {
                    int end = i;
                    while (end < lines.size() && lines.get(end).page == l.page) {
                        end++;
                    }
                    nextFootnote = zone(lines.subList(i, end), nextFootnote, nextMarker);
                    i = end;
                    continue;
                }
                nextMarker = markers(l, nextMarker);
                i++;
            }
            for (Map.Entry<Integer, Integer> m : markerLines.entrySet()) {
                if (!footnotes.containsKey(m.getKey())) {
                    throw error(m.getValue(), "footnote marker " + m.getKey() + " has no footnote text");
                }
            }
        }

        /** The footnote number a line starts, in the forms this style uses, or -1. */
        private int footnoteStart(String t) {
            Matcher m = NUMBER_LINE.matcher(t);
            if (m.matches() && style != Style.MARKDOWN) {
                return Integer.parseInt(m.group(1));
            }
            if (style == Style.RAW && (m = FN_GLUED.matcher(t)).find()) {
                return Integer.parseInt(m.group(1));
            }
            if (style == Style.MARKDOWN && (m = FN_SPACED.matcher(t)).find()) {
                return Integer.parseInt(m.group(1));
            }
            return -1;
        }

        /** Whether the same lone number comes again further down the page (then this one is a table cell). */
        private boolean laterOnPage(int i, String t) {
            if (!NUMBER_LINE.matcher(t).matches()) {
                return false;
            }
            for (int j = i + 1; j < lines.size() && lines.get(j).page == lines.get(i).page; j++) {
                if (lines.get(j).text.equals(t)) {
                    return true;
                }
            }
            return false;
        }

        /** Finds the markers on a body line, takes their digits out, and returns the next marker number. */
        private int markers(Ln l, int next) {
            String t = l.text;
            if (t.isEmpty()) {
                return next;
            }
            if (style == Style.RAW) {
                Matcher lone = NUMBER_LINE.matcher(t);
                if (lone.matches() && Integer.parseInt(lone.group(1)) == next) {
                    mark(l, next);
                    l.text = "";
                    return next + 1;
                }
                Matcher start = LINE_START_MARKER.matcher(t);
                if (start.find() && Integer.parseInt(start.group(1)) == next) {
                    mark(l, next);
                    t = t.substring(start.end());
                    next++;
                }
            }
            StringBuilder out = new StringBuilder();
            int pos = 0;
            while (true) {
                int[] found = nextMarker(t, pos, next);
                if (found == null) {
                    break;
                }
                out.append(t, pos, found[0]);
                for (int k = 2; k < found.length; k++) {
                    mark(l, found[k]);
                }
                next = found[found.length - 1] + 1;
                pos = found[1];
            }
            out.append(t.substring(pos));
            l.text = out.toString().replaceAll("\\s{2,}", " ").strip();
            return next;
        }

        private void mark(Ln l, int n) {
            l.markers.add(n);
            markerLines.put(n, l.no);
        }

        /** The first marker at or after pos whose number is next: {start, end, numbers…} of the text to cut. */
        private int[] nextMarker(String t, int pos, int next) {
            int[] best = null;
            Matcher b = BRACKET_MARKER.matcher(t);
            if (b.find(pos)) {
                List<Integer> nums = numbers(b.group(1));
                boolean sequence = true;
                for (int k = 0; k < nums.size(); k++) {
                    sequence &= nums.get(k) == next + k;
                }
                if (sequence) {
                    best = new int[2 + nums.size()];
                    best[0] = b.start();
                    best[1] = b.end();
                    for (int k = 0; k < nums.size(); k++) {
                        best[2 + k] = nums.get(k);
                    }
                }
            }
            Matcher g = GLUED_MARKER.matcher(t);
            g.region(pos, t.length());
            while (g.find()) {
                if (inUrl(t, g.start()) || decimal(t, g.start())) {
                    continue;
                }
                int start = g.start();
                String digits = g.group(1) != null ? g.group(1) : g.group(2); // the latter: "gesproken.3Toekomstige"
                if (Integer.parseInt(digits) != next) {
                    // "NIS24": the marker 4 after an acronym that ends in a digit ("NIS2").
                    boolean acronym = digits.length() == 2 && digits.charAt(1) - '0' == next
                            && Character.isUpperCase(t.charAt(g.start() - 1));
                    if (!acronym || partyInParentheses(t, g.start(), g.end())) {
                        continue;
                    }
                    start++;
                }
                if (best == null || start < best[0]) {
                    best = new int[] {start, g.end(), next};
                }
                break;
            }
            Matcher y = YEAR_MARKER.matcher(t);
            y.region(pos, t.length());
            while (y.find()) {
                if (Integer.parseInt(y.group(2)) == next && !inUrl(t, y.start())) {
                    if (best == null || y.start(2) < best[0]) {
                        best = new int[] {y.start(2), y.end(2), next};
                    }
                    break;
                }
            }
            return best;
        }

        /**
         * "(JA21)": a party whose name ends in digits, written in parentheses after a member's name; its last
         * digit is not a footnote marker after an acronym ("NIS2" + "1").
         */
        private static boolean partyInParentheses(String t, int start, int end) {
            int open = t.lastIndexOf('(', start);
            return open >= 0 && end < t.length() && t.charAt(end) == ')' && start - open <= 8
                    && t.substring(open + 1, start).chars().allMatch(Character::isLetter);
        }

        /** Digits after "1." or "3," belong to a number ("artikel 1.1.1", "3,90"), unless after a year. */
        private static boolean decimal(String t, int at) {
            if (at < 2) {
                return false;
            }
            char p = t.charAt(at - 1);
            if ((p == '.' || p == ',') && Character.isDigit(t.charAt(at - 2))) {
                int s = at - 1;
                while (s > 0 && Character.isDigit(t.charAt(s - 1))) {
                    s--;
                }
                String before = t.substring(s, at - 1);
                boolean year = before.matches("(?:19|20)\\d{2}") && (s == 0 || !Character.isDigit(t.charAt(s - 1)))
                        && (s == 0 || t.charAt(s - 1) != '.');
                return !year;
            }
            return false;
        }

        private static boolean inUrl(String t, int at) {
            int s = at;
            while (s > 0 && !Character.isWhitespace(t.charAt(s - 1))) {
                s--;
            }
            String token = t.substring(s, at);
            return token.contains("://") || token.startsWith("www.") || token.startsWith("(www.") || token.contains("/");
        }

        /**
         * Reads the footnote zone at the end of a page: numbers and texts, in the orders pdftotext leaves them
         * (a number alone with its text below; several numbers stacked before their texts; a number put after the
         * text of the footnote before it when both texts are one line). Returns the next footnote number.
         */
        private int zone(List<Ln> zone, int first, int nextMarker) throws ParseException {
            List<Integer> order = new ArrayList<>();
            Map<Integer, List<Ln>> texts = new LinkedHashMap<>();
            Map<Integer, Ln> numberLine = new TreeMap<>();
            Integer current = null;
            int max = first - 1;
            for (Ln l : zone) {
                l.footnote = true;
                int n = footnoteStart(l.text);
                boolean start = n >= first && n < nextMarker && !texts.containsKey(n)
                        && (current == null || style == Style.PDFTOTEXT || n == max + 1);
                if (start) {
                    current = n;
                    order.add(n);
                    max = Math.max(max, n);
                    texts.put(n, new ArrayList<>());
                    numberLine.put(n, l);
                    String rest = l.text.replaceFirst("^\\d{1,2}\\s*", "");
                    if (!rest.isEmpty()) {
                        texts.get(n).add(new Ln(l.no, rest, l.page));
                    }
                } else if (current != null && !l.blank()) {
                    texts.get(current).add(l);
                } else if (current != null) {
                    texts.get(current).add(l); // keep paragraph breaks
                }
            }
            // Table cells read before the first footnote's text go back to the body.
            if (style == Style.PDFTOTEXT && !order.isEmpty()) {
                giveBackTableCells(texts.get(order.get(0)));
            }
            // Numbers stacked before their texts, and numbers written after their text.
            List<Integer> waiting = new ArrayList<>();
            int seenMax = 0;
            List<Integer> late = new ArrayList<>();
            for (int n : order) {
                List<Ln> own = nonBlank(texts.get(n));
                if (n < seenMax && own.isEmpty()) {
                    late.add(n);
                    continue;
                }
                seenMax = Math.max(seenMax, n);
                if (own.isEmpty()) {
                    waiting.add(n);
                    continue;
                }
                if (!waiting.isEmpty()) {
                    if (own.size() <= waiting.size()) {
                        throw error(numberLine.get(waiting.get(0)).no, "footnote " + waiting.get(0) + " has no text");
                    }
                    for (int w = 0; w < waiting.size(); w++) {
                        texts.put(waiting.get(w), new ArrayList<>(List.of(own.get(w))));
                    }
                    texts.put(n, new ArrayList<>(own.subList(waiting.size(), own.size())));
                    waiting.clear();
                }
            }
            late.addAll(waiting);
            late.sort(null);
            for (int n : late) {
                List<Ln> before = texts.containsKey(n - 1) ? nonBlank(texts.get(n - 1)) : List.of();
                if (before.size() < 2) {
                    throw error(numberLine.get(n).no, "footnote " + n + " has no text");
                }
                texts.put(n, new ArrayList<>(List.of(before.get(before.size() - 1))));
                texts.put(n - 1, new ArrayList<>(before.subList(0, before.size() - 1)));
            }
            int next = first;
            for (int n : new TreeSet<>(texts.keySet())) {
                if (n != next) {
                    throw error(zone.get(0).no, "footnote " + next + " is missing before footnote " + n);
                }
                footnotes.put(n, texts.get(n));
                next++;
            }
            return next;
        }

        /** Leading one-line paragraphs of a few words without punctuation are table cells, not footnote text. */
        private static void giveBackTableCells(List<Ln> text) {
            List<List<Ln>> paragraphs = new ArrayList<>();
            List<Ln> para = new ArrayList<>();
            for (Ln l : text) {
                if (l.blank()) {
                    if (!para.isEmpty()) {
                        paragraphs.add(para);
                        para = new ArrayList<>();
                    }
                } else {
                    para.add(l);
                }
            }
            if (!para.isEmpty()) {
                paragraphs.add(para);
            }
            for (int p = 0; p < paragraphs.size() - 1; p++) {
                List<Ln> cell = paragraphs.get(p);
                String s = cell.get(0).text;
                if (cell.size() != 1 || s.split("\\s+").length > 4 || s.matches(".*[,:;/].*")) {
                    break;
                }
                cell.get(0).footnote = false;
                text.remove(cell.get(0));
            }
        }

        private List<Citation> citations(List<Ln> block) {
            List<Citation> result = new ArrayList<>();
            for (Ln l : block) {
                for (int m : l.markers) {
                    result.addAll(Citations.parse(footnoteText(m)));
                }
            }
            return dedupe(result);
        }

        // ---------------------------------------------------------------- blocks

        private static boolean isHeading(String t) {
            return VRAAG.matcher(t).matches() || ANTWOORD.matcher(t).matches() || MEDEDELING.matcher(t).matches();
        }

        private List<Block> blocks(int from) throws ParseException {
            List<Block> blocks = new ArrayList<>();
            Block current = null;
            TreeSet<Integer> asked = new TreeSet<>();
            for (int i = from; i < lines.size(); i++) {
                Ln l = lines.get(i);
                if (l.footnote) {
                    continue;
                }
                Matcher v = VRAAG.matcher(l.text);
                Matcher a = ANTWOORD.matcher(l.text);
                if (v.matches()) {
                    current = new Block(Kind.QUESTION, numbers(v.group(1)), l.no, l.text);
                    asked.addAll(current.numbers);
                    blocks.add(current);
                } else if (a.matches()) {
                    List<Integer> nums = numbers(a.group(1));
                    if (!asked.containsAll(nums)) {
                        Block inferred = inferQuestion(current, nums, asked, l);
                        blocks.add(inferred);
                        asked.addAll(inferred.numbers);
                    }
                    current = new Block(Kind.ANSWER, nums, l.no, l.text);
                    blocks.add(current);
                } else if (MEDEDELING.matcher(l.text).matches()) {
                    current = new Block(Kind.NOTICE, List.of(), l.no, l.text);
                    blocks.add(current);
                } else if (current != null) {
                    current.lines.add(l);
                }
            }
            return blocks;
        }

        /**
         * A "Vraag n" heading lost at a page break: when "Antwoord n" follows the answer to the question before,
         * the text after the last page break of that answer is question n.
         */
        private Block inferQuestion(Block current, List<Integer> nums, TreeSet<Integer> asked, Ln at)
                throws ParseException {
            String heading = at.text;
            boolean follows = current != null && current.kind == Kind.ANSWER
                    && nums.get(0) == (asked.isEmpty() ? 1 : asked.last() + 1);
            for (int n : nums) {
                follows &= !asked.contains(n);
            }
            if (follows) {
                List<Ln> content = current.lines;
                for (int k = content.size() - 1; k > 0; k--) {
                    if (content.get(k).page != content.get(k - 1).page) {
                        boolean before = content.subList(0, k).stream().anyMatch(x -> !x.blank());
                        Ln first = content.subList(k, content.size()).stream().filter(x -> !x.blank()).findFirst()
                                .orElse(null);
                        if (before && first != null) {
                            Block q = new Block(Kind.QUESTION, nums, first.no, "Vraag " + nums.get(0));
                            q.lines.addAll(content.subList(k, content.size()));
                            content.subList(k, content.size()).clear();
                            return q;
                        }
                    }
                }
            }
            throw error(at.no, "\"" + heading + "\" has no matching question");
        }

        // ---------------------------------------------------------------- header parts

        private List<Person> askers(String text, int line) throws ParseException {
            List<Person> result = new ArrayList<>();
            Matcher g = ASKER_GROUP.matcher(text);
            int pos = 0;
            while (g.find() && g.start() == pos) {
                pos = g.end();
                String party = g.group(2).strip();
                String names = g.group(1).strip();
                Matcher both = Pattern.compile("^(?:beiden|allen)\\s+(.+)$").matcher(party);
                if (both.matches()) {
                    party = both.group(1).strip();
                    for (String name : names.split("\\s*,\\s*|\\s+en\\s+")) {
                        result.add(person(name, party));
                    }
                } else {
                    result.add(person(names, party));
                }
            }
            if (result.isEmpty() || !text.substring(pos).isBlank()) {
                throw error(line, "cannot read the askers \"" + text + "\" (expected \"Naam (Partij)\", …)");
            }
            return result;
        }

        /**
         * A person as printed: particles glued to the name by extraction are split off again ("vanDijk"), and a
         * capitalised first word followed by a lower-case particle is a given name ("Inge van Dijk"); a leading
         * capitalised particle is part of the family name ("Van der Lee", "De Jonge").
         */
        private static Person person(String printed, String party) {
            String name = GLUED_PARTICLE.matcher(Text.normalise(printed)).replaceAll("$1 ");
            Matcher glued = GLUED_GIVEN_NAME.matcher(name);
            if (glued.matches()) {
                // a line join lost its space: "DaniëlleJansen" is Daniëlle Jansen
                return new Person(glued.group(2), glued.group(1), null, party);
            }
            Matcher gv = GIVEN_NAME.matcher(name);
            if (gv.matches() && !PARTICLE.matcher(gv.group(1)).matches()) {
                return new Person(gv.group(2), gv.group(1), null, party);
            }
            return new Person(name, null, null, party);
        }

        private List<Signatory> signatories(String text, List<Office> addressed, int line) throws ParseException {
            List<Signatory> result = new ArrayList<>();
            Matcher s = SIGNER.matcher(text);
            int pos = 0;
            while (s.find()) {
                String between = text.substring(pos, s.start()).strip();
                if (!between.isEmpty() && !between.matches("^(?:,|en|van|,\\s*en|en van|en antwoord van)$")) {
                    throw error(line, "cannot read the signers \"" + text + "\"");
                }
                Person p = person(s.group(2), null);
                result.add(new Signatory(new Person(p.familyName(), p.givenName(), null, null),
                        Offices.signerOffice(s.group(1), s.group(3), addressed)));
                pos = s.end();
            }
            if (result.isEmpty() || !text.substring(pos).isBlank()) {
                throw error(line, "cannot read the signers \"" + text
                        + "\" (expected \"Minister Naam (Ministerie)\")");
            }
            return result;
        }

        private LocalDate date(String text, int line) throws ParseException {
            String t = Text.normalise(text);
            try {
                return DutchDates.parse(t);
            } catch (IllegalArgumentException e) {
                throw error(line, "\"" + t + "\" is not a date");
            }
        }

        private static String headerProblem(String header) {
            if (!header.matches("^Vragen van (?:het lid|de leden)\\s.*")) {
                return "the header does not start with \"Vragen van het lid\" or \"Vragen van de leden\"";
            }
            if (!header.matches(".*\\saan\\s+(?:de|het)\\s.*")) {
                return "the header names no addressee (\"aan de Minister …\")";
            }
            if (!header.matches(".*\\sover\\s.*")) {
                return "the header has no subject (\"over …\")";
            }
            return "cannot read the header \"" + abbreviate(header) + "\"";
        }

        // ---------------------------------------------------------------- helpers

        private int indexOf(java.util.function.Predicate<Ln> p, int from) {
            for (int i = Math.max(0, from); i < lines.size(); i++) {
                if (p.test(lines.get(i))) {
                    return i;
                }
            }
            return -1;
        }

        private static int lineOf(List<Ln> part, String word) {
            for (Ln l : part) {
                if (l.text.contains(word)) {
                    return l.no;
                }
            }
            return part.get(part.size() - 1).no;
        }

        private static List<String> texts(List<Ln> part) {
            List<String> t = new ArrayList<>();
            for (Ln l : part) {
                if (!l.footnote) {
                    t.add(l.text);
                }
            }
            return t;
        }

        private String footnoteText(int n) {
            List<String> t = new ArrayList<>();
            for (Ln l : footnotes.get(n)) {
                t.add(l.text);
            }
            return Text.joinLines(t);
        }

        private static List<Ln> nonBlank(List<Ln> part) {
            return part.stream().filter(l -> !l.blank()).toList();
        }

        private static List<Integer> numbers(String list) {
            List<Integer> n = new ArrayList<>();
            Matcher d = DIGITS.matcher(list);
            while (d.find()) {
                n.add(Integer.parseInt(d.group()));
            }
            return n;
        }

        private static List<Citation> dedupe(List<Citation> c) {
            return new ArrayList<>(new LinkedHashSet<>(c));
        }

        private static String abbreviate(String s) {
            return s.length() <= 120 ? s : s.substring(0, 117) + "…";
        }
    }
}
