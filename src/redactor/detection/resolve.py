"""From raw recognizer output to the findings that will be redacted.

Steps, in order: apply thresholds (what is certain enough to redact, what a
person should review), cut out what the keep lists protect, merge overlaps,
spread each detected value to its other mentions in the document, and give
each person a role.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache

from redactor.detection.engine import RawFinding
from redactor.detection.matching import PhraseSet
from redactor.detection.roster import RECOGNIZER_NAME as ROSTER
from redactor.detection.spans import Containment, Coverage, SpanList
from redactor.detection.structure import RECOGNIZER_NAME as TABLE_COLUMN
from redactor.detection.structure import (
    birth_dates_after_names,
    class_cells,
    numbers_after_names,
    staff_cells,
    word_table_rows,
)
from redactor.detection.vocabulary import TITLES as NAME_TITLES
from redactor.detection.vocabulary import vocabulary
from redactor.model import Finding, Role, Segment
from redactor.records import Records

# Titles, and the connectives of "Mr and Mrs Nowak": never a name on their own.
TITLES = NAME_TITLES | {"and", "&"}
# Longer spans of these types win an overlap's label over shorter ones of any type.
_PARENT_BEFORE = re.compile(
    r"\b(?:mum|mummy|mother|dad|daddy|father|parents?|carers?|step-?(?:mum|dad|mother|father)|"
    r"guardian|grandparents?|grandmother|grandfather|grandma|grandad|granny|nan|nana|gran)"
    r"(?:'s)?[\s,:(]*(?:is\s+|was\s+|called\s+|named\s+)?$",
    re.IGNORECASE,
)
_PARENT_WORDS = (
    r"(?:mum|mummy|mother|dad|daddy|father|parents?|carers?|step-?(?:mum|dad)|"
    r"guardian|grandparents?|gran|nan)"
)
# "Jo Pask (Mum)", "Jo Pask, dad": this name is a parent's. A parent governor or
# trustee is named in that office, as a governor.
_PARENT_AFTER = re.compile(
    r"[ \t]*(?:\(|,|[–—-])[ \t]*(?i:" + _PARENT_WORDS + r")\b(?![ \t]+(?i:governor|trustee))"
)
# "Olivia (Year 4)", "Olivia, 5B", "Olivia's mum": this name is a child's.
_PUPIL_AFTER = re.compile(
    r"\s*[(,]?\s*(?:(?i:Y(?:ear)?\s?\d{1,2}\b|Rec(?:eption)?\b|Nursery\b)|"
    r"\d{1,2}[A-Z]{1,3}\d?\b)|['’]s\s+(?i:" + _PARENT_WORDS + r")\b"
)
_PUPIL_BEFORE = re.compile(
    r"\b(?:pupils?|child|children|student|learner|son|daughter|brother|sister|sibling)"
    r"[\s,:(]*(?:is\s+|was\s+|called\s+|named\s+)?$",
    re.IGNORECASE,
)
_ROLE_RANK = {Role.PUPIL: 3, Role.PARENT: 2, Role.OTHER: 1, Role.STAFF: 0}
_MIN_PROPAGATED_NAME = 3
# A date is only a date of birth where a label says so: the same date elsewhere
# (a meeting on someone's birthday) is not spread to.
CONTEXTUAL_TYPES = frozenset({"DOB"})
_POSSESSIVE = re.compile(r"['’]s?$")
_EDGE_JUNK = frozenset(" \t\r\n\f\v,;:-–—\"'“”‘’")
_LEADING_CONNECTIVE = re.compile(r"(?:and|&|or)\s+", re.IGNORECASE)
_TRAILING_CONNECTIVE = re.compile(r"\s+(?:and|&|or)$", re.IGNORECASE)
# The model often takes the greeting into the name ("Dear Dafydd Pryce").
_LEADING_GREETING = re.compile(
    r"(?:Dear|Hi|Hiya|Hello|Thanks|Thank\s+you)[ \t]+(?=\S)", re.IGNORECASE
)
_WORD_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)[ \t]+$")
# One capital (or two joined by a hyphen) after a first name: the surname's initial.
# "I" is a word, not an initial.
_SURNAME_INITIAL = re.compile(r"[ \t]+((?!I\b)[A-Z](?:-[A-Z])?\.?)(?![\w'’-])")
# After a name in lower case, a lower-case initial: "tansy m" ("a" and "i" are words).
_LOWER_SURNAME_INITIAL = re.compile(r"[ \t]+((?![ai]\b)[a-z])(?![\w'’-])")
# A forename's initial before a name: "C Pellow", "T. Morwood" ("A" and "I" are words).
_FORENAME_INITIAL = re.compile(r"(?<![\w'’.-])((?![AI]\b)[A-Z]\.?)[ \t]+$")
_LOWER_FORENAME_INITIAL = re.compile(r"(?<![\w'’.-])((?![ai]\b)[a-z]\.?)[ \t]+$")
# The other half of a hyphenated name found by one half: "Eira-" of "Eira-Mai".
_HYPHENED_BEFORE = re.compile(r"(?<![\w'’-])[^\W\d_]+-$")
_HYPHENED_AFTER = re.compile(r"-[^\W\d_]+(?![\w'’-])")
# A word in capitals, or in lower case, right after a name written so: "TANSY
# ZOQVARTH", "hazel morwood".
_SAME_CASE_AFTER = re.compile(r"[ \t]+([^\W\d_]+(?:-[^\W\d_]+)?)(?![\w'’-])")
_SAME_CASE_BEFORE = re.compile(r"(?<![\w'’-])([^\W\d_]+(?:-[^\W\d_]+)?)[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w'’-]*\w)")
# The name a child goes by, in quotes or brackets between the parts of a name: the gap
# between 'Tansy' and 'Morwood' in 'Tansy "Tan" Morwood'.
_NICKNAME_BETWEEN = re.compile(r"[ \t]*[\"'“‘(][A-Z][a-z'’-]*[\"'”’)][ \t]*")
# A first name in brackets after a name: the name a child goes by ("Yblen Zoqvarth (Senara)").
_PREFERRED_AFTER = re.compile(r"[ \t]*\(([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\)")


# A name or initials right after, or right before, a found name and a connective.
_NAME_OR_INITIALS = r"(?P<name>[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]\.?[A-Z]\.?(?:[A-Z]\.?)?)"
_COORDINATED_AFTER = re.compile(
    r"[ \t]*(?:,|,?[ \t]+(?:and|&|or))[ \t]+" + _NAME_OR_INITIALS + r"(?![\w'’])"
)
_COORDINATED_BEFORE = re.compile(
    r"(?<![\w'’.])" + _NAME_OR_INITIALS + r"(?:,|[ \t]+(?:and|&|or))[ \t]+$"
)
_INITIALS = re.compile(r"[A-Z]\.?[A-Z]\.?(?:[A-Z]\.?)?")
COORDINATED = "coordinated_name"
COORDINATED_SCORE = 0.6


@dataclass(frozen=True)
class Resolved:
    """The outcome for one document."""

    findings: Sequence[Finding]
    """Held compactly (redactor/records.py): each is built anew when read."""
    review: tuple[Finding, ...]
    keep_phrases: tuple[str, ...] = ()
    """What was kept: verification must not count these as leaks."""


BARE_INITIALS = "bare_initials"  # the recognizer of recognizers/bare_initials.yaml
KEPT_BUT_A_PARENT = (
    "on the staff or keep list, but named here as a parent: redacted, because the "
    "child's privacy comes first"
)
KEPT_BUT_IN_A_NAME_COLUMN = (
    "a colleague's name alone, but in a table column of names: redacted, because "
    "the child's privacy comes first"
)
KEPT_BUT_IN_ROSTER = (
    "on the staff or keep list, but also a {role} in the roster: redacted, "
    "because the child's privacy comes first"
)


def resolve(
    segments: Sequence[Segment],
    raw: Sequence[Sequence[RawFinding]],
    *,
    keep_phrases: Sequence[str],
    score_threshold: float,
    review_threshold: float,
    proper_nouns: Sequence[Iterable[tuple[int, int]]] | None = None,
    keep_when_named: Sequence[tuple[tuple[str, ...], tuple[str, ...]]] = (),
    schools_own: Callable[[str, str], bool] | None = None,
    ordinary_words: Collection[str] = (),
) -> Resolved:
    """Turn one document's raw findings into final findings and review items.

    ``proper_nouns`` (per segment, from the tagger) lets a capitalised word next
    to a name join it; without them no word is joined. ``keep_when_named`` holds the
    short forms the document itself may settle (:func:`settled_short_forms`);
    ``schools_own(entity, value)`` says whether a phone or e-mail is the school's own;
    ``ordinary_words`` (lower case) are never looked for as a name written in lower case.
    """
    named: list[tuple[str, str, str]] = []
    if keep_when_named:  # only lists with short forms a child shares need these
        named = [
            (item.recognizer, item.role or "", segment.text[item.start : item.end])
            for segment, found in zip(segments, raw, strict=True)
            for item in found
        ]
        keep_phrases = (*keep_phrases, *settled_short_forms(segments, named, keep_when_named))
    listed = PhraseSet(keep_phrases, any_case=True)
    kept_spans = {s.key: _keep_spans(s.text, listed) for s in segments}
    for segment, cells in zip(segments, class_cells(segments), strict=True):
        kept_spans[segment.key] += cells  # "Elm" under "Class" is the class, not a person
    codes = _codes_defined_beside_kept_names(segments, kept_spans)
    if codes:
        keep_phrases = (*keep_phrases, *codes)
        defined = PhraseSet(codes, any_case=True)
        for segment in segments:
            kept_spans[segment.key] += _keep_spans(segment.text, defined)
    if keep_when_named:
        shorts = PhraseSet(sorted({s for _, short in keep_when_named for s in short}))
        for segment, cells in zip(segments, staff_cells(segments), strict=True):
            kept_spans[segment.key] += _short_forms_in(segment.text, cells, shorts)
        families = {_initials(key).upper() for key in _families_named_in_full(named)}
        rota = _rota_initials(segments, keep_phrases, keep_when_named, families)
        for key, spans in rota.items():
            kept_spans[key] += spans
    review: list[Finding] = []
    guessed = any(item.recognizer == BARE_INITIALS for found in raw for item in found)
    colleagues = _colleagues_initials(keep_phrases, keep_when_named) if guessed else frozenset()
    # The findings of each step are held compactly (redactor/records.py) and worked on a
    # segment at a time: a long document's findings as objects, a generation of them for
    # each step, were most of its memory.
    merged = Records(Finding)
    late: set[str] = set()  # segments whose only findings are kept names named as parents
    for segment, found in zip(segments, raw, strict=True):
        kept = kept_spans[segment.key]
        certain = _certain_findings(
            segment,
            found,
            kept,
            review,
            thresholds=(score_threshold, review_threshold),
            schools_own=schools_own,
            colleagues=colleagues,
        )
        named_as_parents = _kept_names_as_parents(segment, kept)
        if not certain and not named_as_parents:
            continue
        if not certain:
            late.add(segment.key)
        present = _merge_overlaps(certain + named_as_parents)
        names = _coordinated_names(segment, present, kept)
        names += birth_dates_after_names(segment, present)
        names += numbers_after_names(segment, present)
        merged.extend(sorted(present + names, key=lambda f: f.start) if names else present)
    # Spreading needs every value found first; joining names needs only the segment's
    # own findings, so the two run together, a segment at a time.
    values = _values_to_spread(segments, merged, late, ordinary_words)
    spreading = PhraseSet(list(values), every_length=True)  # indexed once, for every segment
    tagged = proper_nouns or ()
    joined = Records(Finding)
    for index, (segment, own) in enumerate(_per_segment(segments, merged)):
        kept = kept_spans[segment.key]
        spread = _spread_in(segment, own, values, spreading, kept)
        if spread:
            nouns = tagged[index] if index < len(tagged) else ()
            joined.extend(_joined_in(segment, spread, kept, nouns, ordinary_words))
    del merged, values, spreading
    final = _assign_roles(segments, joined)
    del joined
    return Resolved(
        findings=final,
        review=tuple(_without_covered(review, final)),
        keep_phrases=tuple(keep_phrases),
    )


def _certain_findings(
    segment: Segment,
    found: Sequence[RawFinding],
    kept: list[tuple[int, int]],
    review: list[Finding],
    *,
    thresholds: tuple[float, float],
    schools_own: Callable[[str, str], bool] | None,
    colleagues: frozenset[str],
) -> list[Finding]:
    """A segment's raw findings with what the keep lists protect cut out: those sure
    enough to redact (the first threshold) are returned, those a person should look at
    (the second) join ``review``.
    """
    score_threshold, review_threshold = thresholds
    # A long segment holds many keeps and public names; only those over an item bear on it.
    keeps = SpanList(kept)
    people = any(f.entity_type == "PERSON" for f in found)
    publics = SpanList(_public_spans(segment.text) if people else [])
    certain = []
    for item in found:
        value = segment.text[item.start : item.end]
        if item.recognizer != ROSTER and schools_own and schools_own(item.entity_type, value):
            continue  # the export's own value is never the school's
        if item.recognizer == BARE_INITIALS and value in colleagues:
            continue  # a guess from capitals alone never beats a list (rule 4 decides)
        near_keeps = keeps.overlapping(item.start, item.end)
        near_publics = publics.overlapping(item.start, item.end)
        for finding in _cut_keeps(segment, item, near_keeps, near_publics):
            if finding.score >= score_threshold:
                certain.append(finding)
            elif finding.score >= review_threshold:
                review.append(finding)
    return certain


def _per_segment(
    segments: Sequence[Segment], findings: Iterable[Finding]
) -> Iterator[tuple[Segment, list[Finding]]]:
    """Each segment with its own findings, from findings that come segment by segment in
    the document's order (as every step keeps them).
    """
    pending = iter(findings)
    item = next(pending, None)
    for segment in segments:
        own = []
        while item is not None and item.segment_key == segment.key:
            own.append(item)
            item = next(pending, None)
        yield segment, own
    if item is not None:
        raise ValueError("findings out of the document's order")


def _colleagues_initials(
    keep_phrases: Sequence[str], keep_when_named: Sequence[tuple[tuple[str, ...], tuple[str, ...]]]
) -> frozenset[str]:
    """Every listed colleague's initials and staff code, kept or not: capitals that are
    one of these are left to the list rules, whatever a pattern guessed.
    """
    shorts = [*keep_phrases, *(short for _, forms in keep_when_named for short in forms)]
    return frozenset(s.upper() for s in shorts if _INITIALS_FORM.fullmatch(s.upper()))


# A label that says the initials after it are adults: "trained staff: AB, CD".
_STAFF_LABEL = re.compile(
    r"\b(?i:staff|adults?|trained|trained\s+staff|staff\s+trained|signed\s+off|"
    r"present|attendees|in\s+attendance|leads?)\s*(?:[:=–—-]|\bby\b)\s*$"
)
_INITIALS_FORM = re.compile(r"[A-Z][a-z]?[A-Z]{1,2}")
_ROTA_MIN = 4  # colleagues' initials in one row: a rota, a duty or activity list


def _rota_initials(
    segments: Sequence[Segment],
    keep_phrases: Sequence[str],
    keep_when_named: Sequence[tuple[tuple[str, ...], tuple[str, ...]]],
    families: set[str],
) -> dict[str, list[tuple[int, int]]]:
    """Colleagues' initials in a row that holds at least four of them ("Door duty | AB |
    CD | EF / GH") or that follow a label saying they are staff ("trained: AB, CD"):
    kept there even where a child shares them, since a row of pupils' initials that are
    all colleagues' initials too is far less likely than a rota. Rows are lines of a
    text and rows of a Word table. Initials of a child or parent the document names in
    full (``families``) are never kept so: a behaviour log's row names the child and
    the staff who dealt with it.
    """
    shared = {s for _, short in keep_when_named for s in short}
    initials = tuple(
        sorted(
            s
            for s in {*shared, *keep_phrases}
            if _INITIALS_FORM.fullmatch(s) and s.upper() not in families
        )
    )
    if not initials:
        return {}
    found: dict[str, list[tuple[int, int]]] = {}
    listed = PhraseSet(initials)
    for segment in segments:
        for line in re.finditer(r"[^\n]+", segment.text):
            hits = [(line.start() + a, line.start() + b) for a, b, _ in listed.find(line.group())]
            if not hits:
                continue
            label = _STAFF_LABEL.search(segment.text, line.start(), hits[0][0])
            if len(hits) >= _ROTA_MIN or (label and len(hits) >= 2):
                found.setdefault(segment.key, []).extend(hits)
    for cells in word_table_rows(segments):
        in_row = [
            (segments[i].key, a, b) for i in cells for a, b, _ in listed.find(segments[i].text)
        ]
        if len(in_row) >= _ROTA_MIN:
            for key, a, b in in_row:
                found.setdefault(key, []).append((a, b))
    return found


def _short_forms_in(
    text: str, cells: Sequence[tuple[int, int]], shorts: PhraseSet
) -> list[tuple[int, int]]:
    """Colleagues' short forms inside cells of a column that a header says holds staff:
    kept there, even where a child shares them ("JK/AH" under "Lead").
    """
    return [(a + start, a + end) for a, b in cells for start, end, _ in shorts.find(text[a:b])]


def settled_short_forms(
    segments: Sequence[Segment],
    named: Sequence[tuple[str, str, str]],
    keep_when_named: Sequence[tuple[tuple[str, ...], tuple[str, ...]]],
) -> tuple[str, ...]:
    """Short forms of kept people that this document settles: it names the person in
    full ("Mr Rhodri Pask") and names no child or parent from the export in full who
    shares the short form ("Rhodri", "RP"). Elsewhere a short form a child shares is
    redacted, because it could be the child's.

    ``named`` holds (recognizer, role, text) of the document's raw findings: the export's
    full-name matches among them say which children and parents it names in full.
    """
    if not keep_when_named:
        return ()
    wholes = PhraseSet(sorted({w for full, _ in keep_when_named for w in full}), any_case=True)
    present: dict[str, list[tuple[Segment, int, int]]] = {}
    for segment in segments:
        for start, end, phrase in wholes.find(segment.text):
            present.setdefault(phrase.lower(), []).append((segment, start, end))
    named_in_full = _families_named_in_full(named)
    settled = []
    for full, short in keep_when_named:
        places = [p for w in full for p in present.get(w.lower(), [])]
        if not places:
            continue
        # A parent who is also a governor does not make their own short forms ambiguous.
        own = {person_key(w) for w in full}
        others = named_in_full - own
        # Initials are compared with initials, names with names: "AP" is not the "ap"
        # of "Idris ap Pellow".
        taken = {_initials(key).upper() for key in others}
        taken |= {word for key in others for word in key.split()}
        settled += [s for s in short if _short_key(s) not in taken or _defined(s, places)]
    return tuple(settled)


def _families_named_in_full(named: Sequence[tuple[str, str, str]]) -> set[str]:
    """The children and parents from the export that a document names in full, as
    person keys, from (recognizer, role, text) of its raw findings.
    """
    return {
        key
        for recognizer, role, text in named
        if recognizer == ROSTER
        and role in {"pupil", "parent"}
        and len((key := person_key(text)).split()) >= 2
    }


def _short_key(short: str) -> str:
    return short if _INITIALS_FORM.fullmatch(short) else short.lower()


def _initials(key: str) -> str:
    words = key.split()
    return words[0][0] + words[-1][0]


def _defined(short: str, places: Sequence[tuple[Segment, int, int]]) -> bool:
    """Whether the document says what a short form means, beside the full name:
    "TP = Tegan Pask", "Tegan Pask (Year 2 TA, TP)", "Tegan Pask – TP".
    """
    after = re.compile(
        rf"[ \t]*(?:\([^()\n]{{0,40}}?\b{re.escape(short)}\)|[–—-][ \t]*{re.escape(short)}\b)"
    )
    before = re.compile(rf"\b{re.escape(short)}[ \t]*[=:][ \t]*$")
    return any(
        after.match(segment.text, end) or before.search(segment.text, max(0, start - 12), start)
        for segment, start, end in places
    )


# A short code written right after a name, as a legend of who is who in minutes:
# "Ms Tegan Pask – TPa", "Tegan Pask (TPa)".
_CODE_AFTER_NAME = re.compile(
    r"[ \t]*(?:[–—-][ \t]*|\()([A-Z][A-Za-z]{1,3})(?:\)|(?=[ \t]*(?:[|;,\n]|$)))"
)


def _codes_defined_beside_kept_names(
    segments: Sequence[Segment], kept_spans: dict[str, list[tuple[int, int]]]
) -> tuple[str, ...]:
    """Codes the document gives a kept person beside their whole name ("Ms Tegan Pask
    – TPa"), which the list may not derive: kept wherever they stand in this document
    (rule 5, a short form the document defines). A code counts only when it is made of
    the name's letters: the first name's initial first, the surname's in it.
    """
    codes = set()
    for segment in segments:
        for start, end in kept_spans[segment.key]:
            words = [
                w for w in segment.text[start:end].split() if w.lower().rstrip(".") not in TITLES
            ]
            if len(words) < 2:
                continue
            match = _CODE_AFTER_NAME.match(segment.text, end)
            if match is None:
                continue
            code = match.group(1)
            if code[0] == words[0][0].upper() and words[-1][0].upper() in code[1:].upper():
                codes.add(code)
    return tuple(sorted(codes))


def _keep_spans(text: str, keeps: PhraseSet) -> list[tuple[int, int]]:
    return [(start, end) for start, end, _ in keeps.find(text)]


def _cut_keeps(
    segment: Segment,
    item: RawFinding,
    kept: list[tuple[int, int]],
    public: Sequence[tuple[int, int]] = (),
) -> list[Finding]:
    """The parts of a raw finding that no keep phrase protects, trimmed.

    An exact roster match of a whole name or a contact detail is not cut: a parent
    who is also on the staff list is still redacted, because the child's privacy
    comes first (see ``_overrides_keeps``).
    """
    pieces = [(item.start, item.end)]
    note = ""
    uncut = _overrides_keeps(segment.text, item, kept)
    if (
        uncut
        and item.entity_type == "PERSON"
        and len(segment.text[item.start : item.end].split()) >= 2
        and any(s <= item.start and item.end <= e for s, e in kept)
        and _role_in_context(segment.text, item.start, item.end) is Role.OTHER
    ):
        # The whole kept name matches and nothing around it says parent or pupil: the
        # parent governor named as a governor ("Mr Bedwyr Pask (parent governor)").
        uncut = False
    if uncut and any(s < item.end and item.start < e for s, e in kept):
        note = (
            KEPT_BUT_IN_A_NAME_COLUMN
            if item.recognizer == TABLE_COLUMN
            else KEPT_BUT_IN_ROSTER.format(role=item.role or "pupil")
        )
    elif (
        item.entity_type == "PERSON"
        and any(s <= item.start and item.end <= e for s, e in kept)
        and _named_as_a_parent(segment.text, item.start, item.end)
    ):
        # A colleague named as a mother or father ("Mrs Pask (Mum - TA)", "dad is Idris"):
        # here a parent, so redacted with the family, export or not.
        uncut, note = True, KEPT_BUT_A_PARENT
    if (
        not uncut
        and _all_words_kept(segment.text, item.start, item.end, kept)
        and not _two_kept_names_as_one(segment.text, item, kept)
    ):
        return []  # the school's address however it is laid out; a kept name in full
    if not uncut and item.entity_type != "PERSON":
        kept = []  # a detail is kept whole or not at all: no hole in a family's address
    for keep_start, keep_end in [] if uncut else kept:
        if keep_end <= item.start or keep_start >= item.end:
            continue
        if not _keep_applies(segment.text, item, keep_start, keep_end):
            continue
        pieces = [
            part
            for start, end in pieces
            for part in ((start, min(end, keep_start)), (max(start, keep_end), end))
            if part[0] < part[1]
        ]
    if item.entity_type == "PERSON":
        lines = [line for start, end in pieces for line in _lines(segment.text, start, end)]
        if len(lines) > len(pieces):
            # A piece the model ran on into ("nut allergy") is a name only if capitalised.
            lines = [(a, b) for a, b in lines if not segment.text[a:b].islower()]
        pieces = lines
    findings = []
    for start, end in pieces:
        start, end = _trim(segment.text, start, end)
        if item.entity_type == "PERSON":
            greeting = _LEADING_GREETING.match(segment.text, start, end)
            start = greeting.end() if greeting else start
            start, end = _without_common_words(segment.text, start, end)
            possessive = _POSSESSIVE.search(segment.text, start, end)
            if possessive and possessive.start() > start:
                end = possessive.start()
        piece = segment.text[start:end]
        if not re.search(r"\w", piece):
            continue
        if item.entity_type == "PERSON" and _not_a_name(piece):
            continue
        if piece != segment.text[item.start : item.end].strip() and all(
            w.strip(".,()") in _AFTER_A_NAME for w in piece.split()
        ):
            continue  # "BA", "TA" left after a kept name (a child's initials "TA" stay)
        if item.entity_type == "PERSON" and _not_a_private_person(
            segment.text, start, end, public, listed=item.recognizer == ROSTER
        ):
            # Not kept against spreading: another mention of a pupil's name still reaches
            # it (measured: blocking that let more pupils through on the held-out school).
            continue
        findings.append(
            Finding(
                segment.key,
                start,
                end,
                item.entity_type,
                item.score,
                item.recognizer,
                role=Role(item.role) if item.role else Role.OTHER,
                text=piece,
                person=item.person,
                related=item.related,
                note=note,
            )
        )
    return findings


REGISTER_NAME = "register_name"
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][\w'’-]*)")
# Honours and offices written after a name ("... MP", "... OBE") and titles of rank
# before it ("Baroness ...", "Sir ..."): a public figure, not a pupil or parent.
_HONOURS = r"MP|MS|MSP|MLA|MEP|KC|QC|OBE|MBE|CBE|KBE|DBE|Sant"
_PUBLIC_AFTER = re.compile(rf"[ \t,]+(?:{_HONOURS})\b")
_HONOUR = re.compile(rf"(?:{_HONOURS})\.?")
_NAME_WORD_BEFORE = re.compile(r"\b[A-Z][\w'’-]+ $")
# Only roles a pupil or parent is not given in a school's writing: "young author Tansy",
# "our artist", a pupil's poem '"The Sea" by Tansy' or "Tansy's poems" are pupils.
_RANKS = r"Sir|Dame|Lord|Lady|Baroness|Baron|Prince|Princess|King|Queen|Saint|St"
_PUBLIC_BEFORE = re.compile(
    rf"(?:\b(?:{_RANKS})\.?"
    r"|\b(?i:novelist|historian|broadcaster|campaigner|explorer|president|prime\s+minister|"
    r"secretary\s+of\s+state|minister|economist|nobel\s+laureate|olympian|paralympian|"
    r"footballer|wheelchair\s+racer))[ \t]+$"
    r"|\b(?i:secretary\s+of\s+state|prime\s+minister|minister),[ \t]+$"
)
# The model often takes the rank or honour into the name: "Baroness Pask", "Odile Pask MP"
# (not "St" or "King", which begin street names as often).
_RANK_OR_HONOUR_INSIDE = re.compile(
    r"^(?:Sir|Dame|Lord|Baroness|Baron|Prince|Princess)[ \t]"
    rf"|[ \t,](?:{_HONOURS})\.?$"
)
# What is studied, read or celebrated is a public figure, never a pupil: "learnt about",
# "coursework on", "a talk on" before the name; "quiz", "fan", "song" after it.
_STUDIED = (
    r"\b(?i:(?:learnt|learned|learning|taught|teaching)\s+about|"
    r"(?:coursework|essay|project|presentation|presented|assembly|talk|lesson|documentary|"
    r"biography|research|piece)\s+on)"
)
_STUDIED_BEFORE = re.compile(_STUDIED + r"[ \t]+$")
# The second of two studied together: "coursework on Ada Pask and Idris Pellow".
_STUDIED_WITH = re.compile(_STUDIED + r"[ \t]+(?:[A-Z][\w'’.-]*[ \t]+){2,3}(?:and|&)[ \t]+$")
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
_CELEBRATED_AFTER = re.compile(
    r"[ \t]+(?i:quiz|fan|fans|dance|song|songs|concert|album|books|novels|stories|"
    r"story\s+sets?|biography|exhibition)\b"
)


def _public_spans(text: str) -> list[tuple[int, int]]:
    """Where the listed places and public figures stand in a text: found once per
    segment, not once per name.
    """
    return [(a, b) for a, b, _ in _not_private().find(text)]


@cache
def _not_private() -> PhraseSet:
    """The places and public figures, indexed once (about 7,500 phrases)."""
    return PhraseSet(vocabulary().not_private)


def _not_a_private_person(
    text: str,
    start: int,
    end: int,
    public: Sequence[tuple[int, int]],
    *,
    listed: bool = False,
) -> bool:
    """A place ("the trip to Hengistbury Head"), a public figure ("Beatrix Potter", "... MP",
    "Sir ...") or an organisation ("the County Music Service"): named, but no pupil or
    parent. Weaker evidence than the pupil export: a whole name ``listed`` there is
    dropped only inside a longer phrase ("J.M. Barrie", an author, over a pupil called
    Barrie); a first name alone also where the words around make a public figure of it.
    """
    words = vocabulary()
    for a, b in public:  # the places and public figures of the text (_public_spans)
        if a <= start and end <= b and (not listed or (a, b) != (start, end)):
            return True
    if _HONOUR.fullmatch(text[start:end]) and _NAME_WORD_BEFORE.search(text, 0, start):
        return True  # "Pellow MP": the honour, not a pupil's initials "MP"
    honour = _RANK_OR_HONOUR_INSIDE.search(text[start:end])
    if listed and len(text[start:end].split()) - bool(honour) > 1:
        return False  # a whole name from the export is a pupil's or parent's
    if honour:
        return True  # "Pask MP", where a pupil is called Pask: the honour decides
    studied = _STUDIED_BEFORE.search(text, max(0, start - 30), start) or _STUDIED_WITH.search(
        text, max(0, start - 70), start
    )
    if (studied and not _POSSESSIVE_AFTER.match(text, end)) or _CELEBRATED_AFTER.match(text, end):
        return True  # but "a talk on Tansy's reading" is about a pupil
    # A first name alone from the export may be the start of a public figure's name:
    # "Odile Pask MP" where a pupil is called Odile. The context decides after the name.
    following_name = _NEXT_WORD.match(text, end) if listed else None
    after = following_name.end() if following_name else end
    if _PUBLIC_AFTER.match(text, after) or _PUBLIC_BEFORE.search(text, max(0, start - 24), start):
        return True
    if listed:
        return False
    following = _NEXT_WORD.match(text, end)
    last = text[start:end].split()[-1].lower()
    return (following is not None and following.group(1).lower() in words.organisation_words) or (
        last in words.organisation_words
    )


def _named_as_a_parent(text: str, start: int, end: int) -> bool:
    """Whether the words around a kept name, on its own line, make it a parent's."""
    line = text.rfind("\n", 0, start) + 1
    return _role_in_context(text[line:], start - line, end - line) is Role.PARENT


def _kept_names_as_parents(segment: Segment, kept: Sequence[tuple[int, int]]) -> list[Finding]:
    """Kept names that the words around make a parent ("dad is Idris Pellow"), where no
    recognizer found them: redacted as a parent would be (see ``_cut_keeps``).
    """
    found = []
    for start, end in kept:
        name = segment.text[start:end]
        if name.isupper() or len(name.split()) > 4:
            continue  # initials, or no name
        if not all(_could_be_name_word(w) for w in name.split()):
            continue
        if _named_as_a_parent(segment.text, start, end):
            found.append(
                Finding(
                    segment.key,
                    start,
                    end,
                    "PERSON",
                    0.85,
                    "keep_list",
                    role=Role.PARENT,
                    text=name,
                    note=KEPT_BUT_A_PARENT,
                )  # fmt: skip
            )
    return found


def _two_kept_names_as_one(text: str, item: RawFinding, kept: Sequence[tuple[int, int]]) -> bool:
    """Whether a name is made of parts of two kept people's names: "Eluned ap Pellow" where
    a colleague is called Eluned and a governor ap Pellow. It is a third person, so the
    keeps are judged one by one (``_keep_applies``), not as covering the whole name.
    """
    if item.entity_type != "PERSON" or any(s <= item.start and item.end <= e for s, e in kept):
        return False
    words = vocabulary()
    inside = [(s, e) for s, e in kept if item.start <= s < item.end]
    if not all(
        any(
            w.lower() in words.first_names or w.lower() in words.surnames
            for w in _NAME_WORD.findall(text[s:e])
        )
        for s, e in inside
    ):
        return False  # "Headteacher" + "Janet Price": a role before a kept name
    return len(inside) >= 2 and all(
        _ONE_NAME_GAP.fullmatch(text[e1:s2])
        for (_, e1), (s2, _) in zip(sorted(inside), sorted(inside)[1:], strict=False)
    )


def _all_words_kept(text: str, start: int, end: int, kept: list[tuple[int, int]]) -> bool:
    return all(any(a <= i < b for a, b in kept) for i in range(start, end) if text[i].isalnum())


def _keep_applies(text: str, item: RawFinding, keep_start: int, keep_end: int) -> bool:
    """Whether a keep phrase may take its words out of a finding it overlaps.

    The longer match wins, and a keep never punches a hole in a sensitive span: a
    keep that covers the whole finding keeps it ("Mr Kwame Boateng", a governor, over
    the pupil "Kwame"); one that covers only part of an address, phone or other detail
    is ignored ("Andover" of the school's address inside a family's address); one that
    covers part of a name is ignored when the rest of the finding is more of the same
    name ("Hazel Quarrie" stays whole though a teacher is called Hazel), and cuts it only
    where the rest is another name or no name ("Mrs Price and Olivia").
    """
    if keep_start <= item.start and item.end <= keep_end:
        return True
    if item.recognizer == REGISTER_NAME:
        return False  # "PASK, Tansy" is one name, though a teacher is called Pask
    overlap = text[max(item.start, keep_start) : min(item.end, keep_end)]
    words = vocabulary()
    if not any(
        w.group().lower() in words.first_names
        or w.group().lower() in words.surnames
        or (len(w.group()) == 1 and w.group().isupper())  # the initial of "Mr S. Pask"
        for w in _NAME_WORD.finditer(overlap)
    ):
        return True  # "Headteacher" of "Headteacher Janet Price" is no part of the name
    return not (
        (item.start < keep_start and _continues_name(text[item.start : keep_start], before=True))
        or (keep_end < item.end and _continues_name(text[keep_end : item.end], before=False))
    )


_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# One space, or a hyphen or apostrophe with no space ("Ann-Marie", "O'Neill"); a
# spaced dash ("Ann Pask - AP") ends a name.
_NAME_JOIN = re.compile(r"[ \t]?|[-'’]")


# Lower-case words that begin a surname: "da Costa", "ap Rhys", "van der Berg".
_PARTICLES = frozenset(
    {"da", "de", "di", "du", "van", "von", "der", "den", "ap", "al", "el", "le", "la", "bin"}
)
# Between two parts of one written name: a space, or a surname's particle ("Catrin ap
# Rhys"); not a tab or a line break, which part cells and lines.
_ONE_NAME_GAP = re.compile(r" (?:(?:" + "|".join(sorted(_PARTICLES)) + r") )?")


def _continues_name(piece: str, *, before: bool) -> bool:
    """Whether the rest of a finding, just ``before`` (or after) a kept phrase, is more
    of the same name: its nearest word touches the phrase across a space, hyphen or
    apostrophe only, and is a capitalised word that could be a name.
    """
    words = list(_NAME_WORD.finditer(piece))
    if not words:
        return False
    nearest = words[-1] if before else words[0]
    gap = piece[nearest.end() :] if before else piece[: nearest.start()]
    if not before and gap.startswith("."):
        gap = gap[1:]  # after an initial: "Mr S." + "Pask"
    name_word = nearest.group()
    if not before and name_word in _PARTICLES and len(words) > 1:
        name_word = words[1].group()  # "Mrs A" + "da Costa"
    return bool(_NAME_JOIN.fullmatch(gap) and _could_be_name_word(name_word))


# Degrees, qualifications and roles written after a name: "Mrs Ann Pask BA (Hons) NPQH",
# "Miss B. Quarrie TA". Not part of the name, so a kept name is still kept before them.
_AFTER_A_NAME = frozenset(
    {
        "BA",
        "BSc",
        "MA",
        "MSc",
        "MEd",
        "MBA",
        "PhD",
        "EdD",
        "NPQH",
        "NPQSL",
        "NPQML",
        "QTS",
        "PGCE",
        "Hons",
        "TA",
        "HLTA",
        "LSA",
        "ACA",
        "ACCA",
        "FCA",
        "CIPD",
        "JP",
        "DSL",
        "SENCo",
        "SENDCo",
    }  # fmt: skip
)


def _could_be_name_word(word: str) -> bool:
    """A capitalised word without digits that is not a common word, school word, title
    or post-nominal.
    """
    return (
        word not in _AFTER_A_NAME
        and word[:1].isupper()
        and not any(c.isdigit() for c in word)
        and word.lower() not in vocabulary().not_names
        and word.lower() not in TITLES
    )


def _overrides_keeps(text: str, item: RawFinding, kept: Sequence[tuple[int, int]] = ()) -> bool:
    """Whether a finding may be redacted even where a keep phrase covers it: an exact
    roster match of a contact detail or of a name of two words or more besides a title
    ("Sarah Nowak"). A single roster name with or without a title ("Turner", "Mrs
    Turner", "Rose") is not enough to override the staff member "Miss Turner" or the
    scheme "White Rose Maths". Where the whole kept name matches, the keep still wins
    unless the words around say parent or pupil (see ``_cut_keeps``).
    """
    if item.recognizer == TABLE_COLUMN and item.entity_type == "PERSON":
        # A cell of a column headed "Surname", "First name" or "Contact": a colleague's
        # surname or first name alone, with or without a title ("Mrs Pask 0113 496
        # 0000"), does not keep it (rule 6 for column evidence); a whole kept name does.
        if len(text[item.start : item.end].split()) == 1:
            return True
        inside = [(max(s, item.start), min(e, item.end)) for s, e in kept]
        return all(_name_words(text[s:e]) <= 1 for s, e in inside if s < e)
    if item.recognizer != ROSTER:
        return False
    return item.entity_type != "PERSON" or _name_words(text[item.start : item.end]) >= 2


def _name_words(piece: str) -> int:
    """Words in a piece of a name besides titles: "Mrs Pask" 1, "Idris Pellow" 2."""
    return len([w for w in piece.split() if w.lower().rstrip(".") not in TITLES])


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a span at line breaks and spaced dashes: the model sometimes runs a name
    into the next line ("Zofia Kowalska\\nDate") or past a dash ("Chidi Day - nut
    allergy"); each piece is then judged on its own.
    """
    spans, cursor = [], start
    for match in re.finditer(r"\r?\n|[ \t]+[-–—][ \t]+", text[start:end]):
        spans.append((cursor, start + match.start()))
        cursor = start + match.end()
    spans.append((cursor, end))
    return [(a, b) for a, b in spans if a < b]


def _not_a_name(piece: str) -> bool:
    """Titles alone ("Mrs"), or common words alone ("Date" from the next line). A title
    with a capitalised word ("Mr Hall") or an uncommon one ("mrs begum") is a name.
    """
    words = [w.strip(".,") for w in piece.split()]
    has_title = any(w.lower() in TITLES for w in words)
    others = [w for w in words if w.lower() not in TITLES]
    if has_title:
        return not any(
            w[:1].isupper() or (w.isalpha() and w not in vocabulary().not_names) for w in others
        )
    # A letter after a common word labels someone already anonymised ("Learner A").
    words_proper = [w for w in others if len(w.strip(".")) > 1]
    return bool(words_proper) and all(w.lower() in vocabulary().not_names for w in words_proper)


def _without_common_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop lower-case common words at the edges of a name: the model's "dad Andrew"
    is the name "Andrew" (spreading "dad" would hide nothing and redact every dad).
    """
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and _is_common_word(words[0].group()):
        words.pop(0)
    while words and _is_common_word(words[-1].group()):
        words.pop()
    if not words:
        return start, start
    return start + words[0].start(), start + words[-1].end()


def _is_common_word(word: str) -> bool:
    bare = word.strip(",;:")
    return bare.islower() and bare in vocabulary().not_names


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop white space, edge punctuation and dangling connectives ("and", "&") at either
    end. Brackets, "+" and full stops stay: they belong to "(01632) 960 271", "+44 ...",
    "Dr." and "J.".
    """
    while True:
        before = (start, end)
        while start < end and text[start] in _EDGE_JUNK:
            start += 1
        while end > start and text[end - 1] in _EDGE_JUNK:
            end -= 1
        head = _LEADING_CONNECTIVE.match(text, start, end)
        if head:
            start = head.end()
        tail = _TRAILING_CONNECTIVE.search(text, start, end)
        if tail:
            end = tail.start()
        if (start, end) == before:
            return start, end


def _merge_overlaps(findings: list[Finding]) -> list[Finding]:
    """Overlapping findings become one, spanning all of them, named after the longest."""
    ordered = sorted(findings, key=lambda f: (f.start, -f.end))
    groups: list[list[Finding]] = []
    for finding in ordered:
        if groups and finding.start < max(f.end for f in groups[-1]):
            groups[-1].append(finding)
        else:
            groups.append([finding])
    merged = []
    for group in groups:
        lead = max(group, key=lambda f: (f.end - f.start, f.score))
        start, end = min(f.start for f in group), max(f.end for f in group)
        # What the roster knows (role, whose name) outlives a longer or surer finding.
        known = next((f.role for f in group if f.role is not Role.OTHER), lead.role)
        owner = next((f for f in group if f.person), lead)
        merged.append(
            replace(
                lead,
                start=start,
                end=end,
                score=max(f.score for f in group),
                text=lead.text if (start, end) == (lead.start, lead.end) else "",
                role=known,
                person=owner.person,
                related=owner.related,
                note=next((f.note for f in group if f.note), ""),
            )
        )
    return merged


def _coordinated_names(
    segment: Segment, findings: list[Finding], kept: list[tuple[int, int]]
) -> list[Finding]:
    """Names joined to a found name by "and", "&", "or" or a comma: "Faith and Iolo walk
    home", "HG and Harjeet Gurung", "Ella, Noah and Chiamaka". The model often finds
    only the first of two. A capitalised word is taken unless it is a common or school
    word, a title, a day or a month; initials unless they are a school abbreviation.
    Repeated, so that each name found lets the next one in a list be found.
    """
    text = segment.text
    taken = Coverage(len(text), [*((f.start, f.end) for f in findings), *kept])
    people = [f for f in findings if f.entity_type == "PERSON"]
    added: list[Finding] = []
    while people:
        new = []
        for person in people:
            for match in (
                _COORDINATED_AFTER.match(text, person.end),
                _COORDINATED_BEFORE.search(text, max(0, person.start - 40), person.start),
            ):
                if match is None or not _is_coordinated_name(match.group("name")):
                    continue
                start, end = match.span("name")
                if taken.overlaps(start, end):
                    continue
                taken.add(start, end)
                new.append(
                    Finding(
                        segment.key,
                        start,
                        end,
                        "PERSON",
                        COORDINATED_SCORE,
                        COORDINATED,
                        text=text[start:end],
                    )
                )
        added += new
        people = new
    return added


def _is_coordinated_name(word: str) -> bool:
    if _INITIALS.fullmatch(word):
        letters = word.replace(".", "")
        return letters not in vocabulary().not_initials | vocabulary().role_shorthand
    key = word.lower()
    words = vocabulary()
    return key not in words.not_names and key not in TITLES and key not in words.place_words


def _values_to_spread(
    segments: Sequence[Segment],
    found: Records[Finding],
    late: Collection[str] = (),
    ordinary_words: Collection[str] = (),
) -> dict[str, Finding]:
    """Every value to redact wherever else it is written, with the finding it spreads as.

    Names spread as a whole and by their parts ("Olivia Smith" also finds "Olivia" and
    "Smith" elsewhere), in the case written, Title Case or CAPITALS; other values spread
    exactly as found. A value spreads as its first finding in the document's order,
    except that the segments in ``late`` come after all the others. A date of birth
    does not spread: the same date elsewhere is not one.
    """
    texts = {s.key: s.text for s in segments}
    values: dict[str, Finding] = {}
    later: dict[str, Finding] = {}
    places = found.fields("segment_key", "start", "end", "entity_type")
    for index, (key, start, end, entity_type) in enumerate(places):
        if entity_type in CONTEXTUAL_TYPES:
            continue
        first = later if key in late else values
        spreadable = _spreadable(texts[key][start:end], entity_type, ordinary_words)
        if all(value in first for value in spreadable):
            continue  # only a value's first finding is ever asked for
        finding = _spanning(found[index], texts[key], start, end)
        for value in spreadable:
            first.setdefault(value, finding)
    for value, finding in later.items():
        values.setdefault(value, finding)
    return values


def _spread_in(
    segment: Segment,
    findings: list[Finding],
    values: dict[str, Finding],
    spreading: PhraseSet,
    kept: list[tuple[int, int]],
) -> list[Finding]:
    """A segment's findings, with its text as it stands (a merge widens some), and the
    other mentions of the document's values in it, in order.
    """
    present = [_spanning(f, segment.text, f.start, f.end) for f in findings]
    taken = Coverage(len(segment.text), [*((f.start, f.end) for f in present), *kept])
    for start, end, value in spreading.find(segment.text):
        source = values[value]
        if taken.overlaps(start, end):
            continue
        taken.add(start, end)
        present.append(
            Finding(
                segment.key,
                start,
                end,
                source.entity_type,
                source.score,
                f"{source.recognizer}+propagated",
                role=source.role,
                text=segment.text[start:end],
            )
        )
    return sorted(present, key=lambda f: f.start)


def _spanning(finding: Finding, text: str, start: int, end: int) -> Finding:
    """``finding`` over text[start:end], with that text; itself if that is what it was
    (a long document's findings are not copied for nothing).
    """
    written = text[start:end]
    if (start, end) == (finding.start, finding.end) and finding.text == written:
        return finding
    return replace(finding, start=start, end=end, text=written)


def _joined_in(
    segment: Segment,
    findings: list[Finding],
    kept: list[tuple[int, int]],
    proper_nouns: Iterable[tuple[int, int]],
    ordinary_words: Collection[str] = (),
) -> list[Finding]:
    """Take in the proper noun just before or after a name ("Zofia" in "Zofia
    Kowalska's" when only "Kowalska" was found), then join names that touch or that
    only a nickname in quotes or brackets parts.

    A word is taken only if the tagger marked it as a proper noun, no other
    finding or keep phrase covers it, and it is not a common English word, a
    title, a day or a month.
    """
    text = segment.text
    # Built when a name first needs them: what no word may join (other findings, keep
    # phrases) and where the tagger saw proper nouns.
    indexed: tuple[Coverage, Containment] | None = None
    joined: list[Finding] = []
    for finding in findings:
        if finding.entity_type == "PERSON":
            if indexed is None:
                indexed = (
                    Coverage(len(text), [*((f.start, f.end) for f in findings), *kept]),
                    Containment(proper_nouns),
                )
            blocked, nouns = indexed
            finding = _with_adjacent_words(finding, text, blocked, nouns, ordinary_words)
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.entity_type == finding.entity_type == "PERSON"
            and (
                not text[previous.end : finding.start].strip(" \t")
                or _NICKNAME_BETWEEN.fullmatch(text, previous.end, finding.start)
            )
        ):
            joined[-1] = replace(previous, end=finding.end, text=text[previous.start : finding.end])
        else:
            joined.append(finding)
    return joined


def _with_adjacent_words(
    finding: Finding,
    text: str,
    blocked: Coverage,
    nouns: Containment,
    ordinary_words: Collection[str] = (),
) -> Finding:
    """A name with the proper noun just before or after it, the other half of a
    hyphenated name, a word in the same case beside a name in capitals or in lower case
    (not an English word in lower case, nor school shorthand), a surname's initial, and
    a listed first name in brackets after it.
    """
    start, end = finding.start, finding.end
    hyphened = _HYPHENED_BEFORE.search(text, max(0, start - 30), start)
    if (
        hyphened
        and text[hyphened.start()].isupper()
        and not blocked.overlaps(hyphened.start(), start)
    ):
        start = hyphened.start()  # "Eira-Mai" where "Mai" was found
    hyphened = _HYPHENED_AFTER.match(text, end)
    if hyphened and text[end + 1].isupper() and not blocked.overlaps(end, hyphened.end()):
        end = hyphened.end()
    written = text[start:end]
    if written.isupper() or written.islower():
        start, end = _same_case_neighbours(text, start, end, blocked, ordinary_words)
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before and _could_be_name(before.group(1), before.span(1), blocked, nouns):
        start = before.start(1)
    elif text[start : start + 1].isupper() or text[start:end].islower():
        forename_initial = _FORENAME_INITIAL if text[start].isupper() else _LOWER_FORENAME_INITIAL
        initial = forename_initial.search(text, max(0, start - 4), start)
        if initial and not blocked.overlaps(initial.start(1), start):
            start = initial.start(1)  # "C Pellow", "c pellow": a forename's initial
    after = _WORD_AFTER.match(text, end)
    if after and _could_be_name(after.group(1), after.span(1), blocked, nouns):
        end = after.end(1)
    in_lower_case = text[start:end].islower()
    initial = (_LOWER_SURNAME_INITIAL if in_lower_case else _SURNAME_INITIAL).match(text, end)
    if initial and not blocked.overlaps(end, initial.end(1)):
        end = initial.end(1)  # "Tansy M", "Idris P-W", "tansy m": a surname's initial
    preferred = _PREFERRED_AFTER.match(text, end)
    if (
        preferred
        and preferred.group(1).lower() in vocabulary().first_names
        and not blocked.overlaps(*preferred.span(1))
    ):
        end = preferred.end()  # the brackets go with the name they close
    return _spanning(finding, text, start, end)


def _same_case_neighbours(
    text: str, start: int, end: int, blocked: Coverage, ordinary_words: Collection[str]
) -> tuple[int, int]:
    """A name in capitals or in lower case, widened over the word before and after it
    written the same way, where that word could be part of a name: in capitals no school
    abbreviation, in lower case no English word; never a title or a word no name is.
    """
    capitals = text[start:end].isupper()
    words = vocabulary()

    def joins(word: str, span: tuple[int, int]) -> bool:
        key = word.lower()
        if len(word) < 2 or key in TITLES or key in words.not_names or blocked.overlaps(*span):
            return False
        if capitals:
            return (
                word.isupper()
                and word not in words.abbreviations
                and word not in words.not_initials
            )
        return word.islower() and len(word) >= 3 and key not in ordinary_words

    before = _SAME_CASE_BEFORE.search(text, max(0, start - 40), start)
    if before and joins(before.group(1), before.span(1)):
        start = before.start(1)
    after = _SAME_CASE_AFTER.match(text, end)
    if after and joins(after.group(1), after.span(1)):
        end = after.end(1)
    return start, end


def _could_be_name(
    word: str, span: tuple[int, int], blocked: Coverage, proper_nouns: Containment
) -> bool:
    start, end = span
    return (
        proper_nouns.contains(start, end)
        and word.lower() not in vocabulary().not_names
        and word.lower() not in TITLES
        and not blocked.overlaps(start, end)
    )


def _spreadable(text: str, entity_type: str, ordinary_words: Collection[str] = ()) -> list[str]:
    """The forms in which a found value is looked for elsewhere in its document. A name
    is also looked for in lower case, as hasty notes write it ("tansy needs..."), where
    the lower-case word is no ordinary word ("autumn", "will" and "meadow" are).
    """
    value = " ".join(text.split())
    if entity_type != "PERSON":
        return [value]
    parts = [w.strip(".,'’") for w in re.split(r"[\s]+", value)]
    parts = [re.sub(r"['’]s$", "", p) for p in parts]
    not_names = vocabulary().not_names
    names = [
        p
        for p in parts
        if len(p) >= _MIN_PROPAGATED_NAME
        and p.lower() not in TITLES
        and not (p.islower() and p in not_names)
        and (p.isalpha() or "-" in p)
    ]
    lower = [
        p.lower()
        for p in names
        if not p.islower() and p.lower() not in ordinary_words and p.lower() not in not_names
    ]
    return [value, *names, *lower, *_initials_of(parts)]


def _initials_of(parts: Sequence[str]) -> list[str]:
    """How a redacted person's initials are written elsewhere in the same document:
    "Dyfed Pask" as "DP", "Eira-Mai Pask" as "EMP", "EP" and "E-M". Only for a name of
    two or three capitalised words, and never school shorthand ("DT", "PE").
    """
    words = [p for p in parts if p and p.lower() not in TITLES]
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w[1:2].islower() for w in words):
        return []
    first, last = words[0], words[-1]
    forms = {first[0] + last[0], "".join(w[0] for w in words)}
    if "-" in first:
        pieces = [p for p in first.split("-") if p]
        forms |= {"".join(p[0] for p in pieces) + last[0], "-".join(p[0] for p in pieces)}
    shorthand = vocabulary().not_initials
    return sorted(
        f.upper() for f in forms if 2 <= len(f.replace("-", "")) <= 3 and f.upper() not in shorthand
    )


def _assign_roles(segments: Sequence[Segment], findings: Records[Finding]) -> Records[Finding]:
    """Tie each name to a person and give each person one role.

    A person is a full name; a single name belongs to the one full name in the
    document that contains it, if there is exactly one. A person's role is the
    strongest seen at any mention (pupil over parent over other).
    """
    texts = {s.key: s.text for s in segments}
    # Two readings of a few fields each, then one of the findings themselves.
    keys: dict[str, str] = {}  # each name as written -> its person key
    for entity_type, text in findings.fields("entity_type", "text"):
        if entity_type == "PERSON" and text not in keys:
            keys[text] = person_key(text)
    full_names = {key for key in keys.values() if " " in key}
    owners: dict[str, set[str]] = {}  # each word of a full name -> the full names with it
    for name in full_names:
        for word in name.split():
            owners.setdefault(word, set()).add(name)
    roles: dict[str, Role] = {}
    known: dict[str, Role] = {}  # from the roster: certain, whatever the context says
    children: dict[str, str] = {}  # a parent in the roster -> their child
    people: dict[str, int] = {}  # each person, numbered
    whose = array("i")  # for each finding, its person's number (-1: not a name)
    mentions = findings.fields(
        "entity_type", "person", "text", "related", "role", "segment_key", "start", "end"
    )
    for entity_type, person, text, related, known_role, key, start, end in mentions:
        if entity_type != "PERSON":
            whose.append(-1)
            continue
        person = person or _identity(keys[text], owners)
        whose.append(people.setdefault(person, len(people)))
        if related:
            children.setdefault(person, related)
        if known_role is not Role.OTHER:
            known.setdefault(person, known_role)
        role = _role_in_context(texts[key], start, end)
        if _ROLE_RANK[role] > _ROLE_RANK[roles.get(person, Role.OTHER)]:
            roles[person] = role
    roles.update(known)
    named = list(people)
    return Records(
        Finding,
        (
            f
            if number < 0
            else _as_person(f, named[number], roles.get(named[number], Role.OTHER), children)
            for f, number in zip(findings, whose, strict=True)
        ),
    )


def _as_person(finding: Finding, person: str, role: Role, children: dict[str, str]) -> Finding:
    related = children.get(person, "")
    if (finding.person, finding.role, finding.related) == (person, role, related):
        return finding
    return replace(finding, person=person, role=role, related=related)


def person_key(text: str) -> str:
    """A name reduced to lower-case words, without titles or possessive endings."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text.lower())
    words = [re.sub(r"['’]s$", "", w) for w in words if w not in TITLES]
    return " ".join(words) or text.lower().strip()


def _identity(key: str, owners: dict[str, set[str]]) -> str:
    """The one full name a single name belongs to, if there is exactly one (looked up by
    word: a scan of every full name for every mention grew with their product).
    """
    if " " in key:
        return key
    found = owners.get(key, set())
    return next(iter(found)) if len(found) == 1 else key


def _role_in_context(text: str, start: int, end: int) -> Role:
    if _PUPIL_AFTER.match(text, end) or _PUPIL_BEFORE.search(text, max(0, start - 30), start):
        return Role.PUPIL
    if _PARENT_BEFORE.search(text, max(0, start - 30), start) or _PARENT_AFTER.match(text, end):
        return Role.PARENT
    return Role.OTHER


def _without_covered(review: list[Finding], final: Iterable[Finding]) -> list[Finding]:
    """Review items that a redaction already covers need no review (asked of an index
    per segment: a long segment holds thousands of both).
    """
    if not review:
        return []
    wanted = {r.segment_key for r in review}
    spans: dict[str, list[tuple[int, int]]] = {}
    for finding in final:
        if finding.segment_key in wanted:
            spans.setdefault(finding.segment_key, []).append((finding.start, finding.end))
    covered = {key: Containment(found) for key, found in spans.items()}
    return [
        r
        for r in review
        if r.segment_key not in covered or not covered[r.segment_key].contains(r.start, r.end)
    ]
