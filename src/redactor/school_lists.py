"""The school's lists, read once per run: pupil exports to redact, staff and
governors lists to keep, and how much was read from each (counts only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from redactor.config import Config
from redactor.detection.roster import ListCount, Roster, load_roster
from redactor.model import Profile
from redactor.staff import StaffKeep, keep_phrases_for, listed_staff, load_staff


@dataclass(frozen=True)
class SchoolLists:
    """What the lists named in a :class:`Config` hold, ready for detection."""

    roster: Roster | None
    keep_people: tuple[str, ...]
    """Keep phrases derived from the staff and governors lists."""
    keep_when_named: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    """Short forms a child shares, kept where a document names the person in full."""
    counts: tuple[ListCount, ...]


def load_lists(config: Config) -> SchoolLists:
    """Read every list the configuration names; any that cannot be used stops the run."""
    roster = (
        load_roster(config.roster_files, dict(config.roster_columns))
        if config.roster_files
        else None
    )
    staff_lists = load_staff(config.staff_files, dict(config.staff_columns))
    counts = list(roster.lists if roster else ())
    for listed in staff_lists:
        people, values = listed.count()
        counts.append(ListCount(listed.path.name, people, values))
    keep = StaffKeep((), ())
    if staff_lists and config.profile is not Profile.STRICT:
        keep = keep_phrases_for(listed_staff(staff_lists), children_short_forms(roster))
    return SchoolLists(roster, keep.always, keep.when_named, tuple(counts))


def children_short_forms(roster: Roster | None) -> frozenset[str] | None:
    """Single names, initials and "forename + initial" ("mali b") of the children and
    families in the export, lower case: a staff member's short form that is one of these
    is not kept. None without an export: then any short form could be a child's.
    """
    if roster is None:
        return None
    names = {
        phrase
        for phrase, entry in roster.entries.items()
        if entry.entity == "PERSON"
        and (" " not in phrase or re.fullmatch(r"[^\W\d_][\w'’-]* [^\W\d_]", phrase))
    }
    return frozenset(names | {letters.lower() for letters in roster.initials})
