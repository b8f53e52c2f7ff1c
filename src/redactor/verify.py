"""The last line of defence: re-read the written output and look for every value.

The output is read back with the handler's independent reader (never the code
that extracted the input), and every value that was detected must be absent,
except inside a keep phrase (a staff name, the school's address) or inside one
of our own replacements (a heading word "Pupil" found as a name must not be
counted again inside the label "[PUPIL]").
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from pathlib import Path

from redactor.detection.matching import PhraseSet, Words
from redactor.detection.minutes import SECTION, SECTION_CONTINUED
from redactor.detection.resolve import CONTEXTUAL_TYPES
from redactor.detection.spans import Containment
from redactor.errors import LeakDetected
from redactor.formats.base import FormatHandler
from redactor.model import ExtractedDocument, Finding, Segment

_CONTEXT_CHARS = 20
_SECTION_LINE_WORDS = 4


def verify_output(
    handler: FormatHandler,
    written: Path,
    doc: ExtractedDocument,
    findings: Sequence[Finding],
    keep_phrases: Sequence[str],
    replacements: Collection[str],
) -> None:
    """Raise :class:`LeakDetected` if any detected value can still be read in ``written``."""
    verify_texts(
        handler.reread(written, doc),
        findings,
        keep_phrases,
        source=doc.path,
        segments=doc.segments,
        replacements=replacements,
    )


def verify_texts(
    texts: Sequence[str],
    findings: Sequence[Finding],
    keep_phrases: Sequence[str],
    *,
    source: Path | str,
    segments: Sequence[Segment],
    replacements: Collection[str],
) -> None:
    """Raise :class:`LeakDetected` if a detected value occurs in ``texts`` outside a keep
    phrase or a replacement.
    """
    values = _needles(findings, segments)
    needles = PhraseSet(list(values), every_length=True)
    keeps = PhraseSet(keep_phrases, any_case=True)
    # A window must hold every kept phrase or replacement around a value it checks.
    margin = 2 * max(map(len, [*values, *keep_phrases, *replacements]), default=0) + 1
    for text in _joined(texts):
        for low, high, core_start, core_end in _windows(text, margin):
            window = text[low:high]
            words = Words(window)  # found once for both searches
            # Asked once for each value found: a long output holds a replacement for every
            # finding, so a scan of them all for each value grew with the square.
            kept = Containment(
                [
                    *((s, e) for s, e, _ in keeps.find(window, words)),
                    *(span for r in replacements for span in _exact_spans(r, window)),
                ]
            )
            for start, end, value in needles.find(window, words):
                if not core_start <= low + start < core_end:
                    continue  # another window's to check, with all that is around it
                if not kept.contains(start, end):
                    entity_type = values[value]
                    raise LeakDetected(
                        source,
                        f"a detected {entity_type.lower().replace('_', ' ')} was still "
                        "readable in the output after redaction, so no output was written",
                    )


_WINDOW_CHARS = 250_000


def _windows(text: str, margin: int) -> Iterator[tuple[int, int, int, int]]:
    """(low, high, core start, core end): a long re-read text searched a window at a
    time, so that what the search holds (each word's place, each kept span) is that of
    one window, not of a whole document's output.

    The cores cut the text into consecutive pieces; each value is checked in the window
    whose core it starts in. A window reaches ``margin`` characters that are not white
    space beyond its core on each side (a phrase matches across any run of white space),
    so that a value starting in the core, every kept phrase or replacement around it, and
    the characters that bound them as words are all inside it, and nothing found at the
    window's cut edges can contain a value checked there.
    """
    core = max(_WINDOW_CHARS, 4 * margin)
    for core_start in range(0, max(len(text), 1), core):
        core_end = min(len(text), core_start + core)
        yield (
            _reach(text, core_start, -margin),
            _reach(text, core_end, margin),
            core_start,
            core_end,
        )


def _reach(text: str, position: int, margin: int) -> int:
    """A place with at least ``abs(margin)`` characters other than white space between
    it and ``position``, forwards or (for a negative margin) backwards, looked for in
    steps that double (a long run of white space costs a few looks, not one a step);
    the text's end or start if that comes first.
    """
    step = margin
    while True:
        other = position + step
        if other <= 0:
            return 0
        if other >= len(text):
            return len(text)
        piece = text[other:position] if step < 0 else text[position:other]
        if sum(map(len, piece.split())) >= abs(margin):
            return other
        step *= 2


# Between two re-read texts when they are searched together: not white space and not a
# word character, so no phrase (whose words are joined by white space) can run across it.
_BETWEEN_TEXTS = "\x00"
_JOINED_CHARS = 250_000


def _joined(texts: Sequence[str]) -> Iterator[str]:
    """The re-read texts in a few long strings: a workbook re-reads as tens of thousands
    of cells, and searching each alone cost more than the search itself.
    """
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text.replace(_BETWEEN_TEXTS, " "))
        size += len(text) + 1
        if size >= _JOINED_CHARS:
            yield _BETWEEN_TEXTS.join(batch)
            batch, size = [], 0
    if batch:
        yield _BETWEEN_TEXTS.join(batch)


def _needles(findings: Sequence[Finding], segments: Sequence[Segment]) -> dict[str, str]:
    """What must not be readable in the output: each value, normalised.

    A contextual value (a date of birth) is only personal beside its label, and
    the same date may rightly stay elsewhere; so what is looked for is the value
    together with the words before it on its line ("DOB: 03/02/2016").
    """
    texts = {s.key: s.text for s in segments}
    everything = ""  # the whole document, joined only if a Part 2 section needs it
    needles = {}
    for finding in findings:
        if finding.entity_type in (SECTION, SECTION_CONTINUED):
            everything = everything or "\n".join(texts.values())
            needles.update(dict.fromkeys(_section_lines(finding, everything), finding.entity_type))
            continue
        value = finding.text
        if finding.entity_type in CONTEXTUAL_TYPES:
            text = texts[finding.segment_key]
            line_start = text.rfind("\n", 0, finding.start) + 1
            value = text[max(line_start, finding.start - _CONTEXT_CHARS) : finding.end]
        value = " ".join(value.split())
        if value:
            needles[value] = finding.entity_type
    return needles


def _section_lines(finding: Finding, everything: str) -> Iterator[str]:
    """The lines of a removed section that would give it away: those of some length
    that are not also written elsewhere in the document (a running footer).
    """
    for line in finding.text.split("\n"):
        value = " ".join(line.split())
        if len(value.split()) >= _SECTION_LINE_WORDS and everything.count(line.strip()) == 1:
            yield value


def _exact_spans(needle: str, text: str) -> Iterator[tuple[int, int]]:
    start = text.find(needle) if needle else -1
    while start != -1:
        yield start, start + len(needle)
        start = text.find(needle, start + 1)
