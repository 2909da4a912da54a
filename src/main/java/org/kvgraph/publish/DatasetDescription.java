package org.kvgraph.publish;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.NodeFactoryExtra;
import org.kvgraph.link.LinkSets;
import org.kvgraph.link.LinkVocab;
import org.kvgraph.rdf.KV;
import org.kvgraph.rdf.Uris;

/**
 * The description of a release ({@code dataset.ttl}): VoID for what is in it (triples, distinct subjects,
 * class and property partitions, the link sets, the SPARQL endpoint, the dumps, the URI space, the
 * vocabularies used) and DCAT-AP-NL for finding and reusing it (titles and descriptions in Dutch and English,
 * publisher, contact point, licence, dates, temporal coverage, and each distribution with its download URL,
 * media type, byte size and SHA-256 checksum).
 *
 * <p>Every value comes from the data or from the files written, never from the clock: issued and modified are
 * the latest date the data mentions, and the version is that date with the start of the N-Triples dump's
 * SHA-256, so the same data always gives the same description and other data another version.
 */
final class DatasetDescription {
    static final String VOID = "http://rdfs.org/ns/void#";
    static final String DCAT = "http://www.w3.org/ns/dcat#";
    static final String SPDX = "http://spdx.org/rdf/terms#";
    static final String VCARD = "http://www.w3.org/2006/vcard/ns#";
    static final String OWL = "http://www.w3.org/2002/07/owl#";
    static final String EU = "http://publications.europa.eu/resource/authority/";
    static final String IANA = "http://www.iana.org/assignments/media-types/";
    /**
     * CC0 1.0 for the graph. The sources are official publications of the Staten-Generaal (Kamervragen and
     * their answers, the Aanhangsel van de Handelingen, as published on officielebekendmakingen.nl), which are
     * public and free to reuse; the identifiers taken from the openkamer registry (data/links/openkamer) come
     * under its MIT licence, whose notice the description repeats as a rights statement. Facts extracted from
     * public documents, with their sources named, are best released without conditions, as the Dutch
     * government's own open data policy asks (CC0 or public domain, "open tenzij").
     */
    static final String LICENCE = "http://creativecommons.org/publicdomain/zero/1.0/";

    static final Map<String, String> PREFIXES = Map.ofEntries(
            Map.entry("void", VOID), Map.entry("dcat", DCAT), Map.entry("dcterms", KV.DCTERMS),
            Map.entry("foaf", KV.FOAF), Map.entry("spdx", SPDX), Map.entry("xsd", KV.XSD),
            Map.entry("vcard", VCARD), Map.entry("owl", OWL), Map.entry("kv", KV.NS),
            Map.entry("skos", KV.SKOS), Map.entry("rdfs", KV.RDFS), Map.entry("schema", KV.SCHEMA),
            Map.entry("org", KV.ORG), Map.entry("prov", KV.PROV), Map.entry("rdf", KV.RDF));

    private final Uris uris;
    private final Graph g = GraphFactory.createDefaultGraph();

    /** Describes the sorted triples of a release whose dump files have these sizes and SHA-256 sums. */
    DatasetDescription(Uris uris, List<Triple> triples, Map<String, Long> sizes, Map<String, String> sums) {
        this(uris, Stats.of(triples, uris.base()), sizes, sums);
    }

