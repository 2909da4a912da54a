package org.kvgraph.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kvgraph.model.Office;
import org.kvgraph.text.Text;

/**
 * Government offices as documents write them: "de Ministers van Landbouw, Natuur en Voedselkwaliteit en voor
 * Natuur en Stikstof", "De staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties, Herstel Groningen,
 * Koninkrijksrelaties en Digitalisering", "(Financiën – Fiscaliteit en Belastingdienst)", "(BZ)".
 */
public final class Offices {

    /** Ministry names of Dutch cabinets since 2000 (longest first when matching a prefix). */
    static final List<String> MINISTRIES = List.of(
            "Algemene Zaken", "Asiel en Migratie", "Binnenlandse Zaken en Koninkrijksrelaties", "Buitenlandse Zaken",
            "Defensie", "Economische Zaken", "Economische Zaken en Klimaat", "Economische Zaken, Landbouw en Innovatie",
            "Financiën", "Infrastructuur en Milieu", "Infrastructuur en Waterstaat", "Justitie", "Justitie en Veiligheid",
            "Klimaat en Groene Groei", "Landbouw, Natuur en Voedselkwaliteit",
            "Landbouw, Visserij, Voedselzekerheid en Natuur", "Onderwijs, Cultuur en Wetenschap",
            "Sociale Zaken en Werkgelegenheid", "Veiligheid en Justitie", "Verkeer en Waterstaat",
            "Volksgezondheid, Welzijn en Sport", "Volkshuisvesting en Ruimtelijke Ordening",
            "Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer");

