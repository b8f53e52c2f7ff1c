"""PDF: true redaction. The glyphs of a finding are taken out of the page, not covered.

Reading: every page's content stream, and every form XObject it draws, is
interpreted (``pdf_content``) with its fonts (``pdf_fonts``) into text with a
glyph behind each character; the places outside the pages that hold text
(properties, XMP, bookmarks, comments, links, form fields) are read by
``pdf_scrub`` so that ``check`` reports them. A page is refused if
any of its glyphs cannot be decoded, if it is a scan (images and no text) unless
``allow_image_pages``, or if a redaction would fall on an image.

Writing: the found glyphs are removed and the pen moved by their advance, so the
rest of each line stays where it was; a box (with the label, for label styles)
is drawn where they were. Everything outside the pages that can hold text
(properties, XMP, bookmarks, comments, form fields, attachments, JavaScript, page
labels, tags with alt text, thumbnails) is removed, and the report lists it.

Verification reads the written file with other libraries (``pdf_independent``: pypdf,
pdfminer.six, pdftotext when installed, and every string in the file), never
with the code above.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from redactor.config import Config
from redactor.errors import (
    DamagedDocument,
    EmptyDocument,
    EncryptedDocument,
    ProcessingFailed,
    UnreadableContent,
)
from redactor.formats.base import apply_edits, edits_by_segment
from redactor.formats.files import read_input_bytes
from redactor.formats.pdf_content import (
    StreamText,
    box_instructions,
    boxes_over,
    overlaps,
    read_stream,
    remove_glyphs,
    with_marked_text,
)
from redactor.formats.pdf_fonts import UNREADABLE, FontProblem, PdfFont, load_font
from redactor.formats.pdf_independent import every_string, original_pages, page_sizes, page_texts
from redactor.formats.pdf_order import compare_pages, redacted_words
from redactor.formats.pdf_scrub import hidden_texts, scrub
from redactor.model import Edit, ExtractedDocument, Removal, Segment

LABEL_FONT = "/RedactorLabel"
# A page whose images cover this share of it, and which draws no visible text, is a scan.
_SCANNED_COVER = 0.3
# ... or which draws no text but this many path segments: text turned into outlines.
_MANY_PATHS = 300
_MAX_FORM_DEPTH = 12
_BLACKOUT = frozenset("█■▇ ")
_HIDDEN = "hidden:"  # segment keys of text outside the pages (see pdf_scrub)
_MARKED = "|marked|"  # segment keys of marked-content text: "<stream key>|marked|<n>"


@dataclass
class _Stream:
    """A content stream that was read: a page's, or a form XObject's.

    What it shows, glyph by glyph, is not kept: a long PDF's glyphs took gigabytes.
    Writing reads again, from ``owner`` and ``resources``, only the streams it edits.
    """

    owner: Any
    """The page object (its /Contents is rewritten) or the form XObject stream."""
    page: int
    is_page: bool
    resources: Any
    where: str


@dataclass
class _PdfState:
    pdf: Any
    streams: dict[str, _Stream] = field(default_factory=dict)
    unchecked_pages: list[int] = field(default_factory=list)
    page_sizes: list[tuple[float, float, float, float]] = field(default_factory=list)
    """Each page's media box when read, for the check of the written copy."""
    password: str | None = field(default=None, repr=False)
    """To read the original again when checking the copy."""
    redacted_words: set[str] = field(default_factory=set, repr=False)
    """The words taken off the pages by ``write``, for the check of the rest."""
    fonts: dict[Any, PdfFont] = field(default_factory=dict, repr=False)
    """Every font met, decoded once for reading and again for writing."""


