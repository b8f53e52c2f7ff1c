"""PDF content streams: the text a page shows, glyph by glyph, and its true removal.

Reading walks a content stream's operators with the graphics and text state a PDF
reader keeps (CTM, text matrix, font, size, character and word spacing,
horizontal scaling, rise) and records every glyph drawn: its character, the
operator and string it came from, its advance, and its box on the page. The text
handed to detection is the glyphs in content order, with a space where a gap
between two glyphs is wider than a word space, a tab where it is as wide as the gap
between table columns (so tables are read as tables), and a line break where the
baseline changes.

Removal rewrites the text-showing operators so that the glyphs of a finding are
no longer in the file: each such string becomes a TJ array whose removed part is
replaced by a number that moves the pen by exactly the removed advance, so every
other glyph on the line stays where it was. A filled box (with the label, for the
label styles) is then drawn over where the glyphs were.

Images drawn by the stream are recorded too, so the handler can refuse a page
where a box would fall on pixels it cannot redact, and recognise scanned pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pikepdf

from redactor.formats.pdf_fonts import FontProblem, PdfFont

Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_SHOW = frozenset({"Tj", "TJ", "'", '"'})
_WORD_GAP = 0.2  # of the font size: a wider gap between glyphs reads as a space
# A gap this wide (of the font size) on one line is between table columns: it reads as a
# tab, so that the table reader sees the cells ("Name<tab>DOB<tab>Class").
_COLUMN_GAP = 2.0
_LINE_SHIFT = 0.5  # of the font size: a baseline moved further starts a new line
_PATH_SEGMENTS = frozenset({"m", "l", "c", "v", "y", "re"})
_HYPHENS = frozenset({"-", "\u00ad", "\u2010"})
INVISIBLE = 3  # text render mode: neither filled nor stroked (an OCR layer)


def multiply(a: Matrix, b: Matrix) -> Matrix:
    """A × b, PDF's row-vector convention."""
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """The point (x, y) mapped by ``m``."""
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


