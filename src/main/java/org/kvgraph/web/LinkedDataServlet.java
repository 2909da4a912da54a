package org.kvgraph.web;

import static org.kvgraph.web.Html.esc;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.kvgraph.rdf.RdfOutput;

/**
 * Dereferenceable URIs: the base's path mapped onto the server, so {@code <base>id/question-set/2025Z10267}
 * answers at {@code /id/question-set/2025Z10267}. By content negotiation (or {@code ?format=ttl|nt|jsonld|rdf|html})
 * a resource gives its description (its own triples plus the labels of what it points at) as Turtle,
 * N-Triples, JSON-LD or RDF/XML, or its page for a browser; every answer says {@code Vary: Accept} and links
 * to the alternatives. Unknown URIs give 404. Also here: {@code /graph/…} (a source's named graph),
 * {@code /dataset} (the release's description) and {@code /def} (the ontology, as Turtle or a page of its terms).
 */
final class LinkedDataServlet extends HttpServlet {
    static final String ONTOLOGY_URI = "https://w3id.org/kvgraph/def";

    private final Supplier<Site> site;
    private final byte[] ontologyTurtle;
    private final Graph ontology;

    LinkedDataServlet(Supplier<Site> site) {
        this.site = site;
        try (InputStream in = LinkedDataServlet.class.getResourceAsStream("/ontology/kvgraph.ttl")) {
            this.ontologyTurtle = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the ontology is not on the class path", e);
        }
        this.ontology = GraphFactory.createDefaultGraph();
        RDFParser.fromString(new String(ontologyTurtle, StandardCharsets.UTF_8), Lang.TURTLE).parse(ontology);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        Site s = site.get();
        resp.setHeader("Vary", "Accept");
        if (path.equals("/def") || path.equals("/def/")) {
            ontology(req, resp);
        } else if ((path.equals("/dataset") || path.startsWith("/dataset/")) && DownloadServlet.notReady(s, resp)) {
            return;
        } else if (path.equals("/dataset")) {
            Graph d = s.description();
            Conneg.Kind k = Conneg.choose(req.getHeader("Accept"), req.getParameter("format"), Conneg.ALL);
            if (k == Conneg.TURTLE) {
                // the release's dataset.ttl as it is, byte for byte
                linkHeader(resp, path);
                send(resp, "text/turtle; charset=utf-8", java.nio.file.Files.readAllBytes(
                        s.release().resolve(org.kvgraph.publish.Release.DESCRIPTION)));
                return;
            }
            serve(req, resp, d, () -> new ResourcePage(d, s).render(NodeFactory.createURI(s.uriOf(path)),
                    alternates(path, req)));
        } else if (path.startsWith("/dataset/")) {
            resource(req, resp, s.description(), s, path);
        } else if (path.startsWith("/graph/")) {
            namedGraph(req, resp, s, path);
        } else {
            DatasetGraph dsg = s.dataset();
            Txn.executeRead(dsg, () -> {
                try {
                    resource(req, resp, dsg.getUnionGraph(), s, path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private void resource(HttpServletRequest req, HttpServletResponse resp, Graph data, Site s, String path)
            throws IOException {
        Node uri = NodeFactory.createURI(s.uriOf(path));
        Graph g = Describe.resource(data, uri);
        if (g.isEmpty()) {
            notFound(resp, path);
            return;
        }
        serve(req, resp, g, () -> new ResourcePage(data, s).render(uri, alternates(path, req)));
    }

    private void namedGraph(HttpServletRequest req, HttpServletResponse resp, Site s, String path) throws IOException {
        Node g = NodeFactory.createURI(s.uriOf(path));
        DatasetGraph dsg = s.dataset();
        Graph copy = GraphFactory.createDefaultGraph();
        Txn.executeRead(dsg, () -> dsg.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> copy.add(q.asTriple())));
        if (copy.isEmpty()) {
            notFound(resp, path);
            return;
        }
        serve(req, resp, copy, () -> {
            StringBuilder b = new StringBuilder("<h1>").append(esc(g.getURI())).append("</h1>\n<p>")
                    .append(copy.size()).append(" triples uit één brondocument.</p>\n<ul class=\"plain\">\n");
            ResourcePage page = new ResourcePage(copy, s);
            copy.find().toList().stream().map(t -> t.getSubject()).distinct()
                    .sorted(Comparator.comparing(Node::toString))
                    .forEach(n -> b.append("<li>").append(page.link(n)).append("</li>\n"));
            b.append("</ul>\n<p class=\"muted\">Ook als ").append(alternates(path, req)).append("</p>");
            return Html.page(g.getURI(), b.toString());
        });
    }

    private void ontology(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Conneg.Kind k = choose(req, resp);
        if (k == null) {
            return;
        }
        if (k == Conneg.TURTLE) {
            linkHeader(resp, req.getRequestURI());
            send(resp, "text/turtle; charset=utf-8", ontologyTurtle);
        } else {
            serve(req, resp, ontology, () -> OntologyPage.render(ontology, alternates("/def", req)));
        }
    }

    /** Negotiates and writes the graph as RDF, or the page for HTML. */
    private void serve(HttpServletRequest req, HttpServletResponse resp, Graph g, Supplier<String> html)
            throws IOException {
        Conneg.Kind k = choose(req, resp);
        if (k == null) {
            return;
        }
        linkHeader(resp, req.getRequestURI());
        if (k == Conneg.HTML) {
            send(resp, "text/html; charset=utf-8", html.get().getBytes(StandardCharsets.UTF_8));
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> prefixes = new TreeMap<>(RdfOutput.PREFIXES);
        org.apache.jena.shared.PrefixMapping pm = org.apache.jena.shared.PrefixMapping.Factory.create();
        pm.setNsPrefixes(prefixes);
        Graph withPrefixes = GraphFactory.createDefaultGraph();
        withPrefixes.getPrefixMapping().setNsPrefixes(pm);
        g.find().forEach(withPrefixes::add);
        RDFWriter.source(withPrefixes).format(k.rdf()).output(out);
        String type = k.mediaType() + (k == Conneg.RDFXML ? "" : "; charset=utf-8");
        send(resp, type, out.toByteArray());
    }

    private Conneg.Kind choose(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Conneg.Kind k = Conneg.choose(req.getHeader("Accept"), req.getParameter("format"), Conneg.ALL);
        if (k == null) {
            resp.setStatus(HttpServletResponse.SC_NOT_ACCEPTABLE);
            send(resp, "text/plain; charset=utf-8", ("Not acceptable. Available: text/turtle, text/html,"
                    + " application/n-triples, application/ld+json, application/rdf+xml\n").getBytes(StandardCharsets.UTF_8));
        }
        return k;
    }

    private static void linkHeader(HttpServletResponse resp, String path) {
        List<String> links = new ArrayList<>();
        for (Conneg.Kind k : Conneg.ALL) {
            links.add("<" + path + "?format=" + k.format() + ">; rel=\"alternate\"; type=\"" + k.mediaType() + "\"");
        }
        resp.setHeader("Link", String.join(", ", links));
    }

    private static String alternates(String path, HttpServletRequest req) {
        List<String> l = new ArrayList<>();
        for (Conneg.Kind k : Conneg.ALL) {
            if (k != Conneg.HTML) {
                l.add(Html.a(path + "?format=" + k.format(), k.mediaType()));
            }
        }
        return String.join(" · ", l);
    }

    private static void notFound(HttpServletResponse resp, String path) throws IOException {
        resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
        send(resp, "text/html; charset=utf-8", Html.page("Niet gevonden", "<h1>Niet gevonden</h1><p>Over <code>"
                + esc(path) + "</code> zeggen de gegevens niets.</p>").getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpServletResponse resp, String type, byte[] body) throws IOException {
        resp.setContentType(type);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
