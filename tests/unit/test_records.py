"""Compact records (redactor/records.py) read back equal to what was put in, and hold a
long document's findings in a fraction of the memory the objects took.
"""

from __future__ import annotations

import tracemalloc

import pytest

from redactor.detection.engine import Detected, DetectedSegments, RawFinding
from redactor.detection.spans import SpanArray
from redactor.model import Edit, Finding, Role
from redactor.records import Grouped, Records


def _finding(index: int, **changes: object) -> Finding:
    """Synthetic findings: a few people mentioned over and over, on many lines."""
    fields: dict[str, object] = {
        "segment_key": str(index // 7 * 100),
        "start": index * 13,
        "end": index * 13 + 11,
        "entity_type": "PERSON" if index % 3 else "PHONE",
        "score": 0.85 if index % 2 else 1.0,
        "recognizer": "spacy+propagated" if index % 5 else "roster",
        "role": Role.PUPIL if index % 4 else Role.OTHER,
        "text": ("Tansy Morwood", "Idris Pellow", "Hazel Quarrie")[index % 3],
        "where": f"line {index // 4}",
        "person": ("tansy morwood", "idris pellow", "")[index % 3],
    }
    fields.update(changes)
    return Finding(**fields)  # type: ignore[arg-type]


def test_records_read_back_equal_in_order_by_index_slice_and_iteration():
    findings = [_finding(i) for i in range(500)]
    records = Records(Finding, findings)
    assert len(records) == 500
    assert list(records) == findings
    assert records[0] == findings[0] and records[-1] == findings[-1]
    assert records[10:20] == findings[10:20]
    assert records == tuple(findings) and records == findings
    assert records != findings[:-1]
    assert records != [*findings[:-1], _finding(499, text="Zoqvarth")]
    with pytest.raises(IndexError):
        records[500]


def test_values_equal_across_types_keep_their_own_type():
    # A StrEnum equals its string and 1 equals 1.0; a record must come back as it went in
    # (for a field declared a plain str, a str is all it holds).
    one = _finding(1, score=1, role="pupil")
    other = _finding(2, score=1.0, role=Role.PUPIL)
    back = list(Records(Finding, [one, other]))
    assert type(back[0].score) is int and type(back[1].score) is float
    assert type(back[0].role) is str and type(back[1].role) is Role


def test_every_kind_of_record_the_pipeline_holds_round_trips():
    raw = [RawFinding(1, 5, "PERSON", 0.85, "roster", "pupil", "tansy morwood", "")]
    raw.append(RawFinding(7, 9, "PERSON", 0.6, "spacy"))
    edits = [Edit("0", 1, 5, "[PUPIL]"), Edit("12", 3, 9, "Pupil B")]
    assert list(Records(RawFinding, raw)) == raw
    assert list(Records(Edit, edits)) == edits


def test_a_record_of_another_kind_is_refused():
    with pytest.raises(TypeError):
        Records(Finding, [Edit("0", 1, 5, "[PUPIL]")])  # type: ignore[list-item]


def test_the_description_never_shows_a_value():
    records = Records(Finding, [_finding(1, text="Zoqvarth Yblentrosk")])
    assert "Zoqvarth" not in repr(records) and "Zoqvarth" not in str(records)


def test_a_long_documents_findings_take_a_fraction_of_their_objects_memory():
    count = 50_000
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        objects = [_finding(i, text=f"Tansy {i % 3000}") for i in range(count)]
        as_objects = tracemalloc.get_traced_memory()[0] - before
        before = tracemalloc.get_traced_memory()[0]
        records = Records(Finding, objects)
        # Measured while the objects live: their strings are shared, not counted twice.
        as_records = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(records) == count
    # Objects took about 350 bytes each here; records, with a "line N" for every four,
    # about 95 (60 for the record, the rest for its label and name, each held once).
    assert as_objects / count > 300
    assert as_records / count < 110


def test_fields_read_without_building_records_agree_with_the_records():
    findings = [_finding(i) for i in range(700)]  # more than one batch, and some waiting
    records = Records(Finding)
    for finding in findings:
        records.append(finding)
    assert list(records.fields("text", "start", "role")) == [
        (f.text, f.start, f.role) for f in findings
    ]


def test_groups_read_back_as_they_were_added():
    groups = [[_finding(i) for i in range(n * 3, n * 3 + n % 4)] for n in range(300)]
    grouped = Grouped(Finding)
    for group in groups:
        grouped.add(group)
    assert len(grouped) == 300
    assert [grouped[i] for i in range(300)] == groups
    assert grouped[-1] == groups[-1] and grouped[5:9] == groups[5:9]
    with pytest.raises(IndexError):
        grouped[300]


def test_a_documents_detections_wait_for_resolution_in_a_fraction_of_their_memory():
    def detected(index: int) -> Detected:
        raw = [
            RawFinding(k * 9, k * 9 + 5, "PERSON", 0.85, "spacy", None) for k in range(index % 5)
        ]
        return Detected(raw, SpanArray((k * 9, k * 9 + 5) for k in range(index % 7)))

    count = 20_000
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        as_objects = [detected(i) for i in range(count)]
        objects_size = tracemalloc.get_traced_memory()[0] - before
        del as_objects
        before = tracemalloc.get_traced_memory()[0]
        compact = DetectedSegments(detected(i) for i in range(count))
        compact_size = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(compact) == count
    assert compact[7].findings == detected(7).findings
    assert list(compact[13].proper_nouns) == list(detected(13).proper_nouns)
    # About 510 bytes a segment as objects (its list, its array, two findings, three
    # spans); about 175 held compactly.
    assert compact_size < objects_size / 2.5, (compact_size, objects_size)
