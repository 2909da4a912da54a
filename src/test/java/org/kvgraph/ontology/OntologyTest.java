package org.kvgraph.ontology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.ErrorHandlerFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kvgraph.rdf.KV;

/** The ontology as shipped in the jar declares, labels and explains every term the converter and others use. */
class OntologyTest {
    private static final String ONTOLOGY = "https://w3id.org/kvgraph/def";
    // SKOS concepts and their scheme: the values of kv:timelinessStatus, declared and labelled like the rest.
    private static final Set<Resource> DECLARATIONS = Set.of(OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
            SKOS.Concept, SKOS.ConceptScheme,
            // the data sets of the statistics materialised at load (W3C Data Cube)
            ResourceFactory.createResource("http://purl.org/linked-data/cube#DataSet"));
    private static Model model;

    /** The terms of design/ontology-core.md (copied: tests do not read ../shared). */
    private static final List<String> CORE = List.of(
            "kv:QuestionSet", "kv:Question", "kv:Answer", "kv:Response", "kv:PostponementNotice", "kv:Party",
            "kv:Ministry", "kv:Office", "kv:Treaty", "kv:ParliamentaryPaper", "foaf:Person", "schema:NewsArticle",
            "kv:caseNumber", "kv:publicationId", "dcterms:title", "kv:submittedOn", "kv:askedBy", "kv:askerParty",
            "kv:addressedTo", "kv:hasQuestion", "kv:number", "kv:text", "kv:answers", "kv:hasResponse",
            "kv:hasAnswer", "kv:receivedOn", "kv:answeredBy", "kv:answeredAs", "kv:reference", "kv:cites",
            "kv:supplements", "kv:bwbId", "kv:trbCitation", "kv:dossierNumber", "kv:documentNumber",
            "kv:ministry", "foaf:name", "foaf:familyName", "foaf:givenName", "skos:prefLabel", "skos:altLabel",
            "org:memberOf", "org:Membership", "org:memberDuring", "schema:url", "schema:publisher",
            "schema:datePublished", "schema:headline", "prov:wasDerivedFrom");

    @BeforeAll
    static void load() throws Exception {
        model = ModelFactory.createDefaultModel();
        try (InputStream in = OntologyTest.class.getResourceAsStream("/ontology/kvgraph.ttl")) {
            assertNotNull(in, "/ontology/kvgraph.ttl is not on the classpath (pom resources)");
            RDFParser.source(in).lang(Lang.TURTLE).errorHandler(ErrorHandlerFactory.errorHandlerStrictNoLogging)
                    .parse(model);
        }
    }

