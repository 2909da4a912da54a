package org.kvgraph.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kvgraph.convert.Converter;
import org.kvgraph.rdf.KV;
import org.kvgraph.rdf.Uris;

class IdentifierLinksTest {
    static final Path SEED = Path.of("data/seed/000_4eec038f78b129de.txt");
    static final String ID = Uris.DEFAULT_BASE + "id/";
    static final String OB = "https://zoek.officielebekendmakingen.nl/";
    static final Node SEE_ALSO = KV.seeAlso;
    static final Node EXACT = LinkVocab.exactMatch;

    static Graph seed;

    @BeforeAll
    static void convertSeed() {
        seed = linked(SEED);
    }

    static Graph linked(Path... inputs) {
        Graph g = GraphFactory.createDefaultGraph();
        StreamRDF out = IdentifierLinks.wrap(StreamRDFLib.graph(g));
        out.start();
        assertEquals(List.of(), new Converter(new Uris(Uris.DEFAULT_BASE), false).convert(List.of(inputs), out, false));
        out.finish();
        return g;
    }

    /** Links made from a hand-built stream: the triples of one subject, then the wrapper's additions. */
    static Graph linked(Triple... triples) {
        Graph g = GraphFactory.createDefaultGraph();
        StreamRDF out = IdentifierLinks.wrap(StreamRDFLib.graph(g));
        out.start();
        for (Triple t : triples) {
            out.triple(t);
        }
        out.finish();
        return g;
    }

    static Node uri(String u) {
        return NodeFactory.createURI(u);
    }

    static Node str(String s) {
        return NodeFactory.createLiteralString(s);
    }

    static Set<String> objects(Graph g, String subject, Node p) {
        Set<String> out = new TreeSet<>();
        g.find(uri(subject), p, Node.ANY).forEach(t -> out.add(t.getObject().toString()));
        return out;
    }

    @Test
    void theSeedSetLinksToItsPublicationAndTheTweedeKamerCase() {
        assertEquals(Set.of(OB + "kv-tk-2025Z10267",
                        "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Zaak?$filter=Nummer%20eq%20%272025Z10267%27"),
                objects(seed, ID + "question-set/2025Z10267", SEE_ALSO));
    }

    @Test
    void aPublicationHasItsManifestationsAsEncodingsNotAsTheSameThing() {
        String pub = OB + "kv-tk-2025Z10267";
        assertEquals(Set.of(pub + ".html", pub + ".pdf", pub + ".xml"), objects(seed, pub, LinkVocab.encoding));
        assertEquals(Set.of("\"application/pdf\""), objects(seed, pub + ".pdf", LinkVocab.encodingFormat));
        assertEquals(Set.of("\"text/html\""), objects(seed, pub + ".html", LinkVocab.encodingFormat));
        assertFalse(seed.find(Node.ANY, uri("http://www.w3.org/2002/07/owl#sameAs"), Node.ANY).hasNext());
        assertFalse(seed.contains(uri(ID + "question-set/2025Z10267"), EXACT, uri(pub)));
    }

    @Test
    void theSeedTreatyLinksToWettenAndTheTractatenblad() {
        assertEquals(Set.of("https://wetten.overheid.nl/BWBV0002899", OB + "trb-2007-125"),
                objects(seed, ID + "treaty/BWBV0002899", SEE_ALSO));
        // The treaty cited by name only has no identifier, so no link.
        assertEquals(Set.of(), objects(seed,
                ID + "treaty/verdrag-betreffende-de-privileges-en-immuniteiten-van-het-internationaal-strafhof", SEE_ALSO));
    }

    @Test
    void theSeedMinistriesLinkToTheirTooiUris() {
        assertEquals(Set.of("https://identifier.overheid.nl/tooi/id/ministerie/mnre1013"),
                objects(seed, ID + "ministry/buitenlandse-zaken", EXACT));
        assertEquals(Set.of("https://identifier.overheid.nl/tooi/id/ministerie/mnre1034"),
                objects(seed, ID + "ministry/binnenlandse-zaken-en-koninkrijksrelaties", EXACT));
    }

    @Test
    void partiesLinkToTheRegistrysWikidataItemOnlyOnAnExactLabel() {
        assertEquals(Set.of("http://www.wikidata.org/entity/Q273749"), objects(seed, ID + "party/cda", LinkVocab.closeMatch));
        assertEquals(Set.of("http://www.wikidata.org/entity/Q849580"), objects(seed, ID + "party/sp", LinkVocab.closeMatch));
        assertEquals(Set.of("http://www.wikidata.org/entity/Q663535"), objects(seed, ID + "party/pvdd", LinkVocab.closeMatch));
        // GroenLinks-PvdA is neither GroenLinks nor the PvdA, and the registry (2019) does not know it.
        assertEquals(Set.of(), objects(seed, ID + "party/groenlinks-pvda", LinkVocab.closeMatch));
    }