    /** Describes a release with these statistics whose dump files have these sizes and SHA-256 sums. */
    DatasetDescription(Uris uris, Stats stats, Map<String, Long> sizes, Map<String, String> sums) {
        this.uris = uris;
        Node ds = uris.dataset();
        String[] dates = stats.dateRange();
        String version = (dates == null ? "undated" : dates[1]) + "+" + sums.get(Release.NTRIPLES).substring(0, 12);

        // VoID
        add(ds, KV.type, uri(VOID + "Dataset"));
        add(ds, KV.type, uri(DCAT + "Dataset"));
        add(ds, uri(VOID + "triples"), integer(stats.triples));
        add(ds, uri(VOID + "distinctSubjects"), integer(stats.subjects));
        add(ds, uri(VOID + "properties"), integer(stats.uses.size()));
        add(ds, uri(VOID + "sparqlEndpoint"), uris.sparqlEndpoint());
        add(ds, uri(VOID + "uriSpace"), NodeFactory.createLiteralString(uris.base() + "id/"));
        if (stats.example != null) {
            add(ds, uri(VOID + "exampleResource"), stats.example);
        }
        for (String f : List.of(Release.TURTLE, Release.NTRIPLES, Release.NQUADS)) {
            add(ds, uri(VOID + "dataDump"), uris.download(f));
        }
        partitions(ds, stats);
        stats.links.describe().find().forEachRemaining(g::add);

        // DCAT-AP-NL
        add(ds, title(), lang("Kamervragen en antwoorden als linked data", "nl"));
        add(ds, title(), lang("Dutch parliamentary written questions and answers as linked data", "en"));
        add(ds, uri(KV.DCTERMS + "description"), lang("Schriftelijke vragen van leden van de Tweede Kamer"
                + " (Kamervragen) en de antwoorden van de regering, als kennisgraaf: wie vroeg wat aan welke"
                + " bewindspersoon, wie antwoordde wanneer, en welke verdragen, Kamerstukken en berichten worden"
                + " aangehaald. Afgeleid uit de officiële publicaties van de Staten-Generaal.", "nl"));
        add(ds, uri(KV.DCTERMS + "description"), lang("Written questions by members of the Dutch House of"
                + " Representatives (Kamervragen) and the government's answers, as a knowledge graph: who asked"
                + " which minister what, who answered when, and which treaties, parliamentary papers and news"
                + " articles are cited. Derived from the official publications of the States General.", "en"));
        add(ds, uri(KV.DCTERMS + "identifier"), NodeFactory.createLiteralString(ds.getURI()));
        add(ds, uri(DCAT + "landingPage"), NodeFactory.createURI(uris.base()));
        Node publisher = uris.datasetPart("publisher");
        add(ds, uri(KV.DCTERMS + "publisher"), publisher);
        add(publisher, KV.type, uri(KV.FOAF + "Agent"));
        add(publisher, uri(KV.FOAF + "name"), lang("kvgraph-project", "nl"));
        add(publisher, uri(KV.FOAF + "name"), lang("the kvgraph project", "en"));
        Node contact = uris.datasetPart("contact");
        add(ds, uri(DCAT + "contactPoint"), contact);
        add(contact, KV.type, uri(VCARD + "Organization"));
        add(contact, uri(VCARD + "fn"), NodeFactory.createLiteralString("kvgraph"));
        add(contact, uri(VCARD + "hasURL"), NodeFactory.createURI(uris.base()));
        add(ds, uri(KV.DCTERMS + "license"), uri(LICENCE));
        add(ds, uri(KV.DCTERMS + "accessRights"), uri(EU + "access-right/PUBLIC"));
        add(ds, uri(KV.DCTERMS + "rights"), lang("De brondocumenten zijn openbare officiële publicaties van de"
                + " Staten-Generaal (officielebekendmakingen.nl). Identificatoren uit het openkamer-register"
                + " vallen onder de MIT-licentie (Copyright (c) openkamer). De graaf zelf: CC0 1.0.", "nl"));
        add(ds, uri(KV.DCTERMS + "rights"), lang("The source documents are public official publications of the"
                + " States General (officielebekendmakingen.nl). Identifiers from the openkamer registry come"
                + " under the MIT licence (Copyright (c) openkamer). The graph itself: CC0 1.0.", "en"));
        add(ds, uri(KV.DCTERMS + "source"), NodeFactory.createURI("https://zoek.officielebekendmakingen.nl/"));
        add(ds, uri(KV.DCTERMS + "source"), NodeFactory.createURI("https://www.tweedekamer.nl/kamerstukken/kamervragen"));
        add(ds, uri(KV.DCTERMS + "language"), uri(EU + "language/NLD"));
        add(ds, uri(DCAT + "theme"), uri(EU + "data-theme/GOVE"));
        add(ds, uri(KV.DCTERMS + "spatial"), uri(EU + "country/NLD"));
        for (String k : List.of("Kamervragen", "Tweede Kamer", "parlement", "linked data")) {
            add(ds, uri(DCAT + "keyword"), lang(k, "nl"));
        }
        add(ds, uri(KV.DCTERMS + "conformsTo"), uri("https://w3id.org/kvgraph/def"));
        add(ds, uri(DCAT + "version"), NodeFactory.createLiteralString(version));
        add(ds, uri(OWL + "versionInfo"), NodeFactory.createLiteralString(version));
        if (dates != null) {
            add(ds, uri(KV.DCTERMS + "issued"), date(dates[1]));
            add(ds, uri(KV.DCTERMS + "modified"), date(dates[1]));
            Node period = uris.datasetPart("temporal");
            add(ds, uri(KV.DCTERMS + "temporal"), period);
            add(period, KV.type, uri(KV.DCTERMS + "PeriodOfTime"));
            add(period, uri(DCAT + "startDate"), date(dates[0]));
            add(period, uri(DCAT + "endDate"), date(dates[1]));
        }
        distribution(ds, Release.TURTLE, "text/turtle", "RDF_TURTLE", "Turtle", sizes, sums, version);
        distribution(ds, Release.NTRIPLES, "application/n-triples", "RDF_N_TRIPLES", "N-Triples", sizes, sums, version);
        distribution(ds, Release.NQUADS, "application/n-quads", "RDF_N_QUADS", "N-Quads, met een benoemde graaf per brondocument",
                sizes, sums, version);
        Node api = uris.datasetPart("distribution/sparql");
        add(ds, uri(DCAT + "distribution"), api);
        add(api, KV.type, uri(DCAT + "Distribution"));
        add(api, uri(DCAT + "accessURL"), uris.sparqlEndpoint());
        add(api, title(), lang("SPARQL-endpoint", "nl"));
        add(api, uri(KV.DCTERMS + "license"), uri(LICENCE));
        add(api, uri(DCAT + "mediaType"), uri(IANA + "application/sparql-results+json"));
    }

