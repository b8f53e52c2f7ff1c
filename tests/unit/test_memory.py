"""Freed memory goes back to the system between the steps of a long file (redactor/memory.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from redactor import memory
from redactor.memory import release_free_memory


def _resident_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or memory._malloc_trim() is None,
    reason="returning freed memory needs Linux with glibc's malloc_trim",
)
def test_memory_freed_between_live_objects_goes_back_to_the_system() -> None:
    # 80 MB in 4 kB blocks (the C allocator's heap, not Python's small-object pools); one
    # block in sixteen stays alive, so the freed memory lies between live blocks, where
    # freeing alone never returns it, as after a long document's pieces.
    blocks = [bytes(4000) + bytes([n % 256]) for n in range(20_000)]
    survivors = blocks[::16]
    del blocks
    before = _resident_mb()
    release_free_memory()
    assert _resident_mb() < before - 40
    assert len(survivors) == 1250  # alive to the end


def test_without_malloc_trim_nothing_happens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "_malloc_trim", lambda: None)
    release_free_memory()  # no error on a system whose C library has no such call
