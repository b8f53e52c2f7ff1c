"""A time limit per file, so one pathological document cannot hang a batch.

Reading and writing a file run under an interval timer that raises
:class:`DocumentTimedOut` in the main thread of the process doing the work (the
CLI's, or a worker's). Where there is no such timer (Windows) or the caller is
not on the main thread, the work runs without a limit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from redactor.errors import DocumentTimedOut


@contextmanager
def time_limit(seconds: float, path: Path) -> Iterator[None]:
    """Raise :class:`DocumentTimedOut` if the block runs longer than ``seconds``."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise DocumentTimedOut(
            path,
            f"the file took longer than {seconds:g} s to process (the limit per file); "
            "no output was written",
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
