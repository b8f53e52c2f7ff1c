"""Parallel workers: a worker that dies fails its files with a reason, never the whole run;
and the number of workers never changes the result."""

from __future__ import annotations

from redactor import batch
from redactor.batch import Job, WorkerPool, run_chunks
from redactor.model import FileFailure, FileResult
from tests.fakes.tasks import dies_on_poison


def _notes(tmp_path, names):
    paths = []
    for name in names:
        path = tmp_path / name
        path.write_text(f"{name}: Olivia Smith (Year 4) was late.\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_a_dead_worker_fails_its_files_with_a_plain_reason(tmp_path, make_redactor, monkeypatch):
    monkeypatch.setattr(batch, "CHUNK_FILES", 1)
    paths = _notes(tmp_path, ["a.txt", "poison.txt"])
    redactor = make_redactor()
    with WorkerPool(redactor, 2) as pool:
        outcomes = run_chunks(
            redactor, [Job(p, None) for p in paths], dies_on_poison, pool=pool, on_done=None
        )
    by_name = {o.source.name: o for o in outcomes}
    poisoned = by_name["poison.txt"]
    assert isinstance(poisoned, FileFailure)
    assert "worker process stopped unexpectedly" in poisoned.reason
    assert len(outcomes) == 2


def test_chunks_keep_input_order_and_isolate_a_bad_file(tmp_path, make_redactor, monkeypatch):
    monkeypatch.setattr(batch, "CHUNK_FILES", 3)
    paths = _notes(tmp_path, [f"n{i}.txt" for i in range(7)])
    paths[4].write_bytes(b"\x00\x01binary")
    result = make_redactor().check_paths(paths)
    assert [o.source for o in result.outcomes] == paths
    assert isinstance(result.outcomes[4], FileFailure)
    assert all(
        isinstance(o, FileResult) and o.findings for i, o in enumerate(result.outcomes) if i != 4
    )


def test_a_pool_whose_worker_died_serves_the_next_batch(tmp_path, make_redactor, monkeypatch):
    monkeypatch.setattr(batch, "CHUNK_FILES", 1)
    redactor = make_redactor()
    poisoned = _notes(tmp_path, ["a.txt", "poison.txt"])
    healthy = _notes(tmp_path, ["b.txt", "c.txt"])
    with WorkerPool(redactor, 2) as pool:
        run_chunks(
            redactor, [Job(p, None) for p in poisoned], dies_on_poison, pool=pool, on_done=None
        )
        outcomes = run_chunks(
            redactor, [Job(p, None) for p in healthy], dies_on_poison, pool=pool, on_done=None
        )
    assert all(isinstance(o, FileResult) and o.findings for o in outcomes)
