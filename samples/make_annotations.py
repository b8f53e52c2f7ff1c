"""Regenerate annotations.json: the gold spans of the synthetic samples in documents/.

Every item in ITEMS is a (file, text, label, role, action) tuple. The script finds each
item at every whole-word occurrence (case as written) in its file, so after editing a
sample only this list needs a look before running it again:

    .venv/bin/python samples/make_annotations.py

The .txt samples go to "spans", with offsets into the file. The Word and PDF samples
(written by make_documents.py) go to "place_spans", with offsets into the text of one
place, since an offset into a zip or a PDF means nothing. place_texts() defines the
places and their text: for .docx, each XML part (its paragraphs, one a line, w:t and
w:delText read in order, so a tracked deletion is text too, and a text box's paragraphs
follow the one it is anchored in), each part's author attributes ("<part> authors"), and
the leaf values of the property parts, one a line; for .pdf, the text of each page as
pypdf extracts it ("page 1") and the document information values ("info", "Key: value"
lines). Staff names in the Word and PDF samples must be in redactor.toml's keep list.

Overlaps are resolved longest first, within one place: an occurrence inside a longer
annotated one is dropped ("Kacper" inside "Kacper Nowak"), except that a POSTCODE inside
an ADDRESS is kept as its own span. Partial overlaps, items that never occur (or only
ever occur inside a longer item), UPNs and NHS numbers with a wrong check character,
files without the synthetic banner on their first line (and, for .docx and .pdf,
"SYNTHETIC" in their properties) are errors. The output is deterministic.

Actions: "redact" (a pupil's, parent's or other private person's details: must not
survive) and "keep" (staff, governors, the clerk and professionals acting in role, the
school's own details, and look-alikes such as meeting dates, incident times, room
numbers and sums of money: must survive). Look-alikes carry the label OTHER.
Everything here is invented.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
import zipfile
from pathlib import Path

from lxml import etree
from pypdf import PdfReader

HERE = Path(__file__).resolve().parent
DOCUMENTS = HERE / "documents"
OUTPUT = HERE / "annotations.json"
BANNER = "SYNTHETIC SAMPLE – every person, address, number and email in this document is invented."
NOTE = (
    "Gold spans for the SYNTHETIC samples in documents/; every person, address, number and "
    "email is invented. start/end are Python code-point offsets (end exclusive). Generated "
    "by make_annotations.py; edit that script, not this file."
)
PLACE_NOTE = (
    "place_spans: the .docx and .pdf samples, with start/end into the text of one place (a "
    "part of the Word package, its authors, a PDF page, the PDF's document information) as "
    "make_annotations.place_texts() reads it."
)

FILES = [
    "staff-briefing-sheet.txt",
    "governing-board-minutes.txt",
    "sen-review-note.txt",
    "incident-log.txt",
    "email-thread.txt",
]
# Annotated per place (see place_texts); written by make_documents.py.
PLACE_FILES = [
    "pupil-briefing-sheet.docx",
    "attendance-letter.pdf",
]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn_is_valid(upn: str) -> bool:
    """DfE UPN: a check letter, then 12 digits weighted 2..13, sum mod 23."""
    if not re.fullmatch(r"[A-Z]\d{12}", upn):
        return False
    total = sum(int(d) * w for d, w in zip(upn[1:], range(2, 14), strict=True))
    return upn[0] == UPN_LETTERS[total % 23]


def nhs_number_is_valid(number: str) -> bool:
    """NHS number: 10 digits, the first nine weighted 10..2; check = 11 - sum mod 11."""
    digits = re.sub(r"\s", "", number)
    if not re.fullmatch(r"\d{10}", digits):
        return False
    check = 11 - sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


# (file, text, label, role, action)
ITEMS: list[tuple[str, str, str, str, str]] = []


def add(file: str, action: str, label: str, role: str, *texts: str) -> None:
    ITEMS.extend((file, text, label, role, action) for text in texts)


# The items, one add() a line or two, read best unformatted.
# fmt: off
# --- staff-briefing-sheet.txt -------------------------------------------------------------
F = "staff-briefing-sheet.txt"
add(F, "redact", "PERSON", "pupil", "Kacper Nowak", "Kacper", "Ayaan Chowdhury", "Amara Okafor",
    "Amara", "Olivia Brennan", "Olivia", "Grace Adjei", "Grace")
add(F, "redact", "PERSON", "parent", "Mr and Mrs Nowak", "Mrs Blessing Okafor", "Siobhan Brennan",
    "Mrs Brennan")
add(F, "redact", "PERSON", "other", "Ms Comfort Mensah")  # aunt, a private carer
add(F, "redact", "PHONE", "parent", "07700 900415")
add(F, "redact", "PHONE", "other", "(01632) 960 271")
add(F, "redact", "ADDRESS", "pupil", "27 Larkspur Close, Andover, SP10 2AB")
add(F, "redact", "POSTCODE", "pupil", "SP10 2AB")
add(F, "redact", "ADDRESS", "other", "5 Tennyson Court, Charlton, SP114HR")
add(F, "redact", "POSTCODE", "other", "SP114HR")
add(F, "keep", "PERSON", "staff", "Mrs Janet Price", "Mrs Price", "Miss Laura Bennett",
    "Mr Hamish Fraser", "Mr Fraser", "Mrs Karen Doyle", "Mrs Doyle", "Mr Daniel Osei", "Mr Osei",
    "Mr Tom Hughes", "Ms Niamh Gallagher", "Ms Rosa Delgado", "Mrs Joy Fenwick")
add(F, "keep", "SCHOOL", "school", "HOLLYBROOK PRIMARY SCHOOL", "01632 960000",
    "office@hollybrook.example.sch.uk")
add(F, "keep", "OTHER", "other", "Monday 11 November 2024", "8.15am", "Tuesday 12 November",
    "Winchester Science Centre", "Wednesday 13 November", "Thursday 14 November", "4.00pm",
    "Room 12", "Friday 15 November", "£1", "grace period", "Friday 22 November", "£14.50",
    "Friday 29 November", "Wednesday 20 November", "3.30pm")

# --- governing-board-minutes.txt ----------------------------------------------------------
F = "governing-board-minutes.txt"
add(F, "redact", "PERSON", "pupil", "Andrei Popescu", "Andrei", "Zayn Iqbal", "Zayn")
add(F, "redact", "PERSON", "parent", "Mrs Ioana Popescu", "Mrs Popescu", "Mr Tariq Iqbal")
add(F, "redact", "PHONE", "parent", "07700900832")
add(F, "keep", "PERSON", "staff", "Mr Gareth Lloyd", "Mr Lloyd", "Mrs Helen Carter", "Mrs Carter",
    "Mrs Janet Price", "Mrs Price", "Dr Ruth Ellis", "Dr Ellis", "Mr Imran Siddiqui", "Mr Siddiqui",
    "Mr Kwabena Asante", "Ms Niamh Gallagher", "Ms Gallagher", "Mrs Fiona Walsh", "Mrs Walsh",
    "Mr Daniel Osei", "Mr Osei", "Ms Priya Nair", "Ms Nair", "Mr Steven Marsh", "Mr Marsh",
    "Mrs Bronwen Pugh", "Mrs Pugh")
add(F, "keep", "SCHOOL", "school", "HOLLYBROOK PRIMARY SCHOOL")
add(F, "keep", "OTHER", "other", "Tuesday 26 November 2024", "6.00pm", "Tuesday 17 September 2024",
    "£6,480", "94.8%", "14.2%", "Monday 4 November 2024", "6.50pm", "£18,400", "£96,360", "£3,250",
    "Friday 6 December 2024", "Friday 17 January 2025", "Friday 13 December 2024",
    "Monday 18 November 2024", "Thursday 5 December 2024", "4.30pm", "Friday 8 November 2024",
    "Tuesday 4 February 2025", "7.40pm")

# --- sen-review-note.txt ------------------------------------------------------------------
F = "sen-review-note.txt"
add(F, "redact", "PERSON", "pupil", "Hodan Warsame", "Hodan", "Lily-Mae")
add(F, "redact", "PERSON", "parent", "Mr Abdirahman Warsame", "Mr Warsame", "Ms Faduma Ali",
    "Ms Ali")
add(F, "redact", "DOB", "pupil", "14/03/2016")
add(F, "redact", "UPN", "pupil", "L850241720038")
add(F, "redact", "NHS_NUMBER", "pupil", "999 104 5635")
add(F, "redact", "ADDRESS", "pupil", "Flat 2\n41 Meadowsweet Road\nAndover\nSP10 4LN")
add(F, "redact", "POSTCODE", "pupil", "SP10 4LN")
add(F, "redact", "PHONE", "parent", "07700 900527")
add(F, "redact", "EMAIL", "parent", "faduma.ali@example.org")
add(F, "keep", "PERSON", "staff", "Ms Priya Nair", "Ms Nair", "Mr Tom Hughes", "Mr Hughes")
# visiting professionals acting in role
add(F, "keep", "PERSON", "other", "Dr Eilidh MacLeod", "Dr MacLeod", "Mr Owen Jenkins",
    "Mr Jenkins", "Mr Yusuf Farah", "Mr Farah")
add(F, "keep", "SCHOOL", "school", "HOLLYBROOK PRIMARY SCHOOL")
add(F, "keep", "OTHER", "other", "Wednesday 20 November 2024", "3.30pm", "Room 4",
    "Wednesday 6 November 2024", "Wednesday 4 December 2024", "20 November 2024")

# --- incident-log.txt ---------------------------------------------------------------------
F = "incident-log.txt"
add(F, "redact", "PERSON", "pupil", "Will Hargreaves", "Will", "Dylan Morgan", "Dylan",
    "Ruby O'Connor", "Ruby", "Jayden Campbell", "Jayden", "Arjun Patel", "Arjun", "Mei Zhang",
    "Mei")
add(F, "redact", "PERSON", "parent", "Mrs Kerry Hargreaves", "Mrs Hargreaves", "Mr Rhys Morgan",
    "Mr Marcus Campbell", "Mrs Sunita Patel", "Mrs Lin Zhang")
add(F, "redact", "PHONE", "parent", "07700 900263", "01632 960384", "+44 1632 960789")
add(F, "keep", "PERSON", "staff", "Mr Daniel Osei", "Mr Osei", "Mrs Joy Fenwick", "Mrs Fenwick",
    "Ms Niamh Gallagher", "Mr Tom Hughes", "Mr Hughes", "Mrs Janet Price")
add(F, "keep", "SCHOOL", "school", "HOLLYBROOK PRIMARY SCHOOL")
add(F, "keep", "OTHER", "other", "2024-031", "2024-032", "2024-033", "2024-034",
    "Monday 4 November 2024", "12.40pm", "1.15pm", "3.05pm", "Wednesday 6 November 2024",
    "10.15am", "Room 14", "11.00am", "Thursday 7 November 2024", "2.20pm",
    "Tuesday 12 November 2024", "9.00am", "3.30pm", "Monday 11 November 2024", "9.05am",
    "£14.50", "9.40am", "Friday 15 November 2024")

# --- email-thread.txt ---------------------------------------------------------------------
F = "email-thread.txt"
add(F, "redact", "PERSON", "parent", "Harpreet Kaur", "Mrs Kaur", "Mandeep Singh")
add(F, "redact", "PERSON", "pupil", "Jasleen Singh", "Jasleen", "Arjan")
add(F, "redact", "EMAIL", "parent", "harpreet.kaur@example.com")
add(F, "redact", "PHONE", "parent", "07700 900118", "020 7946 0713")
add(F, "redact", "ADDRESS", "parent", "8 Hawthorn Mews, Andover, sp11 7jd")
add(F, "redact", "POSTCODE", "parent", "sp11 7jd")
add(F, "keep", "PERSON", "staff", "Karen Doyle", "Mrs Doyle", "Mrs Price", "Miss Laura Bennett",
    "Miss Bennett")
add(F, "keep", "SCHOOL", "school", "Hollybrook Office", "Hollybrook Primary School",
    "1 School Lane, Andover, SP10 1AA", "01632 960000", "office@hollybrook.example.sch.uk")
add(F, "keep", "OTHER", "other", "Friday 22 November 2024", "07:58", "Wednesday 11 December",
    "1 December", "Thursday 21 November 2024", "11:42", "Monday 9 and Tuesday 10 December", "£80",
    "Monday 18 November 2024", "20:17", "Monday 9 December", "Friday 13 December",
    "9 to 13 December")

# --- pupil-briefing-sheet.docx ------------------------------------------------------------
# Places: word/document.xml (body, two tables, a text box twice over: DrawingML and its VML
# copy, a tracked deletion and insertion), word/header1.xml, word/footer1.xml,
# word/comments.xml, the authors of the comment and the revisions, docProps/core.xml and
# docProps/app.xml (the title again, in TitlesOfParts).
F = "pupil-briefing-sheet.docx"
add(F, "redact", "PERSON", "pupil", "Theodore Kowalczyk", "Teddy Kowalczyk", "Teddy",
    "Evie-Rose Pennington", "Evie")
add(F, "redact", "PERSON", "parent", "Mrs Agnieszka Kowalczyk", "Mr Piotr Kowalczyk",
    "Mrs Kowalczyk", "Mr Kowalczyk", "Ms Danielle Pennington", "Mr Craig Pennington",
    "Ms Pennington")
add(F, "redact", "DOB", "pupil", "02/09/2015", "23/05/2018")
add(F, "redact", "UPN", "pupil", "L850241719057", "Y850241721112")
add(F, "redact", "NHS_NUMBER", "pupil", "999 307 2141")
add(F, "redact", "PHONE", "parent", "07700 900346", "01632 960512", "07700 900781")
add(F, "redact", "EMAIL", "parent", "danielle.pennington@example.com")
add(F, "redact", "ADDRESS", "pupil", "14 Foxglove Way, Andover, SP10 3QJ",
    "Flat 6, Cedar House, 22 Wheatley Road, Andover, SP10 5RT")
add(F, "redact", "POSTCODE", "pupil", "SP10 3QJ", "SP10 5RT")
add(F, "keep", "PERSON", "staff", "Mrs Karen Doyle", "Karen Doyle", "Mr Daniel Osei",
    "Mr Tom Hughes", "Mrs Joy Fenwick", "Mrs Fenwick", "Ms Niamh Gallagher", "Ms Gallagher",
    "Ms Priya Nair")
add(F, "keep", "SCHOOL", "school", "Hollybrook Primary School", "01632 960000",
    "office@hollybrook.example.sch.uk")
add(F, "keep", "OTHER", "other", "Monday 18 November 2024", "Friday 20 December 2024",
    "Friday 15 November", "8.45am", "5.30pm", "Autumn term 2024")

# --- attendance-letter.pdf ----------------------------------------------------------------
# Places: page 1 and info (the document information: Title, Author, Subject, ...).
F = "attendance-letter.pdf"
add(F, "redact", "PERSON", "pupil", "Kian Radcliffe", "Kian")
add(F, "redact", "PERSON", "parent", "Mr and Mrs D Radcliffe", "Mr and Mrs Radcliffe")
add(F, "redact", "DOB", "pupil", "17/01/2015")
add(F, "redact", "ADDRESS", "parent", "3 Orchard Rise\nAbbotts Ann\nAndover\nSP11 7BX")
add(F, "redact", "POSTCODE", "parent", "SP11 7BX")
add(F, "keep", "PERSON", "staff", "Mrs Janet Price", "Mr Daniel Osei", "Mr Fraser")
add(F, "keep", "SCHOOL", "school", "Hollybrook Primary School", "1 School Lane, Andover, SP10 1AA",
    "01632 960000", "office@hollybrook.example.sch.uk")
add(F, "keep", "OTHER", "other", "Monday 25 November 2024", "Wednesday 4 September 2024",
    "86.4%", "133 of 154", "Friday 11 October", "Monday 21 October", "Monday 4 November 2024",
    "90%", "Tuesday 3 December 2024", "3.30pm", "Friday 29 November 2024")
# fmt: on


def whole_word(text: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)")


def file_text(file: str) -> str:
    raw = (DOCUMENTS / file).read_bytes()
    if b"\r" in raw:
        sys.exit(f"{file}: use LF line endings")
    text = raw.decode("utf-8")
    if text.split("\n", 1)[0] != BANNER:
        sys.exit(f"{file}: the first line must be the synthetic banner")
    return text


def place_texts(file: str) -> dict[str, str]:
    """The text of every place in a .docx or .pdf sample that holds any, by place name."""
    path = DOCUMENTS / file
    places = docx_places(path) if path.suffix == ".docx" else pdf_places(path)
    first_place, properties = (
        ("word/document.xml", "docProps/core.xml") if path.suffix == ".docx" else ("page 1", "info")
    )
    if places[first_place].split("\n", 1)[0] != BANNER:
        sys.exit(f"{file}: the first line must be the synthetic banner")
    if "SYNTHETIC" not in places[properties]:
        sys.exit(f"{file}: the document properties must say SYNTHETIC")
    return places


def docx_places(path: Path) -> dict[str, str]:
    places = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml"):
                continue
            root = etree.fromstring(archive.read(name), XML_PARSER)
            if name.startswith("docProps/"):
                values = [e.text for e in root.iter() if len(e) == 0 and e.text and e.text.strip()]
                places[name] = "\n".join(values)
                continue
            paragraphs = [paragraph_text(p) for p in root.iter(f"{W}p")]
            if any(paragraphs):
                places[name] = "\n".join(paragraphs)
            authors = [e.get(f"{W}author") for e in root.iter() if e.get(f"{W}author")]
            if authors:
                places[f"{name} authors"] = "\n".join(authors)
    return places


def paragraph_text(paragraph: etree._Element) -> str:
    """A paragraph's own text (not that of a text box anchored in it), tabs and breaks kept."""
    pieces = []
    for element in paragraph.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br"):
        if next(element.iterancestors(f"{W}p")) is not paragraph:
            continue
        if element.tag in (f"{W}t", f"{W}delText"):
            pieces.append(element.text or "")
        elif element.getparent().tag == f"{W}r":  # a tab stop in w:tabs is no character
            pieces.append("\t" if element.tag == f"{W}tab" else "\n")
    return "".join(pieces)


