"""Fonts and other resources for the SYNTHETIC PDFs of ``tests.fakes.pdf_builder``.

Each ``*_font`` function adds one kind of font to a pikepdf document and returns a
``Font``: the font dictionary plus the rule that turns text into the bytes its
character codes need. The page builders never write a string operand themselves;
they ask the font, so the same sentence can be drawn through six different
encodings and the tests can prove both extractors read each one back.

The TrueType fonts embed Bitstream Vera, which reportlab ships inside its package
(free licence, ``reportlab/fonts/bitstream-vera-license.txt``).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import reportlab
from fontTools.agl import UV2AGL
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
from pikepdf import Array, Dictionary, Name, String
from reportlab.pdfbase.pdfmetrics import stringWidth

VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
VERA_NAME = "BitstreamVeraSans-Roman"


@dataclass(frozen=True)
class Font:
    """A font dictionary and how to write text in its character codes."""

    obj: pikepdf.Object
    encode: Callable[[str], bytes]
    two_byte: bool = False

    def operand(self, text: str) -> bytes:
        """The string operand for ``Tj``/``TJ``: hex for two-byte codes, else a literal."""
        codes = self.encode(text)
        return b"<" + codes.hex().upper().encode() + b">" if self.two_byte else literal(codes)


def literal(codes: bytes) -> bytes:
    """A PDF literal string; unprintable bytes as octal escapes so streams stay readable."""
    out = bytearray(b"(")
    for byte in codes:
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif 32 <= byte < 127:
            out.append(byte)
        else:
            out += b"\\%03o" % byte
    return bytes(out + b")")


def distinct_chars(texts: Iterable[str]) -> list[str]:
    """Every character the page will draw, in order of first use (a stable code order)."""
    return list(dict.fromkeys("".join(texts)))


def glyph_name(char: str) -> str:
    """The Adobe Glyph List name of a character, which both extractors can map back."""
    return UV2AGL.get(ord(char), f"uni{ord(char):04X}")


def to_unicode_cmap(mapping: dict[int, str], code_bytes: int) -> bytes:
    """A /ToUnicode CMap program mapping each code to its text."""
    width = 2 * code_bytes
    lines = [
        b"/CIDInit /ProcSet findresource begin",
        b"12 dict begin",
        b"begincmap",
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        b"/CMapName /Synthetic-UCS def",
        b"/CMapType 2 def",
        b"1 begincodespacerange",
        b"<%s> <%s>" % (b"0" * width, b"F" * width),
        b"endcodespacerange",
    ]
    items = sorted(mapping.items())
    # A bfchar block may hold at most 100 entries.
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        lines.append(b"%d beginbfchar" % len(chunk))
        for code, text in chunk:
            lines.append(
                b"<%0*X> <%s>" % (width, code, text.encode("utf-16-be").hex().upper().encode())
            )
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines) + b"\n"


# --- Type 1 (standard 14, not embedded) -------------------------------------------------


def helvetica_font(pdf: pikepdf.Pdf) -> Font:
    """Standard-14 Helvetica with /WinAnsiEncoding: the plainest font a PDF can have."""
    obj = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type1,
            BaseFont=Name.Helvetica,
            Encoding=Name.WinAnsiEncoding,
        )
    )
    return Font(obj, lambda text: text.encode("cp1252"))


def _helvetica_widths(chars: list[str]) -> Array:
    return Array([round(stringWidth(char, "Helvetica", 1000)) for char in chars])


def custom_encoding_font(pdf: pikepdf.Pdf, texts: Iterable[str]) -> Font:
    """Helvetica whose /Differences give codes 1, 2, 3... to the page's characters.

    The byte values have nothing to do with ASCII, and there is no /ToUnicode:
    an extractor can only decode them through the glyph names.
    """
    chars = distinct_chars(texts)
    codes = {char: index + 1 for index, char in enumerate(chars)}
    differences = Array([1, *(Name("/" + glyph_name(char)) for char in chars)])
    obj = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type1,
            BaseFont=Name.Helvetica,
            Encoding=Dictionary(
                Type=Name.Encoding, BaseEncoding=Name.WinAnsiEncoding, Differences=differences
            ),
            FirstChar=1,
            LastChar=len(chars),
            Widths=_helvetica_widths(chars),
        )
    )
    return Font(obj, lambda text: bytes(codes[char] for char in text))


# --- TrueType (embedded Bitstream Vera) ---------------------------------------------------


@dataclass(frozen=True)
class _Vera:
    data: bytes
    units_per_em: int
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cmap: dict[int, str]
    glyph_ids: dict[str, int]
    advances: dict[str, int]

    def width(self, glyph: str) -> int:
        """Advance width in the PDF's 1/1000 em units."""
        return round(self.advances[glyph] * 1000 / self.units_per_em)

    def scaled(self, value: int) -> int:
        return round(value * 1000 / self.units_per_em)