    @Test
    void aMemberIsLinkedWhenNamePartyAndDateIdentifyOneRegistryPerson() {
        String teunissen = ID + "person/teunissen-pvdd";
        assertEquals(Set.of("http://www.wikidata.org/entity/Q19988346"), objects(seed, teunissen, EXACT));
        assertEquals(Set.of("https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Persoon(7564c685-2691-4796-9159-ebd5df4fdc8d)",
                "https://www.parlement.com/id/vjs9iul0rxj3/"), objects(seed, teunissen, SEE_ALSO));
        // Members who came after the registry (2019) and both members of government stay unlinked.
        for (String p : List.of("bontenbal-cda", "boswijk-cda", "krul-cda", "dobbe-sp", "piri-groenlinks-pvda",
                "van-marum", "veldkamp")) {
            assertEquals(Set.of(), objects(seed, ID + "person/" + p, EXACT), p);
        }
    }

    @Test
    void aSameNamedMemberOfAnotherPartyOrOutsideTheRegistryPeriodIsNotLinked() {
        Node set = uri(ID + "question-set/2025Z00001");
        Node person = uri(ID + "person/teunissen-sp");
        Node party = uri(ID + "party/sp");
        Graph g = linked(
                Triple.create(party, KV.type, KV.Party),
                Triple.create(party, KV.prefLabel, NodeFactory.createLiteralLang("SP", "nl")),
                Triple.create(person, KV.type, KV.Person),
                Triple.create(person, KV.familyName, str("Teunissen")),
                Triple.create(person, KV.memberOf, party),
                Triple.create(set, KV.type, KV.QuestionSet),
                Triple.create(set, KV.askedBy, person),
                Triple.create(set, KV.submittedOn, NodeFactory.createLiteralDT("2025-01-01",
                        org.apache.jena.datatypes.xsd.XSDDatatype.XSDdate)));
        assertFalse(g.find(person, EXACT, Node.ANY).hasNext());

        Node early = uri(ID + "person/teunissen-pvdd");
        Node pvdd = uri(ID + "party/pvdd");
        Graph before = linked(
                Triple.create(pvdd, KV.type, KV.Party),
                Triple.create(pvdd, KV.prefLabel, NodeFactory.createLiteralLang("PvdD", "nl")),
                Triple.create(early, KV.type, KV.Person),
                Triple.create(early, KV.familyName, str("Teunissen")),
                Triple.create(early, KV.memberOf, pvdd),
                Triple.create(set, KV.type, KV.QuestionSet),
                Triple.create(set, KV.askedBy, early),
                Triple.create(set, KV.submittedOn, NodeFactory.createLiteralDT("2015-01-01",
                        org.apache.jena.datatypes.xsd.XSDDatatype.XSDdate)));
        assertFalse(before.find(early, EXACT, Node.ANY).hasNext(), "2015 is before her registry membership (2018)");
        assertTrue(before.find(pvdd, LinkVocab.closeMatch, Node.ANY).hasNext());
    }

    @Test
    void aResponseWithAnAanhangselIdLinksToItsPublication() {
        Node response = uri(ID + "question-set/2023Z09999/response/ah-tk-20222023-3649");
        Node cited = uri(ID + "publication/ah-tk-20222023-844");
        Graph g = linked(
                Triple.create(cited, KV.type, KV.Response),
                Triple.create(cited, KV.publicationId, str("ah-tk-20222023-844")),
                Triple.create(response, KV.type, KV.Response),
                Triple.create(response, KV.publicationId, str("ah-tk-20222023-3649")));
        assertEquals(Set.of(OB + "ah-tk-20222023-3649"), objects(g, response.getURI(), SEE_ALSO));
        assertEquals(Set.of(OB + "ah-tk-20222023-844"), objects(g, cited.getURI(), SEE_ALSO));
        assertEquals(3, objects(g, OB + "ah-tk-20222023-3649", LinkVocab.encoding).size());
    }

    @Test
    void aKamerstukLinksToItsPublicationWithDossierSuffixesKept() {
        Node paper = uri(ID + "paper/kst-29383-406");
        Node budget = uri(ID + "paper/kst-36410-XIV-12");
        Graph g = linked(
                Triple.create(paper, KV.type, KV.ParliamentaryPaper),
                Triple.create(paper, KV.documentNumber, str("406")),
                Triple.create(paper, KV.dossierNumber, str("29383")),
                Triple.create(budget, KV.type, KV.ParliamentaryPaper),
                Triple.create(budget, KV.documentNumber, str("12")),
                Triple.create(budget, KV.dossierNumber, str("36410-XIV")));
        assertEquals(Set.of(OB + "kst-29383-406"), objects(g, paper.getURI(), SEE_ALSO));
        assertEquals(Set.of(OB + "kst-36410-XIV-12"), objects(g, budget.getURI(), SEE_ALSO));
    }

