package org.kvgraph.source;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kvgraph.model.Location;
import org.kvgraph.model.Office;
import org.kvgraph.model.Person;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.model.Response;
import org.kvgraph.model.ResponseKind;
import org.kvgraph.model.Signatory;
import org.kvgraph.text.DutchDates;
import org.kvgraph.text.Text;

/**
 * Reads the texts of the Word documents tweedekamer.nl links from its list of written questions, which start with the
 * case number rather than a masthead:
 * <ul>
 * <li>a question document: "2024Z18891", "(ingezonden 20 november 2024)", "Vragen van het lid … aan de minister … over
 * …", then one paragraph per question (numbered "1." or not) and footnotes "1) …" — read as the Aanhangsel text of a
 * question document (a set with its questions and no response);</li>
 * <li>a postponement notice: "AH 615", "2024Z17538", "Mededeling van staatssecretaris … (…) (ontvangen …)", then a text
 * naming the askers ("de leden Gabriëls en Bromet (beiden GroenLinks-PvdA)") — a set with a
 * {@link ResponseKind#POSTPONEMENT} response;</li>
 * <li>an answer document ("AH 604", "2024Z18294", "Antwoord van minister …"), which does not say who asked: reported,
 * for it can only be converted with the questions' document or the Tweede Kamer data of its case.</li>
 * </ul>
 */