@functools.cache
def _vera() -> _Vera:
    font = TTFont(VERA, recalcTimestamp=False)
    head = font["head"]
    return _Vera(
        data=VERA.read_bytes(),
        units_per_em=head.unitsPerEm,
        bbox=(head.xMin, head.yMin, head.xMax, head.yMax),
        ascent=font["hhea"].ascent,
        descent=font["hhea"].descent,
        cmap=dict(font.getBestCmap()),
        glyph_ids={name: font.getGlyphID(name) for name in font.getGlyphOrder()},
        advances={name: metrics[0] for name, metrics in font["hmtx"].metrics.items()},
    )


def _descriptor(pdf: pikepdf.Pdf, font_file: bytes, flags: int, name: str) -> pikepdf.Object:
    vera = _vera()
    return pdf.make_indirect(
        Dictionary(
            Type=Name.FontDescriptor,
            FontName=Name("/" + name),
            Flags=flags,
            FontBBox=Array([vera.scaled(value) for value in vera.bbox]),
            ItalicAngle=0,
            Ascent=vera.scaled(vera.ascent),
            Descent=vera.scaled(vera.descent),
            CapHeight=vera.scaled(vera.ascent),
            StemV=80,
            FontFile2=pikepdf.Stream(pdf, font_file, Length1=len(font_file)),
        )
    )


NONSYMBOLIC = 32
SYMBOLIC = 4


def truetype_font(pdf: pikepdf.Pdf) -> Font:
    """Vera embedded as a simple TrueType font, /WinAnsiEncoding, /Widths for 32..126."""
    vera = _vera()
    widths = Array([vera.width(vera.cmap[code]) for code in range(32, 127)])
    obj = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.TrueType,
            BaseFont=Name("/" + VERA_NAME),
            Encoding=Name.WinAnsiEncoding,
            FirstChar=32,
            LastChar=126,
            Widths=widths,
            FontDescriptor=_descriptor(pdf, vera.data, NONSYMBOLIC, VERA_NAME),
        )
    )
    return Font(obj, lambda text: text.encode("cp1252"))


def _recoded_vera(code_to_glyph: dict[int, str]) -> bytes:
    """Vera with its cmap replaced so that the arbitrary codes select the right glyphs.

    This is what subsetting producers do: a symbolic font whose (3,0) cmap maps
    0xF000 + code, and whose (1,0) cmap maps the code itself, to each glyph.
    """
    font = TTFont(VERA, recalcTimestamp=False)
    windows = CmapSubtable.newSubtable(4)
    windows.platformID, windows.platEncID, windows.language = 3, 0, 0
    windows.cmap = {0xF000 + code: glyph for code, glyph in code_to_glyph.items()}
    mac = CmapSubtable.newSubtable(0)
    mac.platformID, mac.platEncID, mac.language = 1, 0, 0
    mac.cmap = {code: code_to_glyph.get(code, ".notdef") for code in range(256)}
    cmap = newTable("cmap")
    cmap.tableVersion = 0
    cmap.tables = [mac, windows]
    font["cmap"] = cmap
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def tounicode_font(pdf: pikepdf.Pdf, texts: Iterable[str]) -> Font:
    """A symbolic TrueType font with arbitrary codes (200, 199, 198...) and no /Encoding.

    Read as WinAnsi those codes would be accented capitals; only the /ToUnicode
    CMap says what text they are.
    """
    vera = _vera()
    chars = distinct_chars(texts)
    codes = {char: 200 - index for index, char in enumerate(chars)}
    code_to_glyph = {code: vera.cmap[ord(char)] for char, code in codes.items()}
    first, last = min(code_to_glyph), max(code_to_glyph)
    widths = Array(
        [
            vera.width(code_to_glyph[code]) if code in code_to_glyph else 0
            for code in range(first, last + 1)
        ]
    )
    name = "SYNTHA+" + VERA_NAME
    obj = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.TrueType,
            BaseFont=Name("/" + name),
            FirstChar=first,
            LastChar=last,
            Widths=widths,
            FontDescriptor=_descriptor(pdf, _recoded_vera(code_to_glyph), SYMBOLIC, name),
            ToUnicode=pikepdf.Stream(
                pdf, to_unicode_cmap({code: char for char, code in codes.items()}, 1)
            ),
        )
    )
    return Font(obj, lambda text: bytes(codes[char] for char in text))


