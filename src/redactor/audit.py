"""The audit record: why each kind of item was removed, and the report a clerk files.

"Always record the reasons for your decision": every category of item redactor
removes has a reason a DPO can file (the policy clause) and a legal basis, read
from ``recognizers/reasons.toml`` or from a school's own copy (``reasons = "..."``
in the settings file). The report's JSON form is built in ``report.py``; this
module adds the categories and renders the same record as Markdown or HTML, for
a person. None of them holds a detected value: counts, categories, places, and
section headings with their personal data already replaced.
"""

from __future__ import annotations

import html
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from redactor.detection.locations import recognizer_dir
from redactor.detection.minutes import REFERENCE, SECTION, SECTION_CONTINUED
from redactor.errors import ConfigError
from redactor.model import Finding, Removal

_BY_TYPE = {
    "ADDRESS": "address",
    "POSTCODE": "postcode",
    "PHONE": "phone",
    "EMAIL": "email",
    "DOB": "date_of_birth",
    "UPN": "upn",
    "ULN": "uln",
    "NHS_NUMBER": "nhs_number",
    "NINO": "ni_number",
    SECTION: "part_2_section",
    REFERENCE: "part_2_reference",
}
_BY_ROLE = {"pupil": "pupil", "parent": "parent", "staff": "staff", "other": "person"}
HIDDEN = "hidden_content"
CATEGORIES = (*_BY_ROLE.values(), *_BY_TYPE.values(), HIDDEN, "other")
_FIELDS = ("what", "reason", "basis")


@dataclass(frozen=True)
class Reason:
    """Why one category of item is removed."""

    what: str
    reason: str
    basis: str


def load_reasons(path: Path | None = None) -> dict[str, Reason]:
    """The reasons from ``path`` (a school's copy) or the shipped file.

    A copy must define every category with every field, and nothing else: a
    reason silently missing from an audit record is worse than a stopped run.
    """
    if path is None:
        return _shipped_reasons()
    return _parse(path)


@cache
def _shipped_reasons() -> dict[str, Reason]:
    return _parse(recognizer_dir() / "reasons.toml")


def _parse(path: Path) -> dict[str, Reason]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"reasons file {path} does not exist") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"reasons file {path} cannot be read: {exc}") from None
    missing = [c for c in CATEGORIES if c not in raw]
    unknown = [c for c in raw if c not in CATEGORIES]
    if missing or unknown:
        problems = [f"missing {', '.join(missing)}" if missing else ""]
        problems += [f"unknown {', '.join(unknown)}" if unknown else ""]
        raise ConfigError(
            f"reasons file {path}: {'; '.join(p for p in problems if p)} "
            f"(the categories are: {', '.join(CATEGORIES)})"
        )
    reasons = {}
    for category in CATEGORIES:
        table = raw[category]
        if not isinstance(table, dict) or sorted(table) != sorted(_FIELDS):
            raise ConfigError(
                f"reasons file {path}: [{category}] needs exactly {', '.join(_FIELDS)}"
            )
        if not all(isinstance(table[f], str) for f in _FIELDS) or not table["reason"].strip():
            raise ConfigError(f"reasons file {path}: [{category}] needs text in each field")
        reasons[category] = Reason(table["what"], table["reason"], table["basis"])
    return reasons


def category_of(finding: Finding) -> str | None:
    """The reasons category of a finding; None for the rest of a section (counted once)."""
    if finding.entity_type == SECTION_CONTINUED:
        return None
    if finding.entity_type == "PERSON":
        return _BY_ROLE.get(str(finding.role), "person")
    return _BY_TYPE.get(finding.entity_type, "other")


def removed_by_category(
    findings: Sequence[Finding], removals: Sequence[Removal], reasons: dict[str, Reason]
) -> list[dict[str, Any]]:
    """Each category that was removed: how many, and why, in the reasons file's words."""
    counts: Counter[str] = Counter(c for f in findings if (c := category_of(f)) is not None)
    hidden = sum(r.count for r in removals if r.count)
    if hidden:
        counts[HIDDEN] = hidden
    return [
        {
            "category": category,
            "what": reasons[category].what,
            "count": counts[category],
            "reason": reasons[category].reason,
            "basis": reasons[category].basis,
        }
        for category in CATEGORIES
        if counts[category]
    ]


def sections_removed(findings: Iterable[Finding]) -> list[dict[str, str]]:
    """Each Part 2 section removed: its heading (personal data replaced) and its place."""
    return [{"heading": f.summary, "where": f.where} for f in findings if f.entity_type == SECTION]


# --- the record for a person ---------------------------------------------------------


