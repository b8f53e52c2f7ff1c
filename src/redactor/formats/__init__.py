"""Document formats. Each module turns a file into text segments and back."""

from __future__ import annotations

from pathlib import Path

from redactor.errors import UnsupportedFormat
from redactor.formats.base import OUTPUT_SUFFIXES, FormatHandler, output_name
from redactor.formats.delimited import DelimitedHandler
from redactor.formats.docx import DocxHandler
from redactor.formats.email_message import EmailHandler
from redactor.formats.pdf import PdfHandler
from redactor.formats.text import TextHandler
from redactor.formats.xlsx import XlsxHandler

# Formats a document can also arrive in as an e-mail's attachment.
_DOCUMENTS: tuple[FormatHandler, ...] = (DocxHandler(), PdfHandler(), XlsxHandler())
HANDLERS: dict[str, FormatHandler] = {
    suffix: handler
    for handler in (
        TextHandler(),
        *_DOCUMENTS,
        DelimitedHandler(),
        EmailHandler(attachments={s: h for h in _DOCUMENTS for s in h.suffixes}),
    )
    for suffix in handler.suffixes
}
__all__ = ["HANDLERS", "OUTPUT_SUFFIXES", "FormatHandler", "handler_for", "output_name"]


def handler_for(path: Path) -> FormatHandler:
    """The handler for a file, by its extension; anything else is refused with a reason."""
    handler = HANDLERS.get(path.suffix.lower())
    if handler is None:
        kind = path.suffix.lower() or "with no extension"
        supported = ", ".join(sorted(HANDLERS))
        raise UnsupportedFormat(path, f"unsupported file type {kind} (supported: {supported})")
    return handler
