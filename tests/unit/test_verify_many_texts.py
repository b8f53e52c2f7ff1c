"""Verification searches many re-read texts (a workbook's cells) together: a value in any
one of them stops the file, but two neighbouring texts never make a value between them.
SYNTHETIC names.
"""

from __future__ import annotations

import pytest

from redactor.errors import LeakDetected
from redactor.model import Finding, Segment
from redactor.verify import verify_texts
from tests.counting import calls_made

SEGMENT = Segment("cell:1", "cell A1", "Tansy Morwood")
NAME = Finding("cell:1", 0, 13, "PERSON", 1.0, "test", text="Tansy Morwood")


def _verify(texts: list[str]) -> None:
    verify_texts(texts, [NAME], (), source="list.xlsx", segments=[SEGMENT], replacements=set())


def test_a_value_in_any_of_thousands_of_texts_is_found():
    texts = [f"cell {n}" for n in range(100_000)]
    texts[76_543] = "Tansy  Morwood"
    with pytest.raises(LeakDetected):
        _verify(texts)


def test_two_neighbouring_texts_do_not_make_a_value_between_them():
    _verify(["[NAME]", "Tansy", "Morwood", "Morwood\x00", "\x00Tansy"])


def _calls_verifying(repeats: int) -> int:
    """Every call made verifying an output where a kept name holds a redacted first name
    ``repeats`` times beside as many replacements: a count of work, not of seconds.
    """
    text = "Hazel Quarrie (staff) met [PUPIL] today. " * repeats
    hazel = Finding("0", 0, 5, "PERSON", 1.0, "test", text="Hazel")
    calls, _ = calls_made(
        lambda: verify_texts(
            [text],
            [hazel],
            ("Hazel Quarrie",),
            source="note.txt",
            segments=[Segment("0", "line 1", "Hazel")],
            replacements={"[PUPIL]"},
        )
    )
    return calls


def test_checking_each_value_against_what_is_kept_grows_linearly():
    # Each "Hazel" is inside a kept "Hazel Quarrie": checking each against every kept
    # span and replacement grew with the square (measured 9.5x for 4x the text; 3.8x now).
    small, large = _calls_verifying(200), _calls_verifying(800)
    assert large <= 5 * small, (small, large)
