"""Excel workbooks: a name in any place a workbook keeps words is gone from every part of
the copy (re-read as raw XML and through openpyxl); the rest, the layout and the
workbook's validity survive; what cannot be read is refused. SYNTHETIC workbooks.
"""

from __future__ import annotations

import datetime
import io
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment

from redactor.errors import EncryptedDocument, ExitCode, FileRefused, UnsupportedFormat
from redactor.formats import output_name
from redactor.formats.xlsx_reread import cell_texts
from redactor.model import FileResult
from tests.fakes.xlsx_parts import FILLER, LOCATIONS, SML, Book, build_xlsx, s, write

SECRET = "Olivia Smith"
# Places the name goes by policy (removed or cleared), not by detection.
REMOVED_BY_POLICY = {"comment", "comment author", "document author"}


@pytest.fixture
def strict(make_redactor):
    return make_redactor(profile="strict")


def _redact(redactor, source: Path, out: Path) -> FileResult:
    batch = redactor.redact_paths([source], out)
    (outcome,) = batch.outcomes
    assert isinstance(outcome, FileResult), getattr(outcome, "reason", outcome)
    assert outcome.dest is not None
    return outcome


def every_part(path: Path) -> str:
    """Every byte of every part, decoded: what a curious reader of the zip would see."""
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(i).decode("utf-8", "replace") for i in archive.infolist())


def load(path: Path) -> openpyxl.Workbook:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path)


@pytest.mark.parametrize("location", LOCATIONS)
def test_a_name_anywhere_is_gone_from_every_part(strict, tmp_path, location):
    source = build_xlsx(tmp_path / "in" / "register.xlsx", location, SECRET)
    before = source.read_bytes()
    result = _redact(strict, source, tmp_path / "out")
    raw = every_part(result.dest).lower()
    assert "olivia" not in raw and "smith" not in raw, location
    shown = " | ".join(cell_texts(result.dest))
    assert "Olivia" not in shown and FILLER in shown and "Pupil" in shown
    load(result.dest)  # still a workbook openpyxl can open
    assert source.read_bytes() == before


@pytest.mark.parametrize("location", sorted(set(LOCATIONS) - REMOVED_BY_POLICY))
def test_check_finds_a_name_in_every_place_it_reads(strict, tmp_path, location):
    source = build_xlsx(tmp_path / "register.xlsx", location, SECRET)
    result = strict.check_file(source)
    assert any(f.entity_type in ("PERSON", "EMAIL") for f in result.findings), location


