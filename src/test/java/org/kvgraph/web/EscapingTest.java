package org.kvgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvgraph.rdf.Uris;
import org.kvgraph.store.Inputs;
import org.kvgraph.store.Store;

/** Text from the documents is shown as text: a question holding markup does not become markup on any page. */
class EscapingTest {
    static final String EVIL = "<script>alert(\"kv\")</script><img src=x onerror=alert(1)> & co";

    @TempDir
    Path tmp;

    @Test
    void aQuestionWithAScriptElementIsShownAsText() throws IOException {
        Path seed = Path.of("data/seed/000_4eec038f78b129de.txt");
        String text = Files.readString(seed, StandardCharsets.UTF_8);
        assertTrue(text.contains("Heeft Microsoft stappen ondernomen"));
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve(seed.getFileName()), text.replace("Heeft Microsoft stappen ondernomen",
                EVIL + " Heeft Microsoft stappen ondernomen"), StandardCharsets.UTF_8);
        Store store = new Store(tmp.resolve("db"));
        store.load(Inputs.of(List.of(in)), Uris.DEFAULT_BASE, true, new PrintWriter(new StringWriter()));
        try (KvServer server = KvServer.start(store, KvServer.Options.defaults().withPort(0).withTimeout(10))) {
            String root = "http://localhost:" + server.port();
            // the data holds the markup as it was written
            String nt = Http.get(root + "/id/question-set/2025Z10267/question/2", "application/n-triples").body();
            assertTrue(nt.contains("<script>alert(\\\"kv\\\")</script>"), nt);
            for (String page : List.of("/id/question-set/2025Z10267", "/id/question-set/2025Z10267/question/2",
                    "/graph/000_4eec038f78b129de.txt")) {
                String html = Http.get(root + page, "text/html").body();
                assertFalse(html.contains("<script>alert"), page);
                assertFalse(html.contains("<img src=x"), page);
                assertFalse(html.contains("<script"), page + ": no script element at all on a resource page");
            }
            String set = Http.get(root + "/id/question-set/2025Z10267", "text/html").body();
            assertTrue(set.contains("&lt;script&gt;alert(&quot;kv&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; co"
                    + " Heeft Microsoft"), "shown as text, beside its answer");
            assertEquals(1, set.split("&lt;script&gt;", -1).length - 1);
        }
    }
}
