package org.kvgraph.rdf;

import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The terms of the kvgraph ontology ({@code ontology/kvgraph.ttl}) and the external terms the converter
 * writes, as Jena nodes. A test checks that every {@code kv:} constant here is declared in the ontology.
 */
public final class KV {
    public static final String NS = "https://w3id.org/kvgraph/def#";
    public static final String DCTERMS = "http://purl.org/dc/terms/";
    public static final String FOAF = "http://xmlns.com/foaf/0.1/";
    public static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    public static final String ORG = "http://www.w3.org/ns/org#";
    public static final String SCHEMA = "https://schema.org/";
    public static final String PROV = "http://www.w3.org/ns/prov#";
    public static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public static final String RDFS = "http://www.w3.org/2000/01/rdf-schema#";
    public static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    public static final String TIME = "http://www.w3.org/2006/time#";

    // Classes
    public static final Node QuestionSet = kv("QuestionSet");
    public static final Node Question = kv("Question");
    public static final Node Answer = kv("Answer");
    public static final Node Response = kv("Response");
    public static final Node PostponementNotice = kv("PostponementNotice");
    public static final Node Party = kv("Party");
    public static final Node Ministry = kv("Ministry");
    public static final Node Office = kv("Office");
    public static final Node Treaty = kv("Treaty");
    public static final Node ParliamentaryPaper = kv("ParliamentaryPaper");
    public static final Node SourceDocument = kv("SourceDocument");

    // Properties
    public static final Node caseNumber = kv("caseNumber");
    public static final Node publicationId = kv("publicationId");
    public static final Node submittedOn = kv("submittedOn");
    public static final Node askedBy = kv("askedBy");
    public static final Node askerParty = kv("askerParty");
    public static final Node addressedTo = kv("addressedTo");
    public static final Node hasQuestion = kv("hasQuestion");
    public static final Node number = kv("number");
    public static final Node text = kv("text");
    public static final Node answers = kv("answers");
    public static final Node hasResponse = kv("hasResponse");
    public static final Node hasAnswer = kv("hasAnswer");
    public static final Node receivedOn = kv("receivedOn");
    public static final Node answeredBy = kv("answeredBy");
    public static final Node answeredAs = kv("answeredAs");
    public static final Node onBehalfOf = kv("onBehalfOf");
    public static final Node reference = kv("reference");
    public static final Node cites = kv("cites");
    public static final Node supplements = kv("supplements");
    public static final Node bwbId = kv("bwbId");
    public static final Node trbCitation = kv("trbCitation");
    public static final Node dossierNumber = kv("dossierNumber");
    public static final Node documentNumber = kv("documentNumber");
    public static final Node ministry = kv("ministry");
    public static final Node portfolio = kv("portfolio");
    public static final Node tkId = kv("tkId");

    // Derived at every build (org.kvgraph.timeliness): the answer term and the timeliness of a set
    public static final Node dueDate = kv("dueDate");
    public static final Node postponementCount = kv("postponementCount");
    public static final Node firstAnswerOn = kv("firstAnswerOn");
    public static final Node daysToAnswer = kv("daysToAnswer");
    /** Derived on each response: days from its set's submission to its receipt (issue 8, query 05). */
    public static final Node daysAfterSubmission = kv("daysAfterSubmission");
    public static final Node timelinessStatus = kv("timelinessStatus");
    public static final Node TimelinessStatuses = kv("TimelinessStatuses");
    public static final Node AnsweredOnTime = kv("AnsweredOnTime");
    public static final Node AnsweredWithinExtendedTerm = kv("AnsweredWithinExtendedTerm");
    public static final Node AnsweredLate = kv("AnsweredLate");
    public static final Node AnsweredDateUnknown = kv("AnsweredDateUnknown");
    public static final Node Open = kv("Open");
    public static final Node OpenOverdue = kv("OpenOverdue");
    public static final Node Withdrawn = kv("Withdrawn");

