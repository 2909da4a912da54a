package org.kvgraph.convert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.kvgraph.model.Location;
import org.kvgraph.model.Person;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.model.Response;
import org.kvgraph.source.ParseException;
import org.kvgraph.source.SourceDocument;
import org.kvgraph.source.SyncFeedReader;
import org.kvgraph.source.SyncFeedStore;
import org.kvgraph.source.TkODataReader;
import org.kvgraph.source.TkRegistry;

/**
 * What the Tweede Kamer data says about cases, for merging a text into its case: which case each Aanhangsel
 * publication answers (Document.Aanhangselnummer → Zaak.Nummer) and who asked each case (its ZaakActors). Built
 * in a first pass over the OData inputs, which are small; documents are then converted one at a time with it.
 * SyncFeed pages are joined here too (the feed sends a case's Zaak, ZaakActors and Documents as separate
 * entities, often on separate pages): their sets are kept by the page their Zaak entity is on.
 *
 * <pre>{@code
 * CaseIndex index = CaseIndex.build(files);   // reads only the OData JSON among them
 * QuestionSet merged = index.resolve(setReadFromAText);
 * }</pre>
 */
public final class CaseIndex {
    /** How much of a file is looked at to tell whether it is OData JSON. */
    private static final int HEAD = 8192;

    private final Map<String, String> caseByPublication = new HashMap<>();
    private final Map<String, List<Person>> askersByCase = new LinkedHashMap<>();
    private final Map<String, LocalDate> submittedByCase = new HashMap<>();
    private final Map<String, String> titleByCase = new HashMap<>();
    private final Map<String, LocalDate> receivedByPublication = new HashMap<>();
    private final Map<String, List<QuestionSet>> feedPages = new LinkedHashMap<>();
    private final Map<String, ParseException> feedProblems = new HashMap<>();
    private final TkRegistry registry = new TkRegistry();
    private final Map<String, ParseException> registryFiles = new LinkedHashMap<>();

    /** An index that knows nothing: sets pass through unchanged. */
    public static CaseIndex empty() {
        return new CaseIndex();
    }

    /**
     * Reads the OData inputs among the files. A file that cannot be read is left out here: the conversion
     * itself reports it.
     */
    public static CaseIndex build(List<Path> files) {
        CaseIndex index = new CaseIndex();
        TkODataReader reader = new TkODataReader();
        SyncFeedStore feed = new SyncFeedStore();
        for (Path file : files) {
            String head = head(file);
            if (TkRegistry.looksLikeOData(head)) {
                index.registryFiles.put(file.toString(), null);
                try {
                    index.registry.readOData(SourceDocument.read(file, file.toString()));
                } catch (ParseException e) {
                    index.registryFiles.put(file.toString(), e);
                } catch (IOException e) {
                    index.registryFiles.put(file.toString(), new ParseException(file.toString(), 1, "cannot read: " + e.getMessage(), e));
                }
                continue;
            }
            if (SyncFeedReader.looksLikeFeed(head)) {
                index.feedPages.put(file.toString(), new ArrayList<>());
                try {
                    feed.addAll(SyncFeedReader.page(SourceDocument.read(file, file.toString())).entities());
                } catch (ParseException e) {
                    index.feedProblems.put(file.toString(), e);
                } catch (RuntimeException e) {
                    index.feedProblems.put(file.toString(), new ParseException(file.toString(), 1, "internal error in tk-syncfeed reader: " + e, e));
                } catch (IOException e) {
                    index.feedProblems.put(file.toString(), new ParseException(file.toString(), 1, "cannot read: " + e.getMessage(), e));
                }
                continue;
            }
            if (!reader.accepts(new SourceDocument(file.toString(), head))) {
                continue;
            }
            try {
                SourceDocument doc = SourceDocument.read(file, file.toString());
                reader.read(doc, index::add);
            } catch (ParseException | IOException | RuntimeException e) {
                // reported when the file is converted (a reader's RuntimeException too, as an internal error)
            }
        }
        if (!index.feedPages.isEmpty()) {
            for (SyncFeedReader.Entity e : feed.latest()) {
                try {
                    index.registry.addFeedEntity(e);
                } catch (ParseException problem) {
                    index.feedProblems.putIfAbsent(problem.file(), problem);
                }
            }
            List<ParseException> problems = new ArrayList<>();
            for (QuestionSet set : feed.sets(problems)) {
                index.add(set);
                index.feedPages.computeIfAbsent(set.source().file(), k -> new ArrayList<>()).add(set);
            }
            for (ParseException e : problems) {
                index.feedProblems.putIfAbsent(e.file(), e);
            }
        }
        return index;
    }

    /** Whether the file is a SyncFeed page read in the first pass: its sets come from {@link #feedSets}. */
    public boolean isFeedPage(Path file) {
        return feedPages.containsKey(file.toString());
    }

