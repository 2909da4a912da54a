package org.kvgraph.link;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.kvgraph.rdf.KV;

/**
 * The terms and external namespaces the link sets use. Kept here, beside the linker, until they move to
 * {@code KV} and the ontology (the {@code kv:} terms below are not yet declared in {@code ontology/}).
 */
public final class LinkVocab {
    public static final String VOID = "http://rdfs.org/ns/void#";
    public static final String WD = "http://www.wikidata.org/entity/";
    public static final String OB = "https://zoek.officielebekendmakingen.nl/";
    public static final String WETTEN = "https://wetten.overheid.nl/";
    public static final String TOOI_MINISTERIE = "https://identifier.overheid.nl/tooi/id/ministerie/";
    public static final String TK_ODATA = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/";
    public static final String PARLEMENT_COM = "https://www.parlement.com/id/";

    // Link predicates
    public static final Node exactMatch = uri(KV.SKOS + "exactMatch");
    public static final Node closeMatch = uri(KV.SKOS + "closeMatch");
    public static final Node seeAlso = KV.seeAlso;

    // Publications and their manifestations
    public static final Node CreativeWork = uri(KV.SCHEMA + "CreativeWork");
    public static final Node MediaObject = uri(KV.SCHEMA + "MediaObject");
    public static final Node identifier = uri(KV.SCHEMA + "identifier");
    public static final Node encoding = uri(KV.SCHEMA + "encoding");
    public static final Node encodingFormat = uri(KV.SCHEMA + "encodingFormat");
    public static final Node contentUrl = uri(KV.SCHEMA + "contentUrl");

    // Evidence of a link found by a query (to be declared in the ontology)
    public static final Node LinkEvidence = uri(KV.NS + "LinkEvidence");
    public static final Node linkMethod = uri(KV.NS + "linkMethod");
    public static final Node sparqlQuery = uri(KV.NS + "sparqlQuery");
    public static final Node endpoint = uri(KV.NS + "endpoint");
    public static final Node rdfSubject = uri(KV.RDF + "subject");
    public static final Node rdfPredicate = uri(KV.RDF + "predicate");
    public static final Node rdfObject = uri(KV.RDF + "object");

    // VoID
    public static final Node Dataset = uri(VOID + "Dataset");
    public static final Node Linkset = uri(VOID + "Linkset");
    public static final Node subjectsTarget = uri(VOID + "subjectsTarget");
    public static final Node objectsTarget = uri(VOID + "objectsTarget");
    public static final Node linkPredicate = uri(VOID + "linkPredicate");
    public static final Node triples = uri(VOID + "triples");
    public static final Node uriSpace = uri(VOID + "uriSpace");
    public static final Node dctermsSource = uri(KV.DCTERMS + "source");
    public static final Node dctermsLicense = uri(KV.DCTERMS + "license");
    public static final Node dctermsDescription = uri(KV.DCTERMS + "description");

    private LinkVocab() {
    }

    static Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }
}
