package org.kvgraph.source;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.kvgraph.model.Location;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.model.Response;

/**
 * Reads officielebekendmakingen (KOOP) XML of written questions: an {@code <officiele-publicatie>} (op-xsd) whose body is
 * {@code <kamervragen>}: {@code <kamervraagkop>} ({@code <tekstregel inhoud="vergaderjaar">}), {@code <kamervraagnummer>}
 * (the Aanhangsel number of an answered set, "ah-tk-…"; the case number of a question document, "kv-tk-…"),
 * {@code <kamervraagomschrijving>} (the questions' header "Vragen van … (ingezonden …)" and, when answered, the response's
 * "Antwoord van … (ontvangen …)"), {@code <vraag>} and {@code <antwoord>} (each an {@code <nr>} and {@code <al>}s),
 * {@code <kamervraagopmerking>} (a "Mededeling"), footnotes ({@code <noot><noot.nr>…<noot.al>…}) at their markers and
 * {@code <extref doc="…">} links. The publication is laid out as the Aanhangsel text it is printed as and read by the
 * {@link AanhangselTextReader}, so the XML, the PDF and the text of one publication give the same records; errors are
 * reported at the XML line the text came from.
 *
 * <p>Its {@code metadata.xml} ({@code <metadata_gegevens>} of {@code <metadata name="…" content="…"/>}:
 * {@code DC.identifier}, {@code OVERHEIDop.vraagnummer}, {@code OVERHEIDop.datumIndiening},
 * {@code OVERHEIDop.datumOntvangst}, …), found beside the publication as {@code <id>/metadata.xml} or
 * {@code <id>.metadata.xml}, adds the case number and fills in dates the text lacks.
 *
 * <p>No DTD is read: a document with a DOCTYPE is refused (entity expansion, external entities).
 *
 * <pre>{@code
 * List<QuestionSet> sets = KoopXmlReader.read(Path.of("ah-tk-20232024-1999.xml"));
 * }</pre>
 */
public final class KoopXmlReader implements SourceReader {
    private static final Pattern CASE_NUMBER = Pattern.compile("^(?:19|20)\\d{2}Z\\d{5}$");
    private static final Pattern YEARS = Pattern.compile("(\\d{4})\\s*[–—-]\\s*(\\d{4})");
    private static final Pattern PUBLICATION = Pattern.compile("^(?:ah-tk-\\d{8}-\\d+|kv-tk-(?:19|20)\\d{2}Z\\d{5})$");

    @Override
    public String layout() {
        return "koop-xml";
    }

    /** An officiele-publicatie with a kamervragen body. */
    @Override
    public boolean accepts(SourceDocument document) {
        return looksLikePublication(document.text());
    }

    /** Whether a text (its start) is a KOOP officiele-publicatie of written questions. */
    public static boolean looksLikePublication(String text) {
        String head = text.substring(0, Math.min(text.length(), 8000));
        return head.contains("<officiele-publicatie") && head.contains("<kamervragen");
    }

    /** Whether a text (its start) is a KOOP metadata.xml. */
    public static boolean looksLikeMetadata(String text) {
        String head = text.substring(0, Math.min(text.length(), 4000));
        return head.contains("<metadata_gegevens");
    }

    @Override
    public void read(SourceDocument document, RecordSink sink) throws ParseException {
        sink.questionSet(read(document, (SourceDocument) null));
    }

    /** Reads a publication file with its metadata.xml when one lies beside it. */
    public static QuestionSet read(Path file, SourceDocument document) throws ParseException {
        return read(document, metadataOf(file));
    }

