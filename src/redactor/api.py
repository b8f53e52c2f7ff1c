"""The library API: everything the CLI does, reachable from Python.

    from redactor import Redactor, Config
    redactor = Redactor(Config())
    redacted = redactor.redact_text("Olivia Smith's mum rang on 07700 900123.")
    batch = redactor.redact_paths([Path("notes")], Path("out"))

The model is loaded once per :class:`Redactor`. With ``jobs`` above 1 the files
go to worker processes; ``with redactor.workers(jobs):`` starts them once for
several batches (and before any thread of the caller's, such as a progress bar).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from redactor.batch import (
    Job,
    WorkerPool,
    check_chunk,
    missing_outcomes,
    plan_jobs,
    publish_chunk,
    redact_chunk,
    run_chunks,
)
from redactor.config import Config
from redactor.decisions import check_inputs, document_key
from redactor.detection.engine import DetectionEngine
from redactor.errors import FileRefused
from redactor.formats.base import apply_edits, edits_by_segment
from redactor.formats.text import text_segments
from redactor.model import FileFailure, FileResult, Finding, Segment, Style
from redactor.pipeline import (
    analyse,
    analyse_many,
    check_result,
    detect,
    plan_edits,
    publish,
)
from redactor.results import BatchResult, Outcome
from redactor.safe_io import check_output_location, sha256_file
from redactor.school_lists import SchoolLists, load_lists
from redactor.styles import PseudonymTable
from redactor.verify import verify_texts


@dataclass(frozen=True)
class Redaction:
    """The result of redacting one string."""

    text: str = field(repr=False)
    findings: tuple[Finding, ...]
    review: tuple[Finding, ...]


@dataclass(frozen=True)
class ReviewDocument:
    """One input as the rules left it, for a person to review (``Redactor.review``)."""

    name: str
    """The input's path as given (how the page and the decisions file name it)."""
    source: Path
    format: str
    parts: tuple[Segment, ...] = field(repr=False)
    findings: tuple[Finding, ...] = field(repr=False)
    """What the rules redact."""
    review: tuple[Finding, ...] = field(repr=False)
    """What the rules were unsure of (not redacted unless a person says so)."""
    sha256: str = ""
    key: bytes = field(default=b"", repr=False)
    """The document's key for the decisions file's hashes (never stored)."""


