"""The model's vocabulary does not grow for good with what it reads, once the run has
read its first characters (which teach the tokenizer the everyday words). SYNTHETIC text.
"""

from __future__ import annotations

import redactor.detection.engine as engine_module
from redactor.detection.engine import DetectionEngine


def test_words_read_after_the_first_characters_leave_the_vocabulary(engine, monkeypatch):
    monkeypatch.setattr(engine_module, "_READ_OUTSIDE_ZONE_CHARS", 200)
    fresh = DetectionEngine(nlp=engine.nlp)
    strings = engine.nlp.vocab.strings
    early, late = "Zoqvarth", "Yblentrosk"
    assert early not in strings and late not in strings

    fresh.analyse([f"{early} came to the office on Monday."])
    assert early in strings  # within the first characters: kept, and its tokens cached

    fresh.analyse(["Another note about the school day. " * 6])
    fresh.analyse([f"{late} came to the office on Tuesday."])
    assert late not in strings  # past them: read inside a memory zone, then forgotten


def test_findings_are_the_same_inside_and_outside_a_zone(engine, monkeypatch):
    text = "Tansy Morwood (DOB 04/09/2016) lives at 12 Quarry Lane, Bodmin PL31 2AB."
    monkeypatch.setattr(engine_module, "_READ_OUTSIDE_ZONE_CHARS", 10_000)
    outside = DetectionEngine(nlp=engine.nlp).analyse([text])[0].findings
    monkeypatch.setattr(engine_module, "_READ_OUTSIDE_ZONE_CHARS", 0)
    inside = DetectionEngine(nlp=engine.nlp).analyse([text])[0].findings
    assert outside and [(f.start, f.end, f.entity_type) for f in outside] == [
        (f.start, f.end, f.entity_type) for f in inside
    ]
