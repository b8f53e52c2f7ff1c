"""Questions about the spans of one text, answered without scanning every span.

A long text (a 200 KB e-mail header, a Word paragraph of a whole chronology) can hold
thousands of findings in one segment; asking "does this overlap a finding?" by looking
at each finding made the cost grow with the square of the findings.
"""

from __future__ import annotations

import bisect
import itertools
from array import array
from collections.abc import Iterable, Iterator

from redactor.records import IndexedSequence, group_range


class Coverage:
    """Which characters of a text are covered by spans, with spans added as they are
    taken. Asking about a span costs its length, whatever the number of spans. An empty
    span covers nothing and overlaps nothing.
    """

    __slots__ = ("_covered",)

    def __init__(self, length: int, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._covered = bytearray(length)
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        """Cover text[start:end]."""
        start, end = max(start, 0), min(end, len(self._covered))
        if end > start:  # a slice assigned bytes of another length would resize the array
            self._covered[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any character of text[start:end] is covered."""
        return start < end and self._covered.find(1, max(start, 0), end) != -1


class Containment:
    """Whether a span lies within one of a fixed set of spans, in logarithmic time."""

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # The furthest end among the spans starting at or before each one.
        self._reach = list(itertools.accumulate((end for _, end in ordered), max))

    def contains(self, start: int, end: int) -> bool:
        """Whether some span (s, e) has s <= start and end <= e."""
        index = bisect.bisect_right(self._starts, start)
        return index > 0 and self._reach[index - 1] >= end


class SpanList:
    """A fixed set of spans, asked which of them overlap a span. Fast while the spans
    are short (keep phrases, a cell's class): only those starting within the longest
    span's length before the asked span are looked at.
    """

    __slots__ = ("_longest", "_spans", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [start for start, _ in self._spans]
        self._longest = max((end - start for start, end in self._spans), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans (s, e), in order, with s < end and start < e."""
        first = bisect.bisect_right(self._starts, start - self._longest)
        last = bisect.bisect_left(self._starts, end)
        return [(s, e) for s, e in self._spans[first:last] if start < e]


class SpanArray:
    """Spans kept for later as one flat array of machine integers: the tagger's proper
    nouns of a whole document wait for resolution, and a tuple of two numbers per
    span took about 110 bytes of memory (16 here).
    """

    __slots__ = ("_flat",)

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._flat = array("q")
        for start, end in spans:
            self._flat.append(start)
            self._flat.append(end)

    @classmethod
    def _of(cls, flat: array[int]) -> SpanArray:
        spans = cls()
        spans._flat = flat
        return spans

    def __iter__(self) -> Iterator[tuple[int, int]]:
        flat = iter(self._flat)
        return zip(flat, flat, strict=True)

    def __len__(self) -> int:
        return len(self._flat) // 2


class SpanGroups(IndexedSequence[SpanArray]):
    """Groups of spans (each segment's proper nouns) in one flat array: a long document
    has tens of thousands of segments, and an array for each cost more than its spans.
    """

    __slots__ = ("_ends", "_flat")

    def __init__(self) -> None:
        self._flat = array("q")
        self._ends = array("q")  # where each group ends in the flat array

    def add(self, spans: Iterable[tuple[int, int]]) -> None:
        """Add the next group."""
        if isinstance(spans, SpanArray):
            self._flat.extend(spans._flat)
        else:
            for start, end in spans:
                self._flat.append(start)
                self._flat.append(end)
        self._ends.append(len(self._flat))

    def __len__(self) -> int:
        return len(self._ends)

    def _item(self, index: int) -> SpanArray:
        start, end = group_range(self._ends, index)
        return SpanArray._of(self._flat[start:end])
