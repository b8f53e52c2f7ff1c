"""Detection quality on the annotated development corpus (``bench/devcorpus``, SYNTHETIC:
200 school documents, a roster and a staff list), with limits just above what is
achieved, so quality cannot regress unnoticed. ``bench/score.py`` prints the full
table; issue 3's targets are leak rate at most 3% without the roster and 0.5% with
it, over-redaction at most 3%."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

from devcorpus_gen import load_dev_notes  # noqa: E402
from score import RUNS, score, spans_for  # noqa: E402

CORPUS = REPO / "bench" / "devcorpus"
# Achieved when these were set (bench/score.py, 2026-11-22): strict 0.76% leak, 0.18%
# over-redaction, 98.8% recall; roster 0.26%, 0.21%, 99.5%; briefing 0.40%, 0.59%, 99.4%.
LIMITS = {
    # run: (max leak rate, max over-redaction, min entity recall)
    "strict": (0.010, 0.0030, 0.985),
    "roster": (0.0035, 0.0030, 0.993),
    "briefing": (0.0050, 0.0080, 0.990),
}
STRUCTURED = ("ADDRESS", "PHONE", "EMAIL", "POSTCODE", "UPN", "ULN", "NHS_NUMBER", "DOB")


@pytest.fixture(scope="module")
def notes():
    return load_dev_notes(CORPUS / "notes.jsonl")


@pytest.mark.parametrize("run", sorted(LIMITS))
def test_leak_rate_and_over_redaction_stay_within_limits(engine, notes, run):
    max_leak, max_over, min_recall = LIMITS[run]
    found = spans_for(RUNS[run], notes, CORPUS, engine.nlp)
    result = score(notes, found, RUNS[run].keep_roles)
    print(run, {k: v for k, v in result.items() if not isinstance(v, dict)})
    assert result["leak_rate"] <= max_leak
    assert result["over_redaction"] <= max_over
    assert result["entity_recall"] >= min_recall
    for label in STRUCTURED:
        assert result["leak_rate_by_label"].get(label, 0.0) == 0.0, label
