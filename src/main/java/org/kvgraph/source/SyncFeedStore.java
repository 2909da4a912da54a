package org.kvgraph.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.kvgraph.model.QuestionSet;

/**
 * Joins SyncFeed entities from any number of pages into cases: the latest version of each entity (by
 * {@code bijgewerkt}, later pages winning ties) is kept, a deleted one ({@code verwijderd="true"}) removes what came
 * before, and each Zaak is assembled with the ZaakActors and Documents that refer to it into the OData shape that
 * {@link TkODataReader} reads, so both sources give the same records.
 *
 * <pre>{@code
 * SyncFeedStore store = new SyncFeedStore();
 * store.addAll(SyncFeedReader.page(doc).entities());   // page after page
 * for (QuestionSet set : store.sets(problems)) { ... }
 * }</pre>
 */
public final class SyncFeedStore {
    private final Map<String, SyncFeedReader.Entity> latest = new LinkedHashMap<>();

    public void addAll(List<SyncFeedReader.Entity> entities) {
        entities.forEach(this::add);
    }

    public void add(SyncFeedReader.Entity e) {
        SyncFeedReader.Entity before = latest.get(e.id());
        if (before == null || before.updated() == null || e.updated() == null || e.updated().compareTo(before.updated()) >= 0) {
            latest.put(e.id(), e);
        }
    }

    /** The latest version of every entity seen, deleted ones included (marked {@code verwijderd}), in the order first seen. */
    public List<SyncFeedReader.Entity> latest() {
        return List.copyOf(latest.values());
    }

    /**
     * The set of every Zaak of Soort "Schriftelijke vragen" that is not deleted, in case number order, each at the
     * place of its Zaak entity. A Zaak that cannot be read is left out and its {@link ParseException} (at that
     * place) added to {@code problems}.
     */
    public List<QuestionSet> sets(List<ParseException> problems) {
        Map<String, List<SyncFeedReader.Entity>> actors = new LinkedHashMap<>();
        Map<String, List<SyncFeedReader.Entity>> documents = new LinkedHashMap<>();
        for (SyncFeedReader.Entity e : latest.values()) {
            if ("zaakActor".equals(e.type()) && e.ref("zaak") != null) {
                actors.computeIfAbsent(e.ref("zaak"), k -> new ArrayList<>()).add(e);
            } else if ("document".equals(e.type())) {
                for (String zaak : e.refs().getOrDefault("zaak", List.of())) {
                    documents.computeIfAbsent(zaak, k -> new ArrayList<>()).add(e);
                }
            }
        }
        List<QuestionSet> sets = new ArrayList<>();
        for (SyncFeedReader.Entity z : latest.values()) {
            if (!"zaak".equals(z.type())) {
                continue;
            }
            JsonObject zaak = odata(z);
            zaak.put("ZaakActor", array(actors.getOrDefault(z.id(), List.of())));
            zaak.put("Document", array(documents.getOrDefault(z.id(), List.of())));
            try {
                QuestionSet set = TkODataReader.zaak(zaak, z.at().file(), z.at().line());
                if (set != null) {
                    sets.add(set);
                }
            } catch (ParseException e) {
                problems.add(e);
            }
        }
        sets.sort(Comparator.comparing(QuestionSet::caseNumber));
        return sets;
    }

    private static JsonArray array(List<SyncFeedReader.Entity> entities) {
        JsonArray a = new JsonArray();
        entities.stream().map(SyncFeedStore::odata).forEach(a::add);
        return a;
    }

    /** The entity with the OData names: "gestartOp" is "GestartOp", the relation "persoon" is "Persoon_Id". */
    private static JsonObject odata(SyncFeedReader.Entity e) {
        JsonObject o = new JsonObject();
        o.put("Id", e.id());
        e.fields().forEach((k, v) -> o.put(Character.toUpperCase(k.charAt(0)) + k.substring(1), v));
        e.refs().forEach((k, v) -> {
            if (v.size() == 1) {
                o.put(Character.toUpperCase(k.charAt(0)) + k.substring(1) + "_Id", v.get(0));
            }
        });
        o.put("Verwijderd", e.deleted());
        return o;
    }
}
