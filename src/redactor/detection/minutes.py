"""Governor minutes: the attendance list, and the Part 2 sections that are never published.

Boards minute exclusions, personnel matters and other confidential business "under
Part 2", separately, and publish only the rest. This module reads the running text
of a document (its ``in_body`` segments, line by line, in reading order) and finds:

* the **attendance**: the people under "Present:", "In attendance:" and "Apologies:".
  They are kept only because they are on the staff and governors lists (or the
  settings' keep list), never because of where they stand: a parents' association's
  "Present:" line is a list of parents. A name there on no list is redacted and
  flagged for review;
* the **confidential sections**, each from its heading to the next ordinary item:
  - a *part* ("Part 2 – Confidential", "Part II", "Confidential items", "Confidential
    Annex") runs, numbered items and all, to "Part 1", the end matter ("Date of next
    meeting", "The meeting closed", "Signed") or the end of the document;
  - an *item* ("5. Confidential minute – staffing", "4. Item taken in closed session",
    or the line "The following item is confidential" inside item 6) runs to the next
    item with a higher number, the end matter, an actions table or the end;
* the **references** elsewhere to a confidential item: a line of an actions table or
  of "matters arising" that names its number ("item 5"), its title, or Part 2.

Where the end of a section is a guess (a part holding an ordinary-looking item such
as "10. Any other business"; an item in minutes without numbered items), the section
is still removed to the later, safer end, and a review item says the boundary is
uncertain, so ``check`` exits 1 and a person looks.

Everything here works on plain strings: the format handlers then remove the spans
like any other finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from redactor.model import Finding, Segment

SECTION = "PART_2_SECTION"
"""The first part of a removed section: replaced by :data:`SECTION_PLACEHOLDER`."""
SECTION_CONTINUED = "PART_2_CONTINUED"
"""The rest of a section that runs over more than one segment (a page): emptied."""
REFERENCE = "PART_2_REFERENCE"
"""A line elsewhere that points at a confidential item: replaced by a short label."""
BOUNDARY = "PART_2_BOUNDARY_UNCERTAIN"
"""A review item: where a section ends is a guess."""
SECTION_TYPES = frozenset({SECTION, SECTION_CONTINUED, REFERENCE})

SECTION_PLACEHOLDER = "Part 2 item(s) recorded separately — not for publication"
REFERENCE_LABEL = "[Part 2 item]"

_FLAGS = re.IGNORECASE
_NUMBERED = re.compile(
    r"^\s*(?:item\s+)?(\d{1,2})((?:\.\d{1,2})*)(?:[.):]\s+|\s(?=\S))(.*)$", _FLAGS
)
_PART_2 = r"part\s*(?:2|ii|two)\b"
_CONFIDENTIAL_NOUN = (
    r"confidential\s+(?:items?|minutes?|annexe?|appendix|business|section|matters?|session)\b"
)
_CLOSED_SESSION = (
    r"(?:(?:items?\s+)?(?:taken|held|considered|discussed)\s+in\s+)?(?:closed|private)\s+session\b"
)
# A heading may carry a note in brackets, however long: "PART 2 – CONFIDENTIAL
# (committee only – not to be shared on the class group)".
_PART_HEADING = re.compile(
    rf"^(?:{_PART_2}(?!\s+of\b)|{_CONFIDENTIAL_NOUN}|{_CLOSED_SESSION})"
    r"(?:[^.(]{0,60}|[^.(]{0,60}\([^)]{0,160}\)[^.(]{0,20})\.?$",
    _FLAGS,
)
_SENTENCE_HEADING = re.compile(
    r"^the\s+following\s+(?:items?|matters?|minutes?)\s+(?:is|are|was|were)\s+"
    rf"(?:confidential|{_CLOSED_SESSION}|(?:taken\s+)?in\s+{_PART_2}|minuted\s+separately)",
    _FLAGS,
)
_END_MATTER = re.compile(
    r"^(?:date\s+(?:and\s+time\s+)?of\s+(?:the\s+)?next\s+meeting"
    r"|next\s+(?:meeting|forum|session|committee|board)\b"
    r"|(?:the\s+)?meeting\s+(?:closed|ended|finished)|signed\b|chair(?:'s)?\s+signature"
    r"|part\s*(?:1|i|one)\b|end\s+of\s+part\s*(?:2|ii|two)\b|open\s+session\b"
    r"|(?:the\s+)?(?:meeting|board|committee)\s+(?:returned|resumed|moved\s+back)\b)",
    _FLAGS,
)
_ACTIONS = re.compile(
    r"^(?:actions?|action\s+(?:log|points|table|list|plan)|summary\s+of\s+actions|"
    r"actions\s+(?:agreed|arising))\s*:?\s*$",
    _FLAGS,
)
_ATTENDANCE = re.compile(
    r"^(?:present|governors\s+present|also\s+present|in\s+attendance|attendees|attending|"
    r"apologies(?:\s+for\s+absence)?(?:\s+received)?|absent(?:\s+without\s+apologies)?|"
    r"observers?|clerk)\s*[:\-–]\s*(.*)$",
    _FLAGS,
)
_PERSON = re.compile(
    r"^(?:(?P<title>Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Rev|Revd|Cllr|Sir|Dame)\.?\s+)?"
    r"(?P<names>(?:[A-Z][\w'’-]*\.?\s+){0,3}[A-Z][\w'’-]+)$"
)
_REFERENCE = re.compile(
    rf"\b(?:{_PART_2}(?!\s+of\b)|{_CONFIDENTIAL_NOUN}|(?:closed|private)\s+session\b)", _FLAGS
)
_ITEM_NUMBERS = re.compile(r"\bitems?\s+(\d{1,2}(?:\s*(?:,|and|&|to|-|–)\s*\d{1,2})*)", _FLAGS)
# Words that make an item's title plainly confidential business.
_CONFIDENTIAL_TITLE = re.compile(
    r"confidential|exclu|suspen|personnel|staffing|\bpay\b|salar|grievance|disciplin|"
    r"capability|complain|safeguard|child protection|\bhr\b|appeal|sickness|allegation|"
    r"investigat|\blado\b|tribunal|legal|redundan|restructur|settlement|individual|pupil|"
    r"tender|contract|performance management|closed session|private session|part\s*(?:2|ii)",
    _FLAGS,
)
_FAMILY = re.compile(
    r"parent|carer|mother|father|mum|dad|step|guardian|grand|foster|aunt|uncle|"
    r"brother|sister|sibling|family|pupil|child|\bson\b|daughter|student",
    _FLAGS,
)
# Unnumbered headings that always open a part of several items, never one item.
_WHOLE_PART = re.compile(
    rf"^(?:{_PART_2}|confidential\s+(?:items|minutes|matters|annexe?|appendix|section|business)\b"
    r"|items\b|(?:closed|private)\s+session\b)",
    _FLAGS,
)
_MAX_HEADING_WORDS = 12
_MAX_TITLE_WORDS = 6
_TABLE_GAP = re.compile(r"\S\s{3,}\S|\t")


@dataclass(frozen=True)
class Line:
    """One line of the running text: its segment and where it sits in it."""

    segment: Segment
    start: int
    end: int
    number: int
    """Its place among all the running text's lines, from 1."""
    level: int | None = None
    """Its heading level where the source marks headings (Word: 0 for "Heading 1")."""

    @property
    def text(self) -> str:
        """The line's text."""
        return self.segment.text[self.start : self.end]

    @property
    def label(self) -> str:
        """Where it is, for a person: "line 40" in a text file, "page 2, line 7" in a
        PDF, "paragraph 31" in a Word document.
        """
        line = self.segment.line_at(self.start)
        if line is not None:
            return f"line {line}"
        if self.segment.where.startswith("page "):
            return (
                f"{self.segment.where}, line {self.segment.text.count(chr(10), 0, self.start) + 1}"
            )
        return f"paragraph {self.number}"


