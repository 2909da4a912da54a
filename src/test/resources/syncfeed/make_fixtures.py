#!/usr/bin/env python3
"""Builds SyncFeed pages (Atom + tkData v1-0 entities) from three of the OData fixtures in ../odata; see SOURCES.md.

Run from the repository root:  python3 src/test/resources/syncfeed/make_fixtures.py
"""
import json
import uuid
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent
ODATA = HERE.parent / "odata"
CASES = ["2024Z03568", "2024Z05462", "2024Z09394"]
FEED = "https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/"
TK = "http://www.tweedekamer.nl/xsd/tkData/v1-0"
# Field order of each entity as its XSD's xs:sequence has it (attributes after relations).
ZAAK = ["Nummer", "Soort", "Onderwerp", "GestartOp", "Organisatie", "Titel", "Citeertitel", "Alias", "Grondslagvoorhang",
        "Termijn", "Vergaderjaar", "Volgnummer", "Status", "HuidigeBehandelstatus", "Afgedaan", "GrootProject",
        "Kabinetsappreciatie"]
ACTOR = ["ActorNaam", "ActorFractie", "ActorAfkorting", "Functie", "Relatie", "SidActor"]
DOCUMENT = ["Soort", "DocumentNummer", "Titel", "Onderwerp", "Datum", "Volgnummer", "Vergaderjaar", "Kamer", "Citeertitel",
            "Alias", "DatumRegistratie", "DatumOntvangst", "Aanhangselnummer", "KenmerkAfzender", "Organisatie"]


def actor_id(zaak_id, actor):
    """The OData fixtures have no ZaakActor Id (not stored); a SyncFeed entity needs one: a name-based UUID."""
    return str(uuid.uuid5(uuid.UUID(zaak_id), actor["Relatie"] + "|" + actor["ActorNaam"]))


def value(v):
    return ("true" if v else "false") if isinstance(v, bool) else escape(str(v))


def entity(kind, ident, updated, deleted, refs, fields, names):
    lines = ['<%s xmlns="%s" xmlns:tk="%s" id="%s" tk:bijgewerkt="%s" tk:verwijderd="%s">'
             % (kind, TK, TK, ident, updated, "true" if deleted else "false")]
    for rel, ref in refs:
        lines.append('  <%s ref="%s"/>' % (rel, ref))
    for name in names:
        if fields.get(name) is not None:
            tag = name[0].lower() + name[1:]
            lines.append("  <%s>%s</%s>" % (tag, value(fields[name]), tag))
    lines.append("</%s>" % kind)
    return lines


def entry(kind, ident, updated, body):
    return ["  <entry>",
            "    <title>%s</title>" % ident,
            "    <id>%sEntiteiten/%s</id>" % (FEED, ident),
            "    <author><name>Tweede Kamer der Staten-Generaal</name></author>",
            "    <updated>%s</updated>" % updated,
            '    <category term="%s"/>' % kind,
            '    <content type="application/xml">'] + ["      " + l for l in body] + ["    </content>", "  </entry>"]


def page(entries, next_token):
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
           "  <title>SyncFeed</title>", "  <id>%sFeed</id>" % FEED, "  <updated>2024-09-01T00:00:00Z</updated>"]
    if next_token:
        out.append('  <link rel="next" href=%s/>' % quoteattr(FEED + "Feed?skiptoken=%d" % next_token))
    for e in entries:
        out += e
    out.append("</feed>")
    return "\n".join(out) + "\n"


def main():
    zaken, actors, documents = [], [], []
    deleted = None
    for case in CASES:
        z = json.loads((ODATA / ("zaak-" + case + ".json")).read_text(encoding="utf-8"))
        updated = z["ApiGewijzigdOp"][:19] + "Z"
        zaken.append(entry("zaak", z["Id"], updated, entity("zaak", z["Id"], updated, False, [], z, ZAAK)))
        for a in z["ZaakActor"]:
            ident = actor_id(z["Id"], a)
            refs = [("zaak", z["Id"])] + ([("persoon", a["Persoon_Id"])] if a["Persoon_Id"] else [])
            actors.append(entry("zaakActor", ident, updated, entity("zaakActor", ident, updated, False, refs, a, ACTOR)))
            if a["ActorNaam"] == "I. Kostić":
                deleted = (ident, refs, a)
        for d in z["Document"]:
            documents.append(entry("document", d["Id"], updated,
                                   entity("document", d["Id"], updated, False, [("zaak", z["Id"])], d, DOCUMENT)))
    # A later change in the feed: the Medeindiener Kostić of 2024Z03568 removed (verwijderd="true").
    ident, refs, a = deleted
    later = "2024-09-02T10:00:00Z"
    documents.append(entry("zaakActor", ident, later, entity("zaakActor", ident, later, True, refs, a, ACTOR)))
    (HERE / "page-1.xml").write_text(page(zaken, 1001), encoding="utf-8")
    (HERE / "page-2.xml").write_text(page(actors, 1002), encoding="utf-8")
    (HERE / "page-3.xml").write_text(page(documents, None), encoding="utf-8")


if __name__ == "__main__":
    main()
