"""Word documents (synthetic fixtures built here): a pupil's name in any place Word keeps
text is gone from every part of the output; the layout stays; bad files are refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

import redactor.formats as formats
from redactor.errors import ExitCode
from redactor.formats.docx import DocxHandler
from redactor.model import FileFailure, FileResult
from tests.fakes.docx_parts import (
    LOCATIONS,
    Parts,
    build_docx,
    every_part_text,
    p,
    write_package,
)

SECRET = "Olivia Smith"
# Places where the name goes by policy (removed, cleared, stripped), not by detection.
REMOVED_BY_POLICY = {
    "image_exif",
    "embedded_docx",
    "embedded_ole",
    "core_author",
    "core_last_modified_by",
    "app_manager",
}


@pytest.fixture
def strict(make_redactor):
    return make_redactor(profile="strict")


def _redact(redactor, source: Path, out: Path) -> FileResult:
    batch = redactor.redact_paths([source], out)
    (outcome,) = batch.outcomes
    assert isinstance(outcome, FileResult), getattr(outcome, "reason", outcome)
    return outcome


@pytest.mark.parametrize("location", LOCATIONS)
def test_a_name_anywhere_is_gone_from_every_part(strict, tmp_path, location):
    source = build_docx(tmp_path / "in" / "briefing.docx", location, SECRET)
    result = _redact(strict, source, tmp_path / "out")
    assert result.dest is not None and result.dest.suffix == ".docx"
    everything = every_part_text(result.dest).lower()
    assert "olivia" not in everything and "smith" not in everything, location
    body = [para.text for para in docx.Document(str(result.dest)).paragraphs]
    assert "The staff briefing is on Monday at 8.15am in the hall." in body


@pytest.mark.parametrize("location", sorted(set(LOCATIONS) - REMOVED_BY_POLICY))
def test_check_finds_a_name_in_every_place_it_reads(strict, tmp_path, location):
    source = build_docx(tmp_path / "briefing.docx", location, SECRET)
    result = strict.check_file(source)
    assert any(f.entity_type in ("PERSON", "EMAIL") for f in result.findings), location


def test_split_runs_keep_the_formatting_of_the_first_run(strict, tmp_path):
    source = build_docx(tmp_path / "in" / "split.docx", "split_runs", SECRET)
    result = _redact(strict, source, tmp_path / "out")
    (paragraph,) = [x for x in docx.Document(str(result.dest)).paragraphs if "late" in x.text]
    assert paragraph.text == "[NAME] was late today."
    assert paragraph.runs[0].text == "[NAME]" and paragraph.runs[0].bold


def test_hidden_content_is_removed_and_reported(strict, tmp_path):
    source = tmp_path / "in" / "everything.docx"
    write_package(
        source,
        Parts(
            body='<w:p><w:commentRangeStart w:id="0"/><w:ins w:id="1" w:author="A"><w:r><w:t>Added. </w:t></w:r></w:ins>'
            '<w:del w:id="2" w:author="A"><w:r><w:delText>Dropped. </w:delText></w:r></w:del>'
            '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>',
            files={
                "word/comments.xml": (
                    b'<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                    b'<w:comment w:id="0" w:author="B"><w:p><w:r><w:t>Check this</w:t></w:r></w:p></w:comment></w:comments>'
                )
            },
            rels=[
                (
                    "rIdC",
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
                    "comments.xml",
                    "",
                )
            ],
            overrides={
                "/word/comments.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
            },
        ),
    )
    result = _redact(strict, source, tmp_path / "out")
    kinds = {r.kind.split(" ")[0] for r in result.removals}
    assert {"tracked", "comments"} <= kinds
    with zipfile.ZipFile(result.dest) as archive:
        names = archive.namelist()
        document = archive.read("word/document.xml").decode()
    assert "word/comments.xml" not in names
    assert "Added." in document and "Dropped." not in document
    assert (
        "w:ins" not in document and "w:del " not in document and "commentReference" not in document
    )


def test_comments_can_be_kept_redacted(make_redactor, tmp_path):
    redactor = make_redactor(profile="strict", keep_comments=True)
    source = build_docx(tmp_path / "in" / "c.docx", "comment", SECRET)
    result = _redact(redactor, source, tmp_path / "out")
    with zipfile.ZipFile(result.dest) as archive:
        comments = archive.read("word/comments.xml").decode()
    assert "Olivia" not in comments and "about this" in comments


def test_images_can_be_removed(make_redactor, tmp_path):
    redactor = make_redactor(profile="strict", remove_images=True)
    source = build_docx(tmp_path / "in" / "photo.docx", "alt_text", SECRET)
    result = _redact(redactor, source, tmp_path / "out")
    with zipfile.ZipFile(result.dest) as archive:
        assert not [n for n in archive.namelist() if "/media/" in n]
        assert "<w:drawing" not in archive.read("word/document.xml").decode()


def test_macros_are_removed_and_the_copy_is_a_docx(strict, tmp_path):
    source = build_docx(tmp_path / "in" / "macro.docx", "docm_macro", SECRET)
    assert source.suffix == ".docm"
    result = _redact(strict, source, tmp_path / "out")
    assert result.dest == tmp_path / "out" / "macro.docx"
    with zipfile.ZipFile(result.dest) as archive:
        assert "word/vbaProject.bin" not in archive.namelist()
        assert b"macroEnabled" not in archive.read("[Content_Types].xml")
    docx.Document(str(result.dest))  # opens as an ordinary document


def test_layout_is_kept(strict, tmp_path):
    source = tmp_path / "in" / "layout.docx"
    source.parent.mkdir()
    document = docx.Document()
    document.add_heading("Staff briefing (SYNTHETIC)", 1)
    document.add_paragraph("Olivia Smith (Year 4) is back on Monday.", style="List Bullet")
    table = document.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    table.cell(1, 0).text = "Amira Khan"
    document.sections[0].header.paragraphs[0].text = "Confidential"
    document.save(str(source))
    result = _redact(strict, source, tmp_path / "out")
    before, after = docx.Document(str(source)), docx.Document(str(result.dest))
    assert [x.style.name for x in before.paragraphs] == [x.style.name for x in after.paragraphs]
    assert [(len(t.rows), len(t.columns)) for t in after.tables] == [(2, 3)]
    assert after.tables[0].style.name == "Table Grid"
    assert after.sections[0].page_width == before.sections[0].page_width
    assert after.sections[0].header.paragraphs[0].text == "Confidential"
    assert after.paragraphs[1].text == "[PUPIL] (Year 4) is back on Monday."


def test_verification_stops_a_part_the_writer_skipped(run_cli, tmp_path, monkeypatch):
    class SkipsFootnotes(DocxHandler):
        def write(self, doc, edits, dest):
            kept = [e for e in edits if "footnotes" not in e.segment_key]
            return super().write(doc, kept, dest)

    monkeypatch.setitem(formats.HANDLERS, ".docx", SkipsFootnotes())
    source = build_docx(tmp_path / "in" / "notes.docx", "footnote", SECRET)
    result = run_cli("redact", source, "-o", tmp_path / "out", "--profile", "strict")
    assert result.code == ExitCode.FILE_FAILED
    assert "was still readable in the output" in result.err
    assert not (tmp_path / "out" / "notes.docx").exists()


def _zip_with(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _valid_docx(tmp_path: Path) -> bytes:
    path = tmp_path / "valid.docx"
    write_package(path, Parts(body=p("Hello")))
    return path.read_bytes()


@pytest.mark.parametrize(
    "make, kind, reason",
    [
        (
            lambda t: bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512,
            "EncryptedDocument",
            "password-protected",
        ),
        (lambda t: _valid_docx(t)[:300], "DamagedDocument", "damaged"),
        (lambda t: b"not a zip at all", "DamagedDocument", "damaged or not a Word document"),
        (
            lambda t: _zip_with(
                {"[Content_Types].xml": b"<Types/>", "word/big.xml": b"\0" * 30_000_000}
            ),
            "UnsafeDocument",
            "zip bomb",
        ),
        (
            lambda t: _zip_with({"[Content_Types].xml": b"<Types/>"}),
            "DamagedDocument",
            "not a Word document",
        ),
        (
            lambda t: _zip_with(
                {"[Content_Types].xml": b'<!DOCTYPE x [<!ENTITY a "aaaa">]><Types>&a;</Types>'}
            ),
            "UnsafeDocument",
            "DTD",
        ),
    ],
    ids=["encrypted", "truncated", "not-a-zip", "zip-bomb", "no-main-part", "dtd"],
)
def test_bad_word_files_are_refused_with_a_reason(strict, tmp_path, make, kind, reason):
    source = tmp_path / "in" / "bad.docx"
    source.parent.mkdir()
    source.write_bytes(make(tmp_path))
    (outcome,) = strict.redact_paths([source], tmp_path / "out").outcomes
    assert isinstance(outcome, FileFailure)
    assert outcome.kind == kind and reason in outcome.reason
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_word_table_is_read_by_its_header_row(strict, tmp_path):
    """SYNTHETIC: a trip list whose DOB and ULN cells no other rule would take (no label
    beside them, numbers without a check to pass); the header says what they are. The
    copy is read back with python-docx, an independent reader."""
    document = docx.Document()
    table = document.add_table(rows=3, cols=4)
    rows = [
        ("Group", "D.O.B.", "ULN", "Activity"),
        ("Group 1", "04/02/2015", "1234567890", "Canoeing"),
        ("Group 2", "3.9.14", "", "Climbing"),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    source = tmp_path / "trip.docx"
    document.save(str(source))
    result = strict.redact_file(source, tmp_path / "out" / "trip.docx")
    assert isinstance(result, FileResult)
    cells = [[c.text for c in row.cells] for row in docx.Document(str(result.dest)).tables[0].rows]
    assert cells[0] == ["Group", "D.O.B.", "ULN", "Activity"]
    assert cells[1] == ["Group 1", "[DOB]", "[ULN]", "Canoeing"]
    assert cells[2] == ["Group 2", "[DOB]", "", "Climbing"]
