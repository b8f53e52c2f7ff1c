"""Replacement text for each finding: label, pseudonym or blackout.

Pseudonyms are consistent for a whole run: the same person is "Pupil A" in
every document of a batch. The table lives on a :class:`PseudonymTable` made for
that run and dropped with it; it is written to disk only encrypted, and only
when the user asks for a key file.
"""

from __future__ import annotations

from collections.abc import Sequence
from string import ascii_uppercase

from redactor.detection.minutes import (
    REFERENCE,
    REFERENCE_LABEL,
    SECTION,
    SECTION_CONTINUED,
    SECTION_PLACEHOLDER,
)
from redactor.model import Finding, Role, Style

LABELS = {
    "ADDRESS": "[ADDRESS]",
    "POSTCODE": "[POSTCODE]",
    "PHONE": "[PHONE]",
    "EMAIL": "[EMAIL]",
    "DOB": "[DOB]",
    "UPN": "[UPN]",
    "ULN": "[ULN]",
    "NHS_NUMBER": "[NHS NUMBER]",
    "NINO": "[NI NUMBER]",
    "ID": "[ID]",
}
PERSON_LABELS = {
    Role.PUPIL: "[PUPIL]",
    Role.PARENT: "[PARENT]",
    Role.STAFF: "[STAFF]",
    Role.OTHER: "[NAME]",
}
PSEUDONYM_WORDS = {
    Role.PUPIL: "Pupil",
    Role.PARENT: "Parent",
    Role.STAFF: "Staff member",
    Role.OTHER: "Person",
}
BLOCK = "█"


def label_for(finding: Finding) -> str:
    """The label for a finding, e.g. ``[PUPIL]`` or ``[POSTCODE]``."""
    if finding.entity_type == "PERSON":
        return PERSON_LABELS[finding.role]
    return LABELS.get(finding.entity_type, f"[{finding.entity_type}]")


def blackout_for(finding: Finding) -> str:
    """One block per character, keeping line breaks so the layout holds."""
    return "".join(c if c in "\r\n" else BLOCK for c in finding.text)


def letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, ..."""
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = ascii_uppercase[remainder] + name
    return name


class PseudonymTable:
    """Assigns each person a stable pseudonym for the length of one run."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self._originals: dict[str, str] = {}
        self._parents: dict[str, int] = {}  # a child's pseudonym -> parents named so far
        self._letters = 0

    def _next_letter(self) -> str:
        self._letters += 1
        return letters(self._letters - 1)

    def add_people(self, findings: Sequence[Finding]) -> None:
        """Give a pseudonym to each new person, in the order they are met.

        A parent whose child the roster names is "Parent of Pupil A" (a second
        parent of the same child "Parent 2 of Pupil A"), so a reader can follow
        the family without learning who it is.
        """
        for finding in findings:
            if finding.entity_type != "PERSON" or finding.person in self._names:
                continue
            if finding.role is Role.PARENT and finding.related:
                if finding.related not in self._names:
                    self._names[finding.related] = (
                        f"{PSEUDONYM_WORDS[Role.PUPIL]} {self._next_letter()}"
                    )
                child = self._names[finding.related]
                self._parents[child] = self._parents.get(child, 0) + 1
                number = "" if self._parents[child] == 1 else f" {self._parents[child]}"
                self._names[finding.person] = f"Parent{number} of {child}"
                continue
            word = PSEUDONYM_WORDS[finding.role]
            self._names[finding.person] = f"{word} {self._next_letter()}"
        for finding in findings:
            if finding.entity_type == "PERSON":
                pseudonym = self._names[finding.person]
                best = self._originals.get(pseudonym, "")
                if len(finding.text) > len(best):
                    self._originals[pseudonym] = " ".join(finding.text.split())

    def pseudonym_for(self, finding: Finding) -> str:
        """The pseudonym of a person (a label for anything that is not a person)."""
        if finding.entity_type != "PERSON":
            return label_for(finding)
        return self._names[finding.person]

    def originals(self) -> dict[str, str]:
        """Pseudonym -> the fullest form of the name seen, for an encrypted key file."""
        return dict(self._originals)

    def clear(self) -> None:
        """Forget every mapping (the run is over)."""
        self._names.clear()
        self._originals.clear()
        self._parents.clear()


# Whole sections of minutes are replaced by a line a reader understands, in every style.
SECTION_REPLACEMENTS = {
    SECTION: SECTION_PLACEHOLDER,
    SECTION_CONTINUED: "",
    REFERENCE: REFERENCE_LABEL,
}


def replacement_for(finding: Finding, style: Style, table: PseudonymTable | None) -> str:
    """The text that takes the place of a finding."""
    if finding.entity_type in SECTION_REPLACEMENTS:
        return SECTION_REPLACEMENTS[finding.entity_type]
    if style is Style.BLACKOUT:
        return blackout_for(finding)
    if style is Style.PSEUDONYM:
        if table is None:
            raise ValueError("the pseudonym style needs a PseudonymTable")
        return table.pseudonym_for(finding)
    return label_for(finding)
