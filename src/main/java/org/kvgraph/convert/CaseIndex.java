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
import org.h2.mvstore.MVMap;
import org.kvgraph.model.Location;
import org.kvgraph.model.Person;
import org.kvgraph.model.QuestionSet;
import org.kvgraph.model.Response;
import org.kvgraph.model.SupplementedSet;
import org.kvgraph.source.ParseException;
import org.kvgraph.source.SourceDocument;
import org.kvgraph.source.SyncFeedReader;
import org.kvgraph.source.SyncFeedStore;
import org.kvgraph.source.TkODataReader;
import org.kvgraph.source.TkRegistry;
import org.kvgraph.spill.DiskMaps;

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
public final class CaseIndex implements AutoCloseable {
    /** How much of a file is looked at to tell whether it is OData JSON. */
    private static final int HEAD = 8192;


    // What is kept of every case and publication is looked up by key in maps on disk (DiskMaps), opened with the
    // first case, so the index takes the same memory for any number of cases: a case's submission (epoch day),
    // title and askers (encoded, see Askers), and each publication's case and receipt (epoch day).
    private DiskMaps disk;
    private MVMap<String, Integer> caseSubmitted;
    private MVMap<String, String> caseTitle;
    private MVMap<String, String> caseAskers;
    private MVMap<String, String> publicationCase;
    private MVMap<String, Integer> publicationReceived;
    private int cases;
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
        return build(files, 1);
    }

    /**
     * As {@link #build(List)}, with the files read on {@code threads} worker threads; what they hold is added in
     * file order, so the index is the same for any number of threads.
     */
    public static CaseIndex build(List<Path> files, int threads) {
        CaseIndex index = new CaseIndex();
        SyncFeedStore feed = new SyncFeedStore();
        InOrder.run(files, threads, CaseIndex::firstPass, (file, r) -> {
            switch (r.kind()) {
                case REGISTRY:
                    index.registryFiles.put(file.toString(), null);
                    try {
                        if (r.problem() != null) {
                            throw r.problem();
                        }
                        index.registry.readOData(r.document());
                    } catch (ParseException e) {
                        index.registryFiles.put(file.toString(), e);
                    }
                    break;
                case FEED:
                    index.feedPages.put(file.toString(), new ArrayList<>());
                    if (r.problem() != null) {
                        index.feedProblems.put(file.toString(), r.problem());
                    } else {
                        feed.addAll(r.entities());
                    }
                    break;
                case SETS:
                    r.sets().forEach(index::add);
                    break;
                default:
                    break;
            }
        });
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

    /** What the first pass takes from one file (read on a worker thread; nothing shared is touched). */
    private record FirstPass(Kind kind, SourceDocument document, List<SyncFeedReader.Entity> entities,
            List<QuestionSet> sets, ParseException problem) {
        enum Kind { REGISTRY, FEED, SETS, NONE }
    }

    private static FirstPass firstPass(Path file) {
        String head = head(file);
        if (TkRegistry.looksLikeOData(head)) {
            try {
                return new FirstPass(FirstPass.Kind.REGISTRY, SourceDocument.read(file, file.toString()), null, null, null);
            } catch (ParseException e) {
                return new FirstPass(FirstPass.Kind.REGISTRY, null, null, null, e);
            } catch (IOException e) {
                return new FirstPass(FirstPass.Kind.REGISTRY, null, null, null,
                        new ParseException(file.toString(), 1, "cannot read: " + e.getMessage(), e));
            }
        }
        if (SyncFeedReader.looksLikeFeed(head)) {
            try {
                List<SyncFeedReader.Entity> entities = SyncFeedReader.page(SourceDocument.read(file, file.toString())).entities();
                return new FirstPass(FirstPass.Kind.FEED, null, entities, null, null);
            } catch (ParseException e) {
                return new FirstPass(FirstPass.Kind.FEED, null, null, null, e);
            } catch (RuntimeException e) {
                return new FirstPass(FirstPass.Kind.FEED, null, null, null,
                        new ParseException(file.toString(), 1, "internal error in tk-syncfeed reader: " + e, e));
            } catch (IOException e) {
                return new FirstPass(FirstPass.Kind.FEED, null, null, null,
                        new ParseException(file.toString(), 1, "cannot read: " + e.getMessage(), e));
            }
        }
        TkODataReader reader = new TkODataReader();
        if (!reader.accepts(new SourceDocument(file.toString(), head))) {
            return new FirstPass(FirstPass.Kind.NONE, null, null, null, null);
        }
        List<QuestionSet> sets = new ArrayList<>();
        try {
            reader.read(SourceDocument.read(file, file.toString()), sets::add);
        } catch (ParseException | IOException | RuntimeException e) {
            // Reported when the file is converted (a reader's RuntimeException too, as an internal error); the
            // sets read before the failure are still indexed, as they always were.
        }
        return new FirstPass(FirstPass.Kind.SETS, null, null, sets, null);
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
        if (disk == null) {
            disk = DiskMaps.open();
            caseSubmitted = disk.map("case-submitted");
            caseTitle = disk.map("case-title");
            caseAskers = disk.map("case-askers");
            publicationCase = disk.map("publication-case");
            publicationReceived = disk.map("publication-received");
        }
        String c = set.caseNumber();
        String known = caseAskers.get(c);
        boolean isNew = known == null;
        if (isNew) {
            cases++;
            known = "";
        }
        if (set.submittedOn() != null) {
            caseSubmitted.putIfAbsent(c, (int) set.submittedOn().toEpochDay());
        }
        if (set.title() != null) {
            caseTitle.putIfAbsent(c, set.title());
        }
        for (Response r : set.responses()) {
            if (r.publicationId() != null) {
                publicationCase.putIfAbsent(r.publicationId(), c);
                if (r.receivedOn() != null) {
                    publicationReceived.putIfAbsent(r.publicationId(), (int) r.receivedOn().toEpochDay());
                }
            }
        }
        List<Person> askers = Askers.decode(known);
        List<Person> more = new ArrayList<>(askers);
        for (Person p : set.askers()) {
            if (!more.contains(p)) {
                more.add(p);
            }
        }
        if (isNew || more.size() > askers.size()) {
            caseAskers.put(c, Askers.encode(more));
        }
    }

    /** How many cases the Tweede Kamer inputs hold. */
    public int cases() {
        return cases;
    }

    /** The case an Aanhangsel publication answers ("ah-tk-20232024-1314" → "2024Z03568"), or null. */
    public String caseOf(String publicationId) {
        return disk == null ? null : publicationCase.get(publicationId);
    }

    private LocalDate submittedOf(String caseNumber) {
        Integer d = disk == null ? null : caseSubmitted.get(caseNumber);
        return d == null ? null : LocalDate.ofEpochDay(d);
    }

    private String titleOf(String caseNumber) {
        return disk == null ? null : caseTitle.get(caseNumber);
    }

    private LocalDate receivedOf(String publicationId) {
        Integer d = disk == null ? null : publicationReceived.get(publicationId);
        return d == null ? null : LocalDate.ofEpochDay(d);
    }

    private List<Person> askersOf(String caseNumber) {
        String a = disk == null ? null : caseAskers.get(caseNumber);
        return a == null ? null : Askers.decode(a);
    }

    /** Deletes the index's file. */
    @Override
    public void close() {
        if (disk != null) {
            disk.close();
            disk = null;
        }
    }

    /**
     * A list of persons as one string: each field escaped ({@code \u001b} before an escape or a separator
     * character), a null field as {@code \u001b0}, fields ended by {@code \u001f}, persons by {@code \u001e}.
     */
    static final class Askers {
        private static final char ESC = '\u001b';
        private static final char FIELD = '\u001f';
        private static final char PERSON = '\u001e';

        private Askers() {
        }

        static String encode(List<Person> persons) {
            StringBuilder b = new StringBuilder();
            for (Person p : persons) {
                for (String f : new String[] {p.familyName(), p.givenName(), p.initials(), p.party(), p.tkId()}) {
                    if (f == null) {
                        b.append(ESC).append('0');
                    } else {
                        for (int i = 0; i < f.length(); i++) {
                            char ch = f.charAt(i);
                            if (ch == ESC || ch == FIELD || ch == PERSON) {
                                b.append(ESC);
                            }
                            b.append(ch);
                        }
                    }
                    b.append(FIELD);
                }
                b.append(PERSON);
            }
            return b.toString();
        }

        static List<Person> decode(String s) {
            List<Person> persons = new ArrayList<>();
            List<String> fields = new ArrayList<>(5);
            StringBuilder f = new StringBuilder();
            boolean isNull = false;
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == ESC) {
                    char next = s.charAt(++i);
                    if (next == '0') {
                        isNull = true;
                    } else {
                        f.append(next);
                    }
                } else if (ch == FIELD) {
                    fields.add(isNull ? null : f.toString());
                    f.setLength(0);
                    isNull = false;
                } else if (ch == PERSON) {
                    persons.add(new Person(fields.get(0), fields.get(1), fields.get(2), fields.get(3), fields.get(4)));
                    fields.clear();
                } else {
                    f.append(ch);
                }
            }
            return persons;
        }
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
        QuestionSet merged = supplementsResolved(fromRegistry(merge(set), notices), notices);
        if (merged.tkId() != null || merged.caseNumber() == null) {
            return merged; // Tweede Kamer data itself, or a set the data does not know
        }
        LocalDate submitted = submittedOf(merged.caseNumber());
        if (submitted != null && merged.submittedOn() != null && !submitted.equals(merged.submittedOn())) {
            notices.accept(new Problem(merged.source().file(), merged.source().line(), "disagrees with the Tweede Kamer data: "
                    + "ingezonden " + merged.submittedOn() + ", but case " + merged.caseNumber() + " started on " + submitted
                    + " (GestartOp); the latter is kept"));
            merged = merged.withSubmittedOn(null);
        }
        String tkTitle = titleOf(merged.caseNumber());
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
            LocalDate received = r.publicationId() == null ? null : receivedOf(r.publicationId());
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
        List<Person> actors = s.caseNumber() == null ? null : askersOf(s.caseNumber());
        if (actors == null || actors.isEmpty()) {
            return s;
        }
        List<Person> askers = new ArrayList<>();
        boolean changed = false;
        for (Person p : s.askers()) {
            Person byActor = byActor(p, actors);
            askers.add(byActor != null ? byActor : p);
            changed |= byActor != null;
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
            on = submittedOf(s.caseNumber());
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
                askers.add(identified(p, r.member().initials(), r.member().id()));
                changed = true;
            } else {
                notices.accept(new Problem(s.source().file(), s.source().line(), r.reason()));
                askers.add(p);
            }
        }
        return changed ? s.withAskers(askers) : s;
    }

    /**
     * The earlier sets a set supplements ("ter aanvulling op eerdere vragen ... van de leden Dobbe (SP) ...
     * (vraagnummer 2025Z10261)") with their askers resolved as the set's own are: each that matches one actor of
     * that case in the Tweede Kamer data, else one member in the registry on the earlier set's date, becomes that
     * person (its Tweede Kamer id), so that the earlier set is not given a second node for each of its askers. A
     * submission date that disagrees with the case's start in the data is reported and left out, as for the set's
     * own. Askers that match none or several are kept as they are.
     */
    private QuestionSet supplementsResolved(QuestionSet s, Consumer<Problem> notices) {
        if (s.supplements().isEmpty()) {
            return s;
        }
        List<SupplementedSet> result = new ArrayList<>();
        boolean changed = false;
        for (SupplementedSet sup : s.supplements()) {
            List<Person> actors = askersOf(sup.caseNumber());
            LocalDate known = submittedOf(sup.caseNumber());
            LocalDate on = known != null ? known : sup.submittedOn();
            List<Person> askers = new ArrayList<>();
            for (Person p : sup.askers()) {
                Person resolved = p;
                Person byActor = byActor(p, actors);
                if (byActor != null && byActor.tkId() != null) {
                    resolved = byActor;
                } else if (p.tkId() == null && p.party() != null && !registry.isEmpty() && on != null) {
                    TkRegistry.Resolution r = registry.resolve(p, on);
                    if (r.resolved()) {
                        resolved = identified(p, r.member().initials(), r.member().id());
                    }
                }
                changed |= resolved != p;
                askers.add(resolved);
            }
            LocalDate date = sup.submittedOn();
            if (known != null && date != null && !known.equals(date)) {
                notices.accept(new Problem(s.source().file(), s.source().line(), "disagrees with the Tweede Kamer "
                        + "data: the supplemented case " + sup.caseNumber() + " was ingezonden " + date
                        + " here, but started on " + known + " (GestartOp); the latter is kept"));
                date = null;
                changed = true;
            }
            result.add(new SupplementedSet(sup.caseNumber(), askers, date));
        }
        return changed ? s.withSupplements(result) : s;
    }

    /**
     * The person as the one matching actor of its case makes it known, where that actor tells more (a Tweede Kamer
     * id, or initials the person lacks); null when the person is identified already, no actor or several match, or
     * the actor tells nothing more.
     */
    private static Person byActor(Person p, List<Person> actors) {
        Person actor = p.tkId() == null && actors != null ? match(p, actors) : null;
        if (actor != null && (actor.tkId() != null || p.initials() == null && actor.initials() != null)) {
            return identified(p, actor.initials(), actor.tkId());
        }
        return null;
    }

    /** The person as a document named it, known by the Tweede Kamer id of the actor or member it was resolved to. */
    private static Person identified(Person p, String initials, String tkId) {
        String known = p.initials() != null ? p.initials() : initials;
        return new Person(p.familyName(), p.givenName(), known, p.party(), tkId);
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
