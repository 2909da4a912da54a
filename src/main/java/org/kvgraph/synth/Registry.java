package org.kvgraph.synth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The synthetic registry of parties and members a synthetic corpus draws its askers from: parties with the years
 * they sat in the Tweede Kamer (GroenLinks and PvdA until 2023, then GroenLinks-PvdA; NSC from 2023, BBB and Volt
 * from 2021 ...) and a number of seats, members with a party and the years they sat. Every name is made up
 * (family names from a list of common Dutch names with particles), unique across the registry, so a name and a
 * party always pick one member. Built from the seed only.
 */
public final class Registry {
    /** A party and the years (inclusive) it is in the Kamer, with its usual number of seats. */
    public record Party(String name, int from, int to, int seats) {
        boolean sits(int year) {
            return from <= year && year <= to;
        }
    }

    /** A member: Tweede Kamer-like id (a UUID), initials, family name ("van der Lee"), party and years. */
    public record Member(String id, String initials, String familyName, String party, int from, int to) {
        boolean sits(int year) {
            return from <= year && year <= to;
        }

        /** "M. van der Lee": as OData writes ActorNaam. */
        public String actorName() {
            return initials + " " + familyName;
        }

        /** "Van der Lee": as a text writes a member named without initials at the start of a name. */
        public String textName() {
            return familyName.substring(0, 1).toUpperCase(Locale.ROOT) + familyName.substring(1);
        }
    }

    private static final List<Party> PARTIES = List.of(
            new Party("VVD", 1900, 2100, 30), new Party("PVV", 1900, 2100, 20), new Party("CDA", 1900, 2100, 15),
            new Party("D66", 1900, 2100, 15), new Party("SP", 1900, 2100, 12), new Party("GroenLinks", 1900, 2023, 9),
            new Party("PvdA", 1900, 2023, 20), new Party("GroenLinks-PvdA", 2023, 2100, 25),
            new Party("ChristenUnie", 1900, 2100, 5), new Party("SGP", 1900, 2100, 3), new Party("PvdD", 1900, 2100, 4),
            new Party("50PLUS", 2012, 2023, 3), new Party("DENK", 2015, 2100, 3), new Party("FvD", 2017, 2100, 3),
            new Party("JA21", 2021, 2100, 3), new Party("Volt", 2021, 2100, 2), new Party("BBB", 2021, 2100, 6),
            new Party("NSC", 2023, 2100, 15));

    private static final List<String> SURNAMES = List.of(
            "Bakker", "Jansen", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "Dekker",
            "Brouwer", "Dijkstra", "Kok", "Koster", "Willems", "Verhoeven", "Huisman", "Kuipers", "Postma", "Vermeulen",
            "Prins", "Veenstra", "Schouten", "Hoekstra", "Kramer", "Blom", "Maas", "Boer", "Jonker", "Kuiper", "Molenaar",
            "Wolters", "Timmermans", "Groen", "Hermans", "Koning", "Bosman", "Sanders", "Martens", "Kroon", "Verbeek",
            "Hofman", "Evers", "Dobbe", "Klaver", "Omtzigt", "Heerma", "Nispen", "Dam", "Dijk", "Leeuwen", "Berg", "Lee",
            "Veen", "Haan", "Wit", "Graaf", "Laan", "Linde", "Broek", "Heuvel", "Wal", "Ven", "Beek", "Horst", "Ploeg",
            "Hulst", "Meer", "Velde", "Zanden", "Bruin", "Groot", "Lange", "Ruiter", "Wijk", "Steen", "Gier", "Baarle",
            "Oosten", "Westra", "Zijlstra", "Tuinman", "Wagenaar", "Kooistra", "Haveman", "Rutte", "Eerdmans", "Bikker",
            "Kwint", "Ouwehand", "Teunissen", "Stoffer", "Bisschop", "Sneller", "Paternotte", "Podt", "Boswijk",
            "Krul", "Bontenbal", "Mutluer", "Kostić", "Ceder", "Grinwis", "Vijlbrief", "Çelik", "Ergin", "Öztürk");
    /**
     * Family names the example queries look up ({@code queries/03-sets-of-a-member.rq}: "Dobbe"), with the party to
     * give one to when the draws made no member of that name: each is borne, exactly, by one member at every seed.
     */
    static final List<List<String>> LOOKED_UP = List.of(List.of("Dobbe", "SP"));
    private static final List<String> PARTICLES = List.of("", "", "", "", "van ", "de ", "van der ", "van den ", "ter ");
    private static final String CONSONANTS = "ABCDEFGHIJKLMNOPRSTVW";

