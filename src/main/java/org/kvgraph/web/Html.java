package org.kvgraph.web;

/**
 * Server-rendered HTML: escaping, and the frame every page shares (a small inline style sheet, the navigation,
 * no external files, so the pages work offline). Every piece of text from the data goes through
 * {@link #esc(String)}; nothing from the data is ever put into a script.
 */
final class Html {
    private Html() {
    }

    /** Text or an attribute value, escaped for HTML. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A link, its text and target both escaped. */
    static String a(String href, String text) {
        return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
    }

    static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;line-height:1.45}
            header{background:#154273;color:#fff;padding:.6em 1.5em}
            header a{color:#fff;margin-right:1.2em;text-decoration:none;font-weight:600}
            main{max-width:72em;margin:0 auto;padding:1em 1.5em 3em}
            h1{font-size:1.6em;margin:.4em 0}
            h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;margin:.5em 0}
            td,th{border:1px solid #ddd;padding:.3em .6em;vertical-align:top;text-align:left}
            th{background:#f3f5f8}
            code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
            .qa{display:grid;grid-template-columns:1fr 1fr;gap:.8em;margin:.8em 0}
            .qa>div{border:1px solid #ddd;border-radius:4px;padding:.6em .8em}
            .qa .q{background:#f7f9fc}.qa .a{background:#f6fbf4}
            .qa h3{font-size:1em;margin:0 0 .3em}
            .muted{color:#666}.num{text-align:right}
            ul.plain{padding-left:1.2em}
            """;

    /** A whole page: title, navigation, body. The title is escaped here; the body is HTML already. */
    static String page(String title, String body) {
        return page(title, "", body);
    }

    static String page(String title, String head, String body) {
        return "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + esc(title) + " · kvgraph</title>\n<style>" + STYLE + "</style>\n" + head
                + "</head>\n<body>\n<header><a href=\"/\">kvgraph</a><a href=\"/sparql\">SPARQL</a>"
                + "<a href=\"/dataset\">Dataset</a><a href=\"/def\">Ontologie</a>"
                + "<a href=\"/download/\">Downloads</a><a href=\"/stats\">Statistiek</a></header>\n<main>\n" + body + "\n</main>\n</body>\n</html>\n";
    }
}
