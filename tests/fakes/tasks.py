"""Batch tasks that misbehave inside a worker process."""

from __future__ import annotations

import os

from redactor.api import Job, Outcome, Redactor, _check_task


def dies_on_poison(redactor: Redactor, job: Job) -> Outcome:
    """Kill the whole worker process (as the out-of-memory killer would) on one file."""
    if job.source.name.startswith("poison"):
        os._exit(9)
    return _check_task(redactor, job)
