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

from redactor.detection.matching import PhraseSet
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
    for text in _joined(texts):
        # Asked once for each value found: a long output holds a replacement for every
        # finding, so a scan of them all for each value grew with the square.
        kept = Containment(
            [
                *((s, e) for s, e, _ in keeps.find(text)),
                *(span for r in replacements for span in _exact_spans(r, text)),
            ]
        )
        for start, end, value in needles.find(text):
            entity_type = values[value]
            if not kept.contains(start, end):
                raise LeakDetected(
                    source,
                    f"a detected {entity_type.lower().replace('_', ' ')} was still readable "
                    "in the output after redaction, so no output was written",
                )


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
