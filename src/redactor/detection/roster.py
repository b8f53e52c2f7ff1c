"""The pupil roster: every pupil's and contact's details from the school's MIS export.

``--roster pupils.csv`` reads the pupil and contact export that SIMS, Arbor or
Bromcom produce (one row per pupil, or per pupil and contact). Columns are found
by their usual headers (Forename, Legal Surname, Preferred Forename, Contact
Forename, Relationship, Address Line 1, Postcode, Telephone, Mobile, Email, UPN)
whatever their order. Each person becomes the phrases people actually write:
full names with legal and preferred parts, single names, the parts of a double-
barrelled surname, and "Mrs Nowak" for contacts. Matching ignores case, except
for names that are also English words ("Grace", "Will"), which must be capitalised.

Beyond exact phrases the roster also finds what people actually type: a name of
five letters or more with one letter wrong ("Esmai" for "Esmae"), a pupil's
initials ("O.S.") where the line is about a pupil (a year group, a table row),
and a pupil's date of birth in any common format. A contact is linked to the
pupil on the same row, so the pseudonym style can say "Parent of Pupil A".
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactor.csv_input import read_rows
from redactor.detection.address import STREET_TYPES, WELSH_STREET_TYPES
from redactor.detection.matching import find_phrases
from redactor.detection.vocabulary import vocabulary
from redactor.errors import ConfigError
from redactor.model import Role

RECOGNIZER_NAME = "roster"
NEAR_RECOGNIZER_NAME = "roster_near_match"
SCORE = 0.95
# Initials and misspellings are likely, not certain: a keep list (staff "Mrs Esmai")
# wins over them, unlike over exact matches. Their score still beats the language
# model's, because Presidio keeps only the surest of two findings on one span, and
# the roster's role and person must survive.
NEAR_SCORE = 0.9
ROLE_KEY = "role"
PERSON_KEY = "person"
RELATED_KEY = "related"
_MIN_MISSPELT = 5
_INITIALS = re.compile(r"(?<![\w.])([A-Z])\.?\s?([A-Z])\.?(?![\w])")
_PUPIL_LINE = re.compile(
    r"\b(?:Year|Yr|Y)\s?\d{1,2}\b|\bReception\b|\bNursery\b|\bpupil|\bchild|\bstudent"
    r"|\t|\|",
    re.IGNORECASE,
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_NUMERIC_DATE = re.compile(r"(?<![\w/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-])")
_ISO_DATE = re.compile(r"(?<![\w/.-])(\d{4})-(\d{2})-(\d{2})(?![\w/-])")
_WRITTEN_DATE = re.compile(
    r"(?<!\w)(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+(\d{4})(?!\w)",
    re.IGNORECASE,
)
_MAX_WORDS = 4
# The street part of an address line: after any flat, house name or number, a name
# that ends in a street type ("Elm Road") or starts with a Welsh one ("Heol y Parc").
_STREET_OF = re.compile(
    rf"(?<![\w])(?P<street>(?:[A-Za-z][\w'’-]*\s+){{1,3}}(?:{STREET_TYPES})|(?:{WELSH_STREET_TYPES})(?:\s+[\w'’-]+){{1,3}})\.?$",
    re.IGNORECASE,
)
_CONTACT_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr")
_WORD = re.compile(r"[^\W_][\w'’-]*")
_POSSESSIVE_END = re.compile(r"['’]s?$")
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
    "dob": frozenset({"dob", "dateofbirth", "birthdate", "pupildob"}),
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
    related: str = ""
    """For a contact: the pupil on the same row (their child)."""


@dataclass(frozen=True)
class Roster:
    """Phrases (lower case, single spaces) and what each stands for."""

    entries: dict[str, RosterEntry]
    pupils: int
    contacts: int
    initials: dict[str, RosterEntry] = field(default_factory=dict)
    """Two capital letters ("OS") -> the (first) pupil with those initials."""
    birth_dates: dict[datetime.date, RosterEntry] = field(default_factory=dict)
    by_near_spelling: dict[str, list[tuple[str, RosterEntry]]] = field(default_factory=dict)
    """Each single name of five letters or more, under each one-letter deletion of it."""
    streets: dict[str, RosterEntry] = field(default_factory=dict)
    """Each family's street without its house number ("elm road"), lower case."""


FIELDS = tuple(HEADERS)
"""The roster fields a school may map to its own column headers."""


