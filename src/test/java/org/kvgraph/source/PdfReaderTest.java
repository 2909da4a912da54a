package org.kvgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.rdf.model.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kvgraph.TestGraphs;
import org.kvgraph.convert.Converter;
import org.kvgraph.convert.Readers;
import org.kvgraph.model.Answer;
import org.kvgraph.model.Question;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.model.Response;
import org.kvgraph.rdf.Uris;

/**
 * Each of the 21 real Aanhangsel PDFs ({@code src/test/resources/pdf/<TK Document Id>.pdf}) read through PDFBox
 * gives the same records as its poppler {@code pdftotext} text ({@code data/aanhangsel/pdftotext/<same id>.txt}).
 *
 * <p>Where the two extractions legitimately differ, and what is asserted instead:
 * <ul>
 * <li><b>Tables</b>: PDFBox gives a table row by row, {@code pdftotext} column by column, so the cells of a
 * table inside an answer come in another order. For the answers listed in {@link #TABLES} the same words must
 * occur the same number of times; every other text must be equal.</li>
 * <li><b>A hyphen at a line end before a capital</b> ("Joseph-" / "Agema"): {@code pdftotext} drops it
 * ("JosephAgema"), PDFBox text keeps it ("Joseph-Agema"), as it is a real hyphen. Texts are compared with a
 * hyphen between a letter and a capital taken out on both sides; nothing else is normalised beyond white
 * space.</li>
 * </ul>
 * Everything else (numbers, askers, offices, dates, signatories, citations, publication id) must be equal.
 */
class PdfReaderTest {
    private static final Path PDF = Path.of("src/test/resources/pdf");
    private static final Path TEXT = Path.of("data/aanhangsel/pdftotext");

    /** Answers with a table, by PDF and first question answered. */
    private static final Map<String, Set<Integer>> TABLES = Map.of("00fe7edd-24c8-4857-98da-774ed3b06836", Set.of(6));

