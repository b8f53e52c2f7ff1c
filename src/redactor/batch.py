"""Running many files: planning jobs, chunks through the model, worker processes.

Files are handled in chunks, so the model sees one batch of text for several
short notes at a time. With more than one job, each worker process loads the
model once and takes chunks in turn. Every file ends as an outcome (a result or
a refusal with its reason); a fault in one file never stops the others.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import queue
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from redactor.config import Config
from redactor.detection.engine import DetectionEngine
from redactor.detection.resolve import settled_short_forms
from redactor.errors import (
    DocumentTimedOut,
    FileRefused,
    InputNotFound,
    ProcessingFailed,
    UsageError,
)
from redactor.formats import output_name
from redactor.limits import time_limit
from redactor.model import FileFailure, FileResult
from redactor.pipeline import (
    Analysis,
    analyse_many,
    check_result,
    keep_phrases,
    open_document,
    publish,
)
from redactor.progress import listening, report
from redactor.results import Outcome
from redactor.safe_io import TEMP_PREFIX
from redactor.styles import PseudonymTable


class Worker(Protocol):
    """What a chunk task needs of the library's Redactor: its settings and its engine.

    A protocol, so that this module does not import the API that imports it.
    """

    config: Config

    @property
    def engine(self) -> DetectionEngine:
        """The loaded detection engine."""
        ...


# Files per chunk: enough for full batches through the model, few enough that a
# progress bar moves and two workers share the work evenly.
CHUNK_FILES = 8
# A file larger than this goes through the model alone (a long document fills batches
# by itself).
LARGE_FILE_BYTES = 256 * 1024
# How often, in seconds, progress from the workers is passed on while they work.
PROGRESS_EVERY_S = 0.2
# Files in a folder that are nobody's document: lock files, desktop clutter.
_IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})


@dataclass(frozen=True)
class Job:
    """One input file and where its output goes (None for ``check``)."""

    source: Path
    dest: Path | None


# A chunk task: (redactor, jobs of the chunk, one extra item per job, shared arguments)
ChunkTask = Callable[[Worker, list[Job], list[object], tuple[object, ...]], list[Outcome]]


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
            dest = output_name(outdir / relative) if outdir is not None else None
            if dest is not None and dest in seen_dests:
                dest = dest.with_name(f"{dest.stem}.{len(seen_dests)}{dest.suffix}")
            if dest is not None:
                seen_dests.add(dest)
            jobs.append(Job(source, dest))
    return jobs, missing


def missing_outcomes(missing: Sequence[Job]) -> list[Outcome]:
    """The refusal of each path that does not exist."""
    return [
        FileFailure(j.source, "the file or folder does not exist", InputNotFound.__name__)
        for j in missing
    ]


class WorkerPool:
    """Worker processes that each hold a loaded model, for the length of a ``with`` block.

    Where the system can fork (Linux), the model is loaded once here and each worker
    starts as a copy of this process, ready at once; otherwise each worker is a fresh
    process that imports redactor and loads the model itself, which takes seconds.
    Workers are started on entry, so a caller that enters the pool before starting
    other threads (a progress bar) never forks a threaded process. Progress inside a
    long file comes back from the workers on a queue and is reported here, so that
    whoever listens in this process hears it.
    """

    def __init__(self, redactor: Worker, jobs: int) -> None:
        self.redactor = redactor
        self.jobs = jobs
        self._executor: concurrent.futures.ProcessPoolExecutor | None = None
        self._progress: multiprocessing.Queue[tuple[Path, int, int]] | None = None

    def __enter__(self) -> WorkerPool:
        self._start()
        return self

    def _start(self) -> None:
        global _WORKER, _PROGRESS  # noqa: PLW0603 - what forked workers inherit
        if _can_fork():
            context = multiprocessing.get_context("fork")
            self._progress = _PROGRESS = context.Queue()
            _WORKER = self.redactor
            self.redactor.engine  # noqa: B018 - load once, here, for every worker
            self._executor = concurrent.futures.ProcessPoolExecutor(
                max_workers=self.jobs, mp_context=context
            )
            # The first task forks every worker at once (ProcessPoolExecutor does so
            # for the fork method), now rather than while a progress bar runs.
            self._executor.submit(_ready).result()
        else:
            from redactor.detection.engine import manifest_entries, model_directory, verify_model

            # Check the model here, so a damaged install stops the run before any worker starts.
            verify_model(model_directory(), manifest_entries())
            spawning = multiprocessing.get_context("spawn")
            self._progress = spawning.Queue()
            self._executor = concurrent.futures.ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=spawning,
                initializer=_init_worker,
                initargs=(type(self.redactor), self.redactor.config, self._progress),
            )

    def __exit__(self, *exc_info: object) -> None:
        global _WORKER, _PROGRESS  # noqa: PLW0603
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        if self._progress is not None:
            self._progress.close()
            self._progress = None
        _WORKER = _PROGRESS = None

    def _relay_progress(self) -> None:
        """Report here what the workers said about the files they are in."""
        while self._progress is not None:
            try:
                path, done, total = self._progress.get_nowait()
            except queue.Empty:
                return
            report(path, done, total)

    def run(
        self,
        task: ChunkTask,
        chunks: list[tuple[list[Job], list[object]]],
        shared: tuple[object, ...],
        on_done: Callable[[Outcome], None] | None,
    ) -> list[Outcome]:
        """Run ``task`` on every chunk in the workers; outcomes in chunk order."""
        assert self._executor is not None, "enter the pool with 'with' first"
        try:
            self._executor.submit(_ready).result()
        except concurrent.futures.process.BrokenProcessPool:
            # A worker died in an earlier batch of this run; start afresh.
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._start()
        executor = self._executor
        futures = {
            executor.submit(_in_worker, task, chunk, chunk_items, shared): index
            for index, (chunk, chunk_items) in enumerate(chunks)
        }
        results: dict[int, list[Outcome]] = {}
        pending = set(futures)
        try:
            while pending:
                finished, pending = concurrent.futures.wait(
                    pending, PROGRESS_EVERY_S, concurrent.futures.FIRST_COMPLETED
                )
                self._relay_progress()
                for future in finished:
                    index = futures[future]
                    results[index] = _outcomes_of(future, chunks[index][0])
                    _report(results[index], on_done)
        except BaseException:
            for future in futures:
                future.cancel()
            raise
        return [outcome for index in range(len(chunks)) for outcome in results[index]]


def run_chunks(
    redactor: Worker,
    jobs_list: Sequence[Job],
    task: ChunkTask,
    *,
    pool: WorkerPool | None,
    on_done: Callable[[Outcome], None] | None,
    shared: tuple[object, ...] = (),
    per_job: Sequence[object] | None = None,
) -> list[Outcome]:
    """Run ``task`` over ``jobs_list`` in chunks, in this process or in the ``pool``.

    Outcomes come back in input order whatever the number of workers.
    """
    items: list[object] = list(per_job) if per_job is not None else [None] * len(jobs_list)
    chunks = _chunks(jobs_list, items)
    if pool is not None and len(chunks) > 1:
        return pool.run(task, chunks, shared, on_done)
    outcomes: list[Outcome] = []
    for chunk, chunk_items in chunks:
        done = task(redactor, chunk, chunk_items, shared)
        _report(done, on_done)
        outcomes += done
    return outcomes


def _chunks(jobs_list: Sequence[Job], items: list[object]) -> list[tuple[list[Job], list[object]]]:
    """Up to CHUNK_FILES files per chunk, in order; a large file is a chunk of its own, so
    that its time limit is its own and its neighbours never wait for it.
    """
    chunks: list[tuple[list[Job], list[object]]] = []
    open_chunk = False
    for job, item in zip(jobs_list, items, strict=True):
        large = _size(job.source) > LARGE_FILE_BYTES
        if large or not open_chunk or len(chunks[-1][0]) >= CHUNK_FILES:
            chunks.append(([], []))
        chunks[-1][0].append(job)
        chunks[-1][1].append(item)
        open_chunk = not large
    return chunks


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# --- chunk tasks (module level, so worker processes can import them) --------------------


def check_chunk(
    redactor: Worker, chunk: list[Job], items: list[object], shared: tuple[object, ...]
) -> list[Outcome]:
    """Analyse a chunk of files; write nothing."""
    outcomes = []
    for job, analysis in zip(chunk, _analyse(redactor, chunk), strict=True):

        def work(analysis: Analysis | FileRefused = analysis) -> FileResult:
            return check_result(_or_raise(analysis))

        outcomes.append(_guarded(job, work))
    return outcomes


def redact_chunk(
    redactor: Worker, chunk: list[Job], items: list[object], shared: tuple[object, ...]
) -> list[Outcome]:
    """Analyse a chunk of files and publish each verified copy. ``shared`` is ``(force,)``."""
    (force,) = shared
    outcomes = []
    for job, analysis in zip(chunk, _analyse(redactor, chunk), strict=True):
        assert job.dest is not None

        def work(analysis: Analysis | FileRefused = analysis, dest: Path = job.dest) -> FileResult:
            return publish(_or_raise(analysis), dest, redactor.config, force=bool(force))

        outcomes.append(_guarded(job, work))
    return outcomes


def publish_chunk(
    redactor: Worker, chunk: list[Job], items: list[object], shared: tuple[object, ...]
) -> list[Outcome]:
    """Second pass of the pseudonym style: re-read each file and publish it with the
    findings of the first pass and the run's pseudonym table. ``shared`` is
    ``(force, table)``; each item is the file's first-pass result.
    """
    force, table = shared
    assert isinstance(table, PseudonymTable)
    outcomes = []
    for job, first in zip(chunk, items, strict=True):
        assert job.dest is not None and isinstance(first, FileResult)

        def work(job: Job = job, first: FileResult = first) -> FileResult:
            assert job.dest is not None
            opened = open_document(job.source, redactor.config)
            if opened.sha256_in != first.sha256_in:
                raise FileRefused(job.source, "the file changed while it was being processed")
            analysis = Analysis(
                opened.handler,
                opened.doc,
                first.findings,
                first.review,
                opened.sha256_in,
                keep=(
                    *keep_phrases(redactor.config),
                    *settled_short_forms(
                        opened.doc.segments,
                        [(f.recognizer, f.role.value, f.text) for f in first.findings],
                        redactor.config.keep_when_named,
                    ),
                    *first.reviewed_keep,
                ),
            )
            return publish(analysis, job.dest, redactor.config, table=table, force=bool(force))

        outcomes.append(_guarded(job, work))
    return outcomes


def _analyse(redactor: Worker, chunk: list[Job]) -> list[Analysis | FileRefused]:
    """One batch for the chunk, under the files' time limits added together; if the
    batch fails or runs out of time, each file alone under its own limit, so one bad or
    slow file cannot take its neighbours down with it.
    """
    config = redactor.config
    sources = [j.source for j in chunk]
    try:
        with time_limit(config.time_limit_s * len(chunk), chunk[0].source):
            return analyse_many(sources, redactor.engine, config)
    except UsageError:
        raise
    except DocumentTimedOut as timed_out:
        if len(chunk) == 1:
            return [timed_out]
    except Exception:  # noqa: BLE001 - isolate the file that caused it
        pass
    results: list[Analysis | FileRefused] = []
    for job in chunk:
        try:
            with time_limit(config.time_limit_s, job.source):
                results += analyse_many([job.source], redactor.engine, config)
        except UsageError:
            raise
        except FileRefused as refused:
            results.append(refused)
        except Exception as exc:  # noqa: BLE001
            results.append(_unexpected(job, exc))
    return results


def _or_raise(analysis: Analysis | FileRefused) -> Analysis:
    if isinstance(analysis, FileRefused):
        raise analysis
    return analysis


def _guarded(job: Job, work: Callable[[], FileResult]) -> Outcome:
    try:
        return work()
    except FileRefused as refused:
        return FileFailure(job.source, refused.reason, type(refused).__name__)
    except UsageError:
        raise
    except Exception as exc:  # noqa: BLE001 - one file's fault must not stop the batch
        failure = _unexpected(job, exc)
        return FileFailure(job.source, failure.reason, type(failure).__name__)


def _unexpected(job: Job, exc: Exception) -> ProcessingFailed:
    return ProcessingFailed(
        job.source,
        f"an unexpected problem ({type(exc).__name__}) stopped this file; no output was written",
    )


def _report(outcomes: list[Outcome], on_done: Callable[[Outcome], None] | None) -> None:
    if on_done is not None:
        for outcome in outcomes:
            on_done(outcome)


def _outcomes_of(
    future: concurrent.futures.Future[list[Outcome]], chunk: list[Job]
) -> list[Outcome]:
    """A worker's outcomes; a worker that died (out of memory, killed) fails only its chunk."""
    try:
        return future.result()
    except concurrent.futures.process.BrokenProcessPool:
        return [
            FileFailure(
                job.source,
                "the worker process stopped unexpectedly (out of memory?); no output was written",
                ProcessingFailed.__name__,
            )
            for job in chunk
        ]


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


_WORKER: Worker | None = None
# Where a worker process sends (file, segments done, segments in all) as it goes.
_PROGRESS: multiprocessing.Queue[tuple[Path, int, int]] | None = None


def _can_fork() -> bool:
    """Fork is fast and safe enough on Linux; macOS and Windows start fresh processes."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _ready() -> None:
    """A task that does nothing: sent once to make the pool start its workers."""


def _init_worker(
    make: Callable[[Config], Worker],
    config: Config,
    progress: multiprocessing.Queue[tuple[Path, int, int]],
) -> None:
    global _WORKER, _PROGRESS  # noqa: PLW0603 - one engine per worker process, loaded once
    _WORKER = make(config)
    _PROGRESS = progress
    _WORKER.engine  # noqa: B018 - load the model now, not in the first task


def _in_worker(
    task: ChunkTask, chunk: list[Job], items: list[object], shared: tuple[object, ...]
) -> list[Outcome]:
    assert _WORKER is not None and _PROGRESS is not None  # set for every worker on start
    progress = _PROGRESS
    with listening(lambda path, done, total: progress.put((path, done, total))):
        return task(_WORKER, chunk, items, shared)
