"""Regenerate annotations.json: the gold spans of the synthetic samples in documents/.

Every item below is found at each of its whole-word occurrences (case as written) in
its file, so an edit to a sample only needs this script run again:

    python samples/make_annotations.py

Actions: "redact" (a pupil's, parent's or other private person's details: must not
survive) and "keep" (staff, governors, the school's own details and look-alikes such
as meeting dates and sums of money: must survive). Everything here is invented.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCUMENTS = HERE / "documents"
BANNER = "SYNTHETIC SAMPLE – every person, address, number and email in this document is invented."

STAFF = [
    "Mrs Janet Price", "Mr Daniel Osei", "Miss Laura Bennett", "Mr Tom Hughes", "Ms Priya Nair",
    "Priya Nair", "Mrs Price", "Mr Osei", "Miss Bennett", "Mr Hughes", "Mrs Karen Doyle",
    "Mr Richard Hale", "Mrs Helen Carter", "Dr Amina Rahman", "Dr Rahman", "Mr Gareth Lloyd",
    "Mr Lloyd", "Mrs Fiona Walsh", "Ms Claire Dunn", "Mr Steven Marsh", "Dr Ruth Ellis",
    "Dr Ellis",
]
SCHOOL = ["office@hollybrook.example.sch.uk", "01632 960000", "1 School Lane, Andover, SP10 1AA"]

# (file, text, label, role, action)
ITEMS: list[tuple[str, str, str, str, str]] = []


def add(file: str, action: str, label: str, role: str, *texts: str) -> None:
    ITEMS.extend((file, text, label, role, action) for text in texts)


F = "staff-briefing-sheet.txt"
add(F, "redact", "PERSON", "pupil", "Kacper Nowak", "Kacper", "Amara Okafor", "Amara",
    "Noah Fletcher", "Leo Marsh", "Leo", "Grace Adeyemi", "Grace")
add(F, "redact", "PERSON", "parent", "Agnieszka Nowak", "Mr Chinedu Okafor", "Mrs Sandra Marsh")
add(F, "redact", "PHONE", "parent", "07700 900415", "(01632) 960 271")
add(F, "redact", "ADDRESS", "pupil", "27 Larkspur Close")
add(F, "redact", "POSTCODE", "pupil", "SP10 2AB")
add(F, "redact", "EMAIL", "parent", "sandra.marsh62@example.com")
add(F, "keep", "PERSON", "staff", *STAFF)
add(F, "keep", "SCHOOL", "school", *SCHOOL)
add(F, "keep", "OTHER", "other", "grace period", "Thursday 19 November", "£12.50", "27 November",
    "Monday 16 November", "Millbrook", "Winchester Science Centre")

F = "governing-board-minutes.txt"
add(F, "redact", "PERSON", "pupil", "Tyler Brooks", "Tyler")
add(F, "redact", "PERSON", "parent", "Mrs Dawn Brooks", "Mrs Brooks")
add(F, "redact", "ADDRESS", "parent", "4 Kestrel Way")
add(F, "redact", "POSTCODE", "parent", "SP10 3QT")
add(F, "redact", "PHONE", "parent", "07700 900832")
add(F, "keep", "PERSON", "staff", *STAFF)
add(F, "keep", "OTHER", "other", "Tuesday 8 December", "15 September", "£18,400", "95.2%",
    "1 December", "15 December", "13 November")

F = "sen-review-note.txt"
add(F, "redact", "PERSON", "pupil", "Zofia Kowalska", "Zofia")
add(F, "redact", "PERSON", "parent", "Marek Kowalski", "Anna Kowalska", "Mrs Kowalska")
add(F, "redact", "DOB", "pupil", "14/03/2016")
add(F, "redact", "UPN", "pupil", "A123456789012")
add(F, "redact", "NHS_NUMBER", "pupil", "943 476 5919")
add(F, "redact", "ADDRESS", "parent", "9 Willow Crescent")
add(F, "redact", "POSTCODE", "parent", "SP10 4LN")
add(F, "redact", "PHONE", "parent", "07700 900527")
add(F, "redact", "EMAIL", "parent", "anna.kowalska@example.org")
add(F, "keep", "PERSON", "staff", *STAFF)
add(F, "keep", "OTHER", "other", "3 November", "2 March", "Year 4 (4H)", "7 years 2 months")

F = "incident-log.txt"
add(F, "redact", "PERSON", "pupil", "Tyler Brooks", "Tyler", "Mohammed Rahman", "Mohammed",
    "Ellie Shaw", "Ruby Taylor", "Jayden Clarke", "Chloe Evans", "Chloe", "Harvey Price",
    "Harvey", "Noah Fletcher")
add(F, "redact", "PERSON", "parent", "Mr Lee Price", "Mrs Gemma Fletcher")
add(F, "redact", "PHONE", "parent", "07700 900832", "01632 960 384")
add(F, "keep", "PERSON", "staff", *STAFF)
add(F, "keep", "OTHER", "other", "Monday 2 November", "12.40pm", "Room 12", "Wednesday 4 November",
    "Friday 6 November", "Monday 9 November")

F = "email-thread.txt"
add(F, "redact", "PERSON", "parent", "Ngozi Eze", "Mrs Eze")
add(F, "redact", "PERSON", "pupil", "Chidera Eze", "Chidera", "Tobi")
add(F, "redact", "EMAIL", "parent", "ngozi.eze@example.com")
add(F, "redact", "PHONE", "parent", "07700 900118")
add(F, "redact", "ADDRESS", "parent", "12 Foxglove Road")
add(F, "redact", "POSTCODE", "parent", "SP11 7JD")
add(F, "keep", "PERSON", "staff", *STAFF)
add(F, "keep", "SCHOOL", "school", *SCHOOL)
add(F, "keep", "OTHER", "other", "Tuesday 10 November")


def spans() -> list[dict[str, object]]:
    """Every occurrence of every item, as a span; items that never occur are an error."""
    result = []
    for file, text, label, role, action in ITEMS:
        content = (DOCUMENTS / file).read_text(encoding="utf-8")
        pattern = re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)")
        found = [m.span() for m in pattern.finditer(content)]
        shared_list = action == "keep" and label in {"PERSON", "SCHOOL"}
        if not found and not shared_list:
            raise SystemExit(f"{file}: {text!r} does not occur")
        result += [
            {"file": file, "start": s, "end": e, "text": text, "label": label, "role": role,
             "action": action}
            for s, e in found
        ]
    return result


def main() -> None:
    document = {
        "note": "Gold spans for the SYNTHETIC samples in this folder; every value is invented.",
        "banner": BANNER,
        "spans": spans(),
    }
    (HERE / "annotations.json").write_text(
        json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
