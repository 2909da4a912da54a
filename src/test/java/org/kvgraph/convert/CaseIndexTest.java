package org.kvgraph.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.synth.SyntheticCorpus;

class CaseIndexTest {
    @TempDir
    Path tmp;

    @Test
    void askersAreKeptWithEveryFieldWhateverItsCharacters() {
        List<org.kvgraph.model.Person> persons = List.of(
                new org.kvgraph.model.Person("Kostić", null, "I.", "PVV", null),
                new org.kvgraph.model.Person("Van der Wal-Zeggelink", "Helma", null, null, "a1b2-c3"),
                new org.kvgraph.model.Person("na\u001bam\u001fmet\u001escheiders", "", "\u001b0", "D66", ""));
        assertEquals(persons, CaseIndex.Askers.decode(CaseIndex.Askers.encode(persons)));
        assertEquals(List.of(), CaseIndex.Askers.decode(CaseIndex.Askers.encode(List.of())));
    }

    @Test
    void theIndexIsTheSameReadOnOneThreadOrSeveral() throws Exception {
        SyntheticCorpus.generate(new SyntheticCorpus.Config(300, 8), tmp);
        List<Path> files = Converter.expand(List.of(tmp), new ArrayList<>());
        try (CaseIndex one = CaseIndex.build(files, 1); CaseIndex three = CaseIndex.build(files, 3)) {
            sameIndex(one, three);
        }
    }

    private void sameIndex(CaseIndex one, CaseIndex three) throws Exception {
        assertEquals(300, one.cases());
        assertEquals(one.cases(), three.cases());
        List<String> publications = new ArrayList<>();
        try (var walk = Files.walk(tmp.resolve("aanhangsel"))) {
            walk.filter(Files::isRegularFile).forEach(p -> publications.add(
                    p.getFileName().toString().replaceFirst("^synthetic-", "").replaceFirst("\\.txt$", "")));
        }
        int known = 0;
        for (String id : publications) {
            assertEquals(one.caseOf(id), three.caseOf(id), id);
            known += one.caseOf(id) == null ? 0 : 1;
        }
        assertEquals(publications.size(), known, "every Aanhangsel answer of the corpus is in its case");
        assertNull(one.caseOf("ah-tk-19001901-1"));
    }
}
