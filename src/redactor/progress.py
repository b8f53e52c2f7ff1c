"""Progress inside one long file, for whoever shows it (the command line's bar).

The batch reports progress per file; a long document (a year of minutes, a bundle for a
subject access request) is one file for minutes on end. While it is analysed, its
segments go through the model in pieces, and after each piece ``report`` tells the
listener how far the file has got. A worker process's reports go back on a queue to the
process that started it (batch.WorkerPool), whose listener hears them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path

# Segments (and characters) through the model at a time: a long document's progress is
# reported after each piece, and no more than a piece's model state is held at once.
PIECE_SEGMENTS = 256
PIECE_CHARS = 20_000

Listener = Callable[[Path, int, int], None]
"""Called with (file, segments done, segments in all)."""

_LISTENER: ContextVar[Listener | None] = ContextVar("redactor_progress", default=None)


@contextlib.contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Within this block, progress inside files goes to ``listener``."""
    token = _LISTENER.set(listener)
    try:
        yield
    finally:
        _LISTENER.reset(token)


def report(path: Path, done: int, total: int) -> None:
    """Tell the listener, if there is one, how far a file has got."""
    listener = _LISTENER.get()
    if listener is not None:
        listener(path, done, total)
