package org.kvgraph.convert;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kvgraph.TestGraphs;
import org.kvgraph.rdf.RdfOutput;
import org.kvgraph.validate.Validator;

/**
 * One golden Turtle file per bundled sample, produced by the converter and reviewed by hand; each sample's
 * graph must also conform to the SHACL shapes. The runner
 * compares graphs (isomorphism) and prints both sides as sorted N-Triples when they differ. To produce the
 * golden files anew after a reviewed change: {@code mvn test -Dtest=GoldenTest -Dkvgraph.regenerate=true},
 * then read the diff.
 */
class GoldenTest {
    static final Path DATA = Path.of("data");
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Stream<Path> samples() throws IOException {
        return Converter.expand(List.of(DATA), new ArrayList<>()).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void convertsToItsGoldenGraph(Path sample) throws IOException {
        Path golden = GOLDEN.resolve(DATA.relativize(sample).toString().replaceAll("\\.(txt|md)$", ".ttl"));
        Model actual = TestGraphs.convert(sample);
        if (Boolean.getBoolean("kvgraph.regenerate")) {
            Files.createDirectories(golden.getParent());
            try (RdfOutput out = RdfOutput.open(golden)) {
                new Converter(new org.kvgraph.rdf.Uris(org.kvgraph.rdf.Uris.DEFAULT_BASE), true)
                        .convert(List.of(sample), out.stream(), false);
                out.commit();
            }
        }
        assertTrue(Files.exists(golden), "no golden file " + golden + " (run with -Dkvgraph.regenerate=true and review it)");
        Validator.Report report = new Validator().validate(actual.getGraph());
        assertTrue(report.conforms(), sample + " does not conform to the shapes:\n" + report.results());
        Model expected = RDFDataMgr.loadModel(golden.toString());
        if (!expected.isIsomorphicWith(actual)) {
            fail("converted graph differs from " + golden + "\n--- expected\n" + sorted(expected) + "\n--- actual\n" + sorted(actual));
        }
    }

    private static String sorted(Model m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RDFDataMgr.write(bytes, m, Lang.NTRIPLES);
        return bytes.toString(StandardCharsets.UTF_8).lines().sorted().reduce("", (a, b) -> a + b + "\n");
    }
}