    /** The metadata.xml beside a publication ({@code <id>/metadata.xml} or {@code <id>.metadata.xml}), or null. */
    public static SourceDocument metadataOf(Path file) throws ParseException {
        String name = file.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".xml") ? name.substring(0, name.length() - 4) : name;
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null) {
            return null;
        }
        for (Path m : List.of(dir.resolve(stem).resolve("metadata.xml"), dir.resolve(stem + ".metadata.xml"))) {
            if (Files.isRegularFile(m)) {
                Path shown = file.getParent() == null ? m.getFileName() : file.getParent().resolve(dir.relativize(m));
                try {
                    return SourceDocument.read(m, shown.toString());
                } catch (IOException e) {
                    throw new ParseException(shown.toString(), 1, "cannot read: " + e.getMessage(), e);
                }
            }
        }
        return null;
    }

    /** The publication a metadata.xml belongs to by its place ({@code <id>/metadata.xml} or {@code <id>.metadata.xml} → {@code <id>.xml}), or null. */
    public static Path publicationOf(Path metadata) {
        String name = metadata.getFileName().toString();
        if (name.equals("metadata.xml") && metadata.getParent() != null) {
            Path dir = metadata.getParent();
            Path parent = dir.getParent();
            String id = dir.getFileName().toString() + ".xml";
            return (parent == null ? Path.of(id) : parent.resolve(id)).normalize();
        }
        if (name.endsWith(".metadata.xml")) {
            return metadata.resolveSibling(name.substring(0, name.length() - ".metadata.xml".length()) + ".xml").normalize();
        }
        return null;
    }

    /** Reads a publication and (when not null) its metadata. */
    public static QuestionSet read(SourceDocument document, SourceDocument metadata) throws ParseException {
        El root = parse(document);
        if (!root.name.equals("officiele-publicatie")) {
            throw new ParseException(document.name(), root.line, "not an officiele-publicatie: the root element is <" + root.name + ">");
        }
        El kv = root.child("kamervragen");
        if (kv == null) {
            throw new ParseException(document.name(), root.line, "an officiele-publicatie without <kamervragen>");
        }
        Map<String, List<String>> meta = metadata == null ? Map.of() : metadata(metadata);
        Layout layout = new Layout(document.name(), kv);
        SourceDocument text = new SourceDocument(document.name(), layout.text());
        List<QuestionSet> sets = new ArrayList<>();
        try {
            new AanhangselTextReader().read(text, sets::add);
        } catch (ParseException e) {
            throw new ParseException(document.name(), layout.xmlLine(e.line()), e.reason(), e);
        }
        QuestionSet set = remap(sets.get(0), layout);
        return withMetadata(set, meta, metadata == null ? null : metadata.name());
    }

    /** Locations of the text's records moved to the XML lines they came from. */
    private static QuestionSet remap(QuestionSet s, Layout layout) {
        List<org.kvgraph.model.Question> qs = new ArrayList<>();
        for (org.kvgraph.model.Question q : s.questions()) {
            qs.add(new org.kvgraph.model.Question(q.number(), q.text(), layout.at(q.at()), q.citations()));
        }
        List<Response> rs = new ArrayList<>();
        for (Response r : s.responses()) {
            List<org.kvgraph.model.Answer> as = new ArrayList<>();
            for (org.kvgraph.model.Answer a : r.answers()) {
                as.add(new org.kvgraph.model.Answer(a.questionNumbers(), a.text(), layout.at(a.at()), a.citations()));
            }
            rs.add(new Response(r.kind(), r.publicationId(), r.receivedOn(), r.signatories(), r.onBehalfOf(), r.reference(),
                    r.seeAlso(), as, r.citations(), layout.at(r.at())));
        }
        return new QuestionSet(layout.at(s.source()), s.caseNumber(), s.title(), s.submittedOn(), s.askers(), s.addressedTo(),
                qs, rs, s.supplements(), s.citations(), s.tkId());
    }

    /** The case number, and dates the text lacks, from the metadata; a contradiction is an error at the metadata. */
    private static QuestionSet withMetadata(QuestionSet set, Map<String, List<String>> meta, String metaFile) throws ParseException {
        if (meta.isEmpty()) {
            return set;
        }
        String id = first(meta, "DC.identifier");
        String expected = set.caseNumber() != null ? "kv-tk-" + set.caseNumber()
                : set.responses().isEmpty() ? null : set.responses().get(0).publicationId();
        if (id != null && expected != null && PUBLICATION.matcher(id).matches() && !id.equals(expected)) {
            throw new ParseException(metaFile, 1, "the metadata is of " + id + ", not of " + expected);
        }
        String vraagnummer = first(meta, "OVERHEIDop.vraagnummer");
        QuestionSet s = set;
        if (vraagnummer != null && CASE_NUMBER.matcher(vraagnummer).matches()) {
            if (s.caseNumber() != null && !s.caseNumber().equals(vraagnummer)) {
                throw new ParseException(metaFile, 1, "OVERHEIDop.vraagnummer " + vraagnummer + " contradicts the publication's "
                        + s.caseNumber());
            }
            s = s.withCaseNumber(vraagnummer);
        }
        LocalDate submitted = date(first(meta, "OVERHEIDop.datumIndiening"), metaFile);
        if (s.submittedOn() == null && submitted != null) {
            s = s.withSubmittedOn(submitted);
        }
        LocalDate received = date(first(meta, "OVERHEIDop.datumOntvangst"), metaFile);
        if (received != null && !s.responses().isEmpty() && s.responses().get(0).receivedOn() == null) {
            List<Response> rs = new ArrayList<>(s.responses());
            rs.set(0, rs.get(0).withReceivedOn(received));
            s = s.withResponses(rs);
        }
        return s;
    }

    private static String first(Map<String, List<String>> meta, String key) {
        List<String> v = meta.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static LocalDate date(String v, String file) throws ParseException {
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw new ParseException(file, 1, "\"" + v + "\" is not a date (yyyy-mm-dd)");
        }
    }

    /** The fields of a metadata.xml, each name with its values in document order. */
    public static Map<String, List<String>> metadata(SourceDocument document) throws ParseException {
        El root = parse(document);
        if (!root.name.equals("metadata_gegevens")) {
            throw new ParseException(document.name(), root.line, "not a metadata.xml: the root element is <" + root.name + ">");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (El m : root.children("metadata")) {
            String name = m.attrs.get("name");
            String content = m.attrs.get("content");
            if (name != null && content != null && !content.isBlank()) {
                fields.computeIfAbsent(name, k -> new ArrayList<>()).add(content.strip());
            }
        }
        return fields;
    }

    /** The DC.identifier of a metadata.xml ("ah-tk-20232024-1999"), or null. */
    public static String identifier(SourceDocument metadata) throws ParseException {
        return first(metadata(metadata), "DC.identifier");
    }

    // ------------------------------------------------------------------------------------------------ layout

    /** The publication laid out as its Aanhangsel text, each text line remembering the XML line it came from. */
    private static final class Layout {
        private final String file;
        private final List<String> lines = new ArrayList<>();
        private final List<Integer> xml = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<Integer> noteLines = new ArrayList<>();

        Layout(String file, El kv) throws ParseException {
            this.file = file;
            String year = null;
            El kop = kv.child("kamervraagkop");
            if (kop != null) {
                for (El t : kop.children("tekstregel")) {
                    Matcher y = YEARS.matcher(t.text());
                    if ("vergaderjaar".equals(t.attrs.get("inhoud")) && y.find()) {
                        year = y.group(1) + "–" + y.group(2);
                    }
                }
            }
            El nummer = kv.child("kamervraagnummer");
            if (nummer == null || nummer.text().isBlank()) {
                throw new ParseException(file, kv.line, "<kamervragen> without <kamervraagnummer>");
            }
            String nr = nummer.text().strip();
            boolean question = CASE_NUMBER.matcher(nr).matches();
            if (!question && !nr.matches("^\\d{1,5}$")) {
                throw new ParseException(file, nummer.line, "<kamervraagnummer> \"" + nr + "\" is neither an Aanhangsel number nor a case number");
            }
            if (year == null && !question) {
                throw new ParseException(file, kop == null ? kv.line : kop.line, "no <tekstregel inhoud=\"vergaderjaar\"> in <kamervraagkop>");
            }
            if (year != null) {
                add("#### Vergaderjaar " + year + (question ? "" : " Aanhangsel van de Handelingen"), kop.line);
                add("", kop.line);
            }
            add("### " + nr, nummer.line);
            add("", nummer.line);
            for (El child : kv.elements()) {
                switch (child.name) {
                    case "kamervraagomschrijving" -> {
                        add(inline(child), child.line);
                        add("", child.line);
                    }
                    case "vraag", "antwoord" -> block(child);
                    case "kamervraagopmerking" -> {
                        for (El a : child.elements()) {
                            add(inline(a), a.line);
                        }
                        if (child.elements().isEmpty()) {
                            add(inline(child), child.line);
                        }
                        add("", child.line);
                    }
                    default -> {
                        // kop, nummer and metadata are read above; other parts carry no records
                    }
                }
            }
            for (int i = 0; i < notes.size(); i++) {
                add(notes.get(i), noteLines.get(i));
            }
            if (!question) {
                add("", kv.line);
                add("ah-tk-" + year.replace("–", "") + "-" + nr, nummer.line);
            }
        }

        private void block(El b) {
            El nr = b.child("nr");
            String heading = nr != null ? nr.text().strip() : null;
            if (heading == null || heading.isEmpty()) {
                heading = b.name.equals("vraag") ? "Vraag" : "Antwoord";
            }
            add(heading, nr != null ? nr.line : b.line);
            for (El e : b.elements()) {
                if (!e.name.equals("nr")) {
                    add(inline(e), e.line);
                }
            }
            add("", b.line);
        }

        /** The text of an element on one line, a footnote as a "[n]" marker with its text kept for the end. */
        private String inline(El e) {
            StringBuilder sb = new StringBuilder();
            inline(e, sb);
            return sb.toString().replaceAll("\\s+", " ").strip();
        }

        private void inline(El e, StringBuilder sb) {
            for (Object c : e.content) {
                if (c instanceof String s) {
                    sb.append(s);
                    continue;
                }
                El x = (El) c;
                if (x.name.equals("noot")) {
                    El n = x.child("noot.nr");
                    String number = n == null ? String.valueOf(notes.size() + 1) : n.text().strip();
                    sb.append("[").append(number).append("]");
                    StringBuilder note = new StringBuilder();
                    for (Object nc : x.content) {
                        if (nc instanceof El ne && !ne.name.equals("noot.nr")) {
                            inline(ne, note);
                            note.append(' ');
                        }
                    }
                    notes.add(number + " " + note.toString().replaceAll("\\s+", " ").strip());
                    noteLines.add(x.line);
                } else if (x.name.equals("extref")) {
                    String shown = x.text();
                    sb.append(shown);
                    String doc = x.attrs.get("doc");
                    if (doc != null && doc.matches("^https?://.*") && !shown.contains(doc) && !doc.endsWith("/" + shown.strip())
                            && !("https://" + shown.strip()).equals(doc)) {
                        sb.append(" (").append(doc).append(')');
                    } else if (doc != null && !shown.startsWith("http") && ("https://" + shown.strip()).equals(doc)) {
                        sb.setLength(sb.length() - shown.length());
                        sb.append(doc);
                    }
                } else {
                    inline(x, sb);
                    if (x.name.equals("al") || x.name.equals("li")) {
                        sb.append(' ');
                    }
                }
            }
        }

        private void add(String line, int xmlLine) {
            lines.add(line);
            xml.add(xmlLine);
        }

        String text() {
            return String.join("\n", lines) + "\n";
        }

        /** The XML line of a text line (1-based). */
        int xmlLine(int textLine) {
            return textLine >= 1 && textLine <= xml.size() ? xml.get(textLine - 1) : 1;
        }

        Location at(Location l) {
            return l == null ? null : new Location(file, xmlLine(l.line()));
        }
    }

    // ------------------------------------------------------------------------------------------------ XML

    /** An element: name, attributes, content (text and elements in order) and the line it starts on. */
    private static final class El {
        final String name;
        final Map<String, String> attrs = new LinkedHashMap<>();
        final List<Object> content = new ArrayList<>();
        final int line;

        El(String name, int line) {
            this.name = name;
            this.line = line;
        }

        List<El> elements() {
            List<El> r = new ArrayList<>();
            for (Object c : content) {
                if (c instanceof El e) {
                    r.add(e);
                }
            }
            return r;
        }

        El child(String n) {
            for (El e : elements()) {
                if (e.name.equals(n)) {
                    return e;
                }
            }
            return null;
        }

        List<El> children(String n) {
            return elements().stream().filter(e -> e.name.equals(n)).toList();
        }

        String text() {
            StringBuilder sb = new StringBuilder();
            for (Object c : content) {
                sb.append(c instanceof El e ? e.text() : (String) c);
            }
            return sb.toString();
        }
    }

    /** Parses the document into elements; a DOCTYPE is refused, malformed XML reported at its line. */
    private static El parse(SourceDocument document) throws ParseException {
        String file = document.name();
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        List<El> stack = new ArrayList<>();
        El root = null;
        try {
            XMLStreamReader r = f.createXMLStreamReader(new StringReader(document.text()));
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.DTD -> throw new ParseException(file, doctypeLine(document.text(), line(r)),
                            "XML with a DOCTYPE is refused (no DTD, entity or external entity is read)");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new ParseException(file, line(r),
                            "undeclared entity &" + r.getLocalName() + ";");
                    case XMLStreamConstants.START_ELEMENT -> {
                        El e = new El(r.getLocalName(), line(r));
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            e.attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        }
                        if (stack.isEmpty()) {
                            root = e;
                        } else {
                            stack.get(stack.size() - 1).content.add(e);
                        }
                        stack.add(e);
                    }
                    case XMLStreamConstants.END_ELEMENT -> stack.remove(stack.size() - 1);
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!stack.isEmpty()) {
                            stack.get(stack.size() - 1).content.add(r.getText());
                        }
                    }
                    default -> {
                        // comments and processing instructions carry no text
                    }
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() != null ? Math.max(1, e.getLocation().getLineNumber()) : 1;
            String m = e.getMessage() == null ? "" : e.getMessage();
            throw new ParseException(file, line, "malformed XML: "
                    + m.replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", ""), e);
        }
        if (root == null) {
            throw new ParseException(file, 1, "no XML element");
        }
        return root;
    }

    /** The line the DOCTYPE starts on (the parser reports where it ends). */
    private static int doctypeLine(String text, int fallback) {
        int at = text.indexOf("<!DOCTYPE");
        return at < 0 ? fallback : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static int line(XMLStreamReader r) {
        return Math.max(1, r.getLocation().getLineNumber());
    }
}
