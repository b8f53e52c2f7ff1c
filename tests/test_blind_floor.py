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
# (folder, export) -> (max left, max kept lost, max Part 2 left). Achieved when set
# (2026-12-07, session 13): blind 0.74% / 7.27% with the export, 1.42% / 4.70% without;
# development (d, e and f) 1.16% / 9.05% and 3.68% / 7.23% (f's kept lost without the
# export reads 9.6% to 10.6% from run to run); held out (g) 2.34% / 13.33% and 4.54% /
# 5.82%, with 47.0% of its Part 2 text left: its exclusion panel's record is not named
# "minutes" or "committee", so it runs in the briefing profile, which removes no Part 2
# (in the minutes profile none of it is left; bench/heldout/README.md).
LIMITS = {
    (BLIND, True): (0.010, 0.078, 0.0),
    (BLIND, False): (0.017, 0.050, 0.0),
    (DEVELOPMENT, True): (0.013, 0.093, 0.0),
    (DEVELOPMENT, False): (0.039, 0.078, 0.0),
    (HELD_OUT, True): (0.026, 0.140, 0.48),
    (HELD_OUT, False): (0.049, 0.064, 0.48),
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
    max_left, max_lost, max_part2_left = LIMITS[(folder, export)]
    assert summary["part2_left"] <= max_part2_left, summary
    assert summary["left"] <= max_left, summary
    assert summary["kept_lost"] <= max_lost, summary
    # Structured identifiers are read from the structure and the export, never left.
    assert summary["left_by_kind"].get("email", 0.0) == 0.0
