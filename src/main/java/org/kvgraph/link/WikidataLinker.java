package org.kvgraph.link;

import org.kvgraph.rdf.Uris;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.sparql.graph.GraphFactory;
import org.kvgraph.rdf.KV;

/**
 * Finds the Wikidata items of the parties, ministries and members of parliament in a kvgraph graph by asking
 * a Wikidata SPARQL endpoint, and links only what it can confirm:
 * <ul>
 * <li>a party: exactly one item, instance of political party (Q7278) in the Netherlands (Q55), whose label,
 * alias or short name (P1813) is the party's label; linked with {@code skos:closeMatch} (the kvgraph party is
 * the group in the Kamer);</li>
 * <li>a ministry: exactly one item in the Netherlands whose Dutch label or alias is the ministry's name;
 * {@code skos:exactMatch};</li>
 * <li>a member: first by Parlement.com id (P1749) when the graph has one, else exactly one item that held
 * "member of the Tweede Kamer" (P39 Q18887908) with the member's family name ending its Dutch label (and
 * the given name starting it, when known), for the member's party (the party's Wikidata item as P4100 on the
 * statement or as P102), in a term covering every date the member asked or answered questions;
 * {@code skos:exactMatch}.</li>
 * </ul>
 * Each link comes with a {@code kv:LinkEvidence} record (the method, the query, the endpoint). Two or more
 * candidates are listed for review and never linked. Members of government are not looked up: the documents
 * give no party to confirm a name with.
 */
public final class WikidataLinker {
    /** Wikidata: member of the House of Representatives of the Netherlands. */
    public static final String TWEEDE_KAMER_MEMBER = "Q18887908";
    static final String PREFIXES = """
            PREFIX wd: <http://www.wikidata.org/entity/>
            PREFIX wdt: <http://www.wikidata.org/prop/direct/>
            PREFIX p: <http://www.wikidata.org/prop/>
            PREFIX ps: <http://www.wikidata.org/prop/statement/>
            PREFIX pq: <http://www.wikidata.org/prop/qualifier/>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            """;

    public enum Status { LINKED, AMBIGUOUS, NO_CANDIDATE, NOT_LOOKED_UP, UNANSWERED }

    /** What became of one resource: linked, or why not, with the candidates seen. */
    public record Outcome(String kind, String resource, String label, Status status, List<String> candidates,
                          String note) {
    }

    /** The links with their evidence, and an outcome per resource looked at. */
    public record Result(Graph links, List<Outcome> outcomes) {
        public long count(Status s) {
            return outcomes.stream().filter(o -> o.status() == s).count();
        }
    }

    private final SparqlClient client;
    private final int batchSize;
    private final String base;
    private final Graph links = GraphFactory.createDefaultGraph();
    private final List<Outcome> outcomes = new ArrayList<>();

    public WikidataLinker(SparqlClient client, int batchSize, String base) {
        this.client = client;
        this.batchSize = Math.max(1, batchSize);
        this.base = base.endsWith("/") ? base : base + "/";
    }

    /** Looks up what the graph has not linked to Wikidata yet: parties first, since members need them. */
    public Result run(Model graph) {
        Map<String, String> partyItems = new TreeMap<>(existing(graph, KV.Party));
        parties(graph, partyItems);
        ministries(graph);
        members(graph, partyItems);
        outcomes.sort(Comparator.comparing(Outcome::kind).thenComparing(Outcome::resource));
        return new Result(links, List.copyOf(outcomes));
    }

    // ---- parties and ministries: by label

    private void parties(Model graph, Map<String, String> partyItems) {
        Map<String, String> todo = unlinked(graph, KV.Party);
        String pattern = """
                  ?item wdt:P31 wd:Q7278 ; wdt:P17 wd:Q55 .
                  { ?item rdfs:label|skos:altLabel ?name } UNION { ?item wdt:P1813 ?name }
                """;
        byLabel("party", todo, pattern, LinkVocab.closeMatch,
                "label, alias or short name (P1813) of a political party (Q7278) in the Netherlands (Q55)",
                partyItems);
    }

    private void ministries(Model graph) {
        Map<String, String> todo = unlinked(graph, KV.Ministry);
        String pattern = """
                  ?item rdfs:label|skos:altLabel ?name ; wdt:P17 wd:Q55 .
                """;
        byLabel("ministry", todo, pattern, LinkVocab.exactMatch,
                "Dutch label or alias of an item in the Netherlands (Q55)", new TreeMap<>());
    }

