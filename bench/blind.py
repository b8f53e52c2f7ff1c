"""Detection quality on the blind schools: documents written by others, never by this project.

    .venv/bin/python bench/blind.py                      # every school, with and without export
    .venv/bin/python bench/blind.py --schools school-a   # one school
    .venv/bin/python bench/blind.py --misses 40          # also list what was left and lost

The blind schools (``../shared/data/blind/school-*``, or ``--blind DIR``) each hold the
school's details (``school.json``), its staff and governors lists, its pupil export and
18 documents with gold spans (``gold.jsonl``). They are a development set with
discipline: read a failure, name its class, fix the class and test it with text of our
own; never copy a name, phrase or number from them into the project.

Each school is set up as its users would set it up: its details in the settings (name,
address and postcode, phone, e-mail; its website and other numbers as keep terms), its
staff and governors lists, and, for the "with export" run, its pupil export. Minutes
(``*minutes*`` and ``*committee*``) run in the minutes profile, the rest in the briefing profile.

Scores, by word token (``\\w+``):

* left: tokens of a sensitive gold span (pupil, parent, address, phone, e-mail, date
  of birth, identifier) that no finding covers, per kind;
* kept lost: tokens of a gold span that must stay (staff and governors, the school's
  own details, public figures) that a finding covers, outside Part 2 sections;
* Part 2 left: tokens inside a confidential Part 2 region that no finding covers;
* other removed: unlabelled tokens outside Part 2 that a finding covers (places,
  organisations, ordinary words taken for names).

Targets (issue 13): left at most 1% with the export and 2% without; kept lost at
most 5%; Part 2 left 0%.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
DEFAULT_BLIND = BENCH.parent.parent / "shared" / "data" / "blind"
RESULTS = BENCH / "results" / "blind.json"
WORD = re.compile(r"\w+")
TARGET_LEFT_WITH_EXPORT = 0.01
TARGET_LEFT_WITHOUT_EXPORT = 0.02
TARGET_KEPT_LOST = 0.05
Spans = list[tuple[int, int]]


def kind_of(span: dict[str, Any]) -> str:
    """A short name for a gold span's kind: pupil, parent, staff, address, dob..."""
    if span["label"] == "PERSON":
        return str(span["role"])
    return {
        "DATE_OF_BIRTH": "dob",
        "SCHOOL_DETAIL": "school",
    }.get(span["label"], span["label"].lower())


