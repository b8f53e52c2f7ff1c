"""Span questions answered by index (detection/spans.py) agree with asking every span."""

from __future__ import annotations

import random

import pytest

from redactor.detection.spans import Containment, Coverage, SpanArray, SpanGroups, SpanList


def _random_spans(rng: random.Random, length: int, count: int) -> list[tuple[int, int]]:
    """Spans of one character or more (findings are never empty)."""
    spans = []
    for _ in range(count):
        start = rng.randrange(length)
        spans.append((start, min(length, start + rng.randrange(1, 12))))
    return spans


def test_coverage_agrees_with_a_scan_of_every_span_as_spans_are_added():
    rng = random.Random(7)
    for _ in range(200):
        length = rng.randrange(2, 80)
        taken = _random_spans(rng, length, rng.randrange(0, 6))
        coverage = Coverage(length, taken)
        for start, end in _random_spans(rng, length, 20):
            scanned = any(s < end and start < e for s, e in taken)
            assert coverage.overlaps(start, end) == scanned, (taken, start, end)
            if not scanned:
                taken.append((start, end))
                coverage.add(start, end)


def test_empty_spans_cover_nothing_and_overlap_nothing():
    coverage = Coverage(10, [(3, 3), (8, 15)])
    assert not coverage.overlaps(0, 8)
    assert not coverage.overlaps(9, 9)
    assert coverage.overlaps(9, 10)
    assert not coverage.overlaps(3, 3)


def test_containment_agrees_with_a_scan_of_every_span():
    rng = random.Random(11)
    for _ in range(200):
        length = rng.randrange(1, 80)
        spans = _random_spans(rng, length, rng.randrange(0, 8))
        index = Containment(spans)
        for start, end in _random_spans(rng, length, 20):
            scanned = any(s <= start and end <= e for s, e in spans)
            assert index.contains(start, end) == scanned, (spans, start, end)


def test_span_list_finds_the_same_overlapping_spans_as_a_scan():
    rng = random.Random(13)
    for _ in range(300):
        length = rng.randrange(2, 80)
        spans = _random_spans(rng, length, rng.randrange(0, 8)) + [(5, 5)] * rng.randrange(2)
        index = SpanList(spans)
        for start, end in _random_spans(rng, length, 20):
            scanned = sorted((s, e) for s, e in spans if s < end and start < e)
            assert index.overlapping(start, end) == scanned, (spans, start, end)


def test_a_span_array_gives_back_its_spans_in_order_and_holds_them_compactly():
    import sys

    from redactor.detection.spans import SpanArray

    spans = [(0, 5), (7, 12), (100_000, 100_007)]
    held = SpanArray(spans)
    assert list(held) == spans and len(held) == 3
    assert list(SpanArray()) == []
    many = SpanArray((n, n + 5) for n in range(0, 1_000_000, 10))  # 100,000 spans
    assert sys.getsizeof(many._flat) < 20 * 100_000  # a tuple each took about 110 bytes


def test_span_groups_read_back_as_they_were_added():
    rng = random.Random(3)
    groups = [_random_spans(rng, 500, rng.randrange(0, 5)) for _ in range(200)]
    stored = SpanGroups()
    for index, group in enumerate(groups):
        stored.add(SpanArray(group) if index % 2 else group)
    assert len(stored) == 200
    assert [list(stored[i]) for i in range(200)] == groups
    assert list(stored[-1]) == groups[-1]
    with pytest.raises(IndexError):
        stored[200]
