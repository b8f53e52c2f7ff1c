"""PDF fonts: from the bytes a page shows to characters and advance widths.

A text-showing operator in a content stream holds codes, not characters. To find
a name on a page, and later to remove exactly its glyphs and keep the rest of the
line where it was, each code must give its character (for detection) and its
advance width (to close the gap exactly). This module reads that from the font
dictionary, in the order PDF readers use:

1. the font's /ToUnicode CMap (how the code splits into bytes, and what it means);
2. otherwise, for simple fonts, the /Encoding (a base encoding plus /Differences)
   and the Adobe Glyph List, through pdfminer.six's tables;
3. for a Type0 font, the code length comes from /Identity-H (two bytes).

Widths come from /Widths (simple fonts), /W and /DW (Type0), the standard-14
metrics when a base font carries none, and /FontMatrix for Type3 fonts.

A code that cannot be decoded is not guessed: it becomes U+FFFD, and the handler
refuses the page, because a name drawn in such glyphs could not be seen.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pdfminer.encodingdb import name2unicode
from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.latin_enc import ENCODING as LATIN_ENCODINGS

UNREADABLE = "\ufffd"
NOT_A_LETTER = "\u25a1"  # a named glyph that is no character of any alphabet
_DEFAULT_ASCENT = 0.8
_DEFAULT_DESCENT = -0.2
_SIMPLE_SUBTYPES = frozenset({"/Type1", "/MMType1", "/TrueType", "/Type3"})
_BASE_ENCODING_COLUMN = {"/StandardEncoding": 1, "/MacRomanEncoding": 2, "/WinAnsiEncoding": 3}
# The standard 14 fonts go by other names too ("Arial" is Helvetica's metric twin).
_STANDARD_ALIASES = {
    "Arial": "Helvetica",
    "Arial,Bold": "Helvetica-Bold",
    "Arial,Italic": "Helvetica-Oblique",
    "Arial,BoldItalic": "Helvetica-BoldOblique",
    "TimesNewRoman": "Times-Roman",
    "TimesNewRoman,Bold": "Times-Bold",
    "TimesNewRoman,Italic": "Times-Italic",
    "TimesNewRoman,BoldItalic": "Times-BoldItalic",
    "CourierNew": "Courier",
}


class FontProblem(Exception):
    """A font whose text cannot be read or whose glyphs cannot be measured."""


@dataclass(frozen=True)
class Glyph:
    """One code of a shown string: its bytes, its character(s), its advance width in
    glyph units of one text-space unit (1000 per em for all but Type3).
    """

    code: bytes
    text: str = field(repr=False)
    width: float


@dataclass(frozen=True)
class PdfFont:
    """What a content stream needs from a font: split, decode, measure."""

    name: str
    code_lengths: tuple[int, ...]
    """Byte lengths a code can have, longest first (simple fonts: one byte)."""
    to_text: dict[bytes, str]
    widths: dict[bytes, float]
    default_width: float
    scale: float
    """Glyph units to text space: 1/1000, or /FontMatrix[0] for Type3 fonts."""
    ascent: float
    descent: float
    """Above and below the baseline, in text space per unit of font size."""
    single_byte: bool

    def glyphs(self, data: bytes) -> list[Glyph]:
        """Split ``data`` into codes and decode and measure each."""
        glyphs, index = [], 0
        while index < len(data):
            for length in self.code_lengths:
                code = data[index : index + length]
                if len(code) == length and (code in self.to_text or length == 1):
                    break
            else:
                code = data[index : index + self.code_lengths[-1]]
            glyphs.append(
                Glyph(
                    code,
                    self.to_text.get(code, UNREADABLE),
                    self.widths.get(code, self.default_width),
                )
            )
            index += len(code)
        return glyphs

    def advance(self, glyph: Glyph) -> float:
        """A glyph's advance in text space per unit of font size."""
        return glyph.width * self.scale


def load_font(font: Any) -> PdfFont:
    """Read a font dictionary; raise FontProblem for what cannot be read."""
    subtype = str(font.get("/Subtype", ""))
    if subtype == "/Type0":
        return _type0(font)
    if subtype in _SIMPLE_SUBTYPES:
        return _simple(font, subtype)
    raise FontProblem(f"a font of an unknown kind ({subtype or 'no subtype'})")


def _base_name(font: Any) -> str:
    name = str(font.get("/BaseFont", "/"))[1:]
    if "+" in name[:7]:  # a subset tag: "ABCDEF+Calibri"
        name = name.split("+", 1)[1]
    return name


