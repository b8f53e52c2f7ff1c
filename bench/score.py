"""Detection quality on generated, annotated school notes: leak rate and over-redaction.

    .venv/bin/python bench/score.py               # redactor and vanilla Presidio, 200 notes
    .venv/bin/python bench/score.py --only redactor --docs 150

The notes come from ``corpus_gen.generate_annotated_notes`` (seeded, so the same
corpus every time): every person, phone, email, address, postcode, date of birth,
UPN, ULN and NHS number in them is labelled. Scores, by word token:

* leak rate: share of tokens inside a labelled value that no finding covers;
* over-redaction: share of the other word tokens that a finding covers;
* entity recall: share of labelled values covered completely;
* precision: share of findings that touch a labelled value.

Everyone in these notes is labelled, staff included, so this measures the strict
profile; staff kept by a school's keep list would not count as leaks there.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import Note, generate_annotated_notes  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "score.json"
WORD = re.compile(r"\w+")
Spans = list[tuple[int, int]]


def redactor_spans(notes: list[Note]) -> list[Spans]:
    """Where redactor would redact, in each note (strict profile: no one is kept)."""
    from redactor.config import Config
    from redactor.detection.engine import DetectionEngine
    from redactor.formats.text import text_segments
    from redactor.model import Profile
    from redactor.pipeline import detect

    engine = DetectionEngine()
    config = Config(profile=Profile.STRICT)
    result = []
    for note in notes:
        segments = text_segments(note.text)
        resolved = detect(segments, engine, config)
        result.append(
            [(int(f.segment_key) + f.start, int(f.segment_key) + f.end) for f in resolved.findings]
        )
    return result


def presidio_spans(notes: list[Note]) -> list[Spans]:
    """Where vanilla Presidio finds something (default recognizers, score at least 0.5)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from throughput import vanilla_presidio

    from redactor.detection.engine import model_directory

    batch, _ = vanilla_presidio(model_directory())
    results = batch.analyze_iterator([n.text for n in notes], language="en", batch_size=32)
    return [[(r.start, r.end) for r in found if r.score >= 0.5] for found in results]


def score(notes: list[Note], found: list[Spans]) -> dict[str, Any]:
    """Token leak rate (overall and per label), over-redaction, entity recall, precision."""
    sensitive = leaked = other = removed = 0
    per_label_total: Counter[str] = Counter()
    per_label_leaked: Counter[str] = Counter()
    entities = covered_entities = findings = useful_findings = 0
    for note, spans in zip(notes, found, strict=True):
        gold = [(e.start, e.end, e.label) for e in note.entities]
        for token in WORD.finditer(note.text):
            start, end = token.span()
            label = next((lab for s, e, lab in gold if s <= start and end <= e), None)
            hit = any(s < end and start < e for s, e in spans)
            if label is None:
                other += 1
                removed += hit
            else:
                sensitive += 1
                per_label_total[label] += 1
                if not hit:
                    leaked += 1
                    per_label_leaked[label] += 1
        for s, e, _ in gold:
            entities += 1
            covered = [(a, b) for a, b in spans if a < e and s < b]
            covered_entities += _covers(covered, s, e, note.text)
        findings += len(spans)
        useful_findings += sum(1 for a, b in spans if any(a < e and s < b for s, e, _ in gold))
    return {
        "documents": len(notes),
        "leak_rate": round(leaked / sensitive, 4),
        "leak_rate_by_label": {
            label: round(per_label_leaked[label] / total, 4)
            for label, total in sorted(per_label_total.items())
        },
        "over_redaction": round(removed / other, 4),
        "entity_recall": round(covered_entities / entities, 4),
        "precision": round(useful_findings / findings, 4) if findings else None,
        "sensitive_tokens": sensitive,
        "other_tokens": other,
    }


def _covers(spans: Spans, start: int, end: int, text: str) -> bool:
    """Whether the spans together cover every word character of text[start:end]."""
    return all(any(a <= i < b for a, b in spans) for i in range(start, end) if text[i].isalnum())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", choices=["redactor", "presidio"])
    args = parser.parse_args()
    notes = generate_annotated_notes(args.docs, args.seed)
    results = {}
    if args.only in (None, "redactor"):
        results["redactor"] = score(notes, redactor_spans(notes))
    if args.only in (None, "presidio"):
        results["vanilla_presidio"] = score(notes, presidio_spans(notes))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print("| Tool | leak rate | over-redaction | entity recall | precision |")
    print("|---|---|---|---|---|")
    for name, row in results.items():
        print(
            f"| {name} | {row['leak_rate']:.2%} | {row['over_redaction']:.2%} | "
            f"{row['entity_recall']:.2%} | {row['precision']:.2%} |"
        )
    for name, row in results.items():
        print(f"{name} leak rate by label: {row['leak_rate_by_label']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
