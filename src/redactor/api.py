"""The library API: everything the CLI does, reachable from Python.

    from redactor import Redactor, Config
    redactor = Redactor(Config())
    redacted = redactor.redact_text("Olivia Smith's mum rang on 07700 900123.")
    batch = redactor.redact_paths([Path("notes")], Path("out"))

The model is loaded once per :class:`Redactor`; with ``jobs`` above 1, each
worker process loads it once.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from redactor.config import Config
from redactor.detection.engine import DetectionEngine
from redactor.errors import (
    ExitCode,
    FileRefused,
    InputNotFound,
    ProcessingFailed,
    UsageError,
)
from redactor.formats import HANDLERS
from redactor.formats.base import apply_edits
from redactor.formats.text import text_segments
from redactor.model import FileFailure, FileResult, Finding, Style
from redactor.pipeline import (
    Analysis,
    analyse,
    check_result,
    detect,
    keep_phrases,
    plan_edits,
    publish,
)
from redactor.safe_io import TEMP_PREFIX, check_output_location
from redactor.styles import PseudonymTable
from redactor.verify import verify_texts

Outcome = FileResult | FileFailure
# Files in a folder that are nobody's document: lock files, desktop clutter.
_IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})


@dataclass(frozen=True)
class Redaction:
    """The result of redacting one string."""

    text: str = field(repr=False)
    findings: tuple[Finding, ...]
    review: tuple[Finding, ...]


@dataclass(frozen=True)
class Job:
    """One input file and where its output goes."""

    source: Path
    dest: Path | None


@dataclass
class BatchResult:
    """All outcomes of a run, in input order."""

    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def results(self) -> list[FileResult]:
        """The files that were processed."""
        return [o for o in self.outcomes if isinstance(o, FileResult)]

    @property
    def failures(self) -> list[FileFailure]:
        """The files that were refused or failed."""
        return [o for o in self.outcomes if isinstance(o, FileFailure)]

    def exit_code(self, *, checking: bool) -> ExitCode:
        """3 if any file failed; for ``check``, 1 if anything was found; else 0."""
        if self.failures:
            return ExitCode.FILE_FAILED
        if checking and any(r.findings or r.review for r in self.results):
            return ExitCode.FOUND
        return ExitCode.OK


class Redactor:
    """Finds and removes personal data from text and files."""

    def __init__(self, config: Config | None = None, engine: DetectionEngine | None = None):
        self.config = config or Config()
        self._engine = engine

    @property
    def engine(self) -> DetectionEngine:
        """The detection engine, loaded on first use."""
        if self._engine is None:
            self._engine = DetectionEngine()
        return self._engine

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
        by_segment = {s.key: [e for e in edits if e.segment_key == s.key] for s in segments}
        redacted = "".join(apply_edits(s.text, by_segment[s.key]) for s in segments)
        verify_texts(
            [redacted],
            resolved.findings,
            keep_phrases(self.config),
            source="text",
            segments=segments,
            replacements={e.replacement for e in edits},
        )
        return Redaction(redacted, resolved.findings, resolved.review)

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
        return self._run(jobs_list, missing, jobs, on_done, _check_task)

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
        if self.config.style is not Style.PSEUDONYM:
            return self._run(jobs_list, missing, jobs, on_done, _redact_task, force)
        table = table if table is not None else PseudonymTable()
        analysed = self._run(jobs_list, missing, jobs, None, _check_task)
        second: list[tuple[Job, FileResult]] = []
        for job, outcome in zip([*missing, *jobs_list], analysed.outcomes, strict=True):
            if isinstance(outcome, FileResult):
                table.add_people(outcome.findings)
                second.append((job, outcome))
        published = self._run(
            [j for j, _ in second],
            [],
            jobs,
            on_done,
            _publish_task,
            force,
            table,
            [r for _, r in second],
        )
        merged = {o.source: o for o in published.outcomes}
        ordered = [merged.get(o.source, o) for o in analysed.outcomes]
        if on_done:
            for outcome in analysed.failures:
                on_done(outcome)
        return BatchResult(ordered)

    def _run(
        self,
        jobs_list: list[Job],
        missing: list[Job],
        jobs: int,
        on_done: Callable[[Outcome], None] | None,
        task: Callable[..., Outcome],
        *extra: object,
    ) -> BatchResult:
        outcomes: list[Outcome] = [
            FileFailure(j.source, "the file or folder does not exist", InputNotFound.__name__)
            for j in missing
        ]
        if on_done:
            for outcome in outcomes:
                on_done(outcome)
        per_job_extra = _split_per_job(extra, len(jobs_list))
        if jobs <= 1 or len(jobs_list) <= 1:
            for job, job_extra in zip(jobs_list, per_job_extra, strict=True):
                outcome = task(self, job, *job_extra)
                outcomes.append(outcome)
                if on_done:
                    on_done(outcome)
            return BatchResult(outcomes)
        results: dict[int, Outcome] = {}
        context = multiprocessing.get_context("spawn")
        # Check the model once here, so a damaged install stops the run before any worker starts.
        load_nlp_check()
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(self.config,)
        ) as pool:
            futures = {
                pool.submit(_worker_task, task, job, *job_extra): index
                for index, (job, job_extra) in enumerate(zip(jobs_list, per_job_extra, strict=True))
            }
            try:
                for future in concurrent.futures.as_completed(futures):
                    index = futures[future]
                    outcome = _outcome_of(future, jobs_list[index])
                    results[index] = outcome
                    if on_done:
                        on_done(outcome)
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
        outcomes += [results[i] for i in range(len(jobs_list))]
        return BatchResult(outcomes)


def _outcome_of(future: concurrent.futures.Future[Outcome], job: Job) -> Outcome:
    """A worker's outcome; a worker that died (out of memory, killed) fails only its file."""
    try:
        return future.result()
    except concurrent.futures.process.BrokenProcessPool:
        return FileFailure(
            job.source,
            "the worker process stopped unexpectedly (out of memory?); no output was written",
            ProcessingFailed.__name__,
        )


