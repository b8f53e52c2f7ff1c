"""UK telephone numbers, found with Google's ``phonenumbers`` library (region GB).

``phonenumbers`` finds candidates leniently; we then keep only what is shaped
like a UK number a person would write (starts with ``+``, ``00`` or ``0``, the
right number of digits), so dates, times, sums of money, UPNs and reference
numbers are never taken for phones. Numbers in Ofcom's ranges reserved for
drama are accepted too, although ``phonenumbers`` calls them invalid: they are
what training material and our own samples use.
"""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

ENTITY = "PHONE"
RECOGNIZER_NAME = "uk_phone"
_VALID_SCORE = 0.8
_UK_SHAPED_SCORE = 0.6
# National numbers (after the leading 0) that Ofcom reserves for drama.
_DRAMA_PREFIXES = (
    "1632960",
    "7700900",
    "2079460",
    "1134960",
    "1144960",
    "1154960",
    "1174960",
    "1184960",
    "1214960",
    "1314960",
    "1414960",
    "1514960",
    "1614960",
    "2890180",
    "2920180",
    "8081570",
    "9098790",
    "3069990",
)
_EXTENSION = re.compile(r"\s*(?:ext\.?|extension|x)\s*\d{1,5}", re.IGNORECASE)
# A UK number of ten digits after the 0 or +44, with single spaces or hyphens between
# digits, ending at its last digit. ``phonenumbers`` reads the digits after a space as
# more of the number, so "rang mum 07700 900123 15.05" (a time after it) was no
# number to it; this finds it, and phonenumbers still judges it.
_TEN_DIGITS = re.compile(r"(?<![\w+])(?:\+44[ \t]?(?:\(0\)[ \t]?)?|0)\d(?:[ \t-]?\d){9}(?!\d)")


class UkPhoneRecognizer(LocalRecognizer):
    """Presidio recognizer for UK landline and mobile numbers."""

    def __init__(self) -> None:
        super().__init__(supported_entities=[ENTITY], name=RECOGNIZER_NAME, supported_language="en")

    def load(self) -> None:
        """Nothing to load: phonenumbers carries its metadata."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return every UK-shaped telephone number in ``text``."""
        found: list[tuple[int, int, float]] = []
        for match in phonenumbers.PhoneNumberMatcher(text, "GB", phonenumbers.Leniency.POSSIBLE):
            score = _score(match.raw_string, match.number)
            if score is not None:
                found.append((match.start, match.end, score))
        for shaped in _TEN_DIGITS.finditer(text):
            if any(start < shaped.end() and shaped.start() < end for start, end, _ in found):
                continue
            try:
                number = phonenumbers.parse(shaped.group(), "GB")
            except phonenumbers.NumberParseException:
                continue
            score = _score(shaped.group(), number)
            if score is not None:
                found.append((shaped.start(), shaped.end(), score))
        results = []
        for start, end, score in found:
            extension = _EXTENSION.match(text, end)
            results.append(
                RecognizerResult(
                    ENTITY,
                    start,
                    extension.end() if extension else end,
                    score,
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: RECOGNIZER_NAME},
                )
            )
        return results


def _score(raw: str, number: phonenumbers.PhoneNumber) -> float | None:
    """A score for a candidate, or None when it is not a UK-shaped phone number."""
    stripped = raw.lstrip("(")
    if not (stripped.startswith("+") or stripped.startswith("0")):
        return None
    if number.country_code != 44:
        return _VALID_SCORE if phonenumbers.is_valid_number(number) else None
    national = str(number.national_number)
    if not 9 <= len(national) <= 10 or national[0] not in "123578":
        return None
    if phonenumbers.is_valid_number(number):
        return _VALID_SCORE
    if national.startswith(_DRAMA_PREFIXES) and len(national) == 10:
        return _VALID_SCORE
    return _UK_SHAPED_SCORE if len(national) == 10 else None
