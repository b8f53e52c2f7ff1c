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
from importlib import metadata
from pathlib import Path
from typing import Any

from redactor import __version__
from redactor.audit import (
    Reason,
    load_reasons,
    removed_by_category,
    render_html,
    render_markdown,
    sections_removed,
)
from redactor.config import Config
from redactor.decisions import summary as review_summary
from redactor.detection.engine import MODEL_NAME
from redactor.detection.minutes import BOUNDARY, REFERENCE, SECTION, SECTION_CONTINUED
from redactor.model import FileFailure, FileResult, Finding
from redactor.results import BatchResult
from redactor.safe_io import publish_atomically

REPORT_SUFFIXES = (".json", ".md", ".html", ".htm")
_PACKAGES = (
    "spacy",
    "presidio-analyzer",
    "python-docx",
    "lxml",
    "pikepdf",
    "pypdf",
    "pdfminer.six",
)


def build_report(
    batch: BatchResult,
    config: Config,
    command: str,
    *,
    operator: str = "",
    reasons: dict[str, Reason] | None = None,
) -> dict[str, Any]:
    """The JSON report: per file what was removed (by category, with the reason from
    the reasons file), Part 2 sections, hidden content, review items and hashes; for
    the run, the operator, options and versions. Never a detected value.
    """
    reasons = reasons if reasons is not None else load_reasons(config.reasons_file)
    options = {
        "style": str(config.style),
        "profile": str(config.profile),
        "score_threshold": config.score_threshold,
        "review_threshold": config.review_threshold,
        "allow_image_pages": config.allow_image_pages,
        "strict_attachments": config.strict_attachments,
        "keep_comments": config.keep_comments,
        "remove_images": config.remove_images,
        "roster": bool(config.roster_files),
        "lists": [
            {"file": c.name, "people": c.people, "values": c.values} for c in batch.lists
        ],
        "keep_list_entries": len(config.keep_people) + len(config.keep_terms),
    }
    versions = _versions()
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
                "profile": str(config.profile),
                "options": options,
                "versions": versions,
                "counts": counts_by_type(outcome.findings),
                "categories": removed_by_category(outcome.findings, outcome.removals, reasons),
                "sections_removed": sections_removed(outcome.findings),
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
    record: dict[str, Any] = {
        "tool": "redactor",
        "version": __version__,
        "model": MODEL_NAME,
        "versions": versions,
        "command": command,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "operator": operator,
        "options": options,
        "summary": {
            "files": len(batch.outcomes),
            "processed": len(batch.results),
            "refused": len(batch.failures),
            "findings": sum(len(r.findings) for r in batch.results),
            "to_review": sum(len(r.review) for r in batch.results),
        },
        "files": files,
    }
    if config.decisions is not None:
        # A person's review: who, when, how many decisions of each kind per document and
        # kind, and the reasons they gave; never a value or a hash (docs/review.md).
        record["review"] = review_summary(config.decisions)
    return record


def write_report(path: Path, report: dict[str, Any]) -> None:
    """Write the report atomically, as JSON, Markdown or HTML by the file's suffix
    (replacing an older report of the same name).
    """
    suffix = path.suffix.lower()
    if suffix == ".md":
        text = render_markdown(report)
    elif suffix in (".html", ".htm"):
        text = render_html(report)
    else:
        text = json.dumps(report, indent=2, ensure_ascii=False)
    data = text.encode("utf-8")
    publish_atomically(path, lambda temp: temp.write_bytes(data), force=True)


def _versions() -> dict[str, str]:
    """The versions that made this record: redactor, its model and its main libraries."""
    found = {"redactor": __version__, "model": MODEL_NAME}
    for package in _PACKAGES:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    return found


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
    """The findings of ``check``, one per line: place, type, masked preview. A Part 2
    section is one line, its heading shown (personal data replaced), never its text.
    """
    lines = []
    for finding, note in [
        *((f, f"  ({f.note})" if f.note else "") for f in outcome.findings),
        *((f, f"  ({f.note or 'below threshold: please review'})") for f in outcome.review),
    ]:
        if finding.entity_type == SECTION_CONTINUED:
            continue
        kind = (
            finding.entity_type if finding.entity_type != "PERSON" else f"PERSON ({finding.role})"
        )
        shown = " ".join(finding.text.split()) if show_values else finding.masked
        if finding.entity_type == SECTION:
            shown = f'"{finding.summary}"'
        elif finding.entity_type in (BOUNDARY, REFERENCE) and not show_values:
            shown = ""  # a line, not a value: the place and the note say what to look at
        lines.append(f"    {finding.where:<10} {kind:<18} {shown}{note}".rstrip())
    return lines


def _review_item(finding: Finding) -> dict[str, Any]:
    item = {
        "type": finding.entity_type,
        "where": finding.where,
        "preview": finding.masked,
        "score": round(finding.score, 2),
    }
    if finding.entity_type == BOUNDARY:
        item["preview"] = ""  # the heading may hold a name; the note says what to look at
    if finding.note:
        item["note"] = finding.note
    return item


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
