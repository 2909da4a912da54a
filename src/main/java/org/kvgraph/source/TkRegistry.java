package org.kvgraph.source;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonException;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.kvgraph.model.Location;
import org.kvgraph.model.Person;

/**
 * The Tweede Kamer's registry of members and parliamentary parties: {@code Persoon}, {@code Fractie},
 * {@code FractieZetel} (a seat of a Fractie) and {@code FractieZetelPersoon} (who held a seat, {@code Van} …
 * {@code TotEnMet}). Read from OData v4 JSON pages of those entity sets (each entity may also carry the next ones
 * expanded: {@code Persoon?$expand=FractieZetelPersoon($expand=FractieZetel($expand=Fractie))}) and from SyncFeed
 * entities ({@code <persoon>}, {@code <fractie>}, {@code <fractieZetel>}, {@code <fractieZetelPersoon>}). Deleted
 * entities ({@code Verwijderd}) are left out; a later version of an entity replaces an earlier one.
 *
 * <p>With it, a member as a text names them ("Boswijk (CDA)", in a set submitted on 22 May 2025) is resolved by
 * family name, party and date to the one Persoon who held a seat of that Fractie on that date ({@link #resolve}).
 *
 * <pre>{@code
 * TkRegistry registry = new TkRegistry();
 * registry.readOData(SourceDocument.read(path, name));
 * TkRegistry.Resolution r = registry.resolve(Person.member("Dijkstra", "VVD"), LocalDate.of(2014, 5, 1));
 * }</pre>
 */
public final class TkRegistry {
    private static final Pattern CONTEXT = Pattern.compile("#(Persoon|Fractie|FractieZetel|FractieZetelPersoon)\\b(?![A-Za-z])");
    private static final Pattern GUID = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    /** A Persoon: its id (lower case), name parts as the registry writes them, and where it was read. */
    public record Member(String id, String initials, String particle, String surname, String callName, Location at) {
        /** The family name as printed where it stands alone: the particle capitalised ("Van Dijk", "Omtzigt"). */
        public String familyName() {
            if (particle == null) {
                return surname;
            }
            return Character.toUpperCase(particle.charAt(0)) + particle.substring(1) + " " + surname;
        }

        /** The full name: call name (or initials), particle and surname ("Jasper van Dijk"). */
        public String fullName() {
            String first = callName != null ? callName : initials;
            String family = particle == null ? surname : particle + " " + surname;
            return first == null ? family : first + " " + family;
        }
    }

    /** A Fractie: its id, abbreviation ("CDA") and Dutch name. */
    public record Faction(String id, String abbreviation, String name, Location at) {
    }

    /** A FractieZetelPersoon joined with its seat: who sat for which Fractie, from when until when (null: open). */
    public record Seat(String id, String memberId, String factionId, String role, LocalDate from, LocalDate until, Location at) {
        public boolean during(LocalDate date) {
            return date == null || (from == null || !date.isBefore(from)) && (until == null || !date.isAfter(until));
        }
    }

    /** The outcome of resolving a name: the one member found, or why none is taken. */
    public record Resolution(Member member, List<Member> candidates, String reason) {
        public boolean resolved() {
            return member != null;
        }
    }

    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, Faction> factions = new LinkedHashMap<>();
    /** FractieZetel id → Fractie id. */
    private final Map<String, String> seatFaction = new LinkedHashMap<>();
    private final Map<String, RawSeat> seatHolders = new LinkedHashMap<>();
    private final Set<String> deleted = new LinkedHashSet<>();
    /** Seats by the key of their member's family name, built on the first look-up after a change. */
    private Map<String, List<Seat>> byName;

    private record RawSeat(String id, String memberId, String seatId, String role, LocalDate from, LocalDate until, Location at) {
    }

    /** Whether the registry holds anything. */
    public boolean isEmpty() {
        return members.isEmpty() && seatHolders.isEmpty() && factions.isEmpty();
    }