    static Stream<String> terms() {
        List<String> all = new ArrayList<>(CORE);
        for (Node n : KV.TERMS) {
            all.add("kv:" + n.getURI().substring(KV.NS.length()));
        }
        return all.stream().distinct();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terms")
    void termIsDeclaredLabelledAndExplained(String term) {
        Resource r = model.getResource(model.expandPrefix(term));
        List<Resource> types = r.listProperties(RDF.type).mapWith(Statement::getResource).toList();
        assertTrue(types.stream().anyMatch(DECLARATIONS::contains), term + " is not declared: " + types);
        for (String lang : List.of("nl", "en")) {
            assertEquals(1, literals(r, RDFS.label, lang).size(), term + " needs one rdfs:label @" + lang);
            assertEquals(1, literals(r, RDFS.comment, lang).size(), term + " needs one rdfs:comment @" + lang);
        }
        assertTrue(r.hasProperty(RDFS.isDefinedBy), term + " has no rdfs:isDefinedBy");
    }

    @Test
    void everyKvTermInTheOntologyIsKnownToTheCode() {
        Set<String> inCode = KV.TERMS.stream().map(Node::getURI).collect(Collectors.toSet());
        List<String> extra = model.listSubjects().toList().stream()
                .filter(Resource::isURIResource)
                .map(Resource::getURI)
                .filter(u -> u.startsWith(KV.NS) && !inCode.contains(u))
                .sorted().collect(Collectors.toList());
        assertEquals(List.of(), extra, "declared in the ontology but not in KV.TERMS");
    }

    @Test
    void ontologyHeader() {
        Resource o = model.getResource(ONTOLOGY);
        assertTrue(o.hasProperty(RDF.type, OWL.Ontology));
        assertEquals(2, literals(o, DCTerms.title, null).size(), "title in nl and en");
        assertEquals(2, literals(o, DCTerms.description, null).size(), "description in nl and en");
        assertTrue(o.hasProperty(OWL.versionInfo));
        assertTrue(o.hasProperty(DCTerms.license,
                model.getResource("https://creativecommons.org/publicdomain/zero/1.0/")));
        assertTrue(o.hasProperty(DCTerms.creator, "kvgraph"));
    }

    @Test
    void hierarchyAsTheCoreSays() {
        assertSubClass("kv:PostponementNotice", "kv:Response");
        assertSubClass("kv:Party", "org:Organization");
        assertSubClass("kv:Ministry", "org:Organization");
        assertSubClass("kv:Office", "org:Post");
        assertSubClass("kv:QuestionSet", "eli:Work");
        assertTrue(res("kv:answers").hasProperty(RDFS.subPropertyOf,
                res("eli-dl:answers_to")), "kv:answers ⊑ eli-dl:answers_to");
        assertTrue(res("kv:answers").hasProperty(RDFS.subPropertyOf,
                model.getResource("http://parliament.uk/ontologies/question-and-answer/answerTo")));
    }

    @Test
    void domainsAndRangesAsTheCoreSays() {
        String[][] expected = {
            {"kv:askedBy", "kv:QuestionSet", "foaf:Person"},
            {"kv:askerParty", "kv:QuestionSet", "kv:Party"},
            {"kv:addressedTo", "kv:QuestionSet", "kv:Office"},
            {"kv:hasQuestion", "kv:QuestionSet", "kv:Question"},
            {"kv:answers", "kv:Answer", "kv:Question"},
            {"kv:hasResponse", "kv:QuestionSet", "kv:Response"},
            {"kv:hasAnswer", "kv:Response", "kv:Answer"},
            {"kv:answeredBy", "kv:Response", "foaf:Person"},
            {"kv:answeredAs", "kv:Response", "kv:Office"},
            {"kv:supplements", "kv:QuestionSet", "kv:QuestionSet"},
            {"kv:ministry", "kv:Office", "kv:Ministry"},
            {"kv:number", "kv:Question", "xsd:integer"},
            {"kv:submittedOn", "kv:QuestionSet", "xsd:date"},
            {"kv:receivedOn", "kv:Response", "xsd:date"},
            {"kv:caseNumber", "kv:QuestionSet", "xsd:string"},
            {"kv:bwbId", "kv:Treaty", "xsd:string"},
        };
        for (String[] e : expected) {
            assertTrue(res(e[0]).hasProperty(RDFS.domain, res(e[1])), e[0] + " domain " + e[1]);
            assertTrue(res(e[0]).hasProperty(RDFS.range, res(e[2])), e[0] + " range " + e[2]);
        }
        assertTrue(res("kv:text").hasProperty(RDFS.range, RDF.langString));
    }

    private void assertSubClass(String sub, String sup) {
        assertTrue(res(sub).hasProperty(RDFS.subClassOf, res(sup)), sub + " ⊑ " + sup);
    }

    private Resource res(String curie) {
        String iri = model.expandPrefix(curie);
        assertTrue(!iri.equals(curie), "unknown prefix in " + curie);
        return model.getResource(iri);
    }

    private static List<Literal> literals(Resource r, org.apache.jena.rdf.model.Property p, String lang) {
        return r.listProperties(p).mapWith(Statement::getObject)
                .filterKeep(o -> o.isLiteral() && (lang == null || lang.equals(o.asLiteral().getLanguage())))
                .mapWith(o -> o.asLiteral()).toList();
    }
}
