package org.kvgraph.source;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.kvgraph.model.Location;

/**
 * Reads one page of the Tweede Kamer SyncFeed ({@code https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed}):
 * an Atom feed whose entries each carry one tkData v1-0 entity ({@code <zaak id=".." tk:bijgewerkt=".."
 * tk:verwijderd="false">}, {@code <zaakActor>}, {@code <document>}, …) in their {@code <content>}, and a
 * {@code <link rel="next">} with the {@code skiptoken} of the next page. Fields are the entity's child elements
 * with text; relations are child elements with a {@code ref} attribute. Elements are matched by local name, so
 * a page whose namespaces were lost still reads.
 *
 * <p>A page alone rarely holds a whole case (the feed sends Zaak, ZaakActor and Document entities separately);
 * {@link SyncFeedStore} joins the entities of many pages into cases.
 *
 * <pre>{@code
 * SyncFeedReader.Page page = SyncFeedReader.page(SourceDocument.read(path, name));
 * store.addAll(page.entities());
 * String next = page.skiptoken();
 * }</pre>
 */
public final class SyncFeedReader {
    private static final Pattern SKIPTOKEN = Pattern.compile("[?&]skiptoken=([^&]+)");

    private SyncFeedReader() {
    }

    /** One tkData entity: its element name ("zaak"), id, last change, deletion flag, fields and relations. */
    public record Entity(String type, String id, String updated, boolean deleted, Map<String, String> fields,
            Map<String, List<String>> refs, Location at) {
        public Entity {
            fields = Map.copyOf(fields);
            refs = Map.copyOf(refs);
        }

        /** The first relation of that name ("zaak" → the Zaak's id), or null. */
        public String ref(String name) {
            List<String> r = refs.get(name);
            return r == null || r.isEmpty() ? null : r.get(0);
        }
    }

    /** The entities of a page, in feed order, and the address of the next page (null on the last). */
    public record Page(List<Entity> entities, String next) {
        public Page {
            entities = List.copyOf(entities);
        }

        /** The skiptoken of the next page, or null. */
        public String skiptoken() {
            if (next == null) {
                return null;
            }
            Matcher m = SKIPTOKEN.matcher(next);
            return m.find() ? m.group(1) : null;
        }
    }

    /**
     * A reader of one page on its own, for {@code kvgraph convert} given a single page: only the cases whose
     * entities are all on that page come out whole. The converter joins all pages given to it instead.
     */
    public static SourceReader pageReader() {
        return new SourceReader() {
            @Override
            public String layout() {
                return "tk-syncfeed";
            }

            @Override
            public boolean accepts(SourceDocument document) {
                return looksLikeFeed(document.text());
            }

            @Override
            public void read(SourceDocument document, RecordSink sink) throws ParseException {
                SyncFeedStore store = new SyncFeedStore();
                store.addAll(page(document).entities());
                List<ParseException> problems = new ArrayList<>();
                List<org.kvgraph.model.QuestionSet> sets = store.sets(problems);
                if (!problems.isEmpty()) {
                    throw problems.get(0);
                }
                sets.forEach(sink::questionSet);
            }
        };
    }

    /** Whether a text is an Atom feed of tkData entities (looks at its start only). */
    public static boolean looksLikeFeed(String text) {
        String head = text.substring(0, Math.min(text.length(), 4000));
        return head.contains("<feed") && (head.contains("SyncFeed") || head.contains("tkData"));
    }

    /** Reads a page; malformed XML or an entity without id gives a {@link ParseException} at its line. */
    public static Page page(SourceDocument document) throws ParseException {
        String file = document.name();
        XMLStreamReader r;
        try {
            r = factory().createXMLStreamReader(new StringReader(document.text()));
        } catch (XMLStreamException e) {
            throw new ParseException(file, 1, "not XML: " + e.getMessage(), e);
        }
        List<Entity> entities = new ArrayList<>();
        String next = null;
        boolean sawFeed = false;
        try {
            int depthInContent = -1;
            int depth = 0;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.DTD) {
                    // Refused outright, not merely ignored: a feed has no DOCTYPE, and one is how XXE and entity
                    // expansion ("billion laughs") attacks begin.
                    throw new ParseException(file, line(r), "DOCTYPE not allowed: a SyncFeed page has none (external entities and entity expansion are refused)");
                }
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = r.getLocalName();
                    if (depth == 1) {
                        if (!"feed".equals(name)) {
                            throw new ParseException(file, line(r), "not an Atom feed: the root element is <" + name + ">");
                        }
                        sawFeed = true;
                    } else if ("link".equals(name) && depthInContent < 0 && "next".equals(r.getAttributeValue(null, "rel"))) {
                        next = r.getAttributeValue(null, "href");
                    } else if ("content".equals(name) && depthInContent < 0) {
                        depthInContent = depth;
                    } else if (depthInContent >= 0 && depth == depthInContent + 1) {
                        entities.add(entity(r, file));
                        depth--; // entity() consumed the end tag
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    if (depth == depthInContent) {
                        depthInContent = -1;
                    }
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() != null ? Math.max(1, e.getLocation().getLineNumber()) : 1;
            throw new ParseException(file, line, "malformed XML: " + e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", ""), e);
        }
        if (!sawFeed) {
            throw new ParseException(file, 1, "not an Atom feed");
        }
        return new Page(entities, next);
    }

    private static Entity entity(XMLStreamReader r, String file) throws XMLStreamException, ParseException {
        int line = line(r);
        String type = r.getLocalName();
        String id = attribute(r, "id");
        String updated = attribute(r, "bijgewerkt");
        boolean deleted = "true".equals(attribute(r, "verwijderd"));
        if (id == null) {
            throw new ParseException(file, line, "<" + type + "> without id");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, List<String>> refs = new LinkedHashMap<>();
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (depth == 2) {
                    String name = r.getLocalName();
                    String ref = r.getAttributeValue(null, "ref");
                    if (ref != null) {
                        refs.computeIfAbsent(name, k -> new ArrayList<>()).add(ref);
                    } else if (!"true".equals(r.getAttributeValue(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "nil"))) {
                        String text = r.getElementText().strip(); // consumes the end tag
                        depth--;
                        if (!text.isEmpty()) {
                            fields.put(name, text);
                        }
                    }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return new Entity(type, id, updated, deleted, fields, refs, new Location(file, line));
    }

    /** An attribute by local name, in any namespace or none ("tk:verwijderd" or "verwijderd"). */
    private static String attribute(XMLStreamReader r, String local) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (local.equals(r.getAttributeLocalName(i))) {
                return r.getAttributeValue(i);
            }
        }
        return null;
    }

    private static int line(XMLStreamReader r) {
        return Math.max(1, r.getLocation().getLineNumber());
    }

    /** No DTDs and no external entities: a feed from the network is not trusted. */
    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return f;
    }
}