    private final List<Party> parties;
    private final List<Member> members;

    private Registry(List<Party> parties, List<Member> members) {
        this.parties = parties;
        this.members = members;
    }

    /** The registry for the years fromYear..toYear, the same for the same seed. */
    public static Registry generate(long seed, int fromYear, int toYear) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5EED_4E61_57A7L);
        List<Party> parties = PARTIES.stream().filter(p -> p.from <= toYear && p.to >= fromYear).toList();
        List<Member> members = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Party p : parties) {
            for (int year = Math.max(fromYear, p.from); year <= Math.min(toYear, p.to); year++) {
                final int y = year;
                long sitting = members.stream().filter(m -> m.party.equals(p.name) && m.sits(y)).count();
                for (long i = sitting; i < p.seats; i++) {
                    int to = Math.min(Math.min(toYear, p.to), year + 1 + r.nextInt(10));
                    members.add(new Member(uuid(r), initials(r), uniqueName(r, used), p.name, year, to));
                }
            }
        }
        lookedUp(members);
        return new Registry(parties, List.copyOf(members));
    }

    /**
     * Gives each looked-up family name to one member without changing any draw (so the rest of a corpus stays as it
     * was): the member whose name is that one with a particle ("van den Dobbe"), else one whose name starts with it
     * ("Dobbe-Kramer"), else the first member of the party; names stay unique without their particles.
     */
    private static void lookedUp(List<Member> members) {
        for (List<String> nameAndParty : LOOKED_UP) {
            String name = nameAndParty.get(0);
            if (members.stream().anyMatch(m -> m.familyName.equals(name))) {
                continue;
            }
            String key = name.toLowerCase(Locale.ROOT);
            int at = -1;
            for (int i = 0; i < members.size() && at < 0; i++) {
                if (uniquenessKey(members.get(i).familyName).equals(key)) {
                    at = i; // "van den Dobbe": the one member whose name is unique as "Dobbe" already
                }
            }
            for (int i = 0; i < members.size() && at < 0; i++) {
                if (uniquenessKey(members.get(i).familyName).startsWith(key + "-")) {
                    at = i; // "Dobbe-Kramer": no member is "Dobbe" under any particle, so the name is free
                }
            }
            for (int i = 0; i < members.size() && at < 0; i++) {
                if (members.get(i).party.equals(nameAndParty.get(1))) {
                    at = i;
                }
            }
            if (at >= 0) {
                Member m = members.get(at);
                members.set(at, new Member(m.id, m.initials, name, m.party, m.from, m.to));
            }
        }
    }

    /** A name without its particle, lower case: two members never share it. */
    private static String uniquenessKey(String name) {
        return name.replaceFirst("^(van der |van den |van |de |ter )", "").toLowerCase(Locale.ROOT);
    }

    public List<Party> parties() {
        return parties;
    }

    public List<Member> members() {
        return members;
    }

    /** The members sitting in the year. */
    public List<Member> sitting(int year) {
        return members.stream().filter(m -> m.sits(year)).toList();
    }

    static String uuid(SplittableRandom r) {
        String h = String.format(Locale.ROOT, "%016x%016x", r.nextLong(), r.nextLong());
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-a" + h.substring(17, 20)
                + "-" + h.substring(20, 32);
    }

    private static String initials(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            b.append(CONSONANTS.charAt(r.nextInt(CONSONANTS.length()))).append('.');
        }
        return b.toString();
    }

    private static String uniqueName(SplittableRandom r, Set<String> used) {
        for (int attempt = 0; ; attempt++) {
            String name = PARTICLES.get(r.nextInt(PARTICLES.size())) + SURNAMES.get(r.nextInt(SURNAMES.size()));
            if (attempt > 50) {
                name = name + "-" + SURNAMES.get(r.nextInt(SURNAMES.size()));
            }
            // Unique whatever the particle, so a text that drops or capitalises it still names one member.
            if (used.add(uniquenessKey(name))) {
                return name;
            }
        }
    }
}