@dataclass(frozen=True)
class Section:
    """A confidential section: its lines (first and last inclusive, indexes into the lines)."""

    heading: Line
    first: int
    last: int
    numbers: tuple[str, ...]
    """The item numbers it holds ("9"), for finding references to it elsewhere."""
    titles: tuple[str, ...]
    """The titles of its items ("Suspensions and exclusions"), likewise."""
    uncertain: str = ""
    """Why its end is a guess, or "" when it is not."""


@dataclass(frozen=True)
class MinutesPlan:
    """What the minutes profile found in a document's running text."""

    lines: tuple[Line, ...]
    attendance: tuple[str, ...]
    """Name forms of everyone in the attendance lists (governors, staff, visitors)."""
    sections: tuple[Section, ...]
    references: tuple[Line, ...]
    attendance_lines: tuple[Line, ...] = ()
    """The attendance lines themselves: a name there on no list is flagged for review."""


def plan_minutes(segments: Sequence[Segment]) -> MinutesPlan:
    """Read the running text of one document: attendance, sections and references."""
    lines = tuple(_body_lines(segments))
    attendance_lines, people = _attendance(lines)
    sections = tuple(_sections(lines))
    inside = {i for s in sections for i in range(s.first, s.last + 1)}
    numbers, titles = _pointers(sections)
    references = tuple(
        line
        for index, line in enumerate(lines)
        if sections
        and index not in inside
        and index not in attendance_lines
        and any(_refers_to(line.text[a:b], numbers, titles) for a, b in _sentences(line.text))
    )
    return MinutesPlan(
        lines,
        tuple(people),
        sections,
        references,
        tuple(lines[i] for i in sorted(attendance_lines)),
    )


