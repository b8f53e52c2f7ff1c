"""The word lists that name detection reads, from ``recognizers/names/``.

They are data so that a school can read and extend them: name lists, words that
are never names, words that turn a name into a place, and verbs whose subject
is a person. Loaded once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from redactor.detection.locations import recognizer_dir

TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "master"})


@dataclass(frozen=True)
class Vocabulary:
    """Lower-case word sets for name detection."""

    first_names: frozenset[str]
    surnames: frozenset[str]
    word_surnames: frozenset[str]
    """Surnames that are also place words or common words ("Hall", "Field", "Wood"):
    a surname only right after a first name."""
    not_names: frozenset[str]
    """Never a person's name alone; includes English stop words."""
    place_words: frozenset[str]
    person_verbs: frozenset[str]
    not_initials: frozenset[str]
    """Upper-case school shorthand that is never a person's initials ("PE", "DT")."""
    role_shorthand: frozenset[str]
    """Upper-case roles and times ("TA", "AM") that are initials only in a pupil's context."""
    places: frozenset[str] = frozenset()
    """UK places and trip destinations ("hengistbury head"): never a person alone."""
    public_figures: frozenset[str] = frozenset()
    """Authors, historical figures, royalty, athletes: a person, but not a private one."""
    organisation_words: frozenset[str] = frozenset()
    """Words after a name that make it an organisation ("County Music Service")."""
    abbreviations: frozenset[str] = frozenset()
    """Upper-case abbreviations ("SLT", "CAMHS"): two or three capitals listed here are
    not a person's initials when they stand alone."""

    @cached_property
    def not_private(self) -> tuple[str, ...]:
        """Places and public figures, as phrases to find (sorted, so the index is cached)."""
        return tuple(sorted(self.places | self.public_figures))


@cache
def vocabulary(directory: Path | None = None) -> Vocabulary:
    """Read the lists in ``directory/names`` (the installed recognizers by default)."""
    folder = (directory or recognizer_dir()) / "names"
    not_names = _read(folder / "not_names.txt") | frozenset(STOP_WORDS)
    first = _read(folder / "first_names.txt") | _read(folder / "extra_first_names.txt")
    surnames = _read(folder / "surnames.txt") | _read(folder / "extra_surnames.txt")
    place_words = _read(folder / "place_words.txt")
    return Vocabulary(
        first_names=first - not_names,
        surnames=surnames - not_names,
        word_surnames=surnames & (not_names | place_words) - frozenset(STOP_WORDS),
        not_names=not_names,
        place_words=place_words,
        person_verbs=_read(folder / "person_verbs.txt"),
        not_initials=frozenset(w.upper() for w in _read(folder / "not_initials.txt")),
        role_shorthand=frozenset(w.upper() for w in _read(folder / "role_shorthand.txt")),
        places=_read(folder / "places.txt"),
        public_figures=_read(folder / "public_figures.txt"),
        organisation_words=_read(folder / "organisation_words.txt") - surnames,
        abbreviations=frozenset(w.upper() for w in _read(folder / "abbreviations.txt")),
    )


def _read(path: Path) -> frozenset[str]:
    """The entries of a list, up to its first "# ambiguous" heading: entries after it
    (a place that is also a surname) are kept for people to read, not used alone.
    """
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lower().startswith("# ambiguous"):
            break
        if line.strip() and not line.startswith("#"):
            entries.append(line.strip().lower().replace("’", "'"))
    return frozenset(entries)
