#!/usr/bin/env python3
"""Builds the officielebekendmakingen (KOOP) XML fixtures in this folder: each publication as <id>.xml in the envelope of
samples/ob-officiele-publicaties-xml/h-tk-20172018-50-1.xml (BOM, CRLF, op-xsd-2012-1) with a <kamervragen> body, and its
<id>/metadata.xml. The content is the real content of two bundled answers; see SOURCES.md here for what is real and derived.

Run from the repository root, with the clean block texts as the converter reads them from the bundled texts:
    ./kvgraph convert --no-links -o /tmp/3649.nt data/aanhangsel/ah-tk-20222023-3649.txt
    ./kvgraph convert --no-links -o /tmp/1999.nt data/aanhangsel/pdftotext/01bf9f06-42d0-48a6-a85f-12c9c8e14c57.txt
    python3 src/test/resources/koop/make_fixtures.py /tmp/3649.nt /tmp/1999.nt
"""
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

OUT = Path(__file__).resolve().parent
TEXT = re.compile(r'^<([^>]+)/(question|answer)/(\d+)> <https://w3id.org/kvgraph/def#text> "((?:[^"\\]|\\.)*)"@nl \.$')


def blocks(nt):
    """(kind, first number) -> clean text, from the converter's N-Triples of the bundled text."""
    result = {}
    for line in Path(nt).read_text(encoding="utf-8").splitlines():
        m = TEXT.match(line)
        if m:
            text = m.group(4).encode("latin-1", "backslashreplace").decode("unicode_escape") if "\\u" in m.group(4) else m.group(4)
            result[(m.group(2), int(m.group(3)))] = text.replace('\\"', '"').replace("\\\\", "\\")
    return result


def lines(path, first, last):
    """Lines first..last (1-based, inclusive) of a bundled text, joined with spaces."""
    raw = Path(path).read_text(encoding="utf-8").splitlines()
    return " ".join(l.strip() for l in raw[first - 1:last])


def noot(n, text):
    text = re.sub(r"^%d(?=\S)" % n, "", text)  # the footnote's own number, glued to its text in the PDF text
    body = escape(text)
    url = re.search(r"https?://\S+?(?=\)?\.?$|\s)|www\.\S+?(?=\)|$)", text)
    if url:
        u = url.group(0)
        href = u if u.startswith("http") else "https://" + u
        body = escape(text[:url.start()]) + "<extref doc=" + quoteattr(href) + " soort=\"URL\" status=\"actief\">" + escape(u) + "</extref>" + escape(text[url.end():])
    return ('<noot id="ID-%d" type="voet"><noot.nr>%d</noot.nr><noot.al>%s</noot.al></noot>' % (n, n, body))


def al(text, notes):
    return "<al>" + escape(text) + "".join(notes) + "</al>"


def envelope(pub, kop, nummer, omschrijvingen, body):
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<officiele-publicatie xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://technische-documentatie.oep.overheid.nl/schema/op-xsd-2012-1">',
           '  <metadata>',
           '    <meta name="OVERHEIDop.externMetadataRecord" scheme="" content="https://zoek.officielebekendmakingen.nl/%s/metadata.xml" />' % pub,
           '  </metadata>',
           '  <kamervragen>',
           '    <kamervraagkop>']
    out += ['      <tekstregel inhoud="%s">%s</tekstregel>' % (k, escape(v)) for k, v in kop]
    out += ['    </kamervraagkop>', '    <kamervraagnummer>%s</kamervraagnummer>' % nummer]
    out += ['    ' + o for o in omschrijvingen]
    out += ['    ' + b for b in body]
    out += ['  </kamervragen>', '</officiele-publicatie>']
    return "\ufeff" + "\r\n".join(out) + "\r\n"


def metadata(fields):
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<metadata_gegevens>']
    out += ['<metadata name="%s" scheme="" content=%s/>' % (k, quoteattr(v)) for k, v in fields]
    out += ['</metadata_gegevens>']
    return "\n".join(out) + "\n"


def write(pub, xml, meta):
    (OUT / (pub + ".xml")).write_bytes(xml.encode("utf-8"))
    (OUT / pub).mkdir(exist_ok=True)
    (OUT / pub / "metadata.xml").write_text(meta, encoding="utf-8")


def omschrijving(text, naam):
    """The header with the askers' family names marked up as the op-xsd does (<naam><achternaam>)."""
    x = escape(text)
    for n in naam:
        particle, _, surname = n.rpartition(" ")
        marked = ("<voorvoegsels>%s</voorvoegsels> " % escape(particle) if particle else "") + "<achternaam>" + escape(surname) + "</achternaam>"
        x = x.replace(escape(n) + " (", "<naam>" + marked + "</naam> (", 1)
    return "<kamervraagomschrijving>" + x + "</kamervraagomschrijving>"


def kop(vergaderjaar, soort):
    return [("kameraanduiding", "Tweede Kamer der Staten-Generaal"), ("vergaderjaar", "Vergaderjaar " + vergaderjaar),
            ("publicatiesoort", soort),
            ("documenttype", "Vragen gesteld door de leden der Kamer, met de daarop door de regering gegeven antwoorden")]


