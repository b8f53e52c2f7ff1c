"""The school's lists read by meaning: pupil exports, staff lists, governors lists.

Each MIS writes its own headers: SIMS "Forename" and "Primary Contact Name", Arbor
"First name" and "Guardian 1 mobile", Bromcom "Contact1 Forename", a hand-kept
spreadsheet "Pupil" (the whole name) and "Parent/Carer 1". A header is read as a
*group* (the pupil, or contact N) and a *field* (forename, whole name, phone...),
whatever its spelling or order. Names written whole ("Revd Canon Ruth Ashdown",
"SMITH, Jo Ann", "Mrs J Patel") are split into titles, forenames and surname.

A column that is not understood stops the run (exit 2) with the columns found and
the fields expected: a list half read would let through what it was given to
protect. A school maps such a column in its settings (``[roster.columns]``), to a
field or to ``ignore``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from redactor.csv_input import read_rows
from redactor.errors import ConfigError

# Titles written before names, lower case without full stops. Several may stand
# together ("Revd Canon", "Rt Revd").
TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "mx", "master", "dr", "prof", "professor", "rev", "revd",
        "reverend", "canon", "fr", "father", "sr", "sister", "pastor", "imam", "rabbi",
        "cllr", "councillor", "sir", "dame", "lord", "lady", "rt", "hon", "capt", "major",
        "col", "sgt", "pc", "dc", "insp",
    }
)  # fmt: skip

# Fields a column can hold. Person fields: title, name (whole), forename, middle,
# preferred (forename), surname, preferred_surname. Detail fields: the rest.
NAME_FIELDS = ("title", "name", "forename", "middle", "preferred", "surname", "preferred_surname")
DETAIL_FIELDS = (
    "dob", "upn", "uln", "nhs", "nino", "candidate", "admission", "mis_id",
    "address", "postcode", "phone", "email", "staff_code",
)  # fmt: skip
FIELDS = (*NAME_FIELDS, *DETAIL_FIELDS, "ignore")
IDENTIFIER_ENTITIES = {
    "upn": "UPN",
    "uln": "ULN",
    "nhs": "NHS_NUMBER",
    "nino": "NINO",
    "candidate": "ID",
    "admission": "ID",
    "mis_id": "ID",
}
"""What each identifier field is found as, in the export and in a table's column."""