def identity_h_font(pdf: pikepdf.Pdf, texts: Iterable[str]) -> Font:
    """A Type0 font, /Identity-H, over a CIDFontType2 Vera: the codes are glyph ids.

    Two bytes per character, a /W array for the widths, and a /ToUnicode CMap, as
    Word and most office suites write today.
    """
    vera = _vera()
    chars = distinct_chars(texts)
    gids = {char: vera.glyph_ids[vera.cmap[ord(char)]] for char in chars}
    w_array = Array()
    for char, gid in sorted(gids.items(), key=lambda item: item[1]):
        w_array.extend([gid, Array([vera.width(vera.cmap[ord(char)])])])
    descendant = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.CIDFontType2,
            BaseFont=Name("/" + VERA_NAME),
            CIDSystemInfo=Dictionary(
                Registry=pikepdf.String("Adobe"),
                Ordering=pikepdf.String("Identity"),
                Supplement=0,
            ),
            FontDescriptor=_descriptor(pdf, vera.data, SYMBOLIC, VERA_NAME),
            DW=1000,
            W=w_array,
            CIDToGIDMap=Name.Identity,
        )
    )
    obj = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type0,
            BaseFont=Name("/" + VERA_NAME),
            Encoding=Name("/Identity-H"),
            DescendantFonts=Array([descendant]),
            ToUnicode=pikepdf.Stream(
                pdf, to_unicode_cmap({gid: char for char, gid in gids.items()}, 2)
            ),
        )
    )
    return Font(obj, lambda text: b"".join(gids[char].to_bytes(2, "big") for char in text), True)


# --- Type 3 (glyphs drawn by content streams) ----------------------------------------------

TYPE3_ADVANCE = 600


def _type3_glyph(char: str) -> bytes:
    """A filled rectangle, tall for capitals and digits, short for punctuation."""
    if char == " ":
        return b"%d 0 d0\n" % TYPE3_ADVANCE
    height = 700 if char.isupper() or char.isdigit() else 500 if char.isalpha() else 120
    return b"%d 0 50 0 550 %d d1\n50 0 500 %d re f\n" % (TYPE3_ADVANCE, height, height)


def type3_font(pdf: pikepdf.Pdf, texts: Iterable[str]) -> Font:
    """A Type3 font of rectangles, codes 1, 2, 3... named by /Differences, plus /ToUnicode."""
    chars = distinct_chars(texts)
    codes = {char: index + 1 for index, char in enumerate(chars)}
    char_procs = Dictionary(
        {"/" + glyph_name(char): pikepdf.Stream(pdf, _type3_glyph(char)) for char in chars}
    )
    obj = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type3,
            FontBBox=Array([0, 0, TYPE3_ADVANCE, 700]),
            FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]),
            CharProcs=char_procs,
            Encoding=Dictionary(
                Type=Name.Encoding,
                Differences=Array([1, *(Name("/" + glyph_name(char)) for char in chars)]),
            ),
            FirstChar=1,
            LastChar=len(chars),
            Widths=Array([TYPE3_ADVANCE] * len(chars)),
            Resources=Dictionary(),
            ToUnicode=pikepdf.Stream(
                pdf, to_unicode_cmap({code: char for char, code in codes.items()}, 1)
            ),
        )
    )
    return Font(obj, lambda text: bytes(codes[char] for char in text))


# --- other resources -------------------------------------------------------------------------


def gray_image(
    pdf: pikepdf.Pdf, width: int, height: int, pixel: Callable[[int, int], int]
) -> pikepdf.Stream:
    """An 8-bit DeviceGray image; qpdf compresses it on save."""
    data = bytes(pixel(x, y) for y in range(height) for x in range(width))
    return pikepdf.Stream(
        pdf,
        data,
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=width,
        Height=height,
        ColorSpace=Name.DeviceGray,
        BitsPerComponent=8,
    )


def helvetica_form(pdf: pikepdf.Pdf, bbox: list[float], content: bytes) -> pikepdf.Stream:
    """A Form XObject using Helvetica as /Helv (annotation and field appearances)."""
    return pikepdf.Stream(
        pdf,
        content,
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array(bbox),
        Resources=Dictionary(Font=Dictionary(Helv=helvetica_font(pdf).obj)),
    )


def file_spec(pdf: pikepdf.Pdf, filename: str, data: bytes) -> pikepdf.Object:
    """A file specification with the file embedded (no dates, so builds repeat)."""
    embedded = pikepdf.Stream(pdf, data, Type=Name.EmbeddedFile, Params=Dictionary(Size=len(data)))
    embedded.Subtype = Name("/text/plain")
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Filespec,
            F=String(filename),
            UF=String(filename),
            EF=Dictionary(F=embedded, UF=embedded),
        )
    )
