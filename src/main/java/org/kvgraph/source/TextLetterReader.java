package org.kvgraph.source;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
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
import org.kvgraph.model.SupplementedSet;
import org.kvgraph.text.DutchDates;
import org.kvgraph.text.Text;

/**
 * Reads a ministry's answer letter as text extracted from its PDF: the covering letter ("… schriftelijke
 * vragen gesteld door de leden Bontenbal (CDA), Krul (CDA) en Boswijk (CDA) over … ingezonden op 22 mei 2025
 * met kenmerk 2025Z10267"), the signature block with offices and names side by side, the title line, "Vraag n"
 * blocks each followed by an unnumbered "Antwoord", footnotes ("1 …" for the answers, "1) …" for the
 * questions), the page furniture ("Ministerie van …", "Onze referentie BZ…", "Pagina 34 van 54") and the
 * "Toelichting" that names an earlier set this one supplements.
 */
public final class TextLetterReader implements SourceReader {
    private static final Pattern COVER = Pattern.compile(
            "schriftelijke vragen (?:gesteld )?(?:door|van) (?:het lid|de leden) (.+?) over (.+?)\\.?\\s*Deze vragen werden ingezonden op (.+?) met kenmerk ((?:19|20)\\d{2}Z\\d{5})",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SIGNATURE_START = Pattern.compile("^De (minister|staatssecretaris)\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SIGNATURE_SPLIT = Pattern.compile(",?\\s+(?=De (?:minister|staatssecretaris)\\b)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TITLE_START = Pattern.compile("^Antwoord(?:en)? van (?:de|het)\\b.*");
    private static final Pattern TITLE = Pattern.compile("\\bover (.+?)\\.?$", Pattern.DOTALL);
    private static final Pattern VRAAG = Pattern.compile("^Vraag\\s+(\\d+)\\s*:?$");
    private static final Pattern ANTWOORD = Pattern.compile("^Antwoord(?:\\s+(?:op\\s+)?(?:vragen|vraag)?\\s*([\\d ,en]+))?\\s*:?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern PAGE = Pattern.compile("^Pagina\\s+\\d+\\s+van\\s+\\d+$");
    private static final Pattern ANSWER_NOTE = Pattern.compile("^(\\d{1,2})\\s+(\\S.*)$");
    private static final Pattern QUESTION_NOTE = Pattern.compile("^(\\d{1,2})\\)\\s+(\\S.*)$");
    private static final Pattern URL_LINE = Pattern.compile("^https?://\\S+$");
    /** A treaty named just before a footnote marker: "het Verdrag betreffende … Strafhof2". */
    private static final Pattern TREATY_BEFORE_MARKER = Pattern.compile(
            "\\b((?:\\p{Lu}\\p{L}*verdrag|Verdrag)(?:\\s+[\\p{L}()'-]+)*?)\\s*[.,]?$");

    @Override
    public String layout() {
        return "letter";
    }

    @Override
    public boolean accepts(SourceDocument document) {
        String head = Text.normalise(document.text().substring(0, Math.min(4000, document.text().length())));
        return COVER.matcher(head).find() || head.contains("Geachte Voorzitter");
    }

    @Override
    public void read(SourceDocument document, RecordSink sink) throws ParseException {
        new Parse(document).run(sink);
    }

    /** A line this long holds more than one line of the letter: an extraction collapsed it. */
    static final int COLLAPSED = 400;

    /**
     * Splits lines that an extraction collapsed back into the letter's lines: before each heading ("Vraag n",
     * "Antwoord"), around the page furniture, before the signature block, its names and the title line,
     * before each footnote and the "Toelichting". Each piece keeps the number of the line it came from.
     */
    static List<String[]> relineate(List<String> lines) {
        List<String[]> out = new ArrayList<>();
        int answerNote = 1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String n = String.valueOf(i + 1);
            if (line.length() < COLLAPSED) {
                out.add(new String[] {line, n});
                continue;
            }
            String t = line.replace('\u00A0', ' ');
            t = t.replaceAll("\\s+(Antwoorden van de\\b)", "\n\n$1");
            t = t.replaceFirst("\\s+(De (?:minister|staatssecretaris) van\\b)", "\n\n$1");
            t = headings(t);
            // A word broken at a line end and then collapsed: "e- mail" (but "kwaliteits- en transporteisen").
            t = t.replaceAll("(?<=\\p{L})- (?!(?:en|of|tot|noch)\\b)(?=\\p{Ll})", "-");
            t = t.replaceAll("\\s+(Ministerie van .{1,80}?)\\s+(Onze referentie)\\s+(\\S+)\\s+(Pagina \\d+ van \\d+)\\s+",
                    "\n\n\n$1\n\n$2\n$3\n\n$4\n\n");
            t = t.replaceAll("\\s+(Toelichting:)\\s*", "\n$1\n ");
            // The names under the offices: the last words of the signature block, one per office.
            Matcher sig = Pattern.compile("(?m)^(De (?:minister|staatssecretaris) van .*?)$").matcher(t);
            if (sig.find()) {
                String block = sig.group(1);
                int offices = block.split("\\bDe (?:minister|staatssecretaris)\\b", -1).length - 1;
                int cut = namesStart(block, offices);
                if (cut > 0) {
                    t = t.substring(0, sig.start()) + block.substring(0, cut).strip() + "\n\n" + block.substring(cut)
                            + t.substring(sig.end());
                }
            }
            // Footnotes: "1 Zetelverdrag …" after a sentence or a heading; a bare link after them ends them.
            int previousNote = -1;
            while (true) {
                Matcher f = Pattern.compile("(?<=[.?!»\"]|\\nAntwoord)\\s+(" + answerNote + " \\p{Lu})").matcher(t);
                if (!f.find(Math.max(previousNote, 0))) {
                    break;
                }
                // Footnotes that follow each other stay in one group: one line each, no blank line between.
                boolean follows = previousNote >= 0 && t.substring(previousNote, f.start()).indexOf('\n') < 0;
                t = t.substring(0, f.start()) + (follows ? "\n" : "\n\n") + f.group(1) + t.substring(f.end());
                previousNote = f.start() + (follows ? 1 : 2);
                answerNote++;
            }
            t = t.replaceAll("(?<=[.])\\s+(https?://\\S+)\\s+(?=\\p{Lu})", "\n\n$1\n ");
            Matcher q = Pattern.compile("\\s(\\d{1,2}\\) \\p{Lu})").matcher(t);
            int last = -1;
            while (q.find()) {
                last = q.start();
            }
            if (last > 0) {
                t = t.substring(0, last) + "\n\n" + t.substring(last + 1);
            }
            for (String piece : t.split("\n", -1)) {
                out.add(new String[] {piece, n});
            }
        }
        return out;
    }

    /**
     * Puts "Vraag n" and "Antwoord" headings on lines of their own. An "Antwoord k" whose k is not the
     * question just asked is an unnumbered "Antwoord" followed by footnote k.
     */
    private static String headings(String t) {
        Matcher h = Pattern.compile("\\s+(?:Vraag (\\d+)|Antwoord(?: (\\d+))?)\\s+(?=\\p{Lu})").matcher(t);
        StringBuilder sb = new StringBuilder();
        String lastQuestion = null;
        while (h.find()) {
            String replacement;
            if (h.group(1) != null) {
                lastQuestion = h.group(1);
                replacement = "\n\nVraag " + lastQuestion + "\n";
            } else if (h.group(2) == null || h.group(2).equals(lastQuestion)) {
                replacement = "\n\nAntwoord" + (h.group(2) == null ? "" : " " + h.group(2)) + "\n";
            } else {
                replacement = "\n\nAntwoord\n\n" + h.group(2) + " ";
            }
            h.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        h.appendTail(sb);
        return sb.toString();
    }

    /** Where the names begin in "offices … Caspar Veldkamp Eddie van Marum": given name, particles, family name. */
    private static int namesStart(String block, int count) {
        String[] words = block.split(" ");
        int w = words.length;
        for (int k = 0; k < count; k++) {
            w--; // family name
            while (w > 0 && words[w - 1].matches("(?i)van|de|der|den|ter|ten|te|het|'t")) {
                w--;
            }
            w--; // given name
            if (w <= 0) {
                return -1;
            }
        }
        int offset = 0;
        for (int i = 0; i < w; i++) {
            offset += words[i].length() + 1;
        }
        return offset;
    }

    /** The state of reading one letter. */
    private static final class Parse {
        final SourceDocument doc;
        final List<String> lines = new ArrayList<>();
        /** The line of the document each line here came from (they differ where a line was relineated). */
        final List<Integer> origin = new ArrayList<>();
        final List<String> norm = new ArrayList<>();
        final Set<Integer> skip = new LinkedHashSet<>();
        String reference;

        Parse(SourceDocument doc) {
            this.doc = doc;
            for (String[] piece : relineate(doc.lines())) {
                lines.add(piece[0]);
                origin.add(Integer.parseInt(piece[1]));
                norm.add(Text.normalise(piece[0]));
            }
        }

        ParseException error(int index, String reason) {
            return new ParseException(doc.name(), lineNumber(index), reason);
        }

        int lineNumber(int index) {
            return origin.isEmpty() ? 1 : origin.get(Math.min(index, origin.size() - 1));
        }

        void run(RecordSink sink) throws ParseException {
            int firstQuestion = indexOf(VRAAG, 0);
            if (firstQuestion < 0) {
                throw error(0, "no \"Vraag 1\" heading: no questions found");
            }
            int signature = -1;
            int title = -1;
            for (int i = 0; i < firstQuestion; i++) {
                if (signature < 0 && SIGNATURE_START.matcher(norm.get(i)).matches()) {
                    signature = i;
                }
                if (title < 0 && TITLE_START.matcher(norm.get(i)).matches()) {
                    title = i;
                }
            }
            int coverEnd = signature >= 0 ? signature : title >= 0 ? title : firstQuestion;
            String cover = Text.joinLines(lines.subList(0, coverEnd));
            Matcher c = COVER.matcher(cover);
            if (!c.find()) {
                throw error(0, "covering letter does not say who asked, when (\"ingezonden op …\") and the case number (\"met kenmerk …\")");
            }
            List<Person> askers = Members.parse(c.group(1));
            if (askers.isEmpty()) {
                throw error(0, "no askers with party in \"" + c.group(1) + "\"");
            }
            LocalDate submitted = date(c.group(3), lineOf("ingezonden", 0));
            String caseNumber = c.group(4);
            String subject = Citations.unquote(Text.normalise(c.group(2)));

            List<Signatory> signatories = List.of();
            if (signature >= 0) {
                signatories = signatories(signature, title >= 0 ? title : firstQuestion);
            }
            if (title >= 0) {
                Matcher t = TITLE.matcher(Text.joinLines(lines.subList(title, firstQuestion)));
                if (t.find()) {
                    subject = t.group(1).strip();
                }
            }
            markFurniture(firstQuestion);
            Body body = body(firstQuestion);

            Location at = new Location(doc.name(), 1);
            Response response = new Response(ResponseKind.ANSWER, null, null, signatories, List.of(), reference,
                    List.of(), body.answers, List.of(), new Location(doc.name(), lineNumber(firstQuestion)));
            sink.questionSet(new QuestionSet(at, caseNumber, subject, submitted, askers, List.of(),
                    body.questions, List.of(response), body.supplements, List.of()));
        }

        /** The signature block: office titles side by side over one or more lines, then the names. */
        List<Signatory> signatories(int from, int to) throws ParseException {
            List<String> titleLines = new ArrayList<>();
            String names = null;
            int namesLine = -1;
            for (int i = from; i < to; i++) {
                String l = norm.get(i);
                if (l.isEmpty()) {
                    continue;
                }
                if (i > from && titleLines.size() > 0 && i > 0 && norm.get(i - 1).isEmpty()) {
                    names = l;
                    namesLine = i;
                    break;
                }
                titleLines.add(lines.get(i));
            }
            List<Office> offices = new ArrayList<>();
            for (String t : SIGNATURE_SPLIT.split(Text.joinLines(titleLines))) {
                try {
                    offices.add(Offices.parseTitle(t.replaceFirst("(?i)^De\\s+", "")));
                } catch (IllegalArgumentException e) {
                    // found by fuzzing (ReaderFuzzTestInputs/letter/empty-office-title): a title split to nothing
                    throw error(from, "signature block: " + e.getMessage());
                }
            }
            if (names == null) {
                throw error(from, "signature block has no line of names");
            }
            List<String> split = Members.splitSideBySide(names, offices.size());
            if (split.isEmpty()) {
                throw error(namesLine, "cannot split \"" + names + "\" into " + offices.size() + " names");
            }
            List<Signatory> result = new ArrayList<>();
            for (int i = 0; i < offices.size(); i++) {
                result.add(new Signatory(Members.person(split.get(i), null), offices.get(i)));
            }
            return result;
        }

        /** "Ministerie van … / Onze referentie / BZ… / Pagina n van m": a block ending at each page number. */
        void markFurniture(int from) {
            for (int i = from; i < norm.size(); i++) {
                if (!PAGE.matcher(norm.get(i)).matches()) {
                    continue;
                }
                int start = i;
                for (int j = i - 1; j >= from && i - j <= 12; j--) {
                    if (norm.get(j).startsWith("Ministerie van")) {
                        start = j;
                        break;
                    }
                }
                for (int j = start; j <= i; j++) {
                    skip.add(j);
                    if (norm.get(j).equals("Onze referentie") && j + 1 <= i && reference == null) {
                        reference = norm.get(j + 1);
                    }
                }
            }
        }

        /** Questions, answers and footnotes from the first "Vraag" to the end, with the Toelichting. */
        Body body(int from) throws ParseException {
            List<Block> blocks = new ArrayList<>();
            TreeMap<Integer, Note> answerNotes = new TreeMap<>();
            TreeMap<Integer, Note> questionNotes = new TreeMap<>();
            Block current = null;
            Note note = null;
            List<Note> noteGroup = new ArrayList<>();
            int toelichting = -1;
            for (int i = from; i < norm.size(); i++) {
                String l = norm.get(i);
                if (skip.contains(i)) {
                    continue;
                }
                if (l.matches("(?i)^Toelichting:?$") || l.matches("(?i)^Toelichting:.*")) {
                    toelichting = i;
                    break;
                }
                Matcher v = VRAAG.matcher(l);
                Matcher a = ANTWOORD.matcher(l);
                Matcher an = ANSWER_NOTE.matcher(l);
                Matcher qn = QUESTION_NOTE.matcher(l);
                if (note != null && URL_LINE.matcher(l).matches() && i > 0 && norm.get(i - 1).isEmpty()) {
                    // A bare link printed below a group of footnotes belongs to the first of them without one.
                    noteGroup.stream().filter(x -> !Citations.URL.matcher(String.join(" ", x.lines)).find())
                            .findFirst().orElse(note).lines.add(lines.get(i));
                } else if (v.matches()) {
                    note = null;
                    current = new Block(false, List.of(Integer.parseInt(v.group(1))), i);
                    blocks.add(current);
                } else if (a.matches()) {
                    note = null;
                    List<Integer> numbers = a.group(1) == null ? lastQuestionNumbers(blocks, i) : numbers(a.group(1));
                    current = new Block(true, numbers, i);
                    blocks.add(current);
                } else if (qn.matches() && Integer.parseInt(qn.group(1)) == questionNotes.size() + 1) {
                    note = new Note(i);
                    note.lines.add(qn.group(2));
                    questionNotes.put(Integer.parseInt(qn.group(1)), note);
                    noteGroup = new ArrayList<>(List.of(note));
                } else if (an.matches() && Integer.parseInt(an.group(1)) == answerNotes.size() + 1
                        && startsNewLine(i)) {
                    if (note == null) {
                        noteGroup = new ArrayList<>();
                    }
                    note = new Note(i);
                    note.lines.add(an.group(2));
                    answerNotes.put(Integer.parseInt(an.group(1)), note);
                    noteGroup.add(note);
                } else if (note != null && !l.isEmpty() && !lines.get(i).startsWith(" ")) {
                    note.lines.add(lines.get(i));
                } else if (note != null && l.isEmpty()) {
                    // A blank line ends a footnote, unless a bare link of it follows.
                    int next = nextNonEmpty(i);
                    if (next < 0 || !URL_LINE.matcher(norm.get(next)).matches()) {
                        note = null;
                    }
                } else if (current != null) {
                    note = null;
                    current.lines.add(lines.get(i));
                } else if (!l.isEmpty()) {
                    throw error(i, "text before the first question: \"" + l + "\"");
                }
            }
            Body body = new Body();
            attach(blocks, answerNotes, "", true);
            attach(blocks, questionNotes, ")", false);
            for (Block b : blocks) {
                if (b.text().isEmpty()) {
                    throw error(b.line, (b.answer ? "\"Antwoord\"" : "\"Vraag " + b.numbers.get(0) + "\"") + " has no text");
                }
            }
            Set<Integer> asked = new LinkedHashSet<>();
            for (Block b : blocks) {
                Location at = new Location(doc.name(), lineNumber(b.line));
                if (b.answer) {
                    for (int n : b.numbers) {
                        if (!asked.contains(n)) {
                            throw error(b.line, "\"Antwoord\" for question " + n + " has no matching \"Vraag " + n + "\"");
                        }
                    }
                    body.answers.add(new Answer(b.numbers, b.text(), at, b.citations));
                } else {
                    int n = b.numbers.get(0);
                    if (!asked.add(n)) {
                        throw error(b.line, "\"Vraag " + n + "\" appears twice");
                    }
                    body.questions.add(new Question(n, b.text(), at, b.citations));
                }
            }
            Block last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
            if (last != null && !last.answer) {
                // An answer letter ends with an answer: questions with none after them mean the text was cut off.
                throw error(last.line, "\"Vraag " + last.numbers.get(0) + "\" has no \"Antwoord\" after it: the document ends early (truncated?)");
            }
            if (toelichting >= 0) {
                body.supplements.addAll(supplements(toelichting));
            }
            return body;
        }

        /** Footnote k is cited by the first marker k after marker k-1, in a question or answer. */
        void attach(List<Block> blocks, TreeMap<Integer, Note> notes, String suffix, boolean glued) {
            int blockIndex = 0;
            for (var e : notes.entrySet()) {
                int k = e.getKey();
                Note n = e.getValue();
                String noteText = Text.joinLines(n.lines);
                Pattern marker = glued
                        ? Pattern.compile("(?<=[\\p{L}.,;:?!»\")])" + k + "(?=[\\s,.;:)]|$)")
                        : Pattern.compile("\\s?(?<![\\d(])" + k + "\\)(?=\\s|$)");
                for (int b = blockIndex; b < blocks.size(); b++) {
                    Block block = blocks.get(b);
                    String text = block.text();
                    Matcher m = marker.matcher(text);
                    if (!m.find()) {
                        continue;
                    }
                    List<Citation> cited = new ArrayList<>(Citations.parse(noteText));
                    Matcher named = TREATY_BEFORE_MARKER.matcher(text.substring(0, m.start()));
                    if (named.find()) {
                        String name = named.group(1).strip();
                        Citation.Treaty fromNote = cited.stream().filter(c -> c instanceof Citation.Treaty)
                                .map(c -> (Citation.Treaty) c).findFirst().orElse(null);
                        if (fromNote == null) {
                            cited.add(0, new Citation.Treaty(name, null, null));
                        } else if (fromNote.name() == null) {
                            cited.set(cited.indexOf(fromNote), new Citation.Treaty(name, fromNote.trbCitation(), fromNote.bwbId()));
                        }
                    }
                    block.citations.addAll(cited);
                    block.removeMarker(m.start(), m.end());
                    blockIndex = b;
                    break;
                }
            }
        }

        List<SupplementedSet> supplements(int from) throws ParseException {
            String t = Text.joinLines(lines.subList(from, lines.size())).replaceFirst("(?i)^Toelichting:?\\s*", "");
            Matcher c = Citations.CASE_NUMBER.matcher(t);
            if (!c.find()) {
                return List.of();
            }
            String who = t.replaceFirst("(?s)^.*?\\b(?:lid|leden)\\b", "").replaceFirst("(?s),?\\s*ingezonden.*$", "");
            LocalDate date = null;
            Matcher d = DutchDates.DATE.matcher(t);
            if (d.find()) {
                date = date(d.group(), from);
            }
            return List.of(new SupplementedSet(c.group(1), Members.parse(who), date));
        }

        LocalDate date(String text, int line) throws ParseException {
            try {
                return DutchDates.parse(Text.normalise(text));
            } catch (IllegalArgumentException e) {
                throw error(line, e.getMessage());
            }
        }

        boolean startsNewLine(int i) {
            // A footnote starts a line of its own after a blank line or after another footnote's line.
            return i > 0 && (norm.get(i - 1).isEmpty() || ANSWER_NOTE.matcher(norm.get(i - 1)).matches());
        }

        List<Integer> lastQuestionNumbers(List<Block> blocks, int line) throws ParseException {
            for (int b = blocks.size() - 1; b >= 0; b--) {
                if (!blocks.get(b).answer) {
                    return blocks.get(b).numbers;
                }
                break;
            }
            throw error(line, "\"Antwoord\" without a question before it");
        }

        static List<Integer> numbers(String list) {
            List<Integer> result = new ArrayList<>();
            Matcher m = Pattern.compile("\\d+").matcher(list);
            while (m.find()) {
                result.add(Integer.parseInt(m.group()));
            }
            return result;
        }

        int indexOf(Pattern p, int from) {
            for (int i = from; i < norm.size(); i++) {
                if (p.matcher(norm.get(i)).matches()) {
                    return i;
                }
            }
            return -1;
        }

        int lineOf(String word, int from) {
            for (int i = from; i < norm.size(); i++) {
                if (norm.get(i).contains(word)) {
                    return i;
                }
            }
            return from;
        }

        int nextNonEmpty(int i) {
            for (int j = i + 1; j < norm.size(); j++) {
                if (!norm.get(j).isEmpty()) {
                    return j;
                }
            }
            return -1;
        }
    }

    private static final class Block {
        final boolean answer;
        final List<Integer> numbers;
        final int line;
        final List<String> lines = new ArrayList<>();
        final List<Citation> citations = new ArrayList<>();
        private String text;

        Block(boolean answer, List<Integer> numbers, int line) {
            this.answer = answer;
            this.numbers = numbers;
            this.line = line;
        }

        String text() {
            if (text == null) {
                text = Text.joinLines(lines);
            }
            return text;
        }

        void removeMarker(int start, int end) {
            text = Text.normalise(text.substring(0, start) + text.substring(end));
        }
    }

    private static final class Note {
        final int line;
        final List<String> lines = new ArrayList<>();

        Note(int line) {
            this.line = line;
        }
    }

    private static final class Body {
        final List<Question> questions = new ArrayList<>();
        final List<Answer> answers = new ArrayList<>();
        final List<SupplementedSet> supplements = new ArrayList<>();
    }
}
