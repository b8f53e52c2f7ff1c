"""Deterministic synthetic UK school notes, for benchmarks and accuracy scoring.

    from corpus_gen import generate_notes, generate_annotated_notes
    texts = generate_notes(500, seed=2024)           # list[str]
    notes = generate_annotated_notes(500, seed=2024) # list[Note]: text + entity spans

The benchmark notes: every note is one of five kinds (staff briefing items, incident log entries,
SEN notes, emails, minutes paragraphs), between 150 and 600 words (mean about
300), written from templates and the name, street and town lists below. Each
note has its own cast: a pupil, a parent or carer, a sibling, friends and
staff, with an address, phone numbers, email addresses and identifiers.

All personal data is fictitious and unroutable by construction:

* phone numbers come only from Ofcom's drama ranges (07700 900000-900999 and
  01632 960000-960999);
* email addresses are only at example.com and example.org;
* postcodes are valid in format (outward code of a real area, inward code from
  the letters Royal Mail uses), not looked up against real addresses;
* NHS numbers start with 999 (the range reserved for testing), UPNs and ULNs
  carry valid check characters so checksum validators accept them.

:func:`generate_annotated_notes` also returns where each piece of personal data
was written (character offsets, a label using redactor's entity names: PERSON,
PHONE, EMAIL, ADDRESS, POSTCODE, UPN, ULN, NHS_NUMBER, DOB, and whose it is:
pupil, parent, staff or other), so an accuracy scorer can compare findings
against them. The same ``(n, seed)`` always gives the same notes, on any
machine and Python version 3.12+.

The richer development corpus is built on these lists and templates by
``devcorpus_gen.py``.
"""

from __future__ import annotations

import datetime
import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

MIN_WORDS = 150
MAX_WORDS = 600
KINDS = ("briefing", "incident", "sen", "email", "minutes")

# --- the lists -----------------------------------------------------------------
# fmt: off

