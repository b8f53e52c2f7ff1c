"""The cost of finding phrases, and of resolving a document, grows with the text and not
with the text times the phrases: checked by counting exact matches tried, so the test
does not depend on the machine's speed. SYNTHETIC names.
"""

from __future__ import annotations

import pytest

import redactor.detection.matching as matching
from bench.corpus_gen import generate_notes
from tests.counting import calls_made


class _Counting:
    """match_at, counting how many exact matches are tried."""

    def __init__(self) -> None:
        self.calls = 0
        self.real = matching.match_at

    def __call__(self, phrase: str, text: str, pos: int, *, any_case: bool):  # type: ignore[no-untyped-def]
        self.calls += 1
        return self.real(phrase, text, pos, any_case=any_case)


def _names(count: int) -> list[str]:
    return [f"Mrs Pellow{n:05d}" for n in range(count)]


@pytest.mark.parametrize("extra", [["+44 7700 900123"], []])
def test_matches_tried_do_not_grow_with_the_phrases_that_share_a_first_word(monkeypatch, extra):
    text = " ".join(["Mrs Pellow00007 called, and Mrs Quince replied."] * 50)
    tried = []
    for count in (100, 2000):
        counter = _Counting()
        monkeypatch.setattr(matching, "match_at", counter)
        phrases = tuple(_names(count) + extra)
        found = matching.PhraseSet(phrases).find(text)
        assert [value for _, _, value in found] == ["Mrs Pellow00007"] * 50
        tried.append(counter.calls)
    assert tried[0] == tried[1] <= 100


def test_a_phrase_that_starts_before_its_first_word_is_found():
    text = "Call +44 7700 900123 or (0113) 496 0000, not 7700 900123 alone."
    found = matching.PhraseSet(("+44 7700 900123", "(0113) 496 0000")).find(text)
    assert [text[s:e] for s, e, _ in found] == ["+44 7700 900123", "(0113) 496 0000"]


def test_resolving_a_document_four_times_longer_costs_about_four_times_more(
    make_redactor, tmp_path, monkeypatch
):
    tried = []
    for notes in (40, 160):
        path = tmp_path / f"notes-{notes}.txt"
        path.write_text("\n\n".join(generate_notes(notes, 3)), encoding="utf-8")
        counter = _Counting()
        monkeypatch.setattr(matching, "match_at", counter)
        make_redactor().check_file(path)
        tried.append(counter.calls)
    # Four times the notes: linear work is about four times the matches tried, a little
    # more while the growing list of names still meets new words (it levels off);
    # quadratic would be about sixteen.
    assert tried[1] <= 8 * tried[0], tried


def _calls_while_resolving(make_redactor, path) -> int:
    """Every function call (Python and built-in) made while one document is resolved:
    a count of work that does not depend on the machine's speed.
    """
    from redactor.formats import handler_for

    redactor = make_redactor()
    return _calls_resolving(redactor, handler_for(path).extract(path, redactor.config).segments)


def _calls_resolving(redactor, segments) -> int:  # type: ignore[no-untyped-def]
    from redactor.pipeline import resolve_detected

    detected = redactor.engine.analyse([segment.text for segment in segments])
    calls, _ = calls_made(lambda: resolve_detected(segments, detected, redactor.config))
    return calls


def test_every_call_made_resolving_grows_linearly(make_redactor, tmp_path):
    counts = []
    for notes in (40, 160):
        path = tmp_path / f"notes-{notes}.txt"
        path.write_text("\n\n".join(generate_notes(notes, 3)), encoding="utf-8")
        _calls_while_resolving(make_redactor, path)  # once to fill the caches
        counts.append(_calls_while_resolving(make_redactor, path))
    # Four times the notes: linear work is about four times the calls, a little more
    # while the growing list of names still meets new words (measured 4.4); a scan of
    # every full name for every mention of a single name made it 6.2.
    assert counts[1] <= 5 * counts[0], counts


def test_calls_made_resolving_one_long_block_grow_linearly(make_redactor):
    # One segment holding every note, as a Word paragraph or an e-mail header can:
    # checking each new finding against every finding already in the segment made the
    # count grow with the square of the findings (measured 13x for 4x the notes).
    from redactor.model import Segment

    redactor = make_redactor()
    counts = []
    for notes in (10, 40):
        text = " ".join(note.replace("\n", " ") for note in generate_notes(notes, 5))
        segments = [Segment("0", "line 1", text, first_line=1, in_body=True)]
        _calls_resolving(redactor, segments)  # once to fill the caches
        counts.append(_calls_resolving(redactor, segments))
    assert counts[1] <= 5 * counts[0], counts


def test_a_long_text_is_searched_without_an_object_per_word():
    # A re-read output is one text of the whole document; a tuple and a string per word
    # took about 140 bytes a word (200 MB while verifying 8 MB of notes).
    import tracemalloc

    text = "Hazel Quarrie walked home with her brother after school. " * 20_000  # 200,000 words
    names = matching.PhraseSet(["Zoqvarth Yblentrosk", "Yblentrosk"], every_length=True)
    tracemalloc.start()
    try:
        assert names.find(text) == []
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 200_000, peak  # two machine words a word, and a little more
