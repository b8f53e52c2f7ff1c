"""The cost of a piece of work as the calls it makes (Python and built-in), a measure
that does not depend on the machine's speed: for tests that a cost grows linearly.
"""

from __future__ import annotations

import sys
from collections.abc import Callable


def calls_made[T](work: Callable[[], T]) -> tuple[int, T]:
    """Run ``work``; return how many calls it made, and what it returned."""
    calls = 0

    def count(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        result = work()
    finally:
        sys.setprofile(None)
    return calls, result
