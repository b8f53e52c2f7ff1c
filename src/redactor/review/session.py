"""One review: the documents as the rules left them, a person's decisions about them,
and the copies written when the person finishes. The web page (``server.py``) is a
face over this, as the CLI is over :mod:`redactor.api`; everything here goes through
the library API and the decisions module, never a format or detection module.

Offsets sent to the page are in UTF-16 code units, as JavaScript counts them; offsets
kept here and in the decisions file are Python's (code points).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from redactor.api import Redactor, ReviewDocument
from redactor.audit import category_of, load_reasons
from redactor.decisions import (
    REASONS,
    REVIEW_RECOGNIZER,
    Decision,
    DecisionSet,
    DocumentDecisions,
    KeepEverywhere,
    apply_decisions,
    check_inputs,
    now,
    save,
    value_hash,
    with_decision,
)
from redactor.decisions import load as load_decisions
from redactor.errors import UsageError
from redactor.model import FileFailure, FileResult, Finding, Role
from redactor.styles import PseudonymTable, label_for

DECISIONS_NAME = "decisions.json"
# The kinds a person may choose for words the rules missed, as the page shows them.
KINDS = (
    ("PERSON", "Name"),
    ("ADDRESS", "Address"),
    ("POSTCODE", "Postcode"),
    ("PHONE", "Phone number"),
    ("EMAIL", "E-mail address"),
    ("DOB", "Date of birth"),
    ("UPN", "Pupil number (UPN)"),
    ("ULN", "Learner number (ULN)"),
    ("NHS_NUMBER", "NHS number"),
)
_KIND_LABELS = dict(KINDS)
_LISTED = frozenset({"roster", "roster_near_match", REVIEW_RECOGNIZER})
_SECTION_PREFIX = "PART_2_SECTION"


class ReviewRequestError(UsageError):
    """A request from the page that cannot be carried out (shown on the page)."""


@dataclass(frozen=True)
class Item:
    """One finding as the page shows it."""

    id: str
    finding: Finding
    uncertain: bool
    """The rules were unsure: not removed unless the person accepts it."""
    attention: bool


class ReviewSession:
    """The state of one review; every method is safe to call from the server's threads."""

    def __init__(
        self,
        redactor: Redactor,
        paths: Sequence[Path],
        outdir: Path,
        *,
        reviewer: str = "",
        force: bool = False,
        table: PseudonymTable | None = None,
    ) -> None:
        self.redactor = redactor
        self.table = table
        """With the pseudonym style, the run's table (for a key file, if asked for)."""
        self.paths = list(paths)
        self.outdir = outdir
        self.reviewer = reviewer
        self.force = force
        self.decisions_path = outdir / DECISIONS_NAME
        self._lock = threading.Lock()
        self._reasons = load_reasons(redactor.config.reasons_file)
        self._has_export = redactor.lists.roster is not None
        found = redactor.review(self.paths)
        self.documents = [d for d in found if isinstance(d, ReviewDocument)]
        self.failures = [f for f in found if isinstance(f, FileFailure)]
        self.decisions = self._earlier_decisions()
        for document in self.documents:
            self.decisions.documents.setdefault(
                document.sha256, DocumentDecisions(document.name, document.sha256)
            )
        self._ids = {f"d{i}": d for i, d in enumerate(self.documents)}
        self.finished = False

    def _earlier_decisions(self) -> DecisionSet:
        """The decisions of an earlier, unfinished review of these files, to go on with;
        a damaged file or one about changed files stops here (exit 2), untouched.
        """
        if not self.decisions_path.exists():
            return DecisionSet(reviewer=self.reviewer)
        earlier = load_decisions(self.decisions_path)
        check_inputs(earlier, [(d.name, d.sha256) for d in self.documents])
        return replace(earlier, reviewer=self.reviewer or earlier.reviewer)

    # --- what the page reads ------------------------------------------------------

    def listing(self) -> dict[str, Any]:
        """The documents, those needing attention first, with their counts."""
        with self._lock:
            entries: list[dict[str, Any]] = []
            for doc_id, document in self._ids.items():
                items = self._items(document)
                statuses = self._statuses(document, items)
                entries.append(
                    {
                        "id": doc_id,
                        "name": document.name,
                        "format": document.format,
                        "counts": {
                            s: statuses.count(s)
                            for s in ("to_check", "accepted", "rejected", "added")
                        },
                        "attention": sum(
                            1
                            for item, status in zip(items, statuses, strict=True)
                            if item.attention and status == "to_check"
                        ),
                    }
                )
            entries.sort(key=lambda e: (e["attention"] == 0, int(e["id"][1:])))
            return {
                "reviewer": self.reviewer,
                "kinds": [{"kind": k, "label": label} for k, label in KINDS],
                "reasons": list(REASONS),
                "documents": entries,
                "refused": [{"name": str(f.source), "reason": f.reason} for f in self.failures],
            }

    def document(self, doc_id: str) -> dict[str, Any]:
        """One document: its parts, its findings with their status, and the preview."""
        with self._lock:
            return self._document_view(doc_id)

    # --- what the page changes --------------------------------------------------

    def decide(self, doc_id: str, request: dict[str, Any]) -> dict[str, Any]:
        """Accept, reject or add; saved at once. Returns the document as it now stands."""
        with self._lock:
            document = self._document(doc_id)
            action = request.get("action")
            reason = _reason(request.get("reason"))
            if action in ("accept", "reject"):
                item = self._item(document, request.get("finding"))
                finding = item.finding
                if item.uncertain and action == "accept":
                    action = "add"  # an uncertain item the person confirms is removed
                if finding.recognizer == REVIEW_RECOGNIZER and action == "accept":
                    action = "add"
                self._record(document, action, finding.segment_key, finding.start,
                             finding.end, finding.entity_type, finding.text, reason)  # fmt: skip
            elif action == "add":
                part, start, end = self._selection(document, request)
                kind = request.get("kind")
                if kind not in _KIND_LABELS:
                    raise ReviewRequestError("choose what kind of personal data the words are")
                words = _part(document, part).text[start:end]
                self._record(document, "add", part, start, end, kind, words, reason)
            else:
                raise ReviewRequestError("the page asked for something this review cannot do")
            view = self._document_view(doc_id)
            view["selected"] = self._selected_id(document, request)
            return view

    def keep_everywhere(self, doc_id: Any, finding_id: Any, reason: Any = None) -> int:
        """Keep this finding's words in every document of the run; how many findings
        that now keeps.
        """
        with self._lock:
            finding = self._item(self._document(doc_id), finding_id).finding
            words = finding.text
            chosen = _reason(reason) or "A member of staff or governor"
            kept = 0
            for document in self.documents:
                digest = value_hash(document.key, words)
                decided = self.decisions.documents[document.sha256]
                if any(k.value == digest for k in decided.keep_everywhere):
                    continue
                decided.keep_everywhere.append(KeepEverywhere(digest, chosen, self.reviewer, now()))
                kept += sum(
                    1 for f in document.findings if value_hash(document.key, f.text) == digest
                )
            self._save()
            return kept

    def finish(self) -> dict[str, Any]:
        """Write the copies exactly as ``redact --decisions`` would, and end the review."""
        with self._lock:
            if self.finished:
                raise ReviewRequestError("this review has already finished")
            self._save()
            config = replace(self.redactor.config, decisions=self.decisions)
            writer = Redactor(config, engine=self.redactor.engine, lists=self.redactor.lists)
            batch = writer.redact_paths(self.paths, self.outdir, force=self.force, table=self.table)
            self.finished = True
            self.batch = batch
            return {
                "written": [
                    {"name": str(r.source), "output": str(r.dest)}
                    for r in batch.outcomes
                    if isinstance(r, FileResult)
                ],
                "failed": [{"name": str(f.source), "reason": f.reason} for f in batch.failures],
            }

    # --- inside -----------------------------------------------------------------

    def _document(self, doc_id: Any) -> ReviewDocument:
        document = self._ids.get(doc_id) if isinstance(doc_id, str) else None
        if document is None:
            raise ReviewRequestError("there is no such document in this review")
        return document

    def _items(self, document: ReviewDocument) -> list[Item]:
        """The findings to show, without overlaps: a removed Part 2 section shows as one
        item (what is inside goes with it); an uncertain item over a found one only
        flags it; the person's additions last.
        """
        sections = [f for f in document.findings if f.entity_type.startswith(_SECTION_PREFIX)]
        shown: list[tuple[Finding, bool, bool]] = []
        for finding in document.findings:
            inside = any(
                s is not finding and _overlaps(s, finding) for s in sections
            ) and not finding.entity_type.startswith(_SECTION_PREFIX)
            if not inside:
                shown.append((finding, False, _needs_attention(finding, self._has_export)))
        for uncertain in document.review:
            over = [i for i, (f, _, _) in enumerate(shown) if _overlaps(f, uncertain)]
            for index in over:
                finding, _, _ = shown[index]
                shown[index] = (replace(finding, note=finding.note or uncertain.note), False, True)
            if not over:
                shown.append((uncertain, True, True))
        decided = self.decisions.documents[document.sha256]
        taken = {(f.segment_key, f.start, f.end) for f, _, _ in shown}
        for d in decided.decisions:
            if d.action == "add" and (d.part, d.start, d.end) not in taken:
                part = _part(document, d.part)
                added = Finding(d.part, d.start, d.end, d.kind, 1.0, REVIEW_RECOGNIZER,
                                Role.OTHER, part.text[d.start : d.end], part.where)  # fmt: skip
                shown.append((added, False, False))
        order = {p.key: i for i, p in enumerate(document.parts)}
        shown.sort(key=lambda s: (order.get(s[0].segment_key, 0), s[0].start, s[0].end))
        return [
            Item(f"f{i}", finding, uncertain, attention)
            for i, (finding, uncertain, attention) in enumerate(shown)
        ]

    def _item(self, document: ReviewDocument, finding_id: Any) -> Item:
        for item in self._items(document):
            if item.id == finding_id:
                return item
        raise ReviewRequestError("that finding is no longer in this document; reload the page")

    def _statuses(self, document: ReviewDocument, items: Sequence[Item]) -> list[str]:
        """Each item's status: the person's last decision about its place, or kept
        everywhere, or still to check.
        """
        decided = self.decisions.documents[document.sha256]
        kept = {k.value for k in decided.keep_everywhere}
        last = {(d.part, d.start, d.end): d.action for d in decided.decisions}
        statuses = []
        for item in items:
            f = item.finding
            action = last.get((f.segment_key, f.start, f.end))
            if value_hash(document.key, f.text) in kept:
                statuses.append("rejected")
            elif action is None:
                statuses.append("to_check")
            elif action == "add":
                added = f.recognizer == REVIEW_RECOGNIZER and not item.uncertain
                statuses.append("added" if added else "accepted")
            else:
                statuses.append("accepted" if action == "accept" else "rejected")
        return statuses

    def _document_view(self, doc_id: str) -> dict[str, Any]:
        document = self._document(doc_id)
        items = self._items(document)
        decided = self.decisions.documents[document.sha256]
        applied = apply_decisions(decided, document.key, document.parts, document.findings, ())
        preview = self.redactor.preview(document, applied.findings)
        units = {p.key: _Utf16(p.text) for p in document.parts}
        statuses = self._statuses(document, items)
        return {
            "id": doc_id,
            "name": document.name,
            "format": document.format,
            "parts": [{"key": p.key, "label": p.where, "text": p.text} for p in document.parts],
            "findings": [
                {
                    "id": item.id,
                    "part": item.finding.segment_key,
                    "start": units[item.finding.segment_key].of(item.finding.start),
                    "end": units[item.finding.segment_key].of(item.finding.end),
                    "kind": item.finding.entity_type,
                    "kind_label": _KIND_LABELS.get(
                        item.finding.entity_type, "Confidential section"
                    ),
                    "replacement": label_for(item.finding),
                    "reason": self._reason_for(item.finding),
                    "rule": item.finding.recognizer,
                    "note": item.finding.note
                    or (
                        "the rules were unsure: kept unless you accept it" if item.uncertain else ""
                    ),
                    "attention": item.attention,
                    "status": status,
                }
                for item, status in zip(items, statuses, strict=True)
            ],
            "preview": [{"key": key, "text": text} for key, text in preview.items()],
        }

    def _reason_for(self, finding: Finding) -> str:
        category = category_of(finding)
        if finding.recognizer == REVIEW_RECOGNIZER:
            return "added by a person in review"
        if category is None or category not in self._reasons:
            return ""
        return self._reasons[category].reason

    def _selection(self, document: ReviewDocument, request: dict[str, Any]) -> tuple[str, int, int]:
        part = request.get("part")
        start, end = request.get("start"), request.get("end")
        if not isinstance(part, str) or not isinstance(start, int) or not isinstance(end, int):
            raise ReviewRequestError("select the words to remove in the document first")
        text = _part(document, part).text
        units = _Utf16(text)
        first, last = units.index(start), units.index(end)
        if first is None or last is None or not 0 <= first < last <= len(text):
            raise ReviewRequestError("the selection is not inside one part of the document")
        while first < last and text[first].isspace():
            first += 1
        while last > first and text[last - 1].isspace():
            last -= 1
        if first == last:
            raise ReviewRequestError("the selection holds no words")
        for item in self._items(document):
            f = item.finding
            if f.segment_key == part and f.start < last and first < f.end:
                raise ReviewRequestError(
                    "those words overlap a finding already there: accept or reject that one"
                )
        return part, first, last

    def _selected_id(self, document: ReviewDocument, request: dict[str, Any]) -> str | None:
        if request.get("action") != "add":
            return request.get("finding") if isinstance(request.get("finding"), str) else None
        decided = self.decisions.documents[document.sha256]
        last = decided.decisions[-1] if decided.decisions else None
        for item in self._items(document):
            f = item.finding
            if last is not None and (f.segment_key, f.start, f.end) == (
                last.part,
                last.start,
                last.end,
            ):
                return item.id
        return None

    def _record(
        self,
        document: ReviewDocument,
        action: str,
        part: str,
        start: int,
        end: int,
        kind: str,
        words: str,
        reason: str,
    ) -> None:
        decision = Decision(
            action, part, start, end, kind, value_hash(document.key, words), reason,
            self.reviewer, now(),
        )  # fmt: skip
        decided = self.decisions.documents[document.sha256]
        self.decisions.documents[document.sha256] = with_decision(decided, decision)
        self._save()

    def _save(self) -> None:
        self.outdir.mkdir(parents=True, exist_ok=True)
        save(self.decisions, self.decisions_path)


