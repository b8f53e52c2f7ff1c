"""The pupil roster: every pupil's and contact's details from the school's MIS export.

``--roster pupils.csv`` reads the pupil and contact export that SIMS, Arbor or
Bromcom produce (one row per pupil, or per pupil and contact). Columns are found
by their usual headers (Forename, Legal Surname, Preferred Forename, Contact
Forename, Relationship, Address Line 1, Postcode, Telephone, Mobile, Email, UPN)
whatever their order. Each person becomes the phrases people actually write:
full names with legal and preferred parts, single names, the parts of a double-
barrelled surname, and "Mrs Nowak" for contacts. Matching ignores case, except
for names that are also English words ("Grace", "Will"), which must be capitalised.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactor.csv_input import read_rows
from redactor.errors import ConfigError
from redactor.model import Role

RECOGNIZER_NAME = "roster"
SCORE = 0.95
ROLE_KEY = "role"
_MAX_WORDS = 4
_CONTACT_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr")
_WORD = re.compile(r"[^\W_][\w'’-]*")
HEADERS: dict[str, frozenset[str]] = {
    "forename": frozenset({"forename", "legalforename", "firstname", "pupilforename"}),
    "surname": frozenset({"surname", "legalsurname", "lastname", "pupilsurname"}),
    "preferred_forename": frozenset({"preferredforename", "knownas", "preferredfirstname"}),
    "preferred_surname": frozenset({"preferredsurname", "preferredlastname"}),
    "upn": frozenset({"upn", "uniquepupilnumber"}),
    "contact_forename": frozenset({"contactforename", "contactfirstname", "parentforename"}),
    "contact_surname": frozenset({"contactsurname", "contactlastname", "parentsurname"}),
    "address": frozenset({"addressline1", "address1", "address", "street", "contactaddress"}),
    "postcode": frozenset({"postcode", "contactpostcode", "postalcode"}),
    "phone": frozenset(
        {
            "telephone",
            "phone",
            "homephone",
            "homet",
            "mobile",
            "mobilephone",
            "workphone",
            "contacttelephone",
            "contactmobile",
            "telephone1",
        }
    ),
    "email": frozenset({"email", "emailaddress", "contactemail"}),
}
_ENTITY = {
    "address": "ADDRESS",
    "postcode": "POSTCODE",
    "phone": "PHONE",
    "email": "EMAIL",
    "upn": "UPN",
}


@dataclass(frozen=True)
class RosterEntry:
    """One phrase to find, what it is, and whose it is."""

    entity: str
    role: Role
    person: str


@dataclass(frozen=True)
class Roster:
    """Phrases (lower case, single spaces) and what each stands for."""

    entries: dict[str, RosterEntry]
    pupils: int
    contacts: int


def load_roster(path: Path) -> Roster:
    """Read an MIS export; a file without name columns stops the run."""
    rows = read_rows(path, "roster")
    columns = _columns(rows[0])
    if not {"forename", "surname"} <= columns.keys():
        raise ConfigError(
            f"roster {path} needs pupil name columns (e.g. 'Forename' and 'Surname'); "
            f"found: {', '.join(rows[0])}"
        )
    entries: dict[str, RosterEntry] = {}
    pupils: set[str] = set()
    contacts: set[str] = set()
    for row in rows[1:]:
        cell = {
            f: [row[i].strip() for i in idx if i < len(row) and row[i].strip()]
            for f, idx in columns.items()
        }
        pupil = _first(cell, "forename") + " " + _first(cell, "surname")
        if pupil.strip():
            pupils.add(pupil.lower())
            names = _name_variants(
                cell, "forename", "surname", "preferred_forename", "preferred_surname", titles=()
            )
            _add(entries, names, "PERSON", Role.PUPIL, pupil.lower())
            _add(entries, cell.get("upn", []), "UPN", Role.PUPIL, pupil.lower())
        contact = _first(cell, "contact_forename") + " " + _first(cell, "contact_surname")
        owner = contact.lower() if contact.strip() else pupil.lower()
        if contact.strip():
            contacts.add(contact.lower())
            names = _name_variants(
                cell, "contact_forename", "contact_surname", titles=_CONTACT_TITLES
            )
            _add(entries, names, "PERSON", Role.PARENT, contact.lower())
        for field in ("address", "postcode", "phone", "email"):
            _add(entries, cell.get(field, []), _ENTITY[field], Role.PARENT, owner)
    return Roster(entries, pupils=len(pupils), contacts=len(contacts))


def _first(cell: dict[str, list[str]], field: str) -> str:
    return cell.get(field, [""])[0] if cell.get(field) else ""


def _name_variants(
    cell: dict[str, list[str]],
    forename: str,
    surname: str,
    preferred_forename: str = "",
    preferred_surname: str = "",
    *,
    titles: tuple[str, ...],
) -> list[str]:
    firsts = {n for n in (_first(cell, forename), _first(cell, preferred_forename)) if n}
    lasts = {n for n in (_first(cell, surname), _first(cell, preferred_surname)) if n}
    names = [f"{f} {s}" for f in firsts for s in lasts]
    names += list(firsts) + list(lasts)
    for last in lasts:
        names += [part for part in re.split(r"[-\s]", last) if len(part) >= 3]
        names += [f"{title} {last}" for title in titles]
    return names


def _add(
    entries: dict[str, RosterEntry], phrases: list[str], entity: str, role: Role, person: str
) -> None:
    for phrase in phrases:
        key = " ".join(phrase.lower().split())
        if len(key) >= 2 and key not in entries:  # a pupil's entry, added first, wins
            entries[key] = RosterEntry(entity, role, person)


def _columns(header: list[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for index, name in enumerate(header):
        key = re.sub(r"[^a-z0-9]", "", name.lower())
        for field, names in HEADERS.items():
            if key in names:
                found.setdefault(field, []).append(index)
    return found


class RosterRecognizer(LocalRecognizer):
    """Presidio recognizer for every phrase of the roster, in one pass over the words."""

    def __init__(self, roster: Roster, english_words: frozenset[str] = frozenset()) -> None:
        super().__init__(
            supported_entities=sorted({e.entity for e in roster.entries.values()} | {"PERSON"}),
            name=RECOGNIZER_NAME,
            supported_language="en",
        )
        self.roster = roster
        self.english_words = english_words

    def load(self) -> None:
        """The roster was read before the recognizer was made."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return each roster phrase in ``text``, longest first, as whole words."""
        results = []
        for start, end, entry in self._matches(text):
            results.append(
                RecognizerResult(
                    entry.entity,
                    start,
                    end,
                    SCORE,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: RECOGNIZER_NAME,
                        ROLE_KEY: entry.role.value,
                    },
                )
            )
        return results

    def _matches(self, text: str) -> Iterator[tuple[int, int, RosterEntry]]:
        words = list(_WORD.finditer(text))
        index = 0
        while index < len(words):
            for size in range(min(_MAX_WORDS, len(words) - index), 0, -1):
                group = words[index : index + size]
                written = " ".join(_bare(w.group()) for w in group)
                entry = self.roster.entries.get(written.lower())
                if entry and self._case_fits(written):
                    end = group[-1].start() + len(_bare(group[-1].group()))
                    yield group[0].start(), end, entry
                    index += size
                    break
            else:
                index += 1

    def _case_fits(self, written: str) -> bool:
        """A name that is also an English word must be capitalised to count."""
        return not (written.islower() and written in self.english_words)


def _bare(word: str) -> str:
    """A word without a possessive ending: "Olivia's" -> "Olivia"."""
    return re.sub(r"['’]s?$", "", word)