# Header words, after the group words are taken off, joined without spaces.
_FIELD_OF: dict[str, str] = {
    **dict.fromkeys(["title", "salutation", "prefix"], "title"),
    **dict.fromkeys(
        ["", "name", "fullname", "displayname", "pupil", "pupilname", "student", "studentname",
         "child", "childname", "learner", "learnername", "staffname", "governor",
         "governorname", "member", "contact", "contactname", "parent", "parentname"],
        "name",
    ),
    **dict.fromkeys(
        ["forename", "forenames", "firstname", "givenname", "legalforename", "legalfirstname",
         "legalfirstnames", "legalforenames"],
        "forename",
    ),
    **dict.fromkeys(["middlename", "middlenames", "middle", "othernames"], "middle"),
    **dict.fromkeys(
        ["preferredforename", "preferredfirstname", "preferredname", "knownas", "nickname",
         "chosenname", "preferred"],
        "preferred",
    ),
    **dict.fromkeys(
        ["surname", "lastname", "familyname", "legalsurname", "legallastname"], "surname"
    ),
    **dict.fromkeys(["preferredsurname", "preferredlastname"], "preferred_surname"),
    **dict.fromkeys(["dob", "dateofbirth", "birthdate", "birthday", "born"], "dob"),
    **dict.fromkeys(["upn", "uniquepupilnumber", "formerupn"], "upn"),
    **dict.fromkeys(["uln", "uniquelearnernumber"], "uln"),
    **dict.fromkeys(["nhs", "nhsnumber", "nhsno"], "nhs"),
    **dict.fromkeys(["ni", "nino", "ninumber", "nationalinsurance", "nationalinsurancenumber"],
                    "nino"),
    **dict.fromkeys(["candidatenumber", "candidateno", "candidate", "cand", "candno", "examnumber",
                     "examcandidatenumber"], "candidate"),
    **dict.fromkeys(["admissionnumber", "admissionno", "adno", "admno"], "admission"),
    **dict.fromkeys(
        ["id", "misid", "arborid", "simsid", "bromcomid", "pupilid", "studentid", "personid",
         "learnerid", "reference", "ref", "staffid", "employeeid", "payroll", "schoolid",
         "isamsid", "scholarpackid", "upnid"],
        "mis_id",
    ),
    **dict.fromkeys(
        ["address", "homeaddress", "addressline", "street", "town", "city", "county",
         "locality", "district", "village", "area", "addressblock", "fulladdress", "house",
         "housename", "housenumber", "flat"],
        "address",
    ),
    **dict.fromkeys(["postcode", "postalcode", "zip"], "postcode"),
    **dict.fromkeys(
        ["phone", "telephone", "tel", "mobile", "mobilephone", "mobileno", "hometel",
         "homephone", "hometelephone", "worktel", "workphone", "worktelephone", "daytimephone",
         "phonenumber", "telephonenumber", "mob"],
        "phone",
    ),
    **dict.fromkeys(["email", "emailaddress", "workemail", "homeemail", "personalemail"],
                    "email"),
    **dict.fromkeys(["initials", "staffcode", "code", "staffinitials", "teachercode"],
                    "staff_code"),
    # What a list says about a person that is not looked for in documents.
    **dict.fromkeys(
        ["relationship", "relation", "relationshiptopupil", "rel", "year", "yeargroup",
         "ncyear", "form", "tutorgroup", "reggroup", "registrationgroup", "class", "house",
         "gender", "sex", "role", "jobtitle", "post", "position", "department", "category",
         "governorcategory", "governortype", "staffrole", "type", "office", "officeheld",
         "appointedby", "typeofgovernor", "categoryofgovernor", "governorshiptype",
         "typeofappointment", "dateofappointment", "appointmentdate",
         "termends", "termofoffice", "termofofficeends", "dateappointed", "appointed",
         "startdate", "enddate", "admissiondate", "dateofadmission", "leavingdate", "status",
         "enrolmentstatus", "sen", "senstatus", "fsm", "eal", "pp", "pupilpremium", "lac",
         "ethnicity", "language", "firstlanguage", "religion", "keystage", "team", "phase",
         "contracttype", "hours", "fte", "priority", "contactpriority", "parentalresponsibility",
         "responsibility", "lives", "liveswithpupil", "liveswith", "courtorder", "age",
         "committee", "committees", "attendance", "academichouse", "boardinghouse",
         "boardertype", "boarder", "boarding", "dayboarder", "country", "nationality",
         "contacttype", "roleonboard", "ncy", "nationalcurriculumyear", "tutorgrp", "tutor",
         "formgroup", "formgrp", "reggrp", "yeargrp", "senstage", "senprovision", "parish",
         "church", "denomination", "dept"],
        "ignore",
    ),
}  # fmt: skip

_GROUP_WORDS = frozenset(
    {
        "contact", "guardian", "parent", "carer", "parentcarer", "mother", "father",
        "emergency", "primary", "secondary",
    }
)  # fmt: skip
_ORDINAL = {"primary": 1, "secondary": 2}
# Headers that name a pupil's own detail even with a group word in them ("Pupil DOB").
_PUPIL_WORDS = frozenset({"pupil", "student", "child", "learner", "legal"})
_CONTACT_ONLY = frozenset({"title", "relationship"})


@dataclass(frozen=True)
class Column:
    """What one column of a list holds: ``group`` is "" for the row's person, or
    "contact N" for a pupil's contact; ``field`` is one of :data:`FIELDS`.
    """

    index: int
    header: str
    group: str
    field: str


@dataclass(frozen=True)
class ListedPerson:
    """One person read from a list, with the details listed beside their name."""

    titles: tuple[str, ...] = ()
    forenames: tuple[str, ...] = ()
    """Legal forename first, then preferred or known-as forenames."""
    middle: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()
    """Legal surname first, then a preferred surname."""
    details: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Field (``dob``, ``phone``, ``address``...) -> the values listed."""

    @property
    def key(self) -> str:
        """The person's legal name, lower case: "olivia smith"."""
        parts = (self.forenames[:1] or ("",))[0], (self.surnames[:1] or ("",))[0]
        return " ".join(" ".join(parts).lower().split())

    @property
    def has_name(self) -> bool:
        """Whether a forename or surname was read."""
        return bool(self.forenames or self.surnames)


@dataclass(frozen=True)
class ListedRow:
    """One row: its person, and (for a pupil export) that pupil's contacts."""

    person: ListedPerson
    contacts: tuple[ListedPerson, ...] = ()


