"""A reviewer's decisions: what a person accepted, rejected and added, kept in a file
that holds no personal values and can be applied again to the same inputs.

The file (JSON, documented in docs/review.md) names each document by its input's
SHA-256 fingerprint and its path as reviewed. A decision names a finding by where it
stands (part, start, end), its kind, and a keyed hash of its words, never the words:
the key is derived from the input file's own bytes, so whoever holds the decisions
file without the document cannot test names against the hashes, and the same name
has unrelated hashes in two documents.

Applying decisions to a document whose input no longer has its fingerprint is refused
(:class:`DecisionsError`, exit 2): offsets into a changed file would redact the wrong
words.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from redactor.errors import DecisionsError
from redactor.model import Finding, Role, Segment
from redactor.safe_io import publish_atomically

FORMAT = "redactor-review-decisions"
VERSION = 1
ACTIONS = ("accept", "reject", "add")
REVIEW_RECOGNIZER = "review"
"""The recognizer name of a finding a person added."""
# The reasons a reviewer picks from (a typed reason is also allowed).
REASONS = (
    "Not personal data",
    "A member of staff or governor",
    "A public figure",
    "The school's own details",
    "Missed personal data",
    "Other",
)
_KEY_LABEL = b"redactor review decisions v1\0"
_MAX_REASON = 200


@dataclass(frozen=True)
class Decision:
    """One person's decision on one span of one document."""

    action: str
    part: str
    start: int
    end: int
    kind: str
    value: str
    """The keyed hash of the span's words (see :func:`value_hash`)."""
    reason: str = ""
    by: str = ""
    at: str = ""


@dataclass(frozen=True)
class KeepEverywhere:
    """A person to keep wherever their words stand in a document."""

    value: str
    reason: str = ""
    by: str = ""
    at: str = ""


@dataclass
class DocumentDecisions:
    """The decisions about one input."""

    name: str
    sha256: str
    decisions: list[Decision] = field(default_factory=list)
    keep_everywhere: list[KeepEverywhere] = field(default_factory=list)


@dataclass
class DecisionSet:
    """Everything one review decided, by input fingerprint."""

    reviewer: str = ""
    documents: dict[str, DocumentDecisions] = field(default_factory=dict)

    def for_input(self, sha256: str) -> DocumentDecisions | None:
        """The decisions about the input with this fingerprint, if any."""
        return self.documents.get(sha256)


# --- the keyed hash ---------------------------------------------------------------


def document_key(input_bytes: bytes) -> bytes:
    """The hash key for one document, derived from its own bytes (never stored)."""
    return hashlib.sha256(_KEY_LABEL + input_bytes).digest()


def value_hash(key: bytes, words: str) -> str:
    """The keyed hash of a span's words, whitespace and case folded."""
    normal = " ".join(words.split()).casefold()
    return hmac.new(key, normal.encode("utf-8"), hashlib.sha256).hexdigest()


# --- applying ------------------------------------------------------------------------


@dataclass(frozen=True)
class Applied:
    """A document's findings after its decisions."""

    findings: tuple[Finding, ...]
    review: tuple[Finding, ...]
    rejected_values: tuple[str, ...]
    """Words a person chose to keep: the verification allows them in the output."""


def apply_decisions(
    decided: DocumentDecisions,
    key: bytes,
    segments: Sequence[Segment],
    findings: Sequence[Finding],
    review: Sequence[Finding],
) -> Applied:
    """Remove the rejected findings, add the added ones; accepted ones stay as they are.

    A rejection or keep names a finding by its place and its words' hash; an addition
    must still find the same words at its place, or the decisions do not fit this
    document (refused: :class:`DecisionsError`).
    """
    texts = {s.key: s for s in segments}
    rejected = {
        (d.part, d.start, d.end, d.value) for d in decided.decisions if d.action == "reject"
    }
    keep = {k.value for k in decided.keep_everywhere}

    def wanted(finding: Finding) -> bool:
        digest = value_hash(key, finding.text)
        place = (finding.segment_key, finding.start, finding.end, digest)
        return place not in rejected and digest not in keep

    judged = [(f, wanted(f)) for f in (*findings, *review)]  # one hash per finding
    kept_findings = [f for f, keep_it in judged[: len(findings)] if keep_it]
    kept_review = [f for f, keep_it in judged[len(findings) :] if keep_it]
    dropped = [f for f, keep_it in judged if not keep_it]
    added = []
    for decision in (d for d in decided.decisions if d.action == "add"):
        segment = texts.get(decision.part)
        if segment is None or not 0 <= decision.start < decision.end <= len(segment.text):
            raise DecisionsError(
                f"the decisions for {decided.name} add a finding where the document has no "
                "such text; review it again"
            )
        words = segment.text[decision.start : decision.end]
        if value_hash(key, words) != decision.value:
            raise DecisionsError(
                f"the decisions for {decided.name} add words that are not in the document "
                "at that place; review it again"
            )
        added.append(
            Finding(
                segment_key=segment.key,
                start=decision.start,
                end=decision.end,
                entity_type=decision.kind,
                score=1.0,
                recognizer=REVIEW_RECOGNIZER,
                role=Role.OTHER,
                text=words,
                where=segment.where,
                note="added by a person in review",
            )
        )
    final = sorted([*kept_findings, *added], key=lambda f: (f.segment_key, f.start, f.end))
    return Applied(
        findings=tuple(final),
        review=tuple(kept_review),
        rejected_values=tuple(dict.fromkeys(f.text for f in dropped)),
    )


