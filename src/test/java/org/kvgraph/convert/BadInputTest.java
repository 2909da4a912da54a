package org.kvgraph.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kvgraph.TestGraphs;
import org.kvgraph.rdf.Uris;

/**
 * Each bad input gives its own error (FILE:LINE: reason) and the good input converted in the same run is
 * still converted, whole. The cases and their expected errors are listed in bad/*&#47;expected.tsv.
 */
class BadInputTest {
    static final Path SEED = Path.of("data/seed/000_4eec038f78b129de.txt");

    static Stream<Arguments> cases() throws IOException {
        Stream<Arguments> all = Stream.empty();
        try (Stream<Path> dirs = Files.list(Path.of("src/test/resources/bad"))) {
            for (Path dir : dirs.sorted().toList()) {
                List<Arguments> rows = Files.readAllLines(dir.resolve("expected.tsv"), StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.startsWith("#") && !l.isBlank())
                        .map(l -> l.split("\t"))
                        .map(f -> Arguments.of(dir.resolve(f[0]), Integer.parseInt(f[1]), f[2]))
                        .toList();
                all = Stream.concat(all, rows.stream());
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsReportedAndTheGoodOneStillConverts(Path bad, int line, String reason) {
        Model alone = TestGraphs.convert(SEED);
        Model m = ModelFactory.createDefaultModel();
        List<Problem> problems = new Converter(new Uris(Uris.DEFAULT_BASE), false)
                .convert(List.of(bad, SEED), StreamRDFLib.graph(m.getGraph()), false);
        assertEquals(1, problems.size(), problems.toString());
        Problem p = problems.get(0);
        assertEquals(bad.toString(), p.file());
        assertEquals(line, p.line(), p.toString());
        assertTrue(p.reason().contains(reason), p.toString());
        assertTrue(p.toString().startsWith(bad + ":" + line + ": "), p.toString());
        assertTrue(alone.isIsomorphicWith(m), "the good document's triples are all there, and nothing of the bad one");
    }
}
