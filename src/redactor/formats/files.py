"""Reading an input file safely: existence, permissions and size, with plain reasons."""

from __future__ import annotations

import errno
from pathlib import Path

from redactor.config import Config
from redactor.errors import FileTooLarge, InputNotFound, InputNotReadable


def read_input_bytes(path: Path, config: Config) -> bytes:
    """The file's bytes, after checking it is a readable regular file within the size limit."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputNotFound(path, "the file does not exist") from None
    except OSError as exc:
        raise InputNotReadable(path, f"the file cannot be read ({exc.strerror})") from None
    if not path.is_file():
        raise InputNotReadable(path, "this is not a regular file")
    limit = int(config.max_file_mb * 1024 * 1024)
    if size > limit:
        raise FileTooLarge(
            path,
            f"the file is {size / 1024 / 1024:.1f} MB, over the {config.max_file_mb:g} MB limit "
            "(raise max_file_mb in the configuration if it really is one document)",
        )
    try:
        return path.read_bytes()
    except PermissionError:
        raise InputNotReadable(path, "permission denied: the file cannot be read") from None
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise InputNotReadable(path, "this is a folder, not a file") from None
        raise InputNotReadable(path, f"the file cannot be read ({exc.strerror})") from None
