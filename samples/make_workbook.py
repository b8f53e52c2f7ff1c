"""Build the SYNTHETIC Excel sample in documents/ (needs openpyxl, a development tool here).

    .venv/bin/python samples/make_workbook.py

class-list.xlsx
    A class list as a school office keeps one: a visible sheet with a title row, a header
    row and one row per pupil (name, date of birth as an Excel date, parent/carer, mobile,
    address in a hidden column), the class teacher and the trip venue; a hidden sheet of
    medical notes; a comment from the office naming a parent; a page header and footer;
    and document properties (title, subject, author) naming a pupil. The pupils are the
    first three of school/pupils.csv, so the pupil export settles them. Everyone named is
    invented; the teacher is a form listed in redactor.toml, so the demo keep list applies.

The bytes are the same on every run: the properties carry fixed dates and the package is
re-zipped with fixed timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font

DOCUMENTS = Path(__file__).resolve().parent / "documents"
NAME = "class-list.xlsx"
BANNER = "SYNTHETIC SAMPLE – every person, address, number and email in this document is invented."
FIXED = dt.datetime(2026, 11, 2, 9, 0, 0)
STAMP = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
PUPILS = [
    ("Tamsin Quarrie", dt.date(2017, 3, 14), "Mrs Hazel Quarrie", "07700 900311",
     "7 Wrenfield Close, Andover SP11 9ZQ"),
    ("Tobenna Okonedo", dt.date(2016, 11, 2), "Mr Chijioke Okonedo", "07700 900312",
     "Flat 4 Kestrel Court, Andover SP10 9QZ"),
    ("Elin Lindqvist-Hale", dt.date(2018, 7, 21), "Ms Freya Lindqvist", "07700 900313",
     "22 Marsh Mead, Andover SP11 9QW"),
]  # fmt: skip


def build() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Class 4L"
    sheet.append([BANNER])
    sheet.append(["Trip to Winchester Science Centre, 12 June 2026. Teacher: Miss Bennett"])
    sheet.append(["Pupil", "Date of birth", "Parent/carer", "Mobile", "Home address", "Teacher"])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for pupil, born, parent, mobile, address in PUPILS:
        sheet.append([pupil, born, parent, mobile, address, "Miss Laura Bennett"])
    for row in range(4, 4 + len(PUPILS)):
        sheet.cell(row, 2).number_format = "dd/mm/yyyy"
    sheet.column_dimensions["E"].hidden = True
    sheet.column_dimensions["A"].width = 22
    sheet.freeze_panes = "A4"
    sheet["C5"].comment = Comment(
        "Mr Okonedo asked for a call back on 07700 900312 before the trip.", "Office"
    )
    sheet.oddHeader.center.text = "Class 4L trip list"
    sheet.oddFooter.left.text = "SYNTHETIC SAMPLE"
    sheet.oddFooter.right.text = "Page &P of &N"
    medical = book.create_sheet("Medical")
    medical.sheet_state = "hidden"
    medical.append(["Pupil", "Medical notes"])
    medical.append(["Tobenna Okonedo", "Asthma: inhaler in the blue bag"])
    properties = book.properties
    properties.title = "Class 4L trip list (Tamsin Quarrie and others)"
    properties.subject = BANNER
    properties.creator = "Hollybrook Office"
    properties.lastModifiedBy = "Hollybrook Office"
    properties.created = properties.modified = FIXED
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_timestamps(buffer.getvalue())


def _fixed_timestamps(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the time of saving; the sample keeps its fixed date.
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + STAMP, data)
            target.writestr(fixed, data)
    return out.getvalue()


def main() -> None:
    DOCUMENTS.mkdir(exist_ok=True)
    (DOCUMENTS / NAME).write_bytes(build())
    print(f"wrote {NAME} to {DOCUMENTS.name}/")


if __name__ == "__main__":
    main()
