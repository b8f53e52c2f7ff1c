"""Throughput of redactor against vanilla Presidio, on generated school notes.

    .venv/bin/python bench/throughput.py            # 500 notes
    .venv/bin/python bench/throughput.py --quick    # 60 notes, a smoke check

Speed is measured here, never in a unit test. What is timed:

* model load: ``DetectionEngine()`` including the SHA-256 check of the model files;
* vanilla Presidio: ``BatchAnalyzerEngine`` over an ``AnalyzerEngine`` with Presidio's
  default recognizers and the same spaCy model (full pipeline, as Presidio loads it),
  detection only;
* redactor check: ``Redactor.check_paths`` on the same notes as files, one job:
  read, detect, resolve (no writing) - the like-for-like comparison with vanilla;
* redactor redact: ``Redactor.redact_paths`` with 1 and 2 jobs: read, detect, resolve,
  write, verify by re-reading, publish. With 2 jobs the timed run includes starting the
  worker processes (on Linux they are forked from the process that already holds the
  model); the start-up is also timed on its own, and the figure "excluding start-up"
  subtracts it.

Nothing here touches the network: sockets are blocked and attempts counted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import generate_notes  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "throughput.json"
ATTEMPTS: list[str] = []


def block_network() -> None:
    """Refuse and count every attempt to open a connection."""

    def refuse(name: str) -> Any:
        def blocked(*args: object, **kwargs: object) -> None:
            ATTEMPTS.append(name)
            raise OSError(f"network blocked in the benchmark ({name})")

        return blocked

    socket.socket.connect = refuse("connect")  # type: ignore[method-assign]
    socket.getaddrinfo = refuse("getaddrinfo")  # type: ignore[assignment]
    socket.create_connection = refuse("create_connection")  # type: ignore[assignment]


def vanilla_presidio(model_dir: Path) -> tuple[Any, int]:
    """Presidio as it comes: default recognizers, full spaCy pipeline, same model files."""
    import spacy
    import tldextract
    from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers.generic import email_recognizer

    # Presidio's email check fetches the public suffix list unless told otherwise.
    email_recognizer.tldextract = _OfflineTld(tldextract)  # type: ignore[attr-defined]
    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": str(model_dir)}])
    engine.nlp = {"en": spacy.load(model_dir)}
    analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
    return BatchAnalyzerEngine(analyzer_engine=analyzer), len(analyzer.get_recognizers("en"))


class _OfflineTld:
    def __init__(self, module: Any) -> None:
        self._extract = module.TLDExtract(suffix_list_urls=(), cache_dir=None)

    def extract(self, text: str) -> Any:
        return self._extract(text)


def worker_start_up(redactor: Any, jobs: int) -> float:
    """Seconds to start ``jobs`` workers that are ready to take files, as a batch does."""
    started = time.perf_counter()
    with redactor.workers(jobs):
        return time.perf_counter() - started


def _steady_rate(finished: list[float], notes: list[str]) -> float:
    """Words per second between the end of the first chunk and the last file: the rate
    once every worker is running, start-up excluded."""
    from redactor.batch import CHUNK_FILES

    first = min(len(finished), CHUNK_FILES)
    if len(finished) <= first:
        return float("nan")
    words = sum(len(n.split()) for n in notes[first:])
    return words / (finished[-1] - finished[first - 1])


def rate(words: int, docs: int, seconds: float) -> dict[str, float]:
    return {
        "seconds": round(seconds, 2),
        "words_per_s": round(words / seconds),
        "docs_per_s": round(docs / seconds, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--quick", action="store_true", help="60 notes")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    docs = 60 if args.quick else args.docs
    block_network()

    from redactor.api import Redactor
    from redactor.detection.engine import DetectionEngine, model_directory

    notes = generate_notes(docs, args.seed)
    words = sum(len(n.split()) for n in notes)
    root = Path(tempfile.mkdtemp(prefix="redactor-bench-"))
    folder = root / "notes"
    folder.mkdir()
    for index, note in enumerate(notes):
        (folder / f"note-{index:04d}.txt").write_text(note, encoding="utf-8")
    result: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "corpus": {"docs": docs, "words": words, "seed": args.seed},
    }
    print(f"{docs} generated notes, {words:,} words; {os.cpu_count()} CPUs", flush=True)

    started = time.perf_counter()
    engine = DetectionEngine()
    result["model_load_s"] = round(time.perf_counter() - started, 2)
    print(f"model load (with SHA-256 check): {result['model_load_s']} s", flush=True)
    redactor = Redactor(engine=engine)
    recognizers = len(engine.recognizer_names)

    batch, vanilla_count = vanilla_presidio(model_directory())
    started = time.perf_counter()
    list(batch.analyze_iterator(notes, language="en", batch_size=32))
    result["vanilla_presidio"] = rate(words, docs, time.perf_counter() - started)
    result["vanilla_presidio"]["recognizers"] = vanilla_count
    print(
        f"vanilla Presidio ({vanilla_count} recognizers): {result['vanilla_presidio']}", flush=True
    )

    started = time.perf_counter()
    checked = redactor.check_paths([folder])
    result["redactor_check_jobs1"] = rate(words, docs, time.perf_counter() - started)
    result["redactor_check_jobs1"]["recognizers"] = recognizers
    assert not checked.failures, [f.reason for f in checked.failures]
    print(
        f"redactor check, 1 job ({recognizers} recognizers): {result['redactor_check_jobs1']}",
        flush=True,
    )

    steady: dict[int, float] = {}
    for jobs in (1, 2):
        out = root / f"out-{jobs}"
        finished: list[float] = []
        started = time.perf_counter()
        done = redactor.redact_paths(
            [folder], out, jobs=jobs, on_done=lambda _, f=finished: f.append(time.perf_counter())
        )
        seconds = time.perf_counter() - started
        steady[jobs] = _steady_rate(finished, notes)
        assert not done.failures, [f.reason for f in done.failures]
        result[f"redactor_redact_jobs{jobs}"] = rate(words, docs, seconds)
        print(
            f"redactor redact, {jobs} job(s): {result[f'redactor_redact_jobs{jobs}']}", flush=True
        )
    start_up = worker_start_up(redactor, 2)
    result["worker_start_up_s"] = round(start_up, 2)
    jobs2 = result["redactor_redact_jobs2"]["seconds"]
    result["redactor_redact_jobs2_excluding_start_up"] = rate(words, docs, jobs2 - start_up)
    jobs1 = result["redactor_redact_jobs1"]["seconds"]
    result["ratios"] = {
        "check_jobs1_over_vanilla": round(
            result["redactor_check_jobs1"]["words_per_s"]
            / result["vanilla_presidio"]["words_per_s"],
            2,
        ),
        "redact_jobs2_over_jobs1": round(jobs1 / jobs2, 2),
        "redact_jobs2_over_jobs1_excluding_start_up": round(jobs1 / (jobs2 - start_up), 2),
        "redact_jobs2_over_jobs1_steady_state": round(steady[2] / steady[1], 2),
    }
    result["steady_words_per_s"] = {str(k): round(v) for k, v in steady.items()}
    result["network_attempts"] = len(ATTEMPTS)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    rows = [
        ("Vanilla Presidio, detection only", result["vanilla_presidio"]),
        ("redactor check (read, detect, resolve), 1 job", result["redactor_check_jobs1"]),
        ("redactor redact (… write, verify), 1 job", result["redactor_redact_jobs1"]),
        ("redactor redact, 2 jobs", result["redactor_redact_jobs2"]),
        (
            "redactor redact, 2 jobs, excluding worker start-up",
            result["redactor_redact_jobs2_excluding_start_up"],
        ),
    ]
    print(f"steady-state words/s once running: {result['steady_words_per_s']}")
    print("\n| Run | words/s | documents/s | seconds |\n|---|---|---|---|")
    for name, row in rows:
        print(f"| {name} | {row['words_per_s']:,} | {row['docs_per_s']} | {row['seconds']} |")
    print(
        f"\nModel load {result['model_load_s']} s; worker start-up {result['worker_start_up_s']} s;"
        f" ratios {result['ratios']}; network attempts: {result['network_attempts']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
