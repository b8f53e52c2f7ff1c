"""The pupil roster: every pupil's and contact's details from the school's MIS export.

``--roster pupils.csv`` reads the pupil and contact export that SIMS, Arbor or
Bromcom produce (one row per pupil, or per pupil and contact). Columns are found
by their usual headers (Forename, Legal Surname, Preferred Forename, Contact
Forename, Relationship, Address Line 1, Postcode, Telephone, Mobile, Email, UPN)
whatever their order. Each person becomes the phrases people actually write:
full names with legal and preferred parts, single names, the parts of a double-
barrelled surname, and "Mrs Pietrzyk" for contacts. Matching ignores case, except
for names that are also English words ("Grace", "Will"), which must be capitalised.

Beyond exact phrases the roster also finds what people actually type: a name of
five letters or more with one letter wrong ("Esmai" for "Esmae"), a pupil's
initials ("O.S.", "OS") wherever they stand,
and a pupil's date of birth in any common format. A contact is linked to the
pupil on the same row, so the pseudonym style can say "Parent of Pupil A".
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactor.detection.address import STREET_TYPES, WELSH_STREET_TYPES, rest_of_address
from redactor.detection.matching import PhraseSet
from redactor.detection.spans import Coverage
from redactor.detection.vocabulary import vocabulary
from redactor.exports import IDENTIFIER_ENTITIES, ListedPerson, ListedRow, ReadList, read_list
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
# "OS", "O.S.", "O. S.": letters joined, or each with its full stop; never "O S",
# which is two grades in a table as often as a pupil.
_INITIALS = re.compile(r"(?<![\w.])([A-Z])(?:\.[ \t]?)?([A-Z])\.?(?![\w])")
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
    r"(?<!\w)(\d{1,2})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?|-)"
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:,?\s+|-)(\d{4}|\d{2})(?!\w)",
    re.IGNORECASE,
)
# "June 16, 2016", "April 3rd 2015": the month first, as American forms write it.
_MONTH_FIRST_DATE = re.compile(
    r"(?<!\w)(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+"
    r"(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\w)",
    re.IGNORECASE,
)
DATE_FORMS = (_NUMERIC_DATE, _ISO_DATE, _WRITTEN_DATE, _MONTH_FIRST_DATE)
"""Every way of writing a date that :func:`parse_date` reads."""
_MAX_WORDS = 4
_NUMBER_TOKEN = re.compile(r"(?<![\w])\+?\(?[0-9A-Za-z]*\d[0-9A-Za-z]*\)?(?![\w])")
_NUMBER_GAP = re.compile(r"[ \t\-.]{1,3}|\)?[ \t]?")
# The street part of an address line: after any flat, house name or number, a name
# that ends in a street type ("Elm Road") or starts with a Welsh one ("Heol y Parc").
_STREET_OF = re.compile(
    rf"(?<![\w])(?P<street>(?:[A-Za-z][\w'’-]*\s+){{1,3}}(?:{STREET_TYPES})|(?:{WELSH_STREET_TYPES})(?:\s+[\w'’-]+){{1,3}})\.?$",
    re.IGNORECASE,
)
_CONTACT_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr")
_WORD = re.compile(r"[^\W_][\w'’-]*")
_POSSESSIVE_END = re.compile(r"['’]s?$")


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
    numbers: dict[str, RosterEntry] = field(default_factory=dict)
    """Phones and identifiers by their letters and digits alone (:func:`number_key`)."""
    lists: tuple[ListCount, ...] = ()
    """What was read from each export (counts only)."""


def load_roster(paths: Path | Sequence[Path], columns: Mapping[str, str] | None = None) -> Roster:
    """Read one or more MIS exports by the meaning of their columns (see
    :mod:`redactor.exports`); a file whose columns cannot be understood stops the run.

    ``columns`` maps this school's own headers to fields (``forename``, ``dob``,
    ``ignore``...), where a header is not one the reader knows.
    """
    lists = [
        read_list(path, "pupil export", columns)
        for path in ([paths] if isinstance(paths, Path) else paths)
    ]
    builder = _RosterBuilder()
    for listed in lists:
        for row in listed.rows:
            builder.add_row(row)
    return builder.roster(tuple(_counted(listed) for listed in lists))


def _counted(listed: ReadList) -> ListCount:
    people, values = listed.count()
    return ListCount(listed.path.name, people, values)


@dataclass(frozen=True)
class ListCount:
    """How much was read from one list: counts only, for the screen and the record."""

    name: str
    people: int
    values: int


class _RosterBuilder:
    """Turns export rows into the phrases and indexes of a :class:`Roster`."""

    def __init__(self) -> None:
        self.entries: dict[str, RosterEntry] = {}
        self.initials: dict[str, RosterEntry] = {}
        self.birth_dates: dict[datetime.date, RosterEntry] = {}
        self.streets: dict[str, RosterEntry] = {}
        self.numbers: dict[str, RosterEntry] = {}
        self.pupils: set[str] = set()
        self.contacts: set[str] = set()

    def add_row(self, row: ListedRow) -> None:
        pupil = row.person.key
        if not pupil:
            return
        self.pupils.add(pupil)
        entry = RosterEntry("PERSON", Role.PUPIL, pupil)
        _add(self.entries, person_phrases(row.person, titles=False), entry)
        _add(self.entries, _short_phrases(row.person), entry)
        for letters in _initials_of(row.person):
            self.initials.setdefault(letters, entry)
        for written in row.person.details.get("dob", ()):
            born = parse_date(written)
            if born is not None:
                self.birth_dates.setdefault(born, RosterEntry("DOB", Role.PUPIL, pupil))
        for fieldname, entity in IDENTIFIER_ENTITIES.items():
            for value in row.person.details.get(fieldname, ()):
                self._add_number(value, RosterEntry(entity, Role.PUPIL, pupil))
        first_contact = None
        for contact in row.contacts:
            key = (
                contact.key
                or " ".join(
                    f"{t} {s}" for t in contact.titles[:1] for s in contact.surnames[:1]
                ).lower()
            )
            if not key:
                continue
            self.contacts.add(key)
            parent = RosterEntry("PERSON", Role.PARENT, key, related=pupil)
            first_contact = first_contact or parent
            _add(self.entries, person_phrases(contact, titles=True), parent)
            self._add_details(contact, parent)
        household = first_contact or RosterEntry("", Role.PARENT, pupil)
        self._add_details(row.person, household)

    def _add_details(self, person: ListedPerson, owner: RosterEntry) -> None:
        """A person's address, postcode, phones and e-mails, as ``owner``'s."""

        def entry(entity: str) -> RosterEntry:
            return RosterEntry(entity, owner.role, owner.person, owner.related)

        for value in person.details.get("address", ()):
            for part in address_parts(value):
                if _POSTCODE_IN.fullmatch(part):
                    _add(self.entries, [part], entry("POSTCODE"))
                    continue
                _add(self.entries, [part], entry("ADDRESS"))
                street = street_of(part)
                if street:
                    self.streets.setdefault(street, entry("ADDRESS"))
            for postcode in _POSTCODE_IN.findall(value):
                _add(self.entries, [postcode], entry("POSTCODE"))
        _add(self.entries, list(person.details.get("postcode", ())), entry("POSTCODE"))
        _add(self.entries, list(person.details.get("email", ())), entry("EMAIL"))
        for value in person.details.get("phone", ()):
            self._add_number(value, entry("PHONE"))
        for fieldname, entity in IDENTIFIER_ENTITIES.items():
            for value in person.details.get(fieldname, ()):
                self._add_number(value, entry(entity))

    def _add_number(self, value: str, entry: RosterEntry) -> None:
        """A phone or an identifier, found later in any spacing ("07700900123")."""
        key = number_key(value)
        if len(key) >= _MIN_NUMBER:
            self.numbers.setdefault(key, entry)
        _add(self.entries, [value], entry)

    def roster(self, lists: tuple[ListCount, ...]) -> Roster:
        return Roster(
            self.entries,
            pupils=len(self.pupils),
            contacts=len(self.contacts),
            initials=self.initials,
            birth_dates=self.birth_dates,
            by_near_spelling=_near_spelling_index(self.entries),
            streets=self.streets,
            numbers=self.numbers,
            lists=lists,
        )


_MIN_NUMBER = 4
_POSTCODE_IN = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)


def number_key(value: str) -> str:
    """A phone or identifier reduced to its letters and digits, upper case; a UK
    phone's +44 becomes its leading 0: "+44 (0)7700 900-123" -> "07700900123".
    """
    key = re.sub(r"[^0-9A-Za-z]", "", value).upper()
    if not value.lstrip().startswith("+44"):
        return key
    return "0" + key[3:] if key.startswith("440") else "0" + key[2:]


def address_parts(value: str) -> list[str]:
    """The parts of an address field worth finding on their own: lines or comma parts
    with a number or a street in them, and postcodes. A town or area alone
    ("Llanelli") is never one: it would redact every mention of the town.
    """
    parts = [" ".join(p.split()) for p in re.split(r"[,\n]", value)]
    wanted = []
    for index, part in enumerate(parts):
        if not part:
            continue
        if _POSTCODE_IN.fullmatch(part) or re.search(r"\d", part) or street_of(part):
            wanted.append(part)
            # "Flat 2" and "14 Elm Road" also as one phrase: "Flat 2, 14 Elm Road".
            if index + 1 < len(parts) and re.fullmatch(r"(?i)(?:flat|apartment|unit)\s*\w+", part):
                wanted.append(f"{part} {parts[index + 1]}")
    return wanted


def person_phrases(person: ListedPerson, *, titles: bool) -> list[str]:
    """The ways a listed person's name is written: "Jo Smith", "Smith Jo" (a register's
    "SMITH, Jo"), "Jo Ann Smith", each forename and surname alone, the parts of a
    double-barrelled surname, and "Mrs Smith" for a contact (with the listed title, and
    the usual ones, since exports rarely carry a contact's title).
    """
    firsts = [f for f in person.forenames if len(f.rstrip(".")) > 1]
    lasts = list(person.surnames)
    names = [f"{f} {s}" for f in firsts for s in lasts]
    names += [f"{s} {f}" for f in firsts for s in lasts]
    if person.middle and firsts and lasts:
        names.append(" ".join((firsts[0], *person.middle, lasts[0])))
    names += firsts + lasts
    for last in lasts:
        names += [part for part in re.split(r"[-\s]", last) if len(part) >= 3]
        if titles:
            names += [f"{t} {last}" for t in (*person.titles, *_CONTACT_TITLES)]
            names += [f"{t} {f} {last}" for t in person.titles for f in firsts]
    return names


def street_of(address_line: str) -> str:
    """The street of an address line without flat or house number, lower case, or ""
    when the line names no street: "Flat 2, 14 Elm Road" -> "elm road".
    """
    line = " ".join(address_line.split())
    match = _STREET_OF.search(line)
    return match.group("street").lower() if match else ""


def _add(entries: dict[str, RosterEntry], phrases: list[str], entry: RosterEntry) -> None:
    for phrase in phrases:
        key = " ".join(phrase.lower().split())
        if len(key) >= 2 and key not in entries:  # a pupil's entry, added first, wins
            entries[key] = entry


def _short_phrases(person: ListedPerson) -> list[str]:
    """How notes shorten a child's name: "T Pask", "Pask, T.", "Tansy P", "Idris P-W" for a
    double-barrelled surname, "E-M" and "E-M P" for a hyphenated forename.
    """
    phrases = []
    for first in (f for f in person.forenames if len(f.rstrip(".")) > 1):
        parts = [p for p in first.split("-") if p]
        for last in person.surnames:
            phrases += [f"{first[0]} {last}", f"{last} {first[0]}", f"{first} {last[0]}"]
            pieces = [p for p in re.split(r"[-\s]", last) if p]
            if len(pieces) > 1:
                phrases.append(f"{first} {'-'.join(p[0] for p in pieces)}")
            if len(parts) > 1:
                phrases += [
                    "-".join(p[0] for p in parts),
                    f"{'-'.join(p[0] for p in parts)} {last[0]}",
                ]
    return phrases


def _initials_of(person: ListedPerson) -> set[str]:
    found = {(f[:1] + s[:1]).upper() for f in person.forenames for s in person.surnames if f and s}
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
    for form in DATE_FORMS:
        match = form.fullmatch(text)
        if match:
            return date_of(match)
    return None


def date_of(match: re.Match[str]) -> datetime.date | None:
    """The date a match of one of :data:`DATE_FORMS` stands for, if it is a real date."""
    if match.re is _ISO_DATE:
        year, month, day = (int(g) for g in match.groups())
    elif match.re is _NUMERIC_DATE:
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    elif match.re is _MONTH_FIRST_DATE:
        day, month, year = (
            int(match.group(2)),
            _MONTHS[match.group(1)[:3].lower()],
            int(match.group(3)),
        )
    else:
        day, month, year = (
            int(match.group(1)),
            _MONTHS[match.group(2)[:3].lower()],
            int(match.group(3)),
        )
    if year < 100:
        year += 2000 if 2000 + year <= datetime.date.today().year else 1900
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


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
        self._streets = PhraseSet(list(roster.streets), any_case=True)

    def load(self) -> None:
        """The roster was read before the recognizer was made."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return each roster phrase in ``text``, longest first, as whole words; then the
        near matches: misspelt names, pupils' initials and birth dates.
        """
        results = [
            self._result(
                s,
                rest_of_address(text, e) if entry.entity == "ADDRESS" else e,
                entry,
                SCORE,
                RECOGNIZER_NAME,
            )
            for s, e, entry in self._matches(text)
        ]
        exact = Coverage(len(text), [(r.start, r.end) for r in results])
        for start, end, entry in self._near_matches(text):
            if not exact.overlaps(start, end):
                results.append(self._result(start, end, entry, NEAR_SCORE, NEAR_RECOGNIZER_NAME))
        for match in (m for form in DATE_FORMS for m in form.finditer(text)):
            born = self.roster.birth_dates.get(date_of(match))  # type: ignore[arg-type]
            if born is not None:
                results.append(
                    self._result(match.start(), match.end(), born, SCORE, RECOGNIZER_NAME)
                )
        for start, end, entry in self._number_matches(text):
            if not exact.overlaps(start, end):
                results.append(self._result(start, end, entry, SCORE, RECOGNIZER_NAME))
        return results

    def _number_matches(self, text: str) -> Iterator[tuple[int, int, RosterEntry]]:
        """Listed phones and identifiers in any spacing: up to five runs of digits (and
        letters) joined by a space, dash, dot or bracket, longest first.
        """
        if not self.roster.numbers:
            return
        tokens = list(_NUMBER_TOKEN.finditer(text))
        index = 0
        while index < len(tokens):
            for size in range(min(5, len(tokens) - index), 0, -1):
                group = tokens[index : index + size]
                if any(
                    not _NUMBER_GAP.fullmatch(text, a.end(), b.start())
                    for a, b in zip(group, group[1:], strict=False)
                ):
                    continue
                start, end = group[0].start(), group[-1].end()
                entry = self.roster.numbers.get(number_key(text[start:end]))
                if entry is not None:
                    yield start, end, entry
                    index += size
                    break
            else:
                index += 1

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
        """Misspelt capitalised names, and a pupil's initials wherever they stand: a
        short form a child has is redacted even where a colleague shares it, unless
        the document settles it (docs/detection.md, rules 4 and 5).
        """
        if self.roster.by_near_spelling:
            for word in _WORD.finditer(text):
                written = _bare(word.group())
                if len(written) < _MIN_MISSPELT - 1 or written.islower() or not written.isalpha():
                    continue
                entry = self._misspelt(written.lower())
                if entry is not None:
                    yield word.start(), word.start() + len(written), entry
        if self.roster.streets:
            for start, end, street in self._streets.find(text):
                if text[start].isupper():  # "Elm Road", not "the road by the elm"
                    yield start, end, self.roster.streets[street]
        if self.roster.initials:
            for match in _INITIALS.finditer(text):
                entry = self.roster.initials.get(match.group(1) + match.group(2))
                if entry is not None:
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
        """A name that is also an English word must be capitalised to count, and so
        must an initial ("T Pask", never "a baker").
        """
        if len(written.split()[0]) == 1 and written[0].isalpha() and written[0].islower():
            return False
        return not (written.islower() and written in self.english_words)


def _bare(word: str) -> str:
    """A word without a possessive ending: "Olivia's" -> "Olivia"."""
    return _POSSESSIVE_END.sub("", word)
