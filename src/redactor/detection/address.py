"""UK postal addresses: a house number or name and a street, then optionally the
locality, town, county and postcode, on one line or across lines.

The whole address becomes one finding. The street line is the anchor (a street
name with a street-type word such as Road or Close); the lines after it are
taken while they look like address parts (short, capitalised, or a postcode).
"""

from __future__ import annotations

import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

ENTITY = "ADDRESS"
RECOGNIZER_NAME = "uk_address"

STREET_TYPES = (
    "Road|Rd|Street|St|Avenue|Ave|Close|Cl|Lane|Ln|Drive|Dr|Way|Crescent|Cres|Gardens|Gdns|"
    "Court|Ct|Place|Pl|Terrace|Terr|Grove|Gr|Mews|Rise|Walk|View|Row|Square|Sq|Hill|Park|"
    "Green|Parade|Vale|Meadow|Meadows|Chase|Croft|Fields|Gate|Mount|Heights|Wharf|Yard|"
    "Boulevard|Approach|Bank|Cottages|Parkway|Ridge|Brow|Causeway|Circus|Copse|Dale|Glade|"
    "Grange|Hollow|Lea|Leys|Mead|Orchard|Paddock|Pathway|Quay|Side|Spinney|Wynd|Brae"
)
_POSTCODE = (
    r"(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRV-Y])(?: ?[0-9][ABD-HJLNP-UW-Z]{2})?"
)
_NAME_WORD = r"(?:[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*|St\.?)"
_FLAT = r"(?:(?:Flat|Apartment|Apt|Unit|Room)\s+[0-9]+[A-Za-z]?,?\s+)?"
_HOUSE = _FLAT + r"[0-9]{1,4}[A-Za-z]?(?:[-–][0-9]{1,4})?,?\s+"
_HOUSE_NAME = rf"(?:{_NAME_WORD}\s+){{1,2}}(?:House|Cottage|Farm|Lodge|Barn|Mill|Hall),?\s+"
# English street names end in their type ("Elm Road"); Welsh ones start with it
# ("Heol y Parc", "Ffordd Las").
WELSH_STREET_TYPES = "Heol|Ffordd|Stryd|Lôn|Lon|Rhodfa|Cilgant|Clos|Llwyn|Maes|Teras|Ystad"
_STREET = (
    rf"(?:(?:{_NAME_WORD}\s+){{1,3}}(?:{STREET_TYPES})\b\.?"
    rf"|(?:{WELSH_STREET_TYPES})(?:\s+(?:[Yy]r?|[Yy]|{_NAME_WORD})){{1,3}}\b)"
)
# An address part after the street: a capitalised phrase (town, county) or a postcode.
_PART = (
    rf"(?:{_NAME_WORD}(?:[ ]+(?:{_NAME_WORD}|on|upon|le|by|in|the|under|de))*|(?-i:{_POSTCODE}))"
)
_TOWN = rf"{_NAME_WORD}(?:[ ]+(?:{_NAME_WORD}|on|upon|le|by|in|the|under|de))*"
_SEPARATOR = r"(?:,[ \t]*(?:\r?\n[ \t]*)?|[ \t]*\r?\n[ \t]*|[ \t]+(?=(?-i:" + _POSTCODE + r")\b))"
# Up to four town/county parts, then a postcode, which always ends the address
# (the line after "SP10 4LN" is not part of it, however capitalised).
_FULL = regex.compile(
    rf"(?<![\w])(?:{_HOUSE}|{_HOUSE_NAME}){_STREET}"
    rf"(?:{_SEPARATOR}{_TOWN}(?![\w])){{0,4}}(?:{_SEPARATOR}(?-i:{_POSTCODE})(?![\w]))?",
)
# A street mentioned without a number, after words that say it is where someone lives.
_PARTIAL = regex.compile(
    rf"(?<=\b(?:lives?|living|moved|moving|staying|stays|address|house)\s+(?:on|in|at|to)\s+)"
    rf"(?:{_STREET}(?:,?[ \t]+{_PART}(?![\w]))?"
    rf"|{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?[ \t]+(?-i:{_POSTCODE}))(?![\w])"
)
_FULL_SCORE = 0.75
_PARTIAL_SCORE = 0.6
_LAST_PART_WORDS = regex.compile(r"\b(?:on|upon|le|by|in|the|under|de)$")


class UkAddressRecognizer(LocalRecognizer):
    """Presidio recognizer for UK postal addresses."""

    def __init__(self) -> None:
        super().__init__(supported_entities=[ENTITY], name=RECOGNIZER_NAME, supported_language="en")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return each address in ``text`` as one result."""
        results = []
        for pattern, score in ((_FULL, _FULL_SCORE), (_PARTIAL, _PARTIAL_SCORE)):
            for match in pattern.finditer(text, timeout=5):
                start, end = match.span()
                # Do not swallow a trailing connective such as "in" or "the".
                trimmed = _LAST_PART_WORDS.sub("", text[start:end]).rstrip(" ,\t\r\n")
                end = start + len(trimmed)
                results.append(
                    RecognizerResult(
                        ENTITY,
                        start,
                        end,
                        score,
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: RECOGNIZER_NAME
                        },
                    )
                )
        return results