def load_roster(path: Path, columns: Mapping[str, str] | None = None) -> Roster:
    """Read an MIS export; a file without name columns stops the run.

    ``columns`` maps fields (``forename``, ``surname``, ``dob``, ...) to the
    headers of this school's export, where the usual headers are not used.
    """
    rows = read_rows(path, "roster")
    found = _columns(rows[0], columns or {}, path)
    if not {"forename", "surname"} <= found.keys():
        raise ConfigError(
            f"roster {path} needs pupil name columns (e.g. 'Forename' and 'Surname'); "
            f"found: {', '.join(rows[0])}"
        )
    entries: dict[str, RosterEntry] = {}
    initials: dict[str, RosterEntry] = {}
    birth_dates: dict[datetime.date, RosterEntry] = {}
    pupils: set[str] = set()
    contacts: set[str] = set()
    streets: dict[str, RosterEntry] = {}
    for row in rows[1:]:
        cell = {
            f: [row[i].strip() for i in idx if i < len(row) and row[i].strip()]
            for f, idx in found.items()
        }
        pupil = " ".join((_first(cell, "forename") + " " + _first(cell, "surname")).lower().split())
        if pupil:
            pupils.add(pupil)
            names = _name_variants(
                cell, "forename", "surname", "preferred_forename", "preferred_surname", titles=()
            )
            entry = RosterEntry("PERSON", Role.PUPIL, pupil)
            _add(entries, names, entry)
            _add(entries, cell.get("upn", []), RosterEntry("UPN", Role.PUPIL, pupil))
            for letters in _initials_of(cell):
                initials.setdefault(letters, entry)
            for written in cell.get("dob", []):
                born = parse_date(written)
                if born is not None:
                    birth_dates.setdefault(born, RosterEntry("DOB", Role.PUPIL, pupil))
        contact = " ".join(
            (_first(cell, "contact_forename") + " " + _first(cell, "contact_surname"))
            .lower()
            .split()
        )
        owner = RosterEntry("", Role.PARENT, contact, related=pupil) if contact else None
        if contact:
            contacts.add(contact)
            names = _name_variants(
                cell, "contact_forename", "contact_surname", titles=_CONTACT_TITLES
            )
            _add(entries, names, RosterEntry("PERSON", Role.PARENT, contact, related=pupil))
        for name in ("address", "postcode", "phone", "email"):
            whose = owner or RosterEntry("", Role.PARENT, pupil)
            detail = RosterEntry(_ENTITY[name], whose.role, whose.person, whose.related)
            _add(entries, cell.get(name, []), detail)
            if name == "address":
                for street in filter(None, map(street_of, cell.get(name, []))):
                    streets.setdefault(street, detail)
    return Roster(
        entries,
        pupils=len(pupils),
        contacts=len(contacts),
        initials=initials,
        birth_dates=birth_dates,
        by_near_spelling=_near_spelling_index(entries),
        streets=streets,
    )


def street_of(address_line: str) -> str:
    """The street of an address line without flat or house number, lower case, or ""
    when the line names no street: "Flat 2, 14 Elm Road" -> "elm road".
    """
    line = " ".join(address_line.split())
    match = _STREET_OF.search(line)
    return match.group("street").lower() if match else ""


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


def _add(entries: dict[str, RosterEntry], phrases: list[str], entry: RosterEntry) -> None:
    for phrase in phrases:
        key = " ".join(phrase.lower().split())
        if len(key) >= 2 and key not in entries:  # a pupil's entry, added first, wins
            entries[key] = entry


def _initials_of(cell: dict[str, list[str]]) -> set[str]:
    firsts = cell.get("forename", []) + cell.get("preferred_forename", [])
    lasts = cell.get("surname", []) + cell.get("preferred_surname", [])
    found = {(f[:1] + s[:1]).upper() for f in firsts for s in lasts if f and s}
    return {
        letters
        for letters in found
        if letters.isalpha()
        and letters not in vocabulary().not_initials | vocabulary().role_shorthand
    }


def _near_spelling_index(
    entries: dict[str, RosterEntry],
) -> dict[str, list[tuple[str, RosterEntry]]]:
    """Single names of five letters or more under each one-letter deletion of themselves.

    Two words one letter apart (a letter changed, added or dropped) share a key of
    this index, so a misspelling is found with a few dictionary look-ups.
    """
    index: dict[str, list[tuple[str, RosterEntry]]] = {}
    for phrase, entry in entries.items():
        if entry.entity != "PERSON" or " " in phrase or len(phrase) < _MIN_MISSPELT:
            continue
        if not phrase.isalpha():
            continue
        for key in {phrase, *_deletions(phrase)}:
            index.setdefault(key, []).append((phrase, entry))
    return index


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def one_letter_apart(a: str, b: str) -> bool:
    """Whether two different words differ by one changed, added or dropped letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    shorter, longer = sorted((a, b), key=len)
    return shorter in _deletions(longer)


def parse_date(text: str) -> datetime.date | None:
    """A date written as 03/02/2016, 3.2.16, 2016-02-03 or 3rd February 2016; else None.

    Numbers are read day first, as in the UK; a two-digit year is 20xx unless that
    would be in the future.
    """
    text = text.strip()
    match = (
        _NUMERIC_DATE.fullmatch(text) or _ISO_DATE.fullmatch(text) or _WRITTEN_DATE.fullmatch(text)
    )
    return _date_of(match) if match else None


def _date_of(match: re.Match[str]) -> datetime.date | None:
    if match.re is _ISO_DATE:
        year, month, day = (int(g) for g in match.groups())
    elif match.re is _NUMERIC_DATE:
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    else:
        day, month, year = int(match.group(1)), _MONTHS[match.group(2).lower()], int(match.group(3))
    if year < 100:
        year += 2000 if 2000 + year <= datetime.date.today().year else 1900
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _columns(header: list[str], mapping: Mapping[str, str], path: Path) -> dict[str, list[int]]:
    """Column positions of each field: the school's own mapping first, then the usual headers."""
    unknown = set(mapping) - set(FIELDS)
    if unknown:
        raise ConfigError(
            f"[roster.columns] has unknown field(s) {', '.join(sorted(unknown))}; "
            f"known fields: {', '.join(FIELDS)}"
        )
    found: dict[str, list[int]] = {}
    by_header = {_header_key(name): index for index, name in enumerate(header)}
    for name, wanted in mapping.items():
        if _header_key(wanted) not in by_header:
            raise ConfigError(f"roster {path} has no column {wanted!r} (set for {name})")
        found[name] = [by_header[_header_key(wanted)]]
    mapped = {i for v in found.values() for i in v}
    for index, name in enumerate(header):
        if index in mapped:
            continue
        for field_name, names in HEADERS.items():
            if field_name not in mapping and _header_key(name) in names:
                found.setdefault(field_name, []).append(index)
    return found


