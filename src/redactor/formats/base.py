"""The interface every document format implements.

A handler turns a file into text segments, later writes the same file with
edits applied (dropping hidden content it cannot vouch for), and re-reads an
output independently for verification. Detection never sees the format.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Protocol

from redactor.config import Config
from redactor.model import Edit, ExtractedDocument, Removal
from redactor.records import Records

# Outputs that change type: a macro-enabled document loses its macros, so it is a .docx
# (or .xlsx); an Outlook message is written as an e-mail (.eml), which can be written
# faithfully.
OUTPUT_SUFFIXES = {".docm": ".docx", ".xlsm": ".xlsx", ".msg": ".eml"}


def output_name(path: Path) -> Path:
    """The name of the redacted copy of ``path`` (the same, unless its type changes)."""
    suffix = OUTPUT_SUFFIXES.get(path.suffix.lower())
    return path.with_suffix(suffix) if suffix else path


class FormatHandler(Protocol):
    """What a format module offers the pipeline."""

    name: str
    suffixes: tuple[str, ...]

    def extract(self, path: Path, config: Config) -> ExtractedDocument:
        """Read every text part of ``path``.

        Raise a FileRefused subclass if any part cannot be read.
        """
        ...

    def write(
        self, doc: ExtractedDocument, edits: Sequence[Edit], dest: Path
    ) -> tuple[Removal, ...]:
        """Write ``doc`` with ``edits`` applied to ``dest``; return the hidden content removed."""
        ...

    def reread(self, path: Path, doc: ExtractedDocument) -> list[str]:
        """Every text part of a written file, read without the code ``extract`` uses."""
        ...


def edits_by_segment(edits: Sequence[Edit]) -> Mapping[str, list[Edit]]:
    """The edits grouped by the segment they change, in their order."""
    return _EditsBySegment(edits)


class _EditsBySegment(Mapping[str, list[Edit]]):
    """Edits grouped by segment, each group made when it is asked for: a long document
    has an edit for each of its findings, held compactly until its segment is written.
    """

    def __init__(self, edits: Sequence[Edit]) -> None:
        self._edits = edits
        self._places: dict[str, array[int]] = {}  # each segment's edits, by number
        if isinstance(edits, Records):
            keys: Iterable[str] = (key for (key,) in edits.fields("segment_key"))
        else:
            keys = (edit.segment_key for edit in edits)
        for number, key in enumerate(keys):
            places = self._places.get(key)
            if places is None:
                places = self._places[key] = array("q")
            places.append(number)

    def __getitem__(self, key: str) -> list[Edit]:
        return [self._edits[number] for number in self._places[key]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits to one string (right to left, so offsets hold)."""
    ordered = sorted(edits, key=lambda e: e.start)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.start < before.end:
            raise ValueError("edits overlap; resolve them before writing")
    for edit in reversed(ordered):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def distribute_edits(pieces: Sequence[str], edits: Sequence[Edit]) -> list[str]:
    """Apply edits to a text split into pieces (the runs of rich text), offsets counted
    over the pieces joined: each replacement goes into the first piece its match
    touches, keeping that piece's formatting, and the rest of the match is cut from
    the pieces it spans.
    """
    spans = []
    offset = 0
    for piece in pieces:
        spans.append((offset, offset + len(piece)))
        offset += len(piece)
    texts = list(pieces)
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        placed = False
        for index, (start, end) in enumerate(spans):
            if end <= edit.start or start >= edit.end or start == end:
                continue
            local_start, local_end = max(edit.start, start) - start, min(edit.end, end) - start
            replacement = "" if placed else edit.replacement
            texts[index] = texts[index][:local_start] + replacement + texts[index][local_end:]
            placed = True
        if not placed:
            raise ValueError("an edit touches none of the pieces")
    return texts
