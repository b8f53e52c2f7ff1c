"""Reports: JSON for the record, short lines for the console.

Neither ever holds a detected value: counts, types, places and masked previews
(``O***** S****``) only. The one exception is the console with
``--show-values``, which a person asks for on their own machine.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from redactor import __version__
from redactor.api import BatchResult
from redactor.config import Config
from redactor.detection.engine import MODEL_NAME
from redactor.model import FileFailure, FileResult, Finding
from redactor.safe_io import publish_atomically


def build_report(batch: BatchResult, config: Config, command: str) -> dict[str, Any]:
    """The JSON report: per file counts, review items, removals and hashes."""
    files: list[dict[str, Any]] = []
    for outcome in batch.outcomes:
        if isinstance(outcome, FileFailure):
            files.append(
                {
                    "input": str(outcome.source),
                    "status": "refused",
                    "reason": outcome.reason,
                    "error": outcome.kind,
                }
            )
            continue
        files.append(
            {
                "input": str(outcome.source),
                "output": str(outcome.dest) if outcome.dest else None,
                "status": "redacted" if outcome.dest else "checked",
                "format": outcome.format,
                "counts": counts_by_type(outcome.findings),
                "review": [_review_item(f) for f in outcome.review],
                "redacted_despite_keep_list": [
                    {**_review_item(f), "reason": f.note} for f in outcome.findings if f.note
                ],
                "removed": [
                    {"kind": r.kind, "where": r.where, "count": r.count} for r in outcome.removals
                ],
                "sha256_input": outcome.sha256_in,
                "sha256_output": outcome.sha256_out,
            }
        )
    return {
        "tool": "redactor",
        "version": __version__,
        "model": MODEL_NAME,
        "command": command,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "options": {
            "style": str(config.style),
            "profile": str(config.profile),
            "score_threshold": config.score_threshold,
            "review_threshold": config.review_threshold,
        },
        "summary": {
            "files": len(batch.outcomes),
            "processed": len(batch.results),
            "refused": len(batch.failures),
            "findings": sum(len(r.findings) for r in batch.results),
            "to_review": sum(len(r.review) for r in batch.results),
        },
        "files": files,
    }


def write_report(path: Path, report: dict[str, Any]) -> None:
    """Write the JSON report atomically (replacing an older report of the same name)."""
    data = json.dumps(report, indent=2, ensure_ascii=False).encode("utf-8")
    publish_atomically(path, lambda temp: temp.write_bytes(data), force=True)


def counts_by_type(findings: Sequence[Finding]) -> dict[str, int]:
    """How many findings of each type (names split by role: PERSON/pupil...)."""
    counter: Counter[str] = Counter(
        f"PERSON/{f.role}" if f.entity_type == "PERSON" else f.entity_type for f in findings
    )
    return dict(sorted(counter.items()))


def describe_outcome(outcome: FileResult | FileFailure) -> str:
    """One plain-English console line for a file."""
    if isinstance(outcome, FileFailure):
        return f"REFUSED  {outcome.source}: {outcome.reason}"
    total = len(outcome.findings)
    review = f", {len(outcome.review)} to review" if outcome.review else ""
    if outcome.dest is not None:
        removed = f"{_plural(total, 'item')} removed{review}"
        return f"done     {outcome.source} -> {outcome.dest} ({removed})"
    if not total and not outcome.review:
        return f"clean    {outcome.source}: no personal data found"
    return f"FOUND    {outcome.source}: {_plural(total, 'item')}{review}"


def finding_lines(outcome: FileResult, *, show_values: bool) -> list[str]:
    """The findings of ``check``, one per line: place, type, masked preview."""
    lines = []
    for finding, note in [
        *((f, f"  ({f.note})" if f.note else "") for f in outcome.findings),
        *((f, "  (below threshold: please review)") for f in outcome.review),
    ]:
        kind = (
            finding.entity_type if finding.entity_type != "PERSON" else f"PERSON ({finding.role})"
        )
        shown = " ".join(finding.text.split()) if show_values else finding.masked
        lines.append(f"    {finding.where:<10} {kind:<18} {shown}{note}")
    return lines


def _review_item(finding: Finding) -> dict[str, Any]:
    return {
        "type": finding.entity_type,
        "where": finding.where,
        "preview": finding.masked,
        "score": round(finding.score, 2),
    }


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
