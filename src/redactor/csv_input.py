"""Reading the school's CSV exports (roster, staff list) strictly.

A list that cannot be read must stop the run: carrying on without it would let
through exactly the names it was given to protect or to keep.
"""

from __future__ import annotations

import csv
from pathlib import Path

from redactor.errors import ConfigError


def read_rows(path: Path, what: str) -> list[list[str]]:
    """All rows of a UTF-8 CSV (a byte-order mark is fine), header first; at least one row."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except FileNotFoundError:
        raise ConfigError(f"{what} {path} does not exist") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(f"{what} {path} cannot be read as UTF-8 CSV ({exc})") from None
    if not rows:
        raise ConfigError(f"{what} {path} is empty")
    return rows