def minutes_findings(plan: MinutesPlan) -> tuple[list[Finding], list[Finding]]:
    """The findings that remove each section and reference; the review items for each
    uncertain boundary.
    """
    findings: list[Finding] = []
    review: list[Finding] = []
    for section in plan.sections:
        covered = plan.lines[section.first : section.last + 1]
        where = f"{covered[0].label} to {covered[-1].label}"
        by_segment: dict[str, list[Line]] = {}
        for line in covered:
            by_segment.setdefault(line.segment.key, []).append(line)
        for index, own in enumerate(by_segment.values()):
            segment = own[0].segment
            findings.append(
                Finding(
                    segment_key=segment.key,
                    start=own[0].start,
                    end=own[-1].end,
                    entity_type=SECTION if index == 0 else SECTION_CONTINUED,
                    score=1.0,
                    recognizer="minutes",
                    text=segment.text[own[0].start : own[-1].end],
                    where=where,
                )
            )
        if section.uncertain:
            review.append(
                Finding(
                    segment_key=section.heading.segment.key,
                    start=section.heading.start,
                    end=section.heading.end,
                    entity_type=BOUNDARY,
                    score=1.0,
                    recognizer="minutes",
                    text=section.heading.text,
                    where=where,
                    note=f"Part 2 boundary uncertain: {section.uncertain}",
                )
            )
    for line in plan.references:
        for start, end in referring_sentences(line, plan.sections):
            findings.append(
                Finding(
                    segment_key=line.segment.key,
                    start=start,
                    end=end,
                    entity_type=REFERENCE,
                    score=1.0,
                    recognizer="minutes",
                    text=line.segment.text[start:end],
                    where=line.label,
                )
            )
    return findings, review


# --- the running text ----------------------------------------------------------------


def _body_lines(segments: Sequence[Segment]) -> Iterator[Line]:
    number = 0
    for segment in segments:
        if not segment.in_body:
            continue
        levels = dict(segment.outline)
        start = 0
        for piece in segment.text.split("\n"):
            if piece.strip():
                number += 1
                yield Line(segment, start, start + len(piece), number, levels.get(start))
            start += len(piece) + 1


# --- attendance ----------------------------------------------------------------------


def _attendance(lines: Sequence[Line]) -> tuple[set[int], list[str]]:
    """The indexes of the attendance lines, and every form of each name in them."""
    indexes: set[int] = set()
    people: list[str] = []
    index = 0
    while index < len(lines):
        match = _ATTENDANCE.match(lines[index].text.strip())
        if not match:
            index += 1
            continue
        indexes.add(index)
        entries = _entries(match.group(1))
        index += 1
        # The list goes on, one person (or several) a line, until a line that is not one.
        while index < len(lines) and not _ATTENDANCE.match(lines[index].text.strip()):
            more = _entries(lines[index].text)
            if not more:
                break
            indexes.add(index)
            entries += more
            index += 1
        for entry in entries:
            people += _name_forms(entry)
    return indexes, people


