package org.kvgraph.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.kvgraph.stats.Statistics;
import org.kvgraph.timeliness.Timeliness;

/**
 * Atom 1.0 feeds of the served store: {@code /feeds/answers.atom} (substantive answers, newest first, by receipt
 * date), {@code /feeds/postponements.atom} (postponement notices) and {@code /feeds/overdue.atom} (sets without
 * a substantive answer whose due date has passed; the entry's date is the first day overdue). Each takes the
 * filters {@code party} (a submitter's party, exact label, case-insensitive), {@code member} (a submitter's
 * name or family name, exact, case-insensitive) and {@code office} (part of the label of an addressed office,
 * case-insensitive: {@code office=Financiën}); {@code overdue.atom} also takes {@code today=YYYY-MM-DD}
 * (default: today in Amsterdam). At most {@value #LIMIT} entries. Entry ids are the URIs of the response (or,
 * for overdue, of the set); each entry links to the set and the response.
 */
final class Feeds extends HttpServlet {
    static final String PATH = "/feeds/*";
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final int LIMIT = 100;

    private final Supplier<DatasetGraph> dataset;

    Feeds(Supplier<DatasetGraph> dataset) {
        this.dataset = dataset;
    }

    private enum Kind {
        ANSWERS("answers.atom", "kvgraph: answers to written questions", "Answer received"),
        POSTPONEMENTS("postponements.atom", "kvgraph: postponed answers to written questions", "Answer postponed"),
        OVERDUE("overdue.atom", "kvgraph: written questions open and overdue", "Overdue");

        final String file;
        final String title;
        final String entryPrefix;

