package org.kvgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages keep Dutch diacritics on a machine whose default charset is ASCII (no UTF-8 locale). */
class OutputEncodingTest {
    @Test
    void errorsAreWrittenAsUtf8WhateverTheDefaultCharset(@TempDir Path tmp) throws Exception {
        Path letter = tmp.resolve("letter.txt");
        Files.writeString(letter, """
                Geachte Voorzitter,

                Hierbij bied ik u de antwoorden aan op de schriftelijke vragen gesteld door de leden Kostić over het
                bericht "Test". Deze vragen werden ingezonden op 22 mei 2025 met kenmerk 2025Z10267.

                Vraag 1
                Is de minister geïnformeerd?

                Antwoord
                Ja.
                """, StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Dfile.encoding=US-ASCII", "-Dsun.stdout.encoding=US-ASCII",
                "-Dsun.stderr.encoding=US-ASCII", "-cp", System.getProperty("java.class.path"), Kvgraph.class.getName(),
                "convert", "-o", tmp.resolve("out.ttl").toString(), letter.toString()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), output);
        assertTrue(output.contains("no askers with party in \"Kostić\""), output);
    }
}
