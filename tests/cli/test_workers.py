"""Parallel workers: a worker that dies fails its file with a reason, never the whole run."""

from __future__ import annotations

from redactor.api import Job, Redactor
from redactor.model import FileFailure
from tests.fakes.tasks import dies_on_poison


def test_a_dead_worker_fails_its_file_with_a_plain_reason(tmp_path):
    paths = []
    for name in ("a.txt", "poison.txt"):
        path = tmp_path / name
        path.write_text("Olivia Smith (Year 4) was late.\n", encoding="utf-8")
        paths.append(path)
    batch = Redactor()._run([Job(p, None) for p in paths], [], 2, None, dies_on_poison)
    by_name = {o.source.name: o for o in batch.outcomes}
    poisoned = by_name["poison.txt"]
    assert isinstance(poisoned, FileFailure)
    assert "worker process stopped unexpectedly" in poisoned.reason
    assert len(batch.outcomes) == 2
