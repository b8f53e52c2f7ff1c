"""Restore real names in a pseudonymised text file, for an authorised person."""

from __future__ import annotations

import re
from pathlib import Path

from redactor.config import Config
from redactor.formats.files import read_input_bytes
from redactor.safe_io import publish_atomically


def reveal_text(text: str, mapping: dict[str, str]) -> tuple[str, int]:
    """Replace each whole-word pseudonym with its original; return text and count."""
    if not mapping:
        return text, 0
    names = sorted(mapping, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, names)) + r")(?![\w])")
    count = 0

    def swap(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return mapping[match.group()]

    return pattern.sub(swap, text), count


def reveal_file(source: Path, dest: Path, mapping: dict[str, str], *, force: bool) -> int:
    """Write ``source`` with pseudonyms restored to ``dest``; return how many were restored."""
    text = read_input_bytes(source, Config()).decode("utf-8")
    restored, count = reveal_text(text, mapping)
    publish_atomically(dest, lambda temp: temp.write_text(restored, encoding="utf-8"), force=force)
    return count
