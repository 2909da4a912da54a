package org.kvgraph.synth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic corpus of written questions for benchmarks and scale tests: Tweede Kamer OData JSON
 * (pages of Zaak entities with ZaakActor and Document expanded, the shape {@code TkODataReader} reads) for every
 * set, and for each answered set the answer text in one of the two text layouts kvgraph reads (the Aanhangsel
 * van de Handelingen and a ministry's answer letter), plus a registry of the made-up members and parties. The
 * same configuration and seed give byte-identical files. Every file name starts with "synthetic-" and the folder
 * gets a README that says what it is: it is never to be mixed with the real data in {@code data/}.
 *
 * <pre>{@code
 * Summary s = SyntheticCorpus.generate(new Config(5_000, 42L), Path.of("target/synth-5k"));
 * }</pre>
 *
 * KOOP XML is not generated (its reader lives on another branch).
 */
public final class SyntheticCorpus {
    /**
     * What the corpus looks like. Defaults follow the real corpus since 2008: ~7 questions a set, ~2 footnotes,
     * 45% of sets with co-submitters, 60% postponed, answers after a median of ~4 weeks (longer when postponed),
     * about a quarter of the answers as a ministry letter, 2% never answered. {@code supplementShare} is the share
     * of answer letters whose set supplements an earlier one ("Toelichting: Deze vragen dienen ter aanvulling op
     * eerdere vragen ... (vraagnummer 2025Z10261)", as in {@code data/seed/}); only the letter layout carries that
     * note here, and the share is made up (no count of the real corpus was at hand), there so that the example query
     * about supplements has rows to answer.
     */
    public record Config(int sets, long seed, int fromYear, int toYear, double meanQuestions, double meanFootnotes,
                         double coSubmitterShare, double postponedShare, double letterShare, double unansweredShare,
                         double supplementShare, int medianDaysToAnswer, int medianDaysPostponed, int setsPerPage) {
        public Config(int sets, long seed) {
            this(sets, seed, 2008, 2025, 7.0, 2.0, 0.45, 0.6, 0.25, 0.02, 0.05, 18, 45, 100);
        }
    }

    /** What was generated, for the caller to print and for tests to compare with the configuration. */
    public record Summary(int sets, long questions, long footnotes, int withCoSubmitters, int postponed, int answered,
                          int letters, int aanhangsel, int odataFiles, long daysToAnswerSum, int members,
                          int supplementing) {
    }

    private static final String[] MONTHS = {"januari", "februari", "maart", "april", "mei", "juni", "juli",
        "augustus", "september", "oktober", "november", "december"};
    private static final String[] SUBJECTS = {"de zorgkosten", "het stikstofbeleid", "de woningmarkt", "de sancties",
        "het onderwijs", "de politie", "de energieprijzen", "de asielopvang", "de Belastingdienst", "het openbaar vervoer",
        "de jeugdzorg", "de gaswinning in Groningen", "de defensie-uitgaven", "de luchtkwaliteit", "de toeslagen",
        "de arbeidsmarkt", "het klimaatbeleid", "de digitale overheid", "de veiligheid op straat", "de landbouw"};
    private static final String[] TOPICS = {"Kritiek op", "Zorgen over", "Onderzoek naar", "Tekort aan", "Nieuwe regels voor",
        "Vertraging bij", "Miljoenen extra voor", "Onrust over", "Rapport over", "Protest tegen"};
    private static final String[] OUTLETS = {"NOS", "De Volkskrant", "NRC", "Trouw", "Het Financieele Dagblad",
        "AD", "De Telegraaf", "RTL Nieuws", "Binnenlands Bestuur", "Follow the Money"};
    private static final String[] DOMAINS = {"nos.nl", "www.volkskrant.nl", "www.nrc.nl", "www.trouw.nl", "fd.nl",
        "www.ad.nl", "www.telegraaf.nl", "www.rtlnieuws.nl", "www.binnenlandsbestuur.nl", "www.ftm.nl"};
    private static final String[] TREATY_KINDS = {"Verdrag inzake", "Overeenkomst inzake", "Protocol inzake",
        "Samenwerkingsverdrag inzake", "Aanvullend protocol inzake", "Kaderverdrag inzake",
        "Memorandum van overeenstemming inzake"};
    private static final String[] QUESTION_STARTS = {"Bent u bekend met", "Wat is uw reactie op", "Deelt u de mening dat",
        "Hoe beoordeelt u", "Kunt u aangeven wat de gevolgen zijn van", "Welke maatregelen neemt u tegen",
        "Klopt het dat er problemen zijn met", "Bent u bereid in gesprek te gaan over"};
    private static final String[] ANSWER_STARTS = {"Ja.", "Nee.", "Het kabinet deelt deze zorg.",
        "Daar heb ik kennis van genomen.", "Dat is niet het geval.", "Ik verwijs naar het antwoord op vraag 1."};
    private static final String[] ANSWER_BODY = {"Het kabinet volgt de ontwikkelingen rond %s nauwgezet en informeert de Kamer voor de zomer.",
        "Over %s is eerder met de betrokken partijen gesproken; dat gesprek wordt dit jaar voortgezet.",
        "De gevolgen voor %s worden onderzocht; de uitkomsten worden met uw Kamer gedeeld.",
        "Ik zie op dit moment geen aanleiding om het beleid voor %s te wijzigen."};

    /** A ministry name with the years it was in use, and a minister's made-up family name per cabinet. */
    private record Ministry(String name, int from, int to) {
    }

    private static final List<Ministry> MINISTRIES = List.of(
            new Ministry("Financiën", 1900, 2100), new Ministry("Buitenlandse Zaken", 1900, 2100),
            new Ministry("Defensie", 1900, 2100), new Ministry("Onderwijs, Cultuur en Wetenschap", 1900, 2100),
            new Ministry("Volksgezondheid, Welzijn en Sport", 1900, 2100),
            new Ministry("Sociale Zaken en Werkgelegenheid", 1900, 2100),
            new Ministry("Binnenlandse Zaken en Koninkrijksrelaties", 1900, 2100),
            new Ministry("Justitie", 1900, 2010), new Ministry("Veiligheid en Justitie", 2010, 2017),
            new Ministry("Justitie en Veiligheid", 2017, 2100), new Ministry("Verkeer en Waterstaat", 1900, 2010),
            new Ministry("Infrastructuur en Milieu", 2010, 2017), new Ministry("Infrastructuur en Waterstaat", 2017, 2100),
            new Ministry("Economische Zaken", 1900, 2017), new Ministry("Economische Zaken en Klimaat", 2017, 2024),
            new Ministry("Klimaat en Groene Groei", 2024, 2100), new Ministry("Economische Zaken", 2024, 2100),
            new Ministry("Landbouw, Natuur en Voedselkwaliteit", 2017, 2024),
            new Ministry("Landbouw, Visserij, Voedselzekerheid en Natuur", 2024, 2100),
            new Ministry("Asiel en Migratie", 2024, 2100));
    private static final int[] CABINETS = {2007, 2010, 2012, 2017, 2022, 2024};
    /** Members of government; "Van Huffelen" is the one {@code queries/13-answers-signed-by-a-minister.rq} looks up. */
    private static final String[] MINISTER_NAMES = {"Hoekstra", "Kaag", "Grapperhaus", "Yesilgöz", "Schouten", "Wiersma",
        "Van Huffelen", "Dijkgraaf", "Kuipers", "Helder", "Koolmees", "Ollongren", "Bruins", "Heinen", "Veldkamp",
        "Harbers", "Madlener", "Tuinman", "Brekelmans", "Keijzer", "Van Hijum", "Van Weel", "Faber", "Agema"};

    /** The plan of one set: everything about it but its wording, drawn in submission order. */
    private record Plan(int index, String caseNumber, String zaakId, LocalDate submitted, List<Registry.Member> askers,
                        List<Ministry> addressed, LocalDate postponedOn, String postponementNr, LocalDate answeredOn,
                        String answerNr, boolean letter, int questions, int footnotes) {
    }

    private final Config config;
    private final Registry registry;
    private final Map<Integer, List<Registry.Member>> sittingByYear = new HashMap<>();

    private SyntheticCorpus(Config config) {
        this.config = config;
        this.registry = Registry.generate(config.seed(), config.fromYear(), config.toYear());
    }

    /** Writes the corpus of the configuration into {@code out} (created if needed) and says what it holds. */
    public static Summary generate(Config config, Path out) throws IOException {
        return new SyntheticCorpus(config).write(out);
    }

    private Summary write(Path out) throws IOException {
        Path odata = Files.createDirectories(out.resolve("odata"));
        Path aanhangsel = Files.createDirectories(out.resolve("aanhangsel"));
        Path letters = Files.createDirectories(out.resolve("letters"));
        List<Plan> plans = plans();
        long questions = 0;
        long footnotes = 0;
        long days = 0;
        int co = 0;
        int postponed = 0;
        int answered = 0;
        int letterCount = 0;
        int supplementing = 0;
        int pages = 0;
        for (int from = 0; from < plans.size(); from += config.setsPerPage()) {
            List<Plan> page = plans.subList(from, Math.min(plans.size(), from + config.setsPerPage()));
            pages++;
            write(odata.resolve(String.format(Locale.ROOT, "synthetic-zaken-%05d.json", pages)), odataPage(page));
        }
        for (Plan p : plans) {
            co += p.askers.size() > 1 ? 1 : 0;
            postponed += p.postponedOn != null ? 1 : 0;
            if (p.answeredOn == null) {
                continue;
            }
            answered++;
            questions += p.questions;
            footnotes += p.footnotes;
            days += ChronoUnit.DAYS.between(p.submitted, p.answeredOn);
            if (p.letter) {
                letterCount++;
                Plan earlier = supplemented(p, plans);
                supplementing += earlier != null ? 1 : 0;
                write(letters.resolve("synthetic-letter-" + p.caseNumber + ".txt"), letter(p, earlier));
            } else {
                write(aanhangsel.resolve("synthetic-" + publicationId(p.answerNr, p.answeredOn) + ".txt"), aanhangselText(p));
            }
        }
        writeRegistry(out);
        write(out.resolve("README.md"), readme(plans.size()));
        return new Summary(plans.size(), questions, footnotes, co, postponed, answered, letterCount,
                answered - letterCount, pages, days, registry.members().size(), supplementing);
    }

    // ---- plans ----------------------------------------------------------------------------------------------

    private List<Plan> plans() {
        SplittableRandom r = new SplittableRandom(config.seed());
        LocalDate first = LocalDate.of(config.fromYear(), 1, 1);
        LocalDate end = LocalDate.of(config.toYear(), 12, 31);
        long span = ChronoUnit.DAYS.between(first, end) + 1;
        Map<Integer, Integer> caseCounter = new HashMap<>();
        Map<String, Integer> aanhangselCounter = new HashMap<>();
        List<Plan> plans = new ArrayList<>(config.sets());
        for (int i = 0; i < config.sets(); i++) {
            LocalDate submitted = weekday(first.plusDays(span * i / config.sets() + r.nextInt(2)));
            if (submitted.isAfter(end)) {
                submitted = submitted.minusDays(3); // a weekend at the end of the range: the Friday before
            }
            int year = submitted.getYear();
            int nr = caseCounter.merge(year, 1 + r.nextInt(3), Integer::sum) + 100;
            String caseNumber = String.format(Locale.ROOT, "%dZ%05d", year, nr);
            List<Registry.Member> askers = askers(r, year);
            List<Ministry> addressed = addressed(r, year);
            LocalDate postponedOn = null;
            String postponementNr = null;
            boolean isPostponed = r.nextDouble() < config.postponedShare();
            int median = isPostponed ? config.medianDaysPostponed() : config.medianDaysToAnswer();
            int delay = (int) Math.max(isPostponed ? 22 : 3, Math.min(400, Math.round(median * Math.exp(0.5 * gaussian(r)))));
            LocalDate answeredOn = weekday(submitted.plusDays(delay));
            if (isPostponed) {
                postponedOn = weekday(submitted.plusDays(19 + r.nextInt(5)));
                if (!answeredOn.isAfter(postponedOn)) {
                    answeredOn = weekday(postponedOn.plusDays(7));
                }
                postponementNr = aanhangselNumber(aanhangselCounter, postponedOn);
            }
            if (answeredOn.isAfter(end) || r.nextDouble() < config.unansweredShare()) {
                answeredOn = null;
            }
            String answerNr = answeredOn == null ? null : aanhangselNumber(aanhangselCounter, answeredOn);
            boolean letter = r.nextDouble() < config.letterShare();
            int questions = Math.max(1, Math.min(25, (int) Math.round(config.meanQuestions() + 3.0 * gaussian(r))));
            int footnotes = poisson(r, config.meanFootnotes());
            plans.add(new Plan(i, caseNumber, Registry.uuid(r), submitted, askers, addressed, postponedOn, postponementNr,
                    answeredOn, answerNr, letter, questions, footnotes));
        }
        return plans;
    }

    private List<Registry.Member> askers(SplittableRandom r, int year) {
        List<Registry.Member> sitting = sittingByYear.computeIfAbsent(year, registry::sitting);
        int n = 1;
        if (r.nextDouble() < config.coSubmitterShare()) {
            double x = r.nextDouble();
            n = x < 0.55 ? 2 : x < 0.82 ? 3 : 4 + r.nextInt(3);
        }
        List<Registry.Member> askers = new ArrayList<>();
        Registry.Member first = sitting.get(r.nextInt(sitting.size()));
        askers.add(first);
        while (askers.size() < n) {
            // co-submitters are mostly of the same party
            Registry.Member m = sitting.get(r.nextInt(sitting.size()));
            if (r.nextDouble() < 0.6) {
                List<Registry.Member> same = sitting.stream().filter(x -> x.party().equals(first.party())).toList();
                m = same.get(r.nextInt(same.size()));
            }
            if (!askers.contains(m)) {
                askers.add(m);
            }
            if (askers.size() == sitting.size()) {
                break;
            }
        }
        return askers;
    }

    private static List<Ministry> addressed(SplittableRandom r, int year) {
        List<Ministry> current = MINISTRIES.stream().filter(m -> m.from <= year && year < m.to).toList();
        List<Ministry> result = new ArrayList<>();
        result.add(current.get(r.nextInt(current.size())));
        if (r.nextDouble() < 0.15) {
            Ministry second = current.get(r.nextInt(current.size()));
            if (!result.contains(second)) {
                result.add(second);
            }
        }
        return result;
    }

    private static String aanhangselNumber(Map<String, Integer> counters, LocalDate on) {
        String vj = vergaderjaar(on);
        int n = counters.merge(vj, 1, Integer::sum);
        return vj.substring(2, 4) + vj.substring(7, 9) + String.format(Locale.ROOT, "%05d", n);
    }

    /** "2023-2024" for a date from September 2023 to August 2024. */
    static String vergaderjaar(LocalDate d) {
        int y = d.getMonthValue() >= 9 ? d.getYear() : d.getYear() - 1;
        return y + "-" + (y + 1);
    }

    private static String publicationId(String aanhangselNr, LocalDate on) {
        String vj = vergaderjaar(on);
        return "ah-tk-" + vj.replace("-", "") + "-" + Integer.parseInt(aanhangselNr.substring(4));
    }

    private static LocalDate weekday(LocalDate d) {
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return d.plusDays(2);
        }
        return d.getDayOfWeek() == DayOfWeek.SUNDAY ? d.plusDays(1) : d;
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static int poisson(SplittableRandom r, double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    // ---- wording ------------------------------------------------------------------------------------------------

    /** The random source of one set's wording: independent of the other sets. */
    private SplittableRandom words(Plan p) {
        return new SplittableRandom(config.seed() * 31 + p.index * 0x9E3779B97F4A7C15L);
    }

    private static String pick(SplittableRandom r, String[] from) {
        return from[r.nextInt(from.length)];
    }

    private String title(Plan p) {
        SplittableRandom r = words(p);
        return "het bericht «" + pick(r, TOPICS) + " " + pick(r, SUBJECTS) + "»";
    }

    private static String dutch(LocalDate d) {
        return d.getDayOfMonth() + " " + MONTHS[d.getMonthValue() - 1] + " " + d.getYear();
    }

    private static String minister(Ministry m, LocalDate on) {
        int cabinet = 0;
        for (int c : CABINETS) {
            if (on.getYear() >= c) {
                cabinet = c;
            }
        }
        int h = Math.floorMod((m.name + cabinet).hashCode(), MINISTER_NAMES.length);
        return MINISTER_NAMES[h];
    }

    /** The footnotes' texts of a set, numbered from 1. */
    private List<String> footnoteTexts(Plan p, SplittableRandom r) {
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < p.footnotes; i++) {
            double x = r.nextDouble();
            LocalDate d = p.submitted.minusDays(1 + r.nextInt(20));
            if (x < 0.4) {
                int o = r.nextInt(OUTLETS.length);
                notes.add(OUTLETS[o] + ", " + dutch(d) + ", «" + pick(r, TOPICS) + " " + pick(r, SUBJECTS) + "» (https://"
                        + DOMAINS[o] + "/nieuws/" + (100000 + r.nextInt(900000)) + ")");
            } else if (x < 0.7) {
                notes.add("Kamerstuk " + (21 + r.nextInt(16)) + " " + String.format(Locale.ROOT, "%03d", r.nextInt(1000))
                        + ", nr. " + (1 + r.nextInt(400)));
            } else if (x < 0.82) {
                int y = Math.max(config.fromYear() - 1, p.submitted.getYear() - 1 - r.nextInt(3));
                notes.add("Aanhangsel Handelingen, vergaderjaar " + y + "–" + (y + 1) + ", nr. " + (1 + r.nextInt(3000)));
            } else if (x < 0.88) {
                int year = 1950 + r.nextInt(70);
                int nr = 1 + r.nextInt(300);
                notes.add(treatyName(year, nr) + " (Trb. " + year + ", " + nr + ")");
            } else {
                notes.add("https://www.rijksoverheid.nl/documenten/rapporten/" + d.getYear() + "/" + (1000 + r.nextInt(9000)));
            }
        }
        return notes;
    }

    /**
     * A made-up treaty name for a Tractatenblad citation, as real footnotes name the treaty before it ("Zetelverdrag
     * tussen het Internationaal Strafhof en het Gastland (Trb. 2007, 125)"): the same citation always gets the same
     * name, so that a treaty has one label however often it is cited.
     */
    static String treatyName(int year, int nr) {
        int h = year * 301 + nr;
        return TREATY_KINDS[h % TREATY_KINDS.length] + " " + SUBJECTS[(h / TREATY_KINDS.length) % SUBJECTS.length];
    }

    private static List<String> questionTexts(Plan p, SplittableRandom r, String subject) {
        List<String> q = new ArrayList<>();
        for (int i = 0; i < p.questions; i++) {
            q.add(i == 0 ? "Bent u bekend met het bericht over " + subject + "?"
                    : pick(r, QUESTION_STARTS) + " " + pick(r, SUBJECTS) + "?");
        }
        return q;
    }

    private static String answerText(SplittableRandom r) {
        return pick(r, ANSWER_STARTS) + " " + String.format(Locale.ROOT, pick(r, ANSWER_BODY), pick(r, SUBJECTS));
    }

    /** "het lid Dijk (SP)" or "de leden Dijk (SP), Van Nispen (SP) en Omtzigt (NSC)". */
    private static String askerList(List<Registry.Member> askers) {
        List<String> names = askers.stream().map(m -> m.textName() + " (" + m.party() + ")").toList();
        if (names.size() == 1) {
            return "het lid " + names.get(0);
        }
        return "de leden " + String.join(", ", names.subList(0, names.size() - 1)) + " en " + names.get(names.size() - 1);
    }

    private static String officeList(List<Ministry> addressed) {
        List<String> offices = addressed.stream().map(m -> "de Minister van " + m.name).toList();
        return String.join(" en ", offices);
    }

    /** An Aanhangsel publication as markdown extraction leaves it, with footnotes at the end of each page. */
    private String aanhangselText(Plan p) {
        SplittableRandom r = words(p);
        String title = title(p);
        String subject = title.substring(title.indexOf('«') + 1, title.length() - 1);
        Ministry m = p.addressed.get(0);
        List<String> notes = footnoteTexts(p, r);
        List<String> questions = questionTexts(p, r, subject);
        String vj = vergaderjaar(p.answeredOn);
        String id = publicationId(p.answerNr, p.answeredOn);
        StringBuilder b = new StringBuilder();
        b.append(" # 2\n\n#### Vergaderjaar ").append(vj.replace("-", "–")).append(" Aanhangsel van de Handelingen\n\n");
        b.append("**Vragen gesteld door de leden der Kamer, met de daarop door de**\n**regering gegeven antwoorden**\n\n");
        b.append("### ").append(Integer.parseInt(p.answerNr.substring(4))).append("\n\n");
        b.append("Vragen van ").append(askerList(p.askers)).append(" aan ").append(officeList(p.addressed))
                .append(" over ").append(title).append(" (ingezonden ").append(dutch(p.submitted)).append(").\n\n");
        b.append("Antwoord van Minister ").append(minister(m, p.answeredOn)).append(" (").append(m.name)
                .append(") (ontvangen ").append(dutch(p.answeredOn)).append(").\n\n");
        int note = 0;
        List<String> pageNotes = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            String q = questions.get(i);
            if (note < notes.size() && (i == 0 || r.nextDouble() < 0.3)) {
                note++;
                q = q + "[" + note + "]";
                pageNotes.add(note + " " + notes.get(note - 1));
            }
            b.append("Vraag ").append(i + 1).append('\n').append(q).append("\n\n");
            b.append("Antwoord ").append(i + 1).append('\n').append(answerText(r)).append("\n\n");
            boolean pageEnd = (i + 1) % 4 == 0 && i + 1 < questions.size();
            if (pageEnd || i + 1 == questions.size()) {
                // footnotes that were not placed yet go on the last page
                if (i + 1 == questions.size()) {
                    while (note < notes.size()) {
                        note++;
                        int at = b.lastIndexOf("\n\nAntwoord ");
                        b.insert(at, "[" + note + "]");
                        pageNotes.add(note + " " + notes.get(note - 1));
                    }
                }
                b.append('\n');
                pageNotes.forEach(n -> b.append(n).append('\n'));
                pageNotes.clear();
                b.append("\n\n").append(id.replace('-', ' ').replace("ah ", "h ")).append("\n\n");
                if (pageEnd) {
                    b.append("-----\n\n");
                }
            }
        }
        return b.toString();
    }

    /**
     * The earlier set an answer letter's set supplements, or null: drawn from a source of its own (so that no other
     * draw of the corpus changes), one of the sets submitted in about the four weeks before it (as many sets as the
     * corpus has in 28 days, so the share is the same at every size); null only for the first set and for one of the
     * same day.
     */
    private Plan supplemented(Plan p, List<Plan> plans) {
        SplittableRandom r = new SplittableRandom(config.seed() * 37 + p.index * 0xBF58476D1CE4E5B9L);
        if (p.index == 0 || r.nextDouble() >= config.supplementShare()) {
            return null;
        }
        long days = ChronoUnit.DAYS.between(LocalDate.of(config.fromYear(), 1, 1),
                LocalDate.of(config.toYear(), 12, 31)) + 1;
        int window = (int) Math.max(1, Math.min(p.index, (long) plans.size() * 28 / days));
        Plan earlier = plans.get(p.index - 1 - r.nextInt(window));
        return earlier.submitted.isBefore(p.submitted) ? earlier : null;
    }

    /**
     * A ministry's answer letter as text extracted from its PDF: cover letter, signature, title, questions, and when
     * the set supplements an earlier one, the "Toelichting" after the last footnotes that names it.
     */
    private String letter(Plan p, Plan earlier) {
        SplittableRandom r = words(p);
        String title = title(p);
        String subject = title.substring(title.indexOf('«') + 1, title.length() - 1);
        Ministry m = p.addressed.get(0);
        List<String> notes = footnoteTexts(p, r);
        List<String> questions = questionTexts(p, r, subject);
        StringBuilder b = new StringBuilder();
        b.append(" Geachte Voorzitter, \n\n");
        b.append("Hierbij bied ik u de antwoorden aan op de schriftelijke vragen gesteld door ")
                .append(askerList(p.askers).replace("het lid ", "het lid ").replace("de leden ", "de leden "))
                .append(" over ").append(title).append(". Deze vragen werden ingezonden op ").append(dutch(p.submitted))
                .append(" met kenmerk ").append(p.caseNumber).append(".\n\n");
        b.append("De minister van ").append(m.name).append("\n\n");
        b.append(initialOf(minister(m, p.answeredOn))).append(minister(m, p.answeredOn)).append(" \n");
        b.append(" Antwoorden van de minister van ").append(m.name).append(" op vragen van ")
                .append(askerList(p.askers)).append(" over ").append(title).append(".\n\n");
        int note = 0;
        int pages = (questions.size() + 3) / 4 + 1;
        List<String> pageNotes = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            String q = questions.get(i);
            boolean last = i + 1 == questions.size();
            while (note < notes.size() && (i == 0 || r.nextDouble() < 0.3 || last)) {
                note++;
                q = q + " " + note + ")";
                pageNotes.add(note + ") " + notes.get(note - 1));
                if (!last) {
                    break;
                }
            }
            b.append("Vraag ").append(i + 1).append('\n').append(q).append("\n\n");
            b.append("Antwoord\n").append(answerText(r)).append("\n\n");
            if ((i + 1) % 4 == 0 || last) {
                b.append('\n');
                pageNotes.forEach(n -> b.append(n).append('\n'));
                pageNotes.clear();
                if (last && earlier != null) {
                    b.append("Toelichting:\n Deze vragen dienen ter aanvulling op eerdere vragen terzake van ")
                            .append(askerList(earlier.askers)).append(", ingezonden op ").append(dutch(earlier.submitted))
                            .append(" \n(vraagnummer ").append(earlier.caseNumber).append(")\n");
                }
                b.append("\n\nMinisterie van ").append(m.name).append("\n\nPagina ").append((i / 4) + 2)
                        .append(" van ").append(pages).append("\n\n");
            }
        }
        return b.toString();
    }

    private static String initialOf(String name) {
        return name.charAt(0) == 'V' ? "A. " : "J. ";
    }

    // ---- OData ----------------------------------------------------------------------------------------------

    private String odataPage(List<Plan> page) {
        StringBuilder b = new StringBuilder();
        b.append("{\n  \"@odata.context\": \"https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#Zaak(ZaakActor(),Document())\",\n");
        b.append("  \"value\": [");
        for (int i = 0; i < page.size(); i++) {
            b.append(i == 0 ? "\n" : ",\n").append(zaak(page.get(i)));
        }
        b.append("\n  ]\n}\n");
        return b.toString();
    }

    private String zaak(Plan p) {
        StringBuilder b = new StringBuilder();
        b.append("    {\n");
        field(b, "Id", p.zaakId, 6);
        field(b, "Nummer", p.caseNumber, 6);
        field(b, "Soort", "Schriftelijke vragen", 6);
        field(b, "Onderwerp", title(p), 6);
        field(b, "GestartOp", p.submitted + "T00:00:00+01:00", 6);
        field(b, "Vergaderjaar", vergaderjaar(p.submitted), 6);
        b.append("      \"Afgedaan\": ").append(p.answeredOn != null).append(",\n");
        b.append("      \"Verwijderd\": false,\n");
        b.append("      \"ZaakActor\": [");
        List<String> actors = new ArrayList<>();
        for (int i = 0; i < p.askers.size(); i++) {
            Registry.Member m = p.askers.get(i);
            actors.add(actor(p, m.actorName(), m.party(), "Tweede Kamerlid", i == 0 ? "Indiener" : "Medeindiener", m.id()));
        }
        for (Ministry m : p.addressed) {
            actors.add(actor(p, minister(m, p.submitted), null, "minister van " + m.name, "Gericht aan", null));
        }
        b.append(String.join(",", actors)).append("\n      ],\n");
        b.append("      \"Document\": [");
        List<String> docs = new ArrayList<>();
        if (p.postponedOn != null) {
            docs.add(document(p, "Mededeling (uitstel antwoord)", p.postponedOn, p.postponementNr, 1));
        }
        if (p.answeredOn != null) {
            docs.add(document(p, "Antwoord schriftelijke vragen", p.answeredOn, p.answerNr, 2));
        }
        b.append(String.join(",", docs)).append(docs.isEmpty() ? "]\n" : "\n      ]\n");
        b.append("    }");
        return b.toString();
    }

    private static String actor(Plan p, String name, String party, String functie, String relatie, String persoon) {
        StringBuilder b = new StringBuilder("\n        {\n");
        field(b, "Zaak_Id", p.zaakId, 10);
        field(b, "ActorNaam", name, 10);
        field(b, "ActorFractie", party, 10);
        field(b, "Functie", functie, 10);
        field(b, "Relatie", relatie, 10);
        field(b, "Persoon_Id", persoon, 10);
        b.append("          \"Verwijderd\": false\n        }");
        return b.toString();
    }

    private static String document(Plan p, String soort, LocalDate on, String nr, int k) {
        StringBuilder b = new StringBuilder("\n        {\n");
        field(b, "Id", p.zaakId.substring(0, 34) + String.format(Locale.ROOT, "%02d", k), 10);
        field(b, "Soort", soort, 10);
        field(b, "Datum", on + "T00:00:00+01:00", 10);
        field(b, "Vergaderjaar", vergaderjaar(on), 10);
        field(b, "Aanhangselnummer", nr, 10);
        field(b, "ContentType", "application/pdf", 10);
        b.append("          \"Verwijderd\": false\n        }");
        return b.toString();
    }

    private static void field(StringBuilder b, String key, String value, int indent) {
        b.append(" ".repeat(indent)).append('"').append(key).append("\": ");
        if (value == null) {
            b.append("null");
        } else {
            b.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        b.append(",\n");
    }

    // ---- registry and README -------------------------------------------------------------------------------

    private void writeRegistry(Path out) throws IOException {
        StringBuilder parties = new StringBuilder("party,from,to,seats\n");
        for (Registry.Party p : registry.parties()) {
            parties.append(p.name()).append(',').append(Math.max(p.from(), config.fromYear())).append(',')
                    .append(Math.min(p.to(), config.toYear())).append(',').append(p.seats()).append('\n');
        }
        write(out.resolve("synthetic-registry-parties.csv"), parties.toString());
        StringBuilder members = new StringBuilder("id,initials,family_name,party,from,to\n");
        for (Registry.Member m : registry.members()) {
            members.append(m.id()).append(',').append(m.initials()).append(',').append(m.familyName()).append(',')
                    .append(m.party()).append(',').append(m.from()).append(',').append(m.to()).append('\n');
        }
        write(out.resolve("synthetic-registry-members.csv"), members.toString());
    }

    private String readme(int sets) {
        return "# SYNTHETIC corpus: not real parliamentary data\n\n"
                + "Generated by `kvgraph generate --sets " + sets + " --seed " + config.seed() + "` for benchmarks and scale\n"
                + "tests only. Every member, party seat, question, answer and date here is made up; the names come from a\n"
                + "list of common Dutch family names. Never copy this folder into `data/` or publish it.\n\n"
                + "- `odata/synthetic-zaken-NNNNN.json`: Tweede Kamer OData v4 pages of Zaak entities (ZaakActor, Document expanded)\n"
                + "- `aanhangsel/synthetic-ah-tk-*.txt`: answers in the Aanhangsel van de Handelingen layout\n"
                + "- `letters/synthetic-letter-*.txt`: answers as a ministry's answer letter\n"
                + "- `synthetic-registry-members.csv`, `synthetic-registry-parties.csv`: the made-up members and parties\n\n"
                + "KOOP XML is not generated. The same --sets and --seed always give byte-identical files.\n";
    }

    private static void write(Path file, String text) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(text);
        }
    }
}
