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


def _releases_while_redacting(make_redactor, monkeypatch, tmp_path, text: str) -> int:
    from redactor import pipeline

    calls: list[None] = []
    monkeypatch.setattr(pipeline, "release_free_memory", lambda: calls.append(None))
    source = tmp_path / "note.txt"
    source.write_text(text, encoding="utf-8")
    make_redactor().redact_file(source, tmp_path / "out.txt")
    return len(calls)


def test_a_short_note_is_not_slowed_by_giving_memory_back(make_redactor, monkeypatch, tmp_path):
    # A batch of short notes would pay for it after every file (a tenth of their time).
    note = "Tansy Morwood (Y5) was absent on Monday; her mum rang at 9am.\n"
    assert _releases_while_redacting(make_redactor, monkeypatch, tmp_path, note) == 0


def test_a_document_longer_than_a_piece_gives_memory_back(make_redactor, monkeypatch, tmp_path):
    from redactor.progress import PIECE_SEGMENTS

    blocks = [f"Note {n}: Tansy Morwood (Y5) read well today." for n in range(PIECE_SEGMENTS + 5)]
    # After resolving and after writing it; between pieces only every so many.
    assert _releases_while_redacting(make_redactor, monkeypatch, tmp_path, "\n\n".join(blocks)) == 2
