"""Document formats. Each module turns a file into text segments and back."""

from __future__ import annotations

from pathlib import Path

from redactor.errors import UnsupportedFormat
from redactor.formats.base import FormatHandler
from redactor.formats.text import TextHandler

HANDLERS: dict[str, FormatHandler] = {
    suffix: handler for handler in (TextHandler(),) for suffix in handler.suffixes
}


def handler_for(path: Path) -> FormatHandler:
    """The handler for a file, by its extension; anything else is refused with a reason."""
    handler = HANDLERS.get(path.suffix.lower())
    if handler is None:
        kind = path.suffix.lower() or "with no extension"
        supported = ", ".join(sorted(HANDLERS))
        raise UnsupportedFormat(path, f"unsupported file type {kind} (supported: {supported})")
    return handler
