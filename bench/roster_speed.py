"""How much a large pupil roster slows redaction of one 500-word note.

    .venv/bin/python bench/roster_speed.py

Builds a synthetic roster of 2,000 pupils and 4,000 contacts (names drawn from the
shipped name lists, seeded), then times ``redact_text`` on 500-word generated notes
with and without it, best of several rounds. Target: at most 20% slower.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import generate_notes  # noqa: E402

PUPILS, CONTACTS_PER_PUPIL, ROUNDS = 2000, 2, 5


def synthetic_roster(path: Path, seed: int = 1) -> None:
    """Write a SIMS-style CSV of invented pupils and contacts."""
    from redactor.detection.vocabulary import vocabulary

    words = vocabulary()
    rng = random.Random(seed)
    firsts, lasts = sorted(words.first_names), sorted(words.surnames)
    lines = [
        "Forename,Legal Surname,Year,Contact Forename,Contact Surname,Relationship,"
        "Telephone,Postcode"
    ]
    for pupil in range(PUPILS):
        forename, surname = rng.choice(firsts).title(), rng.choice(lasts).title()
        for contact in range(CONTACTS_PER_PUPIL):
            lines.append(
                f"{forename},{surname},Year {pupil % 7 + 1},{rng.choice(firsts).title()},"
                f"{surname},{'Mother' if contact == 0 else 'Father'},"
                f"07700 9{rng.randrange(100000):05d},SP10 {rng.randrange(1, 9)}AB"
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def best_time(redactor: object, notes: list[str]) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for note in notes:
            redactor.redact_text(note)  # type: ignore[attr-defined]
        best = min(best, time.perf_counter() - started)
    return best / len(notes)


def main() -> int:
    from redactor.api import Redactor
    from redactor.config import Config
    from redactor.detection.engine import DetectionEngine
    from redactor.detection.roster import load_roster

    notes = []
    for note in generate_notes(200, 11):
        words = note.split()
        if len(words) >= 500:
            notes.append(" ".join(words[:500]))
    notes = notes[:10] or [" ".join(" ".join(generate_notes(4, 11)).split()[:500])]
    roster_path = Path(tempfile.mkdtemp()) / "pupils.csv"
    synthetic_roster(roster_path)
    started = time.perf_counter()
    roster = load_roster(roster_path)
    load_s = time.perf_counter() - started
    plain = DetectionEngine()
    with_roster = DetectionEngine(nlp=plain.nlp, roster=roster)
    without = best_time(Redactor(Config(), engine=plain), notes)
    using = best_time(Redactor(Config(roster_file=roster_path), engine=with_roster), notes)
    print(
        f"roster: {roster.pupils:,} pupils, {roster.contacts:,} contacts, "
        f"{len(roster.entries):,} phrases, read in {load_s:.2f} s"
    )
    print(
        f"500-word note: {without * 1000:.0f} ms without the roster, "
        f"{using * 1000:.0f} ms with it: {using / without - 1:+.1%} (target <= +20%)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
