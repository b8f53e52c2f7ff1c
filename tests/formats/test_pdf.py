"""PDF redaction end to end, on SYNTHETIC PDFs built by ``tests/fakes/pdf_builder.py``:
each font kind and content shape is redacted and read back by two independent
extractors (the name is gone, the rest is there, pages unchanged); each place outside
the pages is emptied; files that cannot be checked are refused with a reason; a "box
over text" output is caught by verification; and the pixels outside the boxes do not
change."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pikepdf
import pytest

from redactor.api import Redactor
from redactor.config import Config
from redactor.errors import (
    DamagedDocument,
    EncryptedDocument,
    LeakDetected,
    ProcessingFailed,
)
from redactor.formats.pdf import PdfHandler
from redactor.model import FileFailure, FileResult
from redactor.verify import verify_output
from tests.fakes.pdf_builder import (
    FILLER,
    FONT_KINDS,
    PASSWORD,
    PLACES,
    SECRET,
    SHAPE_KINDS,
    all_text_pdfminer,
    all_text_pypdf,
    build_pdf,
    every_string,
    render_png,
    secret_for,
)


def _build(path: Path, kind: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return build_pdf(path, kind)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _redact(redactor: Redactor, source: Path, out: Path) -> FileResult | FileFailure:
    batch = redactor.redact_paths([source], out)
    (outcome,) = batch.outcomes
    return outcome


@pytest.fixture(scope="module")
def strict(engine):
    return Redactor(Config(profile="strict"), engine=engine)


@pytest.mark.parametrize("kind", [*FONT_KINDS, *SHAPE_KINDS])
def test_the_name_is_gone_and_the_rest_remains(strict, tmp_path, kind):
    source = _build(tmp_path / "in" / f"{kind}.pdf", kind)
    result = _redact(strict, source, tmp_path / "out")
    assert isinstance(result, FileResult), getattr(result, "reason", result)
    for read in (all_text_pypdf, all_text_pdfminer):
        after = _flat(read(result.dest))
        assert "Olivia" not in after and "Smith" not in after, (kind, read.__name__)
        assert _flat(FILLER) in after, (kind, read.__name__)
        assert "was late today" in after
    with pikepdf.open(source) as before, pikepdf.open(result.dest) as after_pdf:
        assert len(before.pages) == len(after_pdf.pages)
        assert [list(p.mediabox) for p in before.pages] == [
            list(p.mediabox) for p in after_pdf.pages
        ]


@pytest.mark.parametrize("kind", PLACES)
def test_nothing_is_left_outside_the_pages(strict, tmp_path, kind):
    source = _build(tmp_path / "in" / f"{kind}.pdf", kind)
    result = _redact(strict, source, tmp_path / "out")
    assert isinstance(result, FileResult), getattr(result, "reason", result)
    secret = secret_for(kind)
    assert secret.lower() not in every_string(result.dest).lower(), kind
    assert _flat(FILLER) in _flat(all_text_pypdf(result.dest))


@pytest.mark.parametrize("kind", ["info_author", "annotation_text", "form_field_value"])
def test_check_reports_a_name_outside_the_pages(strict, tmp_path, kind):
    source = build_pdf(tmp_path / f"{kind}.pdf", kind)
    result = strict.check_file(source)
    assert any(f.entity_type == "PERSON" for f in result.findings), kind


def test_a_scanned_page_is_refused_unless_allowed(strict, engine, tmp_path):
    source = _build(tmp_path / "in" / "scan.pdf", "scanned_page")
    refused = _redact(strict, source, tmp_path / "out")
    assert isinstance(refused, FileFailure) and "scanned image" in refused.reason
    allowing = Redactor(Config(profile="strict", allow_image_pages=True), engine=engine)
    passed = _redact(allowing, source, tmp_path / "out2")
    assert isinstance(passed, FileResult)
    assert any("unchecked" in r.kind for r in passed.removals)


def test_a_redaction_over_an_image_is_refused(strict, tmp_path):
    source = _build(tmp_path / "in" / "image.pdf", "image_under_text")
    refused = _redact(strict, source, tmp_path / "out")
    assert isinstance(refused, FileFailure) and "image" in refused.reason
    assert not (tmp_path / "out" / "image.pdf").exists()


@pytest.mark.parametrize(
    "kind, error, words",
    [
        ("encrypted", EncryptedDocument, "password"),
        ("truncated", DamagedDocument, "damaged"),
        ("not_a_pdf", DamagedDocument, "damaged"),
    ],
)
def test_files_that_cannot_be_read_are_refused(tmp_path, kind, error, words):
    source = build_pdf(tmp_path / f"{kind}.pdf", kind)
    with pytest.raises(error, match=words):
        PdfHandler().extract(source, Config())


def test_an_encrypted_pdf_opens_with_its_password_and_is_written_without_one(engine, tmp_path):
    source = _build(tmp_path / "in" / "locked.pdf", "encrypted")
    redactor = Redactor(Config(profile="strict", pdf_password=PASSWORD), engine=engine)
    result = _redact(redactor, source, tmp_path / "out")
    assert isinstance(result, FileResult), getattr(result, "reason", result)
    with pikepdf.open(result.dest) as written:
        assert not written.is_encrypted
    assert "Olivia" not in all_text_pypdf(result.dest)


def test_a_box_drawn_over_text_is_caught_by_verification(strict, tmp_path):
    # The classic failed redaction: a black box over the name, the name still in the file.
    source = build_pdf(tmp_path / "in.pdf", "type1_standard")
    handler = PdfHandler()
    doc = handler.extract(source, strict.config)
    findings = strict.check_file(source).findings
    assert findings
    faked = build_pdf(tmp_path / "boxed.pdf", "box_over_text")
    with pytest.raises(LeakDetected):
        verify_output(handler, faked, doc, findings, (), replacements=set())


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed"
)
def test_pixels_outside_the_boxes_do_not_change(strict, tmp_path):
    from io import BytesIO

    from PIL import Image, ImageChops

    source = _build(tmp_path / "in" / "kerned.pdf", "kerned_tj")
    result = _redact(strict, source, tmp_path / "out")
    assert isinstance(result, FileResult)
    before = Image.open(BytesIO(render_png(source, 1, 72))).convert("L")
    after = Image.open(BytesIO(render_png(result.dest, 1, 72))).convert("L")
    assert before.size == after.size
    changed = ImageChops.difference(before, after).point(lambda v: 255 if v > 40 else 0)
    box = changed.getbbox()
    assert box is not None, "nothing was redacted"
    # Everything that changed lies on the name's line: the rest of the page is identical.
    left, top, right, bottom = box
    assert bottom - top < 30, box
    rest = ImageChops.difference(before, after)
    rest.paste(0, (0, max(0, top - 4), rest.width, min(rest.height, bottom + 4)))
    assert rest.getbbox() is None
    assert re.search(r"was\s+late\s+today", all_text_pypdf(result.dest))
    assert SECRET not in all_text_pdfminer(result.dest)


def test_the_command_line_refuses_a_scan_and_passes_it_when_asked(run_cli, tmp_path):
    source = _build(tmp_path / "in" / "scan.pdf", "scanned_page")
    refused = run_cli("redact", source, "-o", tmp_path / "out")
    assert refused.code == 3
    assert "page 1 is a scanned image" in refused.err and "--allow-image-pages" in refused.err
    passed = run_cli("redact", source, "-o", tmp_path / "out2", "--allow-image-pages")
    assert passed.code == 0, passed.err


def test_the_command_line_opens_an_encrypted_pdf_with_its_password(run_cli, tmp_path):
    source = _build(tmp_path / "in" / "locked.pdf", "encrypted")
    refused = run_cli("redact", source, "-o", tmp_path / "out")
    assert refused.code == 3 and "password-protected" in refused.err
    opened = run_cli("redact", source, "-o", tmp_path / "out2", "--password", PASSWORD)
    assert opened.code == 0, opened.err
    assert "Olivia" not in all_text_pypdf(tmp_path / "out2" / "locked.pdf")


def test_a_copy_whose_pages_changed_is_not_published(strict, tmp_path):
    # Simulate a writer that lost a page: the re-read compares the pages with the original's.
    source = _build(tmp_path / "in" / "two.pdf", "two_pages")
    handler = PdfHandler()
    doc = handler.extract(source, strict.config)
    short = tmp_path / "short.pdf"
    with pikepdf.open(source) as pdf:
        del pdf.pages[1]
        pdf.save(short)
    with pytest.raises(ProcessingFailed, match="same pages"):
        handler.reread(short, doc)
    assert handler.reread(source, doc)  # the original itself passes


def test_a_copy_that_lost_text_it_should_keep_is_not_published(strict, tmp_path):
    # Simulate a writer that dropped the lines around the name: nothing leaks, but the
    # copy no longer says what the original did, so it is not published either.
    source = _build(tmp_path / "in" / "plain.pdf", "type1_standard")
    handler = PdfHandler()
    doc = handler.extract(source, strict.config)
    damaged = tmp_path / "damaged.pdf"
    with pikepdf.open(source) as pdf:
        page = pdf.pages[0]
        kept = [
            item
            for item in pikepdf.parse_content_stream(page)
            if str(item.operator) not in ("Tj", "TJ", "'", '"')
            or SECRET.split()[0].encode() in bytes(item.operands[0].unparse())
        ]
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
        pdf.save(damaged)
    with pytest.raises(ProcessingFailed, match="same order"):
        handler.reread(damaged, doc)
