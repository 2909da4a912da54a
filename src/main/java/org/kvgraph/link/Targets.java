package org.kvgraph.link;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * External URLs derived from identifiers, offline: each is a pure function of a well-formed identifier, and
 * an identifier that is not well formed gives no URL (a missing link is better than a wrong one).
 *
 * <pre>{@code
 * Targets.publication("kv-tk-2025Z10267");   // https://zoek.officielebekendmakingen.nl/kv-tk-2025Z10267
 * Targets.tractatenblad("Trb. 2007, 125");   // https://zoek.officielebekendmakingen.nl/trb-2007-125
 * }</pre>
 */
public final class Targets {
    /** officielebekendmakingen ids of the publications kvgraph meets: questions, answers, Kamerstukken, Trb. */
    private static final Pattern PUBLICATION_ID = Pattern.compile(
            "(kv-tk-\\d{4}Z\\d{5}|ah-tk-\\d{8}-\\d+|kst-\\d+(-[A-Z0-9]+)*-\\d+[a-z]?|trb-\\d{4}-\\d+)");
    private static final Pattern CASE_NUMBER = Pattern.compile("\\d{4}Z\\d{5}");
    private static final Pattern BWB_ID = Pattern.compile("BWB[RV]\\d{7}");
    private static final Pattern TRB = Pattern.compile("(?i)trb\\.?\\s*(\\d{4})\\s*,?\\s*(?:nr\\.?\\s*)?(\\d+)");
    private static final Pattern DOSSIER = Pattern.compile("\\d+(-[A-Z0-9]+)*");
    private static final Pattern DOC_NUMBER = Pattern.compile("\\d+[a-z]?");
    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern QID = Pattern.compile("Q[1-9]\\d*");
    private static final Pattern PARLEMENT_ID = Pattern.compile("[a-z0-9]{12}");

    /** A manifestation of a publication: its URL suffix and media type. */
    public record Manifestation(String suffix, String mediaType) {
    }

    /** The manifestations officielebekendmakingen serves for each publication. */
    public static final List<Manifestation> MANIFESTATIONS = List.of(
            new Manifestation(".html", "text/html"),
            new Manifestation(".pdf", "application/pdf"),
            new Manifestation(".xml", "application/xml"));

    private Targets() {
    }

    /** The publication on officielebekendmakingen ("kv-tk-…", "ah-tk-…", "kst-…", "trb-…"). */
    public static Optional<String> publication(String id) {
        return id != null && PUBLICATION_ID.matcher(id).matches() ? Optional.of(LinkVocab.OB + id) : Optional.empty();
    }

    /** "Trb. 2007, 125" → https://zoek.officielebekendmakingen.nl/trb-2007-125 */
    public static Optional<String> tractatenblad(String citation) {
        if (citation == null) {
            return Optional.empty();
        }
        Matcher m = TRB.matcher(citation.trim());
        return m.matches() ? publication("trb-" + m.group(1) + "-" + Integer.parseInt(m.group(2))) : Optional.empty();
    }

    /** Kamerstuk 29383, nr. 406 → https://zoek.officielebekendmakingen.nl/kst-29383-406 */
    public static Optional<String> kamerstuk(String dossier, String number) {
        if (dossier == null || number == null || !DOSSIER.matcher(dossier).matches()
                || !DOC_NUMBER.matcher(number).matches()) {
            return Optional.empty();
        }
        return publication("kst-" + dossier + "-" + number);
    }

    /** A treaty or law on wetten.overheid.nl by its BWB id. */
    public static Optional<String> wetten(String bwbId) {
        return bwbId != null && BWB_ID.matcher(bwbId).matches()
                ? Optional.of(LinkVocab.WETTEN + bwbId) : Optional.empty();
    }

    /** The Tweede Kamer case (Zaak) by its number, as an OData query on the open data portal. */
    public static Optional<String> tkCase(String caseNumber) {
        if (caseNumber == null || !CASE_NUMBER.matcher(caseNumber).matches()) {
            return Optional.empty();
        }
        String filter = URLEncoder.encode("Nummer eq '" + caseNumber + "'", StandardCharsets.UTF_8)
                .replace("+", "%20");
        return Optional.of(LinkVocab.TK_ODATA + "Zaak?$filter=" + filter);
    }

    /** An entity of the Tweede Kamer open data portal by its GUID ("Persoon", "Zaak", "Document" …). */
    public static Optional<String> tkEntity(String entitySet, String guid) {
        return guid != null && GUID.matcher(guid).matches()
                ? Optional.of(LinkVocab.TK_ODATA + entitySet + "(" + guid + ")") : Optional.empty();
    }

    public static Optional<String> wikidata(String qid) {
        return qid != null && QID.matcher(qid).matches() ? Optional.of(LinkVocab.WD + qid) : Optional.empty();
    }

    /** A person's page on Parlement.com by its id ("vjs9iul0rxj3"), as Wikidata's P1749 formats it. */
    public static Optional<String> parlementCom(String id) {
        return id != null && PARLEMENT_ID.matcher(id).matches()
                ? Optional.of(LinkVocab.PARLEMENT_COM + id + "/") : Optional.empty();
    }
}
