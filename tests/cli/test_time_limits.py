"""The time limit per file holds in every step (reading, detection, resolution, writing,
verification): a file over it is refused with its reason and exit 3, the others of the
batch are done. No timing is asserted: slowness is simulated. SYNTHETIC notes.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from redactor.batch import CHUNK_FILES, LARGE_FILE_BYTES, Job, _chunks
from redactor.config import Config
from redactor.detection.engine import DetectionEngine
from redactor.errors import DocumentTimedOut, ExitCode
from redactor.limits import time_limit
from redactor.model import FileFailure, FileResult
from redactor.pipeline import open_document

SLOW = "This note is slow to analyse."


@pytest.fixture
def slow_detection(monkeypatch):
    """Detection that takes three seconds on any batch holding the slow note."""
    real = DetectionEngine.analyse

    def analyse(self, texts, *args, **kwargs):  # type: ignore[no-untyped-def]
        if any(SLOW in text for text in texts):
            time.sleep(3)
        return real(self, texts, *args, **kwargs)

    monkeypatch.setattr(DetectionEngine, "analyse", analyse)


def _notes(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("Tansy Morwood was late today.\n", encoding="utf-8")
    (folder / "slow.txt").write_text(f"{SLOW} Idris Pellow was late.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Call Hazel Quarrie on 07700 900123.\n", encoding="utf-8")
    return folder


def test_a_file_slow_to_detect_is_refused_and_the_others_are_done(
    make_redactor, tmp_path, slow_detection
):
    folder = _notes(tmp_path / "in")
    batch = make_redactor(time_limit_s=1).redact_paths([folder], tmp_path / "out")
    by_name = {o.source.name: o for o in batch.outcomes}
    assert isinstance(by_name["slow.txt"], FileFailure)
    assert by_name["slow.txt"].kind == "DocumentTimedOut"
    assert "took longer than 1 s" in by_name["slow.txt"].reason
    assert isinstance(by_name["a.txt"], FileResult) and isinstance(by_name["b.txt"], FileResult)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.txt", "b.txt"]


def test_the_cli_says_so_and_exits_3(run_cli, tmp_path, slow_detection):
    folder = _notes(tmp_path / "in")
    (tmp_path / "limits.toml").write_text("time_limit_s = 1\n", encoding="utf-8")
    result = run_cli("redact", folder, "-o", tmp_path / "out", "--config", tmp_path / "limits.toml")
    assert result.code == ExitCode.FILE_FAILED == 3
    assert "slow.txt" in result.err and "limit per file" in result.err
    assert (tmp_path / "out" / "a.txt").exists() and not (tmp_path / "out" / "slow.txt").exists()


def test_writing_gets_what_analysing_left(make_redactor, tmp_path):
    from dataclasses import replace

    from redactor.pipeline import analyse, publish

    source = tmp_path / "note.txt"
    source.write_text("Tansy Morwood was late today.\n", encoding="utf-8")
    redactor = make_redactor(time_limit_s=5)
    analysis = analyse(source, redactor.engine, redactor.config)
    spent = replace(analysis, seconds=5.5)
    with pytest.raises(DocumentTimedOut, match="longer than 5 s"):
        publish(spent, tmp_path / "out" / "note.txt", redactor.config)
    assert not (tmp_path / "out" / "note.txt").exists()


def test_a_limit_inside_another_does_not_lift_the_outer_one(tmp_path):
    with pytest.raises(DocumentTimedOut), time_limit(0.3, tmp_path):
        with time_limit(30, tmp_path):
            time.sleep(0.1)
        time.sleep(2)


def test_a_large_file_goes_through_the_model_alone(tmp_path):
    small = [tmp_path / f"{n}.txt" for n in range(CHUNK_FILES + 3)]
    for path in small:
        path.write_text("note\n", encoding="utf-8")
    large = tmp_path / "large.txt"
    large.write_bytes(b"x" * (LARGE_FILE_BYTES + 1))
    jobs = [Job(p, None) for p in [*small[:2], large, *small[2:]]]
    chunks = [[j.source.name for j in chunk] for chunk, _ in _chunks(jobs, [None] * len(jobs))]
    assert chunks[0] == ["0.txt", "1.txt"] and chunks[1] == ["large.txt"]
    assert [len(c) for c in chunks[2:]] == [CHUNK_FILES, 1]


def test_a_file_out_of_reach_of_its_limit_is_refused_at_once_and_the_others_are_done(
    make_redactor, tmp_path
):
    # 60,000 words need more than a second even at FASTEST_WORDS_PER_S: refused after
    # reading, before any detection (none of it was slowed here, and it would take a
    # minute); a note of 40,000 words is within reach and not refused by this rule.
    folder = _notes(tmp_path / "in")
    (folder / "long.txt").write_text("The class met Tansy. " * 15_000, encoding="utf-8")
    redactor = make_redactor(time_limit_s=1)
    read: list[str] = []
    real = redactor.engine.analyse

    def analyse(texts):  # type: ignore[no-untyped-def]
        read.extend(texts)
        return real(texts)

    redactor.engine.analyse = analyse  # type: ignore[method-assign]
    batch = redactor.redact_paths([folder], tmp_path / "out")
    by_name = {o.source.name: o for o in batch.outcomes}
    refused = by_name["long.txt"]
    assert isinstance(refused, FileFailure) and refused.kind == "DocumentTimedOut"
    assert "too long to finish within the time limit per file (1 s)" in refused.reason
    assert "60,000 words" in refused.reason
    assert any("Hazel Quarrie" in text for text in read)  # the other notes went through
    assert not any("The class met Tansy." in text for text in read)
    assert {"a.txt", "slow.txt", "b.txt"} <= {p.name for p in (tmp_path / "out").iterdir()}


def test_a_file_within_reach_of_its_limit_is_not_refused_for_its_length(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("The class met Tansy. " * 10_000, encoding="utf-8")
    opened = open_document(path, Config(time_limit_s=1))
    assert len(opened.doc.segments) >= 1
    path.write_text("The class met Tansy. " * 15_000, encoding="utf-8")
    with pytest.raises(DocumentTimedOut):
        open_document(path, Config(time_limit_s=1))