GIRLS = (
    "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Freya", "Poppy", "Ruby", "Evie",
    "Grace", "Hannah", "Chloe", "Lily", "Sophie", "Ella", "Aisha", "Fatima", "Zainab",
    "Maryam", "Hafsa", "Khadija", "Amira", "Leila", "Yasmin", "Priya", "Ananya", "Simran",
    "Harpreet", "Jasleen", "Niamh", "Siobhan", "Aoife", "Roisin", "Eilidh", "Kirsty",
    "Catrin", "Ffion", "Seren", "Cerys", "Zofia", "Oliwia", "Maja", "Zuzanna", "Amara",
    "Chiamaka", "Adaeze", "Folake", "Abena", "Ama", "Mei", "Xin", "Hoa", "Elif", "Zeynep",
    "Bianca", "Ioana", "Giulia", "Ines", "Nadia", "Tiana", "Shanice", "Keira", "Amber",
)
BOYS = (
    "Oliver", "George", "Noah", "Arthur", "Leo", "Theo", "Harry", "Jack", "Alfie", "Freddie",
    "Charlie", "Thomas", "Muhammad", "Mohammed", "Ibrahim", "Yusuf", "Omar", "Hamza",
    "Bilal", "Zayn", "Arjun", "Rohan", "Dev", "Aarav", "Gurpreet", "Harjeet", "Kwame",
    "Kofi", "Tunde", "Chidi", "Emeka", "Femi", "Jakub", "Kacper", "Szymon", "Tomasz",
    "Dylan", "Rhys", "Osian", "Callum", "Finlay", "Ruaridh", "Cian", "Oisin", "Liam",
    "Jayden", "Tyrone", "Malik", "Wei", "Jun", "Minh", "Emre", "Mehmet", "Luca", "Mateo",
    "Andrei", "Stefan", "Tiago", "Reuben", "Samuel", "Ezra", "Kai", "Ellis", "Louie",
)
ADULT_WOMEN = (
    "Sarah", "Claire", "Emma", "Rebecca", "Laura", "Gemma", "Kelly", "Nicola", "Joanne",
    "Rachel", "Samantha", "Shabana", "Nasreen", "Rukhsana", "Sunita", "Anita", "Manjit",
    "Parveen", "Bernadette", "Siobhan", "Bronwen", "Rhiannon", "Morag", "Agnieszka",
    "Katarzyna", "Ngozi", "Funmilayo", "Grace", "Akosua", "Lan", "Huong", "Ayse",
    "Maria", "Ana", "Denise", "Tracey", "Lisa", "Michelle", "Aaliyah", "Zara",
)
ADULT_MEN = (
    "David", "Mark", "Paul", "Andrew", "Richard", "Daniel", "Craig", "Lee", "Gareth",
    "Stuart", "Imran", "Tariq", "Asif", "Rajesh", "Sanjay", "Kuldip", "Sean", "Declan",
    "Iain", "Hamish", "Dafydd", "Huw", "Piotr", "Marek", "Chinedu", "Oluwaseun", "Kwabena",
    "Wei", "Duc", "Hakan", "Marco", "Joao", "Wayne", "Darren", "Kevin", "Nathan",
)
SURNAMES = (
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
    "Roberts", "Johnson", "Walker", "Wright", "Robinson", "Thompson", "Hughes", "Edwards",
    "Green", "Hall", "Wood", "Clarke", "Lewis", "Harris", "Jackson", "Turner", "Bailey",
    "Khan", "Ahmed", "Hussain", "Ali", "Begum", "Rahman", "Chowdhury", "Iqbal", "Mahmood",
    "Akhtar", "Patel", "Singh", "Kaur", "Sharma", "Gill", "Sandhu", "Mistry", "Okafor",
    "Adeyemi", "Mensah", "Owusu", "Boateng", "Nwosu", "Osei", "Adebayo", "Kowalski",
    "Nowak", "Wiśniewski", "Wójcik", "Kamińska", "Murphy", "O'Brien", "O'Connor",
    "McDonald", "MacLeod", "Campbell", "Fraser", "Llewellyn", "Pritchard", "Chen", "Wong",
    "Li", "Nguyen", "Tran", "Yilmaz", "Demir", "Rossi", "Silva", "Santos", "Popescu",
    "Walker-Smith", "Ellis-Brown", "Reid", "Kelly", "Doherty", "Ferreira", "Costa",
)
STREETS = (
    "Elm Road", "Victoria Street", "Church Lane", "Station Road", "Mill Close", "Park Avenue",
    "Beech Grove", "Meadow View", "Orchard Way", "Castle Terrace", "Brook Crescent",
    "Hawthorn Drive", "Albert Road", "Windsor Gardens", "Queens Road", "Cedar Court",
    "Willow Walk", "Oak Tree Close", "Chapel Street", "Mount Pleasant Road", "Heather Rise",
    "Kingfisher Way", "Foxglove Close", "Canal Street", "Jubilee Avenue", "Primrose Lane",
    "Ashfield Road", "Greenhill Drive", "Nelson Street", "Rosemary Place", "Sycamore Mews",
    "Hillside Crescent", "Water Lane", "Riverside Drive", "Clifton Grove", "Alexandra Road",
    "Raglan Street", "Heol Y Parc", "Burnside Avenue", "Market Street",
)
# (town, postcode area, highest district number used)
TOWNS = (
    ("Basingstoke", "RG", 29), ("Leeds", "LS", 29), ("Bradford", "BD", 22),
    ("Leicester", "LE", 19), ("Cardiff", "CF", 24), ("Swansea", "SA", 18),
    ("Glasgow", "G", 46), ("Edinburgh", "EH", 17), ("Manchester", "M", 40),
    ("Birmingham", "B", 48), ("Bristol", "BS", 16), ("Norwich", "NR", 14),
    ("Plymouth", "PL", 9), ("Newcastle upon Tyne", "NE", 15), ("Sheffield", "S", 35),
    ("Nottingham", "NG", 16), ("Luton", "LU", 4), ("Croydon", "CR", 9),
    ("Ilford", "IG", 6), ("Southall", "UB", 2), ("Oldham", "OL", 9),
    ("Blackburn", "BB", 2), ("Belfast", "BT", 17), ("Derby", "DE", 24),
    ("Exeter", "EX", 4), ("York", "YO", 32), ("Hull", "HU", 9), ("Coventry", "CV", 6),
    ("Slough", "SL", 3), ("Wolverhampton", "WV", 14), ("Preston", "PR", 5),
    ("Inverness", "IV", 3), ("Aberdeen", "AB", 25), ("Dundee", "DD", 5),
    ("Stoke-on-Trent", "ST", 6), ("Peterborough", "PE", 7), ("Bolton", "BL", 6),
)
# Letters Royal Mail uses in the inward code (never C, I, K, M, O or V).
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
YEAR_GROUPS = ("Reception", *(f"Year {n}" for n in range(1, 12)))
SUBJECTS = (
    "maths", "English", "science", "PE", "art", "music", "history", "geography",
    "computing", "RE", "French", "phonics", "guided reading", "DT",
)
PLACES = (
    "the playground", "the dinner hall", "the corridor outside the library", "the classroom",
    "the changing rooms", "the school gate", "the field", "the toilets by the hall",
    "the lunch queue", "the bus bay", "the quiet room", "the ICT suite",
)
AGENCIES = (
    "CAMHS", "Early Help", "the school nurse", "children's social care", "the educational "
    "psychologist", "the speech and language therapist", "the MASH team", "the GP",
    "occupational therapy", "the attendance officer", "the virtual school",
)
PARENT_RELATIONS = (
    ("mum", "F"), ("mum", "F"), ("mum", "F"), ("dad", "M"), ("dad", "M"),
    ("stepdad", "M"), ("gran", "F"), ("foster carer", "F"), ("carer", "F"), ("aunt", "F"),
)
STAFF_ROLES = (
    "class teacher", "SENCo", "DSL", "deputy DSL", "head of year", "teaching assistant",
    "learning mentor", "office manager", "family support worker", "pastoral lead",
    "attendance lead", "deputy head",
)

# fmt: on

# --- annotated notes -------------------------------------------------------------

