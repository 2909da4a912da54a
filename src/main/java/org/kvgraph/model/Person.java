package org.kvgraph.model;

/**
 * A person as a document names them. {@code familyName} is printed as in the document, particles and
 * diacritics kept ("Van der Wal-Zeggelink", "Kostić"); {@code givenName} and {@code initials} only when the
 * document gives them; {@code party} is the party abbreviation printed beside a member's name (null for
 * members of government). {@code tkId} is the Tweede Kamer's Persoon.Id (a GUID) when a source gives it
 * (ZaakActor.Persoon_Id), else null.
 */
public record Person(String familyName, String givenName, String initials, String party, String tkId) {
    public Person {
        if (familyName == null || familyName.isBlank()) {
            throw new IllegalArgumentException("a person needs a family name");
        }
    }

    /** A person as a document names them, without a Tweede Kamer id. */
    public Person(String familyName, String givenName, String initials, String party) {
        this(familyName, givenName, initials, party, null);
    }

    /** This person known by their Tweede Kamer Persoon.Id. */
    public Person withTkId(String id) {
        return new Person(familyName, givenName, initials, party, id);
    }

    public static Person member(String familyName, String party) {
        return new Person(familyName, null, null, party);
    }

    /** The name as it would be written in full: given name (or initials) and family name. */
    public String fullName() {
        String first = givenName != null ? givenName : initials;
        return first == null ? familyName : first + " " + familyName;
    }
}
