"""Delimited text (.csv, .tsv): class lists, trip lists, registers exported from an MIS
or a spreadsheet.

Every cell is a segment of its own with its place in the table, as a Word table's cells
are, so the header row says what each column holds ("DOB", "Parent/carer", "Address")
and every cell of that column is read so (``detection/structure.py``). The copy is
written in the same dialect (delimiter, quote character, quoting of every field or only
where needed), encoding, byte-order mark and line endings as the original. A file whose
rows do not all have the same number of fields cannot be read as one table, and a
redacted copy of a half-understood table could put a name in the wrong column: it is
refused with the row that breaks it.

Verification re-reads the written bytes as plain text, without the CSV parser: no
detected value may be anywhere in the file, quoted or not.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from redactor.config import Config
from redactor.errors import DamagedDocument
from redactor.formats.base import apply_edits, edits_by_segment
from redactor.formats.text import byte_order_mark, decode_text_file
from redactor.model import Edit, ExtractedDocument, Removal, Segment

_SNIFF_CHARS = 64 * 1024
_DELIMITERS = ",;\t|"
TABLE = "csv"
"""The table name in each cell segment's place: one table per file."""


@dataclass(frozen=True)
class _Layout:
    """How the file was written, to write the copy the same way."""

    delimiter: str
    quotechar: str
    quote_all: bool
    line_end: str
    final_line_end: bool
    rows: tuple[tuple[str, ...], ...]


class DelimitedHandler:
    """The FormatHandler for CSV and TSV files."""

    name = "csv"
    suffixes: tuple[str, ...] = (".csv", ".tsv")

    def extract(self, path: Path, config: Config) -> ExtractedDocument:
        """Parse the table; each non-empty cell becomes a segment that knows its place."""
        text, encoding, has_bom = decode_text_file(path, config)
        layout = _layout(path, text)
        segments = []
        header = layout.rows[0] if layout.rows else ()
        for row_index, row in enumerate(layout.rows):
            for column, value in enumerate(row):
                if not value.strip():
                    continue
                title = header[column].strip() if column < len(header) else ""
                where = f"row {row_index + 1}, column {column + 1}" + (
                    f" ({title})" if title and row_index > 0 else ""
                )
                segments.append(
                    Segment(
                        key=f"{row_index}:{column}",
                        where=where,
                        text=value,
                        in_body=True,
                        cell=(TABLE, row_index, column),
                    )
                )
        return ExtractedDocument(
            path=path,
            format=self.name,
            segments=tuple(segments),
            encoding=encoding,
            has_bom=has_bom,
            state=layout,
        )

    def write(
        self, doc: ExtractedDocument, edits: Sequence[Edit], dest: Path
    ) -> tuple[Removal, ...]:
        """Write the table back with the edits applied to their cells, in the same dialect."""
        layout: _Layout = doc.state
        by_cell = edits_by_segment(edits)
        rows = [
            [
                apply_edits(value, by_cell.get(f"{r}:{c}", [])) if value.strip() else value
                for c, value in enumerate(row)
            ]
            for r, row in enumerate(layout.rows)
        ]
        out = io.StringIO(newline="")
        writer = csv.writer(
            out,
            delimiter=layout.delimiter,
            quotechar=layout.quotechar,
            quoting=csv.QUOTE_ALL if layout.quote_all else csv.QUOTE_MINIMAL,
            lineterminator=layout.line_end,
        )
        writer.writerows(rows)
        text = out.getvalue()
        if not layout.final_line_end and text.endswith(layout.line_end):
            text = text[: -len(layout.line_end)]
        dest.write_bytes(byte_order_mark(doc.encoding, doc.has_bom) + text.encode(doc.encoding))
        return ()

    def reread(self, path: Path, doc: ExtractedDocument) -> list[str]:
        """The whole output decoded as plain text, not parsed as CSV."""
        return [path.read_bytes().decode(doc.encoding)]


def _layout(path: Path, text: str) -> _Layout:
    """The file's dialect and rows; a file that is not one consistent table is refused."""
    sample = text[:_SNIFF_CHARS]
    if path.suffix.lower() == ".tsv":
        delimiter, quotechar = "\t", '"'
    else:
        try:
            sniffed = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
            delimiter, quotechar = sniffed.delimiter, sniffed.quotechar or '"'
        except csv.Error:
            delimiter, quotechar = ",", '"'  # one column, or a table too small to tell
    try:
        rows = [
            tuple(row)
            for row in csv.reader(
                io.StringIO(text, newline=""), delimiter=delimiter, quotechar=quotechar, strict=True
            )
        ]
    except csv.Error as problem:
        raise DamagedDocument(
            path, f"the file cannot be read as a table ({problem}); no output was written"
        ) from None
    width = len(rows[0]) if rows else 0
    for number, row in enumerate(rows, start=1):
        if row and len(row) != width:
            raise DamagedDocument(
                path,
                f"row {number} has {len(row)} fields where the first row has {width}, so the "
                "columns cannot be trusted; fix the file (or save it again from the "
                "spreadsheet) and try again",
            )
    line_end = (
        "\r\n" if "\r\n" in sample else "\r" if "\r" in sample and "\n" not in sample else "\n"
    )
    return _Layout(
        delimiter=delimiter,
        quotechar=quotechar,
        quote_all=_quotes_every_field(sample, delimiter, quotechar),
        line_end=line_end,
        final_line_end=text.endswith(("\n", "\r")),
        rows=tuple(rows),
    )


def _quotes_every_field(sample: str, delimiter: str, quotechar: str) -> bool:
    """Whether the file quotes every field (some exports do), judged on its first lines."""
    q, d = re.escape(quotechar), re.escape(delimiter)
    field = f"{q}(?:[^{q}]|{q}{q})*{q}"
    quoted = re.compile(f"{field}(?:{d}{field})*")
    lines = [line for line in sample.splitlines()[:20] if line.strip()]
    return bool(lines) and all(quoted.fullmatch(line) for line in lines)