def pdf_places(path: Path) -> dict[str, str]:
    reader = PdfReader(path)
    places = {f"page {n}": page.extract_text() for n, page in enumerate(reader.pages, 1)}
    info = reader.metadata or {}
    places["info"] = "\n".join(f"{key.lstrip('/')}: {value}" for key, value in info.items())
    return places


def contains(outer: dict[str, object], inner: dict[str, object]) -> bool:
    return outer["start"] <= inner["start"] and inner["end"] <= outer["end"]


def overlaps(a: dict[str, object], b: dict[str, object]) -> bool:
    return a.get("place") == b.get("place") and a["start"] < b["end"] and b["start"] < a["end"]


def spans_for(file: str) -> list[dict[str, object]]:
    """The spans of one file: a .txt as one text, a .docx or .pdf place by place."""
    texts = {None: file_text(file)} if file in FILES else place_texts(file)
    items = [item for item in ITEMS if item[0] == file]
    seen: set[str] = set()
    candidates = []
    for _, item_text, label, role, action in items:
        if item_text in seen:
            sys.exit(f"{file}: {item_text!r} is listed twice")
        seen.add(item_text)
        found = [
            (place, m.span())
            for place, text in texts.items()
            for m in whole_word(item_text).finditer(text)
        ]
        if not found:
            sys.exit(f"{file}: {item_text!r} does not occur")
        for place, (start, end) in found:
            where = {} if place is None else {"place": place}
            candidates.append(
                {
                    "file": file,
                    **where,
                    "start": start,
                    "end": end,
                    "text": item_text,
                    "label": label,
                    "role": role,
                    "action": action,
                }
            )
    # Longest first; an occurrence inside an accepted span is dropped, bar POSTCODE in ADDRESS.
    order = list(texts)
    candidates.sort(
        key=lambda c: (-(c["end"] - c["start"]), order.index(c.get("place")), c["start"])
    )
    accepted: list[dict[str, object]] = []
    for cand in candidates:
        clash = [a for a in accepted if overlaps(a, cand)]
        if any(not contains(a, cand) for a in clash):
            sys.exit(f"{file}: {cand['text']!r} at {cand['start']} partly overlaps another item")
        if clash and not all(
            a["label"] == "ADDRESS" and cand["label"] == "POSTCODE" for a in clash
        ):
            continue
        accepted.append(cand)
    for item_text in seen:
        if not any(a["text"] == item_text for a in accepted):
            sys.exit(f"{file}: {item_text!r} only occurs inside longer items; remove it")
    for span in accepted:
        if span["label"] == "UPN" and not upn_is_valid(str(span["text"])):
            sys.exit(f"{file}: UPN {span['text']!r} has a wrong check letter")
        if span["label"] == "NHS_NUMBER" and not nhs_number_is_valid(str(span["text"])):
            sys.exit(f"{file}: NHS number {span['text']!r} fails the mod 11 check")
        assert texts[span.get("place")][span["start"] : span["end"]] == span["text"]
    accepted.sort(key=lambda a: (order.index(a.get("place")), a["start"], -a["end"]))
    return accepted


