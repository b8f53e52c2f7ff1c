"""A long re-read output is verified a window at a time (verify.py): the outcome is the
one a search of the whole text gives, whatever the cuts, and what the search holds is
that of one window. SYNTHETIC names.
"""

from __future__ import annotations

import random
import tracemalloc

import pytest

from redactor import verify
from redactor.errors import LeakDetected
from redactor.model import Finding, Segment
from redactor.verify import verify_texts

_SEGMENT = Segment("0", "line 1", "")
_KEEPS = ("Hazel Quarrie", "Pask Lane")
_REPLACEMENTS = {"[PUPIL]", "Pupil B"}
_VALUES = ("Tansy Morwood", "Hazel", "Pask", "Pupil", "B")
_WORDS = ("Tansy", "Morwood", "Hazel", "Quarrie", "Pask", "Lane", "[PUPIL]", "Pupil", "B")
_FILLER = ("met", "the", "class", "on", "Monday", "x", "Tansyx", "(", "-", "'s")
_SPACES = (" ", " ", " ", "\n", "\n\n", "  \t ", " " * 40, "\n" * 90)


def _verify(text: str, values: tuple[str, ...]) -> None:
    """Verify ``text`` as an output in which ``values`` were found and replaced."""
    findings = [Finding("0", 0, len(v), "PERSON", 1.0, "test", text=v) for v in values]
    verify_texts(
        [text], findings, _KEEPS, source="note.txt", segments=[_SEGMENT], replacements=_REPLACEMENTS
    )


def _outcome(text: str) -> bool:
    """Whether the text passes verification (no value readable outside what is kept)."""
    try:
        _verify(text, _VALUES)
    except LeakDetected:
        return False
    return True


def _random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randrange(1, 60)):
        parts.append(rng.choice(_WORDS if rng.random() < 0.4 else _FILLER))
        parts.append(rng.choice(_SPACES))
    return "".join(parts)


def test_windows_of_any_size_give_the_outcome_of_the_whole_text(monkeypatch):
    rng = random.Random(16)
    texts = [_random_text(rng) for _ in range(1500)]
    whole = [_outcome(t) for t in texts]
    assert 100 < sum(whole) < 1400  # both outcomes are tried
    monkeypatch.setattr(verify, "_WINDOW_CHARS", 1)  # cores of four margins
    assert [_outcome(t) for t in texts] == whole


def test_a_value_spread_over_a_long_run_of_white_space_at_a_cut_is_found(monkeypatch):
    monkeypatch.setattr(verify, "_WINDOW_CHARS", 1)
    text = "met " * 50 + "Tansy" + " " * 5000 + "\n" * 5000 + "Morwood" + " met" * 50
    findings = [Finding("0", 0, 13, "PERSON", 1.0, "test", text="Tansy Morwood")]
    with pytest.raises(LeakDetected):
        verify_texts(
            [text], findings, (), source="note.txt", segments=[_SEGMENT], replacements=set()
        )


def test_verifying_a_long_output_holds_a_windows_worth_of_search():
    line = "Hazel Quarrie met [PUPIL] and Pupil B about the trip on Monday.\n"
    text = line * (1_000_000 // len(line))
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        _verify(text, ("Hazel", "B"))
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    # A whole-text search held 11.5 MB here (each word's place, every kept span), and
    # more for a longer text; a window's search holds about 3.
    assert peak < 5_000_000, peak