def bounds(m: Matrix, x0: float, y0: float, x1: float, y1: float) -> Box:
    """The upright box around a rectangle mapped by ``m``."""
    points = [apply(m, x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


@dataclass(frozen=True, slots=True)
class ShownGlyph:
    """One glyph a stream draws, and where it came from."""

    op: int
    """Index of the text-showing instruction in the stream."""
    item: int
    """Index of the string among the instruction's strings (TJ array position)."""
    start: int
    end: int
    """Byte range of the glyph's code in that string."""
    text: str = field(repr=False)
    advance: float
    """How far the pen moves, in text space (size, spacing and scaling applied)."""
    box: Box
    """Where it is drawn, in the stream's own space."""
    invisible: bool


@dataclass(frozen=True, slots=True)
class DrawnImage:
    """An image a stream draws, and the box it fills in the stream's space."""

    name: str
    box: Box
    inline: bool


@dataclass
class StreamText:
    """What one content stream shows, ready for detection and removal."""

    instructions: list[Any]
    glyphs: list[ShownGlyph]
    text: str
    glyph_at: list[int | None]
    """For each character of ``text``, its glyph (None for an inserted space or break)."""
    scale_at: dict[int, float]
    """Per text-showing instruction: font size × horizontal scaling (for TJ numbers)."""
    images: list[DrawnImage]
    forms: list[tuple[str, Any]]
    """Form XObjects the stream draws: (resource name, stream object)."""
    paths: int = 0
    """How many path segments the stream draws (text turned into outlines draws many)."""
    marked: list[tuple[int, str, str]] = field(default_factory=list)
    """Text in marked-content properties that readers show instead of the glyphs or
    beside them: (instruction index, key such as "/ActualText", text)."""


@dataclass
class _State:
    ctm: Matrix = IDENTITY
    font: PdfFont | None = None
    size: float = 0.0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    scaling: float = 1.0
    leading: float = 0.0
    rise: float = 0.0
    render: int = 0

    def copy(self) -> _State:
        return _State(**self.__dict__)


def read_stream(source: Any, resources: Any, fonts: Callable[[Any], PdfFont]) -> StreamText:
    """Interpret one content stream (``source``: a page object or a stream object).
    ``fonts`` loads (and caches) a font dictionary.
    """
    try:
        instructions = list(pikepdf.parse_content_stream(source))
    except pikepdf.PdfError as error:
        raise FontProblem("a content stream that cannot be parsed") from error
    reader = _Reader(resources, fonts)
    for index, instruction in enumerate(instructions):
        reader.step(index, instruction)
    text, glyph_at = _as_text(reader.glyphs, reader.line_sizes)
    return StreamText(
        instructions,
        reader.glyphs,
        text,
        glyph_at,
        reader.scale_at,
        reader.images,
        reader.forms,
        reader.paths,
        _marked_texts(instructions),
    )


MARKED_TEXT_KEYS = ("/ActualText", "/Alt", "/E")


def _marked_texts(instructions: Sequence[Any]) -> list[tuple[int, str, str]]:
    """Replacement, alternative and expansion text written inline in BDC operators."""
    found = []
    for index, instruction in enumerate(instructions):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        if str(instruction.operator) != "BDC" or len(instruction.operands) != 2:
            continue
        properties = instruction.operands[1]
        if not isinstance(properties, pikepdf.Dictionary):
            continue
        for key in MARKED_TEXT_KEYS:
            value = properties.get(key)
            if isinstance(value, pikepdf.String):
                found.append((index, key, str(value)))
    return found


def with_marked_text(instructions: list[Any], index: int, key: str, text: str) -> None:
    """Replace one marked-content text (see ``StreamText.marked``) in place."""
    instruction = instructions[index]
    properties = pikepdf.Dictionary(instruction.operands[1])
    properties[key] = pikepdf.String(text)
    instructions[index] = pikepdf.ContentStreamInstruction(
        [instruction.operands[0], properties], instruction.operator
    )


class _Reader:
    """The interpreter's state while walking one stream."""

    def __init__(self, resources: Any, fonts: Callable[[Any], PdfFont]) -> None:
        self.resources: Any = resources if isinstance(resources, pikepdf.Dictionary) else None
        self.fonts = fonts
        self.state = _State()
        self.stack: list[_State] = []
        self.text_matrix = IDENTITY
        self.line_matrix = IDENTITY
        self.glyphs: list[ShownGlyph] = []
        self.line_sizes: list[float] = []
        self.scale_at: dict[int, float] = {}
        self.images: list[DrawnImage] = []
        self.forms: list[tuple[str, Any]] = []
        self.paths = 0

    def step(self, index: int, instruction: Any) -> None:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            box = bounds(self.state.ctm, 0, 0, 1, 1)
            self.images.append(DrawnImage("inline image", box, inline=True))
            return
        operator = str(instruction.operator)
        operands = list(instruction.operands)
        handler = _OPERATORS.get(operator)
        if operator in _PATH_SEGMENTS:
            self.paths += 1
        elif handler is not None:
            handler(self, operands)
        elif operator in _SHOW:
            self.show(index, operator, operands)

    # --- graphics state
    def save(self, _: list[Any]) -> None:
        self.stack.append(self.state.copy())

    def restore(self, _: list[Any]) -> None:
        if self.stack:
            self.state = self.stack.pop()

    def concat(self, operands: list[Any]) -> None:
        if len(operands) == 6:
            matrix = tuple(float(x) for x in operands)
            self.state.ctm = multiply(matrix, self.state.ctm)  # type: ignore[arg-type]

    def draw(self, operands: list[Any]) -> None:
        if not operands or self.resources is None:
            return
        name = str(operands[0])
        xobject = self.resources.get("/XObject", {}).get(name)
        if not isinstance(xobject, pikepdf.Stream):
            return
        subtype = str(xobject.get("/Subtype", ""))
        if subtype == "/Image":
            self.images.append(DrawnImage(name, bounds(self.state.ctm, 0, 0, 1, 1), False))
        elif subtype == "/Form":
            self.forms.append((name, xobject))

    # --- text state
    def begin_text(self, _: list[Any]) -> None:
        self.text_matrix = self.line_matrix = IDENTITY

    def set_font(self, operands: list[Any]) -> None:
        if len(operands) != 2 or self.resources is None:
            return
        font = self.resources.get("/Font", {}).get(str(operands[0]))
        if not isinstance(font, pikepdf.Dictionary):
            raise FontProblem(f"the font {operands[0]} is missing from the page's resources")
        self.state.font = self.fonts(font)
        self.state.size = float(operands[1])

    def move(self, operands: list[Any]) -> None:
        if len(operands) == 2:
            tx, ty = float(operands[0]), float(operands[1])
            self.line_matrix = multiply((1, 0, 0, 1, tx, ty), self.line_matrix)
            self.text_matrix = self.line_matrix

    def move_leading(self, operands: list[Any]) -> None:
        if len(operands) == 2:
            self.state.leading = -float(operands[1])
            self.move(operands)

    def next_line(self, _: list[Any] | None = None) -> None:
        self.move([0, -self.state.leading])

    def set_matrix(self, operands: list[Any]) -> None:
        if len(operands) == 6:
            matrix = tuple(float(x) for x in operands)
            self.text_matrix = self.line_matrix = matrix  # type: ignore[assignment]

    # --- showing text
    def show(self, index: int, operator: str, operands: list[Any]) -> None:
        if operator == "'":
            self.next_line()
        elif operator == '"':
            if len(operands) != 3:
                return
            self.state.word_spacing = float(operands[0])
            self.state.char_spacing = float(operands[1])
            self.next_line()
            operands = operands[2:]
        font = self.state.font
        if font is None:
            raise FontProblem("text is shown before any font is chosen")
        items = list(operands[0]) if operator == "TJ" and operands else operands[:1]
        scale = self.state.size * self.state.scaling
        self.scale_at[index] = scale
        strings = 0
        for item in items:
            if isinstance(item, pikepdf.String):
                self._show_string(index, strings, bytes(item), font)
                strings += 1
            elif operator == "TJ":
                shift = -float(item) / 1000 * scale
                self.text_matrix = multiply((1, 0, 0, 1, shift, 0), self.text_matrix)

    def _show_string(self, index: int, item: int, data: bytes, font: PdfFont) -> None:
        state = self.state
        offset = 0
        for glyph in font.glyphs(data):
            width = font.advance(glyph) * state.size + state.char_spacing
            if font.single_byte and glyph.code == b" ":
                width += state.word_spacing
            advance = width * state.scaling
            rendering = multiply(
                (state.size * state.scaling, 0, 0, state.size, 0, state.rise),
                multiply(self.text_matrix, state.ctm),
            )
            glyph_width = font.advance(glyph) or 0.0
            box = bounds(rendering, 0, font.descent, glyph_width, font.ascent)
            self.glyphs.append(
                ShownGlyph(
                    index,
                    item,
                    offset,
                    offset + len(glyph.code),
                    glyph.text,
                    advance,
                    box,
                    invisible=state.render in (INVISIBLE, 7),
                )
            )
            self.line_sizes.append(_effective_size(rendering))
            offset += len(glyph.code)
            self.text_matrix = multiply((1, 0, 0, 1, advance, 0), self.text_matrix)


def _number(attribute: str, transform: Callable[[float], float] = float) -> Any:
    def handler(reader: _Reader, operands: list[Any]) -> None:
        if operands:
            value = transform(float(operands[0]))
            setattr(reader.state, attribute, int(value) if attribute == "render" else value)

    return handler


_OPERATORS: dict[str, Callable[[_Reader, list[Any]], None]] = {
    "q": _Reader.save,
    "Q": _Reader.restore,
    "cm": _Reader.concat,
    "Do": _Reader.draw,
    "BT": _Reader.begin_text,
    "Tf": _Reader.set_font,
    "Td": _Reader.move,
    "TD": _Reader.move_leading,
    "T*": _Reader.next_line,
    "Tm": _Reader.set_matrix,
    "Tc": _number("char_spacing"),
    "Tw": _number("word_spacing"),
    "Tz": _number("scaling", lambda x: x / 100),
    "TL": _number("leading"),
    "Ts": _number("rise"),
    "Tr": _number("render"),
}


def _effective_size(m: Matrix) -> float:
    return max(abs(m[3]), abs(m[2]), abs(m[0]), 0.1)


def _as_text(glyphs: Sequence[ShownGlyph], sizes: Sequence[float]) -> tuple[str, list[int | None]]:
    """The glyphs as text, with a space where a gap is wider than a word space and a
    line break where the baseline moves.
    """
    parts: list[str] = []
    owner: list[int | None] = []
    previous: ShownGlyph | None = None
    for index, glyph in enumerate(glyphs):
        if previous is not None:
            last = next((part[-1] for part in reversed(parts) if part), "")
            gap = _separator(previous, glyph, sizes[index], last)
            if gap == "\n" and previous.text in _HYPHENS and glyph.text[:1].islower():
                # A word hyphenated at the end of a line ("adip-" / "iscing") is read
                # whole, as readers that join such words will show it; the hyphen's
                # glyph stays on the page.
                parts.pop()
                owner.pop()
                gap = ""
            if gap and not (parts and parts[-1][-1:].isspace()) and not glyph.text.isspace():
                parts.append(gap)
                owner.append(None)
        parts.append(glyph.text)
        owner.extend([index] * len(glyph.text))
        previous = glyph
    return "".join(parts), owner


def _separator(before: ShownGlyph, after: ShownGlyph, size: float, last: str) -> str:
    """What goes between two glyphs: a line break, a tab between table columns, a space
    or nothing. ``last`` is the last character written so far (a glyph may decode to no
    character at all).
    """
    baseline_before, baseline_after = before.box[1], after.box[1]
    if abs(baseline_after - baseline_before) > _LINE_SHIFT * size:
        return "\n"
    gap = after.box[0] - before.box[2]
    if gap > _COLUMN_GAP * size:
        return "\t"
    if gap > _WORD_GAP * size or gap < -size * 2:
        return " "
    first = after.text[:1]
    if (last + first).isalpha() and len(last + first) == 2 and _is_latin(last) != _is_latin(first):
        return " "  # Latin next to Arabic or Hebrew: two words, whatever the spacing
    return ""


def _is_latin(text: str) -> bool:
    return text[:1] < "\u0250"


# ------------------------------------------------------------------------- removal


def remove_glyphs(stream: StreamText, doomed: set[int]) -> list[Any]:
    """The stream's instructions with the glyphs at ``doomed`` (indices into
    ``stream.glyphs``) taken out of their strings, the pen moved by their advance.
    """
    by_op: dict[int, list[ShownGlyph]] = {}
    for index in doomed:
        glyph = stream.glyphs[index]
        by_op.setdefault(glyph.op, []).append(glyph)
    rewritten: list[Any] = []
    for index, instruction in enumerate(stream.instructions):
        if index not in by_op:
            rewritten.append(instruction)
            continue
        rewritten += _without(instruction, by_op[index], stream.scale_at[index])
    return rewritten


def _without(instruction: Any, glyphs: list[ShownGlyph], scale: float) -> list[Any]:
    operator = str(instruction.operator)
    operands = list(instruction.operands)
    before: list[Any] = []
    if operator == "'":
        before = [pikepdf.ContentStreamInstruction([], pikepdf.Operator("T*"))]
        items = operands[:1]
    elif operator == '"':
        before = [
            pikepdf.ContentStreamInstruction([operands[0]], pikepdf.Operator("Tw")),
            pikepdf.ContentStreamInstruction([operands[1]], pikepdf.Operator("Tc")),
            pikepdf.ContentStreamInstruction([], pikepdf.Operator("T*")),
        ]
        items = operands[2:3]
    elif operator == "TJ":
        items = list(operands[0])
    else:
        items = operands[:1]
    removed: dict[int, list[ShownGlyph]] = {}
    for glyph in glyphs:
        removed.setdefault(glyph.item, []).append(glyph)
    array: list[Any] = []
    strings = 0
    for item in items:
        if not isinstance(item, pikepdf.String):
            array.append(item)
            continue
        data = bytes(item)
        cursor = 0
        for glyph in sorted(removed.get(strings, []), key=lambda g: g.start):
            if glyph.start > cursor:
                array.append(pikepdf.String(data[cursor : glyph.start]))
            array.append(-glyph.advance / scale * 1000 if scale else 0)
            cursor = glyph.end
        if cursor < len(data):
            array.append(pikepdf.String(data[cursor:]))
        strings += 1
    merged = _merge_numbers(array)
    show = pikepdf.ContentStreamInstruction([pikepdf.Array(merged)], pikepdf.Operator("TJ"))
    return [*before, show]


def _merge_numbers(items: list[Any]) -> list[Any]:
    merged: list[Any] = []
    for item in items:
        if (
            not isinstance(item, pikepdf.String)
            and merged
            and not isinstance(merged[-1], pikepdf.String)
        ):
            merged[-1] = float(merged[-1]) + float(item)
        else:
            merged.append(item if isinstance(item, pikepdf.String) else float(item))
    return [round(x, 3) if isinstance(x, float) else x for x in merged]


def boxes_over(stream: StreamText, glyph_runs: Sequence[Sequence[int]]) -> list[Box]:
    """One box per run of glyphs on one line (a finding may span lines)."""
    result: list[Box] = []
    for run in glyph_runs:
        line: list[Box] = []
        for index in run:
            box = stream.glyphs[index].box
            if line and abs(box[1] - line[-1][1]) > (line[-1][3] - line[-1][1]) / 2:
                result.append(_union(line))
                line = []
            line.append(box)
        if line:
            result.append(_union(line))
    return result


def _union(boxes: Sequence[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def box_instructions(boxes: Sequence[tuple[Box, str]], font_name: str | None) -> list[Any]:
    """Filled black boxes, each with its label in white where it fits; the whole
    drawing in its own q/Q so it changes nothing else.
    """
    op = pikepdf.ContentStreamInstruction
    drawn: list[Any] = []
    for (x0, y0, x1, y1), label in boxes:
        width, height = x1 - x0, y1 - y0
        drawn += [
            op([], pikepdf.Operator("q")),
            op([0], pikepdf.Operator("g")),
            op([x0, y0, width, height], pikepdf.Operator("re")),
            op([], pikepdf.Operator("f")),
        ]
        size = min(height * 0.75, width / max(len(label), 1) / 0.6) if label else 0
        if label and font_name and size >= 3:
            drawn += [
                op([], pikepdf.Operator("BT")),
                op([1], pikepdf.Operator("g")),
                op([pikepdf.Name(font_name), size], pikepdf.Operator("Tf")),
                op([x0 + 0.5, y0 + (height - size) / 2 + size * 0.2], pikepdf.Operator("Td")),
                op([pikepdf.String(label.encode("cp1252", "replace"))], pikepdf.Operator("Tj")),
                op([], pikepdf.Operator("ET")),
            ]
        drawn.append(op([], pikepdf.Operator("Q")))
    return drawn