    private void byLabel(String kind, Map<String, String> todo, String pattern, Node predicate, String method,
                         Map<String, String> found) {
        for (List<String> batch : batches(todo.keySet())) {
            StringBuilder values = new StringBuilder();
            for (String r : batch) {
                values.append("    (<").append(r).append("> ").append(langLiteral(todo.get(r))).append(")\n");
            }
            String query = PREFIXES + "SELECT DISTINCT ?key ?item WHERE {\n  VALUES (?key ?name) {\n" + values
                    + "  }\n" + pattern + "}\n";
            List<Map<String, RDFNode>> rows = ask(kind, batch, todo::get, query);
            if (rows == null) {
                continue;
            }
            for (String r : batch) {
                Set<String> items = new TreeSet<>();
                for (Map<String, RDFNode> row : rows) {
                    if (r.equals(uri(row.get("key"))) && uri(row.get("item")) != null) {
                        items.add(uri(row.get("item")));
                    }
                }
                if (decide(kind, r, todo.get(r), items, predicate, method, query)) {
                    found.put(r, items.iterator().next());
                }
            }
        }
    }

    // ---- members of parliament

    private record Member(String resource, String family, String given, String party, List<LocalDate> dates,
                          String parlementComId) {
    }

    private void members(Model graph, Map<String, String> partyItems) {
        List<Member> byName = new ArrayList<>();
        List<Member> byParlementCom = new ArrayList<>();
        for (Member m : unlinkedMembers(graph)) {
            if (m.parlementComId() != null) {
                byParlementCom.add(m);
            } else if (m.party() == null) {
                outcomes.add(new Outcome("person", m.resource(), m.family(), Status.NOT_LOOKED_UP, List.of(),
                        "member of government: no party to confirm the name with"));
            } else if (!partyItems.containsKey(m.party())) {
                outcomes.add(new Outcome("person", m.resource(), m.family(), Status.NOT_LOOKED_UP, List.of(),
                        "the party " + m.party() + " has no Wikidata link"));
            } else if (m.dates().isEmpty()) {
                outcomes.add(new Outcome("person", m.resource(), m.family(), Status.NOT_LOOKED_UP, List.of(),
                        "no date to check the term against"));
            } else {
                byName.add(m);
            }
        }
        membersByParlementCom(byParlementCom);
        membersByName(byName, partyItems);
    }

    private void membersByParlementCom(List<Member> members) {
        Map<String, Member> todo = new TreeMap<>();
        members.forEach(m -> todo.put(m.resource(), m));
        for (List<String> batch : batches(todo.keySet())) {
            StringBuilder values = new StringBuilder();
            batch.forEach(r -> values.append("    (<").append(r).append("> \"")
                    .append(todo.get(r).parlementComId()).append("\")\n"));
            String query = PREFIXES + "SELECT DISTINCT ?key ?item WHERE {\n  VALUES (?key ?id) {\n" + values
                    + "  }\n  ?item wdt:P1749 ?id .\n}\n";
            List<Map<String, RDFNode>> rows = ask("person", batch, r -> todo.get(r).family(), query);
            if (rows == null) {
                continue;
            }
            for (String r : batch) {
                Set<String> items = new TreeSet<>();
                rows.stream().filter(row -> r.equals(uri(row.get("key")))).forEach(row -> items.add(uri(row.get("item"))));
                decide("person", r, todo.get(r).family(), items, LinkVocab.exactMatch, "Parlement.com id (P1749)", query);
            }
        }
    }

    private void membersByName(List<Member> members, Map<String, String> partyItems) {
        Map<String, Member> todo = new TreeMap<>();
        members.forEach(m -> todo.put(m.resource(), m));
        for (List<String> batch : batches(todo.keySet())) {
            StringBuilder values = new StringBuilder();
            batch.forEach(r -> values.append("    (<").append(r).append("> ").append(stringLiteral(todo.get(r).family()))
                    .append(")\n"));
            String query = PREFIXES + """
                    SELECT ?key ?item ?label ?start ?end ?group ?party WHERE {
                      VALUES (?key ?family) {
                    """ + values + """
                      }
                      ?item p:P39 ?term .
                      ?term ps:P39 wd:%s .
                      ?item rdfs:label ?label .
                      FILTER(LANG(?label) = "nl" && STRENDS(LCASE(STR(?label)), LCASE(CONCAT(" ", ?family))))
                      OPTIONAL { ?term pq:P580 ?start }
                      OPTIONAL { ?term pq:P582 ?end }
                      OPTIONAL { ?term pq:P4100 ?group }
                      OPTIONAL { ?item wdt:P102 ?party }
                    }
                    """.formatted(TWEEDE_KAMER_MEMBER);
            List<Map<String, RDFNode>> rows = ask("person", batch, r -> todo.get(r).family(), query);
            if (rows == null) {
                continue;
            }
            for (String r : batch) {
                Member m = todo.get(r);
                String partyItem = partyItems.get(m.party());
                Set<String> items = new TreeSet<>();
                Map<String, List<Map<String, RDFNode>>> byItem = new TreeMap<>();
                rows.stream().filter(row -> r.equals(uri(row.get("key"))))
                        .forEach(row -> byItem.computeIfAbsent(uri(row.get("item")), k -> new ArrayList<>()).add(row));
                byItem.forEach((item, itemRows) -> {
                    if (fits(m, partyItem, itemRows)) {
                        items.add(item);
                    }
                });
                decide("person", r, m.family(), items, LinkVocab.exactMatch,
                        "family name in the Dutch label, member of the Tweede Kamer (P39 " + TWEEDE_KAMER_MEMBER
                                + ") for the party " + partyItem + " (P4100 or P102) in a term (P580-P582) covering "
                                + m.dates(), query);
            }
        }
    }