def check_staff_are_kept(spans: list[dict[str, object]]) -> None:
    """The demo settings must keep every staff name the Word and PDF samples use."""
    config = tomllib.loads((HERE / "redactor.toml").read_text(encoding="utf-8"))
    kept = set(config["keep"]["people"])
    staff = {str(s["text"]) for s in spans if s["role"] == "staff" and s["label"] == "PERSON"}
    if staff - kept:
        sys.exit(f"add to redactor.toml's keep list: {sorted(staff - kept)}")


def main() -> None:
    unknown = {item[0] for item in ITEMS} - set(FILES) - set(PLACE_FILES)
    expected = set(FILES) | set(PLACE_FILES)
    on_disk = {p.name for p in DOCUMENTS.iterdir() if p.is_file()}
    if unknown or on_disk != expected:
        sys.exit(f"FILES and documents/ disagree: {sorted(unknown | (on_disk ^ expected))}")
    place_spans = [span for file in PLACE_FILES for span in spans_for(file)]
    check_staff_are_kept(place_spans)
    document = {
        "note": NOTE,
        "banner": BANNER,
        "spans": [span for file in FILES for span in spans_for(file)],
        "place_note": PLACE_NOTE,
        "place_spans": place_spans,
    }
    OUTPUT.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"wrote {len(document['spans'])} spans and {len(place_spans)} place spans to {OUTPUT.name}"
    )


if __name__ == "__main__":
    main()