def _entries(text: str) -> list[str]:
    """The people on one attendance line: "Mr A (Chair), Mrs B; Dr C" has three.

    A line that holds anything but names (a sentence) has none.
    """
    found = []
    for part in re.split(r"[,;](?![^(]*\))|\s+and\s+|\s+&\s+", text):
        role = " ".join(re.findall(r"\(([^)]*)\)", part))
        if _FAMILY.search(role) and "governor" not in role.lower():
            continue  # a parent or a pupil at a hearing is not kept
        part = re.sub(r"\([^)]*\)", "", part)  # roles: (Chair), (parent governor)
        name = re.split(r"\s+[-–—]\s+|\s+for\s+items?\b|\s+from\s+item\b|\s+until\b", part)[0]
        name = name.strip(" .•*-\t")
        if not name:
            continue
        if not _PERSON.match(name):
            if len(name.split()) > 3:
                return []  # a sentence: this is not a list of people
            continue  # a role ("Clerk"), "accepted"
        found.append(name)
    return found


def _name_forms(entry: str) -> list[str]:
    """Each form of an attendance name: "Mr Gareth Lloyd", "Gareth Lloyd", "Mr Lloyd"."""
    match = _PERSON.match(entry)
    if match is None:
        return []
    names = match.group("names").split()
    title = match.group("title")
    forms = [entry]
    if title and len(names) >= 2:
        forms += [" ".join(names), f"{title} {names[-1]}"]
    if len(names) < 2 and not title:
        return []  # one bare word is not a name to keep everywhere
    return forms


# --- sections ------------------------------------------------------------------------


def _heading_kind(text: str, level: int | None = None) -> tuple[str, str | None, str]:
    """("part" | "item" | "sentence" | "", the item number, the title) for one line.

    An unnumbered heading names one item ("Confidential minute") or a whole part
    ("Part 2", "Confidential items"); it is taken as one item only where the source
    marks it as a heading (``level``), whose level then says where the item ends.
    """
    stripped = text.strip()
    number, title = _numbered(stripped)
    body = title if number else stripped
    # A note in brackets after a heading does not make it a sentence.
    words = len(re.sub(r"\([^)]*\)", " ", body).split())
    if words <= _MAX_HEADING_WORDS and _PART_HEADING.match(body):
        if number and not re.match(_PART_2, body, _FLAGS):
            return "item", number, body
        if not number and level is not None and not _WHOLE_PART.match(body):
            return "item", None, body
        return "part", number, body
    if (
        number
        and len(body.split()) <= _MAX_HEADING_WORDS
        and re.search(r"\bconfidential\b", body, _FLAGS)
    ):
        return "item", number, body
    if _SENTENCE_HEADING.match(stripped):
        return "sentence", None, stripped
    return "", number, body


def _numbered(text: str) -> tuple[str | None, str]:
    """An agenda item heading's number and title ("9", "Suspensions"), or (None, text).

    Not a heading: a row of a table laid out with spaces, or a long sentence.
    """
    match = _NUMBERED.match(text)
    if not match or _TABLE_GAP.search(text):
        return None, text
    title = match.group(3).strip()
    if not title or not title[0].isupper() or len(title.split()) > _MAX_HEADING_WORDS:
        return None, text
    if title.endswith(".") and len(title.split()) > 6:
        return None, text  # a numbered sentence in a list, not a heading
    return match.group(1), title


