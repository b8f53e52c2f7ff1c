"""The PDF content interpreter and glyph removal (``pdf_content``, ``pdf_fonts``), on
SYNTHETIC one-page PDFs written here with pikepdf: the text read glyph by glyph, and
the promise of removal: the removed glyphs are gone from the stream, and every other
glyph is drawn exactly where it was."""

from __future__ import annotations

import pikepdf
import pytest

from redactor.formats.pdf_content import read_stream, remove_glyphs
from redactor.formats.pdf_fonts import UNREADABLE, PdfFont, load_font

HELVETICA = {"/Type": "/Font", "/Subtype": "/Type1", "/BaseFont": "/Helvetica"}


def _page(content: bytes, font: dict | None = None) -> tuple[pikepdf.Pdf, pikepdf.Page]:
    pdf = pikepdf.new()
    font_dict = pikepdf.Dictionary(
        {
            k: pikepdf.Name(v)
            for k, v in (font or {**HELVETICA, "/Encoding": "/WinAnsiEncoding"}).items()
        }
    )
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    page.obj.Resources = pikepdf.Dictionary(
        Font=pikepdf.Dictionary(F1=pdf.make_indirect(font_dict))
    )
    page.obj.Contents = pdf.make_stream(content)
    return pdf, page


def _read(page: pikepdf.Page):
    cache: dict = {}

    def fonts(font) -> PdfFont:
        return cache.setdefault(font.objgen, load_font(font))

    return read_stream(page.obj, page.obj.Resources, fonts)


def _occurrences(text: str, value: str) -> list[int]:
    found, start = [], text.find(value)
    while start != -1:
        found.append(start)
        start = text.find(value, start + 1)
    return found


CONTENTS = {
    "Tj": b"BT /F1 12 Tf 72 800 Td (Olivia Smith was late today.) Tj ET",
    "TJ with kerning": (
        b"BT /F1 12 Tf 72 800 Td [(Oli) -20 (via Sm) 35 (ith was late today.)] TJ ET"
    ),
    "spacing and scaling": (
        b"BT /F1 12 Tf 2 Tc 3 Tw 110 Tz 72 800 Td (Olivia Smith was late today.) Tj ET"
    ),
    "text matrix": b"BT /F1 1 Tf 14 0 0 14 72 800 Tm (Olivia Smith was late today.) Tj ET",
    "quote operators": (
        b"BT /F1 12 Tf 14 TL 72 800 Td (Notes:) Tj (Olivia Smith was late today.) ' "
        b'4 1 (Olivia Smith was late today.) " ET'
    ),
    "scaled CTM": (
        b"q 1.5 0 0 1.5 10 10 cm BT /F1 10 Tf 40 500 Td (Olivia Smith was late today.) Tj ET Q"
    ),
}


@pytest.mark.parametrize("shape", CONTENTS)
def test_the_text_is_read_in_order(shape):
    _, page = _page(CONTENTS[shape])
    assert "Olivia Smith was late today." in _read(page).text


@pytest.mark.parametrize("shape", CONTENTS)
def test_removed_glyphs_are_gone_and_the_rest_stays_where_it_was(shape):
    pdf, page = _page(CONTENTS[shape])
    before = _read(page)
    doomed = {
        g
        for start in _occurrences(before.text, "Smith")
        for g in before.glyph_at[start : start + len("Smith")]
        if g is not None
    }
    page.obj.Contents = pdf.make_stream(
        pikepdf.unparse_content_stream(remove_glyphs(before, doomed))
    )
    after = _read(page)
    assert "Smith" not in after.text
    kept_before = [g for i, g in enumerate(before.glyphs) if i not in doomed]
    assert [g.text for g in after.glyphs] == [g.text for g in kept_before]
    for old, new in zip(kept_before, after.glyphs, strict=True):
        assert new.box == pytest.approx(old.box, abs=0.01), (old.text, old.box, new.box)


def test_a_tounicode_map_with_ranges_and_arrays_decodes_two_byte_codes():
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        b"2 beginbfchar <0003> <0020> <0010> <00E9> endbfchar\n"
        b"2 beginbfrange <0020> <0025> <004F> <0030> <0031> [<0053> <006D>] endbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    pdf = pikepdf.new()
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type0,
        BaseFont=pikepdf.Name("/ABCDEF+Synthetic"),
        Encoding=pikepdf.Name("/Identity-H"),
        ToUnicode=pdf.make_stream(cmap),
        DescendantFonts=[
            pikepdf.Dictionary(Subtype=pikepdf.Name.CIDFontType2, DW=500, W=[0x20, [600, 610, 620]])
        ],
    )
    loaded = load_font(font)
    glyphs = loaded.glyphs(bytes.fromhex("0020 0021 0003 0030 0031 0010".replace(" ", "")))
    assert "".join(g.text for g in glyphs) == "OP Smé"
    assert [g.width for g in glyphs] == [600, 610, 500, 500, 500, 500]


def test_differences_name_glyphs_from_the_adobe_glyph_list():
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type1,
        BaseFont=pikepdf.Name.Helvetica,
        Encoding=pikepdf.Dictionary(
            Type=pikepdf.Name.Encoding,
            BaseEncoding=pikepdf.Name.WinAnsiEncoding,
            Differences=[
                1,
                pikepdf.Name.O,
                pikepdf.Name.l,
                pikepdf.Name.eacute,
                40,
                pikepdf.Name.uni0141,
            ],
        ),
    )
    glyphs = load_font(font).glyphs(b"\x01\x02\x03(A")
    assert "".join(g.text for g in glyphs) == "OléŁA"
    assert glyphs[-1].width == 667  # Helvetica's own metrics, as no /Widths are given


def test_a_code_no_font_table_explains_is_unreadable_not_guessed():
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType, BaseFont=pikepdf.Name("/Symbolic")
    )
    assert load_font(font).glyphs(b"A")[0].text == UNREADABLE
