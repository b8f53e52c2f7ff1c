"""A time limit per file, so one pathological document cannot hang a batch.

Every step of a file (reading, detection, resolution, writing and verification) runs
under an interval timer that raises :class:`DocumentTimedOut` in the main thread of the
process doing the work (the CLI's, or a worker's). A limit inside another is the outer
one's business: the inner block runs under whatever time the outer has left. Where there
is no such timer (Windows) or the caller is not on the main thread, the work runs
without a limit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from redactor.errors import DocumentTimedOut


def timed_out(limit_s: float, path: Path) -> DocumentTimedOut:
    """The refusal of a file that ran past its time limit."""
    return DocumentTimedOut(
        path,
        f"the file took longer than {limit_s:g} s to process (the limit per file); "
        "no output was written",
    )


@contextmanager
def time_limit(seconds: float, path: Path, *, limit_s: float | None = None) -> Iterator[None]:
    """Raise :class:`DocumentTimedOut` if the block runs longer than ``seconds``
    (``limit_s``, if given, is the file's whole limit, named in the reason).
    """
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
    ):
        yield  # no timer here, or an outer limit already runs and governs this block
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise timed_out(limit_s or seconds, path)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
