"""The SYNTHETIC minutes samples, published with ``--profile minutes`` as a clerk would:
each confidential section is gone up to its next ordinary line, which stays; references
to it elsewhere are gone; private details are gone wherever they were; the attendance and
the ordinary business stay. Gold: ``samples/minutes-expected.json``, written by
``samples/make_minutes.py`` from the same text as the documents. Each output is read back
with a reader redactor does not use to write it (python-docx and the raw XML, pypdf and
pdfminer.six, plain reading for text).
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import docx
import pytest

from redactor.detection.minutes import REFERENCE_LABEL, SECTION_PLACEHOLDER
from redactor.errors import ExitCode
from tests.conftest import SAMPLES, sharing_model
from tests.fakes.pdf_builder import all_text_pdfminer, all_text_pypdf

MINUTES = SAMPLES / "minutes"
EXPECTED = json.loads((SAMPLES / "minutes-expected.json").read_text(encoding="utf-8"))
FILES = sorted(EXPECTED)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _readings(path: Path) -> list[str]:
    """The whole text of an output, by each independent reader, spaces normalised."""
    if path.suffix == ".txt":
        return [_flat(path.read_text(encoding="utf-8"))]
    if path.suffix == ".pdf":
        return [_flat(all_text_pypdf(path)), _flat(all_text_pdfminer(path))]
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    with zipfile.ZipFile(path) as package:
        xml = " ".join(
            re.sub(r"<[^>]+>", " ", package.read(n).decode("utf-8"))
            for n in package.namelist()
            if n.endswith(".xml")
        )
    return [_flat("\n".join(paragraphs + cells)), _flat(xml)]


@pytest.fixture(scope="module")
def published(tmp_path_factory, engine):
    import redactor.api as api
    from redactor.cli import main

    out = tmp_path_factory.mktemp("minutes-output")
    original = api.DetectionEngine
    api.DetectionEngine = sharing_model(engine)
    try:
        code = main(
            [
                "redact",
                str(MINUTES),
                "-o",
                str(out),
                "--config",
                str(SAMPLES / "redactor.toml"),
                "--profile",
                "minutes",
                "--report",
                str(out.parent / "minutes-report.json"),
            ]
        )
    finally:
        api.DetectionEngine = original
    assert code == ExitCode.OK
    return out


BANNER = "SYNTHETIC SAMPLE – every person, address, number and email in this document is invented."


def test_the_gold_lists_every_sample_and_each_says_it_is_synthetic():
    assert sorted(p.name for p in MINUTES.iterdir()) == FILES
    for name in FILES:
        assert EXPECTED[name]["must_stay"], name
        assert _readings(MINUTES / name)[0].startswith(BANNER), name


@pytest.mark.parametrize("name", FILES)
def test_confidential_sections_go_and_the_next_ordinary_line_stays(published, name):
    for text in _readings(published / name):
        for section in EXPECTED[name]["sections"]:
            assert _flat(section["heading"]) not in text, section["heading"]
            if section["next_kept"]:
                assert _flat(section["next_kept"]) in text, section["next_kept"]
        if EXPECTED[name]["sections"] and not name.endswith(".pdf"):
            assert SECTION_PLACEHOLDER in text
        if not EXPECTED[name]["sections"]:
            assert SECTION_PLACEHOLDER not in text


@pytest.mark.parametrize("name", FILES)
def test_references_to_a_confidential_item_go(published, name):
    for text in _readings(published / name):
        for reference in EXPECTED[name]["references"]:
            assert _flat(reference) not in text, reference
        if EXPECTED[name]["references"] and not name.endswith(".pdf"):
            assert REFERENCE_LABEL in text


@pytest.mark.parametrize("name", FILES)
def test_private_details_go_and_the_attendance_and_business_stay(published, name):
    for text in _readings(published / name):
        for value in EXPECTED[name]["must_go"]:
            assert not re.search(rf"(?<!\w){re.escape(_flat(value))}(?!\w)", text), value
        missing = [v for v in EXPECTED[name]["must_stay"] if _flat(v) not in text]
        assert not missing


def test_minutes_without_part_2_lose_nothing(published):
    name = "curriculum-committee-minutes.txt"
    assert (published / name).read_bytes() == (MINUTES / name).read_bytes()


def test_a_removed_section_leaves_no_blank_paragraphs_in_word(published):
    name = "full-board-minutes-spring.docx"
    before = docx.Document(str(MINUTES / name)).paragraphs
    after = docx.Document(str(published / name)).paragraphs
    assert sum(not p.text.strip() for p in after) <= sum(not p.text.strip() for p in before)
    placeholders = [p for p in after if p.text == SECTION_PLACEHOLDER]
    # Each placeholder takes the place, and the style, of its section's heading.
    assert [p.style.name for p in placeholders] == ["Heading 2", "Heading 1"]
