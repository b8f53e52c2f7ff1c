"""Plain text (.txt, .md): read strictly in one encoding, write back in the same one.

The file is split into blocks at blank lines; the blocks cover the whole text,
so writing is joining them back with the edits applied. Line endings, byte
order marks and the encoding are kept as they were.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from pathlib import Path

from redactor.config import Config
from redactor.cuts import WINDOW_CHARS, safe_cut
from redactor.errors import EmptyDocument, NotText, UnknownEncoding
from redactor.formats.base import apply_edits, edits_by_segment
from redactor.formats.files import read_input_bytes
from redactor.model import Edit, ExtractedDocument, Removal, Segment

_BLOCK_END = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# spaCy's memory grows with a text's length (about 4 MB per thousand characters at once):
# a block without blank lines is cut, after a sentence, at the most the model reads at once.
MAX_BLOCK_CHARS = WINDOW_CHARS
# Each byte order mark, and the codec of the text after it: a copy keeps the mark and the
# byte order of its input (Python's "utf-16" would write the machine's own order).
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# More than this share of control characters and it is not text, whatever its name.
_MAX_CONTROL_SHARE = 0.01


class TextHandler:
    """The FormatHandler for plain text."""

    name = "text"
    suffixes: tuple[str, ...] = (".txt", ".md", ".text")

    def extract(self, path: Path, config: Config) -> ExtractedDocument:
        """Decode the file and split it into blocks."""
        text, encoding, has_bom = decode_text_file(path, config)
        return ExtractedDocument(
            path=path,
            format=self.name,
            segments=tuple(text_segments(text)),
            encoding=encoding,
            has_bom=has_bom,
        )

    def write(
        self, doc: ExtractedDocument, edits: Sequence[Edit], dest: Path
    ) -> tuple[Removal, ...]:
        """Write the blocks back, edited, in the original encoding: a block at a time, so
        that a long document is never held twice more as one text and its bytes.
        """
        by_segment = edits_by_segment(edits)
        encoder = codecs.getincrementalencoder(doc.encoding)()
        with dest.open("wb") as out:
            out.write(byte_order_mark(doc.encoding, doc.has_bom))
            for segment in doc.segments:
                out.write(
                    encoder.encode(apply_edits(segment.text, by_segment.get(segment.key, [])))
                )
            out.write(encoder.encode("", final=True))
        return ()

    def reread(self, path: Path, doc: ExtractedDocument) -> list[str]:
        """The whole output decoded in one piece (no block splitting)."""
        return [path.read_bytes().decode(doc.encoding)]


def decode_text_file(path: Path, config: Config) -> tuple[str, str, bool]:
    """A text file's text, encoding and whether it had a byte-order mark: decoded strictly
    in one encoding (a BOM's, else the configured one); binary data and empty files are
    refused with their reason.
    """
    data = read_input_bytes(path, config)
    if b"\x00" in data[:8192] and not data.startswith(tuple(b for b, _ in _BOMS[1:])):
        raise NotText(path, "this is not a text file (it holds binary data)")
    encoding, mark = _encoding_of(data, config.text_encoding)
    try:
        text = data[len(mark) :].decode(encoding)
    except UnicodeDecodeError:
        raise UnknownEncoding(
            path,
            f"the text is not in the {config.text_encoding} encoding; save it as UTF-8 "
            "(or give the right encoding with --encoding, e.g. --encoding cp1252)",
        ) from None
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * max(len(text), 1):
        raise NotText(path, "this is not a text file (it holds binary data)")
    if not text.strip():
        raise EmptyDocument(path, "the file is empty: there is nothing to redact")
    return text, encoding, bool(mark)


def _encoding_of(data: bytes, configured: str) -> tuple[str, bytes]:
    """The codec of ``data``, and the byte order mark it starts with, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, bom
    return configured, b""


def byte_order_mark(encoding: str, has_bom: bool) -> bytes:
    """The mark to write before a copy's text in ``encoding`` ("utf-8-sig" writes its own)."""
    if not has_bom or encoding == "utf-8-sig":
        return b""
    return next((bom for bom, codec in _BOMS if codec == encoding), b"")


def text_segments(text: str) -> list[Segment]:
    """Split text into contiguous blocks ending at blank lines (or at a safe break if very long).

    Blocks keep sentences and multi-line addresses together for detection, give
    line numbers for reports, and let the model work in batches.
    """
    segments = []
    start, line = 0, 1
    ends = [m.end() for m in _BLOCK_END.finditer(text)] + [len(text)]
    for end in ends:
        while end - start > MAX_BLOCK_CHARS:
            cut = safe_cut(text, start, start + MAX_BLOCK_CHARS)
            segments.append(
                Segment(str(start), f"line {line}", text[start:cut], first_line=line, in_body=True)
            )
            line += text.count("\n", start, cut)
            start = cut
        if end > start:
            segments.append(
                Segment(str(start), f"line {line}", text[start:end], first_line=line, in_body=True)
            )
            line += text.count("\n", start, end)
            start = end
    return segments
