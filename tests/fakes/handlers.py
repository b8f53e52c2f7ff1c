"""Format handlers that misbehave on purpose."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from redactor.formats.text import TextHandler
from redactor.model import Edit, ExtractedDocument, Removal


class SkipsLastPartHandler(TextHandler):
    """Writes the document but forgets the edits of its last part, as a buggy writer
    that did not know about some part of a format would."""

    def write(
        self, doc: ExtractedDocument, edits: Sequence[Edit], dest: Path
    ) -> tuple[Removal, ...]:
        last = doc.segments[-1].key
        return super().write(doc, [e for e in edits if e.segment_key != last], dest)


class CrashesMidWriteHandler(TextHandler):
    """Writes half of the output, then fails like a full disk or a parser bug."""

    def write(
        self, doc: ExtractedDocument, edits: Sequence[Edit], dest: Path
    ) -> tuple[Removal, ...]:
        dest.write_text(doc.segments[0].text[:10], encoding="utf-8")
        raise RuntimeError("simulated failure half way through writing")


class DrawsBoxOverTextHandler(TextHandler):
    """Copies the input unchanged and appends the labels: the 'box over text' mistake."""

    def write(
        self, doc: ExtractedDocument, edits: Sequence[Edit], dest: Path
    ) -> tuple[Removal, ...]:
        original = "".join(s.text for s in doc.segments)
        dest.write_text(original + "".join(e.replacement for e in edits), encoding="utf-8")
        return ()
