#!/usr/bin/env python3
"""Builds the OData v4 JSON fixtures in this folder from real records; see SOURCES.md here for what is real.

Run from the repository root with the team's shared samples folder:
    python3 src/test/resources/odata/make_fixtures.py ../shared/samples
"""
import json
import re
import sys
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo
from pathlib import Path

SAMPLES = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/samples")
OUT = Path(__file__).resolve().parent
TEXTS = Path("data/aanhangsel/pdftotext")
BASE = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"

# The tk-aanhangsel-pdf table of samples/SOURCES.md: PDF (= TK Document Id), ah-tk id, Zaak record (file, line).
TABLE = re.compile(r"^\| ([0-9a-f-]{36}) \| (ah-tk-(\d{8})-(\d+)) \| \d+ \| [\d-]+ \| (actor-\d+\.jsonl) line (\d+) \| (\d{4}Z\d{5}) \|", re.M)
# Positions in a Zaak row (samples/SOURCES.md, tk-zaak-schriftelijke-vragen).
ZAAK_FIELDS = {4: "Id", 5: "Nummer", 6: "Soort", 7: "Titel", 8: "Citeertitel", 9: "Alias", 10: "Status", 11: "Onderwerp",
               13: "GestartOp", 14: "Organisatie", 15: "Grondslagvoorhang", 16: "Termijn", 17: "Vergaderjaar",
               18: "Volgnummer", 19: "HuidigeBehandelstatus", 20: "Afgedaan", 21: "GrootProject", 27: "Kabinetsappreciatie",
               23: "GewijzigdOp", 25: "ApiGewijzigdOp", 26: "Verwijderd"}
ORDER = ["Id", "Nummer", "Soort", "Titel", "Citeertitel", "Alias", "Status", "Onderwerp", "GestartOp", "Organisatie",
         "Grondslagvoorhang", "Termijn", "Vergaderjaar", "Volgnummer", "HuidigeBehandelstatus", "Afgedaan", "GrootProject",
         "Kabinetsappreciatie", "GewijzigdOp", "ApiGewijzigdOp", "Verwijderd"]
RELATIONS = {48: "Gericht aan", 49: "Indiener", 50: "Medeindiener"}
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def persons_with_tk_id():
    """openkamer persons by "forename [prefix] surname"; only names that occur once are kept."""
    seen = {}
    for p in json.loads((SAMPLES / "openkamer-fixtures/person.json").read_text(encoding="utf-8")):
        f = p["fields"]
        if not f.get("tk_id"):
            continue
        name = " ".join(x for x in (f["forename"], f.get("surname_prefix") or "", f["surname"]) if x)
        seen.setdefault(name, set()).add(f["tk_id"])
    return {n: ids.pop() for n, ids in seen.items() if len(ids) == 1}


def split_names(column):
    """tkapi joined the names with ", "; a name is "Roepnaam Achternaam (Initialen)" or an ActorNaam "X.Y. Achternaam"."""
    return [n for n in re.split(r"(?<=\))\s*,\s*|(?<=[^)]),\s+(?=\S)", column) if n.strip()] if column else []


def actor_name(name):
    """(ActorNaam "S. Mutluer", roepnaam-and-surname "Songül Mutluer" or None)."""
    m = re.fullmatch(r"(\S+) (.+) \(([^()]+)\)", name.strip())
    if m:
        return m.group(3) + " " + m.group(2), m.group(1) + " " + m.group(2)
    return name.strip(), None


def header_parties(text):
    """Family name (lower case) -> party, from the "Vragen van het lid/de leden X (P) en Y (Q) aan …" header."""
    flat = " ".join(text.split())
    head = re.search(r"Vragen van (?:het lid|de leden) (.+?) aan (?:de|het) ", flat).group(1)
    parties = {}
    for names, party in re.findall(r"\s*(?:,|\ben\b)?\s*([^,()]+?)\s*\(([^()]+)\)", head):
        # "Van Eijk en Aartsen (beiden VVD)": the party of every name of the group.
        group = re.split(r"\s*,\s*|\s+en\s+", names) if party.startswith("beiden ") else [names]
        for n in group:
            parties[n.strip().lower()] = party.removeprefix("beiden ")
    return parties


def received(text):
    flat = " ".join(text.split())
    d, mo, y = re.search(r"\(ontvangen (\d{1,2}) (\w+) (\d{4})\)", flat).groups()
    return "%s-%02d-%02d" % (y, MONTHS.index(mo) + 1, int(d))