    /** Whether an item's rows confirm a member: given name, party, and a term around every date. */
    private static boolean fits(Member m, String partyItem, List<Map<String, RDFNode>> rows) {
        if (m.given() != null) {
            String label = rows.get(0).get("label").asLiteral().getLexicalForm().toLowerCase(Locale.ROOT);
            if (!label.startsWith(m.given().toLowerCase(Locale.ROOT) + " ")) {
                return false;
            }
        }
        boolean party = rows.stream().anyMatch(r -> partyItem.equals(uri(r.get("group"))) || partyItem.equals(uri(r.get("party"))));
        return party && m.dates().stream().allMatch(d -> rows.stream().anyMatch(r -> covers(r, d)));
    }

    private static boolean covers(Map<String, RDFNode> row, LocalDate d) {
        LocalDate start = date(row.get("start"));
        LocalDate end = date(row.get("end"));
        return start != null && !d.isBefore(start) && (end == null || !d.isAfter(end));
    }

    // ---- deciding and recording

    /** Links a unique candidate with its evidence; lists two or more for review. Returns whether it linked. */
    private boolean decide(String kind, String resource, String label, Set<String> items, Node predicate,
                           String method, String query) {
        if (items.size() == 1) {
            String item = items.iterator().next();
            Node s = NodeFactory.createURI(resource);
            Node o = NodeFactory.createURI(item);
            links.add(Triple.create(s, predicate, o));
            evidence(s, predicate, o, method, query);
            outcomes.add(new Outcome(kind, resource, label, Status.LINKED, List.of(item), method));
            return true;
        }
        outcomes.add(new Outcome(kind, resource, label, items.isEmpty() ? Status.NO_CANDIDATE : Status.AMBIGUOUS,
                List.copyOf(items), items.isEmpty() ? "no item fits" : items.size() + " items fit; not linked"));
        return false;
    }

    private void evidence(Node s, Node p, Node o, String method, String query) {
        Node ev = new Uris(base).linkEvidence(s.getURI() + " " + p.getURI() + " " + o.getURI());
        links.add(Triple.create(ev, KV.type, LinkVocab.LinkEvidence));
        links.add(Triple.create(ev, LinkVocab.rdfSubject, s));
        links.add(Triple.create(ev, LinkVocab.rdfPredicate, p));
        links.add(Triple.create(ev, LinkVocab.rdfObject, o));
        links.add(Triple.create(ev, LinkVocab.linkMethod, NodeFactory.createLiteralString(method)));
        links.add(Triple.create(ev, LinkVocab.sparqlQuery, NodeFactory.createLiteralString(query)));
        links.add(Triple.create(ev, LinkVocab.endpoint, NodeFactory.createURI(client.endpoint().toString())));
        links.add(Triple.create(ev, KV.wasDerivedFrom, NodeFactory.createURI(client.endpoint().toString())));
    }

    /** Sends a query; when the endpoint does not answer, every resource of the batch is reported so. */
    private List<Map<String, RDFNode>> ask(String kind, List<String> batch, Function<String, String> label, String query) {
        try {
            return client.select(query);
        } catch (SparqlClient.Unanswered e) {
            batch.forEach(r -> outcomes.add(new Outcome(kind, r, label.apply(r), Status.UNANSWERED, List.of(), e.getMessage())));
            return null;
        }
    }

    // ---- reading the kvgraph graph