class Redactor:
    """Finds and removes personal data from text and files."""

    def __init__(
        self,
        config: Config | None = None,
        engine: DetectionEngine | None = None,
        lists: SchoolLists | None = None,
    ):
        config = config or Config()
        # The lists are read now (unless already read: ``lists``), so one that cannot be
        # used stops the run before any work.
        self.lists = lists if lists is not None else load_lists(config)
        self.config = (
            replace(
                config,
                keep_people=tuple(dict.fromkeys((*config.keep_people, *self.lists.keep_people))),
                keep_when_named=tuple(
                    dict.fromkeys((*config.keep_when_named, *self.lists.keep_when_named))
                ),
            )
            if self.lists.keep_people or self.lists.keep_when_named
            else config
        )
        self._engine = engine
        self._pool: WorkerPool | None = None

    @property
    def engine(self) -> DetectionEngine:
        """The detection engine, loaded on first use."""
        if self._engine is None:
            self._engine = DetectionEngine(roster=self.lists.roster)
        return self._engine

    @contextmanager
    def workers(self, jobs: int) -> Iterator[None]:
        """Inside the block, batches with this many ``jobs`` use one set of workers,
        started on entry. With one job, the model is loaded on entry instead.
        """
        if jobs <= 1 or self._pool is not None:
            self.engine  # noqa: B018 - load now, so later timing measures the files
            yield
            return
        with WorkerPool(self, jobs) as pool:
            self._pool = pool
            try:
                yield
            finally:
                self._pool = None

    @contextmanager
    def _pool_for(self, jobs: int) -> Iterator[WorkerPool | None]:
        """The pool for one batch: the one already running, a new one, or none."""
        if jobs <= 1:
            yield None
        elif self._pool is not None:
            yield self._pool
        else:
            with WorkerPool(self, jobs) as pool:
                yield pool

    # --- strings ---------------------------------------------------------

    def redact_text(self, text: str, table: PseudonymTable | None = None) -> Redaction:
        """Redact one string with the configured style."""
        segments = text_segments(text)
        resolved = detect(segments, self.engine, self.config)
        if self.config.style is Style.PSEUDONYM and table is None:
            table = PseudonymTable()
        if table is not None:
            table.add_people(resolved.findings)
        edits = plan_edits(resolved.findings, self.config, table)
        by_segment = edits_by_segment(edits)
        redacted = "".join(apply_edits(s.text, by_segment.get(s.key, [])) for s in segments)
        verify_texts(
            [redacted],
            resolved.findings,
            resolved.keep_phrases,
            source="text",
            segments=segments,
            replacements={e.replacement for e in edits},
        )
        return Redaction(redacted, tuple(resolved.findings), resolved.review)

    # --- single files ----------------------------------------------------

    def check_file(self, path: Path) -> FileResult:
        """Find personal data in a file; write nothing."""
        return check_result(analyse(path, self.engine, self.config))

    def redact_file(
        self, path: Path, dest: Path, *, force: bool = False, table: PseudonymTable | None = None
    ) -> FileResult:
        """Write a verified redacted copy of ``path`` to ``dest``."""
        analysis = analyse(path, self.engine, self.config)
        if self.config.style is Style.PSEUDONYM:
            table = table if table is not None else PseudonymTable()
            table.add_people(analysis.findings)
        return publish(analysis, dest, self.config, table=table, force=force)

    # --- batches ---------------------------------------------------------

    def check_paths(
        self,
        paths: Sequence[Path],
        *,
        jobs: int = 1,
        on_done: Callable[[Outcome], None] | None = None,
    ) -> BatchResult:
        """Check every supported file under ``paths``."""
        jobs_list, missing = plan_jobs(paths, None)
        self._check_decisions(jobs_list)
        outcomes = missing_outcomes(missing)
        _report(outcomes, on_done)
        with self._pool_for(jobs) as pool:
            outcomes += run_chunks(self, jobs_list, check_chunk, pool=pool, on_done=on_done)
        return BatchResult(outcomes, self.lists.counts)

    def redact_paths(
        self,
        paths: Sequence[Path],
        outdir: Path,
        *,
        force: bool = False,
        jobs: int = 1,
        on_done: Callable[[Outcome], None] | None = None,
        table: PseudonymTable | None = None,
    ) -> BatchResult:
        """Redact every supported file under ``paths`` into ``outdir``, mirroring the tree.

        With the pseudonym style, files are analysed first and pseudonyms handed
        out in input order, so a person has the same pseudonym in every file
        whatever the number of jobs.
        """
        check_output_location(paths, outdir)
        jobs_list, missing = plan_jobs(paths, outdir)
        self._check_decisions(jobs_list)
        outcomes = missing_outcomes(missing)
        _report(outcomes, on_done)
        with self._pool_for(jobs) as pool:
            if self.config.style is not Style.PSEUDONYM:
                outcomes += run_chunks(
                    self, jobs_list, redact_chunk, pool=pool, on_done=on_done, shared=(force,)
                )
                return BatchResult(outcomes, self.lists.counts)
            table = table if table is not None else PseudonymTable()
            first = run_chunks(self, jobs_list, check_chunk, pool=pool, on_done=None)
            analysed = [
                (j, r) for j, r in zip(jobs_list, first, strict=True) if isinstance(r, FileResult)
            ]
            for _, result in analysed:
                table.add_people(result.findings)
            published = run_chunks(
                self,
                [j for j, _ in analysed],
                publish_chunk,
                pool=pool,
                on_done=on_done,
                shared=(force, table),
                per_job=[r for _, r in analysed],
            )
        by_source = {o.source: o for o in published}
        refused = [o for o in first if isinstance(o, FileFailure)]
        _report(list(refused), on_done)
        outcomes += [by_source.get(o.source, o) for o in first]
        return BatchResult(outcomes, self.lists.counts)

    # --- review ------------------------------------------------------------

    def review(self, paths: Sequence[Path]) -> list[ReviewDocument | FileFailure]:
        """Read and analyse every supported file under ``paths`` for a person to review
        (no decisions applied, nothing written); a file that cannot be read is its
        :class:`FileFailure`, as in a batch.
        """
        jobs_list, missing = plan_jobs(paths, None)
        undecided = replace(self.config, decisions=None)
        documents: list[ReviewDocument | FileFailure] = [
            o for o in missing_outcomes(missing) if isinstance(o, FileFailure)
        ]
        for job, analysis in zip(
            jobs_list,
            analyse_many([j.source for j in jobs_list], self.engine, undecided),
            strict=True,
        ):
            if isinstance(analysis, FileRefused):
                documents.append(FileFailure(job.source, analysis.reason, type(analysis).__name__))
                continue
            documents.append(
                ReviewDocument(
                    name=str(job.source),
                    source=job.source,
                    format=analysis.doc.format,
                    parts=analysis.doc.segments,
                    findings=tuple(analysis.findings),
                    review=analysis.review,
                    sha256=analysis.sha256_in,
                    key=document_key(job.source.read_bytes()),
                )
            )
        return documents

    def preview(self, document: ReviewDocument, findings: Sequence[Finding]) -> dict[str, str]:
        """Each part's text as the copy would read with these findings removed (labels)."""
        edits = plan_edits(findings, replace(self.config, style=Style.LABEL), None)
        return {
            part.key: apply_edits(part.text, [e for e in edits if e.segment_key == part.key])
            for part in document.parts
        }

    def _check_decisions(self, jobs_list: Sequence[Job]) -> None:
        """Refuse the run (exit 2) if review decisions are given for inputs that have
        changed since the review, or are not among these inputs.
        """
        if self.config.decisions is not None:
            check_inputs(
                self.config.decisions, ((str(j.source), sha256_file(j.source)) for j in jobs_list)
            )


def _report(outcomes: Sequence[Outcome], on_done: Callable[[Outcome], None] | None) -> None:
    if on_done is not None:
        for outcome in outcomes:
            on_done(outcome)
