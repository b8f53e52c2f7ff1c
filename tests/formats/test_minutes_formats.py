"""The minutes profile in each way a clerk's minutes arrive: a string through the library
API, Word minutes with typed numbers, with Word's automatic numbering (no digits in the
text) and laid out in a table. Every name is SYNTHETIC.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from redactor.config import Config
from redactor.detection.minutes import BOUNDARY, SECTION_PLACEHOLDER
from redactor.model import FileResult, Profile

# The governors, as the settings or the governors list would keep them.
GOVERNORS = ("Mr Gareth Lloyd", "Mr Lloyd", "Mrs Janet Price", "Mrs Price")


@pytest.fixture
def minutes(make_redactor):
    return make_redactor(Config(profile=Profile.MINUTES, keep_people=GOVERNORS))


TEXT = """\
Present: Mr Gareth Lloyd (Chair), Mrs Janet Price (Headteacher)

1. Welcome
Mr Lloyd welcomed everyone. Mrs Price thanked Kacper Wiśniewski's class for the harvest display.

2. Confidential minute – staffing
Mrs Ivy Dunmore has raised a grievance about her hours.

3. Finance
The budget was approved.
"""


def test_the_library_api_removes_part_2_and_keeps_the_listed_governors(minutes):
    result = minutes.redact_text(TEXT)
    assert SECTION_PLACEHOLDER in result.text
    assert "Dunmore" not in result.text and "grievance" not in result.text
    assert "Kacper" not in result.text  # a pupil outside Part 2: the normal rules
    assert "Mr Lloyd welcomed everyone" in result.text and "Mrs Price thanked" in result.text
    assert "3. Finance\nThe budget was approved." in result.text


def _word(path: Path, paragraphs: list[tuple[str, str]]) -> Path:
    document = docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    document.save(str(path))
    return path


def _texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_word_minutes_with_typed_numbers(minutes, tmp_path):
    source = _word(
        tmp_path / "minutes.docx",
        [
            ("Normal", "Present: Mr Gareth Lloyd (Chair), Mrs Janet Price (Headteacher)"),
            ("Heading 2", "1. Welcome"),
            ("Normal", "Mr Lloyd welcomed everyone."),
            ("Heading 2", "2. Confidential minute – staffing"),
            ("Normal", "Mrs Ivy Dunmore has raised a grievance about her hours."),
            ("Normal", "Mrs Price will meet her union representative."),
            ("Heading 2", "3. Finance"),
            ("Normal", "The budget was approved."),
        ],
    )
    result = minutes.redact_file(source, tmp_path / "out" / "minutes.docx")
    assert isinstance(result, FileResult)
    assert _texts(result.dest) == [
        "Present: Mr Gareth Lloyd (Chair), Mrs Janet Price (Headteacher)",
        "1. Welcome",
        "Mr Lloyd welcomed everyone.",
        SECTION_PLACEHOLDER,
        "3. Finance",
        "The budget was approved.",
    ]
    assert not result.review


def test_word_automatic_numbering_is_removed_safely_and_flagged(minutes, tmp_path):
    # "List Number" paragraphs show 1., 2., 3. in Word; the digits are not in the text.
    source = _word(
        tmp_path / "minutes.docx",
        [
            ("Normal", "Present: Mr Gareth Lloyd (Chair)"),
            ("List Number", "Welcome"),
            ("Normal", "Mr Lloyd welcomed everyone."),
            ("List Number", "Confidential minute – staffing"),
            ("Normal", "Mrs Ivy Dunmore has raised a grievance about her hours."),
            ("List Number", "Finance"),
            ("Normal", "The budget was approved."),
        ],
    )
    result = minutes.check_file(source)
    assert [r.entity_type for r in result.review] == [BOUNDARY]
    assert "no typed item numbers" in result.review[0].note
    written = minutes.redact_file(source, tmp_path / "out" / "minutes.docx")
    assert isinstance(written, FileResult)
    texts = _texts(written.dest)
    assert "Dunmore" not in " ".join(texts)
    assert texts[:3] == [
        "Present: Mr Gareth Lloyd (Chair)",
        "Welcome",
        "Mr Lloyd welcomed everyone.",
    ]


def test_word_minutes_laid_out_in_a_table(minutes, tmp_path):
    document = docx.Document()
    document.add_paragraph("Present: Mr Gareth Lloyd (Chair)")
    table = document.add_table(rows=0, cols=2)
    for number, text in (
        ("1", "Welcome. Mr Lloyd welcomed everyone."),
        ("2", "Part 2 – Confidential"),
        ("", "Mrs Ivy Dunmore has raised a grievance about her hours."),
        ("3", "Finance"),
        ("", "The budget was approved."),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = number, text
    source = tmp_path / "table.docx"
    document.save(str(source))
    checked = minutes.check_file(source)
    assert [r.entity_type for r in checked.review] == [BOUNDARY]
    written = minutes.redact_file(source, tmp_path / "out" / "table.docx")
    assert isinstance(written, FileResult)
    cells = [
        c.text for t in docx.Document(str(written.dest)).tables for r in t.rows for c in r.cells
    ]
    assert "Dunmore" not in " ".join(cells) and SECTION_PLACEHOLDER in cells
    assert "Welcome. Mr Lloyd welcomed everyone." in cells


def test_word_headings_without_typed_numbers_end_a_confidential_item(minutes, tmp_path):
    # A numbered heading style shows "5. Confidential minute" in Word; the text has no digits.
    source = _word(
        tmp_path / "headings.docx",
        [
            ("Normal", "Present: Mr Gareth Lloyd (Chair)"),
            ("Heading 2", "Welcome"),
            ("Normal", "Mr Lloyd welcomed everyone."),
            ("Heading 2", "Confidential minute – staffing"),
            ("Heading 3", "Background"),
            ("Normal", "Mrs Ivy Dunmore has raised a grievance about her hours."),
            ("Heading 2", "Finance"),
            ("Normal", "The budget was approved."),
        ],
    )
    assert not minutes.check_file(source).review  # the heading levels say where it ends
    result = minutes.redact_file(source, tmp_path / "out" / "headings.docx")
    assert isinstance(result, FileResult)
    assert _texts(result.dest) == [
        "Present: Mr Gareth Lloyd (Chair)",
        "Welcome",
        "Mr Lloyd welcomed everyone.",
        SECTION_PLACEHOLDER,
        "Finance",
        "The budget was approved.",
    ]


def test_an_ordinary_heading_inside_a_word_part_2_is_flagged(minutes, tmp_path):
    source = _word(
        tmp_path / "part.docx",
        [
            ("Normal", "Present: Mr Gareth Lloyd (Chair)"),
            ("Heading 2", "Welcome"),
            ("Normal", "Mr Lloyd welcomed everyone."),
            ("Heading 1", "Part 2 – Confidential"),
            ("Heading 2", "Exclusion"),
            ("Normal", "Ava Thorne (5R) was excluded for five days."),
            ("Heading 2", "Any other business"),
            ("Normal", "None."),
        ],
    )
    (review,) = minutes.check_file(source).review
    assert review.entity_type == BOUNDARY and "may be ordinary business" in review.note
    result = minutes.redact_file(source, tmp_path / "out" / "part.docx")
    assert isinstance(result, FileResult)
    assert _texts(result.dest)[-1] == SECTION_PLACEHOLDER  # removed to the end, to be safe


def test_the_attendance_is_not_kept_for_where_it_stands(make_redactor):
    """The contrast that makes the tests above mean something: without the list, the
    same people in the attendance are redacted (a parents' association's "Present:" is a
    list of parents), and each is flagged for a person to look at."""
    result = make_redactor(Config(profile=Profile.MINUTES)).redact_text(TEXT)
    assert "Mrs Price thanked" not in result.text and "Mr Lloyd welcomed" not in result.text
    assert "Gareth" not in result.text and SECTION_PLACEHOLDER in result.text
    flagged = [f for f in result.review if "on no staff, governors or keep list" in f.note]
    assert {f.text for f in flagged} == {"Mr Gareth Lloyd", "Mrs Janet Price"}