def _header_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


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
        # Most words of a note start no roster phrase: one look-up rules them out.
        self._first_words = frozenset(phrase.split()[0] for phrase in roster.entries)
        self._streets = tuple(roster.streets)

    def load(self) -> None:
        """The roster was read before the recognizer was made."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return each roster phrase in ``text``, longest first, as whole words; then the
        near matches: misspelt names, pupils' initials and birth dates.
        """
        results = [
            self._result(s, e, entry, SCORE, RECOGNIZER_NAME) for s, e, entry in self._matches(text)
        ]
        exact = [(r.start, r.end) for r in results]
        for start, end, entry in self._near_matches(text):
            if not any(s < end and start < e for s, e in exact):
                results.append(self._result(start, end, entry, NEAR_SCORE, NEAR_RECOGNIZER_NAME))
        for match in (
            *_NUMERIC_DATE.finditer(text),
            *_ISO_DATE.finditer(text),
            *_WRITTEN_DATE.finditer(text),
        ):
            born = self.roster.birth_dates.get(_date_of(match))  # type: ignore[arg-type]
            if born is not None:
                results.append(
                    self._result(match.start(), match.end(), born, SCORE, RECOGNIZER_NAME)
                )
        return results

    @staticmethod
    def _result(
        start: int, end: int, entry: RosterEntry, score: float, name: str
    ) -> RecognizerResult:
        return RecognizerResult(
            entry.entity,
            start,
            end,
            score,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: name,
                ROLE_KEY: entry.role.value,
                PERSON_KEY: entry.person,
                RELATED_KEY: entry.related,
            },
        )

    def _near_matches(self, text: str) -> Iterator[tuple[int, int, RosterEntry]]:
        """Misspelt capitalised names, and initials on a line about a pupil."""
        if self.roster.by_near_spelling:
            for word in _WORD.finditer(text):
                written = _bare(word.group())
                if len(written) < _MIN_MISSPELT - 1 or written.islower() or not written.isalpha():
                    continue
                entry = self._misspelt(written.lower())
                if entry is not None:
                    yield word.start(), word.start() + len(written), entry
        if self.roster.streets:
            for start, end, street in find_phrases(self._streets, text, any_case=True):
                if text[start].isupper():  # "Elm Road", not "the road by the elm"
                    yield start, end, self.roster.streets[street]
        if self.roster.initials:
            for match in _INITIALS.finditer(text):
                entry = self.roster.initials.get(match.group(1) + match.group(2))
                if entry is not None and _PUPIL_LINE.search(_line_around(text, match.start())):
                    yield match.start(), match.end(), entry

    def _matches(self, text: str) -> Iterator[tuple[int, int, RosterEntry]]:
        words = list(_WORD.finditer(text))
        bare = [_bare(w.group()) for w in words]
        lowered = [b.lower() for b in bare]
        index = 0
        while index < len(words):
            if lowered[index] not in self._first_words:
                index += 1
                continue
            for size in range(min(_MAX_WORDS, len(words) - index), 0, -1):
                entry = self.roster.entries.get(" ".join(lowered[index : index + size]))
                written = " ".join(bare[index : index + size])
                if entry and self._case_fits(written):
                    end = words[index + size - 1].start() + len(bare[index + size - 1])
                    yield words[index].start(), end, entry
                    index += size
                    break
            else:
                index += 1

    def _misspelt(self, word: str) -> RosterEntry | None:
        if word in self.english_words or word in self.roster.entries:
            return None
        for key in {word, *_deletions(word)}:
            for name, entry in self.roster.by_near_spelling.get(key, ()):
                if one_letter_apart(word, name):
                    return entry
        return None

    def _case_fits(self, written: str) -> bool:
        """A name that is also an English word must be capitalised to count."""
        return not (written.islower() and written in self.english_words)


def _line_around(text: str, index: int) -> str:
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return text[start : end if end != -1 else len(text)]


def _bare(word: str) -> str:
    """A word without a possessive ending: "Olivia's" -> "Olivia"."""
    return _POSSESSIVE_END.sub("", word)