    List<Triple> triples() {
        return g.find().toList();
    }

    private void distribution(Node ds, String file, String mediaType, String euType, String label,
                              Map<String, Long> sizes, Map<String, String> sums, String version) {
        Node d = uris.datasetPart("distribution/" + file);
        add(ds, uri(DCAT + "distribution"), d);
        add(d, KV.type, uri(DCAT + "Distribution"));
        add(d, title(), lang(label + " (gzip)", "nl"));
        add(d, uri(DCAT + "downloadURL"), uris.download(file));
        add(d, uri(DCAT + "accessURL"), uris.download(file));
        add(d, uri(DCAT + "mediaType"), uri(IANA + mediaType));
        add(d, uri(DCAT + "compressFormat"), uri(IANA + "application/gzip"));
        add(d, uri(KV.DCTERMS + "format"), uri(EU + "file-type/" + euType));
        add(d, uri(DCAT + "byteSize"), NodeFactory.createLiteralDT(Long.toString(sizes.get(file)),
                XSDDatatype.XSDnonNegativeInteger));
        add(d, uri(KV.DCTERMS + "license"), uri(LICENCE));
        add(d, uri(DCAT + "version"), NodeFactory.createLiteralString(version));
        Node sum = NodeFactory.createBlankNode("checksum-" + file.replace('.', '-'));
        add(d, uri(SPDX + "checksum"), sum);
        add(sum, KV.type, uri(SPDX + "Checksum"));
        add(sum, uri(SPDX + "algorithm"), uri(SPDX + "checksumAlgorithm_sha256"));
        add(sum, uri(SPDX + "checksumValue"), NodeFactory.createLiteralDT(sums.get(file), XSDDatatype.XSDhexBinary));
    }

    /** A class partition per class (with its entities) and a property partition per property (its triples). */
    private void partitions(Node ds, Stats stats) {
        add(ds, uri(VOID + "classes"), integer(stats.members.size()));
        stats.members.forEach((c, n) -> {
            Node part = uris.datasetPart("class/" + key(c.getURI()));
            add(ds, uri(VOID + "classPartition"), part);
            add(part, uri(VOID + "class"), c);
            add(part, uri(VOID + "entities"), integer(n));
        });
        stats.uses.forEach((p, n) -> {
            Node part = uris.datasetPart("property/" + key(p.getURI()));
            add(ds, uri(VOID + "propertyPartition"), part);
            add(part, uri(VOID + "property"), p);
            add(part, uri(VOID + "triples"), integer(n));
        });
        stats.vocabularies.forEach(v -> add(ds, uri(VOID + "vocabulary"), uri(v)));
    }