def _simple(font: Any, subtype: str) -> PdfFont:
    name = _base_name(font)
    standard = _STANDARD_ALIASES.get(name, name) if name else ""
    to_text = _encoding(font, standard)
    to_text.update(_to_unicode(font))
    widths = _simple_widths(font, to_text, standard)
    scale = 0.001
    if subtype == "/Type3":
        matrix = [float(x) for x in font.get("/FontMatrix", [0.001, 0, 0, 0.001, 0, 0])]
        scale = matrix[0] or 0.001
    ascent, descent = _vertical_extent(font, standard)
    missing = float(font.get("/FontDescriptor", {}).get("/MissingWidth", 0) or 0)
    return PdfFont(name, (1,), to_text, widths, missing, scale, ascent, descent, True)


def _encoding(font: Any, standard: str) -> dict[bytes, str]:
    """Codes to characters from /Encoding (base encoding and /Differences), over the
    embedded font program's own encoding where the PDF names no base encoding.
    """
    encoding = font.get("/Encoding")
    base = ""
    differences: list[Any] = []
    if isinstance(encoding, pikepdf.Name):
        base = str(encoding)
    elif isinstance(encoding, pikepdf.Dictionary):
        base = str(encoding.get("/BaseEncoding", ""))
        base = "" if base == "None" else base
        differences = list(encoding.get("/Differences", []))
    builtin = _builtin_encoding(font) if not base else {}
    if builtin:
        # Codes the program does not list fall back to the standard encoding, as
        # they do in a CFF font that declares it (a code listed nowhere draws nothing).
        base = "/StandardEncoding"
    elif not base:
        symbolic = font.get("/Subtype") == pikepdf.Name.TrueType or standard in (
            "Symbol",
            "ZapfDingbats",
        )
        # A symbolic font with its own built-in encoding: only ToUnicode can help.
        base = "" if symbolic else "/StandardEncoding"
    column = _BASE_ENCODING_COLUMN.get(base)
    table: dict[bytes, str] = {}
    if column is not None:
        for glyph_name, *codes in LATIN_ENCODINGS:
            code = codes[column - 1]
            if code is not None:
                table[bytes([code])] = name2unicode(glyph_name)
        # Tab, line feed and return are no glyphs in these encodings: a space.
        for control in (9, 10, 13):
            table.setdefault(bytes([control]), " ")
    table.update(builtin)
    code = 0
    for item in differences:
        if not isinstance(item, pikepdf.Name):
            code = int(item)
            continue
        table[bytes([code % 256])] = _glyph_text(str(item)[1:])
        code += 1
    return table


def _glyph_text(glyph_name: str) -> str:
    """A glyph name's character. A name outside the Adobe Glyph List ("negationslash",
    "radicalBig") is no letter, since every letter is in the list: it reads as a symbol.
    """
    try:
        return name2unicode(glyph_name)
    except (KeyError, ValueError):
        # A made-up name ("g12", "glyph3", "cid42") could draw any letter: unreadable.
        return NOT_A_LETTER if re.fullmatch(r"[A-Za-z]{3,}", glyph_name) else UNREADABLE


_TYPE1_ENTRY = re.compile(rb"dup\s+(\d+)\s*/([^\s/\[\]{}()<>]+)\s+put")


def _builtin_encoding(font: Any) -> dict[bytes, str]:
    """The encoding inside an embedded Type1 (FontFile) or CFF (FontFile3) program,
    which TeX and other tools rely on instead of naming one in the PDF.
    """
    descriptor = font.get("/FontDescriptor")
    if not isinstance(descriptor, pikepdf.Dictionary):
        return {}
    names: dict[int, str] = {}
    try:
        if isinstance(descriptor.get("/FontFile"), pikepdf.Stream):
            program = descriptor.FontFile.read_bytes()
            clear = program[: int(descriptor.FontFile.get("/Length1", len(program)))]
            if b"/Encoding StandardEncoding" not in clear:
                names = {int(c): n.decode("latin-1") for c, n in _TYPE1_ENTRY.findall(clear)}
        elif isinstance(descriptor.get("/FontFile3"), pikepdf.Stream):
            names = _cff_encoding(descriptor.FontFile3.read_bytes())
    except (pikepdf.PdfError, ValueError):
        return {}
    return {bytes([code % 256]): _glyph_text(name) for code, name in names.items()}


def _cff_encoding(data: bytes) -> dict[int, str]:
    from pdfminer.pdffont import CFFFont  # pdfminer.six reads CFF; we only ask it for names

    try:
        cff = CFFFont("embedded", io.BytesIO(data))
    except Exception:  # noqa: BLE001 - a damaged font program: no built-in encoding
        return {}
    return {
        code: str(cff.gid2name[gid]) for code, gid in cff.code2gid.items() if gid in cff.gid2name
    }


def _simple_widths(font: Any, to_text: dict[bytes, str], standard: str) -> dict[bytes, float]:
    widths: dict[bytes, float] = {}
    first = int(font.get("/FirstChar", 0))
    for offset, width in enumerate(font.get("/Widths", [])):
        widths[bytes([(first + offset) % 256])] = float(width)
    if not widths and standard in FONT_METRICS:
        by_char = FONT_METRICS[standard][1]
        for code, text in to_text.items():
            if text in by_char:
                widths[code] = float(by_char[text])
    return widths


