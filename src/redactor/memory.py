"""Giving memory the program has freed back to the computer, between the steps of a file.

Python hands the memory of objects it frees to the C library's allocator, which keeps it
for reuse rather than returning it: a long document's pieces, each freed when the next
comes, leave the process holding the most it ever needed, scattered through its heap.
On Linux with glibc, ``malloc_trim`` returns those free pages to the system, so the
memory a long file keeps is what it still holds, not what it once passed through. Where
there is no such call (another C library, another system) this does nothing.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return None
    trim = getattr(libc, "malloc_trim", None)  # glibc has it; musl does not
    if trim is None:
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim  # type: ignore[no-any-return]


def release_free_memory() -> None:
    """Return the allocator's free pages to the system (a few milliseconds)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