    /**
     * The sets whose Zaak entity is on this SyncFeed page, joined with the ZaakActors and Documents of all the
     * pages; or the problem met reading the page (or one of its Zaken).
     */
    public List<QuestionSet> feedSets(Path file) throws ParseException {
        ParseException problem = feedProblems.get(file.toString());
        if (problem != null) {
            throw problem;
        }
        return feedPages.getOrDefault(file.toString(), List.of());
    }

    /** Whether the file is a registry payload (Persoon, Fractie, FractieZetel, FractieZetelPersoon) read in the first pass. */
    public boolean isRegistryFile(Path file) {
        return registryFiles.containsKey(file.toString());
    }

    /** The problem met reading a registry file in the first pass, or null. */
    public ParseException registryProblem(Path file) {
        return registryFiles.get(file.toString());
    }

    /** The Tweede Kamer registry of members and parties read from the inputs (empty when none was given). */
    public TkRegistry registry() {
        return registry;
    }

    /** Adds what one Tweede Kamer set says: its publications and its askers. */
    public void add(QuestionSet set) {
        if (set.caseNumber() == null) {
            return;
        }
        if (set.submittedOn() != null) {
            submittedByCase.putIfAbsent(set.caseNumber(), set.submittedOn());
        }
        if (set.title() != null) {
            titleByCase.putIfAbsent(set.caseNumber(), set.title());
        }
        for (Response r : set.responses()) {
            if (r.publicationId() != null) {
                caseByPublication.putIfAbsent(r.publicationId(), set.caseNumber());
                if (r.receivedOn() != null) {
                    receivedByPublication.putIfAbsent(r.publicationId(), r.receivedOn());
                }
            }
        }
        List<Person> askers = askersByCase.computeIfAbsent(set.caseNumber(), k -> new ArrayList<>());
        for (Person p : set.askers()) {
            if (!askers.contains(p)) {
                askers.add(p);
            }
        }
    }

    /** How many cases the Tweede Kamer inputs hold. */
    public int cases() {
        return askersByCase.size();
    }

    /** The case an Aanhangsel publication answers ("ah-tk-20232024-1314" → "2024Z03568"), or null. */
    public String caseOf(String publicationId) {
        return caseByPublication.get(publicationId);
    }

    /**
     * The set with what the index knows: the case number of its publication when the text has none (so its URIs
     * are the case's), and each asker that matches exactly one actor of the case (same family name and party)
     * known by that actor's Tweede Kamer id. Askers that match none or several actors are kept as they are.
     */
    public QuestionSet resolve(QuestionSet set) {
        return resolve(set, p -> { });
    }

    /**
     * As {@link #resolve(QuestionSet)}, and a document's date that disagrees with the Tweede Kamer data (its
     * "ingezonden" date with the Zaak's GestartOp, a response's "ontvangen" date with its Document's Datum) is
     * reported to {@code notices} at the document's place and left out, so the case keeps one date: the Tweede
     * Kamer's.
     */
    public QuestionSet resolve(QuestionSet set, Consumer<Problem> notices) {
        QuestionSet merged = fromRegistry(merge(set), notices);
        if (merged.tkId() != null || merged.caseNumber() == null) {
            return merged; // Tweede Kamer data itself, or a set the data does not know
        }
        LocalDate submitted = submittedByCase.get(merged.caseNumber());
        if (submitted != null && merged.submittedOn() != null && !submitted.equals(merged.submittedOn())) {
            notices.accept(new Problem(merged.source().file(), merged.source().line(), "disagrees with the Tweede Kamer data: "
                    + "ingezonden " + merged.submittedOn() + ", but case " + merged.caseNumber() + " started on " + submitted
                    + " (GestartOp); the latter is kept"));
            merged = merged.withSubmittedOn(null);
        }
        String tkTitle = titleByCase.get(merged.caseNumber());
        if (tkTitle != null && merged.title() != null && !tkTitle.equals(merged.title())) {
            if (sameTitle(tkTitle, merged.title())) {
                // The same subject printed another way (capital, quote marks): the case keeps one title, the Kamer's.
                merged = merged.withTitle(null);
            } else {
                // Both are kept (the set has two dcterms:title values), and the reader is told they differ.
                notices.accept(new Problem(merged.source().file(), merged.source().line(), "the title differs from the "
                        + "Tweede Kamer data: \"" + abbreviate(merged.title()) + "\" here, \"" + abbreviate(tkTitle)
                        + "\" (Onderwerp) for case " + merged.caseNumber() + "; the set has both"));
            }
        }
        List<Response> responses = new ArrayList<>();
        for (Response r : merged.responses()) {
            LocalDate received = r.publicationId() == null ? null : receivedByPublication.get(r.publicationId());
            if (received != null && r.receivedOn() != null && !received.equals(r.receivedOn())) {
                Location at = r.at() != null ? r.at() : merged.source();
                notices.accept(new Problem(at.file(), at.line(), "disagrees with the Tweede Kamer data: ontvangen "
                        + r.receivedOn() + ", but the Document of " + r.publicationId() + " is dated " + received
                        + " (Datum); the latter is kept"));
                r = r.withReceivedOn(null);
            }
            responses.add(r);
        }
        return merged.withResponses(responses);
    }