    static Stream<String> pdfs() throws IOException {
        try (Stream<Path> s = Files.list(PDF)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pdf"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    @Test
    void all21PdfsAreHereAndEachHasItsText() throws IOException {
        List<String> ids = pdfs().toList();
        assertEquals(21, ids.size());
        for (String id : ids) {
            assertTrue(Files.exists(TEXT.resolve(id + ".txt")), id);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pdfs")
    void pdfGivesTheSameRecordsAsItsPdftotextText(String id) throws Exception {
        Path pdf = PDF.resolve(id + ".pdf");
        byte[] bytes = Files.readAllBytes(pdf);
        assertTrue(PdfReader.isPdf(bytes));
        SourceDocument extracted = PdfReader.extract(bytes, pdf.toString());
        assertTrue(extracted.text().indexOf('\f') >= 0, "pages separated by form feeds");
        QuestionSet fromPdf = read(extracted);
        QuestionSet fromText = read(SourceDocument.read(TEXT.resolve(id + ".txt"), id + ".txt"));

        assertEquals(fromText.askers(), fromPdf.askers());
        assertEquals(fromText.addressedTo(), fromPdf.addressedTo());
        assertEquals(fromText.title(), fromPdf.title());
        assertEquals(fromText.submittedOn(), fromPdf.submittedOn());
        assertEquals(fromText.citations(), fromPdf.citations());
        assertEquals(fromText.key(), fromPdf.key());

        assertEquals(fromText.questions().stream().map(Question::number).toList(),
                fromPdf.questions().stream().map(Question::number).toList());
        for (int i = 0; i < fromText.questions().size(); i++) {
            Question t = fromText.questions().get(i);
            Question p = fromPdf.questions().get(i);
            assertEquals(normalised(t.text()), normalised(p.text()), "question " + t.number());
            assertEquals(t.citations(), p.citations(), "citations of question " + t.number());
        }

        assertEquals(1, fromPdf.responses().size());
        Response rt = fromText.responses().get(0);
        Response rp = fromPdf.responses().get(0);
        assertEquals(rt.kind(), rp.kind());
        assertEquals(rt.publicationId(), rp.publicationId());
        assertEquals(rt.receivedOn(), rp.receivedOn());
        assertEquals(rt.signatories(), rp.signatories());
        assertEquals(rt.onBehalfOf(), rp.onBehalfOf());
        assertEquals(rt.seeAlso(), rp.seeAlso());
        assertEquals(rt.reference(), rp.reference());
        assertEquals(rt.citations(), rp.citations());
        assertEquals(rt.answers().stream().map(Answer::questionNumbers).toList(),
                rp.answers().stream().map(Answer::questionNumbers).toList());
        Set<Integer> tables = TABLES.getOrDefault(id, Set.of());
        for (int i = 0; i < rt.answers().size(); i++) {
            Answer t = rt.answers().get(i);
            Answer p = rp.answers().get(i);
            String what = "answer " + t.firstQuestion();
            if (tables.contains(t.firstQuestion())) {
                assertNotEquals(normalised(t.text()), normalised(p.text()), what + " is no longer a table difference: take it off TABLES");
                assertEquals(words(t.text()), words(p.text()), what + " (a table: same words, any order)");
            } else {
                assertEquals(normalised(t.text()), normalised(p.text()), what);
            }
            assertEquals(t.citations(), p.citations(), "citations of " + what);
        }
    }

    /** Where the records agree completely, so do the graphs (apart from which file they were derived from). */
    @Test
    void aPdfAndItsTextGiveTheSameGraph() throws IOException {
        String id = "01bf9f06-42d0-48a6-a85f-12c9c8e14c57";
        Model pdf = TestGraphs.convert(PDF.resolve(id + ".pdf"));
        Model text = TestGraphs.convert(TEXT.resolve(id + ".txt"));
        Uris uris = new Uris(Uris.DEFAULT_BASE);
        Model renamed = ModelFactory.createDefaultModel();
        var pdfSource = ResourceFactory.createResource(uris.source(id + ".pdf").getURI());
        var textSource = ResourceFactory.createResource(uris.source(id + ".txt").getURI());
        for (Statement st : pdf.listStatements().toList()) {
            var s = st.getSubject().equals(pdfSource) ? textSource : st.getSubject();
            var o = st.getObject().equals(pdfSource) ? textSource
                    : st.getObject().isLiteral() && st.getString().equals(id + ".pdf") ? ResourceFactory.createPlainLiteral(id + ".txt")
                    : st.getObject();
            renamed.add(s, st.getPredicate(), o);
        }
        assertTrue(renamed.size() > 50);
        assertTrue(renamed.isIsomorphicWith(text), "the PDF's graph differs from its text's");
    }

    /** The format is recognised from the content: a PDF under another name, a text under a .pdf name. */
    @Test
    void formatIsRecognisedFromTheContent(@TempDir Path tmp) throws Exception {
        String id = "01bf9f06-42d0-48a6-a85f-12c9c8e14c57";
        Path pdfAsTxt = tmp.resolve("answer.txt");
        Files.copy(PDF.resolve(id + ".pdf"), pdfAsTxt);
        Path textAsPdf = tmp.resolve("answer.pdf");
        Files.copy(TEXT.resolve(id + ".txt"), textAsPdf);
        assertEquals(texts(Converter.read(PDF.resolve(id + ".pdf"))), texts(Converter.read(pdfAsTxt)));
        assertEquals(texts(Converter.read(TEXT.resolve(id + ".txt"))), texts(Converter.read(textAsPdf)));
        assertFalse(PdfReader.isPdf("Tweede Kamer %PDF-".repeat(100).getBytes(StandardCharsets.UTF_8)), "a text that mentions the magic is no PDF");
        assertTrue(PdfReader.isPdf(("\n\n" + "%PDF-1.7").getBytes(StandardCharsets.US_ASCII)));
    }

    /** A folder is searched for PDFs too. */
    @Test
    void foldersAreSearchedForPdfs() {
        List<Path> files = Converter.expand(List.of(PDF), new ArrayList<>());
        assertEquals(21, files.size());
    }

    @Test
    void pdftotextConventions() {
        assertEquals("regenboogprovincie te\nJoseph-\nAgema", PdfReader.dehyphenate("regen-  \nboogprovincie te \nJoseph-\nAgema"));
    }

    private static QuestionSet read(SourceDocument doc) throws ParseException {
        SourceReader reader = Readers.forDocument(doc).orElseThrow(() -> new AssertionError("no reader for " + doc.name()));
        List<QuestionSet> sets = new ArrayList<>();
        reader.read(doc, sets::add);
        assertEquals(1, sets.size());
        return sets.get(0);
    }

    private static List<String> texts(List<QuestionSet> sets) {
        assertEquals(1, sets.size());
        return sets.get(0).questions().stream().map(Question::text).toList();
    }

    private static String normalised(String s) {
        return s.replaceAll("(?<=\\p{L})-(?=\\p{Lu})", "").replaceAll("\\s+", " ").strip();
    }

    private static List<String> words(String s) {
        String[] w = normalised(s).split(" ");
        Arrays.sort(w);
        return List.of(w);
    }
}
