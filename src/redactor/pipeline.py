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

import itertools
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from redactor.config import Config
from redactor.decisions import apply_decisions, document_key
from redactor.detection.engine import Detected, DetectedSegments, DetectionEngine, RawFinding
from redactor.detection.locations import recognizer_dir
from redactor.detection.minutes import (
    SECTION,
    SECTION_TYPES,
    MinutesPlan,
    minutes_findings,
    plan_minutes,
)
from redactor.detection.resolve import Resolved, resolve
from redactor.detection.structure import labelled_cells, structure_findings
from redactor.errors import DocumentTimedOut, FileRefused, ProcessingFailed
from redactor.formats import handler_for
from redactor.formats.base import FormatHandler, apply_edits
from redactor.limits import time_limit, timed_out
from redactor.memory import release_free_memory
from redactor.model import (
    Edit,
    ExtractedDocument,
    FileResult,
    Finding,
    Profile,
    Removal,
    Segment,
    Style,
)
from redactor.progress import PIECE_CHARS, PIECE_SEGMENTS, report
from redactor.records import IndexedSequence, Records
from redactor.safe_io import publish_atomically, sha256_file
from redactor.styles import PseudonymTable, replacement_for
from redactor.verify import verify_output


@dataclass(frozen=True)
class Analysis:
    """A file read and analysed, ready to be written."""

    handler: FormatHandler
    doc: ExtractedDocument = field(repr=False)
    findings: Sequence[Finding]
    """Held compactly for a long document (redactor/records.py)."""
    review: tuple[Finding, ...]
    sha256_in: str
    keep: tuple[str, ...] = field(repr=False)
    """The keep phrases this document was resolved with (with the attendance, in minutes)."""
    reviewed_keep: tuple[str, ...] = field(default=(), repr=False)
    """Words a person chose to keep in review (also in ``keep``)."""
    seconds: float = 0.0
    """The time reading and analysing this file took (its share of a batch through the
    model): writing and verifying it get what is left of its time limit."""


def analyse(path: Path, engine: DetectionEngine, config: Config) -> Analysis:
    """Steps 1 to 4 for one file: read it and decide what must go."""
    (result,) = analyse_many([path], engine, config)
    if isinstance(result, FileRefused):
        raise result
    return result


def analyse_many(
    paths: Sequence[Path], engine: DetectionEngine, config: Config
) -> list[Analysis | FileRefused]:
    """Steps 1 to 4 for several files, with one batch through the model for all of them.

    A file that cannot be read becomes its :class:`FileRefused` in the list; the others
    go on. Batching across files lets the model work on full batches of short notes.
    """
    opened: list[Opened | FileRefused] = []
    seconds: dict[int, float] = {}
    for index, path in enumerate(paths):
        started = time.perf_counter()
        try:
            opened.append(open_document(path, config))
        except FileRefused as refused:
            opened.append(refused)
        seconds[index] = time.perf_counter() - started
    readable = [o for o in opened if isinstance(o, Opened)]
    # Lazily, so each file's detection is timed with it and a piece at a time is held.
    detected = _detect_in_pieces(readable, engine)
    results: list[Analysis | FileRefused] = []
    for index, item in enumerate(opened):
        if isinstance(item, FileRefused):
            results.append(item)
            continue
        started = time.perf_counter()
        own = DetectedSegments(next(detected) for _ in item.doc.segments)
        resolved = resolve_detected(item.doc.segments, own, config, engine.english_words)
        del own
        if _spans_pieces(item.doc):
            release_free_memory()
        analysis = Analysis(
            handler=item.handler,
            doc=item.doc,
            findings=_located(item.doc, resolved.findings),
            review=tuple(_located(item.doc, resolved.review)),
            sha256_in=item.sha256_in,
            keep=resolved.keep_phrases,
            seconds=seconds[index] + time.perf_counter() - started,
        )
        results.append(with_decisions(analysis, config))
    return results


def _detect_in_pieces(opened: Sequence[Opened], engine: DetectionEngine) -> Iterator[Detected]:
    """Every segment of the files through the model, a piece at a time, reporting each
    file's progress (segments done of its whole) as its pieces go through.
    """
    owners = [(o.doc.path, len(o.doc.segments)) for o in opened]
    texts = [s.text for o in opened for s in o.doc.segments]
    done_before = 0
    for number, (start, end) in enumerate(_pieces(texts), start=1):
        piece = engine.analyse(texts[start:end])
        if number % PIECES_BETWEEN_RELEASES == 0:
            release_free_memory()  # the pieces' model state, freed, goes back to the system
        offset = 0
        for path, count in owners:
            if offset < end and offset + count > done_before:
                report(path, min(end - offset, count), count)
            offset += count
        done_before = end
        yield from piece  # after the report: the last piece's results end the reading


# Giving memory back costs a few milliseconds a time (more, the more the process holds):
# after every file of a batch of short notes it cost a tenth of their time. So it is done
# for a document longer than one piece, and every so many pieces (about a megabyte of text).
PIECES_BETWEEN_RELEASES = 50