    /** Whether a text (its start) is an OData page or entity of Persoon, Fractie, FractieZetel or FractieZetelPersoon. */
    public static boolean looksLikeOData(String text) {
        String t = text.stripLeading();
        if (!t.startsWith("{")) {
            return false;
        }
        String head = t.substring(0, Math.min(t.length(), 4000));
        int at = head.indexOf("\"@odata.context\"");
        if (at < 0) {
            return false;
        }
        int end = head.indexOf('\n', at);
        return CONTEXT.matcher(head.substring(at, end < 0 ? head.length() : end)).find();
    }

    /** Reads an OData page (or single entity) of a registry entity set; errors at line 1 or the entity's line. */
    public void readOData(SourceDocument document) throws ParseException {
        String file = document.name();
        JsonObject root;
        try {
            root = JSON.parse(document.text());
        } catch (JsonException e) {
            throw new ParseException(file, 1, "not valid JSON: " + e.getMessage(), e);
        }
        String context = root.hasKey("@odata.context") && root.get("@odata.context").isString()
                ? root.get("@odata.context").getAsString().value() : "";
        Matcher m = CONTEXT.matcher(context);
        if (!m.find()) {
            throw new ParseException(file, 1, "not a Tweede Kamer registry payload: @odata.context is \"" + context + "\"");
        }
        String set = m.group(1);
        List<JsonObject> entities = new ArrayList<>();
        if (root.hasKey("value")) {
            if (!root.get("value").isArray()) {
                throw new ParseException(file, 1, "\"value\" of an OData page is not an array");
            }
            for (JsonValue v : root.get("value").getAsArray()) {
                if (!v.isObject()) {
                    throw new ParseException(file, 1, "an element of \"value\" is not an object");
                }
                entities.add(v.getAsObject());
            }
        } else {
            entities.add(root);
        }
        String text = document.text();
        for (JsonObject o : entities) {
            entity(set, o, file, text, null);
        }
    }

    /** Adds a SyncFeed entity when it is one of the registry's (others are ignored). */
    public void addFeedEntity(SyncFeedReader.Entity e) throws ParseException {
        String type = e.type();
        String id = e.id().toLowerCase(Locale.ROOT);
        Map<String, String> f = e.fields();
        Location at = e.at();
        switch (type) {
            case "persoon" -> {
                if (e.deleted()) {
                    remove(id);
                } else {
                    putMember(id, f.get("initialen"), f.get("tussenvoegsel"), f.get("achternaam"), f.get("roepnaam"), at);
                }
            }
            case "fractie" -> {
                if (e.deleted()) {
                    remove(id);
                } else {
                    putFaction(id, f.get("afkorting"), f.get("naamNl"), at);
                }
            }
            case "fractieZetel" -> {
                if (e.deleted()) {
                    remove(id);
                } else if (e.ref("fractie") != null) {
                    byName = null;
                    seatFaction.put(id, e.ref("fractie").toLowerCase(Locale.ROOT));
                }
            }
            case "fractieZetelPersoon" -> {
                if (e.deleted()) {
                    remove(id);
                } else {
                    putSeat(id, e.ref("persoon"), e.ref("fractieZetel"), f.get("functie"),
                            date(f.get("van"), at, "van"), date(f.get("totEnMet"), at, "totEnMet"), at);
                }
            }
            default -> {
                // not part of the registry
            }
        }
    }

    private void remove(String id) {
        byName = null;
        deleted.add(id);
        members.remove(id);
        factions.remove(id);
        seatFaction.remove(id);
        seatHolders.remove(id);
    }

