"""Where a long text may be cut into pieces the model reads one at a time: between
sentences where there are any, so that no name or number is parted.
"""

from __future__ import annotations

import re


def safe_cut(text: str, start: int, limit: int) -> int:
    """Where to cut a long text, after ``start`` and at or before ``limit``: after the last
    sentence that ends a line, else the last sentence end, else the last line break, else
    the last space; ``limit`` itself if there is none. A cut between sentences cannot
    split a name or a number (the model reads each piece alone), whereas a wrapped line
    can break "Tansy / Morwood" in two.
    """
    for boundary in _BREAKS:
        cut = _last_match_end(boundary, text, start + 1, limit)
        if cut > start + 1:
            return cut
    return limit


# A sentence's end: its mark (not after an initial or a title: "T. Morwood", "Mrs. Pask"),
# any closing quote or bracket, then the space or line break.
_MARK = r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bMiss)[.!?]"
_CLOSING = r"[\"')\]\u2019\u201d]*"
_SENTENCE_END_AT_LINE_BREAK = re.compile(_MARK + _CLOSING + r"[ \t]*\n")
_SENTENCE_END = re.compile(_MARK + _CLOSING + r"\s")
_BREAKS = (_SENTENCE_END_AT_LINE_BREAK, _SENTENCE_END, re.compile(r"\n"), re.compile(" "))


def _last_match_end(pattern: re.Pattern[str], text: str, start: int, limit: int) -> int:
    """The end of the pattern's last match inside text[start:limit], or -1."""
    last = -1
    for match in pattern.finditer(text, start, limit):
        last = match.end()
    return last


# The longest text the model reads at once, and how far each window reaches back into
# the one before it (longer than any value: an address on one line, a name with titles).
WINDOW_CHARS = 20_000
WINDOW_OVERLAP = 1_000


def windows(
    text: str, size: int = WINDOW_CHARS, overlap: int = WINDOW_OVERLAP
) -> list[tuple[int, int]]:
    """(start, end) of windows that cover the text, each at most ``size`` characters.
    Each ends at a safe cut in its second half; each after the first begins at a word
    about ``overlap`` characters before the previous one ends, so that a value parted
    by a cut (where the text has no sentence to cut after) is read whole in one of them.
    """
    assert size > 2 * overlap
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        end = safe_cut(text, start + size // 2, start + size)
        spans.append((start, end))
        back = end - overlap
        word = max(text.rfind(" ", start, back), text.rfind("\n", start, back))
        start = word + 1 if word > start else back
    spans.append((start, len(text)))
    return spans