    @Test
    void theAanhangselSamplesLinkToTheirPublicationsAndTheirKamerstukkenToKst() {
        Graph g = linked(Path.of("data/aanhangsel/ah-tk-20222023-3649.txt"), Path.of("data/aanhangsel/ah-tk-20232024-302.txt"));
        for (String ah : List.of("ah-tk-20222023-3649", "ah-tk-20232024-302")) {
            Set<String> fromResponse = objects(g, ID + "question-set/" + ah + "/response/" + ah, SEE_ALSO);
            fromResponse.removeIf(u -> u.startsWith(ID));  // the mapper's own "zie ook" citations
            assertEquals(Set.of(OB + ah), fromResponse);
            assertEquals(Set.of(OB + ah), objects(g, ID + "question-set/" + ah, SEE_ALSO), "the Aanhangsel prints the questions too");
        }
        assertEquals(Set.of(OB + "kst-29383-384"), objects(g, ID + "paper/kst-29383-384", SEE_ALSO));
        assertEquals(Set.of(OB + "kst-29383-406"), objects(g, ID + "paper/kst-29383-406", SEE_ALSO));
        assertEquals(Set.of(OB + "kst-25424-650"), objects(g, ID + "paper/kst-25424-650", SEE_ALSO));
        assertEquals(Set.of(OB + "ah-tk-20222023-844"), objects(g, ID + "publication/ah-tk-20222023-844", SEE_ALSO));
    }

    @Test
    void malformedIdentifiersGiveNoLink() {
        Node s = uri(ID + "treaty/x");
        Graph g = linked(
                Triple.create(s, KV.type, KV.Treaty),
                Triple.create(s, KV.bwbId, str("BWBV000289")),
                Triple.create(s, KV.trbCitation, str("Trb. ergens")),
                Triple.create(s, KV.publicationId, str("kv-tk-2025Z1026 7")));
        assertEquals(Set.of(), objects(g, s.getURI(), SEE_ALSO));
    }

    @Test
    void withNamedGraphsTheLinksGoIntoTheGraphOfTheirSource() {
        var ds = org.apache.jena.sparql.core.DatasetGraphFactory.create();
        StreamRDF out = IdentifierLinks.wrap(StreamRDFLib.dataset(ds));
        out.start();
        new Converter(new Uris(Uris.DEFAULT_BASE), false).convert(List.of(SEED), out, true);
        out.finish();
        Node graph = uri(Uris.DEFAULT_BASE + "graph/000_4eec038f78b129de.txt");
        assertTrue(ds.contains(graph, uri(ID + "question-set/2025Z10267"), SEE_ALSO, uri(OB + "kv-tk-2025Z10267")));
        assertTrue(ds.contains(graph, uri(ID + "person/teunissen-pvdd"), EXACT, uri("http://www.wikidata.org/entity/Q19988346")));
        assertTrue(ds.getDefaultGraph().isEmpty());
    }

    @Test
    void theSameInputGivesTheSameOutputBytes() {
        assertEquals(nt(linked(SEED)), nt(linked(SEED)));
    }

    @Test
    void withoutTheWrapperTheConverterOutputIsUnchanged() {
        Model plain = org.kvgraph.TestGraphs.convert(SEED);
        Model withLinks = ModelFactory.createModelForGraph(seed);
        assertTrue(withLinks.containsAll(plain));
        assertTrue(withLinks.size() > plain.size());
    }

    @Test
    void aPublicationIsDescribedOncePerGraphAndLinkedEveryTime() {
        Node a = uri(ID + "question-set/2023Z09999/response/ah-tk-20222023-3649");
        Node b = uri(ID + "question-set/2023Z09998/response/ah-tk-20222023-3649");
        Node g1 = uri(Uris.DEFAULT_BASE + "graph/a.txt");
        Node g2 = uri(Uris.DEFAULT_BASE + "graph/b.txt");
        List<org.apache.jena.sparql.core.Quad> sent = new java.util.ArrayList<>();
        StreamRDF out = IdentifierLinks.wrap(new org.apache.jena.riot.system.StreamRDFBase() {
            @Override
            public void quad(org.apache.jena.sparql.core.Quad q) {
                sent.add(q);
            }
        });
        for (Node[] gs : new Node[][] {{g1, a}, {g1, b}, {g2, a}}) {
            out.quad(org.apache.jena.sparql.core.Quad.create(gs[0], gs[1], KV.type, KV.Response));
            out.quad(org.apache.jena.sparql.core.Quad.create(gs[0], gs[1], KV.publicationId, str("ah-tk-20222023-3649")));
        }
        Node pub = uri(OB + "ah-tk-20222023-3649");
        assertEquals(3, sent.stream().filter(q -> q.getObject().equals(pub) && q.getPredicate().equals(SEE_ALSO)
                && q.getSubject().getURI().contains("/response/")).count(), "each response links to it every time");
        assertEquals(1, sent.stream().filter(q -> q.getGraph().equals(g1) && q.getSubject().equals(pub)
                && q.getPredicate().equals(KV.type)).count(), "described once in the first graph");
        assertEquals(1, sent.stream().filter(q -> q.getGraph().equals(g2) && q.getSubject().equals(pub)
                && q.getPredicate().equals(KV.type)).count(), "and once in the second");
        assertEquals(2 * 3, sent.stream().filter(q -> q.getSubject().equals(pub) && q.getPredicate().equals(LinkVocab.encoding)).count());
    }

    static String nt(Graph g) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, g, Lang.NTRIPLES);
        String[] lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n");
        java.util.Arrays.sort(lines);
        return String.join("\n", lines);
    }
}