    private QuestionSet merge(QuestionSet set) {
        QuestionSet s = set;
        if (s.caseNumber() == null && s.key() != null && caseOf(s.key()) != null) {
            s = s.withCaseNumber(caseOf(s.key()));
        }
        List<Person> actors = s.caseNumber() == null ? null : askersByCase.get(s.caseNumber());
        if (actors == null || actors.isEmpty()) {
            return s;
        }
        List<Person> askers = new ArrayList<>();
        boolean changed = false;
        for (Person p : s.askers()) {
            Person actor = p.tkId() == null ? match(p, actors) : null;
            if (actor != null && (actor.tkId() != null || p.initials() == null && actor.initials() != null)) {
                askers.add(new Person(p.familyName(), p.givenName(),
                        p.initials() != null ? p.initials() : actor.initials(), p.party(), actor.tkId()));
                changed = true;
            } else {
                askers.add(p);
            }
        }
        return changed ? s.withAskers(askers) : s;
    }

    /**
     * Each asker the sources did not identify, resolved with the registry by family name, party and the set's date
     * (its submission, else the case's start, else its first response's receipt) to the one Tweede Kamer member of
     * that party on that date, known by the member's Persoon.Id. A name that fits none or several members is
     * reported to {@code notices} and left as it is. Without a registry, the set is returned unchanged.
     */
    private QuestionSet fromRegistry(QuestionSet s, Consumer<Problem> notices) {
        if (registry.isEmpty()) {
            return s;
        }
        LocalDate on = s.submittedOn();
        if (on == null && s.caseNumber() != null) {
            on = submittedByCase.get(s.caseNumber());
        }
        if (on == null) {
            on = s.responses().stream().map(Response::receivedOn).filter(Objects::nonNull).findFirst().orElse(null);
        }
        List<Person> askers = new ArrayList<>();
        boolean changed = false;
        for (Person p : s.askers()) {
            if (p.tkId() != null || p.party() == null) {
                askers.add(p);
                continue;
            }
            TkRegistry.Resolution r = registry.resolve(p, on);
            if (r.resolved()) {
                askers.add(new Person(p.familyName(), p.givenName(),
                        p.initials() != null ? p.initials() : r.member().initials(), p.party(), r.member().id()));
                changed = true;
            } else {
                notices.accept(new Problem(s.source().file(), s.source().line(), r.reason()));
                askers.add(p);
            }
        }
        return changed ? s.withAskers(askers) : s;
    }

    /** The one actor with the person's family name and party; null for none or several. */
    private static Person match(Person p, List<Person> actors) {
        Person found = null;
        for (Person a : actors) {
            if (key(a.familyName()).equals(key(p.familyName()))
                    && p.party() != null && a.party() != null && key(a.party()).equals(key(p.party()))) {
                if (found != null && !(Objects.equals(found.tkId(), a.tkId()) && Objects.equals(found.initials(), a.initials()))) {
                    return null; // two actors of the case fit: never guess
                }
                found = a;
            }
        }
        return found;
    }

    /** Titles that differ only in the case of their first letter, their quote marks, spaces or a final full stop. */
    static boolean sameTitle(String a, String b) {
        return titleKey(a).equals(titleKey(b));
    }

    private static String titleKey(String t) {
        String s = Normalizer.normalize(t, Normalizer.Form.NFC).strip().replaceAll("[‘’'“”\"«»„‚`´]", "\"")
                .replaceAll("\\s+", " ").replaceAll("[.\\s]+$", "");
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String abbreviate(String s) {
        return s.length() <= 90 ? s : s.substring(0, 87) + "…";
    }

    /** Names compared: NFC, lower case, without spaces ("Van Nispen", "van Nispen", "vanNispen"). */
    private static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    }

    /** Whether a file's content is Tweede Kamer OData JSON or a SyncFeed page (looks at its start only). */
    public static boolean isTweedeKamerData(Path file) {
        String head = head(file);
        return SyncFeedReader.looksLikeFeed(head) || TkRegistry.looksLikeOData(head) || new TkODataReader().accepts(new SourceDocument(file.toString(), head));
    }

    /** The start of a file as text, to tell its format; empty when it cannot be read. */
    static String head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(HEAD), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