def _part(document: ReviewDocument, key: str) -> Any:
    for part in document.parts:
        if part.key == key:
            return part
    raise ReviewRequestError("there is no such part in this document")


def _overlaps(a: Finding, b: Finding) -> bool:
    return a.segment_key == b.segment_key and a.start < b.end and b.start < a.end


def _needs_attention(finding: Finding, has_export: bool) -> bool:
    """A finding a person should look at first: one a rule overrode a keep list for, or,
    where the pupil export was given, a name that no list knows (the rules guessed).
    Without an export every name is a guess, and flagging them all would flag nothing.
    """
    if finding.note:
        return True
    return (
        has_export
        and finding.entity_type == "PERSON"
        and finding.recognizer.split("+")[0] not in _LISTED
    )


def _reason(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(value.split())[:200]


class _Utf16:
    """Offsets in a text as Python counts them (code points) and as JavaScript does
    (UTF-16 code units): they differ after a character outside the BMP (an emoji).
    """

    def __init__(self, text: str) -> None:
        self.units = [0]
        for char in text:
            self.units.append(self.units[-1] + (2 if ord(char) > 0xFFFF else 1))
        self.points = {unit: point for point, unit in enumerate(self.units)}

    def of(self, point: int) -> int:
        """JavaScript's offset for Python's."""
        return self.units[point]

    def index(self, unit: int) -> int | None:
        """Python's offset for JavaScript's (None inside a surrogate pair)."""
        return self.points.get(unit)
