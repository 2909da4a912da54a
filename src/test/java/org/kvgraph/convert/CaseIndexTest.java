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
    void theTextPoolGivesBackEveryStringWhateverItsLengthOrScript() {
        CaseIndex.TextPool pool = new CaseIndex.TextPool();
        List<String> texts = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String s = i % 3 == 0 ? "" : "Vragen over ‘de één’ – " + "x".repeat(i) + " €" + i;
            texts.add(s);
            at.add(pool.add(s));
        }
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(texts.get(i), pool.get(at.get(i)));
        }
    }

    @Test
    void theIndexIsTheSameReadOnOneThreadOrSeveral() throws Exception {
        SyntheticCorpus.generate(new SyntheticCorpus.Config(300, 8), tmp);
        List<Path> files = Converter.expand(List.of(tmp), new ArrayList<>());
        CaseIndex one = CaseIndex.build(files, 1);
        CaseIndex three = CaseIndex.build(files, 3);
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
