"""Staff and governors lists: the people a school keeps in briefings and minutes.

``--staff staff.csv`` (repeatable) reads a staff or governors export by the meaning
of its columns (:mod:`redactor.exports`): a whole name ("Revd Canon Ruth Ashdown")
or title, forename, preferred forename and surname, e-mail, staff code. Each person
becomes the phrases people write: "Ruth Ashdown", "Revd Ashdown", "Canon Ashdown",
"R. Ashdown", "Ashdown, Ruth", the e-mail, and the short forms (first name alone,
surname alone, initials, staff code).

A short form is kept only when no child or family member in the pupil export shares
it: "Jo" the teaching assistant is kept, unless a pupil or parent is also called Jo,
because a short form that could be a child's is redacted (docs/detection.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from redactor.exports import ListedPerson, ReadList, read_list


@dataclass(frozen=True)
class StaffPhrases:
    """What one person's entry on a list keeps."""

    whole: tuple[str, ...]
    """Forms with a forename and surname, or a title and surname: always kept."""
    short: tuple[str, ...]
    """First name alone, surname alone, initials, staff code: kept unless a child
    or family member in the export shares them."""
    full: tuple[str, ...] = ()
    """The whole forms with a forename or its initial ("Mrs M Hale", "Mair Hale"):
    a document that writes one of them names this person."""


_USUAL_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr")


def load_staff(
    paths: Path | Sequence[Path], mapping: Mapping[str, str] | None = None
) -> tuple[ReadList, ...]:
    """The staff and governors lists as read; a list that cannot be understood stops
    the run (exit 2).
    """
    return tuple(
        read_list(path, "staff list", mapping)
        for path in ([paths] if isinstance(paths, Path) else paths)
    )


def listed_staff(lists: Iterable[ReadList]) -> tuple[ListedPerson, ...]:
    """Everyone named on the lists."""
    return tuple(row.person for listed in lists for row in listed.rows if row.person.has_name)


def staff_phrases(person: ListedPerson) -> StaffPhrases:
    """The ways one listed person is written."""
    firsts = [f for f in person.forenames if len(f.rstrip(".")) > 1]
    lasts = list(person.surnames)
    titles = list(person.titles)
    whole: list[str] = []
    for last in lasts:
        for first in firsts:
            whole += [f"{first} {last}", f"{last}, {first}", f"{first[0]}. {last}",
                      f"{first[0]} {last}"]  # fmt: skip
            whole += [f"{t} {first} {last}" for t in titles]
            whole += [f"{t} {first[0]} {last}" for t in titles]
            whole += [f"{t} {first[0]}. {last}" for t in titles]
            if person.middle:
                whole.append(" ".join((first, *person.middle, last)))
        whole += [f"{t} {last}" for t in titles]
        if len(titles) > 1:
            joined = " ".join(titles)
            whole.append(f"{joined} {last}")
            whole += [f"{joined} {f} {last}" for f in firsts]
            whole += [f"{joined} {f[0]}{dot} {last}" for f in firsts for dot in ("", ".")]
    whole += person.details.get("email", ())
    short: list[str] = [*firsts, *lasts]
    for first in firsts:
        for last in lasts:
            short.append((first[0] + last[0]).upper())
            if "-" in first:  # "Ann-Marie Pask" -> "AMP"
                short.append(("".join(p[0] for p in first.split("-") if p) + last[0]).upper())
            short += [(first[0] + m[0] + last[0]).upper() for m in person.middle[:1]]
            if " " in last or "-" in last:  # "ap Rhys" -> "IaR" is rare; "Ellis-Jones" -> "EEJ"
                parts = [p for p in last.replace("-", " ").split() if p]
                short.append(first[0].upper() + "".join(p[0] for p in parts))
        # "Hazel Q" and "Mrs Q": how a colleague is written in notes and rotas.
        short += [f"{first} {last[0].upper()}" for first in firsts]
        short += [f"{t} {last[0].upper()}" for t in titles or _USUAL_TITLES]
    short += person.details.get("staff_code", ())
    if not titles:
        # A list without titles: "Ms Pask" is how colleagues write her, but a parent
        # may be "Mrs Pask" too, so these are short forms (kept unless a family shares
        # the surname, or where the document names her in full).
        short += [f"{t} {last}" for t in _USUAL_TITLES for last in lasts]
    whole_forms = tuple(dict.fromkeys(w for w in whole if w.strip()))
    given = {f for f in firsts} | {f[0] for f in firsts} | {f"{f[0]}." for f in firsts}
    full = tuple(w for w in whole_forms if given & set(w.replace(",", " ").split()))
    return StaffPhrases(
        whole_forms,
        tuple(dict.fromkeys(s for s in short if len(s) >= 2)),
        full,
    )


@dataclass(frozen=True)
class StaffKeep:
    """What the staff and governors lists keep."""

    always: tuple[str, ...]
    """Whole names, titles with surnames, e-mails, and short forms no child shares."""
    when_named: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    """(a person's full names, their short forms that a child in the export shares):
    kept in a document that names the person in full and names no such child in full
    (docs/detection.md, "the document settles a short form")."""


def _shared_with_a_child(short: str, person: ListedPerson, children: frozenset[str] | None) -> bool:
    """Whether a short form may be a child's or a family's (so is kept only where a
    document settles it).
    """
    words = short.lower().split()
    if len(words) == 2 and len(words[1]) == 1:
        if words[0].rstrip(".") in {t.lower() for t in (*_USUAL_TITLES, *person.titles)}:
            return False  # "Mrs Q" is not how a family is written
        # "Hazel Q": a child called Hazel Quill may be written so too.
        return children is not None and " ".join(words) in children
    if children is None:  # no export: first names and "Ms Pask" kept; "Pask", "EP" not
        surname = short in person.surnames  # "ap Pellow" too: a spouse may be "Mrs ap Pellow"
        return short not in person.forenames and (surname or " " not in short)
    return words[-1] in children  # "Ms Pask": a family Pask


def keep_phrases_for(
    people: Iterable[ListedPerson], children: frozenset[str] | None = None
) -> StaffKeep:
    """Keep phrases for everyone listed; ``children`` holds the lower-case single
    names and initials of the children and families in the pupil export, whose short
    forms are then kept only where a document settles them. Without an export
    (``None``) nothing says which short forms a child shares: a first name is kept (a
    staff briefing calls colleagues by first name), while a surname alone, initials and
    a staff code are kept only where a document names the person in full.
    """
    phrases: list[str] = []
    when_named = []
    for person in people:
        found = staff_phrases(person)
        phrases += found.whole
        shared = tuple(s for s in found.short if _shared_with_a_child(s, person, children))
        phrases += [s for s in found.short if s not in shared]
        if shared and found.full:
            when_named.append((found.full, shared))
    return StaffKeep(tuple(dict.fromkeys(phrases)), tuple(when_named))