def _sections(lines: Sequence[Line]) -> Iterator[Section]:
    current_item: str | None = None
    current_level: int | None = None
    # Items are known by typed numbers, or by the source's headings (Word's outline).
    document_numbered = any(
        _numbered(line.text.strip())[0] or line.level is not None for line in lines
    )
    index = 0
    while index < len(lines):
        line = lines[index]
        kind, number, title = _heading_kind(line.text, line.level)
        if not kind:
            if number:
                current_item = number
            if line.level is not None:
                current_level = line.level
            index += 1
            continue
        if kind == "part":
            section = _part_section(lines, index, number, title, document_numbered)
        else:
            own_number = number if kind == "item" else current_item
            own_level = line.level if kind == "item" else current_level
            section = _item_section(lines, index, own_number, own_level, title, document_numbered)
        yield section
        index = section.last + 1


def _part_section(
    lines: Sequence[Line], first: int, number: str | None, title: str, document_numbered: bool
) -> Section:
    numbers = [number] if number else []
    titles = []
    doubts = []
    published: list[str] = []
    rest = re.sub(rf"^{_PART_2}", "", title.strip(), flags=_FLAGS).strip(" -–—:.,()")
    if rest and not _CONFIDENTIAL_TITLE.search(rest):
        doubts.append("the heading names Part 2 but not as confidential")
    last = len(lines) - 1
    item_level: int | None = None  # the level of the part's first heading, in Word
    for index in range(first + 1, len(lines)):
        line = lines[index]
        text = line.text.strip()
        if _END_MATTER.match(text) or _heading_kind(text, line.level)[0] == "part":
            last = index - 1
            break
        if _ACTIONS.match(text):
            # The meeting's action list: its rows that point at Part 2 are removed as
            # references, the rest published, and a person is asked to check.
            last = index - 1
            published.append(f"the actions from {line.label} were published as the meeting's own")
            break
        item, item_title = _numbered(text)
        if item is None and line.level is not None:
            # A heading as high as the part's own, or as its first item's, may be
            # ordinary business after the part has ended.
            ceiling = max(
                (lvl for lvl in (item_level, lines[first].level) if lvl is not None), default=-1
            )
            if line.level <= ceiling and not _CONFIDENTIAL_TITLE.search(text):
                doubts.append(f"the heading at {line.label} may be ordinary business")
            if item_level is None:
                item_level = line.level
            titles.append(text)
            continue
        if item is None or (numbers and int(item) <= max(int(n) for n in numbers)):
            continue  # not an item, or a numbered list inside one
        if numbers and not _CONFIDENTIAL_TITLE.search(item_title):
            # The number, not the title: a title can hold a name, and this note is reported.
            doubts.append(f"item {item} ({lines[index].label}) may be ordinary business")
        numbers.append(item)
        titles.append(item_title)
    if not document_numbered and any(
        _looks_like_title(lines[i].text) for i in range(first + 2, last + 1)
    ):
        # Minutes whose items are numbered by Word's automatic numbering have no numbers
        # in their text: a short title line inside the part may be the next ordinary item.
        doubts.append(
            f"the minutes have no typed item numbers, and {lines[first + 2].label} onwards may "
            "hold an ordinary item"
        )
    uncertain = "; ".join(doubts)
    if uncertain:
        uncertain += ", removed with the Part 2 section to be safe"
    uncertain = "; ".join(filter(None, (uncertain, *published)))
    return Section(lines[first], first, last, tuple(numbers), tuple(titles), uncertain)


def _looks_like_title(text: str) -> bool:
    """A short line that could be an agenda item's title: "Finance", "Any other business"."""
    text = text.strip()
    return (
        0 < len(text.split()) <= _MAX_TITLE_WORDS
        and text[0].isupper()
        and not text.endswith((".", ",", ";", ":"))
    )


def _item_section(
    lines: Sequence[Line],
    first: int,
    number: str | None,
    level: int | None,
    title: str,
    document_numbered: bool,
) -> Section:
    last = len(lines) - 1
    for index in range(first + 1, len(lines)):
        line = lines[index]
        text = line.text.strip()
        item, _ = _numbered(text)
        later_item = item is not None and number is not None and int(item) > int(number)
        # Without a typed number, the next heading of the same or a higher level ends it.
        next_heading = (
            number is None and level is not None and line.level is not None and line.level <= level
        )
        if later_item or next_heading or _END_MATTER.match(text) or _ACTIONS.match(text):
            last = index - 1
            break
        if _heading_kind(text, line.level)[0] in ("part", "item") and index > first:
            last = index - 1
            break
    uncertain = ""
    if number is None and level is None:
        uncertain = (
            "the minutes have no numbered items, so this section was taken to run to "
            + ("the end matter" if last < len(lines) - 1 else "the end of the document")
            if not document_numbered
            else "the confidential item has no number, so where it ends is a guess"
        )
    numbers = (number,) if number else ()
    titles = (title,) if not title.lower().startswith("the following") else ()
    return Section(lines[first], first, last, numbers, titles, uncertain)


