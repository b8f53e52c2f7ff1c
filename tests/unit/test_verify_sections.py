"""Verification of a removed Part 2 section: any telling line of it left in the output
stops the file; a line the document also has elsewhere (a running footer) does not.
SYNTHETIC text.
"""

from __future__ import annotations

import pytest

from redactor.detection.minutes import SECTION
from redactor.errors import LeakDetected
from redactor.model import Finding, Segment
from redactor.verify import verify_texts

FOOTER = "Resources Committee minutes page 1"
TEXT = (
    "1. Welcome\nAll welcome.\n"
    "2. Item taken in closed session\n"
    "The committee considered a complaint from a parent.\n"
    f"{FOOTER}\n"
    "3. Premises\nThe roof was repaired.\n"
    f"{FOOTER}\n"
)
SEGMENT = Segment("page:1", "page 1", TEXT, in_body=True)
START = TEXT.index("2. Item")
END = TEXT.index("3. Premises") - 1
SECTION_FINDING = Finding("page:1", START, END, SECTION, 1.0, "minutes", text=TEXT[START:END])


def _verify(output: str) -> None:
    verify_texts(
        [output], [SECTION_FINDING], (), source="m.pdf", segments=[SEGMENT], replacements=set()
    )


def test_a_section_line_left_in_the_output_stops_the_file():
    left = TEXT.replace("2. Item taken in closed session\n", "[Part 2]\n")
    with pytest.raises(LeakDetected):
        _verify(left)


def test_a_removed_section_passes_even_with_the_repeated_footer():
    removed = TEXT[:START] + "Part 2 item(s) recorded separately\n" + TEXT[END:]
    assert FOOTER in removed
    _verify(removed)