PUPIL, PARENT, STAFF, OTHER = "pupil", "parent", "staff", "other"
ROLES = (PUPIL, PARENT, STAFF, OTHER)
"""Whose each piece of personal data is. Siblings and friends are pupils; doctors,
social workers, police officers and agency staff are "other"; governors and the
clerk are staff (a school's staff list names them)."""


@dataclass(frozen=True)
class Entity:
    """One piece of personal data in a note: ``text[start:end]`` is ``value``."""

    start: int
    end: int
    label: str
    value: str
    role: str = OTHER


@dataclass(frozen=True)
class Contact:
    """A pupil's parent or carer as a school's MIS holds them."""

    title: str
    forename: str
    surname: str
    relationship: str
    address: str
    postcode: str
    telephone: str
    mobile: str
    email: str


@dataclass(frozen=True)
class Pupil:
    """A pupil as a school's MIS holds them, with their contacts."""

    forename: str
    surname: str
    preferred: str
    year: str
    reg_group: str
    upn: str
    dob: datetime.date
    contacts: tuple[Contact, ...]


@dataclass(frozen=True)
class Note:
    """One synthetic note, its kind, and every piece of personal data written into it.

    Notes of the development corpus also carry an ``id`` and the pupils of their
    cast (with their contacts), from which the school roster is written.
    """

    kind: str
    text: str
    entities: tuple[Entity, ...] = field(repr=False)
    id: str = ""
    pupils: tuple[Pupil, ...] = field(default=(), repr=False)

    @property
    def words(self) -> int:
        """Whitespace-separated words, the unit of every words/s figure."""
        return len(self.text.split())


def generate_notes(n: int, seed: int) -> list[str]:
    """``n`` synthetic school notes as plain strings (same ``n`` and ``seed``, same notes)."""
    return [note.text for note in generate_annotated_notes(n, seed)]


def generate_annotated_notes(n: int, seed: int) -> list[Note]:
    """``n`` synthetic school notes with the offsets of their personal data.

    The kinds come in equal shares (a fifth each, give or take one), in a
    seeded shuffled order. These are the benchmark notes (five kinds, one cast
    per note); :func:`generate_dev_corpus` writes the richer development corpus.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    rng = random.Random(seed)
    kinds = [KINDS[index % len(KINDS)] for index in range(n)]
    rng.shuffle(kinds)
    return [_write_note(kind, rng) for kind in kinds]


# --- building one note -------------------------------------------------------------

_SLOT = re.compile(r"\{(\w+)\}")
Slot = tuple[str, str | None, str | None]
"""A slot's value, its label (None: not personal data) and whose it is."""
Slots = dict[str, Slot]
Parts = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
"""A kind's templates: openings, body sentences, closings."""


class _Builder:
    """Appends text and remembers where the personal data went."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.entities: list[Entity] = []

    def add(self, text: str, label: str | None = None, role: str | None = None) -> None:
        if label is not None:
            end = self._length + len(text)
            self.entities.append(Entity(self._length, end, label, text, role or OTHER))
        self._parts.append(text)
        self._length += len(text)

    def render(self, template: str, slots: Slots) -> None:
        """Write a template, each ``{slot}`` replaced by its value (labelled if it is PII)."""
        position = 0
        for match in _SLOT.finditer(template):
            self.add(template[position : match.start()])
            self.add(*slots[match.group(1)])
            position = match.end()
        self.add(template[position:])

    def extend(self, other: _Builder) -> None:
        """Append another builder's text and entities."""
        shift = self._length
        self.entities += [
            replace(e, start=e.start + shift, end=e.end + shift) for e in other.entities
        ]
        self.add(other.text)

    def quoted(self, width: int) -> _Builder:
        """This text as an email client quotes it: lines wrapped near ``width`` and
        each started with "> ". A value can end up broken across two lines."""
        text, out, where, column = self.text, ["> "], [0] * len(self.text), 0
        position = 2
        for index, char in enumerate(text):
            where[index] = position
            next_word = _word_length(text, index + 1) if char == " " else 0
            if char == "\n" or (char == " " and column + next_word >= width):
                out.append("\n> ")
                position, column = position + 3, 0
            else:
                out.append(char)
                position, column = position + 1, column + 1
        result = _Builder()
        result.add("".join(out))
        for e in self.entities:
            start, end = where[e.start], where[e.end - 1] + 1
            result.entities.append(replace(e, start=start, end=end, value=result.text[start:end]))
        return result

    @property
    def text(self) -> str:
        return "".join(self._parts)


def _word_length(text: str, start: int) -> int:
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    return end - start


def _ascii(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in ".-"))


def _mobile(rng: random.Random) -> tuple[str, str]:
    """A mobile number as someone wrote it, and as an MIS stores it."""
    digits = f"{rng.randrange(1000):03d}"
    written = rng.choice(
        (
            f"07700 900{digits}",
            f"07700900{digits}",
            f"07700 900 {digits}",
            f"+44 7700 900{digits}",
            f"07700-900-{digits}",
        )
    )
    return written, f"07700 900{digits}"