        Kind(String file, String title, String entryPrefix) {
            this.file = file;
            this.title = title;
            this.entryPrefix = entryPrefix;
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo().replaceFirst("^/", "");
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (k.file.equals(path)) {
                kind = k;
            }
        }
        if (kind == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND, "feeds: answers.atom, postponements.atom, overdue.atom");
            return;
        }
        LocalDate today;
        try {
            String t = req.getParameter("today");
            today = t == null || t.isBlank() ? LocalDate.now(ZoneId.of("Europe/Amsterdam")) : LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "today is not a date (YYYY-MM-DD)");
            return;
        }
        String query = query(kind, req.getParameter("party"), req.getParameter("member"),
                req.getParameter("office"), today);
        List<Binding> rows = Statistics.local(dataset.get()).apply(query);
        String self = req.getRequestURL().toString() + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
        String home = req.getRequestURL().toString().replaceFirst("/feeds/.*$", "/");
        String xml;
        try {
            xml = atom(kind, rows, self, home, filterText(req), today);
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        byte[] body = xml.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        resp.setContentType("application/atom+xml; charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private static String filterText(HttpServletRequest req) {
        List<String> parts = new ArrayList<>();
        for (String p : List.of("party", "member", "office")) {
            String v = req.getParameter(p);
            if (v != null && !v.isBlank()) {
                parts.add(p + " " + v);
            }
        }
        return String.join(", ", parts);
    }

    /** A string as a SPARQL literal, quotes, backslashes and line breaks escaped. */
    private static String literal(String s) {
        return NodeFmtLib.strNT(NodeFactory.createLiteralString(s));
    }

    static String query(Kind kind, String party, String member, String office, LocalDate today) {
        StringBuilder q = new StringBuilder(Statistics.PREFIXES);
        q.append("SELECT ?item ?set ?date ?due ?title ?case ?postponements\n")
                .append("  (GROUP_CONCAT(DISTINCT ?asker; separator=\"; \") AS ?askers)\n")
                .append("  (GROUP_CONCAT(DISTINCT ?officeLabel; separator=\"; \") AS ?offices)\nWHERE {\n");
        switch (kind) {
            case ANSWERS:
                q.append("  ?set kv:hasResponse ?item . ?item a kv:Response ; kv:receivedOn ?date .\n");
                break;
            case POSTPONEMENTS:
                q.append("  ?set kv:hasResponse ?item . ?item a kv:PostponementNotice ; kv:receivedOn ?date .\n");
                break;
            default:
                q.append("  ?set kv:timelinessStatus kv:Open ; kv:dueDate ?due .\n")
                        .append("  FILTER(?due < \"").append(today).append("\"^^xsd:date)\n")
                        .append("  BIND(?set AS ?item) BIND(?due AS ?date)\n");
        }
        if (party != null && !party.isBlank()) {
            q.append("  FILTER EXISTS { ?set kv:askerParty ?fp . ?fp skos:prefLabel|skos:altLabel ?fpl .\n")
                    .append("    FILTER(LCASE(STR(?fpl)) = LCASE(").append(literal(party.strip())).append(")) }\n");
        }
        if (member != null && !member.isBlank()) {
            q.append("  FILTER EXISTS { ?set kv:askedBy ?fm . ?fm foaf:name|foaf:familyName ?fmn .\n")
                    .append("    FILTER(LCASE(STR(?fmn)) = LCASE(").append(literal(member.strip())).append(")) }\n");
        }
        if (office != null && !office.isBlank()) {
            q.append("  FILTER EXISTS { ?set kv:addressedTo ?fo . ?fo skos:prefLabel ?fol .\n")
                    .append("    FILTER(CONTAINS(LCASE(STR(?fol)), LCASE(").append(literal(office.strip())).append("))) }\n");
        }
        q.append("""
                  OPTIONAL { ?set dcterms:title ?title }
                  OPTIONAL { ?set kv:caseNumber ?case }
                  OPTIONAL { ?set kv:postponementCount ?postponements }
                  OPTIONAL { ?set kv:askedBy ?p . ?p foaf:name ?pn .
                             OPTIONAL { ?p <http://www.w3.org/ns/org#memberOf> ?pp . ?pp skos:prefLabel ?ppl }
                             BIND(IF(BOUND(?ppl), CONCAT(STR(?pn), " (", STR(?ppl), ")"), STR(?pn)) AS ?asker) }
                  OPTIONAL { ?set kv:addressedTo ?ao . ?ao skos:prefLabel ?aol BIND(STR(?aol) AS ?officeLabel) }
                }
                GROUP BY ?item ?set ?date ?due ?title ?case ?postponements
                ORDER BY DESC(?date) ?item
                """).append("LIMIT ").append(LIMIT).append('\n');
        return q.toString();
    }


    private static String atom(Kind kind, List<Binding> rows, String self, String home, String filters,
                               LocalDate today) throws XMLStreamException {
        StringWriter out = new StringWriter();
        XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("feed");
        w.writeDefaultNamespace(ATOM);
        element(w, "id", self);
        element(w, "title", kind.title + (filters.isEmpty() ? "" : " (" + filters + ")"));
        if (kind == Kind.OVERDUE) {
            element(w, "subtitle", "Open on " + today + " and past the due date: " + Timeliness.TERM_DAYS
                    + " days after submission, plus " + Timeliness.TERM_DAYS + " days for each postponement notice.");
        }
        LocalDate updated = null;
        for (Binding b : rows) {
            LocalDate d = entryDate(kind, b);
            if (updated == null || d.isAfter(updated)) {
                updated = d;
            }
        }
        element(w, "updated", (updated == null ? today : updated) + "T00:00:00Z");
        link(w, "self", self, "application/atom+xml");
        link(w, "alternate", home, "text/html");
        w.writeStartElement("author");
        element(w, "name", "kvgraph");
        w.writeEndElement();
        element(w, "generator", "kvgraph");
        for (Binding b : rows) {
            String set = str(b, "set");
            String item = str(b, "item");
            String title = str(b, "title");
            String key = str(b, "case").isEmpty() ? set.substring(set.lastIndexOf('/') + 1) : str(b, "case");
            w.writeStartElement("entry");
            element(w, "id", item);
            element(w, "title", kind.entryPrefix + ": " + (title.isEmpty() ? key : title + " (" + key + ")"));
            element(w, "updated", entryDate(kind, b) + "T00:00:00Z");
            link(w, "alternate", set, null);
            if (!item.equals(set)) {
                link(w, "related", item, null);
            }
            StringBuilder summary = new StringBuilder();
            if (!str(b, "askers").isEmpty()) {
                summary.append("Asked by ").append(str(b, "askers")).append(". ");
            }
            if (!str(b, "offices").isEmpty()) {
                summary.append("Addressed to ").append(str(b, "offices")).append(". ");
            }
            if (kind == Kind.OVERDUE) {
                summary.append("Due ").append(str(b, "due")).append(", ")
                        .append(java.time.temporal.ChronoUnit.DAYS.between(LocalDate.parse(str(b, "due")), today))
                        .append(" days overdue on ").append(today);
                if (!str(b, "postponements").isEmpty() && !str(b, "postponements").equals("0")) {
                    summary.append(" (postponed ").append(str(b, "postponements")).append("×)");
                }
                summary.append('.');
            } else {
                summary.append("Received ").append(str(b, "date")).append('.');
            }
            w.writeStartElement("summary");
            w.writeAttribute("type", "text");
            w.writeCharacters(summary.toString().strip());
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndDocument();
        w.close();
        return out.toString();
    }

    /** The date of an entry: the receipt date, or for an overdue set the first day it was overdue. */
    private static LocalDate entryDate(Kind kind, Binding b) {
        LocalDate d = LocalDate.parse(str(b, "date"));
        return kind == Kind.OVERDUE ? d.plusDays(1) : d;
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private static void link(XMLStreamWriter w, String rel, String href, String type) throws XMLStreamException {
        w.writeEmptyElement("link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("href", href);
        if (type != null) {
            w.writeAttribute("type", type);
        }
    }

    private static String str(Binding b, String var) {
        Node n = b.get(var);
        if (n == null) {
            return "";
        }
        return n.isLiteral() ? n.getLiteralLexicalForm() : n.isURI() ? n.getURI() : n.toString();
    }
}
