"""A text longer than the model reads at once is read in overlapping windows
(redactor/cuts.py, DetectionEngine.analyse). SYNTHETIC text.
"""

from __future__ import annotations

import random

from redactor.cuts import WINDOW_CHARS, safe_cut, windows


def test_windows_cover_the_text_overlapping_and_start_at_words():
    rng = random.Random(3)
    words = ["pupil", "read", "with", "Tansy", "Morwood.", "today,", "class\n", "and"]
    text = " ".join(rng.choice(words) for _ in range(30_000))
    spans = windows(text, size=5_000, overlap=500)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (start, end), (next_start, _) in zip(spans, spans[1:], strict=False):
        assert end - start <= 5_000
        assert end - 600 <= next_start <= end - 500  # reaches back about the overlap
        assert text[next_start - 1] in " \n"  # and begins at a word
    assert len(spans) <= 2 * len(text) // 5_000 + 1  # every window moves on by half


def test_a_text_with_no_space_at_all_is_still_cut_and_covered():
    text = "x" * 50_000
    spans = windows(text, size=5_000, overlap=500)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(b - a <= 5_000 for a, b in spans)
    for (start, end), (next_start, _) in zip(spans, spans[1:], strict=False):
        assert start < next_start < end


def test_a_short_text_is_one_window():
    assert windows("Tansy Morwood read well.") == [(0, 24)]


def test_the_cut_prefers_a_sentence_in_the_second_half():
    text = "First part. " + "word " * 30
    assert safe_cut(text, 0, len(text)) == len("First part. ")


def test_a_name_parted_by_a_window_cut_is_still_found_whole(engine, monkeypatch):
    # No sentence and no line break: the first window is cut at the last space before
    # its limit, which falls between the first name and the surname. The next window
    # reaches back over the cut, and reads the name whole.
    filler = "the class met the counsellor and "
    name = "Mrs Tansy Morwood"
    before = (filler * (WINDOW_CHARS // len(filler) + 1))[: WINDOW_CHARS - len("Mrs Tansy ")]
    before = before[: before.rstrip().rfind(" ") + 1]  # end at a word
    before += " " * (WINDOW_CHARS - len("Mrs Tansy ") - len(before))
    text = before + name + " " + filler * 200
    assert text.index("Morwood") == WINDOW_CHARS  # the cut falls right before the surname
    assert windows(text)[0][1] == WINDOW_CHARS
    start = text.index(name)
    read: list[int] = []
    analyse_within_memory = engine._analyse_within_memory

    def recording(texts):  # type: ignore[no-untyped-def]
        read.extend(len(t) for t in texts)
        return analyse_within_memory(texts)

    monkeypatch.setattr(engine, "_analyse_within_memory", recording)
    [detected] = engine.analyse([text])
    assert len(read) >= 2 and max(read) <= WINDOW_CHARS  # the model never read it whole
    persons = [f for f in detected.findings if f.entity_type == "PERSON"]
    assert any(f.start <= start + 4 and f.end >= start + len(name) for f in persons), [
        text[f.start : f.end] for f in persons
    ]
