#!/usr/bin/env python3
"""Builds the Tweede Kamer registry fixtures (Persoon, Fractie, FractieZetel, FractieZetelPersoon) in this folder from
real records; see SOURCES.md here for what is real and what derived.

Run from the repository root with the team's shared samples folder:
    python3 src/test/resources/registry/make_fixtures.py ../shared/samples
"""
import json
import sys
import uuid
from pathlib import Path

SAMPLES = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/samples")
OUT = Path(__file__).resolve().parent
BASE = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"

# openkamer person pk -> the party abbreviation (openkamer partymember) of the persons in the fixture.
PERSONS = {1: "VVD", 296: "VVD", 473: "D66", 530: "VVD", 446: "PvdA", 489: "PvdA", 391: "SP", 634: "CDA",
           167: "CDA", 493: "CDA"}
# Fractie ids seen in real Tweede Kamer data (samples/tk-odata-json: ZaakActor of R.M. Leijten, SP).
REAL_FRACTIE_IDS = {"SP": "a3689bb6-3914-4d5c-a6a8-42e24582e299"}
FRACTIE_NAMES = {"SP": "Socialistische Partij", "CDA": "Christen-Democratisch Appèl", "D66": "Democraten 66",
                 "VVD": "Volkspartij voor Vrijheid en Democratie", "PvdA": "Partij van de Arbeid"}
FRACTIE_EN = {"SP": "Socialist Party", "CDA": "Christian Democratic Appeal", "D66": "Democrats 66",
              "VVD": "People's Party for Freedom and Democracy", "PvdA": "Labour Party"}