def test_a_class_list_made_in_openpyxl(make_redactor, tmp_path):
    """Hidden sheet, hidden column, comment, header, properties, dates of birth as dates."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Class 4P"
    sheet.append(["Pupil name", "Date of birth", "Parent/carer", "Phone", "Trip date"])
    sheet.append(["Tansy Morwood", datetime.date(2016, 3, 4), "Hazel Morwood", "07700 900123",
                  datetime.date(2026, 6, 12)])  # fmt: skip
    sheet.append(["Idris Pellow", datetime.date(2016, 9, 14), "Kerensa Pellow", "07700 900456",
                  datetime.date(2026, 6, 12)])  # fmt: skip
    sheet.column_dimensions["C"].hidden = True
    sheet.freeze_panes = "A2"
    sheet.merge_cells("F1:G1")
    sheet["A3"].comment = Comment("Senara Quince collects on Fridays", "Office")
    sheet.oddHeader.center.text = "Swimming group"
    medical = book.create_sheet("Medical")
    medical.sheet_state = "hidden"
    medical.append(["Name", "Allergy"])
    medical.append(["Tansy Morwood", "peanuts"])
    book.properties.creator = "Hazel Quarrie"
    source = tmp_path / "in" / "class-4p.xlsx"
    source.parent.mkdir()
    book.save(source)

    result = _redact(make_redactor(), source, tmp_path / "out")
    raw = every_part(result.dest)
    for value in ("Tansy", "Morwood", "Pellow", "Kerensa", "900123", "900456", "Quince",
                  "Quarrie"):  # fmt: skip
        assert value not in raw, value
    copy = load(result.dest)
    shown = copy["Class 4P"]
    assert [c.value for c in shown[1]][:5] == [
        "Pupil name", "Date of birth", "Parent/carer", "Phone", "Trip date"
    ]  # fmt: skip
    assert "04/03/2016" not in " ".join(cell_texts(result.dest))
    # The trip date is not a date of birth: it stays a date.
    assert shown["E2"].value == datetime.datetime(2026, 6, 12)
    assert shown.column_dimensions["C"].hidden and shown.freeze_panes == "A2"
    assert "F1:G1" in {str(r) for r in shown.merged_cells.ranges}
    assert copy["Medical"].sheet_state == "hidden" and copy["Medical"]["B2"].value == "peanuts"
    assert shown.oddHeader.center.text == "Swimming group"
    kinds = {r.kind for r in result.removals}
    assert "comments" in kinds and shown["A3"].comment is None


def test_rich_text_keeps_the_first_runs_formatting_and_unused_strings_go(strict, tmp_path):
    book = Book()
    book.raw_strings.append(
        "<si><r><rPr><b/></rPr><t>Olivia</t></r>"
        '<r><t xml:space="preserve"> Smith was late</t></r></si>'
    )
    book.strings.append("Olivia Smith (left in July)")  # used by no cell
    book.rows.append(f'<row r="3">{s(6, "C3")}</row>')  # the rich string, after the plain
    source = write(tmp_path / "in" / "rich.xlsx", book)
    result = _redact(strict, source, tmp_path / "out")
    with zipfile.ZipFile(result.dest) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        strings = archive.read("xl/sharedStrings.xml").decode()
    assert '<b/></rPr><t xml:space="preserve">[NAME]</t>' in sheet
    assert "was late" in sheet and "Olivia" not in strings and "Olivia" not in sheet
    assert any(r.kind == "unused shared strings" for r in result.removals)
    assert load(result.dest)["Register"]["C2"].value == FILLER


def test_a_formula_that_builds_a_name_becomes_its_redacted_value(strict, tmp_path):
    book = Book()
    book.strings += ["Olivia", "Smith"]
    book.rows.append(
        f'<row r="3">{s(5, "A3")}{s(6, "B3")}<c r="C3" t="str"><f t="shared" ref="C3:C4" si="0">'
        'A3&amp;" "&amp;B3</f><v>Olivia Smith</v></c></row>'
        f'<row r="4"><c r="C4" t="str"><f t="shared" si="0"/><v>4P</v></c></row>'
    )
    source = write(tmp_path / "in" / "joined.xlsx", book)
    result = _redact(strict, source, tmp_path / "out")
    sheet = load(result.dest)["Register"]
    assert sheet["C3"].value == "[NAME]"
    # The formula's other cell keeps its value, as a value: its shared formula went.
    assert sheet["C4"].value == "4P"
    (formulas,) = [r for r in result.removals if r.kind.startswith("formulas")]
    assert formulas.count == 2


def test_a_sheet_named_for_a_pupil_is_renamed_everywhere(strict, tmp_path):
    source = build_xlsx(tmp_path / "in" / "plans.xlsx", "sheet name", SECRET)
    result = _redact(strict, source, tmp_path / "out")
    copy = load(result.dest)
    assert copy.sheetnames == ["Register", "NAME plan"]
    assert copy["Register"]["A3"].value == "='NAME plan'!A1"
    assert copy.defined_names["Targets"].attr_text == "'NAME plan'!$A$1:$A$4"


def test_a_header_keeps_its_codes(strict, tmp_path):
    source = build_xlsx(tmp_path / "in" / "header.xlsx", "header", SECRET)
    result = _redact(strict, source, tmp_path / "out")
    header = load(result.dest)["Register"].oddHeader
    assert header.left.text == "[NAME]" and header.left.font == "Arial,Bold"
    assert header.right.text == "Page &P of &N"


def test_comments_are_kept_redacted_when_asked(make_redactor, tmp_path):
    source = build_xlsx(tmp_path / "in" / "noted.xlsx", "comment", SECRET)
    result = _redact(make_redactor(profile="strict", keep_comments=True), source, tmp_path / "out")
    comment = load(result.dest)["Register"]["C2"].comment
    assert comment is not None and "collected by [NAME]" in comment.text
    assert "Olivia" not in every_part(result.dest)


def test_dates_of_birth_in_a_column_of_numbers_formatted_as_dates(make_redactor, tmp_path):
    book = Book()
    book.strings[2] = "DOB"
    # 42433 is 4 March 2016 in Excel's count of days; style 1 shows it as dd/mm/yyyy.
    book.rows.append('<row r="3"><c r="C3" s="1"><v>42433</v></c></row>')
    source = write(tmp_path / "in" / "dob.xlsx", book)
    redactor = make_redactor()
    findings = redactor.check_file(source).findings
    assert [(f.text, f.entity_type) for f in findings if f.text == "04/03/2016"] == [
        ("04/03/2016", "DOB")
    ]
    result = _redact(redactor, source, tmp_path / "out")
    assert load(result.dest)["Register"]["C3"].value == "[DOB]"


def test_the_verification_reader_shows_dates_as_dates(tmp_path):
    book = Book()
    book.rows.append('<row r="3"><c r="C3" s="1"><v>42433</v></c></row>')
    source = write(tmp_path / "dob.xlsx", book)
    assert "04/03/2016" in cell_texts(source)
    assert "42433" not in cell_texts(source)


def test_macros_are_removed_and_the_copy_is_an_xlsx(strict, tmp_path):
    book = Book(main_type="application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    book.files["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macro Olivia Smith"
    book.workbook_rels.append(
        ("rId9", "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
         "vbaProject.bin")
    )  # fmt: skip
    source = write(tmp_path / "in" / "macro.xlsm", book)
    assert output_name(source).suffix == ".xlsx"
    result = _redact(strict, source, tmp_path / "out")
    assert result.dest.name == "macro.xlsx"
    raw = every_part(result.dest)
    assert "vbaProject" not in raw and "macroEnabled" not in raw and "Olivia" not in raw
    assert "macros" in {r.kind for r in result.removals}


@pytest.mark.parametrize(
    "name, content_type, reason",
    [
        ("xl/pivotCache/pivotCacheDefinition1.xml",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml",
         "a pivot table's data"),
        ("xl/externalLinks/externalLink1.xml",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml",
         "a link to another workbook"),
        ("xl/embeddings/oleObject1.bin", "application/vnd.openxmlformats-officedocument.oleObject",
         "an embedded object"),
        ("xl/mystery.xml", "application/vnd.example.mystery+xml", "a part redactor cannot read"),
    ],
)  # fmt: skip
def test_parts_that_are_not_read_are_refused(strict, tmp_path, name, content_type, reason):
    book = Book()
    book.files[name] = b"<x>Olivia Smith</x>"
    book.overrides["/" + name] = content_type
    source = write(tmp_path / "in" / "book.xlsx", book)
    with pytest.raises(UnsupportedFormat, match=reason):
        strict.check_file(source)


def test_refused_workbooks_leave_no_copy_and_say_why(run_cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "locked.xlsx").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600)
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    book = Book()
    book.files["xl/externalLinks/externalLink1.xml"] = b"<x/>"
    book.overrides["/xl/externalLinks/externalLink1.xml"] = f"{SML}.externalLink+xml"
    write(folder / "linked.xlsx", book)
    build_xlsx(folder / "fine.xlsx", "cell (shared string)", SECRET)
    result = run_cli("redact", folder, "-o", tmp_path / "out", "--profile", "strict")
    assert result.code == ExitCode.FILE_FAILED
    assert "locked.xlsx" in result.err and "password-protected" in result.err
    assert "Excel 97-2003" in result.err
    assert "broken.xlsx" in result.err and "damaged or not an Excel workbook" in result.err
    assert "linked.xlsx" in result.err and "link to another workbook" in result.err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["fine.xlsx"]


def test_an_encrypted_workbook_is_refused(strict, tmp_path):
    source = tmp_path / "locked.xlsx"
    source.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600)
    with pytest.raises(EncryptedDocument, match="save it as .xlsx"):
        strict.check_file(source)


def test_a_header_row_says_what_its_column_holds(make_redactor, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Class list, summer term"])
    sheet.append([])
    sheet.append(["Forename", "Surname", "Date of birth"])
    sheet.append(["Quillon", "Vane", "4.11.13"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = tmp_path / "list.xlsx"
    source.write_bytes(buffer.getvalue())
    found = {(f.text, f.entity_type) for f in make_redactor().check_file(source).findings}
    assert {("Quillon", "PERSON"), ("Vane", "PERSON"), ("4.11.13", "DOB")} <= found


def _rezip(path: Path, change: dict[str, bytes | None]) -> Path:
    """The workbook at ``path`` with some parts replaced (or removed, for None)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    for name, data in change.items():
        if data is None:
            parts.pop(name, None)
        else:
            parts[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "change, reason",
    [
        ({"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"}, "damaged"),
        (
            {"xl/worksheets/sheet1.xml": b'<!DOCTYPE x [<!ENTITY a "b">]><worksheet/>'},
            "DTD",
        ),
        ({"xl/workbook.xml": None}, "not an Excel workbook"),
        (
            {
                "xl/worksheets/sheet2.xml": (
                    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                    b'main"><sheetData><row r="1"><c r="A1" t="s"><v>999</v></c></row>'
                    b"</sheetData></worksheet>"
                )
            },
            "shared string that is not there",
        ),
    ],
)
def test_damaged_workbooks_are_refused_with_a_reason(strict, tmp_path, change, reason):
    source = _rezip(build_xlsx(tmp_path / "book.xlsx", "cell (shared string)", SECRET), change)
    with pytest.raises(FileRefused, match=reason):
        strict.check_file(source)


def test_cell_ranges_in_extensions_are_places_not_initials(strict, tmp_path):
    book = Book()
    book.sheet_extra = (
        '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/'
        '2006/main"><x14:dataValidation type="list"><x14:formula1><xm:f>Notes!$A$1:$A$4</xm:f>'
        "</x14:formula1><xm:sqref>J22:K32 MP7</xm:sqref></x14:dataValidation>"
        "</x14:dataValidations></ext></extLst>"
    )
    source = write(tmp_path / "in" / "ranges.xlsx", book)
    assert strict.check_file(source).findings == ()
    result = _redact(strict, source, tmp_path / "out")
    assert "<xm:sqref>J22:K32 MP7</xm:sqref>" in every_part(result.dest)