    /** One OData entity of the set, and what it expands. {@code parent} is the id of the entity it is expanded in. */
    private void entity(String set, JsonObject o, String file, String text, String parent) throws ParseException {
        String id = string(o, "Id", file);
        Location at = new Location(file, line(text, id));
        if (id == null || !GUID.matcher(id).matches()) {
            throw new ParseException(file, at.line(), set + " without a GUID Id: " + id);
        }
        id = id.toLowerCase(Locale.ROOT);
        JsonValue del = o.get("Verwijderd");
        if (del != null && del.isBoolean() && del.getAsBoolean().value()) {
            remove(id);
            return;
        }
        switch (set) {
            case "Persoon" -> {
                String surname = string(o, "Achternaam", file);
                if (surname == null) {
                    throw new ParseException(file, at.line(), "Persoon " + id + " without Achternaam");
                }
                putMember(id, string(o, "Initialen", file), string(o, "Tussenvoegsel", file), surname,
                        string(o, "Roepnaam", file), at);
                for (JsonObject x : expanded(o, "FractieZetelPersoon", file, at)) {
                    if (!x.hasKey("Persoon_Id")) {
                        x.put("Persoon_Id", id);
                    }
                    entity("FractieZetelPersoon", x, file, text, id);
                }
            }
            case "Fractie" -> putFaction(id, string(o, "Afkorting", file), string(o, "NaamNL", file), at);
            case "FractieZetel" -> {
                String fractie = string(o, "Fractie_Id", file);
                for (JsonObject x : expanded(o, "Fractie", file, at)) {
                    entity("Fractie", x, file, text, id);
                    fractie = string(x, "Id", file);
                }
                if (fractie == null && parent != null) {
                    fractie = parent;
                }
                if (fractie != null) {
                    byName = null;
                    seatFaction.put(id, fractie.toLowerCase(Locale.ROOT));
                }
            }
            case "FractieZetelPersoon" -> {
                String zetel = string(o, "FractieZetel_Id", file);
                for (JsonObject x : expanded(o, "FractieZetel", file, at)) {
                    entity("FractieZetel", x, file, text, null);
                    zetel = string(x, "Id", file);
                }
                String persoon = string(o, "Persoon_Id", file);
                for (JsonObject x : expanded(o, "Persoon", file, at)) {
                    entity("Persoon", x, file, text, null);
                    persoon = string(x, "Id", file);
                }
                putSeat(id, persoon, zetel, string(o, "Functie", file), date(string(o, "Van", file), at, "Van"),
                        date(string(o, "TotEnMet", file), at, "TotEnMet"), at);
            }
            default -> throw new IllegalStateException(set);
        }
    }

    private void putMember(String id, String initials, String particle, String surname, String callName, Location at) {
        byName = null;
        if (surname != null && !deleted.contains(id)) {
            members.put(id, new Member(id, initials, particle, surname, callName, at));
        }
    }

    private void putFaction(String id, String abbreviation, String name, Location at) {
        byName = null;
        if ((abbreviation != null || name != null) && !deleted.contains(id)) {
            factions.put(id, new Faction(id, abbreviation != null ? abbreviation : name, name, at));
        }
    }

    private void putSeat(String id, String persoon, String zetel, String role, LocalDate from, LocalDate until, Location at)
            throws ParseException {
        byName = null;
        if (persoon == null || zetel == null) {
            throw new ParseException(at.file(), at.line(), "FractieZetelPersoon " + id + " without Persoon or FractieZetel");
        }
        if (from != null && until != null && until.isBefore(from)) {
            throw new ParseException(at.file(), at.line(), "FractieZetelPersoon " + id + " ends (" + until + ") before it begins (" + from + ")");
        }
        if (!deleted.contains(id)) {
            seatHolders.put(id, new RawSeat(id, persoon.toLowerCase(Locale.ROOT), zetel.toLowerCase(Locale.ROOT), role, from, until, at));
        }
    }

    /** The members, by id. */
    public List<Member> members() {
        return members.values().stream().sorted(Comparator.comparing(Member::id)).toList();
    }

    /** The parliamentary parties, by id. */
    public List<Faction> factions() {
        return factions.values().stream().sorted(Comparator.comparing(Faction::id)).toList();
    }

    /** The seats held whose Fractie is known (through the FractieZetel), by id. */
    public List<Seat> seats() {
        List<Seat> result = new ArrayList<>();
        for (RawSeat r : seatHolders.values()) {
            String fractie = seatFaction.get(r.seatId());
            if (fractie != null && factions.containsKey(fractie)) {
                result.add(new Seat(r.id(), r.memberId(), fractie, r.role(), r.from(), r.until(), r.at()));
            }
        }
        result.sort(Comparator.comparing(Seat::id));
        return result;
    }

    /** A Fractie by id, or null. */
    public Faction faction(String id) {
        return factions.get(id);
    }