def _landline(rng: random.Random) -> tuple[str, str]:
    """A landline number as someone wrote it, and as an MIS stores it."""
    digits = f"{rng.randrange(1000):03d}"
    written = rng.choice((f"01632 960{digits}", f"(01632) 960{digits}", f"01632 960 {digits}"))
    return written, f"01632 960{digits}"


def _postcode(rng: random.Random, area: str, top: int) -> str:
    district = rng.randint(1, top)
    inward = f"{rng.randint(0, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
    return f"{area}{district} {inward}"


def _upn(rng: random.Random) -> str:
    """A UPN whose check letter is right (DfE algorithm: weights 2..13, mod 23)."""
    body = f"{rng.randint(201, 938):03d}{rng.randint(2000, 7999):04d}"
    body += f"{rng.randint(10, 24):02d}{rng.randrange(1000):03d}"
    total = sum(int(d) * w for d, w in zip(body, range(2, 14), strict=True))
    return _UPN_LETTERS[total % 23] + body


def _uln(rng: random.Random) -> str:
    """A ULN with a valid check digit (weights 10..2; check = 10 - remainder)."""
    while True:
        body = str(rng.randint(1, 9)) + "".join(str(rng.randrange(10)) for _ in range(8))
        remainder = sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True)) % 11
        if remainder != 0:
            return body + str(10 - remainder)


def _nhs(rng: random.Random) -> str:
    """An NHS number in the 999 test range with a valid modulus-11 check digit."""
    while True:
        body = "999" + "".join(str(rng.randrange(10)) for _ in range(6))
        check = 11 - sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True)) % 11
        if check == 11:
            check = 0
        if check != 10:
            digits = body + str(check)
            return rng.choice((f"{digits[:3]} {digits[3:6]} {digits[6:]}", digits))


def _dob(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2008, 2020)
    written = (f"{day:02d}/{month:02d}/{year}", f"{day} {MONTHS[month - 1]} {year}")
    return rng.choice((*written, f"{day}.{month}.{year}"))


def _date(rng: random.Random) -> str:
    return f"{rng.choice(WEEKDAYS)} {rng.randint(1, 28)} {rng.choice(MONTHS)}"


@dataclass(frozen=True)
class Names:
    """The name lists a cast is drawn from."""

    girls: tuple[str, ...]
    boys: tuple[str, ...]
    women: tuple[str, ...]
    men: tuple[str, ...]
    surnames: tuple[str, ...]


@dataclass(frozen=True)
class StaffMember:
    """Someone on the school's staff list (governors and the clerk included)."""

    title: str
    forename: str
    surname: str
    role: str

    @property
    def formal(self) -> str:
        return f"{self.title} {self.surname}"

    @property
    def full(self) -> str:
        return f"{self.forename} {self.surname}"


@dataclass(frozen=True)
class _Family:
    """The facts behind one cast that its slots do not keep whole."""

    pupil_first: str
    surname: str
    parent_title: str
    parent_first: str
    parent_last: str
    relation: str
    sibling: str
    friends: tuple[tuple[str, str], ...]
    flat: str
    street_line: str
    town: str
    postcode: str
    mobile: str
    landline: str
    email: str
    upn: str
    year: str
    reg_group: str


CLASSIC_NAMES = Names(GIRLS, BOYS, ADULT_WOMEN, ADULT_MEN, SURNAMES)


