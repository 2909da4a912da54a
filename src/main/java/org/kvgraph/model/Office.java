package org.kvgraph.model;

/**
 * A government office: {@code role} is "minister" or "staatssecretaris" (lower case), {@code preposition}
 * "van" (the office heads or sits in that ministry: "minister van Financiën") or "voor" (a minister for a
 * policy area: "minister voor Natuur en Stikstof"), {@code name} the ministry or area as printed, and
 * {@code portfolio} the part of the ministry a state secretary holds ("Herstel Groningen, Koninkrijksrelaties
 * en Digitalisering"), when the document says so.
 */
public record Office(String role, String preposition, String name, String portfolio) {
    public Office {
        role = role.toLowerCase(java.util.Locale.ROOT);
        preposition = preposition.toLowerCase(java.util.Locale.ROOT);
    }

    /** "minister van Buitenlandse Zaken". */
    public String label() {
        return role + " " + preposition + " " + name;
    }

    /** The ministry this office belongs to, when the title names it ("van …"); null for "voor …". */
    public String ministryName() {
        return "van".equals(preposition) ? name : null;
    }
}