def render_markdown(report: dict[str, Any]) -> str:
    """The report as Markdown, to file with the minutes."""
    lines = ["# Redaction record", "", *[f"- {fact}" for fact in _run_facts(report)], ""]
    for entry in report["files"]:
        lines += [f"## {Path(entry['input']).name}", ""]
        if entry["status"] == "refused":
            lines += [f"Refused, nothing written: {entry['reason']}", ""]
            continue
        lines += [*[f"- {fact}" for fact in _file_facts(entry)], ""]
        if entry["categories"]:
            lines += ["| Removed | Count | Why | Legal basis |", "|---|---|---|---|"]
            lines += [
                f"| {_cell(c['what'])} | {c['count']} | {_cell(c['reason'])} | "
                f"{_cell(c['basis'])} |"
                for c in entry["categories"]
            ]
            lines.append("")
        else:
            lines += ["Nothing was removed.", ""]
        for title, items in _lists(entry):
            lines += [f"{title}:", "", *[f"- {_cell(item)}" for item in items], ""]
    return "\n".join(lines)


def render_html(report: dict[str, Any]) -> str:
    """The report as a standalone HTML page (no scripts, no links out)."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>Redaction record</title>',
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em;"
        "text-align:left;vertical-align:top}code{font-size:.85em}</style></head><body>",
        "<h1>Redaction record</h1><ul>",
        *[_li(fact) for fact in _run_facts(report)],
        "</ul>",
    ]
    for entry in report["files"]:
        out.append(f"<h2>{_e(Path(entry['input']).name)}</h2>")
        if entry["status"] == "refused":
            out.append(f"<p>Refused, nothing written: {_e(entry['reason'])}</p>")
            continue
        out += ["<ul>", *[_li(fact) for fact in _file_facts(entry)], "</ul>"]
        if entry["categories"]:
            out.append("<table><tr><th>Removed</th><th>Count</th><th>Why</th>")
            out.append("<th>Legal basis</th></tr>")
            out += [
                f"<tr><td>{_e(c['what'])}</td><td>{c['count']}</td><td>{_e(c['reason'])}</td>"
                f"<td>{_e(c['basis'])}</td></tr>"
                for c in entry["categories"]
            ]
            out.append("</table>")
        else:
            out.append("<p>Nothing was removed.</p>")
        for title, items in _lists(entry):
            out += [f"<h3>{title}</h3><ul>", *[_li(item) for item in items], "</ul>"]
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _run_facts(report: dict[str, Any]) -> list[str]:
    """Who, when and with what: the lines at the top of the record."""
    return [
        f"Made: {report['created']}",
        f"By: {report.get('operator') or 'not given'}",
        f"Tool: redactor {report['version']}, language model {report['model']}",
        f"Command: {report['command']}, profile {report['options']['profile']}, "
        f"style {report['options']['style']}",
        f"Files: {report['summary']['processed']} processed, "
        f"{report['summary']['refused']} refused",
        "Lists read: "
        + (
            "; ".join(
                f"{item['file']} ({item['people']} people, {item['values']} other values)"
                for item in report["options"].get("lists", [])
            )
            or "none"
        ),
        *_review_facts(report),
    ]


def _review_facts(report: dict[str, Any]) -> list[str]:
    """What a person decided in review, for the top of the record: counts and reasons."""
    review = report.get("review")
    if not review:
        return []
    totals: Counter[str] = Counter()
    for document in review["documents"]:
        for action, kinds in document["counts"].items():
            totals[action] += sum(kinds.values())
    kept = sum(d["kept_everywhere"] for d in review["documents"])
    reasons = sorted({r for d in review["documents"] for r in d["reasons"]})
    return [
        f"Reviewed by: {', '.join(review['reviewed_by']) or 'not given'}, "
        f"{review['first_decision'] or 'no decisions'} to {review['last_decision'] or '-'}",
        f"Review decisions: {totals['accept']} accepted, {totals['reject']} rejected, "
        f"{totals['add']} added, {kept} kept everywhere"
        + (f"; reasons given: {'; '.join(reasons)}" if reasons else ""),
    ]


def _file_facts(entry: dict[str, Any]) -> list[str]:
    return [
        f"Status: {entry['status']}",
        f"Input SHA-256: {entry['sha256_input']}",
        f"Output SHA-256: {entry['sha256_output'] or 'no output written'}",
    ]


def _lists(entry: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """The file's titled lists that have anything in them: sections, hidden content,
    items to review.
    """
    lists = [
        (
            "Part 2 sections removed",
            [f"{s['heading']} ({s['where']})" for s in entry["sections_removed"]],
        ),
        (
            "Hidden content removed",
            [f"{r['kind']}: {r['where']} ({r['count']})" for r in entry["removed"]],
        ),
        ("For a person to review", [_review_line(r) for r in entry["review"]]),
    ]
    return [(title, items) for title, items in lists if items]


def _review_line(item: dict[str, Any]) -> str:
    # Type, place and why only: the masked preview stays in the JSON, not in the record.
    note = f": {item['note']}" if item.get("note") else ""
    return f"{item['type']} at {item['where']}{note}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _e(text: str) -> str:
    return html.escape(str(text))


def _li(text: str) -> str:
    return f"<li>{_e(text)}</li>"