def plan_jobs(paths: Sequence[Path], outdir: Path | None) -> tuple[list[Job], list[Job]]:
    """Expand files and folders into jobs, mirroring each folder's tree under ``outdir``.

    Returns the jobs and, separately, the paths that do not exist.
    """
    jobs: list[Job] = []
    missing: list[Job] = []
    seen_dests: set[Path] = set()
    for given in paths:
        if not given.exists():
            missing.append(Job(given, None))
            continue
        for source, relative in _files_under(given):
            dest = outdir / relative if outdir is not None else None
            if dest is not None and dest in seen_dests:
                dest = dest.with_name(f"{dest.stem}.{len(seen_dests)}{dest.suffix}")
            if dest is not None:
                seen_dests.add(dest)
            jobs.append(Job(source, dest))
    return jobs, missing


def _files_under(given: Path) -> Iterator[tuple[Path, Path]]:
    if not given.is_dir():
        yield given, Path(given.name)
        return
    for source in sorted(given.rglob("*")):
        relative = source.relative_to(given)
        if source.is_dir() or _is_clutter(relative):
            continue
        yield source, relative


def _is_clutter(relative: Path) -> bool:
    name = relative.name
    return (
        any(part.startswith(".") for part in relative.parts)
        or name.startswith("~$")
        or name.startswith(TEMP_PREFIX)
        or name.lower() in _IGNORED_NAMES
    )


def supported_suffixes() -> list[str]:
    """File extensions redactor reads."""
    return sorted(HANDLERS)


# --- tasks: each turns a job into an outcome and never raises for one file ---


def _guarded(job: Job, work: Callable[[], FileResult]) -> Outcome:
    try:
        return work()
    except FileRefused as refused:
        return FileFailure(job.source, refused.reason, type(refused).__name__)
    except UsageError:
        raise
    except Exception as exc:  # noqa: BLE001 - one file's fault must not stop the batch
        return FileFailure(
            job.source,
            f"an unexpected problem ({type(exc).__name__}) stopped this file; "
            "no output was written",
            ProcessingFailed.__name__,
        )


def _check_task(redactor: Redactor, job: Job) -> Outcome:
    return _guarded(job, lambda: redactor.check_file(job.source))


def _redact_task(redactor: Redactor, job: Job, force: bool) -> Outcome:
    assert job.dest is not None
    dest = job.dest
    return _guarded(job, lambda: redactor.redact_file(job.source, dest, force=force))


def _publish_task(
    redactor: Redactor, job: Job, force: bool, table: PseudonymTable, first: FileResult
) -> Outcome:
    """Second pass of the pseudonym style: re-read the file and publish with the run's table."""
    assert job.dest is not None
    dest = job.dest

    def work() -> FileResult:
        analysis = analyse(job.source, redactor.engine, redactor.config)
        if analysis.sha256_in != first.sha256_in:
            raise FileRefused(job.source, "the file changed while it was being processed")
        return publish(
            _with_findings(analysis, first), dest, redactor.config, table=table, force=force
        )

    return _guarded(job, work)


def _with_findings(analysis: Analysis, first: FileResult) -> Analysis:
    return Analysis(
        analysis.handler, analysis.doc, first.findings, first.review, analysis.sha256_in
    )


def _split_per_job(extra: tuple[object, ...], count: int) -> list[tuple[object, ...]]:
    """Shared arguments go to every job; a trailing list gives each job its own item."""
    if extra and isinstance(extra[-1], list):
        shared, own = extra[:-1], extra[-1]
        return [(*shared, item) for item in own]
    return [extra] * count


_WORKER: Redactor | None = None


def _init_worker(config: Config) -> None:
    global _WORKER  # noqa: PLW0603 - one engine per worker process, loaded once
    _WORKER = Redactor(config)
    _WORKER.engine  # noqa: B018 - load the model now, not in the first task


def _worker_task(task: Callable[..., Outcome], job: Job, *extra: object) -> Outcome:
    assert _WORKER is not None
    return task(_WORKER, job, *extra)


def load_nlp_check() -> None:
    """Verify the model files without loading them (raises ModelIntegrityError)."""
    from redactor.detection.engine import manifest_entries, model_directory, verify_model

    verify_model(model_directory(), manifest_entries())
