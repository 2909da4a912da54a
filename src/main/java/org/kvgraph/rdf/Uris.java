package org.kvgraph.rdf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.kvgraph.model.Citation;
import org.kvgraph.model.Office;
import org.kvgraph.model.Person;

/**
 * The one place URIs are minted. Every URI is a function of the base and of what the document says, so the
 * same input always gives the same URI: no counters, no random ids.
 *
 * <pre>{@code
 * Uris uris = new Uris("https://w3id.org/kvgraph/");
 * uris.questionSet("2025Z10267");   // https://w3id.org/kvgraph/id/question-set/2025Z10267
 * uris.question("2025Z10267", 3);   // …/id/question-set/2025Z10267/question/3
 * }</pre>
 */
public final class Uris {
    public static final String DEFAULT_BASE = "https://w3id.org/kvgraph/";

    /** The patterns of {@link #slug}, {@link #segment} and {@link #treaty}, compiled once (not on every call). */
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LOWER_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_DASHES = Pattern.compile("^-+|-+$");
    private static final Pattern NOT_SEGMENT = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final Pattern TRB_PREFIX = Pattern.compile("(?i)^trb\\.?\\s*");

    private final String base;

    public Uris(String base) {
        this.base = base.endsWith("/") ? base : base + "/";
    }

    public String base() {
        return base;
    }

    public Node questionSet(String key) {
        return uri("id/question-set/" + key);
    }

    public Node question(String setKey, int number) {
        return uri("id/question-set/" + setKey + "/question/" + number);
    }

    public Node answer(String setKey, int firstQuestion) {
        return uri("id/question-set/" + setKey + "/answer/" + firstQuestion);
    }

    /** A response of a set, by its publication id, else the ministry's reference, else "answer"/"notice". */
    public Node response(String setKey, String responseId) {
        return uri("id/question-set/" + setKey + "/response/" + segment(responseId));
    }

    /** A published answer cited by its publication id only ("ah-tk-20222023-844"). */
    public Node publication(String publicationId) {
        return uri("id/publication/" + segment(publicationId));
    }

    /**
     * A person: a member of parliament by family name and party ("bontenbal-cda"), a member of government,
     * whom the documents name without party, by family name alone ("van-marum"); anyone whose Tweede Kamer
     * Persoon.Id is known, by that id ("id/person/e6cc253d-14cb-437b-be88-4966f5fcb1f5").
     */
    public Node person(Person p) {
        if (p.tkId() != null) {
            return uri("id/person/" + segment(p.tkId().toLowerCase(Locale.ROOT)));
        }
        String slug = slug(p.familyName());
        return uri("id/person/" + (p.party() == null ? slug : slug + "-" + slug(p.party())));
    }

    /** A seat held in a party (FractieZetelPersoon), by its Tweede Kamer id. */
    public Node membership(String tkId) {
        return uri("id/membership/" + segment(tkId.toLowerCase(Locale.ROOT)));
    }

    /** The period of a membership ("…/period"), or a point of it ("…/period/begin"). */
    public Node membershipPeriod(String tkIdAndPoint) {
        String id = tkIdAndPoint.toLowerCase(Locale.ROOT);
        int slash = id.indexOf('/');
        return slash < 0 ? uri("id/membership/" + segment(id) + "/period")
                : uri("id/membership/" + segment(id.substring(0, slash)) + "/period/" + segment(id.substring(slash + 1)));
    }

    public Node party(String abbreviation) {
        return uri("id/party/" + slug(abbreviation));
    }

    public Node office(Office o) {
        String slug = slug(o.label());
        return uri("id/office/" + (o.portfolio() == null ? slug : slug + "--" + slug(o.portfolio())));
    }

    public Node ministry(String name) {
        return uri("id/ministry/" + slug(name));
    }

    /** A treaty by its BWB id when known, else its Tractatenblad citation, else its name. */
    public Node treaty(Citation.Treaty t) {
        if (t.bwbId() != null) {
            return uri("id/treaty/" + t.bwbId());
        }
        if (t.trbCitation() != null) {
            return uri("id/treaty/trb-" + slug(TRB_PREFIX.matcher(t.trbCitation()).replaceFirst("")));
        }
        return uri("id/treaty/" + slug(t.name()));
    }

    /** A Kamerstuk as officielebekendmakingen names it: "kst-29383-406". */
    public Node paper(Citation.ParliamentaryPaper p) {
        return uri("id/paper/kst-" + segment(p.dossier()) + "-" + segment(p.number()));
    }

    /** A news article by a digest of its URL (or of publisher, date and headline when it has none). */
    public Node article(Citation.NewsArticle a) {
        String key = a.url() != null ? a.url() : a.publisher() + "|" + a.datePublished() + "|" + a.headline();
        return uri("id/article/" + digest(key));
    }

    /** The source document a record came from, by its file name. */
    public Node source(String fileName) {
        return uri("id/source/" + segment(fileName));
    }

    /** The named graph holding what one source document says. */
    public Node graph(String fileName) {
        return uri("graph/" + segment(fileName));
    }

    /** The record of the evidence for one link found by asking another data set, keyed by the link itself. */
    public Node linkEvidence(String link) {
        return uri("id/link-evidence/" + digest(link));
    }

    /** A link set of the dataset description ("wikidata-exactMatch"). */
    public Node linkset(String key) {
        return datasetPart("linkset/" + segment(key));
    }

    /** The data set itself, as its VoID and DCAT description names it. */
    public Node dataset() {
        return uri("dataset");
    }

    /** A part of the data set's description: a distribution, a partition, the publisher ("distribution/kvgraph.nt.gz"). */
    public Node datasetPart(String path) {
        return uri("dataset/" + path);
    }

    /** Where a release file is downloaded from: the base's download/ folder ({@code /download/} when served). */
    public Node download(String fileName) {
        return uri("download/" + segment(fileName));
    }

    /** The SPARQL endpoint of the data, the base's path mapped onto the server ({@code /kamervragen/sparql}). */
    public Node sparqlEndpoint() {
        return uri("kamervragen/sparql");
    }

    /** Lower case, accents dropped, anything but letters and digits a single "-". */
    public static String slug(String s) {
        String t = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        t = NOT_LOWER_ALNUM.matcher(t.toLowerCase(Locale.ROOT)).replaceAll("-");
        return EDGE_DASHES.matcher(t).replaceAll("");
    }

    /** A path segment: letters, digits, '-', '_' and '.' kept, anything else '-'. */
    private static String segment(String s) {
        return NOT_SEGMENT.matcher(s).replaceAll("-");
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Node uri(String path) {
        return NodeFactory.createURI(base + path);
    }
}