    /**
     * The one member with the person's family name who held a seat of the person's party on the date (any date when
     * null). A person without a party (a member of government) is not looked up: the reason says so.
     */
    public Resolution resolve(Person p, LocalDate on) {
        if (p.party() == null) {
            return new Resolution(null, List.of(), "no party to look up");
        }
        String name = key(p.familyName());
        String party = key(p.party());
        if (byName == null) {
            Map<String, List<Seat>> index = new java.util.HashMap<>();
            for (Seat s : seats()) {
                Member m = members.get(s.memberId());
                if (m != null) {
                    index.computeIfAbsent(key(m.familyName()), k -> new ArrayList<>()).add(s);
                    if (!key(m.surname()).equals(key(m.familyName()))) {
                        index.computeIfAbsent(key(m.surname()), k -> new ArrayList<>()).add(s);
                    }
                }
            }
            byName = index;
        }
        Set<Member> found = new LinkedHashSet<>();
        for (Seat s : byName.getOrDefault(name, List.of())) {
            Faction f = factions.get(s.factionId());
            Member m = members.get(s.memberId());
            if (m == null || !s.during(on)) {
                continue;
            }
            boolean partyFits = f.abbreviation() != null && key(f.abbreviation()).equals(party)
                    || f.name() != null && key(f.name()).equals(party);
            if (partyFits && (key(m.familyName()).equals(name) || key(m.surname()).equals(name))) {
                found.add(m);
            }
        }
        List<Member> candidates = found.stream().sorted(Comparator.comparing(Member::id)).toList();
        String when = on == null ? "" : " on " + on;
        if (candidates.size() == 1) {
            return new Resolution(candidates.get(0), candidates, null);
        }
        if (candidates.isEmpty()) {
            return new Resolution(null, candidates, "\"" + p.familyName() + " (" + p.party() + ")\" is not a member of "
                    + p.party() + when + " in the Tweede Kamer registry; left as the text names them");
        }
        StringBuilder names = new StringBuilder();
        for (Member m : candidates) {
            names.append(names.length() == 0 ? "" : ", ").append(m.fullName()).append(" (").append(m.id()).append(')');
        }
        return new Resolution(null, candidates, "\"" + p.familyName() + " (" + p.party() + ")\" is ambiguous" + when
                + ": the Tweede Kamer registry has " + candidates.size() + " members of " + p.party() + " of that name ("
                + names + "); left as the text names them");
    }

    /** Names compared: NFC, lower case, without spaces ("Van Dijk", "van Dijk", "vanDijk"). */
    private static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    }

    private static List<JsonObject> expanded(JsonObject o, String key, String file, Location at) throws ParseException {
        JsonValue v = o.get(key);
        if (v == null || v.isNull()) {
            return List.of();
        }
        List<JsonObject> result = new ArrayList<>();
        if (v.isObject()) {
            result.add(v.getAsObject());
        } else if (v.isArray()) {
            for (JsonValue x : v.getAsArray()) {
                if (!x.isObject()) {
                    throw new ParseException(file, at.line(), "an element of \"" + key + "\" is not an object");
                }
                result.add(x.getAsObject());
            }
        } else {
            throw new ParseException(file, at.line(), "\"" + key + "\" is neither an object nor an array");
        }
        return result;
    }

    private static String string(JsonObject o, String key, String file) throws ParseException {
        JsonValue v = o.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new ParseException(file, 1, "\"" + key + "\" is not a string: " + JSON.toStringFlat(v));
        }
        String s = v.getAsString().value().strip();
        return s.isEmpty() ? null : s;
    }

    private static LocalDate date(String v, Location at, String field) throws ParseException {
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toLocalDate();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v.length() > 10 && v.charAt(10) == 'T' ? v.substring(0, 10) : v);
            } catch (DateTimeParseException e2) {
                throw new ParseException(at.file(), at.line(), field + " \"" + v + "\" is not a date");
            }
        }
    }

    private static int line(String text, String id) {
        if (text == null || id == null) {
            return 1;
        }
        int at = text.indexOf("\"" + id + "\"");
        if (at < 0) {
            return 1;
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
