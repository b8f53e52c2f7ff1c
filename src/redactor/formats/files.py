"""Reading an input file safely: existence, permissions and size, with plain reasons.

A document inside another (a Word or PDF attachment of an e-mail) is read from memory
under a name of its own: it is never written to disk to be read, so no copy of it is
left anywhere if the run stops.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from pathlib import Path
from types import MappingProxyType

from redactor.config import Config
from redactor.errors import FileTooLarge, InputNotFound, InputNotReadable

_IN_MEMORY: ContextVar[Mapping[Path, bytes]] = ContextVar(
    "redactor_in_memory_inputs", default=MappingProxyType({})
)


@contextlib.contextmanager
def in_memory(path: Path, data: bytes) -> Iterator[None]:
    """Within this block, reading ``path`` gives ``data`` (a document inside another)."""
    token = _IN_MEMORY.set(MappingProxyType({**_IN_MEMORY.get(), path: data}))
    try:
        yield
    finally:
        _IN_MEMORY.reset(token)


def input_bytes(path: Path) -> bytes:
    """The bytes of an input: from memory for a document inside another, else the file."""
    held = _IN_MEMORY.get().get(path)
    return held if held is not None else path.read_bytes()


def read_input_bytes(path: Path, config: Config) -> bytes:
    """The file's bytes, after checking it is a readable regular file within the size limit."""
    held = _IN_MEMORY.get().get(path)
    if held is not None:
        _check_size(path, len(held), config)
        return held
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputNotFound(path, "the file does not exist") from None
    except OSError as exc:
        raise InputNotReadable(path, f"the file cannot be read ({exc.strerror})") from None
    if not path.is_file():
        raise InputNotReadable(path, "this is not a regular file")
    _check_size(path, size, config)
    try:
        return path.read_bytes()
    except PermissionError:
        raise InputNotReadable(path, "permission denied: the file cannot be read") from None
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise InputNotReadable(path, "this is a folder, not a file") from None
        raise InputNotReadable(path, f"the file cannot be read ({exc.strerror})") from None


def _check_size(path: Path, size: int, config: Config) -> None:
    limit = int(config.max_file_mb * 1024 * 1024)
    if size > limit:
        raise FileTooLarge(
            path,
            f"the file is {size / 1024 / 1024:.1f} MB, over the {config.max_file_mb:g} MB limit "
            "(raise max_file_mb in the configuration if it really is one document)",
        )
