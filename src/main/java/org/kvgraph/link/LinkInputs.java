package org.kvgraph.link;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.jena.query.Dataset;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.kvgraph.convert.Converter;
import org.kvgraph.convert.Problem;
import org.kvgraph.rdf.Uris;

/**
 * The graph the link commands work on: RDF files (.ttl, .nt, .nq, .trig, .jsonld; all their graphs, merged)
 * and source texts or folders, converted in memory with the identifier links.
 */
public final class LinkInputs {
    private static final List<String> RDF_EXTENSIONS = List.of(".ttl", ".nt", ".nq", ".trig", ".jsonld");

    /** The merged graph and the problems met converting source texts. */
    public record Loaded(Model model, List<Problem> problems) {
    }

    private LinkInputs() {
    }

    public static Loaded load(List<Path> inputs, String base) {
        Model model = ModelFactory.createDefaultModel();
        List<Path> sources = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isRegularFile(in) && isRdf(in)) {
                Dataset ds = RDFDataMgr.loadDataset(in.toString());
                model.add(ds.getDefaultModel());
                ds.listNames().forEachRemaining(n -> model.add(ds.getNamedModel(n)));
            } else {
                sources.add(in);
            }
        }
        List<Problem> problems = List.of();
        if (!sources.isEmpty()) {
            try (IdentifierLinks out = IdentifierLinks.wrap(StreamRDFLib.graph(model.getGraph()))) {
                out.start();
                problems = new Converter(new Uris(base), false).convert(sources, out, false);
                out.finish();
            }
        }
        return new Loaded(model, problems);
    }

    static boolean isRdf(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return RDF_EXTENSIONS.stream().anyMatch(n::endsWith);
    }
}
