"""Document formats. Each module turns a file into text segments and back."""

from __future__ import annotations

from pathlib import Path

from redactor.errors import UnsupportedFormat
from redactor.formats.base import FormatHandler
from redactor.formats.delimited import DelimitedHandler
from redactor.formats.docx import DocxHandler
from redactor.formats.email_message import EmailHandler
from redactor.formats.pdf import PdfHandler
from redactor.formats.text import TextHandler
from redactor.formats.xlsx import XlsxHandler

HANDLERS: dict[str, FormatHandler] = {
    suffix: handler
    for handler in (
        TextHandler(),
        DocxHandler(),
        PdfHandler(),
        DelimitedHandler(),
        EmailHandler(),
        XlsxHandler(),
    )
    for suffix in handler.suffixes
}
# Outputs that change type: a macro-enabled document loses its macros, so it is a .docx
# (or .xlsx).
OUTPUT_SUFFIXES = {".docm": ".docx", ".xlsm": ".xlsx"}


def output_name(path: Path) -> Path:
    """The name of the redacted copy of ``path`` (the same, unless its type changes)."""
    suffix = OUTPUT_SUFFIXES.get(path.suffix.lower())
    return path.with_suffix(suffix) if suffix else path


def handler_for(path: Path) -> FormatHandler:
    """The handler for a file, by its extension; anything else is refused with a reason."""
    handler = HANDLERS.get(path.suffix.lower())
    if handler is None:
        kind = path.suffix.lower() or "with no extension"
        supported = ", ".join(sorted(HANDLERS))
        raise UnsupportedFormat(path, f"unsupported file type {kind} (supported: {supported})")
    return handler
