"""The per-file sequence, top to bottom.

1. pick the handler for the file type;
2. extract every text part (an unreadable part refuses the file);
3. detect, batching the segments through the language model;
4. resolve keep lists, overlaps, propagation and roles;
5. plan one edit per finding in the chosen style;
6. write to a temporary file, verify by re-reading it, publish atomically;
7. return the result: findings, removals and hashes (never the values in reports).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from redactor.config import Config
from redactor.detection.engine import DetectionEngine
from redactor.detection.recognizer_files import recognizer_dir
from redactor.detection.resolve import Resolved, resolve
from redactor.formats import handler_for
from redactor.formats.base import FormatHandler
from redactor.model import (
    Edit,
    ExtractedDocument,
    FileResult,
    Finding,
    Profile,
    Removal,
    Segment,
)
from redactor.safe_io import publish_atomically, sha256_file
from redactor.styles import PseudonymTable, replacement_for
from redactor.verify import verify_output


@dataclass(frozen=True)
class Analysis:
    """A file read and analysed, ready to be written."""

    handler: FormatHandler
    doc: ExtractedDocument = field(repr=False)
    findings: tuple[Finding, ...]
    review: tuple[Finding, ...]
    sha256_in: str


def analyse(path: Path, engine: DetectionEngine, config: Config) -> Analysis:
    """Steps 1 to 4: read the file and decide what must go."""
    handler = handler_for(path)
    doc = handler.extract(path, config)
    sha256_in = sha256_file(path)
    resolved = detect(doc.segments, engine, config)
    return Analysis(
        handler=handler,
        doc=doc,
        findings=_located(doc, resolved.findings),
        review=_located(doc, resolved.review),
        sha256_in=sha256_in,
    )


def detect(segments: Sequence[Segment], engine: DetectionEngine, config: Config) -> Resolved:
    """Steps 3 and 4: run every recognizer over the segments in one batch, then resolve."""
    detected = engine.analyse([segment.text for segment in segments])
    return resolve(
        segments,
        [d.findings for d in detected],
        keep_phrases=keep_phrases(config),
        score_threshold=config.score_threshold,
        review_threshold=config.review_threshold,
        proper_nouns=[d.proper_nouns for d in detected],
    )


def plan_edits(
    findings: Sequence[Finding], config: Config, table: PseudonymTable | None
) -> list[Edit]:
    """Step 5: one edit per finding."""
    return [
        Edit(f.segment_key, f.start, f.end, replacement_for(f, config.style, table))
        for f in findings
    ]


def publish(
    analysis: Analysis,
    dest: Path,
    config: Config,
    *,
    table: PseudonymTable | None = None,
    force: bool = False,
) -> FileResult:
    """Steps 5 to 7: write the redacted copy, verify it, move it into place."""
    edits = plan_edits(analysis.findings, config, table)
    removals: list[Removal] = []

    def write_and_verify(temp: Path) -> None:
        removals.extend(analysis.handler.write(analysis.doc, edits, temp))
        verify_output(
            analysis.handler,
            temp,
            analysis.doc,
            analysis.findings,
            keep_phrases(config),
            replacements={e.replacement for e in edits},
        )

    publish_atomically(dest, write_and_verify, force=force)
    return FileResult(
        source=analysis.doc.path,
        dest=dest,
        format=analysis.doc.format,
        findings=analysis.findings,
        review=analysis.review,
        removals=tuple(removals),
        sha256_in=analysis.sha256_in,
        sha256_out=sha256_file(dest),
    )


def check_result(analysis: Analysis) -> FileResult:
    """The result of ``check``: what was found, nothing written."""
    return FileResult(
        source=analysis.doc.path,
        dest=None,
        format=analysis.doc.format,
        findings=analysis.findings,
        review=analysis.review,
        removals=(),
        sha256_in=analysis.sha256_in,
        sha256_out=None,
    )


def keep_phrases(config: Config) -> tuple[str, ...]:
    """Everything the keep lists protect under this configuration's profile."""
    people = config.keep_people if config.profile is not Profile.STRICT else ()
    return (*builtin_keep_terms(), *config.keep_terms, *config.school.phrases(), *people)


@cache
def builtin_keep_terms() -> tuple[str, ...]:
    """The school-context terms shipped in ``recognizers/keep_terms.txt``."""
    lines = (recognizer_dir() / "keep_terms.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _located(doc: ExtractedDocument, findings: Sequence[Finding]) -> tuple[Finding, ...]:
    segments = {s.key: s for s in doc.segments}
    located = []
    for finding in findings:
        segment = segments[finding.segment_key]
        line = segment.line_at(finding.start)
        located.append(replace(finding, where=f"line {line}" if line else segment.where))
    return tuple(located)
