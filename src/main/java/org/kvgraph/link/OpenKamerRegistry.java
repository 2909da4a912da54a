package org.kvgraph.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;

/**
 * The openkamer registry ({@code data/links/openkamer/}, MIT, up to 2019): persons with their TK id, Wikidata
 * id and Parlement.com id, parties with their Wikidata id, and who sat in the Kamer or in a cabinet when.
 * Matching is deliberately strict: it answers with one registry entry or with none, and says why.
 *
 * <pre>{@code
 * OpenKamerRegistry reg = OpenKamerRegistry.load(LinkData.bundled());
 * reg.party("PvdD");                                  // Partij voor de Dieren, Q663535
 * reg.person("Teunissen", null, "PvdD", List.of(LocalDate.parse("2025-05-22")));
 * }</pre>
 */
public final class OpenKamerRegistry {
    /** A registry party. */
    public record Party(int pk, String name, String shortName, String wikidataId) {
    }

    /** A period; {@code end} null means it had not ended when the registry was made. */
    public record Period(LocalDate start, LocalDate end) {
        boolean covers(LocalDate d) {
            return (start == null || !d.isBefore(start)) && (end == null || !d.isAfter(end));
        }
    }

    /** A registry person. */
    public record Person(int pk, String forename, String familyName, String tkId, String wikidataId,
                         String parlementComId, Set<Integer> parties, List<Period> kamer, List<Period> cabinet) {
    }

    /** The answer of a person match: the person, or none with the reason and the candidates considered. */
    public record PersonMatch(Person person, String reason, List<Person> candidates) {
        public boolean unique() {
            return person != null;
        }
    }

    private final Map<Integer, Party> parties;
    private final Map<Integer, Person> persons;
    private final Map<String, List<Person>> byFamilyName = new HashMap<>();

    private OpenKamerRegistry(Map<Integer, Party> parties, Map<Integer, Person> persons) {
        this.parties = parties;
        this.persons = persons;
        for (Person p : persons.values()) {
            byFamilyName.computeIfAbsent(norm(p.familyName()), k -> new ArrayList<>()).add(p);
        }
    }

    public static OpenKamerRegistry load(LinkData data) {
        JsonValue person = read(data, "openkamer/person.json");
        JsonValue parliament = read(data, "openkamer/parliament.json");
        JsonValue government = read(data, "openkamer/government.json");

        Map<Integer, Party> parties = new TreeMap<>();
        Map<Integer, Set<Integer>> partiesOf = new HashMap<>();
        Map<Integer, List<Period>> kamer = new HashMap<>();
        Map<Integer, List<Period>> cabinet = new HashMap<>();
        for (JsonValue v : parliament.getAsArray()) {
            JsonObject r = v.getAsObject();
            JsonObject f = r.get("fields").getAsObject();
            int pk = r.get("pk").getAsNumber().value().intValue();
            switch (str(r, "model")) {
                case "parliament.politicalparty" -> parties.put(pk,
                        new Party(pk, str(f, "name"), str(f, "name_short"), blankToNull(str(f, "wikidata_id"))));
                case "parliament.partymember" -> partiesOf.computeIfAbsent(integer(f, "person"), k -> new TreeSet<>())
                        .add(integer(f, "party"));
                case "parliament.parliamentmember" -> kamer.computeIfAbsent(integer(f, "person"), k -> new ArrayList<>())
                        .add(new Period(date(f, "joined"), date(f, "left")));
                default -> { }
            }
        }
        for (JsonValue v : government.getAsArray()) {
            JsonObject r = v.getAsObject();
            if (str(r, "model").equals("government.governmentmember")) {
                JsonObject f = r.get("fields").getAsObject();
                cabinet.computeIfAbsent(integer(f, "person"), k -> new ArrayList<>())
                        .add(new Period(date(f, "start_date"), date(f, "end_date")));
            }
        }
        Map<Integer, Person> persons = new TreeMap<>();
        for (JsonValue v : person.getAsArray()) {
            JsonObject r = v.getAsObject();
            int pk = r.get("pk").getAsNumber().value().intValue();
            JsonObject f = r.get("fields").getAsObject();
            String family = (str(f, "surname_prefix") + " " + str(f, "surname")).trim();
            persons.put(pk, new Person(pk, str(f, "forename"), family, blankToNull(str(f, "tk_id")),
                    blankToNull(str(f, "wikidata_id")), blankToNull(str(f, "parlement_and_politiek_id")),
                    partiesOf.getOrDefault(pk, Set.of()), kamer.getOrDefault(pk, List.of()),
                    cabinet.getOrDefault(pk, List.of())));
        }
        return new OpenKamerRegistry(parties, persons);
    }

    /**
     * The registry party whose abbreviation or name is exactly this label, when exactly one is; its Wikidata
     * id only when no other registry party carries the same id.
     */
    public Optional<Party> party(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String l = label.trim();
        List<Party> hits = parties.values().stream()
                .filter(p -> l.equals(p.shortName()) || l.equals(p.name())).toList();
        return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
    }

    /** Whether a Wikidata id is carried by one registry party only (two parties sharing one is a data error). */
    public boolean wikidataIdUnique(Party party) {
        return party.wikidataId() != null
                && parties.values().stream().filter(p -> party.wikidataId().equals(p.wikidataId())).count() == 1;
    }

    /**
     * The one registry person with this family name (prefix included), party (if given) and given name (if
     * given) in whose registry periods every date falls: Kamer membership for a member with a party, cabinet
     * membership for a member of government (no party).
     */
    public PersonMatch person(String familyName, String givenName, String partyLabel, Collection<LocalDate> dates) {
        List<Person> byName = byFamilyName.getOrDefault(norm(familyName), List.of());
        if (byName.isEmpty()) {
            return new PersonMatch(null, "no registry person named " + familyName, List.of());
        }
        List<Person> candidates = new ArrayList<>(byName);
        if (partyLabel != null) {
            Optional<Party> party = party(partyLabel);
            if (party.isEmpty()) {
                return new PersonMatch(null, "party " + partyLabel + " is not in the registry", byName);
            }
            candidates.removeIf(p -> !p.parties().contains(party.get().pk()));
        }
        if (givenName != null && !givenName.isBlank()) {
            candidates.removeIf(p -> !norm(p.forename()).equals(norm(givenName)));
        }
        if (dates.isEmpty()) {
            return new PersonMatch(null, "no date to check the registry periods against", candidates);
        }
        boolean member = partyLabel != null;
        candidates.removeIf(p -> !dates.stream().allMatch(d -> (member ? p.kamer() : p.cabinet()).stream()
                .anyMatch(per -> per.covers(d))));
        if (candidates.size() == 1) {
            return new PersonMatch(candidates.get(0), "unique", candidates);
        }
        return new PersonMatch(null, candidates.isEmpty() ? "no registry person fits name, party and dates"
                : candidates.size() + " registry persons fit", candidates);
    }

    public Collection<Person> persons() {
        return persons.values();
    }

    private static JsonValue read(LinkData data, String name) {
        try (InputStream in = data.open(name)) {
            return JSON.parseAny(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String str(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v == null || v.isNull() ? "" : v.getAsString().value();
    }

    private static int integer(JsonObject o, String key) {
        return o.get(key).getAsNumber().value().intValue();
    }

    private static LocalDate date(JsonObject o, String key) {
        String s = str(o, key);
        return s.isEmpty() ? null : LocalDate.parse(s);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String norm(String s) {
        return s == null ? "" : s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

}
