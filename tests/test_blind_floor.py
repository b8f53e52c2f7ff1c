"""Detection quality on schools whose documents others wrote, with limits just above what
is achieved, so it cannot regress unnoticed. ``bench/blind.py`` prints the full figures.

* the three blind schools in ``../shared/data/blind`` (outside the repository: skipped,
  with the reason, where it is absent); they are a development set: a failure there is
  read for its class, fixed as a class, and tested with text of our own;
* the schools in ``bench/development`` (SYNTHETIC, written from the same brief by helpers
  that never saw the code), held out until their misses were read: a development set now;
* the held-out school in ``bench/heldout`` (SYNTHETIC, written the same way): measured,
  never tuned on.

Issue 13's targets are left at most 1% with the pupil export and 2% without, kept words
lost at most 5%, Part 2 text left 0%.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

from blind import School, Tally, redacted_spans  # noqa: E402

BLIND = REPO.parent / "shared" / "data" / "blind"
DEVELOPMENT = REPO / "bench" / "development"
HELD_OUT = REPO / "bench" / "heldout"
# (folder, export) -> (max left, max kept lost). Achieved when set (2026-12-07, session
# 12): blind 0.74% / 7.27% with the export, 1.42% / 4.70% without; development (d and e)
# 0.94% / 7.46% and 2.84% / 5.58%; held out (f) 2.59% / 12.24% and 6.17% / 10.55%.
LIMITS = {
    (BLIND, True): (0.010, 0.078),
    (BLIND, False): (0.017, 0.050),
    (DEVELOPMENT, True): (0.012, 0.080),
    (DEVELOPMENT, False): (0.032, 0.060),
    (HELD_OUT, True): (0.030, 0.130),
    (HELD_OUT, False): (0.066, 0.112),
}


def _tally(folder: Path, export: bool, nlp) -> Tally:
    tally = Tally()
    for school_dir in sorted(p for p in folder.iterdir() if (p / "gold.jsonl").is_file()):
        school = School(school_dir)
        records = school.records()
        for record, spans in zip(
            records, redacted_spans(records, school, export, nlp), strict=True
        ):
            tally.add(record, spans)
    return tally


@pytest.mark.slow
@pytest.mark.parametrize(
    "folder, export",
    list(LIMITS),
    ids=[f"{f.name}-{'export' if e else 'no-export'}" for f, e in LIMITS],
)
def test_blind_schools_stay_within_limits(engine, folder, export):
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here (the blind schools sit beside the repository)")
    summary = _tally(folder, export, engine.nlp).summary()
    max_left, max_lost = LIMITS[(folder, export)]
    assert summary["part2_left"] == 0.0
    assert summary["left"] <= max_left, summary
    assert summary["kept_lost"] <= max_lost, summary
    # Structured identifiers are read from the structure and the export, never left.
    assert summary["left_by_kind"].get("email", 0.0) == 0.0