def derived(kind, key):
    """A stable GUID for an id the samples do not hold."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "https://w3id.org/kvgraph/fixture/" + kind + "/" + key))


def page(entity_set, values):
    return {"@odata.context": BASE + "$metadata#" + entity_set, "value": values}


def write(name, obj):
    (OUT / name).write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main():
    people = {p["pk"]: p["fields"] for p in json.loads((SAMPLES / "openkamer-fixtures/person.json").read_text(encoding="utf-8"))}
    parliament = json.loads((SAMPLES / "openkamer-fixtures/parliament.json").read_text(encoding="utf-8"))
    periods = {}
    for r in parliament:
        if r["model"] == "parliament.parliamentmember" and r["fields"]["person"] in PERSONS:
            periods.setdefault(r["fields"]["person"], []).append((r["fields"]["joined"], r["fields"]["left"]))

    fracties = []
    for afk in sorted(set(PERSONS.values())):
        fracties.append({"Id": REAL_FRACTIE_IDS.get(afk, derived("fractie", afk)), "Nummer": None, "Afkorting": afk,
                         "NaamNL": FRACTIE_NAMES[afk], "NaamEN": FRACTIE_EN[afk], "AantalZetels": None,
                         "AantalStemmen": None, "DatumActief": None, "DatumInactief": None, "ContentType": None,
                         "ContentLength": None, "GewijzigdOp": None, "ApiGewijzigdOp": None, "Verwijderd": False})
    fractie_id = {f["Afkorting"]: f["Id"] for f in fracties}

    personen, zetels, zetelpersonen = [], [], []
    for pk, afk in PERSONS.items():
        f = people[pk]
        personen.append({"Id": f["tk_id"], "Nummer": None, "Titels": None, "Initialen": f["initials"] or None,
                         "Tussenvoegsel": f["surname_prefix"] or None, "Achternaam": f["surname"], "Voornamen": None,
                         "Roepnaam": f["forename"] or None, "Geslacht": None, "Functie": "Oud Kamerlid",
                         "Geboortedatum": f["birthdate"], "Geboorteplaats": None, "Geboorteland": None,
                         "Overlijdensdatum": None, "Overlijdensplaats": None, "Woonplaats": None, "Land": None,
                         "Fractielabel": None, "ContentType": None, "ContentLength": None, "GewijzigdOp": None,
                         "ApiGewijzigdOp": None, "Verwijderd": False})
        for joined, left in sorted(periods[pk]):
            zetel = derived("fractiezetel", f["tk_id"] + "/" + joined)
            zetels.append({"Id": zetel, "Gewicht": None, "Fractie_Id": fractie_id[afk], "GewijzigdOp": None,
                           "ApiGewijzigdOp": None, "Verwijderd": False})
            zetelpersonen.append({"Id": derived("fractiezetelpersoon", f["tk_id"] + "/" + joined),
                                  "FractieZetel_Id": zetel, "Persoon_Id": f["tk_id"], "Functie": "Lid",
                                  "Van": joined, "TotEnMet": left, "GewijzigdOp": None, "ApiGewijzigdOp": None,
                                  "Verwijderd": False})
    personen.sort(key=lambda p: p["Id"])
    write("persoon.json", page("Persoon", personen))
    write("fractie.json", page("Fractie", fracties))
    write("fractiezetel.json", page("FractieZetel", zetels))
    write("fractiezetelpersoon.json", page("FractieZetelPersoon", zetelpersonen))
    feed(people[280], fractie_id["CDA"])


TK = 'xmlns="http://www.tweedekamer.nl/xsd/tkData/v1-0" xmlns:tk="http://www.tweedekamer.nl/xsd/tkData/v1-0"'


def entry(entity_id, category, updated, content):
    return ("  <entry>\n    <title>%s</title>\n    <id>https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Entiteiten/%s</id>\n"
            "    <author><name>Tweede Kamer der Staten-Generaal</name></author>\n    <updated>%s</updated>\n"
            "    <category term=\"%s\"/>\n    <content type=\"application/xml\">\n%s\n    </content>\n  </entry>\n"
            % (entity_id, entity_id, updated, category, content))


def feed(buma, cda):
    """A SyncFeed page with the real FractieZetelPersoon entry (samples/tk-syncfeed-entry-wetsuite) and the Persoon,
    FractieZetel and Fractie it refers to."""
    real = (SAMPLES / "tk-syncfeed-entry-wetsuite/fractieZetelPersoon-entry.xml").read_text(encoding="utf-8")
    zetel = "ca826e72-cf57-4cca-b090-d5c444ec6c2d"
    upd = "2023-08-29T11:10:24Z"
    persoon = ('      <persoon %s id="%s" tk:bijgewerkt="%s" tk:verwijderd="false">\n        <nummer>0</nummer>\n'
               '        <initialen>%s</initialen>\n        <tussenvoegsel>%s</tussenvoegsel>\n        <achternaam>%s</achternaam>\n'
               '        <roepnaam>%s</roepnaam>\n        <geboortedatum>%s</geboortedatum>\n      </persoon>'
               % (TK, buma["tk_id"], upd, buma["initials"], buma["surname_prefix"], buma["surname"], buma["forename"],
                  buma["birthdate"]))
    fractie = ('      <fractie %s id="%s" tk:bijgewerkt="%s" tk:verwijderd="false">\n        <nummer>0</nummer>\n'
               '        <afkorting>CDA</afkorting>\n        <naamNl>%s</naamNl>\n      </fractie>'
               % (TK, cda, upd, FRACTIE_NAMES["CDA"]))
    fractiezetel = ('      <fractieZetel %s id="%s" tk:bijgewerkt="%s" tk:verwijderd="false">\n        <fractie ref="%s"/>\n'
                    '      </fractieZetel>' % (TK, zetel, upd, cda))
    text = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n  <title>SyncFeed</title>\n'
            '  <id>https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed</id>\n  <updated>2023-08-29T13:23:13Z</updated>\n'
            + entry(buma["tk_id"], "persoon", upd, persoon)
            + entry(cda, "fractie", upd, fractie)
            + entry(zetel, "fractieZetel", upd, fractiezetel)
            + "".join("  " + line + "\n" for line in real.strip().splitlines()
                      if 'rel="next"' not in line)
            + "</feed>\n")
    (OUT / "registry-feed.xml").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
