"""How long a term's governor minutes take to publish with ``--profile minutes``.

    .venv/bin/python bench/minutes_speed.py            # 12 sets (a term), 1 and 2 jobs
    .venv/bin/python bench/minutes_speed.py --sets 36  # a year

A term of a typical board's minutes is about a dozen documents (two full-board
meetings and four committees, twice). Each set here is the four SYNTHETIC minutes in
samples/minutes/ (Word, PDF, two text files), copied under new names. Timed: the
whole redact run (read, detect, Part 2 sections, write, verify, publish), after the
model is loaded; the same files under the ``briefing`` profile give the cost of the
minutes rules as a ratio. Speed is measured here, never in a unit test.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from redactor.api import Redactor  # noqa: E402
from redactor.config import load_config  # noqa: E402
from redactor.model import FileResult, Profile  # noqa: E402

SAMPLES = REPO / "samples" / "minutes"


def main() -> None:
    """Build the term's files, run both profiles, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=12)
    args = parser.parse_args()
    config = load_config(REPO / "samples" / "redactor.toml")
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "term"
        source.mkdir()
        for n in range(args.sets):
            for sample in sorted(SAMPLES.iterdir()):
                shutil.copy(sample, source / f"{n:02d}-{sample.name}")
        files = sorted(source.iterdir())
        started = time.perf_counter()
        minutes = Redactor(config.with_overrides(profile=Profile.MINUTES))
        minutes.engine  # noqa: B018 - load the model outside the timed runs
        print(f"model load: {time.perf_counter() - started:.1f} s")
        timings = {}
        for label, redactor, jobs in (
            ("minutes, 1 job", minutes, 1),
            ("minutes, 2 jobs", minutes, 2),
            ("briefing, 1 job", Redactor(config, engine=minutes.engine), 1),
        ):
            out = Path(scratch) / label.replace(", ", "-").replace(" ", "")
            with redactor.workers(jobs):
                started = time.perf_counter()
                batch = redactor.redact_paths(files, out, jobs=jobs)
                timings[label] = time.perf_counter() - started
            done = sum(isinstance(o, FileResult) for o in batch.outcomes)
            assert done == len(files), f"{label}: {len(files) - done} files not done"
            print(f"{label}: {len(files)} files in {timings[label]:.2f} s")
        ratio = timings["minutes, 1 job"] / timings["briefing, 1 job"]
        print(f"minutes rules cost: {ratio:.2f}x the briefing profile's time")


if __name__ == "__main__":
    main()
