"""Batch tasks that misbehave inside a worker process."""

from __future__ import annotations

import os

from redactor.api import Redactor
from redactor.batch import Job, check_chunk
from redactor.results import Outcome


def dies_on_poison(
    redactor: Redactor, chunk: list[Job], items: list[object], shared: tuple[object, ...]
) -> list[Outcome]:
    """Kill the whole worker process (as the out-of-memory killer would) on one file."""
    if any(job.source.name.startswith("poison") for job in chunk):
        os._exit(9)
    return check_chunk(redactor, chunk, items, shared)
