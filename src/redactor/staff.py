"""Staff lists: the people a school never redacts in briefings and minutes.

``--staff staff.csv`` reads an export with a header row: either a ``Name`` column
("Mrs Janet Price") or ``Forename`` and ``Surname`` columns (with an optional
``Title``). Each person becomes the keep phrases people actually write: the full
name, the name with and without title, and "Title Surname" ("Mrs Price").
"""

from __future__ import annotations

import re
from pathlib import Path

from redactor.csv_input import read_rows
from redactor.errors import ConfigError

_HEADERS = {
    "name": {"name", "fullname", "staffname", "displayname"},
    "title": {"title", "salutation"},
    "forename": {"forename", "firstname", "givenname", "preferredforename", "legalforename"},
    "surname": {"surname", "lastname", "familyname", "preferredsurname", "legalsurname"},
}
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "dame"}


def load_staff(path: Path) -> tuple[str, ...]:
    """Keep phrases for every person in a staff CSV; a file that cannot be used stops the run."""
    rows = read_rows(path, "staff list")
    columns = _columns(rows[0])
    if "name" not in columns and not {"forename", "surname"} <= set(columns):
        raise ConfigError(
            f"staff list {path} needs a 'Name' column, or 'Forename' and 'Surname' columns"
        )
    phrases: list[str] = []
    for row in rows[1:]:
        cell = {field: row[index].strip() for field, index in columns.items() if index < len(row)}
        phrases += staff_phrases(cell)
    return tuple(dict.fromkeys(p for p in phrases if p))


def staff_phrases(cell: dict[str, str]) -> list[str]:
    """The ways one person's name is written: full, without title, "Title Surname"."""
    if cell.get("name"):
        words = cell["name"].split()
        title = words[0] if words and words[0].lower().rstrip(".") in _TITLES else ""
        rest = words[1:] if title else words
        forename, surname = (
            (" ".join(rest[:-1]), rest[-1]) if len(rest) > 1 else ("", " ".join(rest))
        )
    else:
        title, forename, surname = (
            cell.get("title", ""),
            cell.get("forename", ""),
            cell.get("surname", ""),
        )
    full = " ".join(p for p in (forename, surname) if p)
    phrases = [full, " ".join(p for p in (title, full) if p)]
    if title and surname:
        phrases.append(f"{title} {surname}")
    return phrases


def _columns(header: list[str]) -> dict[str, int]:
    found = {}
    for index, name in enumerate(header):
        key = re.sub(r"[\s_\-]", "", name.lower())
        for field, names in _HEADERS.items():
            if key in names and field not in found:
                found[field] = index
    return found
