package org.kvgraph.source;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonException;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonParseException;
import org.apache.jena.atlas.json.JsonValue;
import org.kvgraph.model.Location;
import org.kvgraph.model.Office;
import org.kvgraph.model.Person;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.model.Response;
import org.kvgraph.model.ResponseKind;

/**
 * Reads Tweede Kamer OData v4 JSON ({@code https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/}): {@code Zaak}
 * entities of Soort "Schriftelijke vragen" with their {@code ZaakActor}s and {@code Document}s expanded
 * ({@code $expand=ZaakActor,Document}), either one entity or a page {@code {"value": [...], "@odata.nextLink":
 * ...}}. Each Zaak gives one {@link QuestionSet}: case number (Nummer), title (Onderwerp, else Titel),
 * submission date (GestartOp), askers (Relatie "Indiener" first, then "Medeindiener"), the addressed offices
 * (Relatie "Gericht aan", from Functie when it names one), and one {@link Response} for each answer or
 * postponement document that has an Aanhangselnummer. Entities marked {@code "Verwijderd": true} are left out;
 * so are Zaken of another Soort.
 *
 * <pre>{@code
 * SourceDocument doc = SourceDocument.read(Path.of("zaken.json"), "zaken.json");
 * new TkODataReader().read(doc, sink);
 * }</pre>
 *
 * <p>Errors are at the line of the offending entity (where its Id is written), or at line 1.
 */
public final class TkODataReader implements SourceReader {
    private static final Pattern CASE_NUMBER = Pattern.compile("^\\d{4}Z\\d{5}$");
    private static final Pattern VERGADERJAAR = Pattern.compile("^(\\d{4})-(\\d{4})$");
    /** "232401314": the two vergaderjaar years in two digits each, then the number in five; or the number alone. */
    private static final Pattern AANHANGSEL = Pattern.compile("^(?:(\\d{2})(\\d{2})(\\d{5})|(\\d{1,5}))$");
    private static final Pattern INITIALS = Pattern.compile("^((?:\\p{Lu}\\p{Ll}{0,2}\\.)+)\\s+(.+)$");
    private static final String SCHRIFTELIJKE_VRAGEN = "Schriftelijke vragen";

    @Override
    public String layout() {
        return "tk-odata";
    }

    /** A JSON object with an OData context, or with the fields of a Zaak. */
    @Override
    public boolean accepts(SourceDocument document) {
        String t = document.text().stripLeading();
        if (!t.startsWith("{")) {
            return false;
        }
        String head = t.substring(0, Math.min(t.length(), 4000));
        return head.contains("\"@odata.context\"") || head.contains("\"ZaakActor\"")
                || head.contains("\"Nummer\"") && head.contains("\"Soort\"");
    }