def _cast(
    rng: random.Random,
    names: Names = CLASSIC_NAMES,
    staff: Sequence[StaffMember] | None = None,
) -> tuple[Slots, _Family]:
    """Everyone and everything one note talks about, consistent within the note.

    Without a ``staff`` list, the note's three staff are made up for it; with one
    they are drawn from it. (The draws are in a fixed order: the benchmark notes
    stay the same from one version of this module to the next.)
    """
    girl = rng.random() < 0.5
    pupil_first = rng.choice(names.girls if girl else names.boys)
    family = rng.choice(names.surnames)
    relation, sex = rng.choice(PARENT_RELATIONS)
    parent_first = rng.choice(names.women if sex == "F" else names.men)
    parent_last = family if rng.random() < 0.7 else rng.choice(names.surnames)
    title = rng.choice(("Mrs", "Ms", "Miss")) if sex == "F" else "Mr"
    sibling = rng.choice(names.girls + names.boys)
    friends = rng.sample(names.girls + names.boys, 2)
    friend_families = rng.sample(names.surnames, 2)
    if staff is None:
        staff_last = rng.sample(names.surnames, 3)
        staff_first = [rng.choice(names.women + names.men) for _ in range(3)]
        staff_titles = [rng.choice(("Mrs", "Mr", "Ms", "Miss", "Dr", "Mx")) for _ in range(3)]
        roles = rng.sample(STAFF_ROLES, 3)
        team = [
            StaffMember(*person)
            for person in zip(staff_titles, staff_first, staff_last, roles, strict=True)
        ]
    else:
        team = rng.sample(list(staff), 3)
    town, area, top = rng.choice(TOWNS)
    postcode = _postcode(rng, area, top)
    number = rng.choice((str(rng.randint(1, 180)), f"{rng.randint(1, 99)}{rng.choice('ab')}"))
    street = rng.choice(STREETS)
    flat = f"Flat {rng.randint(1, 24)}, " if rng.random() < 0.15 else ""
    address = rng.choice(
        (
            f"{flat}{number} {street}, {town} {postcode}",
            f"{flat}{number} {street}, {town}, {postcode}",
            f"{number} {street}, {town}",
        )
    )
    mail_user = rng.choice(
        (
            f"{_ascii(parent_first).lower()}.{_ascii(parent_last).lower()}",
            f"{_ascii(parent_first)[0].lower()}{_ascii(parent_last).lower()}{rng.randint(1, 99)}",
            f"{_ascii(parent_last).lower()}family",
        )
    )
    staff_mail = f"{_ascii(team[0].forename)[0].lower()}.{_ascii(team[0].surname).lower()}"
    phone, mobile = _mobile(rng)
    phone2, _ = _mobile(rng)
    landline, telephone = _landline(rng)
    email = f"{mail_user}@{rng.choice(('example.com', 'example.org'))}"
    upn, uln, nhs = _upn(rng), _uln(rng), _nhs(rng)
    dob = _dob(rng)
    year = rng.choice(YEAR_GROUPS)
    reg_group = f"{rng.randint(1, 6)}{rng.choice('ABCDEFGHJKLMNPRSTW')}"
    slots: Slots = {
        "pupil": (f"{pupil_first} {family}", "PERSON", PUPIL),
        "pupil_first": (pupil_first, "PERSON", PUPIL),
        "pronoun": ("she" if girl else "he", None, None),
        "Pronoun": ("She" if girl else "He", None, None),
        "their": ("her" if girl else "his", None, None),
        "them": ("her" if girl else "him", None, None),
        "parent": (f"{parent_first} {parent_last}", "PERSON", PARENT),
        "parent_first": (parent_first, "PERSON", PARENT),
        "parent_title": (f"{title} {parent_last}", "PERSON", PARENT),
        "rel": (relation, None, None),
        "sibling": (sibling, "PERSON", PUPIL),
        "sibling_full": (f"{sibling} {family}", "PERSON", PUPIL),
        "friend1": (f"{friends[0]} {friend_families[0]}", "PERSON", PUPIL),
        "friend1_first": (friends[0], "PERSON", PUPIL),
        "friend2": (f"{friends[1]} {friend_families[1]}", "PERSON", PUPIL),
        "friend2_first": (friends[1], "PERSON", PUPIL),
        "address": (address, "ADDRESS", PARENT),
        "street": (street, "ADDRESS", PARENT),
        "postcode": (postcode, "POSTCODE", PARENT),
        "town": (town, None, None),
        "phone": (phone, "PHONE", PARENT),
        "phone2": (phone2, "PHONE", PARENT),
        "landline": (landline, "PHONE", PARENT),
        "email": (email, "EMAIL", PARENT),
        "staff_email": (f"{staff_mail}@example.org", "EMAIL", STAFF),
        "upn": (upn, "UPN", PUPIL),
        "uln": (uln, "ULN", PUPIL),
        "nhs": (nhs, "NHS_NUMBER", PUPIL),
        "dob": (dob, "DOB", PUPIL),
        "year": (year, None, None),
        "class": (reg_group, None, None),
        "date": (_date(rng), None, None),
        "date2": (_date(rng), None, None),
        "time": (f"{rng.randint(8, 15)}:{rng.choice(('00', '15', '20', '30', '45'))}", None, None),
        "time2": (f"{rng.randint(8, 15)}.{rng.choice(('10', '25', '35', '40', '55'))}", None, None),
        "weekday": (rng.choice(WEEKDAYS), None, None),
        "subject": (rng.choice(SUBJECTS), None, None),
        "place": (rng.choice(PLACES), None, None),
        "agency": (rng.choice(AGENCIES), None, None),
        "agency2": (rng.choice(AGENCIES), None, None),
        "n": (str(rng.randint(2, 9)), None, None),
        "pct": (str(rng.randint(71, 97)), None, None),
        "item": (str(rng.randint(2, 11)), None, None),
    }
    for index, member in enumerate(team, start=1):
        slots[f"staff{index}"] = (member.formal, "PERSON", STAFF)
        slots[f"staff{index}_full"] = (member.full, "PERSON", STAFF)
        slots[f"staff{index}_role"] = (member.role, None, None)
    facts = _Family(
        pupil_first=pupil_first,
        surname=family,
        parent_title=title,
        parent_first=parent_first,
        parent_last=parent_last,
        relation=relation,
        sibling=sibling,
        friends=tuple(zip(friends, friend_families, strict=True)),
        flat=flat.removesuffix(", "),
        street_line=f"{number} {street}",
        town=town,
        postcode=postcode,
        mobile=mobile,
        landline=telephone,
        email=email,
        upn=upn,
        year=year,
        reg_group=reg_group,
    )
    return slots, facts


def _target_words(rng: random.Random) -> int:
    """Log-normal, median about 270 words; with the opening and closing, notes average
    about 300 words and stay within 150-600."""
    return min(MAX_WORDS - 20, max(MIN_WORDS + 10, round(rng.lognormvariate(5.6, 0.3))))