# --- references ----------------------------------------------------------------------


def _pointers(sections: Sequence[Section]) -> tuple[set[str], list[str]]:
    """What a reference to these sections names: their item numbers, and their titles
    (plain, and long enough not to match by chance).
    """
    numbers = {n for s in sections for n in s.numbers}
    titles = [t for s in sections for t in map(_plain_title, s.titles)]
    return numbers, [t for t in titles if len(t) >= 12 and len(t.split()) >= 2]


# A sentence ends at ".", "!" or "?" before a space and a capital (or a bracket).
_SENTENCE_END = re.compile(r"(?<=[.!?])[ \t]+(?=[A-Z(\"“‘'])")


def referring_sentences(line: Line, sections: Sequence[Section]) -> list[tuple[int, int]]:
    """The spans (in the line's segment) of the sentences of a reference line that point
    at a confidential item: "Specific cases are reported in Part 2." goes, the rest of
    its paragraph stays. A line with one sentence (an actions table row) goes whole.
    """
    numbers, titles = _pointers(sections)
    text = line.text
    spans = [
        (line.start + start, line.start + end)
        for start, end in _sentences(text)
        if _refers_to(text[start:end], numbers, titles)
    ]
    if not spans:
        stripped = text.strip()
        start = line.start + text.index(stripped)
        spans = [(start, start + len(stripped))]
    return spans


# The business of the meeting, not of the item: who declared an interest in it, who
# left the room for it. Published minutes record these.
_PROCEDURE = re.compile(
    r"\bdeclared?\s+(?:an?\s+|their\s+|his\s+|her\s+)?(?:standing\s+|general\s+|personal\s+|"
    r"pecuniary\s+)?interests?\b|\bdeclared\s+that\b|\b(?:left|leave|leaving|withdrew|withdraw|had\s+left)\s+"
    r"(?:the\s+)?(?:meeting|room)\b",
    _FLAGS,
)


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """The sentences of a line, as spans without their surrounding spaces."""
    cursor = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[cursor:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            yield cursor + lead, cursor + len(piece.rstrip())
        cursor = match.end() if match else len(text)


def _refers_to(text: str, numbers: set[str], titles: Sequence[str]) -> bool:
    """Whether a sentence points at a confidential item: Part 2 named, one of its item
    ``numbers``, or one of its ``titles`` (plain, long enough not to match by chance),
    other than to say who declared an interest in it or left the room for it.
    """
    if _PROCEDURE.search(text):
        return False
    if _REFERENCE.search(text):
        return True
    if any(numbers & _expand(m.group(1)) for m in _ITEM_NUMBERS.finditer(text)):
        return True
    lowered = text.casefold()
    return any(title in lowered for title in titles)


def _expand(numbers: str) -> set[str]:
    """The numbers in "4, 5 and 7 to 9": 4, 5, 7, 8 and 9."""
    found: set[str] = set()
    for low, high in re.findall(r"(\d+)(?:\s*(?:to|-|–)\s*(\d+))?", numbers):
        top = int(high) if high else int(low)
        found |= {str(n) for n in range(int(low), min(top, int(low) + 50) + 1)}
    return found


def _plain_title(title: str) -> str:
    """A title without what marks it confidential: "Confidential minute – staffing"
    is found elsewhere as "staffing" (too short to count), "Pupil exclusion" whole.
    """
    title = re.sub(
        rf"{_CONFIDENTIAL_NOUN}|{_CLOSED_SESSION}|\bconfidential\b", "", title, flags=_FLAGS
    )
    return " ".join(title.strip(" –—-:()").split()).casefold()