def _spans_pieces(doc: ExtractedDocument) -> bool:
    """Whether the document goes through the model in more than one piece."""
    segments = doc.segments
    return len(segments) > PIECE_SEGMENTS or sum(len(s.text) for s in segments) > PIECE_CHARS


def _pieces(texts: Sequence[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive pieces of at most PIECE_SEGMENTS texts and, unless one
    text alone is longer, PIECE_CHARS characters: the model's memory grows with the
    characters of a batch (a batch of long Word paragraphs took 800 MB).
    """
    start, size = 0, 0
    for index, text in enumerate(texts):
        if index > start and (index - start >= PIECE_SEGMENTS or size + len(text) > PIECE_CHARS):
            yield start, index
            start, size = index, 0
        size += len(text)
    if start < len(texts):
        yield start, len(texts)


def with_decisions(analysis: Analysis, config: Config) -> Analysis:
    """A person's review decisions about this input, if any, applied to its findings:
    the rejected ones go (their words may then stay in the output, so the verification
    allows them), the added ones join (docs/review.md).
    """
    decided = config.decisions.for_input(analysis.sha256_in) if config.decisions else None
    if decided is None:
        return analysis
    applied = apply_decisions(
        decided,
        document_key(analysis.doc.path.read_bytes()),
        analysis.doc.segments,
        analysis.findings,
        analysis.review,
    )
    return replace(
        analysis,
        findings=applied.findings,
        review=applied.review,
        keep=(*analysis.keep, *applied.rejected_values),
        reviewed_keep=applied.rejected_values,
    )


@dataclass(frozen=True)
class Opened:
    """Steps 1 and 2: a file's handler and extracted text."""

    handler: FormatHandler
    doc: ExtractedDocument = field(repr=False)
    sha256_in: str


def open_document(path: Path, config: Config) -> Opened:
    """Pick the handler and extract; any unexpected fault becomes a refusal of this file."""
    try:
        handler = handler_for(path)
        with time_limit(config.time_limit_s, path):
            doc = handler.extract(path, config)
        _refuse_if_out_of_reach(doc, config)
        return Opened(handler, doc, sha256_file(path))
    except FileRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - a reader's own exceptions stop at this boundary
        raise ProcessingFailed(
            path,
            f"an unexpected problem ({type(exc).__name__}) stopped this file while reading it; "
            "no output was written",
        ) from None


# Words a second that no computer running redactor reaches: ten times what a two-core
# laptop does (bench/throughput.py).
FASTEST_WORDS_PER_S = 50_000


def _refuse_if_out_of_reach(doc: ExtractedDocument, config: Config) -> None:
    """Refuse at once a file that could not be done within its time limit even at
    FASTEST_WORDS_PER_S, rather than after the limit has run out: the person waiting
    learns straight away, and the batch goes on.
    """
    words = sum(len(segment.text.split()) for segment in doc.segments)
    needed = words / FASTEST_WORDS_PER_S
    if needed > config.time_limit_s:
        raise DocumentTimedOut(
            doc.path,
            f"the file is too long to finish within the time limit per file "
            f"({config.time_limit_s:g} s): its {words:,} words need more than {needed:.0f} s "
            "even on a fast computer; no output was written",
        )


def detect(segments: Sequence[Segment], engine: DetectionEngine, config: Config) -> Resolved:
    """Steps 3 and 4: run every recognizer over the segments in one batch, then resolve."""
    detected = engine.analyse([s.text for s in segments])
    return resolve_detected(segments, detected, config, engine.english_words)


def resolve_detected(
    segments: Sequence[Segment],
    detected: Sequence[Detected],
    config: Config,
    ordinary_words: Collection[str] = (),
) -> Resolved:
    """The rest of step 3, then step 4. The candidates from the document's structure
    (tables read by their headers: detection/structure.py), which need the segments
    together; then one resolution under the precedence policy (keep lists, thresholds,
    overlaps, spreading, roles: docs/detection.md); in the minutes profile, also the
    Part 2 sections and the references to them (detection/minutes.py).
    ``ordinary_words``: English words in lower case (the engine's ``english_words``),
    which a name written in lower case is not spread to.
    """
    if not isinstance(detected, DetectedSegments):
        detected = DetectedSegments(detected)
    structure = zip(structure_findings(segments), labelled_cells(segments), strict=True)
    candidates = _Candidates(
        detected.findings,
        {
            index: [*table, *cells]
            for index, (table, cells) in enumerate(structure)
            if table or cells
        },
    )
    plan = plan_minutes(segments) if config.profile is Profile.MINUTES else None
    resolved = resolve(
        segments,
        candidates,
        keep_phrases=keep_phrases(config),
        score_threshold=config.score_threshold,
        review_threshold=config.review_threshold,
        proper_nouns=detected.proper_nouns,
        keep_when_named=config.keep_when_named,
        schools_own=lambda entity, value: schools_own(config, entity, value),
        ordinary_words=ordinary_words,
    )
    if plan is None:
        return resolved
    sections, uncertain = minutes_findings(plan)
    sections = [_with_heading(s, resolved.findings) for s in sections]
    return replace(
        resolved,
        findings=Records(Finding, itertools.chain(resolved.findings, sections)),
        review=(*resolved.review, *uncertain, *_unlisted_attendance(plan, resolved.findings)),
    )


class _Candidates(IndexedSequence[list[RawFinding]]):
    """Each segment's raw findings and those its table structure adds, read a segment
    at a time (a long document's are not all made into objects at once).
    """

    def __init__(self, found: Sequence[list[RawFinding]], added: dict[int, list[RawFinding]]):
        self._found = found
        self._added = added

    def __len__(self) -> int:
        return len(self._found)

    def _item(self, index: int) -> list[RawFinding]:
        return [*self._found[index], *self._added.get(index, ())]


UNLISTED_ATTENDANCE = (
    "named in the attendance but on no staff, governors or keep list: redacted; "
    "add them to a list if they should be published"
)


def _unlisted_attendance(plan: MinutesPlan, findings: Sequence[Finding]) -> list[Finding]:
    """Names redacted on an attendance line: kept lists decide, so a person looks."""
    flagged = []
    for line in plan.attendance_lines:
        flagged += [
            replace(f, note=UNLISTED_ATTENDANCE)
            for f in findings
            if f.entity_type == "PERSON"
            and f.segment_key == line.segment.key
            and line.start <= f.start < line.end
        ]
    return flagged


def plan_edits(
    findings: Sequence[Finding], config: Config, table: PseudonymTable | None
) -> Records[Edit]:
    """Step 5: one edit per finding; a finding inside a removed section goes with it.
    Held compactly (redactor/records.py): a long document has an edit per finding.
    """
    removed = [f for f in findings if f.entity_type in SECTION_TYPES]
    return Records(
        Edit,
        (
            Edit(f.segment_key, f.start, f.end, replacement_for(f, config.style, table))
            for f in findings
            if f.entity_type in SECTION_TYPES or not any(_overlap(f, r) for r in removed)
        ),
    )


def _overlap(a: Finding, b: Finding) -> bool:
    return a.segment_key == b.segment_key and a.start < b.end and b.start < a.end


def _with_heading(section: Finding, findings: Sequence[Finding]) -> Finding:
    """A section's first line, with the personal data in it replaced, for the report."""
    if section.entity_type != SECTION:
        return section
    heading = section.text.split("\n", 1)[0].strip()
    offset = section.start + section.text.index(heading) if heading else section.start
    inner = [
        Edit(f.segment_key, f.start - offset, f.end - offset, replacement_for(f, Style.LABEL, None))
        for f in findings
        if f.segment_key == section.segment_key
        and offset <= f.start
        and f.end <= offset + len(heading)
    ]
    return replace(section, summary=apply_edits(heading, inner))


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
        if _spans_pieces(analysis.doc):
            release_free_memory()  # what writing passed through, before verifying re-reads
        verify_output(
            analysis.handler,
            temp,
            analysis.doc,
            analysis.findings,
            analysis.keep,
            replacements={replacement for (replacement,) in edits.fields("replacement")},
        )

    # One limit for the whole file: writing and verifying get what reading and analysing
    # left of it.
    left = config.time_limit_s - analysis.seconds
    if left <= 0:
        raise timed_out(config.time_limit_s, analysis.doc.path)
    with time_limit(left, analysis.doc.path, limit_s=config.time_limit_s):
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
        reviewed_keep=analysis.reviewed_keep,
    )


def schools_own(config: Config, entity: str, value: str) -> bool:
    """Whether a found e-mail or phone is the school's own (docs/detection.md, rule 3)."""
    if entity == "EMAIL":
        return config.school.own_email(value)
    if entity == "PHONE":
        return config.school.own_phone(value)
    return False


def keep_phrases(config: Config) -> tuple[str, ...]:
    """Everything the keep lists protect under this configuration's profile."""
    people = config.keep_people if config.profile is not Profile.STRICT else ()
    return (*builtin_keep_terms(), *config.keep_terms, *config.school.phrases(), *people)


@cache
def builtin_keep_terms() -> tuple[str, ...]:
    """The school-context terms shipped in ``recognizers/keep_terms.txt``."""
    lines = (recognizer_dir() / "keep_terms.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _located(doc: ExtractedDocument, findings: Iterable[Finding]) -> Records[Finding]:
    segments = {s.key: s for s in doc.segments}
    labels: dict[int, str] = {}  # one "line 12" for all the findings on line 12
    located = Records(Finding)
    for finding in findings:
        if finding.where:
            located.append(finding)  # placed by its finder ("line 40 to line 52")
            continue
        segment = segments[finding.segment_key]
        line = segment.line_at(finding.start)
        where = labels.setdefault(line, f"line {line}") if line else segment.where
        located.append(replace(finding, where=where))
    return located
