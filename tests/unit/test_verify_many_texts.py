"""Verification searches many re-read texts (a workbook's cells) together: a value in any
one of them stops the file, but two neighbouring texts never make a value between them.
SYNTHETIC names.
"""

from __future__ import annotations

import pytest

from redactor.errors import LeakDetected
from redactor.model import Finding, Segment
from redactor.verify import verify_texts

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