def main():
    b3649, b1999 = blocks(sys.argv[1]), blocks(sys.argv[2])

    # ah-tk-20222023-3649: data/aanhangsel/ah-tk-20222023-3649.txt
    t = "data/aanhangsel/ah-tk-20222023-3649.txt"
    notes = {1: lines(t, 28, 29), 2: lines(t, 59, 59), 3: lines(t, 91, 91), 4: lines(t, 113, 113), 5: lines(t, 114, 114),
             6: lines(t, 115, 115)}
    at = {("question", 1): [1], ("answer", 3): [2], ("answer", 7): [3], ("answer", 14): [4, 5, 6]}
    body = []
    for n in range(1, 15):
        for kind, label in (("question", "Vraag"), ("answer", "Antwoord")):
            body.append('<%s><nr>%s %d</nr>%s</%s>' % ("vraag" if kind == "question" else "antwoord", label, n,
                        al(b3649[(kind, n)], [noot(k, notes[k]) for k in at.get((kind, n), [])]),
                        "vraag" if kind == "question" else "antwoord"))
    write("ah-tk-20222023-3649", envelope("ah-tk-20222023-3649", kop("2022-2023", "Aanhangsel van de Handelingen"), "3649",
          [omschrijving(lines(t, 7, 9), ["Bromet"]), "<kamervraagomschrijving>" + escape(lines(t, 11, 12)) + "</kamervraagomschrijving>"],
          body),
          metadata([("DC.identifier", "ah-tk-20222023-3649"), ("DC.type", "Kamervragen (Aanhangsel)"),
                    ("OVERHEIDop.indiener", "Bromet"), ("OVERHEIDop.ontvanger", "Van der Wal-Zeggelink"),
                    ("OVERHEIDop.vergaderjaar", "2022-2023"), ("OVERHEIDop.aanhangselNummer", "3649"),
                    ("OVERHEIDop.datumIndiening", "2023-07-04"), ("OVERHEIDop.datumOntvangst", "2023-09-14")]))

    # ah-tk-20232024-1999: data/aanhangsel/pdftotext/01bf9f06-42d0-48a6-a85f-12c9c8e14c57.txt, Zaak 2024Z09394
    t = "data/aanhangsel/pdftotext/01bf9f06-42d0-48a6-a85f-12c9c8e14c57.txt"
    header = lines(t, 13, 16)
    vragen = ['<vraag><nr>Vraag %d</nr>%s</vraag>' % (n, al(b1999[("question", n)], [noot(1, lines(t, 42, 42))] if n == 1 else []))
              for n in range(1, 4)]
    mededeling = "<kamervraagopmerking><al>Mededeling</al><al>" + escape(lines(t, 32, 34)) + "</al></kamervraagopmerking>"
    write("ah-tk-20232024-1999", envelope("ah-tk-20232024-1999", kop("2023-2024", "Aanhangsel van de Handelingen"), "1999",
          [omschrijving(header, ["Sneller", "Chakor", "Van Nispen"]), "<kamervraagomschrijving>" + escape(lines(t, 17, 18)) + "</kamervraagomschrijving>"],
          vragen + [mededeling]),
          metadata([("DC.identifier", "ah-tk-20232024-1999"), ("DC.type", "Kamervragen (Aanhangsel)"),
                    ("OVERHEIDop.indiener", "J.C. Sneller"), ("OVERHEIDop.indiener", "G. Chakor"),
                    ("OVERHEIDop.indiener", "M. van Nispen"), ("OVERHEIDop.ontvanger", "H.M. de Jonge"),
                    ("OVERHEIDop.vergaderjaar", "2023-2024"), ("OVERHEIDop.vraagnummer", "2024Z09394"),
                    ("OVERHEIDop.aanhangselNummer", "1999"), ("OVERHEIDop.datumIndiening", "2024-05-30"),
                    ("OVERHEIDop.datumOntvangst", "2024-06-07")]))

    # kv-tk-2024Z09394: the same questions as published before their answer (no response)
    write("kv-tk-2024Z09394", envelope("kv-tk-2024Z09394", kop("2023-2024", "Kamervragen zonder antwoord")[:3], "2024Z09394",
          [omschrijving(header, ["Sneller", "Chakor", "Van Nispen"])], vragen),
          metadata([("DC.identifier", "kv-tk-2024Z09394"), ("DC.type", "Kamervragen zonder antwoord"),
                    ("OVERHEIDop.indiener", "J.C. Sneller"), ("OVERHEIDop.indiener", "G. Chakor"),
                    ("OVERHEIDop.indiener", "M. van Nispen"), ("OVERHEIDop.ontvanger", "H.M. de Jonge"),
                    ("OVERHEIDop.vergaderjaar", "2023-2024"), ("OVERHEIDop.vraagnummer", "2024Z09394"),
                    ("OVERHEIDop.datumIndiening", "2024-05-30")]))


if __name__ == "__main__":
    main()
