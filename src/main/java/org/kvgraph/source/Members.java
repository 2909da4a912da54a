package org.kvgraph.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kvgraph.model.Person;
import org.kvgraph.text.Text;

/**
 * Members of parliament as documents list them: "Bontenbal (CDA), Krul (CDA) en Boswijk (CDA)",
 * "Van Eijk en Aartsen (beiden VVD)", "Inge van Dijk (CDA)". A name before the family name is kept as given
 * name only when it is capitalised and followed by more name ("Inge van Dijk"); particles stay with the
 * family name.
 */
public final class Members {
    private static final Pattern MEMBER = Pattern.compile(
            "([\\p{Lu}][\\p{L}'.\\- ]*?)\\s*\\(\\s*(?:beiden\\s+|allen\\s+)?([^()]+?)\\s*\\)");
    private static final Pattern PARTICLE = Pattern.compile(
            "(?i)^(van|de|der|den|ter|ten|te|het|in|'t|op|la|le|du|d')$");

    private Members() {
    }

    /** The members a list names, each with the party in the parentheses that follow them (or their group). */
    public static List<Person> parse(String text) {
        String t = Text.normalise(text);
        List<Person> result = new ArrayList<>();
        Matcher m = MEMBER.matcher(t);
        while (m.find()) {
            String party = m.group(2).strip();
            String names = m.group(1).strip();
            // "Van Eijk en Aartsen (beiden VVD)": several names share one party.
            for (String name : names.split("\\s*(?:,|\\ben\\b)\\s*")) {
                String n = name.replaceAll("^(?:en|het lid|de leden|leden|lid)\\s+", "").strip();
                if (!n.isEmpty()) {
                    result.add(person(n, party));
                }
            }
        }
        return result;
    }

    /** One name: "Bontenbal", "Van der Wal-Zeggelink", "Inge van Dijk", "Caspar Veldkamp". */
    public static Person person(String name, String party) {
        String[] tokens = Text.normalise(name).split(" ");
        if (tokens.length >= 2 && Character.isUpperCase(tokens[0].charAt(0))
                && !PARTICLE.matcher(tokens[0]).matches() && !tokens[0].endsWith(".")) {
            String family = String.join(" ", java.util.Arrays.copyOfRange(tokens, 1, tokens.length));
            return new Person(family, tokens[0], null, party);
        }
        if (tokens.length >= 2 && tokens[0].endsWith(".")) {
            // Initials: "R.M. Leijten".
            String family = String.join(" ", java.util.Arrays.copyOfRange(tokens, 1, tokens.length));
            return new Person(family, null, tokens[0], party);
        }
        return new Person(String.join(" ", tokens), null, null, party);
    }

    /**
     * Splits a line of names printed side by side ("Caspar Veldkamp Eddie van Marum") into {@code count}
     * names: a new name starts at a capitalised word that is not a particle, after a name of at least two
     * words that does not end in a particle. Returns an empty list when the line cannot be split so.
     */
    public static List<String> splitSideBySide(String line, int count) {
        String[] tokens = Text.normalise(line).split(" ");
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < tokens.length && names.size() < count - 1; i++) {
            boolean startsName = Character.isUpperCase(tokens[i].charAt(0)) && !PARTICLE.matcher(tokens[i]).matches();
            boolean previousComplete = i - start >= 2 && !PARTICLE.matcher(tokens[i - 1]).matches();
            boolean restEnough = tokens.length - i >= 2 * (count - names.size() - 1);
            if (startsName && previousComplete && restEnough) {
                names.add(String.join(" ", java.util.Arrays.copyOfRange(tokens, start, i)));
                start = i;
            }
        }
        names.add(String.join(" ", java.util.Arrays.copyOfRange(tokens, start, tokens.length)));
        return names.size() == count ? names : List.of();
    }
}