@dataclass(frozen=True)
class ReadList:
    """A list as read: its rows, and how its columns were understood."""

    path: Path
    rows: tuple[ListedRow, ...]
    columns: tuple[Column, ...]

    def count(self) -> tuple[int, int]:
        """(people named, detail values), for the screen and the record: counts only."""
        people = sum(r.person.has_name + sum(c.has_name for c in r.contacts) for r in self.rows)
        values = sum(
            len(v) for r in self.rows for p in (r.person, *r.contacts) for v in p.details.values()
        )
        return people, values


def read_list(path: Path, what: str, mapping: Mapping[str, str] | None = None) -> ReadList:
    """Read a CSV list by the meaning of its headers; ``what`` names it in messages
    ("pupil export", "staff list"). ``mapping`` maps this school's own headers to fields.
    """
    rows = read_rows(path, what)
    columns = understand_columns(rows[0], mapping or {}, path, what)
    read = tuple(_read_row(row, columns) for row in rows[1:] if any(c.strip() for c in row))
    return ReadList(path, read, columns)


def understand_columns(
    header: list[str], mapping: Mapping[str, str], path: Path, what: str
) -> tuple[Column, ...]:
    """Each header as (group, field); a header not understood stops the run."""
    wanted: dict[str, str] = {}
    written: dict[str, str] = {}
    for key, value in mapping.items():
        # Either "Header as written" = "field", or (older settings) field = "Header".
        if value in FIELDS:
            wanted[_key(key)], written[_key(key)] = value, key
        elif key in FIELDS:
            wanted[_key(value)], written[_key(value)] = key, value
        else:
            raise ConfigError(
                f"{what} {path}: the column setting {key!r} = {value!r} names no known field; "
                f"fields: {', '.join(FIELDS)}"
            )
    keys = {_key(h) for h in header}
    missing = [h for h in wanted if h not in keys]
    if missing:
        raise ConfigError(
            f"{what} {path} has no column {', '.join(repr(written[m]) for m in missing)} "
            f"(named in the column settings); columns found: {', '.join(header)}"
        )
    columns, unknown = [], []
    for index, header_text in enumerate(header):
        if not header_text.strip():
            continue
        if _key(header_text) in wanted:
            group, _ = _group_of(header_text)
            columns.append(Column(index, header_text, group, wanted[_key(header_text)]))
            continue
        understood = column_meaning(header_text)
        if understood is None:
            unknown.append(header_text)
        else:
            columns.append(Column(index, header_text, *understood))
    own = {c.field for c in columns if not c.group}
    if "name" not in own and not ({"forename", "surname"} & own):
        raise ConfigError(
            f"{what} {path} has no name column for its people. Columns found: "
            f"{', '.join(repr(h) for h in header)}. Expected a whole name ('Name', 'Pupil') "
            "or 'Forename' and 'Surname' (any usual spelling)"
        )
    if unknown:
        raise ConfigError(
            f"{what} {path}: column(s) not understood: {', '.join(repr(u) for u in unknown)}. "
            f"Columns found: {', '.join(repr(h) for h in header)}. Say what each holds in the "
            f"settings file ([roster.columns] or [staff.columns]), as one of: "
            f"{', '.join(FIELDS)}"
        )
    return tuple(columns)


def column_meaning(header: str) -> tuple[str, str] | None:
    """(group, field) of a header, or None when it is not understood.

    >>> column_meaning("Guardian 1 mobile")
    ('contact 1', 'phone')
    """
    group, rest = _group_of(header)
    if not rest and not group:
        return None  # "57", "-": no words at all
    fieldname = _FIELD_OF.get(rest)
    if fieldname is None:
        fieldname = _FIELD_OF.get(re.sub(r"\d+$", "", rest))
    if fieldname is None and rest.startswith("address"):
        fieldname = "address"  # Address Line 1, Address 2, Address Block
    if fieldname is None and rest.endswith(("phone", "tel", "telephone", "mobile")):
        fieldname = "phone"
    if fieldname is None and rest.endswith("email"):
        fieldname = "email"
    if fieldname is None:
        return None
    if not group and fieldname in _CONTACT_ONLY and _number(header) is not None:
        group = f"contact {_number(header)}"
    return group, fieldname