    /** Resources of a class with their Wikidata item, where the graph already links them. */
    private static Map<String, String> existing(Model graph, Node type) {
        Map<String, String> out = new TreeMap<>();
        select(graph, "SELECT ?r ?item { ?r a <" + type.getURI() + "> ; ?p ?item . VALUES ?p { <"
                + LinkVocab.exactMatch.getURI() + "> <" + LinkVocab.closeMatch.getURI() + "> } FILTER(STRSTARTS(STR(?item), '"
                + LinkVocab.WD + "')) }", s -> out.put(s.getResource("r").getURI(), s.getResource("item").getURI()));
        return out;
    }

    /** Resources of a class without a Wikidata link, with their preferred label. */
    private static Map<String, String> unlinked(Model graph, Node type) {
        Map<String, String> out = new TreeMap<>();
        Map<String, String> linked = existing(graph, type);
        select(graph, "SELECT ?r (MIN(STR(?l)) AS ?label) { ?r a <" + type.getURI() + "> ; <" + KV.prefLabel.getURI()
                + "> ?l } GROUP BY ?r", s -> {
                    String r = s.getResource("r").getURI();
                    if (!linked.containsKey(r)) {
                        out.put(r, s.getLiteral("label").getLexicalForm());
                    }
                });
        return out;
    }

    private static List<Member> unlinkedMembers(Model graph) {
        Map<String, String> linked = existing(graph, KV.Person);
        Map<String, Member> members = new LinkedHashMap<>();
        select(graph, """
                PREFIX foaf: <http://xmlns.com/foaf/0.1/>
                PREFIX org: <http://www.w3.org/ns/org#>
                PREFIX kv: <https://w3id.org/kvgraph/def#>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                SELECT ?p (SAMPLE(?f) AS ?family) (SAMPLE(?g) AS ?given) (SAMPLE(?party) AS ?party1)
                       (COUNT(DISTINCT ?party) AS ?parties) (SAMPLE(?pc) AS ?parlement) {
                  ?p a foaf:Person ; foaf:familyName ?f .
                  OPTIONAL { ?p foaf:givenName ?g }
                  OPTIONAL { ?p org:memberOf ?party }
                  OPTIONAL { ?p rdfs:seeAlso ?pc FILTER(STRSTARTS(STR(?pc), "https://www.parlement.com/id/")) }
                } GROUP BY ?p ORDER BY ?p
                """, s -> {
                    String p = s.getResource("p").getURI();
                    if (linked.containsKey(p) || s.getLiteral("parties").getInt() > 1) {
                        return;
                    }
                    String pc = s.contains("parlement") ? s.getResource("parlement").getURI() : null;
                    String pcId = pc == null ? null : pc.substring("https://www.parlement.com/id/".length()).replace("/", "");
                    members.put(p, new Member(p, s.getLiteral("family").getLexicalForm(),
                            s.contains("given") ? s.getLiteral("given").getLexicalForm() : null,
                            s.contains("party1") ? s.getResource("party1").getURI() : null, new ArrayList<>(), pcId));
                });
        select(graph, """
                PREFIX kv: <https://w3id.org/kvgraph/def#>
                SELECT DISTINCT ?p ?d {
                  { ?set kv:askedBy ?p ; kv:submittedOn ?d }
                  UNION { ?set kv:hasResponse ?r ; kv:submittedOn ?d . ?r kv:answeredBy ?p }
                } ORDER BY ?p ?d
                """, s -> {
                    Member m = members.get(s.getResource("p").getURI());
                    LocalDate d = date(s.get("d"));
                    if (m != null && d != null) {
                        m.dates().add(d);
                    }
                });
        return List.copyOf(members.values());
    }

    private static void select(Model graph, String query, java.util.function.Consumer<QuerySolution> each) {
        try (var qe = QueryExecutionFactory.create(query, graph)) {
            qe.execSelect().forEachRemaining(each);
        }
    }

    // ---- small helpers

    private List<List<String>> batches(Set<String> keys) {
        List<String> all = new ArrayList<>(keys);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += batchSize) {
            out.add(all.subList(i, Math.min(all.size(), i + batchSize)));
        }
        return out;
    }

    private static String uri(RDFNode n) {
        return n != null && n.isURIResource() ? n.asResource().getURI() : null;
    }

    private static LocalDate date(RDFNode n) {
        if (n == null || !n.isLiteral()) {
            return null;
        }
        String s = n.asLiteral().getLexicalForm();
        try {
            return LocalDate.parse(s.length() >= 10 ? s.substring(0, 10) : s);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String stringLiteral(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String langLiteral(String s) {
        return stringLiteral(s) + "@nl";
    }
}
