package org.kvgraph.link;

import java.util.List;
import java.util.Optional;

/** The data sets kvgraph links to, each known by the URI space of its resources or pages. */
public enum LinkTarget {
    WIKIDATA("wikidata", "https://www.wikidata.org/", LinkVocab.WD),
    TWEEDE_KAMER("tweedekamer", "https://opendata.tweedekamer.nl/", LinkVocab.TK_ODATA),
    PARLEMENT_COM("parlement.com", "https://www.parlement.com/", LinkVocab.PARLEMENT_COM),
    OFFICIELE_BEKENDMAKINGEN("officielebekendmakingen", "https://zoek.officielebekendmakingen.nl/", LinkVocab.OB),
    WETTEN("wetten.overheid.nl", "https://wetten.overheid.nl/", LinkVocab.WETTEN),
    TOOI("tooi", "https://identifier.overheid.nl/tooi/", "https://identifier.overheid.nl/tooi/id/");

    private final String label;
    private final String dataset;
    private final String uriSpace;

    LinkTarget(String label, String dataset, String uriSpace) {
        this.label = label;
        this.dataset = dataset;
        this.uriSpace = uriSpace;
    }

    /** A short name, used in reports and in link set URIs. */
    public String label() {
        return label;
    }

    /** The URI standing for the data set in VoID descriptions. */
    public String dataset() {
        return dataset;
    }

    /** The namespace the linked URIs start with. */
    public String uriSpace() {
        return uriSpace;
    }

    public static Optional<LinkTarget> of(String uri) {
        return List.of(values()).stream().filter(t -> uri.startsWith(t.uriSpace)).findFirst();
    }
}