def _group_of(header: str) -> tuple[str, str]:
    """("contact N" or "", the header's other words joined) for one header."""
    words = re.findall(r"[a-z]+|\d+", header.lower())
    group_words = [w for w in words if w in _GROUP_WORDS]
    rest_words = [w for w in words if w not in _GROUP_WORDS and not w.isdigit()]
    if len(rest_words) > 1 and rest_words[0] in _PUPIL_WORDS - {"legal"}:
        rest_words = rest_words[1:]  # "Pupil Forename", "Student DOB"
    rest = "".join(rest_words)
    if not group_words or (rest_words and rest_words[0] in _PUPIL_WORDS):
        # "Relationship 2", "Mobile 2": a numbered contact field without a group word.
        number = _number(header)
        # An address line number ("Address Line 2") is no contact's.
        if number is not None and not group_words and _FIELD_OF.get(rest) in {
            "phone", "email", "ignore", "title",
        }:  # fmt: skip
            return (f"contact {number}" if number > 1 else ""), rest
        return "", rest
    number = _number(header)
    if number is None:
        number = next((_ORDINAL[w] for w in group_words if w in _ORDINAL), 1)
    return f"contact {number}", rest


def _number(header: str) -> int | None:
    found = re.search(r"\d+", header)
    return int(found.group()) if found else None


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def _read_row(row: list[str], columns: tuple[Column, ...]) -> ListedRow:
    groups: dict[str, dict[str, list[str]]] = {}
    for column in columns:
        if column.field == "ignore" or column.index >= len(row):
            continue
        value = row[column.index].strip()
        if value:
            groups.setdefault(column.group, {}).setdefault(column.field, []).append(value)
    person = _person(groups.pop("", {}))
    contacts = tuple(
        p for _, cells in sorted(groups.items()) for p in [_person(cells)] if p.has_name
    )
    # A detail with no group stays with the row's person; the roster gives a pupil's
    # ("Home Tel") to the household (see detection/roster.py).
    return ListedRow(person, contacts)


def _person(cells: dict[str, list[str]]) -> ListedPerson:
    titles: list[str] = [t for value in cells.get("title", []) for t in value.split()]
    forenames = list(cells.get("forename", []))
    surnames = list(cells.get("surname", []))
    middle = [m for value in cells.get("middle", []) for m in value.split()]
    for whole in cells.get("name", []):
        name = split_name(whole)
        titles += name.titles
        forenames += name.forenames
        middle += name.middle
        surnames += name.surnames
    forenames += cells.get("preferred", [])
    surnames += cells.get("preferred_surname", [])
    details = {f: tuple(dict.fromkeys(v)) for f, v in cells.items() if f in DETAIL_FIELDS and v}
    return ListedPerson(
        titles=tuple(dict.fromkeys(titles)),
        forenames=tuple(dict.fromkeys(forenames)),
        middle=tuple(dict.fromkeys(middle)),
        surnames=tuple(dict.fromkeys(surnames)),
        details=details,
    )


def split_name(whole: str) -> ListedPerson:
    """A name written whole, as lists write them: "Revd Canon Ruth Ashdown",
    "ASHDOWN, Ruth Mary", "Mrs J Patel", "Mr & Mrs Howard", "Dr Siân ap Rhys".

    Titles are the leading words in :data:`TITLES`; after a comma the order is
    "Surname, Forenames"; otherwise the last word is the surname, taking in a
    particle before it ("ap", "van", "de", "da", "al", "bin").
    """
    text = " ".join(whole.replace("&", " & ").split())
    titles: list[str] = []
    if "," in text:
        surname_part, _, rest = text.partition(",")
        words = rest.split()
        while words and (_is_title(words[0]) or words[0] == "&"):
            if words[0] != "&":
                titles.append(words[0])
            words.pop(0)
        surname_words = surname_part.split()
        while surname_words and _is_title(surname_words[0]):
            titles.append(surname_words.pop(0))
        forenames, middle = words[:1], words[1:]
        return ListedPerson(
            tuple(titles), tuple(forenames), tuple(middle), (" ".join(surname_words),)
        )
    words = text.split()
    while words and (_is_title(words[0]) or words[0] == "&"):
        if words[0] != "&":
            titles.append(words[0])
        words.pop(0)
    if not words:
        return ListedPerson(tuple(titles))
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in _PARTICLES:
        cut -= 1
    surname = " ".join(words[cut:])
    given = words[:cut]
    return ListedPerson(tuple(titles), tuple(given[:1]), tuple(given[1:]), (surname,))


_PARTICLES = frozenset({"ap", "ab", "van", "von", "de", "da", "di", "del", "al", "el", "bin",
                        "binti", "le", "la", "du", "mac", "o"})  # fmt: skip


def _is_title(word: str) -> bool:
    return word.lower().rstrip(".") in TITLES
