"""CSV and TSV: redacted in their own dialect, encoding and line endings, read by their
header row, re-read independently (Python's csv module, and the raw bytes), and refused
when the rows are not one table. SYNTHETIC lists."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest

from redactor.config import Config
from redactor.errors import DamagedDocument, ExitCode
from redactor.formats.delimited import DelimitedHandler

TRIP = [
    ["Name", "Class", "DOB", "Parent/carer", "Phone", "Notes"],
    ["Olivia Smith", "4H", "12/05/2016", "Mrs Sarah Smith", "07700 900123",
     "Allergic to nuts; lives at 14 Elm Road, Andover SP10 1AA"],
    ["Tansy Morwood", "4H", "03/02/2017", "Idris Morwood", "07700 900456", "Collected by gran"],
]  # fmt: skip
SENSITIVE = [
    "Olivia Smith", "12/05/2016", "Sarah Smith", "07700 900123", "14 Elm Road", "SP10 1AA",
    "Tansy Morwood", "03/02/2017", "Idris Morwood", "07700 900456",
]  # fmt: skip
KEPT = ["Name", "DOB", "Parent/carer", "Allergic to nuts", "Collected by gran"]


def write_table(path: Path, rows, *, delimiter=",", line_end="\r\n", encoding="utf-8",
                quoting=csv.QUOTE_MINIMAL) -> Path:  # fmt: skip
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator=line_end, quoting=quoting).writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def read_table(path: Path, *, delimiter=",", encoding="utf-8") -> list[list[str]]:
    text = path.read_bytes().decode(encoding)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def assert_redacted(rows: list[list[str]], raw: str) -> None:
    cells = " | ".join(cell for row in rows for cell in row)
    for value in SENSITIVE:
        assert value not in cells and value not in raw, value
    for value in KEPT:
        assert value in cells, value
    assert len(rows) == len(TRIP) and all(len(r) == len(TRIP[0]) for r in rows)


@pytest.mark.parametrize(
    "name, delimiter, line_end, encoding",
    [
        ("trip.csv", ",", "\r\n", "utf-8"),
        ("trip.csv", ";", "\n", "utf-8-sig"),  # a European Excel export, with a BOM
        ("trip.tsv", "\t", "\n", "utf-8"),
        ("trip.csv", "|", "\r\n", "utf-8"),
    ],
)
def test_round_trip_in_the_same_dialect(make_redactor, tmp_path, name, delimiter, line_end,
                                        encoding):  # fmt: skip
    source = write_table(tmp_path / "in" / name, TRIP, delimiter=delimiter, line_end=line_end,
                         encoding=encoding)  # fmt: skip
    before = source.read_bytes()
    dest = tmp_path / "out" / name
    make_redactor().redact_file(source, dest)
    raw = dest.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) == (encoding == "utf-8-sig")
    text = raw.decode(encoding)
    assert line_end in text and (line_end == "\r\n" or "\r\n" not in text)
    assert_redacted(read_table(dest, delimiter=delimiter, encoding=encoding), text)
    assert source.read_bytes() == before  # the input is untouched


def test_every_field_quoted_stays_quoted(make_redactor, tmp_path):
    source = write_table(tmp_path / "trip.csv", TRIP, quoting=csv.QUOTE_ALL)
    dest = tmp_path / "out" / "trip.csv"
    make_redactor().redact_file(source, dest)
    first = dest.read_text(encoding="utf-8").splitlines()[0]
    assert first == '"Name","Class","DOB","Parent/carer","Phone","Notes"'


def test_a_cell_over_several_lines_and_a_legacy_encoding(make_redactor, tmp_path):
    rows = [["Pupil", "Note"], ["Zoë Pellow", "Seen by the nurse.\nMum (Kerensa Pellow) informed."]]
    source = write_table(tmp_path / "notes.csv", rows, encoding="cp1252")
    dest = tmp_path / "out" / "notes.csv"
    redactor = make_redactor(text_encoding="cp1252")
    redactor.redact_file(source, dest)
    written = read_table(dest, encoding="cp1252")
    assert written[0] == ["Pupil", "Note"]
    assert "Zoë" not in written[1][0] and "Pellow" not in written[1][1]
    assert written[1][1].startswith("Seen by the nurse.\n")


def test_the_header_says_what_a_column_holds(make_redactor, tmp_path):
    # Words that no rule alone would take for a name or a date of birth, under headers
    # that say so.
    rows = [["Forename", "Surname", "Date of birth"], ["Quillon", "Vane", "4.11.13"]]
    source = write_table(tmp_path / "list.csv", rows)
    result = make_redactor().check_file(source)
    found = {(f.text, f.entity_type) for f in result.findings}
    assert {("Quillon", "PERSON"), ("Vane", "PERSON"), ("4.11.13", "DOB")} <= found
    assert all(f.where.startswith("row 2") for f in result.findings)


def test_rows_that_are_not_one_table_are_refused(make_redactor, tmp_path, run_cli):
    source = tmp_path / "in" / "ragged.csv"
    source.parent.mkdir()
    source.write_text("Name,Class\nOlivia Smith,4H\nTansy Morwood,4H,extra,fields\n")
    with pytest.raises(DamagedDocument, match="row 3 has 4 fields where the first row has 2"):
        make_redactor().check_file(source)
    result = run_cli("redact", tmp_path / "in", "-o", tmp_path / "out")
    assert result.code == ExitCode.FILE_FAILED
    assert "ragged.csv" in result.err and not (tmp_path / "out" / "ragged.csv").exists()


def test_an_unclosed_quote_is_refused(make_redactor, tmp_path):
    source = tmp_path / "broken.csv"
    source.write_text('Name,Note\nOlivia Smith,"never closed\n')
    with pytest.raises(DamagedDocument, match="cannot be read as a table"):
        make_redactor().check_file(source)


def test_a_big_endian_utf16_table_keeps_its_mark_and_byte_order(tmp_path):
    source, dest = tmp_path / "list.csv", tmp_path / "out.csv"
    text = "Name,Class\r\nTrip list,Elm\r\n"
    source.write_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    handler = DelimitedHandler()
    doc = handler.extract(source, Config())
    handler.write(doc, [], dest)
    assert dest.read_bytes() == source.read_bytes()