    @Override
    public void read(SourceDocument document, RecordSink sink) throws ParseException {
        String file = document.name();
        JsonObject root;
        int tooDeep = tooDeepAt(document.text());
        if (tooDeep >= 0) {
            // Jena's JSON parser recurses once per level: a hostile nesting would end in a StackOverflowError.
            throw new ParseException(file, tooDeep, "not valid JSON: nested deeper than " + MAX_DEPTH + " levels");
        }
        try {
            root = JSON.parse(document.text());
        } catch (JsonParseException e) {
            throw new ParseException(file, Math.max(1, e.getLine()), "not valid JSON: " + message(e), e);
        } catch (JsonException e) {
            throw new ParseException(file, 1, "not valid JSON: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Jena's parser formats its error message with the offending token as the pattern: a "%" in the input
            // gives an UnknownFormatConversionException (found by fuzzing; ReaderFuzzTestInputs/odata/percent-in-token).
            throw new ParseException(file, 1, "not valid JSON", e);
        }
        Lines lines = new Lines(document.text());
        String context = root.hasKey("@odata.context") && root.get("@odata.context").isString()
                ? root.get("@odata.context").getAsString().value() : null;
        if (context != null && !context.contains("#Zaak")) {
            throw new ParseException(file, 1, "not a Zaak payload: @odata.context is \"" + context + "\"");
        }
        List<JsonObject> entities = new ArrayList<>();
        if (root.hasKey("value")) {
            JsonValue value = root.get("value");
            if (!value.isArray()) {
                throw new ParseException(file, 1, "\"value\" of an OData page is not an array");
            }
            for (JsonValue v : value.getAsArray()) {
                if (!v.isObject()) {
                    throw new ParseException(file, 1, "an element of \"value\" is not an object");
                }
                entities.add(v.getAsObject());
            }
        } else {
            entities.add(root);
        }
        List<QuestionSet> sets = new ArrayList<>();
        for (JsonObject zaak : entities) {
            QuestionSet set = new Entity(file, lines, zaak).set();
            if (set != null) {
                sets.add(set);
            }
        }
        sets.forEach(sink::questionSet);
    }

    /** Deeper than any OData payload (a Zaak page nests five levels), shallow enough for the parser's stack. */
    static final int MAX_DEPTH = 256;

    /** The line where the text nests deeper than {@link #MAX_DEPTH} arrays and objects, or -1 (strings skipped). */
    static int tooDeepAt(String text) {
        int depth = 0;
        int line = 1;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_DEPTH) {
                    return line;
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return -1;
    }

    /** The Aanhangsel publication id ("ah-tk-20232024-1314") of a Document, or null when it has none. */
    public static String publicationId(String vergaderjaar, String aanhangselnummer) {
        if (vergaderjaar == null || aanhangselnummer == null) {
            return null;
        }
        Matcher v = VERGADERJAAR.matcher(vergaderjaar);
        Matcher a = AANHANGSEL.matcher(aanhangselnummer.strip());
        if (!v.matches() || !a.matches()) {
            return null;
        }
        if (a.group(4) != null) {
            return "ah-tk-" + v.group(1) + v.group(2) + "-" + Integer.parseInt(a.group(4));
        }
        if (!v.group(1).endsWith(a.group(1)) || !v.group(2).endsWith(a.group(2))) {
            return null;
        }
        return "ah-tk-" + v.group(1) + v.group(2) + "-" + Integer.parseInt(a.group(3));
    }

    private static String message(JsonParseException e) {
        String m = e.getMessage();
        return m == null ? "syntax error" : m.replaceFirst("^\\[line: \\d+, col: \\d+ ?\\]\\s*", "");
    }

    /**
     * The set one Zaak entity in OData shape gives (with its ZaakActor and Document arrays), or null when it is
     * deleted or of another Soort; errors are reported at {@code file:line}. For readers of other Tweede Kamer
     * formats that assemble the same entities (the SyncFeed).
     */
    public static QuestionSet zaak(JsonObject zaak, String file, int line) throws ParseException {
        return new Entity(file, new Lines(null, line), zaak).set();
    }

    /**
     * Finds the line where an entity's Id is written, for messages; or one fixed line. Entities are looked up in
     * the order they are written, so each search starts where the last one ended, and line numbers come from the
     * line starts found in one pass: reading a page stays linear in its length.
     */
    private static final class Lines {
        private final String text;
        private final int fixed;
        private int[] starts;
        private int from;

        Lines(String text) {
            this(text, 1);
        }

        Lines(String text, int fixed) {
            this.text = text;
            this.fixed = fixed;
        }

        int of(String id) {
            if (text == null) {
                return fixed;
            }
            if (id == null) {
                return 1;
            }
            String key = "\"" + id + "\"";
            int at = text.indexOf(key, from);
            if (at < 0) {
                at = text.indexOf(key);
            }
            if (at < 0) {
                return 1;
            }
            from = at + key.length();
            int line = Arrays.binarySearch(starts(), at);
            return line >= 0 ? line + 1 : -line - 1;
        }

        /** The offsets at which lines start. */
        private int[] starts() {
            if (starts == null) {
                int n = 1;
                for (int i = 0; i < text.length(); i++) {
                    if (text.charAt(i) == '\n') {
                        n++;
                    }
                }
                starts = new int[n];
                for (int i = 0, k = 1; i < text.length(); i++) {
                    if (text.charAt(i) == '\n') {
                        starts[k++] = i + 1;
                    }
                }
            }
            return starts;
        }
    }

    /** One Zaak entity and what it expands. */
    private static final class Entity {
        private final String file;
        private final Lines lines;
        private final JsonObject zaak;
        private final int line;

        Entity(String file, Lines lines, JsonObject zaak) {
            this.file = file;
            this.lines = lines;
            this.zaak = zaak;
            this.line = lines.of(idOf(zaak));
        }

        private ParseException error(int at, String reason) {
            return new ParseException(file, at, reason);
        }

        /** The set, or null when the Zaak is deleted or of another Soort. */
        QuestionSet set() throws ParseException {
            if (deleted(zaak)) {
                return null;
            }
            String soort = string(zaak, "Soort");
            if (soort == null || !zaak.hasKey("Nummer")) {
                throw error(line, "not a Zaak: no \"Soort\" or \"Nummer\"");
            }
            if (!SCHRIFTELIJKE_VRAGEN.equals(soort)) {
                return null;
            }
            String nummer = string(zaak, "Nummer");
            if (nummer == null || !CASE_NUMBER.matcher(nummer).matches()) {
                throw error(line, "Zaak Nummer \"" + nummer + "\" is not a case number like 2024Z03568");
            }
            String title = string(zaak, "Onderwerp");
            if (title == null) {
                title = string(zaak, "Titel");
            }
            LocalDate submitted = date(zaak, "GestartOp", line);

            List<Person> indieners = new ArrayList<>();
            List<Person> medeindieners = new ArrayList<>();
            List<Office> addressed = new ArrayList<>();
            for (JsonObject actor : expanded("ZaakActor")) {
                if (deleted(actor)) {
                    continue;
                }
                int at = lines.of(idOf(actor));
                String relatie = string(actor, "Relatie");
                if ("Indiener".equals(relatie)) {
                    indieners.add(member(actor, at));
                } else if ("Medeindiener".equals(relatie)) {
                    medeindieners.add(member(actor, at));
                } else if ("Gericht aan".equals(relatie)) {
                    Office o = office(string(actor, "Functie"));
                    if (o != null && !addressed.contains(o)) {
                        addressed.add(o);
                    }
                }
            }
            List<Person> askers = new ArrayList<>(indieners);
            askers.addAll(medeindieners);
            if (askers.isEmpty()) {
                throw error(line, "Zaak " + nummer + " has no ZaakActor with Relatie \"Indiener\"");
            }

            List<Response> responses = new ArrayList<>();
            for (JsonObject doc : expanded("Document")) {
                if (deleted(doc)) {
                    continue;
                }
                Response r = response(doc);
                if (r != null && responses.stream().noneMatch(x -> x.publicationId().equals(r.publicationId()))) {
                    responses.add(r);
                }
            }
            return new QuestionSet(new Location(file, line), nummer, title, submitted, askers, addressed,
                    List.of(), responses, List.of(), List.of(), lowerCase(string(zaak, "Id")));
        }

        private Response response(JsonObject doc) throws ParseException {
            String soort = string(doc, "Soort");
            ResponseKind kind;
            if ("Antwoord schriftelijke vragen".equals(soort) || "Antwoord schriftelijke vragen (nader)".equals(soort)) {
                kind = ResponseKind.ANSWER;
            } else if ("Mededeling (uitstel antwoord)".equals(soort)) {
                kind = ResponseKind.POSTPONEMENT;
            } else {
                return null; // the questions themselves, or another kind of document
            }
            String nr = string(doc, "Aanhangselnummer");
            if (nr == null) {
                return null; // not (yet) published in the Aanhangsel: no publication to name it by
            }
            int at = lines.of(idOf(doc));
            String vergaderjaar = string(doc, "Vergaderjaar");
            String id = publicationId(vergaderjaar, nr);
            if (id == null) {
                throw error(at, "Document Aanhangselnummer \"" + nr + "\" does not fit vergaderjaar \"" + vergaderjaar + "\"");
            }
            return new Response(kind, id, date(doc, "Datum", at), List.of(), List.of(), null, List.of(), List.of(),
                    List.of(), new Location(file, at));
        }

        private List<JsonObject> expanded(String key) throws ParseException {
            if (!zaak.hasKey(key) || zaak.get(key).isNull()) {
                return List.of();
            }
            JsonValue v = zaak.get(key);
            if (!v.isArray()) {
                throw error(line, "\"" + key + "\" of a Zaak is not an array");
            }
            List<JsonObject> result = new ArrayList<>();
            JsonArray a = v.getAsArray();
            for (JsonValue e : a) {
                if (!e.isObject()) {
                    throw error(line, "an element of \"" + key + "\" is not an object");
                }
                result.add(e.getAsObject());
            }
            return result;
        }

        /** A member from ActorNaam ("S. Mutluer", "M. van Nispen") and ActorFractie, with Persoon_Id. */
        private Person member(JsonObject actor, int at) throws ParseException {
            String naam = string(actor, "ActorNaam");
            if (naam == null) {
                throw error(at, "ZaakActor without ActorNaam");
            }
            Matcher m = INITIALS.matcher(naam.strip());
            String initials = m.matches() ? m.group(1) : null;
            String family = m.matches() ? m.group(2) : naam.strip();
            Person p = new Person(family, null, initials, string(actor, "ActorFractie"));
            String persoon = string(actor, "Persoon_Id");
            return persoon == null ? p : p.withTkId(persoon.toLowerCase(Locale.ROOT));
        }

        private static String lowerCase(String id) {
            return id == null ? null : id.toLowerCase(Locale.ROOT);
        }

        private static Office office(String functie) {
            if (functie == null) {
                return null;
            }
            try {
                return Offices.parseTitle(functie);
            } catch (IllegalArgumentException e) {
                return null; // a Functie that names no office ("Tweede Kamerlid", a committee)
            }
        }

        private LocalDate date(JsonObject o, String key, int at) throws ParseException {
            String v = string(o, key);
            if (v == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(v).toLocalDate();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDate.parse(v);
                } catch (DateTimeParseException e2) {
                    throw error(at, key + " \"" + v + "\" is not a date");
                }
            }
        }

        private static boolean deleted(JsonObject o) {
            JsonValue v = o.get("Verwijderd");
            return v != null && v.isBoolean() && v.getAsBoolean().value();
        }

        private String string(JsonObject o, String key) throws ParseException {
            JsonValue v = o.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isString()) {
                throw error(line, "\"" + key + "\" is not a string: " + JSON.toStringFlat(v));
            }
            String s = v.getAsString().value().strip();
            return s.isEmpty() ? null : s;
        }
    }

    /** An entity's Id when it is a string, for finding its line. */
    private static String idOf(JsonObject o) {
        JsonValue v = o.get("Id");
        return v != null && v.isString() ? v.getAsString().value() : null;
    }
}
