"""Heading levels of Word paragraphs (formats/docx_outline.py), from the styles part."""

from __future__ import annotations

from lxml import etree

from redactor.formats.docx_outline import Outline

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STYLES = f"""<w:styles xmlns:w="{W}">
  <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/>
    <w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/></w:style>
  <w:style w:type="paragraph" w:styleId="AgendaItem"><w:name w:val="Agenda item"/>
    <w:basedOn w:val="H1"/></w:style>
  <w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/>
    <w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="LoopA"><w:name w:val="A"/>
    <w:basedOn w:val="LoopB"/></w:style>
  <w:style w:type="paragraph" w:styleId="LoopB"><w:name w:val="B"/>
    <w:basedOn w:val="LoopA"/></w:style>
</w:styles>"""


def _paragraph(properties: str) -> etree._Element:
    return etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr>{properties}</w:pPr></w:p>')


def _level(properties: str) -> int | None:
    return Outline(etree.fromstring(STYLES)).level(_paragraph(properties))


def test_a_style_with_an_outline_level_is_a_heading():
    assert _level('<w:pStyle w:val="H1"/>') == 0


def test_a_built_in_heading_name_counts_without_a_level():
    assert _level('<w:pStyle w:val="Heading3"/>') == 2


def test_a_school_style_based_on_a_heading_is_one():
    assert _level('<w:pStyle w:val="AgendaItem"/>') == 0


def test_the_paragraphs_own_level_wins_and_body_text_is_none():
    assert _level('<w:pStyle w:val="Normal"/><w:outlineLvl w:val="1"/>') == 1
    assert _level('<w:pStyle w:val="H1"/><w:outlineLvl w:val="9"/>') is None
    assert _level('<w:pStyle w:val="Quote"/>') is None
    assert _level('<w:pStyle w:val="Normal"/>') is None
    assert _level("") is None


def test_a_loop_of_based_on_styles_ends():
    assert _level('<w:pStyle w:val="LoopA"/>') is None


def test_no_styles_part_means_no_headings():
    assert Outline(None).level(_paragraph('<w:pStyle w:val="H1"/>')) is None