    /**
     * What the description counts, gathered from the distinct triples of a release in sorted order (one call
     * of {@link #add} each, with their N-Triples forms), in memory that grows with the number of classes,
     * properties and links only: triples, distinct subjects (a subject's triples are side by side), the uses
     * of each property, the entities of each class (distinct triples {@code s a C}), the vocabularies, the
     * first question set, the earliest and latest xsd:date, and the link triples (for {@link LinkSets}).
     */
    static final class Stats {
        private static final String DATE_SUFFIX = "\"^^<" + XSDDatatype.XSDdate.getURI() + ">";
        private static final String TYPE = SortedRdf.nt(KV.type);
        private static final String QUESTION_SET = SortedRdf.nt(KV.QuestionSet);
        private static final Set<Node> LINK_PREDICATES = Set.of(LinkVocab.exactMatch, LinkVocab.closeMatch,
                LinkVocab.seeAlso);

        long triples;
        long subjects;
        final Map<Node, Long> uses = new HashMap<>();
        final Map<Node, Long> members = new HashMap<>();
        final Set<String> vocabularies = new TreeSet<>();
        final LinkSets.Counter links;
        Node example;
        private String firstDate;
        private String lastDate;
        private String lastSubject;
        private final Map<String, Node> predicates = new HashMap<>();
        private final Map<String, Node> classes = new HashMap<>();

        /** Statistics of a release under this base, gathered one distinct triple at a time. */
        Stats(String base) {
            this.links = new LinkSets.Counter(base);
        }

        /** The statistics of sorted, distinct triples. */
        static Stats of(List<Triple> sorted, String base) {
            Stats s = new Stats(base);
            for (Triple t : sorted) {
                s.add(SortedRdf.nt(t.getSubject()), SortedRdf.nt(t.getPredicate()), SortedRdf.nt(t.getObject()));
            }
            return s;
        }

        /** The next distinct triple, in sorted order, by the N-Triples forms of its terms. */
        void add(String s, String p, String o) {
            triples++;
            if (!s.equals(lastSubject)) {
                subjects++;
                lastSubject = s;
            }
            Node pn = predicates.computeIfAbsent(p, Stats::parse);
            if (uses.merge(pn, 1L, Long::sum) == 1L) {
                vocabularies.add(namespace(pn.getURI()));
            }
            if (p.equals(TYPE) && o.startsWith("<")) {
                Node c = classes.computeIfAbsent(o, Stats::parse);
                if (members.merge(c, 1L, Long::sum) == 1L) {
                    vocabularies.add(namespace(c.getURI()));
                }
                if (example == null && o.equals(QUESTION_SET)) {
                    example = parse(s);
                }
            }
            if (o.startsWith("\"") && o.endsWith(DATE_SUFFIX)) {
                String d = o.substring(1, o.length() - DATE_SUFFIX.length());
                if (d.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    if (firstDate == null || d.compareTo(firstDate) < 0) {
                        firstDate = d;
                    }
                    if (lastDate == null || d.compareTo(lastDate) > 0) {
                        lastDate = d;
                    }
                }
            }
            if (LINK_PREDICATES.contains(pn)) {
                links.add(parse(s), pn, parse(o));
            }
        }

        /** The earliest and latest xsd:date in the data, or null when it has none. */
        String[] dateRange() {
            return firstDate == null ? null : new String[] {firstDate, lastDate};
        }

        private static Node parse(String nt) {
            return NodeFactoryExtra.parseNode(nt);
        }
    }

    /** A short key for a term: "kv-QuestionSet" when a prefix covers it, else its URI as a slug. */
    private static String key(String uri) {
        for (Map.Entry<String, String> e : new TreeMap<>(PREFIXES).entrySet()) {
            String rest = uri.substring(Math.min(uri.length(), e.getValue().length()));
            if (uri.startsWith(e.getValue()) && rest.matches("[A-Za-z0-9_-]+")) {
                return e.getKey() + "-" + rest;
            }
        }
        return Uris.slug(uri);
    }

    private static String namespace(String uri) {
        int i = Math.max(uri.lastIndexOf('#'), uri.lastIndexOf('/'));
        return uri.substring(0, i + 1);
    }

    private void add(Node s, Node p, Node o) {
        g.add(Triple.create(s, p, o));
    }

    private static Node title() {
        return KV.title;
    }

    private static Node uri(String u) {
        return NodeFactory.createURI(u);
    }

    private static Node lang(String s, String l) {
        return NodeFactory.createLiteralLang(s, l);
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }

    private static Node date(String d) {
        return NodeFactory.createLiteralDT(d, XSDDatatype.XSDdate);
    }
}