class PdfHandler:
    """The FormatHandler for PDF files."""

    name = "pdf"
    suffixes: tuple[str, ...] = (".pdf",)

    def extract(self, path: Path, config: Config) -> ExtractedDocument:
        """Read every page's text, glyph by glyph, and the text kept outside the pages."""
        pdf = _open(path, read_input_bytes(path, config), config.pdf_password)
        state = _PdfState(pdf, password=config.pdf_password)
        state.page_sizes = [_box(page.mediabox) for page in pdf.pages]
        segments: list[Segment] = []
        for number, page in enumerate(pdf.pages, start=1):
            segments += _read_page(path, page, number, state, config.allow_image_pages)
        for number, hidden in enumerate(hidden_texts(pdf), start=1):
            # Read for check's report; the written copy keeps none of these places.
            segments.append(Segment(f"{_HIDDEN}{number}", hidden.where, hidden.text))
        if not any(s.text.strip() for s in segments) and not state.unchecked_pages:
            raise EmptyDocument(path, "the PDF has no text: there is nothing to redact")
        return ExtractedDocument(path=path, format=self.name, segments=tuple(segments), state=state)

    def write(
        self, doc: ExtractedDocument, edits: Sequence[Edit], dest: Path
    ) -> tuple[Removal, ...]:
        """Remove the found glyphs, replace the found text outside pages, scrub, save."""
        state: _PdfState = doc.state
        by_segment = edits_by_segment(edits)
        texts = {s.key: s.text for s in doc.segments}
        glyph_edits: dict[str, list[Edit]] = {}
        marked: dict[str, dict[int, str]] = {}
        for key, own in by_segment.items():
            if key.startswith(_HIDDEN):
                continue  # removed whole by scrub() below
            if _MARKED in key:
                stream_key, _, index = key.partition(_MARKED)
                marked.setdefault(stream_key, {})[int(index)] = apply_edits(texts[key], own)
            else:
                glyph_edits[key] = own
            for edit in own:
                state.redacted_words |= redacted_words(texts[key][edit.start : edit.end])
        for key in glyph_edits.keys() | marked.keys():
            stream = state.streams[key]
            shown = _read(doc.path, stream.owner, stream.resources, state.fonts, stream.where)
            if shown.text != texts[key]:
                raise ProcessingFailed(
                    doc.path, f"{stream.where} read differently the second time; no output"
                )
            _redact_stream(
                doc.path, state.pdf, stream, shown, glyph_edits.get(key, []), marked.get(key, {})
            )
        removals = scrub(state.pdf)
        if state.unchecked_pages:
            pages = ", ".join(str(n) for n in state.unchecked_pages)
            removals.append(Removal("pages passed unchecked (images only)", f"pages {pages}", 0))
        state.pdf.save(dest, compress_streams=True, linearize=False)
        return tuple(removals)

    def reread(self, path: Path, doc: ExtractedDocument) -> list[str]:
        """The written file read by other libraries (see pdf_independent.py), after
        checking that it has the original's pages, each the same size, and that
        the text not redacted still reads in the same order (see pdf_order.py).
        """
        state: _PdfState = doc.state
        if page_sizes(path) != state.page_sizes:
            raise ProcessingFailed(
                doc.path,
                "the redacted copy does not have the same pages as the original, "
                "so no output was written",
            )
        pages = page_texts(path)
        original = original_pages(doc.path, state.password)
        damaged = [
            p for p in compare_pages(original, pages["pypdf"], state.redacted_words) if not p.intact
        ]
        if damaged:
            numbers = ", ".join(str(p.page) for p in damaged[:5])
            raise ProcessingFailed(
                doc.path,
                f"the text that was not redacted does not read back in the same order "
                f"(page {numbers}), so no output was written",
            )
        return [text for texts in pages.values() for text in texts] + every_string(path)


def _box(mediabox: Any) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in mediabox)
    return x0, y0, x1, y1


def _open(path: Path, data: bytes, password: str | None) -> Any:
    try:
        pdf = pikepdf.open(io.BytesIO(data), password=password or "")
        pages = len(pdf.pages)
    except pikepdf.PasswordError:
        hint = "the password given is wrong" if password else "give it with --password"
        raise EncryptedDocument(path, f"the PDF is password-protected: {hint}") from None
    except (pikepdf.PdfError, ValueError, OSError) as error:
        raise DamagedDocument(path, f"the PDF is damaged: {_plain(error)}") from None
    # qpdf quietly rebuilds a broken file (a truncated one becomes an empty page);
    # what it could not read might have held a name, so such a file is refused.
    if pages == 0 or any("damaged" in warning for warning in pdf.get_warnings()):
        raise DamagedDocument(
            path, "the PDF is damaged (parts of it had to be guessed): open it and save it again"
        )
    return pdf


def _plain(error: Exception) -> str:
    """Qpdf's first line, without the in-memory stream's name it starts with."""
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    text = re.sub(r"^.*?BytesIO object at 0x[0-9a-f]+>\s*:?\s*", "", text)
    return text[:160] or type(error).__name__


def _read_page(
    path: Path, page: Any, number: int, state: _PdfState, allow_image_pages: bool
) -> list[Segment]:
    page.contents_coalesce()
    resources = _inherited(page.obj, "/Resources")
    fonts = state.fonts
    stream = _read(path, page.obj, resources, fonts, f"page {number}")
    key = f"page:{number}"
    state.streams[key] = _Stream(page.obj, number, True, resources, f"page {number}")
    segments = [
        Segment(key, f"page {number}", stream.text, in_body=True),
        *_marked_segments(key, stream, number),
    ]
    visible = [g for g in stream.glyphs if not g.invisible and g.text.strip()]
    pending = [(stream, resources, 0)]
    images = list(stream.images)
    paths = stream.paths
    while pending:
        current, current_resources, depth = pending.pop()
        for _, form in current.forms:
            form_key = f"form:{form.objgen[0]}.{form.objgen[1]}"
            if form_key in state.streams or depth >= _MAX_FORM_DEPTH:
                continue
            form_resources = form.get("/Resources", current_resources)
            where = f"a drawing on page {number}"
            text = _read(path, form, form_resources, fonts, where)
            state.streams[form_key] = _Stream(form, number, False, form_resources, where)
            segments.append(Segment(form_key, f"a drawing on page {number}", text.text))
            segments += _marked_segments(form_key, text, number)
            visible += [g for g in text.glyphs if not g.invisible and g.text.strip()]
            images += text.images
            paths += text.paths
            pending.append((text, form_resources, depth + 1))
    if not visible and (_image_share(page, images) >= _SCANNED_COVER or paths >= _MANY_PATHS):
        if not allow_image_pages:
            what = "a scanned image" if images else "drawn shapes only (text turned into outlines?)"
            raise UnreadableContent(
                path,
                f"page {number} is {what}: cannot verify it holds no personal data "
                "(use --allow-image-pages to pass such pages unchecked)",
            )
        state.unchecked_pages.append(number)
    return segments


