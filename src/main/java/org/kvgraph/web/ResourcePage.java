package org.kvgraph.web;

import static org.kvgraph.web.Html.a;
import static org.kvgraph.web.Html.esc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.kvgraph.link.LinkVocab;
import org.kvgraph.rdf.KV;
import org.kvgraph.rdf.RdfOutput;

/**
 * The HTML page of a resource: a question set laid out for reading (askers with party, addressed office,
 * dates, each question beside its answer, who answered, citations, links to other data sets), anything else as
 * a table of its statements; both with what refers to it. All text is escaped.
 */
final class ResourcePage {
    private final Graph data;
    private final Site site;

    ResourcePage(Graph data, Site site) {
        this.data = data;
        this.site = site;
    }

    String render(Node uri, String alternates) {
        String title = Describe.label(data, uri);
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"muted\">").append(esc(types(uri))).append("</p>\n");
        b.append("<h1>").append(esc(title)).append("</h1>\n");
        b.append("<p class=\"muted\"><code>").append(esc(uri.getURI())).append("</code></p>\n");
        if (data.contains(uri, KV.type, KV.QuestionSet)) {
            questionSet(b, uri);
            b.append("<h2>Alle gegevens</h2>\n");
        }
        statements(b, uri);
        inbound(b, uri);
        b.append("<p class=\"muted\">Ook als ").append(alternates).append("</p>\n");
        return Html.page(title, b.toString());
    }

    private void questionSet(StringBuilder b, Node set) {
        b.append("<table class=\"facts\">\n");
        row(b, "Zaaknummer", text(set, KV.caseNumber));
        row(b, "Ingediend", text(set, KV.submittedOn));
        StringBuilder askers = new StringBuilder();
        for (Node p : objects(set, KV.askedBy)) {
            askers.append("<li class=\"asker\">").append(link(p));
            List<Node> parties = objects(p, KV.memberOf);
            if (!parties.isEmpty()) {
                askers.append(" (").append(String.join(", ", parties.stream().map(this::link).toList())).append(")");
            }
            askers.append("</li>");
        }
        if (askers.isEmpty()) {
            objects(set, KV.askerParty).forEach(p -> askers.append("<li>").append(link(p)).append("</li>"));
        }
        row(b, "Gesteld door", "<ul class=\"plain\">" + askers + "</ul>");
        row(b, "Gericht aan", links(objects(set, KV.addressedTo)));
        for (Node r : objects(set, KV.hasResponse)) {
            StringBuilder who = new StringBuilder();
            List<Node> people = objects(r, KV.answeredBy);
            List<Node> offices = objects(r, KV.answeredAs);
            who.append(links(people));
            if (!offices.isEmpty()) {
                who.append(" <span class=\"muted\">als</span> ").append(links(offices));
            }
            List<Node> behalf = objects(r, KV.onBehalfOf);
            if (!behalf.isEmpty()) {
                who.append(" <span class=\"muted\">namens</span> ").append(links(behalf));
            }
            String kind = data.contains(r, KV.type, KV.PostponementNotice) ? "Uitstelbericht" : "Beantwoord door";
            row(b, kind, who + dateAndRef(r));
        }
        List<Node> supplements = objects(set, KV.supplements);
        if (!supplements.isEmpty()) {
            row(b, "Aanvulling op", links(supplements));
        }
        b.append("</table>\n");

        b.append("<h2>Vragen en antwoorden</h2>\n<div class=\"qa\">\n");
        List<Node> questions = objects(set, KV.hasQuestion);
        questions.sort(Comparator.comparingInt(this::number));
        Map<Node, List<Node>> answersOf = new TreeMap<>(Comparator.comparing(Node::getURI));
        for (Node r : objects(set, KV.hasResponse)) {
            for (Node a : objects(r, KV.hasAnswer)) {
                for (Node q : objects(a, KV.answers)) {
                    answersOf.computeIfAbsent(q, k -> new ArrayList<>()).add(a);
                }
            }
        }
        for (Node q : questions) {
            int n = number(q);
            b.append("<div class=\"q\" id=\"vraag-").append(n).append("\"><h3>").append(a(site.href(q.getURI()), "Vraag " + n))
                    .append("</h3><p>").append(esc(text(q, KV.text))).append("</p>").append(cites(q)).append("</div>\n");
            List<Node> as = answersOf.getOrDefault(q, List.of());
            b.append("<div class=\"a\">");
            if (as.isEmpty()) {
                b.append("<h3>Antwoord ").append(n).append("</h3><p class=\"muted\">(geen antwoord in de gegevens)</p>");
            }
            for (Node an : as) {
                List<Integer> covers = objects(an, KV.answers).stream().map(this::number).sorted().toList();
                String head = covers.size() > 1 ? "Antwoord op vragen " + String.join(", ",
                        covers.stream().map(String::valueOf).toList()) : "Antwoord " + n;
                b.append("<h3>").append(a(site.href(an.getURI()), head)).append("</h3><p>")
                        .append(esc(text(an, KV.text))).append("</p>").append(cites(an));
            }
            b.append("</div>\n");
        }
        b.append("</div>\n");

        Set<Node> cited = new LinkedHashSet<>(objects(set, KV.cites));
        questions.forEach(q -> cited.addAll(objects(q, KV.cites)));
        answersOf.values().forEach(l -> l.forEach(an -> cited.addAll(objects(an, KV.cites))));
        if (!cited.isEmpty()) {
            b.append("<h2>Aangehaald</h2>\n<ul class=\"plain citations\">\n");
            for (Node c : cited) {
                b.append("<li>").append(link(c));
                for (Node out : outside(c)) {
                    b.append(" · ").append(a(out.getURI(), host(out.getURI())));
                }
                b.append("</li>\n");
            }
            b.append("</ul>\n");
        }
        Set<Node> elsewhere = new LinkedHashSet<>(outside(set));
        objects(set, KV.hasResponse).forEach(r -> elsewhere.addAll(outside(r)));
        StringBuilder people = new StringBuilder();
        Set<Node> persons = new LinkedHashSet<>(objects(set, KV.askedBy));
        objects(set, KV.hasResponse).forEach(r -> persons.addAll(objects(r, KV.answeredBy)));
        objects(set, KV.askerParty).forEach(persons::add);
        for (Node p : persons) {
            for (Node out : outside(p)) {
                people.append("<li>").append(esc(Describe.label(data, p))).append(": ")
                        .append(a(out.getURI(), out.getURI())).append("</li>\n");
            }
        }
        b.append("<h2>Elders</h2>\n<ul class=\"plain outside\">\n");
        for (Node out : elsewhere) {
            b.append("<li>").append(a(out.getURI(), out.getURI())).append("</li>\n");
        }
        b.append(people).append("</ul>\n");
    }

    private String dateAndRef(Node r) {
        StringBuilder s = new StringBuilder();
        String d = text(r, KV.receivedOn);
        if (!d.isEmpty()) {
            s.append(", ontvangen ").append(esc(d));
        }
        String ref = text(r, KV.reference);
        if (!ref.isEmpty()) {
            s.append(" <span class=\"muted\">(kenmerk ").append(esc(ref)).append(")</span>");
        }
        String pub = text(r, KV.publicationId);
        if (!pub.isEmpty()) {
            s.append(" <span class=\"muted\">").append(esc(pub)).append("</span>");
        }
        return s.toString();
    }

    /** Links to other data sets: rdfs:seeAlso, skos:exactMatch, skos:closeMatch, schema:url. */
    private List<Node> outside(Node n) {
        List<Node> l = new ArrayList<>();
        for (Node p : List.of(KV.seeAlso, LinkVocab.exactMatch, LinkVocab.closeMatch, KV.url)) {
            objects(n, p).stream().filter(o -> o.isURI() && !o.getURI().startsWith(site.base())).forEach(l::add);
        }
        return l;
    }

    private String cites(Node n) {
        List<Node> c = objects(n, KV.cites);
        return c.isEmpty() ? "" : "<p class=\"muted cites\">Haalt aan: " + links(c) + "</p>";
    }

    private void statements(StringBuilder b, Node uri) {
        Map<String, List<Node>> byPredicate = new TreeMap<>();
        data.find(uri, Node.ANY, Node.ANY).forEach(t -> byPredicate.computeIfAbsent(t.getPredicate().getURI(),
                k -> new ArrayList<>()).add(t.getObject()));
        b.append("<table class=\"statements\">\n");
        byPredicate.forEach((p, values) -> {
            values.sort(Comparator.comparing(Node::toString));
            b.append("<tr><th>").append(a(p, prefixed(p))).append("</th><td>");
            b.append(String.join("<br>", values.stream().map(this::value).toList()));
            b.append("</td></tr>\n");
        });
        b.append("</table>\n");
    }

    /** The most resources a page lists as pointing at it (a ministry is pointed at by thousands). */
    static final int MAX_INBOUND = 200;

    private void inbound(StringBuilder b, Node uri) {
        List<Triple> in = data.find(Node.ANY, Node.ANY, uri).toList().stream()
                .sorted(Comparator.comparing((Triple t) -> t.getSubject().toString())).limit(MAX_INBOUND).toList();
        if (in.isEmpty()) {
            return;
        }
        b.append("<h2>Verwijst hierheen</h2>\n<ul class=\"plain\">\n");
        for (Triple t : in) {
            b.append("<li>").append(link(t.getSubject())).append(" <span class=\"muted\">")
                    .append(esc(prefixed(t.getPredicate().getURI()))).append("</span></li>\n");
        }
        b.append("</ul>\n");
    }

    private String value(Node o) {
        if (o.isURI()) {
            return link(o);
        }
        if (o.isLiteral()) {
            String lang = o.getLiteralLanguage();
            return esc(o.getLiteralLexicalForm()) + (lang.isEmpty() ? "" : " <span class=\"muted\">@" + esc(lang) + "</span>");
        }
        return esc(o.toString());
    }

    /** A link to a resource by its label: to its page here when it is ours, else to the URI itself. */
    String link(Node n) {
        if (!n.isURI()) {
            return esc(n.toString());
        }
        String label = Describe.label(data, n);
        if (!n.getURI().startsWith(site.base()) && label.equals(n.getURI().substring(
                Math.max(n.getURI().lastIndexOf('/'), n.getURI().lastIndexOf('#')) + 1))) {
            label = n.getURI();
        }
        return a(site.href(n.getURI()), label);
    }

    private String links(List<Node> nodes) {
        return String.join(", ", nodes.stream().map(this::link).toList());
    }

    private String types(Node uri) {
        return String.join(", ", objects(uri, KV.type).stream().map(t -> prefixed(t.getURI())).toList());
    }

    static String prefixed(String uri) {
        for (Map.Entry<String, String> e : new TreeMap<>(RdfOutput.PREFIXES).entrySet()) {
            if (uri.startsWith(e.getValue()) && uri.length() > e.getValue().length()) {
                return e.getKey() + ":" + uri.substring(e.getValue().length());
            }
        }
        if (uri.equals(KV.RDF + "type")) {
            return "rdf:type";
        }
        return uri;
    }

    private List<Node> objects(Node s, Node p) {
        List<Node> l = new ArrayList<>();
        data.find(s, p, Node.ANY).forEach(t -> l.add(t.getObject()));
        l.sort(Comparator.comparing(Node::toString));
        return l;
    }

    private String text(Node s, Node p) {
        List<Node> l = objects(s, p);
        return l.isEmpty() ? "" : l.get(0).isLiteral() ? l.get(0).getLiteralLexicalForm() : l.get(0).toString();
    }

    private int number(Node q) {
        try {
            return Integer.parseInt(text(q, KV.number));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String host(String uri) {
        return uri.replaceFirst("^https?://(www\\.)?", "").replaceFirst("/.*", "");
    }

    private static void row(StringBuilder b, String label, String html) {
        if (!html.isEmpty() && !html.equals("<ul class=\"plain\"></ul>")) {
            b.append("<tr><th>").append(esc(label)).append("</th><td>").append(html).append("</td></tr>\n");
        }
    }

    static Node uri(String u) {
        return NodeFactory.createURI(u);
    }
}