def summary(decisions: DecisionSet) -> dict[str, Any]:
    """What the audit record says of a review: counts per document and kind, and the
    reasons given; never a value or a hash.
    """
    documents = []
    for decided in decisions.documents.values():
        counts: dict[str, dict[str, int]] = {}
        for d in decided.decisions:
            counts.setdefault(d.action, {}).setdefault(d.kind, 0)
            counts[d.action][d.kind] += 1
        reasons = sorted(
            {d.reason for d in decided.decisions if d.reason}
            | {k.reason for k in decided.keep_everywhere if k.reason}
        )
        documents.append(
            {
                "name": decided.name,
                "sha256": decided.sha256,
                "counts": counts,
                "kept_everywhere": len(decided.keep_everywhere),
                "reasons": reasons,
            }
        )
    people = {d.by for doc in decisions.documents.values() for d in doc.decisions if d.by}
    times = sorted(d.at for doc in decisions.documents.values() for d in doc.decisions if d.at)
    return {
        "reviewer": decisions.reviewer,
        "reviewed_by": sorted(people | ({decisions.reviewer} - {""})),
        "first_decision": times[0] if times else None,
        "last_decision": times[-1] if times else None,
        "documents": documents,
    }


# --- the file --------------------------------------------------------------------------


def now() -> str:
    """The time of a decision, to the second, in UTC."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def save(decisions: DecisionSet, path: Path) -> None:
    """Write the decisions file atomically (a crash leaves the previous one whole)."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "reviewer": decisions.reviewer,
        "saved": now(),
        "documents": [
            {
                "name": d.name,
                "sha256": d.sha256,
                "decisions": [_decision_json(x) for x in d.decisions],
                "keep_everywhere": [
                    {"value": k.value, "reason": k.reason, "by": k.by, "at": k.at}
                    for k in d.keep_everywhere
                ],
            }
            for d in decisions.documents.values()
        ],
    }
    data = json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")
    publish_atomically(path, lambda temp: temp.write_bytes(data), force=True)


def load(path: Path) -> DecisionSet:
    """Read and check a decisions file; anything wrong is a :class:`DecisionsError`."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DecisionsError(f"the decisions file {path} does not exist") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise DecisionsError(
            f"the decisions file {path} cannot be read (it is damaged or not a decisions "
            "file); it was left as it is"
        ) from None
    try:
        return _parse(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise DecisionsError(
            f"the decisions file {path} is not one redactor can use ({exc}); it was left as it is"
        ) from None


def check_inputs(decisions: DecisionSet, inputs: Iterable[tuple[str, str]]) -> None:
    """Refuse decisions about inputs that changed or are not given: ``inputs`` holds
    (name as listed, SHA-256) of each input of the run.
    """
    given = dict(inputs)
    fingerprints = set(given.values())
    for decided in decisions.documents.values():
        if decided.sha256 in fingerprints:
            continue
        if decided.name in given:
            raise DecisionsError(
                f"{decided.name} has changed since it was reviewed, so the decisions about "
                "it no longer fit; review it again"
            )
        raise DecisionsError(
            f"the decisions name {decided.name}, which is not among the inputs; give the "
            "same files that were reviewed"
        )


def _decision_json(d: Decision) -> dict[str, Any]:
    return {
        "action": d.action,
        "part": d.part,
        "start": d.start,
        "end": d.end,
        "kind": d.kind,
        "value": d.value,
        "reason": d.reason,
        "by": d.by,
        "at": d.at,
    }


def _parse(raw: Any) -> DecisionSet:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ValueError("it does not say it is a redactor decisions file")
    if raw.get("version") != VERSION:
        raise ValueError(f"version {raw.get('version')!r}, expected {VERSION}")
    decisions = DecisionSet(reviewer=_text(raw.get("reviewer", ""), "reviewer"))
    for entry in raw["documents"]:
        sha = _text(entry["sha256"], "sha256")
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
            raise ValueError("a document's fingerprint is not a SHA-256")
        decided = DocumentDecisions(_text(entry["name"], "name"), sha)
        for item in entry.get("decisions", []):
            action = _text(item["action"], "action")
            if action not in ACTIONS:
                raise ValueError(f"unknown action {action!r}")
            start, end = item["start"], item["end"]
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
                raise ValueError("a decision's place is not a pair of offsets")
            decided.decisions.append(
                Decision(
                    action=action,
                    part=_text(item["part"], "part"),
                    start=start,
                    end=end,
                    kind=_text(item["kind"], "kind"),
                    value=_hash(item["value"]),
                    reason=_text(item.get("reason", ""), "reason")[:_MAX_REASON],
                    by=_text(item.get("by", ""), "by"),
                    at=_text(item.get("at", ""), "at"),
                )
            )
        for item in entry.get("keep_everywhere", []):
            decided.keep_everywhere.append(
                KeepEverywhere(
                    value=_hash(item["value"]),
                    reason=_text(item.get("reason", ""), "reason")[:_MAX_REASON],
                    by=_text(item.get("by", ""), "by"),
                    at=_text(item.get("at", ""), "at"),
                )
            )
        decisions.documents[sha] = decided
    return decisions


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} is not text")
    return value


def _hash(value: Any) -> str:
    text = _text(value, "value")
    if len(text) != 64 or any(c not in "0123456789abcdef" for c in text):
        raise ValueError("a value is not a keyed hash")
    return text


def with_decision(decided: DocumentDecisions, decision: Decision) -> DocumentDecisions:
    """The document's decisions with ``decision`` in place of any earlier one about the
    same span (a person may change their mind: the last word counts).
    """
    others = [
        d
        for d in decided.decisions
        if (d.part, d.start, d.end) != (decision.part, decision.start, decision.end)
    ]
    return replace(decided, decisions=[*others, decision])