def midnight_in_the_hague(day):
    """As the API writes a date: "2024-03-25T00:00:00+01:00" (+02:00 in summer time)."""
    return datetime.fromisoformat(day).replace(tzinfo=ZoneInfo("Europe/Amsterdam")).isoformat()


def squeeze(name):
    """For comparing names only: NFC, lower case, no spaces ("Inge vanDijk" as printed, "van Dijk")."""
    return unicodedata.normalize("NFC", name).lower().replace(" ", "")


def party_of(family, parties):
    fam = squeeze(family)
    hits = [p for n, p in parties.items() if squeeze(n).endswith(fam)]
    return hits[0] if len(hits) == 1 else None


def zaak(row, doc_id, vergaderjaar, nummer, text, registry):
    z = {"@odata.context": BASE + "$metadata#Zaak(ZaakActor(),Document())/$entity"}
    values = {name: row[pos] for pos, name in ZAAK_FIELDS.items()}
    for name in ORDER:
        z[name] = values[name]
    parties = header_parties(text)
    actors = []
    for pos, relatie in sorted(RELATIONS.items(), key=lambda kv: ["Indiener", "Medeindiener", "Gericht aan"].index(kv[1])):
        for name in split_names(row[pos]):
            actor, full = actor_name(name)
            family = actor.split(" ", 1)[1] if re.match(r"^(?:[A-Z][a-z]?\.)+ ", actor) else actor
            member = relatie != "Gericht aan"
            actors.append({
                "Id": None, "Zaak_Id": z["Id"], "ActorNaam": actor,
                "ActorFractie": party_of(family, parties) if member else None,
                "ActorAfkorting": None, "Functie": "Tweede Kamerlid" if member else None, "Relatie": relatie,
                "SidActor": None, "Persoon_Id": registry.get(full) if full else None, "Fractie_Id": None,
                "Commissie_Id": None, "GewijzigdOp": None, "ApiGewijzigdOp": None, "Verwijderd": False})
    z["ZaakActor"] = actors
    z["Document"] = [{
        "Id": doc_id, "Soort": "Antwoord schriftelijke vragen", "DocumentNummer": None, "Titel": None,
        "Onderwerp": None, "Datum": midnight_in_the_hague(received(text)),
        "Vergaderjaar": vergaderjaar[:4] + "-" + vergaderjaar[4:], "Kamer": 2, "Volgnummer": -1,
        "Citeertitel": None, "Alias": None, "DatumRegistratie": None, "DatumOntvangst": None,
        "Aanhangselnummer": vergaderjaar[2:4] + vergaderjaar[6:8] + "%05d" % int(nummer), "KenmerkAfzender": None,
        "Organisatie": None, "ContentType": "application/pdf", "ContentLength": None, "GewijzigdOp": None,
        "ApiGewijzigdOp": None, "Verwijderd": False}]
    return z


def main():
    registry = persons_with_tk_id()
    zaken = []
    for m in TABLE.finditer((SAMPLES / "SOURCES.md").read_text(encoding="utf-8")):
        doc_id, ah, vj, nr, file, line, case = m.groups()
        row = json.loads((SAMPLES / "tk-zaak-schriftelijke-vragen" / file).read_text(encoding="utf-8").splitlines()[int(line) - 1])
        assert row[5] == case, (case, row[5])
        text = (TEXTS / (doc_id + ".txt")).read_text(encoding="utf-8")
        z = zaak(row, doc_id, vj, nr, text, registry)
        zaken.append(z)
        (OUT / ("zaak-" + case + ".json")).write_text(json.dumps(z, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert len(zaken) == 21, len(zaken)
    zaken.sort(key=lambda z: z["Nummer"])
    query = "Zaak?$filter=Soort%20eq%20'Schriftelijke%20vragen'&$expand=ZaakActor,Document&$orderby=Nummer"
    for page, (part, nxt) in enumerate([(zaken[:11], BASE + query + "&$skip=11"), (zaken[11:], None)], start=1):
        body = {"@odata.context": BASE + "$metadata#Zaak(ZaakActor(),Document())",
                "value": [{k: v for k, v in z.items() if k != "@odata.context"} for z in part]}
        if nxt:
            body["@odata.nextLink"] = nxt
        (OUT / ("page-%d.json" % page)).write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