@dataclass
class Tally:
    """Token counts for one run over one school."""

    sensitive: Counter[str] = field(default_factory=Counter)
    left: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)
    lost: Counter[str] = field(default_factory=Counter)
    part2 = 0
    part2_left = 0
    other = 0
    other_removed = 0
    left_values: Counter[tuple[str, str]] = field(default_factory=Counter)
    lost_values: Counter[tuple[str, str]] = field(default_factory=Counter)
    removed_other: Counter[str] = field(default_factory=Counter)

    def add(self, record: dict[str, Any], spans: Spans) -> None:
        """Count one document's tokens against the spans a run redacted."""
        text = record["text"]
        regions = [(r["start"], r["end"]) for r in record.get("regions", [])]
        gold = record["spans"]

        def hit(start: int, end: int) -> bool:
            return any(a < end and start < b for a, b in spans)

        for token in WORD.finditer(text):
            start, end = token.span()
            in_part2 = any(a <= start and end <= b for a, b in regions)
            span = next((s for s in gold if s["start"] <= start and end <= s["end"]), None)
            covered = hit(start, end)
            if in_part2:
                self.part2 += 1
                self.part2_left += not covered
                if span is None or span["sensitive"] is not True:
                    continue
            if span is None:
                self.other += 1
                if covered:
                    self.other_removed += 1
                    self.removed_other[_context(text, start, end)] += 1
                continue
            kind = kind_of(span)
            if span["sensitive"] is True:
                self.sensitive[kind] += 1
                if not covered:
                    self.left[kind] += 1
            elif span["sensitive"] is False:
                self.kept[kind] += 1
                if covered:
                    self.lost[kind] += 1
        for span in gold:
            words = list(WORD.finditer(text, span["start"], span["end"]))
            value = " ".join(span["text"].split())
            if span["sensitive"] is True and any(not hit(*w.span()) for w in words):
                self.left_values[(kind_of(span), value)] += 1
            in_part2 = any(a <= span["start"] and span["end"] <= b for a, b in regions)
            if span["sensitive"] is False and not in_part2 and any(hit(*w.span()) for w in words):
                self.lost_values[(kind_of(span), value)] += 1

    def summary(self) -> dict[str, Any]:
        """Shares, overall and per kind."""
        return {
            "left": _share(sum(self.left.values()), sum(self.sensitive.values())),
            "left_by_kind": {k: _share(self.left[k], n) for k, n in sorted(self.sensitive.items())},
            "kept_lost": _share(sum(self.lost.values()), sum(self.kept.values())),
            "kept_lost_by_kind": {k: _share(self.lost[k], n) for k, n in sorted(self.kept.items())},
            "part2_left": _share(self.part2_left, self.part2),
            "other_removed": _share(self.other_removed, self.other),
            "sensitive_tokens": sum(self.sensitive.values()),
            "kept_tokens": sum(self.kept.values()),
            "part2_tokens": self.part2,
        }


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _context(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    return text[max(line_start, start - 20) : end].replace("\n", " ")


@dataclass(frozen=True)
class School:
    """One blind school's folder and what a user would give the tool for it."""

    folder: Path

    @property
    def details(self) -> dict[str, Any]:
        """school.json."""
        return dict(json.loads((self.folder / "school.json").read_text(encoding="utf-8")))

    def records(self) -> list[dict[str, Any]]:
        """The gold records, one per document."""
        lines = (self.folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def config(self, profile: str, export: bool) -> Any:
        """The settings a school office would write for this school."""
        from redactor.config import Config, SchoolDetails
        from redactor.model import Profile

        details = self.details
        address = ", ".join(p for p in (details.get("address", ""), details.get("postcode")) if p)
        # A school with two names ("Ysgol X / X School") writes each.
        extras = [details.get("website", ""), *details.get("name", "").split(" / ")]
        extras += [details.get(k, "") for k in ("name_welsh", "name_english")]
        for value in details.get("other_contacts", {}).values():
            extras.append(value)
        return Config(
            profile=Profile(profile),
            school=SchoolDetails(
                name=details.get("name", ""),
                address=address,
                phone=details.get("phone", ""),
                email=details.get("email", ""),
            ),
            keep_terms=tuple(e for e in extras if e),
            staff_files=(self.folder / "staff.csv", self.folder / "governors.csv"),
            roster_files=(self.folder / "pupils.csv",) if export else (),
        )


def redacted_spans(
    records: Sequence[dict[str, Any]], school: School, export: bool, nlp: Any = None
) -> list[Spans]:
    """Where redactor redacts in each document, as the CLI would run it (``nlp``: a
    language model already loaded, to share between runs)."""
    from redactor.api import Redactor
    from redactor.detection.engine import DetectionEngine
    from redactor.formats.text import text_segments
    from redactor.pipeline import detect
    from redactor.school_lists import load_lists

    redactors: dict[str, Any] = {}
    found = []
    for record in records:
        profile = "minutes" if is_minutes(record["id"]) else "briefing"
        if profile not in redactors:
            config = school.config(profile, export)
            lists = load_lists(config)  # read once, shared by the engine and the redactor
            engine = DetectionEngine(nlp=nlp, roster=lists.roster) if nlp is not None else None
            redactors[profile] = Redactor(config, engine=engine, lists=lists)
        redactor = redactors[profile]
        resolved = detect(text_segments(record["text"]), redactor.engine, redactor.config)
        found.append(
            [(int(f.segment_key) + f.start, int(f.segment_key) + f.end) for f in resolved.findings]
        )
    return found


def is_minutes(document_id: str) -> bool:
    """Whether a clerk would redact this document in the minutes profile: minutes, or a
    committee's record ("03-discipline-committee"), by the name its writer gave it.
    """
    return "minutes" in document_id or "committee" in document_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blind", type=Path, default=DEFAULT_BLIND, help="the blind schools")
    parser.add_argument("--schools", nargs="+", help="folder names (default: all)")
    parser.add_argument(
        "--runs", nargs="+", choices=["export", "no-export"], default=["export", "no-export"]
    )
    parser.add_argument("--misses", type=int, default=0, help="values left and lost to list")
    parser.add_argument(
        "--speed", action="store_true", help="also time detection against vanilla Presidio"
    )
    args = parser.parse_args()
    if not args.blind.is_dir():
        print(f"no blind schools at {args.blind}", file=sys.stderr)
        return 2
    folders = sorted(p for p in args.blind.iterdir() if (p / "gold.jsonl").is_file())
    if args.schools:
        folders = [f for f in folders if f.name in args.schools]
    report: dict[str, Any] = {}
    totals = {run: Tally() for run in args.runs}
    for folder in folders:
        school = School(folder)
        records = school.records()
        for run in args.runs:
            started = time.perf_counter()
            tally = Tally()
            for record, spans in zip(
                records, redacted_spans(records, school, run == "export"), strict=True
            ):
                tally.add(record, spans)
                totals[run].add(record, spans)
            summary = tally.summary()
            summary["seconds"] = round(time.perf_counter() - started, 1)
            report[f"{folder.name} {run}"] = summary
            _print_summary(f"{folder.name} {run}", summary)
            if args.misses:
                _print_misses(tally, args.misses)
    for run, tally in totals.items():
        report[f"all {run}"] = tally.summary()
        _print_summary(f"all {run}", report[f"all {run}"])
    if args.speed:
        report["speed"] = speed(folders)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def speed(folders: Sequence[Path]) -> dict[str, float]:
    """Seconds to detect in every document, models loaded and lists read beforehand:
    vanilla Presidio (defaults) against redactor with each school's lists and export."""
    sys.path.insert(0, str(BENCH))
    from throughput import vanilla_presidio

    from redactor.detection.engine import load_nlp, model_directory

    schools = [School(folder) for folder in folders]
    texts = [r["text"] for school in schools for r in school.records()]
    batch, _ = vanilla_presidio(model_directory())
    started = time.perf_counter()
    list(batch.analyze_iterator(texts, language="en", batch_size=32))
    vanilla = time.perf_counter() - started
    nlp = load_nlp()
    ours = 0.0
    for school in schools:
        records = school.records()
        redacted_spans(records[:1], school, True, nlp)  # lists read, engine warm
        started = time.perf_counter()
        redacted_spans(records, school, True, nlp)
        ours += time.perf_counter() - started
    result = {"vanilla_s": round(vanilla, 2), "redactor_s": round(ours, 2)}
    result["ratio"] = round(ours / vanilla, 2)
    print(
        f"detection on {len(texts)} documents: vanilla Presidio {vanilla:.2f} s, "
        f"redactor with lists and export {ours:.2f} s ({result['ratio']}x)"
    )
    return result


def _print_summary(title: str, s: dict[str, Any]) -> None:
    kinds = " ".join(f"{k} {v:.1%}" for k, v in s["left_by_kind"].items())
    lost = " ".join(f"{k} {v:.1%}" for k, v in s["kept_lost_by_kind"].items())
    print(
        f"{title:<22} left {s['left']:6.2%} ({kinds}) | kept lost {s['kept_lost']:6.2%} "
        f"({lost}) | part2 left {s['part2_left']:.2%} | other removed {s['other_removed']:.2%}"
    )


def _print_misses(tally: Tally, top: int) -> None:
    print("  left:")
    for (kind, value), count in tally.left_values.most_common(top):
        print(f"    {count:3d} {kind:<8} {value!r}")
    print("  kept lost:")
    for (kind, value), count in tally.lost_values.most_common(top):
        print(f"    {count:3d} {kind:<8} {value!r}")
    print("  other removed:")
    for value, count in tally.removed_other.most_common(top):
        print(f"    {count:3d} {value!r}")


if __name__ == "__main__":
    raise SystemExit(main())
