"""The data that flows through the pipeline. No logic beyond small derived views.

Values found in documents are personal data: they are kept out of ``repr`` so
that a traceback or a debug log cannot print them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


class Role(StrEnum):
    """Who a person in a document is, as far as redactor can tell."""

    PUPIL = "pupil"
    PARENT = "parent"
    STAFF = "staff"
    OTHER = "other"


class Style(StrEnum):
    """How a detected value is replaced."""

    LABEL = "label"
    PSEUDONYM = "pseudonym"
    BLACKOUT = "blackout"


class Profile(StrEnum):
    """Which people are kept: ``strict`` redacts every person, staff included."""

    BRIEFING = "briefing"
    MINUTES = "minutes"
    STRICT = "strict"


@dataclass(frozen=True, slots=True)
class Segment:
    """One piece of text from a document.

    ``key`` is opaque to everything but the format handler that made it;
    ``where`` is a human label for reports ("line 12", "header, section 1").
    """

    key: str
    where: str
    text: str = field(repr=False)
    first_line: int | None = None
    """Line number of the segment's first character, for formats that have lines."""
    in_body: bool = False
    """Part of the document's running text, in reading order (a page, a body paragraph,
    a block of lines): where agenda items and their sections are found."""
    outline: tuple[tuple[int, int], ...] = ()
    """(offset, level) of each line its source marks as a heading: Word's outline levels,
    0 for "Heading 1". Minutes use it where item numbers are not in the text."""
    cell: tuple[str, int, int] | None = None
    """For a table cell of its own (Word): (which table, row, column), so that a header
    cell can say what its column holds."""

    def line_at(self, offset: int) -> int | None:
        """The source line of ``text[offset]``, if this format has lines."""
        if self.first_line is None:
            return None
        return self.first_line + self.text.count("\n", 0, offset)


@dataclass(frozen=True)
class ExtractedDocument:
    """What a format handler read from a file."""

    path: Path
    format: str
    segments: tuple[Segment, ...]
    encoding: str = "utf-8"
    has_bom: bool = False
    state: Any = field(default=None, repr=False, compare=False)
    """What the format handler needs to write the file back (parsed parts, positions)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A piece of personal data found in a segment."""

    segment_key: str
    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str
    role: Role = Role.OTHER
    text: str = field(default="", repr=False)
    where: str = ""
    """Human location for reports ("line 12", "header, section 1")."""
    person: str = field(default="", repr=False)
    """For names: which person this mention belongs to (normalised full name)."""
    related: str = field(default="", repr=False)
    """For a parent known from the roster: the person key of their child."""
    note: str = ""
    """Why this was redacted although a rule says keep it (free of personal data)."""
    summary: str = ""
    """For a removed section: its heading, with any personal data in it replaced."""

    @property
    def masked(self) -> str:
        """A preview safe for reports: first letter of each word, the rest starred."""
        return mask(self.text)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``segment.text[start:end]`` with ``replacement``."""

    segment_key: str
    start: int
    end: int
    replacement: str = field(repr=False)


@dataclass(frozen=True)
class Removal:
    """Hidden content a format handler dropped (comments, metadata...), for the report."""

    kind: str
    where: str
    count: int = 1


@dataclass(frozen=True)
class FileResult:
    """A file that was processed (redacted, or checked)."""

    source: Path
    dest: Path | None
    format: str
    findings: Sequence[Finding]
    """Held compactly for a long document (redactor/records.py): read, not kept."""
    review: tuple[Finding, ...]
    removals: tuple[Removal, ...]
    sha256_in: str
    sha256_out: str | None
    reviewed_keep: tuple[str, ...] = field(default=(), repr=False)
    """Words a person chose to keep in review: the second pass of the pseudonym style
    allows them in the output, as the first did."""


@dataclass(frozen=True)
class FileFailure:
    """A file that was refused or failed, with the plain-English reason."""

    source: Path
    reason: str
    kind: str


def mask(value: str) -> str:
    """Mask a value for display: ``Olivia Smith`` -> ``O***** S****``; digits all masked."""
    words = []
    for word in value.split():
        if word[:1].isalpha():
            words.append(word[0] + "*" * (len(word) - 1))
        else:
            words.append("*" * len(word))
    return " ".join(words)
