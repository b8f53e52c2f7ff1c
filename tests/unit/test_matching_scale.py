"""The cost of finding phrases, and of resolving a document, grows with the text and not
with the text times the phrases: checked by counting exact matches tried, so the test
does not depend on the machine's speed. SYNTHETIC names.
"""

from __future__ import annotations

import pytest

import redactor.detection.matching as matching
from bench.corpus_gen import generate_notes


class _Counting:
    """phrase_pattern, counting how many exact matches are tried."""

    def __init__(self) -> None:
        self.calls = 0
        self.real = matching.phrase_pattern

    def __call__(self, phrase: str, *, any_case: bool):  # type: ignore[no-untyped-def]
        self.calls += 1
        return self.real(phrase, any_case=any_case)


def _names(count: int) -> list[str]:
    return [f"Mrs Pellow{n:05d}" for n in range(count)]


@pytest.mark.parametrize("extra", [["+44 7700 900123"], []])
def test_matches_tried_do_not_grow_with_the_phrases_that_share_a_first_word(monkeypatch, extra):
    text = " ".join(["Mrs Pellow00007 called, and Mrs Quince replied."] * 50)
    tried = []
    for count in (100, 2000):
        counter = _Counting()
        monkeypatch.setattr(matching, "phrase_pattern", counter)
        phrases = tuple(_names(count) + extra)
        found = list(matching.find_phrases(phrases, text))
        assert [value for _, _, value in found] == ["Mrs Pellow00007"] * 50
        tried.append(counter.calls)
    assert tried[0] == tried[1] <= 100


def test_a_phrase_that_starts_before_its_first_word_is_found():
    text = "Call +44 7700 900123 or (0113) 496 0000, not 7700 900123 alone."
    found = list(matching.find_phrases(("+44 7700 900123", "(0113) 496 0000"), text))
    assert [text[s:e] for s, e, _ in found] == ["+44 7700 900123", "(0113) 496 0000"]


def test_resolving_a_document_four_times_longer_costs_about_four_times_more(
    make_redactor, tmp_path, monkeypatch
):
    tried = []
    for notes in (40, 160):
        path = tmp_path / f"notes-{notes}.txt"
        path.write_text("\n\n".join(generate_notes(notes, 3)), encoding="utf-8")
        counter = _Counting()
        monkeypatch.setattr(matching, "phrase_pattern", counter)
        make_redactor().check_file(path)
        tried.append(counter.calls)
    # Four times the notes: linear work is about four times the matches tried, a little
    # more while the growing list of names still meets new words (it levels off);
    # quadratic would be about sixteen.
    assert tried[1] <= 8 * tried[0], tried