public final class WordTextReader implements SourceReader {
    private static final Pattern AH = Pattern.compile("^AH\\s*(\\d{1,5})$");
    private static final Pattern CASE = Pattern.compile("^((?:19|20)\\d{2})Z\\s*(\\d{5})$");
    private static final Pattern INGEZONDEN = Pattern.compile("^\\(ingezonden\\s+([^()]+)\\)\\.?$");
    private static final Pattern NOTICE = Pattern.compile(
            "^Mededeling van\\s+(minister|staatssecretaris|minister-president)\\s+(.+?)\\s*\\(([^()]+)\\)\\s*\\(ontvangen\\s+([^()]+)\\)\\.?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ASKERS = Pattern.compile("(?:het lid|de leden)\\s+([^()]*?\\([^()]*\\))");
    private static final Pattern ADDRESSED = Pattern.compile("\\baan\\s+((?:de|het)\\s+.+?)\\s+over\\b");
    /** A footnote: "1) …" or "[1] …". */
    private static final Pattern FOOTNOTE = Pattern.compile("^(?:\\[(\\d{1,2})\\]|(\\d{1,2})\\))\\s+(.+)$");
    private static final Pattern MARKER = Pattern.compile("(?<=\\S)\\s?(\\d{1,2})\\)(?=\\s|$)");
    private static final Pattern NUMBERED = Pattern.compile("^\\d{1,2}[.)]\\s*");

    @Override
    public String layout() {
        return "word";
    }

    @Override
    public boolean accepts(SourceDocument document) {
        List<String> head = firstLines(document.text(), 3);
        if (head.size() < 3) {
            return false;
        }
        return AH.matcher(head.get(0)).matches() && CASE.matcher(head.get(1)).matches()
                || CASE.matcher(head.get(0)).matches() && INGEZONDEN.matcher(head.get(1)).matches();
    }

    @Override
    public void read(SourceDocument document, RecordSink sink) throws ParseException {
        List<Integer> at = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<String> raw = document.lines();
        for (int i = 0; i < raw.size(); i++) {
            String t = Text.normalise(raw.get(i)).strip();
            if (!t.isEmpty()) {
                lines.add(t);
                at.add(i + 1);
            }
        }
        String file = document.name();
        if (lines.size() < 3) {
            throw new ParseException(file, 1, "too short for a Word document of written questions");
        }
        if (CASE.matcher(lines.get(0)).matches()) {
            sink.questionSet(questions(document, lines, at));
            return;
        }
        Matcher ah = AH.matcher(lines.get(0));
        Matcher c = CASE.matcher(lines.get(1));
        if (!ah.matches() || !c.matches()) {
            throw new ParseException(file, 1, "neither \"<case number>\" and \"(ingezonden …)\" nor \"AH <nr>\" and \"<case number>\"");
        }
        String caseNumber = c.group(1) + "Z" + c.group(2);
        String third = lines.get(2);
        if (third.startsWith("Antwoord van")) {
            throw new ParseException(file, at.get(2), "an answer document without the questions' header: it does not say who "
                    + "asked; convert it with the questions' document or the Tweede Kamer data of case " + caseNumber);
        }
        Matcher n = NOTICE.matcher(third);
        if (!n.matches()) {
            throw new ParseException(file, at.get(2), "cannot read \"" + abbreviate(third)
                    + "\" (expected \"Mededeling van minister … (…) (ontvangen …)\")");
        }
        sink.questionSet(notice(file, lines, at, caseNumber, ah.group(1), n));
    }

    /** A postponement notice: the set of its case with its askers and one POSTPONEMENT response. */
    private static QuestionSet notice(String file, List<String> lines, List<Integer> at, String caseNumber, String ahNumber,
            Matcher n) throws ParseException {
        LocalDate received;
        try {
            received = DutchDates.parse(n.group(4).strip());
        } catch (IllegalArgumentException e) {
            throw new ParseException(file, at.get(2), e.getMessage());
        }
        String body = String.join(" ", lines.subList(3, lines.size()));
        Matcher a = ASKERS.matcher(body);
        if (!a.find()) {
            throw new ParseException(file, at.size() > 3 ? at.get(3) : at.get(2),
                    "the notice does not name the askers (\"het lid … (Partij)\" or \"de leden … (…)\")");
        }
        List<Person> askers = Members.parse(a.group(1));
        if (askers.isEmpty()) {
            throw new ParseException(file, at.get(3), "cannot read the askers \"" + abbreviate(a.group(1)) + "\"");
        }
        List<Office> addressed = new ArrayList<>();
        Matcher ad = ADDRESSED.matcher(body);
        if (ad.find()) {
            addressed.addAll(Offices.parseList(ad.group(1)));
        }
        Office office = Offices.signerOffice(n.group(1), n.group(3), addressed);
        Person signer = Members.person(n.group(2).strip(), null);
        // The Aanhangsel number with its vergaderjaar, which starts in September: a notice received in September
        // may belong to either year, so it is then left without a publication id.
        String publication = null;
        if (received.getMonthValue() != 9) {
            int first = received.getMonthValue() > 9 ? received.getYear() : received.getYear() - 1;
            publication = "ah-tk-" + first + (first + 1) + "-" + Integer.parseInt(ahNumber);
        }
        Response r = new Response(ResponseKind.POSTPONEMENT, publication, received,
                List.of(new Signatory(new Person(signer.familyName(), signer.givenName(), null, null), office)), List.of(), null,
                List.of(), List.of(), Citations.parse(body), new Location(file, at.get(2)));
        return new QuestionSet(new Location(file, at.get(3)), caseNumber, null, null, askers, addressed, List.of(), List.of(r),
                List.of(), List.of());
    }

    /** A question document, laid out as the Aanhangsel text of a question document and read by that reader. */
    private static QuestionSet questions(SourceDocument document, List<String> lines, List<Integer> at) throws ParseException {
        String file = document.name();
        Matcher c = CASE.matcher(lines.get(0));
        c.matches();
        Matcher ing = INGEZONDEN.matcher(lines.get(1));
        if (!ing.matches()) {
            throw new ParseException(file, at.get(1), "no \"(ingezonden <date>)\" under the case number");
        }
        String header = lines.get(2);
        if (!header.matches("^Vra(?:gen|ag) van .*")) {
            throw new ParseException(file, at.get(2), "no \"Vragen van …\" header under the submission date");
        }
        List<String> out = new ArrayList<>();
        List<Integer> map = new ArrayList<>();
        out.add("### " + c.group(1) + "Z" + c.group(2));
        map.add(at.get(0));
        out.add(header.replaceAll("[.\\s]+$", "").replaceFirst("^Vragen van het leden ", "Vragen van de leden ")
                .replaceFirst("^Vragen van de leden lid ", "Vragen van de leden ") + " (" + "ingezonden " + ing.group(1).strip() + ").");
        map.add(at.get(2));
        out.add("");
        map.add(at.get(2));
        List<String> notes = new ArrayList<>();
        List<Integer> noteAt = new ArrayList<>();
        int q = 0;
        for (int i = 3; i < lines.size(); i++) {
            String t = lines.get(i);
            Matcher f = FOOTNOTE.matcher(t);
            if (f.matches() && (i + 1 == lines.size() || notes.size() > 0 || FOOTNOTE.matcher(lines.get(i + 1)).matches()
                    || i + 1 < lines.size() && allFootnotes(lines.subList(i, lines.size())))) {
                notes.add((f.group(1) != null ? f.group(1) : f.group(2)) + " " + f.group(3));
                noteAt.add(at.get(i));
                continue;
            }
            String text = NUMBERED.matcher(t).replaceFirst("");
            if (text.isEmpty()) {
                continue; // a number on its own line: the question follows
            }
            q++;
            out.add("Vraag " + q);
            map.add(at.get(i));
            out.add(MARKER.matcher(text).replaceAll("[$1]"));
            map.add(at.get(i));
            out.add("");
            map.add(at.get(i));
        }
        for (int i = 0; i < notes.size(); i++) {
            out.add(notes.get(i));
            map.add(noteAt.get(i));
        }
        SourceDocument laidOut = new SourceDocument(file, String.join("\n", out) + "\n");
        List<QuestionSet> sets = new ArrayList<>();
        try {
            new AanhangselTextReader().read(laidOut, sets::add);
        } catch (ParseException e) {
            int line = e.line() >= 1 && e.line() <= map.size() ? map.get(e.line() - 1) : 1;
            throw new ParseException(file, line, e.reason(), e);
        }
        QuestionSet s = sets.get(0);
        List<org.kvgraph.model.Question> qs = new ArrayList<>();
        for (org.kvgraph.model.Question x : s.questions()) {
            int line = x.at().line() >= 1 && x.at().line() <= map.size() ? map.get(x.at().line() - 1) : 1;
            qs.add(new org.kvgraph.model.Question(x.number(), x.text(), new Location(file, line), x.citations()));
        }
        return new QuestionSet(new Location(file, at.get(2)), s.caseNumber(), s.title(), s.submittedOn(), s.askers(),
                s.addressedTo(), qs, s.responses(), s.supplements(), s.citations(), s.tkId());
    }

    /** Whether every line from here on is a footnote "n) …". */
    private static boolean allFootnotes(List<String> rest) {
        return rest.stream().allMatch(l -> FOOTNOTE.matcher(l).matches());
    }

    private static List<String> firstLines(String text, int n) {
        List<String> r = new ArrayList<>();
        for (String l : text.lines().limit(40).toList()) {
            String t = l.replace('\u00A0', ' ').strip();
            if (!t.isEmpty()) {
                r.add(t);
                if (r.size() == n) {
                    break;
                }
            }
        }
        return r;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "…";
    }
}
