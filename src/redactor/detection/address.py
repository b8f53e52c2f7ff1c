"""UK postal addresses: a house number or name and a street, then optionally the
locality, town, county and postcode, on one line or across lines.

The whole address becomes one finding. The street line is the anchor (a street
name with a street-type word such as Road or Close); the lines after it are
taken while they look like address parts (short, capitalised, or a postcode).
Words are in Title Case or, as letterheads often are, in CAPITALS.

A street without a house number is taken where a word says someone lives there
("lives on Elm Road", "moved to Basingstoke RG22", "living with her nan at Elm Road", "the
Elm Road flat") or where a word of route
or nearness comes before it ("walk home along Elm Road", "the flat off Nelson Street").

Not addresses: a number that belongs to a year group, room, set or key stage
("Year 4 Nature Walk"), and a street named as part of an institution ("Elm Road
Primary School"): a school's address is public, and it is not where anyone lives.
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
    "Grange|Hollow|Lea|Leys|Mead|Orchard|Paddock|Pathway|Quay|Side|Spinney|Wynd|Brae|"
    "Drove|Loke|Garth|Fold|Nook|Drift|Ride|Path|End|Embankment|Esplanade|Promenade|Broadway|"
    "Circle"
)
# Abbreviated street types, the only ones whose following full stop is theirs.
_ABBREVIATED_TYPES = "Rd|St|Ave|Cl|Ln|Dr|Cres|Gdns|Ct|Pl|Terr|Gr|Sq"
# English street names end in their type ("Elm Road"); Welsh ones start with it
# ("Heol y Parc", "Ffordd Las").
WELSH_STREET_TYPES = (
    "Heol|Ffordd|Stryd|Lôn|Lon|Rhodfa|Cilgant|Clos|Llwyn|Maes|Teras|Ystad|Cae|Llys|Cwrt|Rhes"
    "|Parc|Gerddi|Erw|Pant|Ael"
)
# The last word of a house name ("Rose Cottage", "The Old Rectory").
_HOUSE_WORDS = (
    "House|Cottage|Farm|Farmhouse|Lodge|Barn|Mill|Hall|Manor|Rectory|Vicarage|Grange|Bungalow|Villa"
    "|Site"
)


def _either_case(words: str) -> str:
    """An alternation of ``words`` as written (Title Case) or in CAPITALS."""
    return f"{words}|{words.upper()}"


_OUTWARD_CODE = (
    r"(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRV-Y])"
)
_INWARD_CODE = r" ?[0-9][ABD-HJLNP-UW-Z]{2}"
_POSTCODE = rf"{_OUTWARD_CODE}(?:{_INWARD_CODE})?"
_FULL_POSTCODE = rf"{_OUTWARD_CODE}{_INWARD_CODE}"
_NAME_WORD = r"(?:[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*|[A-Z][A-Z'’]+(?:-[A-Z'’]+)*|St\.?|ST\.?)"
_NUMBER = r"[0-9]{1,4}[A-Za-z]?(?:[-–][0-9]{1,4}[A-Za-z]?)?"
# Numbers that are not house numbers: "Year 4 Nature Walk", "Room 12, Station Road site".
_NOT_A_HOUSE_NUMBER = (
    r"(?<!(?i:\b(?:year|yr|y|room|rm|class|set|group|form|key\s+stage|stage|ks|week|term|page|"
    r"table|level|step|grade|no\.?|number|question|q|lesson|period|session|chapter|part|phase|"
    r"day|aged?|tier|item|section|paragraph|para|point|appendix|annex|minute|priority)[ \t]+))"
)
_HOUSE_NAME = rf"(?:{_NAME_WORD}\s+){{1,3}}(?:{_either_case(_HOUSE_WORDS)}),?\s+"
# A flat, or a plot or pitch on a caravan or Traveller site.
_FLAT = (
    rf"(?:Flat|FLAT|Apartment|APARTMENT|Apt\.?|APT\.?|Unit|UNIT|Plot|PLOT|Pitch|PITCH)"
    rf"\s+{_NUMBER},?\s+"
)
# Where an address starts: a flat (perhaps in a named building, perhaps with a street
# number after it), a house name (perhaps with a number), or a house number.
# A house number shares its line with the street: a number ending the line before
# ("Friday 7th March 2025" above a letterhead's street) is not one.
_HOUSE = (
    rf"(?:{_FLAT}(?:{_HOUSE_NAME})?(?:{_NUMBER}(?:,\s+|[ \t]+))?"
    rf"|{_HOUSE_NAME}(?:{_NUMBER}(?:,\s+|[ \t]+))?"
    rf"|{_NOT_A_HOUSE_NUMBER}{_NUMBER}(?:,[ \t]*|[ \t]+))"
)
# A street named as part of an institution is not an address.
_INSTITUTION = (
    r"(?i:Primary|Infants?|Juniors?|School|Academy|College|Nursery|Pre-?school|Surgery|"
    r"Medical|Health|Clinic|Library|Church|Chapel|Mosque|Leisure|Community|Sports|"
    r"Methodist|Baptist)\b"
)


def _street(gap: str) -> str:
    """A street's name with ``gap`` between its words: English, ending in its type, or
    Welsh, starting with it; never one named as part of an institution. Atomic, so that
    "Hill Park Road Primary" cannot fall back to the street "Hill Park".
    """
    return (
        rf"(?>(?:{_NAME_WORD}{gap}){{1,3}}(?:{_either_case(STREET_TYPES)})\b"
        rf"(?:(?<=\b(?:{_either_case(_ABBREVIATED_TYPES)}))\.)?"
        rf"|(?:{_either_case(WELSH_STREET_TYPES)})(?:{gap}(?:[Yy]r?|YR?|{_NAME_WORD})){{1,3}}\b)"
        rf"(?![ \t]+{_INSTITUTION})"
    )


# A street's name may wrap over a line break ("14 Elm" then "Road" in a PDF's text).
_STREET = _street(r"\s+")
# Words that start the line after an address without being part of it.
_NOT_A_PLACE = (
    r"(?i:dear|re|ref|date|dated|tel|telephone|phone|mobile|email|e-mail|fax|subject|to|"
    r"from|hi|hello|attn|attention|yours|action|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|january|february|march|april|june|july|august|september|october|"
    r"november|december)\b"
)
_PLACE_WORD = rf"(?!{_NOT_A_PLACE}){_NAME_WORD}"
_CONNECTIVE = _either_case("on|upon|le|by|in|the|under|de")
# A town or county: "Basingstoke", "Stratford upon Avon".
_TOWN = rf"{_PLACE_WORD}(?:[ ]+(?:{_PLACE_WORD}|{_CONNECTIVE}))*"
# An address part after the street: a town or county, or a postcode.
_PART = rf"(?:{_TOWN}|{_POSTCODE})"
# A line break, and the "> " of a quoted e-mail reply at the start of the next line.
_LINE_BREAK = r"\r?\n(?:[ \t]*>)*[ \t]*"
_SEPARATOR = (
    rf"(?:,[ \t]*(?:{_LINE_BREAK})?"  # a comma, perhaps at the end of a line
    rf"|[ \t]*{_LINE_BREAK}"  # a line break
    rf"|[ \t]+(?={_POSTCODE}(?![\w]))"  # a space before the postcode
    rf"|[ \t]+(?={_TOWN}[ \t]+{_POSTCODE}(?![\w])))"  # a space before "Town POSTCODE"
)


def _full_address(street: str) -> regex.Pattern[str]:
    """A house, a street, up to four town or county parts, then a postcode, which always
    ends the address (the line after "SP10 4LN" is not part of it, however capitalised).
    """
    return regex.compile(
        rf"(?<![\w]){_HOUSE}{street}"
        rf"(?:{_SEPARATOR}{_TOWN}(?![\w])){{0,4}}(?:{_SEPARATOR}{_POSTCODE}(?![\w]))?",
    )


_FULL = _full_address(_STREET)
# The same with the street on one line, for a match whose street runs over a line break:
# in "5 Mill Road" over "Stoke St Milborough" and a postcode, the street is "Mill Road",
# not "Mill Road Stoke St" (which left the rest of the address). Asked only there, as it
# doubles the cost of a street.
_FULL_ON_ONE_LINE = _full_address(_street(r"[ \t]+"))
# A postcode makes a house number or name and the words after it an address even where
# the street's type is one no list holds ("7 Pellow Loanings, Blyth NE24 3AB") or there
# is no street ("Flat 2, Tansy House" over "Morwood" and "TQ7 1AA"): a full postcode
# only, which always ends it. A month or a day is no street ("14 March, Kingsbridge TQ7 1AA").
_ANCHORED = regex.compile(
    rf"(?<![\w]){_HOUSE}(?!{_NOT_A_PLACE})(?:{_NAME_WORD}[ \t]+){{0,3}}{_NAME_WORD}"
    rf"(?:{_SEPARATOR}{_TOWN}(?![\w])){{0,4}}{_SEPARATOR}{_FULL_POSTCODE}(?![\w])"
)
# Hasty notes write a family's address in lower case ("now at 14 zoqvarth rd", "moving
# to 7 tansy road, LE5 4AA"): a house number, one to three lower-case words that are
# no little word, count or group of people ("2 miles down the road", "5 boys walk"), then
# one of the street types that are seldom anything else, perhaps a postcode after it.
_LOWER_CASE_TYPES = (
    "road|rd|street|st|avenue|ave|close|lane|crescent|cres|gardens|gdns|terrace|grove|mews|drive"
)
_NOT_A_STREET_WORD = (
    r"(?:the|a|an|to|of|and|or|in|on|at|down|up|for|from|with|by|off|past|along|into|onto|"
    r"over|near|more|new|old|other|miles?|mins?|minutes?|hours?|days?|weeks?|times?|years?|"
    r"pupils?|children|kids|boys|girls|people|staff|parents|adults|teachers|students|"
    r"families|members|cars|buses)"
)
_IN_LOWER_CASE = regex.compile(
    rf"(?<![\w]){_NOT_A_HOUSE_NUMBER}{_NUMBER}[ \t]+"
    rf"(?:(?!{_NOT_A_STREET_WORD}\b)[a-z][a-z'’-]+[ \t]+){{1,3}}(?:{_LOWER_CASE_TYPES})\b"
    rf"(?:,?[ \t]+{_FULL_POSTCODE}(?![\w]))?"
)
_LOWER_CASE_SCORE = 0.6
_A_FULL_POSTCODE = regex.compile(rf"(?<![\w]){_FULL_POSTCODE}(?![\w])")
# A street mentioned without a number, after words that say it is where someone lives.
_PARTIAL = regex.compile(
    r"(?<=\b(?i:(?:(?:lives?|living|moved|moving|staying|stays|address|house|home)"
    r"(?:\s{1,3}is)?\s{1,3}(?:on|in|at|to))|address(?:\s{1,3}is|:)"
    # "living with her nan at Heol Pellow": a few words between
    r"|(?:lives?|living|staying|stays)\s{1,3}with(?:\s{1,3}(?!and\b)[^\s.,;]+){1,3}?"
    r"\s{1,3}(?:on|in|at))\s{1,3})"
    rf"(?:{_STREET}(?:,?[ \t]+{_PART}(?![\w]))?"
    rf"|{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?[ \t]+{_POSTCODE})(?![\w])"
    # "the Quarry Road flat": a street said to be a home
    rf"|(?<![\w])(?!(?i:the)\b){_STREET}(?=[ \t]+(?i:flat|house|home|address)\b)"
)
# A street named after a word of route or nearness ("walk home along Elm Road", "the
# flat off Nelson Street"): in a note about a child, most likely the way home. Not
# after "on", "in" or "at", which name where anyone parks or meets ("park on Princess
# Road"); "lives on" and "moved to" are the residence words above.
# The school's own street is kept by the school's details in the settings.
_MENTIONED = regex.compile(
    r"(?<=\b(?i:along|down|up|off|near|via|opposite|around|round|past|towards|from)\s{1,3})"
    rf"{_STREET}(?![\w])"
)
# What may follow a family's street line in an address: towns, counties, a postcode.
_REST_OF_ADDRESS = regex.compile(
    rf"(?:{_SEPARATOR}{_TOWN}(?![\w])){{0,4}}(?:{_SEPARATOR}{_POSTCODE}(?![\w]))?"
)
_FULL_SCORE = 0.75
_PARTIAL_SCORE = 0.6
_MENTIONED_SCORE = 0.55
_LAST_PART_WORDS = regex.compile(r"\b(?i:on|upon|le|by|in|the|under|de)$")


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
        taken: set[tuple[int, int]] = set()  # a street with a postcode matches twice
        patterns = (
            (_FULL, _FULL_SCORE),
            (_ANCHORED, _FULL_SCORE),
            (_PARTIAL, _PARTIAL_SCORE),
            (_MENTIONED, _MENTIONED_SCORE),
            (_IN_LOWER_CASE, _LOWER_CASE_SCORE),
        )
        for pattern, score in patterns:
            if pattern is _ANCHORED and not _A_FULL_POSTCODE.search(text):
                continue  # most texts hold no postcode: a search for one is cheaper
            for match in pattern.finditer(text, timeout=5):
                start, end = match.span()
                if pattern is _FULL and "\n" in match.group():
                    on_one_line = _FULL_ON_ONE_LINE.match(text, start, timeout=5)
                    if on_one_line and on_one_line.end() > end:
                        end = on_one_line.end()
                # Do not swallow a trailing connective such as "in" or "the".
                trimmed = _LAST_PART_WORDS.sub("", text[start:end]).rstrip(" ,\t\r\n")
                end = start + len(trimmed)
                if (start, end) in taken:
                    continue
                taken.add((start, end))
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


def rest_of_address(text: str, end: int) -> int:
    """Where an address that reaches ``end`` (a family's street line from the export)
    really ends: over the town, county and postcode lines after it, as the address
    recognizer reads them ("7 Tamsin Row" then "Pentre", "Carnwick", "TR9 4QQ").
    """
    match = _REST_OF_ADDRESS.match(text, end, timeout=5)
    if match is None or match.end() == end:
        return end
    trimmed = _LAST_PART_WORDS.sub("", text[end : match.end()]).rstrip(" ,\t\r\n")
    return end + len(trimmed)