def _vertical_extent(font: Any, standard: str = "") -> tuple[float, float]:
    descriptor = font.get("/FontDescriptor")
    ascent = descent = 0.0
    if isinstance(descriptor, pikepdf.Dictionary):
        ascent = float(descriptor.get("/Ascent", 0) or 0)
        descent = float(descriptor.get("/Descent", 0) or 0)
    elif standard in FONT_METRICS:
        metrics: dict[str, Any] = FONT_METRICS[standard][0]
        ascent = float(metrics.get("Ascent", 0))
        descent = float(metrics.get("Descent", 0))
    if ascent <= 0:
        return _DEFAULT_ASCENT, _DEFAULT_DESCENT
    return ascent / 1000, min(descent, 0) / 1000


def _type0(font: Any) -> PdfFont:
    encoding = str(font.get("/Encoding", ""))
    if encoding == "/Identity-V":
        raise FontProblem("vertical text (Identity-V) is not supported")
    to_unicode = _to_unicode(font)
    lengths = sorted({len(code) for code in to_unicode}, reverse=True)
    if encoding != "/Identity-H" and not to_unicode:
        raise FontProblem(f"a CID font with encoding {encoding or 'none'} and no ToUnicode map")
    if encoding == "/Identity-H":
        lengths = [2]
    descendants = font.get("/DescendantFonts", [])
    descendant = descendants[0] if len(descendants) else pikepdf.Dictionary()
    widths = _cid_widths(descendant.get("/W", []), max(lengths or [2]))
    default = float(descendant.get("/DW", 1000))
    ascent, descent = _vertical_extent(descendant)
    return PdfFont(
        _base_name(font),
        tuple(lengths or [2]),
        to_unicode,
        widths,
        default,
        0.001,
        ascent,
        descent,
        False,
    )


def _cid_widths(array: Any, length: int) -> dict[bytes, float]:
    """The /W array: "c [w1 w2 ...]" and "c_first c_last w" entries, by code bytes."""
    widths: dict[bytes, float] = {}
    items = list(array)
    index = 0
    while index < len(items):
        first = int(items[index])
        following = items[index + 1] if index + 1 < len(items) else None
        if isinstance(following, pikepdf.Array):
            for offset, each in enumerate(following):
                widths[(first + offset).to_bytes(length, "big")] = float(each)
            index += 2
        elif index + 2 < len(items):
            last, same = int(items[index + 1]), float(items[index + 2])
            for cid in range(first, min(last, first + 65535) + 1):
                widths[cid.to_bytes(length, "big")] = same
            index += 3
        else:
            break
    return widths


_HEX = rb"<\s*([0-9A-Fa-f\s]*)>"
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_PAIR = re.compile(_HEX + rb"\s*" + _HEX)
_RANGE = re.compile(_HEX + rb"\s*" + _HEX + rb"\s*(?:" + _HEX + rb"|\[(.*?)\])", re.S)
_MAX_RANGE = 65536


def _to_unicode(font: Any) -> dict[bytes, str]:
    """Codes to characters from the font's /ToUnicode CMap stream, if any."""
    stream = font.get("/ToUnicode")
    if not isinstance(stream, pikepdf.Stream):
        return {}
    try:
        data = stream.read_bytes()
    except pikepdf.PdfError as error:
        raise FontProblem("a ToUnicode map that cannot be read") from error
    table: dict[bytes, str] = {}
    for block in _BFCHAR.findall(data):
        for source, target in _PAIR.findall(block):
            table[_hex(source)] = _utf16(_hex(target))
    for block in _BFRANGE.findall(data):
        for low, high, target, array in _RANGE.findall(block):
            first, last = _hex(low), _hex(high)
            start, end = int.from_bytes(first, "big"), int.from_bytes(last, "big")
            if end < start or end - start > _MAX_RANGE:
                raise FontProblem("a ToUnicode map with an impossible range")
            if array:
                targets = [_hex(t) for t in re.findall(_HEX, array)]
                for offset, value in enumerate(targets[: end - start + 1]):
                    table[(start + offset).to_bytes(len(first), "big")] = _utf16(value)
            else:
                base = _hex(target)
                head, tail = base[:-2], int.from_bytes(base[-2:], "big")
                for offset in range(end - start + 1):
                    value = head + ((tail + offset) & 0xFFFF).to_bytes(2, "big")
                    table[(start + offset).to_bytes(len(first), "big")] = _utf16(value)
    return table


def _hex(text: bytes) -> bytes:
    digits = re.sub(rb"\s", b"", text)
    if len(digits) % 2:
        digits += b"0"
    return bytes.fromhex(digits.decode("ascii"))


def _utf16(data: bytes) -> str:
    if len(data) == 1:
        return chr(data[0])
    return data.decode("utf-16-be", errors="replace")