def _marked_segments(key: str, stream: StreamText, page: int) -> list[Segment]:
    """Replacement and alternative text written in the stream's marked content."""
    return [
        Segment(f"{key}{_MARKED}{index}", f"page {page}: {name[1:]} of marked content", text)
        for index, (_, name, text) in enumerate(stream.marked)
    ]


def _read(
    path: Path, source: Any, resources: Any, fonts: dict[Any, PdfFont], where: str
) -> StreamText:
    def font_for(font: Any) -> PdfFont:
        key = font.objgen if font.is_indirect else id(font)
        if key not in fonts:
            fonts[key] = load_font(font)
        return fonts[key]

    try:
        stream = read_stream(source, resources, font_for)
    except FontProblem as problem:
        raise UnreadableContent(path, f"{where} cannot be read: {problem}") from None
    if UNREADABLE in stream.text:
        raise UnreadableContent(
            path,
            f"{where} uses a font whose text cannot be decoded, so it cannot be checked",
        )
    return stream


def _inherited(page: Any, key: str) -> Any:
    node, hops = page, 0
    while node is not None and hops < 64:
        if key in node:
            return node[key]
        node = node.get("/Parent")
        hops += 1
    return pikepdf.Dictionary()


def _image_share(page: Any, images: Sequence[Any]) -> float:
    x0, y0, x1, y1 = (float(v) for v in page.mediabox)
    area = abs((x1 - x0) * (y1 - y0)) or 1.0
    covered = sum(
        max(0.0, min(b.box[2], x1) - max(b.box[0], x0))
        * max(0.0, min(b.box[3], y1) - max(b.box[1], y0))
        for b in images
    )
    return float(covered / area)


def _redact_stream(
    path: Path,
    pdf: Any,
    stream: _Stream,
    text: StreamText,
    edits: Sequence[Edit],
    marked: dict[int, str],
) -> None:
    """Take the glyphs under ``edits`` out of the stream (``text`` is what it shows) and
    draw a box over each; put the redacted ``marked`` texts (by their index in
    ``StreamText.marked``) in place.
    """
    for index, replacement in marked.items():
        op, name, _ = text.marked[index]
        with_marked_text(text.instructions, op, name, replacement)
    doomed: set[int] = set()
    boxes: list[tuple[tuple[float, float, float, float], str]] = []
    for edit in edits:
        run = sorted({g for g in text.glyph_at[edit.start : edit.end] if g is not None})
        doomed.update(run)
        label = "" if set(edit.replacement) <= _BLACKOUT else edit.replacement
        # The label goes in the first box only: a section over many lines reads once.
        boxes += [(box, "" if n else label) for n, box in enumerate(boxes_over(text, [run]))]
    for box, _ in boxes:
        for image in text.images:
            if overlaps(box, image.box):
                raise UnreadableContent(
                    path,
                    f"page {stream.page}: a redaction would fall on an image, whose pixels "
                    "cannot be redacted; redact this page by hand",
                )
    instructions = [
        pikepdf.ContentStreamInstruction([], pikepdf.Operator("q")),
        *remove_glyphs(text, doomed),
        pikepdf.ContentStreamInstruction([], pikepdf.Operator("Q")),
        *box_instructions(boxes, LABEL_FONT if any(label for _, label in boxes) else None),
    ]
    if any(label for _, label in boxes):
        _add_label_font(pdf, stream)
    data = pikepdf.unparse_content_stream(instructions)
    if stream.is_page:
        stream.owner.Contents = pdf.make_stream(data)
    else:
        stream.owner.write(data)


def _add_label_font(pdf: Any, stream: _Stream) -> None:
    owner = stream.owner
    if stream.is_page:
        resources = _inherited(owner, "/Resources")
        if "/Resources" not in owner:
            owner.Resources = resources
            resources = owner.Resources
    else:
        if "/Resources" not in owner:
            owner.Resources = pikepdf.Dictionary()
        resources = owner.Resources
    if "/Font" not in resources:
        resources.Font = pikepdf.Dictionary()
    resources.Font[LABEL_FONT] = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
    )