    /** The abbreviations the Aanhangsel uses in an answerer's parentheses. */
    static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("AZ", "Algemene Zaken"), Map.entry("BZ", "Buitenlandse Zaken"),
            Map.entry("BZK", "Binnenlandse Zaken en Koninkrijksrelaties"), Map.entry("DEF", "Defensie"),
            Map.entry("EZ", "Economische Zaken"), Map.entry("EZK", "Economische Zaken en Klimaat"),
            Map.entry("FIN", "Financiën"), Map.entry("IenW", "Infrastructuur en Waterstaat"),
            Map.entry("JenV", "Justitie en Veiligheid"), Map.entry("KGG", "Klimaat en Groene Groei"),
            Map.entry("LNV", "Landbouw, Natuur en Voedselkwaliteit"),
            Map.entry("LVVN", "Landbouw, Visserij, Voedselzekerheid en Natuur"),
            Map.entry("OCW", "Onderwijs, Cultuur en Wetenschap"), Map.entry("SZW", "Sociale Zaken en Werkgelegenheid"),
            Map.entry("VWS", "Volksgezondheid, Welzijn en Sport"), Map.entry("AenM", "Asiel en Migratie"),
            Map.entry("VRO", "Volkshuisvesting en Ruimtelijke Ordening"));

    private static final String ROLE = "(?:Minister-President|Ministers?|Staatssecretariss?e?n?|Staatssecretaris)";
    private static final Pattern GROUP_SPLIT = Pattern.compile(
            "\\s*,?\\s+en\\s+(?=(?:de|het)\\s+" + ROLE + "\\b)", Pattern.CASE_INSENSITIVE);
    private static final Pattern GROUP = Pattern.compile(
            "^(?:de\\s+|het\\s+)?(" + ROLE + ")\\b\\s*(.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NAME_SPLIT = Pattern.compile(
            "\\s*,?\\s+en\\s+(?=(?:van|voor)\\s)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PREPOSITION = Pattern.compile(
            "^(van|voor)\\s+(.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private Offices() {
    }

    /**
     * The offices a list names, in order: "de Staatssecretaris en de Minister van Volksgezondheid, Welzijn en
     * Sport" gives both offices of that ministry; "de Ministers van A en voor B" gives "minister van A" and
     * "minister voor B". A name written without "van" ("de Minister Justitie en Veiligheid") is read as "van".
     */
    public static List<Office> parseList(String text) {
        String t = Text.normalise(text).replaceAll("[.,;:]$", "");
        List<Office> result = new ArrayList<>();
        List<String> pendingRoles = new ArrayList<>();
        for (String group : GROUP_SPLIT.split(t)) {
            Matcher g = GROUP.matcher(group.strip());
            if (!g.matches()) {
                continue;
            }
            String role = singularRole(g.group(1));
            String rest = g.group(2).strip();
            if (rest.isEmpty()) {
                pendingRoles.add(role);
                continue;
            }
            boolean first = true;
            for (String part : NAME_SPLIT.split(rest)) {
                Office office = office(role, part);
                if (first) {
                    for (String pending : pendingRoles) {
                        result.add(new Office(pending, office.preposition(), office.name(), office.portfolio()));
                    }
                    pendingRoles.clear();
                    first = false;
                }
                result.add(office);
            }
        }
        return result;
    }

    /**
     * One office title: "minister van Buitenlandse Zaken", "staatssecretaris van Binnenlandse Zaken en
     * Koninkrijksrelaties, Herstel Groningen, Koninkrijksrelaties en Digitalisering" (the portfolio after the
     * ministry name).
     */
    public static Office parseTitle(String text) {
        Matcher g = GROUP.matcher(Text.normalise(text).replaceAll("[.,;:]$", ""));
        if (!g.matches()) {
            throw new IllegalArgumentException("not an office title: \"" + text + "\"");
        }
        return office(singularRole(g.group(1)), g.group(2));
    }

    /**
     * The office of a signer whose title the Aanhangsel gives in parentheses ("Minister Dijkgraaf (Onderwijs,
     * Cultuur en Wetenschap)", "(Financiën – Fiscaliteit en Belastingdienst)", "(BZ)"). An addressed office
     * with the same role and name tells whether it is "van" or "voor"; otherwise "van" is assumed only for a
     * known ministry name, "voor" for anything else.
     */
    public static Office signerOffice(String role, String parenthesised, List<Office> known) {
        String inner = Text.normalise(parenthesised);
        String portfolio = null;
        String[] dash = inner.split("\\s+[–—-]\\s+", 2);
        if (dash.length == 2) {
            inner = dash[0];
            portfolio = dash[1];
        }
        String name = canonicalMinistry(ABBREVIATIONS.getOrDefault(inner, inner));
        String r = singularRole(role);
        String finalName = name;
        String preposition = known.stream()
                .filter(o -> o.name().equalsIgnoreCase(finalName))
                .sorted(Comparator.comparing((Office o) -> !o.role().equals(r)))
                .map(Office::preposition)
                .findFirst()
                .orElse(isMinistry(name) ? "van" : "voor");
        return new Office(r, preposition, name, portfolio);
    }

    public static boolean isMinistry(String name) {
        return MINISTRIES.stream().anyMatch(m -> m.equalsIgnoreCase(name));
    }

    /**
     * The ministry's name as the list spells it when the text differs only in punctuation or spacing
     * ("Volksgezondheid Welzijn en Sport", a comma lost in extraction); otherwise the text unchanged.
     */
    public static String canonicalMinistry(String name) {
        return MINISTRY_BY_KEY.getOrDefault(comparable(name), name);
    }

    private static final java.util.regex.Pattern NON_LETTERS = java.util.regex.Pattern.compile("[^\\p{L}]+");

    /** Each ministry by its comparable form (the first in {@link #MINISTRIES} when two share one). */
    private static final java.util.Map<String, String> MINISTRY_BY_KEY = ministriesByKey();

    private static java.util.Map<String, String> ministriesByKey() {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (String ministry : MINISTRIES) {
            m.putIfAbsent(comparable(ministry), ministry);
        }
        return m;
    }

    private static String comparable(String s) {
        return NON_LETTERS.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    private static Office office(String role, String part) {
        String p = part.strip().replaceAll("[.,;:]$", "");
        String preposition = "van";
        Matcher m = PREPOSITION.matcher(p);
        if (m.matches()) {
            preposition = m.group(1);
            p = m.group(2).strip();
        }
        p = canonicalMinistry(p);
        String portfolio = null;
        if ("van".equalsIgnoreCase(preposition)) {
            String ministry = longestMinistryPrefix(p);
            if (ministry != null && p.length() > ministry.length()) {
                String after = p.substring(ministry.length()).replaceFirst("^\\s*[,–—-]\\s*", "").strip();
                if (!after.isEmpty()) {
                    portfolio = after;
                    p = ministry;
                }
            }
        }
        return new Office(role, preposition, p, portfolio);
    }

    private static String longestMinistryPrefix(String p) {
        String best = null;
        for (String m : MINISTRIES) {
            if (p.regionMatches(true, 0, m, 0, m.length())
                    && (p.length() == m.length() || !Character.isLetter(p.charAt(m.length())))
                    && (best == null || m.length() > best.length())) {
                best = m;
            }
        }
        return best;
    }

    private static String singularRole(String role) {
        String r = role.toLowerCase(Locale.ROOT);
        if (r.startsWith("minister-president")) {
            return "minister-president";
        }
        return r.startsWith("staatssecretaris") ? "staatssecretaris" : "minister";
    }
}
