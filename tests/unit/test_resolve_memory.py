"""Resolving a long document holds its findings about once, not once per step: each
step makes new findings from the last step's, and those are let go as soon as they are
used. Measured with traced memory, which does not depend on the machine. SYNTHETIC notes.
"""

from __future__ import annotations

import tracemalloc

from bench.corpus_gen import generate_notes
from redactor.formats import handler_for
from redactor.pipeline import resolve_detected


def test_resolving_holds_little_more_than_the_findings_it_returns(make_redactor, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("\n\n".join(generate_notes(150, 4)), encoding="utf-8")
    redactor = make_redactor()
    segments = handler_for(path).extract(path, redactor.config).segments
    detected = redactor.engine.analyse([segment.text for segment in segments])
    resolve_detected(segments, detected, redactor.config)  # once to fill the caches

    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        resolved = resolve_detected(segments, detected, redactor.config)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    held, highest = kept - before, peak - before
    assert len(resolved.findings) > 1_000
    # Five generations of findings alive at once, as objects, made the peak 4.9 times
    # what was returned. The findings are now held compactly between steps and returned
    # so (about 150 bytes each, from about 260), and the peak is 3.2 times that: a
    # step's indexes (keep phrases, the names to spread) and one segment's objects.
    assert highest < 4 * held, (highest, held)