def _write_note(kind: str, rng: random.Random) -> Note:
    slots, _ = _cast(rng)
    builder = _compose(rng, slots, TEMPLATES[kind], SHARED)
    return _checked(Note(kind, builder.text, tuple(builder.entities)))


def _compose(
    rng: random.Random,
    slots: Slots,
    parts: Parts,
    shared: Sequence[str],
    *,
    bullets: bool = False,
    tail: _Builder | None = None,
) -> _Builder:
    """An opening, body sentences (drawn without replacement from the kind's own and
    the shared ones) until the note is long enough, a closing, then ``tail``."""
    builder = _Builder()
    opening, body, closing = parts
    builder.render(rng.choice(opening), slots)
    closing_text = rng.choice(closing)
    closing_words = len(closing_text.split()) + 4 + (len(tail.text.split()) if tail else 0)
    target = _target_words(rng)
    pool = [*body, *shared]
    order = rng.sample(pool, len(pool))
    words = len(builder.text.split())
    in_paragraph = 0  # sentences in the current paragraph; 0 before the first
    for sentence in order:
        if words >= target:
            break
        length = len(sentence.split()) + 6  # slots are one to five words each
        if words + length + closing_words > MAX_WORDS:
            continue
        if bullets:
            builder.add("\n- " if in_paragraph else "- ")
            in_paragraph = 1
        elif in_paragraph == 0:
            in_paragraph = 1
        elif in_paragraph >= rng.randint(2, 4):
            builder.add("\n\n")
            in_paragraph = 1
        else:
            builder.add(" ")
            in_paragraph += 1
        builder.render(sentence, slots)
        words = len(builder.text.split())
    builder.add("\n\n")
    builder.render(closing_text, slots)
    if tail is not None:
        builder.add("\n\n")
        builder.extend(tail)
    builder.add("\n")
    return builder


def _checked(note: Note) -> Note:
    if not MIN_WORDS <= note.words <= MAX_WORDS:  # the templates are too short or too long
        raise AssertionError(f"a {note.kind} note has {note.words} words")
    return note


# --- templates -------------------------------------------------------------------
# Each kind: (openings, body sentences, closings). Body sentences are drawn without
# replacement from the kind's own list plus SHARED, until the note is long enough.

_BRIEFING = (
    (
        "STAFF BRIEFING - {date}\n\nSafeguarding and welfare items (please do not share "
        "outside the staff room).\n\n",
        "Morning briefing notes, {date}. Present: {staff1}, {staff2}, {staff3} and the "
        "{year} team.\n\n",
        "Briefing item {item}: {pupil} ({year}, {class}).\n\n",
        "Pastoral briefing - {weekday}\n\nItem: {pupil_first} {year}\n\n",
    ),
    (
        "{pupil} ({year}) will be collected by {rel} {parent} at {time} today, not by the "
        "usual childminder.",
        "{staff1} asks that anyone on duty in {place} keeps an eye on {pupil_first} at lunch.",
        "Please note {pupil_first}'s {rel} has asked that {pronoun} is not photographed for "
        "the newsletter this term.",
        "{parent_title} has a new number: {phone}. The office has updated the contact sheet.",
        "{pupil_first} has a hospital appointment on {date2} and will miss {subject}.",
        "Reminder: {pupil_first} and {friend1_first} are not to be seated together in "
        "{subject} until further notice.",
        "{staff2} ({staff2_role}) will be covering {class} for the rest of the week.",
        "There has been a change at home; {pupil_first} is now living with {their} {rel} at "
        "{address}.",
        "If {pupil_first} seems tired or withdrawn, please pass it on to {staff3} "
        "({staff3_role}) the same day.",
        "{pupil_first} is on a part-time timetable from {weekday}; {pronoun} leaves at {time2}.",
        "{rel} {parent_first} will ring the office on {landline} if there are any problems "
        "with pick-up.",
        "Only {parent} and {sibling_full} are allowed to collect {pupil_first}; the court "
        "order is on file.",
        "{pupil_first} has been nominated for the values award for helping {friend2} in {place}.",
        "Lunchtime staff: {pupil_first} has a new allergy plan (nuts); the epipen is in the "
        "{class} cupboard.",
        "Please welcome {pupil} who joins {class} on {weekday}; {pronoun} has moved from {town}.",
        "Staff are asked to use the new sign-out sheet for {year} on trips.",
    ),
    (
        "Any questions to {staff1} ({staff1_role}).",
        "Thank you all. Next briefing {date2}.",
        "Please read and initial. {staff3}",
    ),
)

