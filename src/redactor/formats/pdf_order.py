"""Checks that the text not redacted is still in the copy, in the same order.

Removing glyphs must not damage the rest of the page: a shifted pen, a lost
line or a re-encoded font would leave a copy that looks redacted but reads as
nonsense, or drops a sentence the school meant to publish. So each page of the
original and of the copy is read by the same independent extractor (pypdf), the
words that were redacted are taken out of the original's, and what is left must
appear in the copy in the same order (a longest-matching-blocks alignment, so
labels and boxes drawn in the copy count for nothing either way).

Both readings come from one extractor, so its own quirks (where it puts a space,
how it orders columns) cancel out; what remains is what the redaction changed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

_WORD = re.compile(r"\w+")
# A word hyphenated at a line end ("adip-" / "iscing") is one word to our reader
# and two to pypdf: join such halves on both sides before comparing.
_LINE_END_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\n\s*(?=\w)")

# The share of a page's unredacted words that must be read back in order. A word
# cut by a redaction inside it ("Amina's" read as "Amina" + "s") and an extractor's
# changed guess at one word break cost a word or two; a broken page costs many.
KEPT_IN_ORDER = 0.98
# Below this many unredacted words a page is compared word for word.
_SMALL_PAGE = 50


@dataclass(frozen=True)
class PageOrder:
    """How much of one page's unredacted text the copy still reads, in order."""

    page: int
    expected: int
    kept: int

    @property
    def share(self) -> float:
        """The kept share, 1.0 for a page with no words."""
        return self.kept / self.expected if self.expected else 1.0

    @property
    def intact(self) -> bool:
        """True when the page reads back as it should."""
        if self.expected < _SMALL_PAGE:
            return self.expected - self.kept <= 1
        return self.share >= KEPT_IN_ORDER


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded, without punctuation or spacing, the
    halves of a word hyphenated at a line end joined.
    """
    return _WORD.findall(_LINE_END_HYPHEN.sub("", text.casefold()))


def redacted_words(text: str) -> set[str]:
    """The words a redaction of ``text`` takes away; a hyphenated name also whole,
    as it reads when the hyphen falls at a line end ("Evie-Rose": evie, rose, evierose).
    """
    return {*words(text), *words(text.replace("-", ""))}


def compare_pages(
    before: Sequence[str], after: Sequence[str], redacted_words: Collection[str]
) -> list[PageOrder]:
    """One :class:`PageOrder` per page: the original's words, less those redacted,
    aligned with the copy's.
    """
    results = []
    for number, (old, new) in enumerate(zip(before, after, strict=True), start=1):
        expected = [w for w in words(old) if w not in redacted_words]
        matcher = SequenceMatcher(None, expected, words(new), autojunk=False)
        kept = sum(block.size for block in matcher.get_matching_blocks())
        results.append(PageOrder(number, len(expected), kept))
    return results
