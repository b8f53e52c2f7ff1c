"""Regenerate annotations.json: the gold spans of the synthetic samples in documents/.

Every item in ITEMS is a (file, text, label, role, action) tuple. The script finds each
item at every whole-word occurrence (case as written) in its file, so after editing a
sample only this list needs a look before running it again:

    python samples/make_annotations.py

Overlaps are resolved longest first: an occurrence inside a longer annotated one is
dropped ("Kacper" inside "Kacper Nowak"), except that a POSTCODE inside an ADDRESS is
kept as its own span. Partial overlaps, items that never occur (or only ever occur
inside a longer item), UPNs and NHS numbers with a wrong check character, and files
without the synthetic banner are errors. The output is deterministic.

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
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCUMENTS = HERE / "documents"
OUTPUT = HERE / "annotations.json"
BANNER = "SYNTHETIC SAMPLE – every person, address, number and email in this document is invented."
NOTE = (
    "Gold spans for the SYNTHETIC samples in documents/; every person, address, number and "
    "email is invented. start/end are Python code-point offsets (end exclusive). Generated "
    "by make_annotations.py; edit that script, not this file."
)

FILES = [
    "staff-briefing-sheet.txt",
    "governing-board-minutes.txt",
    "sen-review-note.txt",
    "incident-log.txt",
    "email-thread.txt",
]

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


def contains(outer: dict[str, object], inner: dict[str, object]) -> bool:
    return outer["start"] <= inner["start"] and inner["end"] <= outer["end"]


def overlaps(a: dict[str, object], b: dict[str, object]) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def spans_for(file: str) -> list[dict[str, object]]:
    text = file_text(file)
    items = [item for item in ITEMS if item[0] == file]
    seen: set[str] = set()
    candidates = []
    for _, item_text, label, role, action in items:
        if item_text in seen:
            sys.exit(f"{file}: {item_text!r} is listed twice")
        seen.add(item_text)
        found = [m.span() for m in whole_word(item_text).finditer(text)]
        if not found:
            sys.exit(f"{file}: {item_text!r} does not occur")
        candidates += [
            {"file": file, "start": s, "end": e, "text": item_text, "label": label, "role": role,
             "action": action}
            for s, e in found
        ]
    # Longest first; an occurrence inside an accepted span is dropped, bar POSTCODE in ADDRESS.
    candidates.sort(key=lambda c: (-(c["end"] - c["start"]), c["start"]))
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
        assert text[span["start"]:span["end"]] == span["text"]
    accepted.sort(key=lambda a: (a["start"], -a["end"]))
    return accepted


def main() -> None:
    unknown = {item[0] for item in ITEMS} - set(FILES)
    on_disk = {p.name for p in DOCUMENTS.glob("*.txt")}
    if unknown or on_disk != set(FILES):
        sys.exit(f"FILES and documents/ disagree: {sorted(unknown | (on_disk ^ set(FILES)))}")
    document = {
        "note": NOTE,
        "banner": BANNER,
        "spans": [span for file in FILES for span in spans_for(file)],
    }
    OUTPUT.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(document['spans'])} spans to {OUTPUT.name}")


if __name__ == "__main__":
    main()