_INCIDENT = (
    (
        "INCIDENT LOG\nDate: {date}\nTime: {time}\nLocation: {place}\nReported by: {staff1} "
        "({staff1_role})\nPupil(s): {pupil} ({year}), {friend1}\n\n",
        "Incident record - {pupil}, {class}\nRecorded by {staff2_full}, {date}, {time}.\n\n",
        "Log entry {item} ({date}). Child: {pupil_first} {year}. Staff: {staff1}.\n\n",
    ),
    (
        "At {time} {pupil_first} was found crying in {place} and said that {friend1_first} "
        "had pushed {them} against the wall.",
        "{friend1} ({year}) said {pronoun} had only been joking, and that {friend2_first} "
        "started it.",
        "{staff2} separated the pupils and took {pupil_first} to the first aid room; there "
        "was a small graze on {their} left elbow.",
        "{pupil_first} disclosed that {pronoun} had not eaten breakfast and that {their} "
        "{rel} was not at home last night.",
        "The DSL was informed at {time2} and {parent_title} was called on {phone}; there was "
        "no answer, so a message was left.",
        "A second attempt was made on {landline} and {parent_first} answered; {pronoun} was "
        "told what had happened.",
        "{pupil_first} said that {sibling} (older brother or sister) had been shouting at "
        "home and that {pronoun} was scared to go back.",
        "Body map completed by {staff1} and witnessed by {staff3}; copies are on the "
        "safeguarding system.",
        "Both pupils were spoken to separately using the restorative script.",
        "{friend2} witnessed the start of the argument and wrote a statement.",
        "{pupil_first} was calm by the end of lunch and returned to {subject}.",
        "The family live at {address}; a home visit may be needed if attendance drops again.",
        "Police were not contacted. The decision was recorded by {staff3} ({staff3_role}).",
        "{pupil_first} asked that {their} {rel} is not told about the conversation; this was "
        "explained to {them} kindly.",
        "There have been {n} entries about {pupil_first} this term; a chronology has been started.",
        "A referral to {agency} was discussed and will be made by {weekday}.",
    ),
    (
        "Action: DSL to review. Logged by {staff1}.",
        "Outcome: parents informed; monitor. Signed {staff2_full}.",
        "Follow-up: {staff3} to check in with {pupil_first} on {date2}.",
    ),
)

_SEN = (
    (
        "SEN SUPPORT NOTE\nPupil: {pupil}\nDOB: {dob}\nUPN: {upn}\nYear: {year}\n"
        "Key adult: {staff1} ({staff1_role})\n\n",
        "Record of SEND review - {pupil} ({year})\nDate of birth {dob}. NHS number {nhs}.\n"
        "Present: {parent_title} ({rel}), {staff2}, {staff3}.\n\n",
        "Notes from the SENCo, {date}: {pupil_first} {year}, ULN {uln}.\n\n",
    ),
    (
        "{pupil_first} has an EHCP for social communication and interaction needs; the "
        "annual review is due on {date2}.",
        "{parent_title} reports that {pupil_first} finds transitions very hard and needs a "
        "visual timetable at home as well.",
        "{pupil_first} is working at {year} expectations in reading but is well below in "
        "writing and spelling.",
        "{Pronoun} responds well to movement breaks and a fidget tool during carpet time.",
        "Current targets: to ask for help using the help card, to complete {n} sentences "
        "independently, and to join in a group game.",
        "The educational psychologist will observe {pupil_first} in {subject} on {weekday}.",
        "Speech and language therapy input continues weekly with {staff2_full}.",
        "{pupil_first}'s attendance this term is {pct}%; {rel} {parent_first} says the "
        "mornings are difficult.",
        "Medical: {pupil_first} has asthma (inhaler in the {class} medical bag) and is "
        "under the paediatrician at the hospital (NHS number {nhs}).",
        "The {rel} can be reached on {phone} or by email at {email}.",
        "Home address for the EHCP paperwork: {address}.",
        "{pupil_first} was diagnosed with ADHD last year and the medication review is with the GP.",
        "{Pronoun} sometimes becomes overwhelmed in {place} and needs to go to the quiet "
        "room with an adult.",
        "Provision map: daily precision teaching (10 minutes), weekly social skills group "
        "with {friend1_first} and {friend2_first}, and pre-teaching of vocabulary.",
        "{parent} asked whether {pupil_first} could have extra time in the tests; the SENCo "
        "will apply for access arrangements.",
        "The UPN on the referral ({upn}) was checked against the MIS.",
        "Funding: the top-up band was confirmed by the local authority in a letter dated {date2}.",
        "{staff3} will share the one-page profile with the supply staff covering {class}.",
    ),
    (
        "Next review: {date2}. Notes by {staff1_full}.",
        "Signed: {staff2} ({staff2_role}). Copy to parents.",
        "Please store in the SEND folder only.",
    ),
)