    // Statistics materialised at load (org.kvgraph.stats.Materialised): qb:DataSet individuals, dimensions, measures
    public static final Node setsPerPartyPerYear = kv("setsPerPartyPerYear");
    public static final Node questionsPerOffice = kv("questionsPerOffice");
    public static final Node daysToAnswerPerMinistry = kv("daysToAnswerPerMinistry");
    public static final Node citationsPerPaper = kv("citationsPerPaper");
    public static final Node citationsPerNewsOutlet = kv("citationsPerNewsOutlet");
    public static final Node citationsPerTreaty = kv("citationsPerTreaty");
    public static final Node instancesPerClass = kv("instancesPerClass");
    public static final Node aboutParty = kv("aboutParty");
    public static final Node aboutYear = kv("aboutYear");
    public static final Node aboutOffice = kv("aboutOffice");
    public static final Node aboutMinistry = kv("aboutMinistry");
    public static final Node aboutWork = kv("aboutWork");
    public static final Node aboutTreaty = kv("aboutTreaty");
    public static final Node aboutOutlet = kv("aboutOutlet");
    public static final Node aboutClass = kv("aboutClass");
    public static final Node setCount = kv("setCount");
    public static final Node questionCount = kv("questionCount");
    public static final Node answerCount = kv("answerCount");
    public static final Node articleCount = kv("articleCount");
    public static final Node instanceCount = kv("instanceCount");
    public static final Node daysTotal = kv("daysTotal");
    public static final Node daysMin = kv("daysMin");
    public static final Node daysMax = kv("daysMax");

    /** The predicates of the derived timeliness facts. */
    public static final List<Node> TIMELINESS = List.of(dueDate, postponementCount, firstAnswerOn, daysToAnswer,
            timelinessStatus, daysAfterSubmission);

    /** Every kv: term above, for the test that checks the ontology declares them all. */
    public static final List<Node> TERMS = List.of(
            QuestionSet, Question, Answer, Response, PostponementNotice, Party, Ministry, Office, Treaty,
            ParliamentaryPaper, SourceDocument, caseNumber, publicationId, submittedOn, askedBy, askerParty,
            addressedTo, hasQuestion, number, text, answers, hasResponse, hasAnswer, receivedOn, answeredBy,
            answeredAs, onBehalfOf, reference, cites, supplements, bwbId, trbCitation, dossierNumber,
            documentNumber, ministry, portfolio, tkId, dueDate, postponementCount, firstAnswerOn, daysToAnswer,
            daysAfterSubmission, timelinessStatus, TimelinessStatuses, AnsweredOnTime, AnsweredWithinExtendedTerm, AnsweredLate,
            AnsweredDateUnknown, Open, OpenOverdue, Withdrawn,
            setsPerPartyPerYear, questionsPerOffice, daysToAnswerPerMinistry, citationsPerPaper,
            citationsPerNewsOutlet, citationsPerTreaty, instancesPerClass, aboutParty, aboutYear, aboutOffice,
            aboutMinistry, aboutWork, aboutTreaty, aboutOutlet, aboutClass, setCount, questionCount, answerCount,
            articleCount, instanceCount, daysTotal, daysMin, daysMax);

    // External terms
    public static final Node type = uri(RDF + "type");
    public static final Node label = uri(RDFS + "label");
    public static final Node seeAlso = uri(RDFS + "seeAlso");
    public static final Node title = uri(DCTERMS + "title");
    public static final Node Person = uri(FOAF + "Person");
    public static final Node name = uri(FOAF + "name");
    public static final Node familyName = uri(FOAF + "familyName");
    public static final Node givenName = uri(FOAF + "givenName");
    public static final Node prefLabel = uri(SKOS + "prefLabel");
    public static final Node altLabel = uri(SKOS + "altLabel");
    public static final Node memberOf = uri(ORG + "memberOf");
    public static final Node Membership = uri(ORG + "Membership");
    public static final Node member = uri(ORG + "member");
    public static final Node organization = uri(ORG + "organization");
    public static final Node memberDuring = uri(ORG + "memberDuring");
    public static final Node Interval = uri(TIME + "Interval");
    public static final Node Instant = uri(TIME + "Instant");
    public static final Node hasBeginning = uri(TIME + "hasBeginning");
    public static final Node hasEnd = uri(TIME + "hasEnd");
    public static final Node inXSDDate = uri(TIME + "inXSDDate");
    public static final Node NewsArticle = uri(SCHEMA + "NewsArticle");
    public static final Node url = uri(SCHEMA + "url");
    public static final Node publisher = uri(SCHEMA + "publisher");
    public static final Node datePublished = uri(SCHEMA + "datePublished");
    public static final Node headline = uri(SCHEMA + "headline");
    public static final Node wasDerivedFrom = uri(PROV + "wasDerivedFrom");

    private KV() {
    }

    private static Node kv(String local) {
        return uri(NS + local);
    }

    private static Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }
}