_EMAIL = (
    (
        "From: {parent} <{email}>\nTo: {staff1} <{staff_email}>\nDate: {date}\n"
        "Subject: {pupil_first} - {subject}\n\nDear {staff1},\n\n",
        "From: {staff1_full} <{staff_email}>\nTo: {email}\nSubject: Re: {pupil} ({class})\n\n"
        "Dear {parent_title},\n\n",
        "Subject: message for {staff2}\n\nHi {staff2},\n\n",
        "---- Forwarded message ----\nFrom: {email}\nSent: {date} {time}\n\nHello,\n\n",
    ),
    (
        "I am writing about {pupil_first} in {class}, who has been very upset after school "
        "this week.",
        "{Pronoun} says that {friend1_first} and {friend2_first} have been leaving {them} "
        "out at lunch.",
        "Could you please call me on {phone} after {time2}? I work mornings.",
        "My other number is {landline} if the mobile does not connect.",
        "We have moved house, so please update the records: our new address is {address}.",
        "{sibling} will be collecting {pupil_first} on {weekday} because I have a hospital "
        "appointment.",
        "Thank you for the update about {subject}; {pupil_first} really enjoyed the trip.",
        "I am sorry {pupil_first} was late again; the bus from {town} has been cancelled twice.",
        "I have attached the letter from {agency} that I mentioned at parents' evening.",
        "Please can you let me know whether {pupil_first} has been eating {their} lunch?",
        "{staff3} mentioned that there might be a place in the nurture group.",
        "I would rather {pupil_first}'s dad did not have access to the reports; I can bring "
        "in the paperwork.",
        "Thank you for letting us know. We will talk to {pupil_first} at home tonight.",
        "The meeting with {staff2} is confirmed for {date2} at {time}.",
        "Our postcode is {postcode} in case the taxi firm needs it.",
        "You can also email {parent_first}'s work address, {email}, but I check it less often.",
    ),
    (
        "Kind regards,\n{parent}\n{phone}",
        "Many thanks,\n{staff1_full}\n{staff1_role}",
        "Best wishes,\n{parent_first} ({pupil_first}'s {rel})",
        "Thanks,\n{staff2}",
    ),
)

_MINUTES = (
    (
        "Minutes of the pastoral team meeting, {date}\nPresent: {staff1_full}, "
        "{staff2_full}, {staff3_full}\nApologies: none\n\nItem {item}: {pupil} ({year})\n\n",
        "GOVERNORS' SAFEGUARDING COMMITTEE - PART B (CONFIDENTIAL)\nItem {item}\n\n",
        "Team around the family meeting, {date}, {time}\nAttendees: {parent} ({rel}), "
        "{staff1} ({staff1_role}), {agency}\n\n",
    ),
    (
        "{staff1} summarised the concerns about {pupil_first}'s attendance ({pct}%) and "
        "punctuality since {date2}.",
        "{parent_title} explained that the family had been in temporary accommodation and "
        "have now moved to {address}.",
        "The committee noted that {pupil} is now open to {agency}.",
        "{staff2} reported that {pupil_first} has settled well with {friend1_first} in {class}.",
        "It was agreed that {staff3} would be the key contact for {parent_first}, on {phone}.",
        "A governor asked whether the sibling, {sibling_full}, was also known to the "
        "school; it was confirmed that {sibling} attends the secondary school.",
        "Action: {staff1} to write to {parent_title} confirming the plan by {date2}.",
        "Action: office to update the contact details ({email}, {landline}).",
        "The meeting discussed whether an Early Help assessment would be appropriate; "
        "{rel} {parent_first} agreed to it.",
        "{pupil_first}'s reading age has improved by {n} months since the intervention began.",
        "The minutes of the last meeting were agreed as accurate.",
        "There were no matters arising other than the transport issue from {town}.",
        "The chair thanked {staff2_full} for the detailed report.",
        "Risk assessment for the residential trip to be reviewed with {parent} before {weekday}.",
        "It was noted that {pupil_first} (DOB {dob}) will transfer to Year 7 in September.",
    ),
    (
        "Date of next meeting: {date2}. Minutes taken by {staff3_full}.",
        "The meeting closed at {time2}.",
        "Signed (chair): {staff1_full}",
    ),
)

SHARED = (
    "{Pronoun} was wearing {their} coat indoors all day, which is unusual.",
    "{pupil_first} told {staff2} that {pronoun} likes {subject} best because it is quiet.",
    "This was discussed with {staff3} ({staff3_role}) at the end of the day.",
    "There were no further concerns reported by the lunchtime supervisors.",
    "{parent_first} ({rel}) was thanked for coming in at short notice.",
    "{pupil_first}'s behaviour in {place} has improved since the seating plan changed.",
    "The office confirmed the contact number on file is {phone}.",
    "{friend1} has been a good friend to {pupil_first} this half term.",
    "Attendance and punctuality will be monitored for the next {n} weeks.",
    "Everyone agreed that {pupil_first} needs consistent adults and clear routines.",
    "A letter home will go out on {weekday}; the copy is in the shared drive.",
    "{pupil_first} was seen by the school nurse and was fine to return to class.",
    "The plan will be shared with all adults who work with {class}.",
    "It was noted that {pupil_first} gets on well with {friend2}.",
    "{staff1} will follow this up and report back at the next meeting.",
    "No photographs of {pupil_first} are to be used on the website.",
    "{Pronoun} was proud to show {staff1} the work from {subject}.",
    "The information was recorded on the safeguarding system at {time2}.",
    "Please make sure supply staff in {year} are aware of this.",
    "The family have been offered a place at the holiday club in {town}.",
)

TEMPLATES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "briefing": _BRIEFING,
    "incident": _INCIDENT,
    "sen": _SEN,
    "email": _EMAIL,
    "minutes": _MINUTES,
}
