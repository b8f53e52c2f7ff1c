"""Build the SYNTHETIC Word and PDF samples in documents/ (the .txt samples are written by hand).

    .venv/bin/python samples/make_documents.py

pupil-briefing-sheet.docx
    A school office's two-page briefing sheet about two pupils, with text in the places Word
    hides it: a header and a footer (with PAGE and NUMPAGES fields), two 2-column tables of
    pupil details, bulleted lists, a name split over runs by bold and italic, a name split
    mid-word by a partial bold (as a mouse selection leaves it), surnames in runs of their
    own between Word's spelling-error marks, a comment from a member of staff, a tracked
    deletion and a tracked insertion naming parents, a floating text box (with the VML copy
    Word keeps for older readers), and document properties: core (title naming a pupil,
    author, last modified by, description) and extended (company, and the title again in
    TitlesOfParts, as Word keeps it).
attendance-letter.pdf
    A one-page letter home about a pupil's attendance, in the standard Helvetica fonts
    (WinAnsi encoding, nothing embedded), with no images; Title and Author in the document
    information dictionary.

Both are the same bytes on every run: python-docx's output is re-zipped with fixed
timestamps (the dates in the properties, the comment and the revisions are fixed too), and
reportlab writes with invariant=1. The zip is deflated, so identical bytes on another machine
also need the same zlib. Everyone named is invented; staff names are the forms listed in
redactor.toml, so the demo keep list applies. After editing the text here, update the items
in make_annotations.py and run it.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

HERE = Path(__file__).resolve().parent
DOCUMENTS = HERE / "documents"
BANNER = "SYNTHETIC SAMPLE – every person, address, number and email in this document is invented."
SCHOOL = "Hollybrook Primary School"
OFFICE_PHONE = "01632 960000"
OFFICE_EMAIL = "office@hollybrook.example.sch.uk"

# --- the Word briefing sheet ----------------------------------------------------------------

DOCX_NAME = "pupil-briefing-sheet.docx"
DOCX_TITLE = "Pupil briefing sheet – Teddy Kowalczyk (4H) and Evie-Rose Pennington (2S)"
CREATED = dt.datetime(2024, 11, 15, 14, 2, tzinfo=dt.UTC)
MODIFIED = dt.datetime(2024, 11, 18, 9, 20, tzinfo=dt.UTC)
ZIP_TIME = (2024, 11, 18, 9, 20, 0)
REVISION_DATE = "2024-11-18T09:14:00Z"
COMMENT_DATE = dt.datetime(2024, 11, 18, 9, 16, tzinfo=dt.UTC)
EDITOR = "Mrs Karen Doyle"  # who made the tracked changes
COMMENTER = ("Mr Daniel Osei", "DO")
FONT = "Arial"
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
EP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
W_NS = nsdecls("w")
TEXT_BOX_NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
}
THUMBNAIL_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"

TEDDY = [
    ("Name", "Theodore Kowalczyk"),
    ("Known as", "Teddy"),
    ("Class", "4H (Mr Tom Hughes)"),
    ("DOB", "02/09/2015"),
    ("UPN", "L850241719057"),
    ("Parent/carer", None),  # a tracked change, written by parent_carer_cell()
    ("Phone", "07700 900346 (dad, mobile)"),
    ("Address", "14 Foxglove Way, Andover, SP10 3QJ"),
]
EVIE = [
    ("Name", "Evie-Rose Pennington"),
    ("Known as", "Evie"),
    ("Class", "2S"),
    ("DOB", "23/05/2018"),
    ("UPN", "Y850241721112"),
    ("Parent/carer", "Ms Danielle Pennington (mum)"),
    ("Phone", "01632 960512 (home), 07700 900781 (mum, mobile)"),
    ("Address", "Flat 6, Cedar House, 22 Wheatley Road, Andover, SP10 5RT"),
]
# The tracked change in Teddy's Parent/carer cell: mum replaced by dad as main contact.
DELETED_CONTACT = "Mrs Agnieszka Kowalczyk (mum)"
INSERTED_CONTACT = "Mr Piotr Kowalczyk (dad), main contact from Monday 18 November 2024"
COMMENT = (
    "Dad rang on Friday 15 November. Mrs Kowalczyk has started night shifts, so please ring "
    "Mr Kowalczyk first about Teddy. The mobile number is his."
)
KEY_ADULT = [  # (text, bold)
    ("Key adult", True),
    ("Teddy Kowalczyk: Ms Niamh Gallagher, every morning at 8.45am in the nurture room.", False),
    ("If he is upset, send a red card to Ms Gallagher.", False),
]


def build_docx() -> bytes:
    """The briefing sheet as python-docx writes it, then made deterministic."""
    document = docx.Document()
    set_up_page_and_styles(document)
    write_header_and_footer(document)

    add_text(document, BANNER, size=8, italic=True, colour=RGBColor(0x70, 0x70, 0x70))
    document.add_paragraph("Pupil briefing sheet", style="Title")
    subtitle = "Autumn term 2024, second half – for class, cover and lunchtime staff"
    add_text(document, subtitle, bold=True, colour=NAVY)
    add_text(
        document,
        "Prepared by Mrs Karen Doyle (Office Manager) on Monday 18 November 2024 for "
        "Mr Tom Hughes (4H), Mrs Joy Fenwick (lunchtimes) and any supply staff covering "
        "Year 2 or Year 4. Please keep this sheet in the cover folder, not on the classroom "
        "wall, and return it to the office by Friday 20 December 2024.",
    )

    document.add_heading("1. Teddy Kowalczyk (4H)", level=1)
    table = details_table(document, TEDDY)
    phone_run = table.rows[6].cells[1].paragraphs[0].runs[0]
    comment = document.add_comment(
        phone_run, text=COMMENT, author=COMMENTER[0], initials=COMMENTER[1]
    )
    comment._comment_elm.date = COMMENT_DATE
    add_text(document, "Things to know", bold=True, space_before=8)
    first = bullet(
        document,
        "Teddy has a severe peanut allergy. His two adrenaline pens are in the red bag in the "
        "4H cupboard, and a spare pen is in the office.",
    )
    first._p.append(key_adult_text_box())
    bullet(
        document,
        "He finds changes to the day hard. If there is a supply teacher, tell him first thing "
        "and show him the visual timetable.",
    )
    split = bullet(document, "")
    split.add_run("Teddy").bold = True
    split.add_run(" ")
    split.add_run("Kowalczyk").italic = True
    split.add_run(
        " must not appear in photos or videos for the school website or the newsletter "
        "(no consent)."
    )
    bullet(
        document,
        "He may use the quiet corner in the library when he needs a break, and comes back "
        "within ten minutes.",
    )

    document.add_heading("2. Evie-Rose Pennington (2S)", level=1)
    details_table(document, EVIE)
    add_text(document, "Things to know", bold=True, space_before=8)
    bullet(
        document,
        "Evie has type 1 diabetes and wears a glucose sensor on her arm. She checks her level "
        "before lunch with Mrs Fenwick; the hypo box is on top of the 2S cupboard.",
    )
    bullet(
        document,
        "If Evie is taken to hospital, give the paramedics her care plan from the office. "
        "Her NHS number is 999 307 2141.",
    )
    partial = bullet(document, "")
    partial.add_run("Evie-Rose Penn").bold = True
    partial.add_run("ington")
    partial.add_run(
        " is collected by her mum, Ms Danielle Pennington, every day except Wednesday, when "
        "she stays at the after-school club until 5.30pm and her dad, Mr Craig Pennington, "
        "collects her."
    )
    bullet(
        document,
        "Ms Pennington prefers email for anything that is not urgent: "
        "danielle.pennington@example.com.",
    )

    document.add_heading("3. If you are worried", level=1)
    add_text(
        document,
        "Talk to Mr Daniel Osei (Designated Safeguarding Lead) straight away, or, about "
        "Evie's care plan, to Ms Priya Nair (SENCo). Do not take this sheet home; the office "
        f"will shred every copy at the end of term. Office: {OFFICE_PHONE}, {OFFICE_EMAIL}.",
    )
    add_text(document, "Mrs Karen Doyle, Office Manager", italic=True, space_before=6)

    set_properties(document)
    drop_thumbnail(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return finish_package(buffer.getvalue())


def set_up_page_and_styles(document: docx.document.Document) -> None:
    a4_page(document)
    document.sections[0].header_distance = document.sections[0].footer_distance = Cm(1.0)
    arial_styles(document, (("Normal", 10.5), ("Title", 22), ("Heading 1", 13)))
    for name in ("Header", "Footer"):
        tabs = document.styles[name].paragraph_format.tab_stops
        tabs.clear_all()  # the template's stops are for US Letter
        tabs.add_tab_stop(Cm(8.5), WD_TAB_ALIGNMENT.CENTER)
        tabs.add_tab_stop(Cm(17.0), WD_TAB_ALIGNMENT.RIGHT)
    document.styles["Normal"].paragraph_format.space_after = Pt(4)
    document.styles["Heading 1"].paragraph_format.space_before = Pt(14)


def a4_page(document: docx.document.Document) -> None:
    """A4 portrait with 2 cm margins (python-docx's template is US Letter)."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))


def arial_styles(document: docx.document.Document, sizes: tuple[tuple[str, float], ...]) -> None:
    """Each named style in Arial at its size, headings in navy."""
    for name, size in sizes:
        style = document.styles[name]
        style.font.size = Pt(size)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in list(fonts.attrib):
            del fonts.attrib[attribute]  # drop the theme fonts, which would win over Arial
        for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attribute), FONT)
        if name != "Normal":
            style.font.color.rgb = NAVY


def write_header_and_footer(document: docx.document.Document) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.add_run(SCHOOL).bold = True
    header.add_run("\t\t")
    run = header.add_run("CONFIDENTIAL – staff only")
    run.bold = True
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)

    footer = section.footer.paragraphs[0]
    footer.add_run("Pupil briefing sheet – please shred after use\t\tPage ")
    add_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES", "2")
    for run in footer.runs:
        run.font.size = Pt(8)


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complex field (begin, instruction, separate, last shown result, end), as Word writes."""
    for inner in (
        '<w:fldChar w:fldCharType="begin"/>',
        f'<w:instrText xml:space="preserve"> {instruction} </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        f"<w:rPr><w:noProof/></w:rPr><w:t>{shown}</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        paragraph._p.append(parse_xml(f"<w:r {W_NS}>{inner}</w:r>"))


def add_text(
    document: docx.document.Document,
    text: str,
    *,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    colour: RGBColor | None = None,
    space_before: float | None = None,
) -> Paragraph:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    if size is not None:
        run.font.size = Pt(size)
    if colour is not None:
        run.font.color.rgb = colour
    if space_before is not None:
        paragraph.paragraph_format.space_before = Pt(space_before)
    return paragraph


def bullet(document: docx.document.Document, text: str) -> Paragraph:
    return document.add_paragraph(text, style="List Bullet")


def details_table(document: docx.document.Document, rows: list[tuple[str, str | None]]):
    table = document.add_table(rows=len(rows), cols=2)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    table.columns[0].width, table.columns[1].width = Cm(3.5), Cm(13.5)
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].width, row.cells[1].width = Cm(3.5), Cm(13.5)
        label_paragraph = row.cells[0].paragraphs[0]
        label_paragraph.add_run(label).bold = True
        shade(row.cells[0], "E8EEF5")
        if value is None:
            row.cells[1].paragraphs[0]._p.extend(parent_carer_runs())
        elif label == "Name":
            name_with_spelling_marks(row.cells[1].paragraphs[0], value)
        else:
            row.cells[1].paragraphs[0].add_run(value)
    return table


def shade(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    properties.append(parse_xml(f'<w:shd {W_NS} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def name_with_spelling_marks(paragraph: Paragraph, full_name: str) -> None:
    """The surname wrapped in the spelling-error marks Word leaves around unusual names."""
    first, surname = full_name.split(" ", 1)
    paragraph.add_run(first + " ")
    paragraph._p.append(parse_xml(f'<w:proofErr {W_NS} w:type="spellStart"/>'))
    paragraph.add_run(surname)
    paragraph._p.append(parse_xml(f'<w:proofErr {W_NS} w:type="spellEnd"/>'))


def parent_carer_runs() -> list[etree._Element]:
    """A tracked deletion of one parent and a tracked insertion of the other."""
    deleted = (
        f'<w:del {W_NS} w:id="101" w:author="{EDITOR}" w:date="{REVISION_DATE}">'
        f'<w:r><w:delText xml:space="preserve">{DELETED_CONTACT}</w:delText></w:r></w:del>'
    )
    inserted = (
        f'<w:ins {W_NS} w:id="102" w:author="{EDITOR}" w:date="{REVISION_DATE}">'
        f'<w:r><w:t xml:space="preserve">{INSERTED_CONTACT}</w:t></w:r></w:ins>'
    )
    return [parse_xml(deleted), parse_xml(inserted)]


def key_adult_text_box() -> etree._Element:
    """A floating text box, right of the bullets: DrawingML, with Word's VML fallback copy."""

    def content() -> str:
        paragraphs = []
        for text, bold in KEY_ADULT:
            weight = "<w:b/>" if bold else ""
            paragraphs.append(
                f'<w:p><w:pPr><w:spacing w:after="60"/></w:pPr><w:r><w:rPr>{weight}'
                f'<w:sz w:val="19"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
            )
        return "<w:txbxContent>" + "".join(paragraphs) + "</w:txbxContent>"

    width, height = 2052000, 1260000  # 5.7 cm by 3.5 cm, in EMU
    namespaces = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in TEXT_BOX_NAMESPACES.items())
    xml = f"""
<w:r {namespaces}>
  <w:rPr><w:noProof/></w:rPr>
  <mc:AlternateContent>
    <mc:Choice Requires="wps">
      <w:drawing>
        <wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0"
            relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1"
            allowOverlap="1">
          <wp:simplePos x="0" y="0"/>
          <wp:positionH relativeFrom="margin"><wp:align>right</wp:align></wp:positionH>
          <wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
          <wp:extent cx="{width}" cy="{height}"/>
          <wp:effectExtent l="0" t="0" r="0" b="0"/>
          <wp:wrapSquare wrapText="bothSides"/>
          <wp:docPr id="1" name="Text Box 1"/>
          <wp:cNvGraphicFramePr/>
          <a:graphic>
            <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
              <wps:wsp>
                <wps:cNvSpPr txBox="1"/>
                <wps:spPr>
                  <a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>
                  <a:prstGeom prst="rect"><a:avLst/></a:prstGeom>
                  <a:solidFill><a:srgbClr val="FFF6D5"/></a:solidFill>
                  <a:ln w="12700"><a:solidFill><a:srgbClr val="C09000"/></a:solidFill></a:ln>
                </wps:spPr>
                <wps:txbx>{content()}</wps:txbx>
                <wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720"
                    rIns="91440" bIns="45720" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr>
              </wps:wsp>
            </a:graphicData>
          </a:graphic>
        </wp:anchor>
      </w:drawing>
    </mc:Choice>
    <mc:Fallback>
      <w:pict>
        <v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"
            path="m,l,21600r21600,l21600,xe">
          <v:stroke joinstyle="miter"/>
          <v:path gradientshapeok="t" o:connecttype="rect"/>
        </v:shapetype>
        <v:shape id="Text Box 1" o:spid="_x0000_s1026" type="#_x0000_t202"
            style="position:absolute;margin-left:0;margin-top:0;width:161.55pt;height:99.2pt;
            z-index:251659264;mso-position-horizontal:right;
            mso-position-horizontal-relative:margin;mso-position-vertical-relative:text"
            fillcolor="#fff6d5" strokecolor="#c09000" strokeweight="1pt">
          <v:textbox>{content()}</v:textbox>
          <w10:wrap type="square"/>
        </v:shape>
      </w:pict>
    </mc:Fallback>
  </mc:AlternateContent>
</w:r>"""
    return parse_xml(xml)


def set_properties(document: docx.document.Document) -> None:
    core = document.core_properties
    core.title = DOCX_TITLE
    core.subject = "Pupil briefing, autumn term 2024"
    core.author = "Karen Doyle"
    core.last_modified_by = "Mr Daniel Osei"
    core.comments = BANNER
    core.keywords = "SYNTHETIC; briefing; cover folder"
    core.category = "Pastoral"
    core.revision = 4
    core.created = CREATED.replace(tzinfo=None)
    core.modified = MODIFIED.replace(tzinfo=None)
    core.last_printed = MODIFIED.replace(tzinfo=None)


def drop_thumbnail(document: docx.document.Document) -> None:
    """python-docx's template carries a preview picture of an empty page: not ours, so drop it."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == THUMBNAIL_REL:
            package.rels.pop(rel_id)
    settings = document.settings.element
    for preview in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(preview)


def finish_package(
    data: bytes,
    title: str = DOCX_TITLE,
    total_time: str = "38",
    zip_time: tuple[int, int, int, int, int, int] = ZIP_TIME,
) -> bytes:
    """Set the extended properties Word keeps, and re-zip with fixed times and attributes
    (make_minutes.py uses this too, with its own title, editing time and zip time).
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["docProps/app.xml"] = extended_properties(parts["docProps/app.xml"], title, total_time)
    order = sorted(parts, key=lambda name: (name != "[Content_Types].xml", name))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=zip_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, parts[name], compresslevel=6)
    return buffer.getvalue()


def extended_properties(data: bytes, title: str, total_time: str) -> bytes:
    root = etree.fromstring(data)
    values = {
        "Application": "Microsoft Office Word",
        "AppVersion": "16.0000",
        "Company": SCHOOL,
        "Pages": "2",
        "TotalTime": total_time,
    }
    for tag, value in values.items():
        element = root.find(f"{{{EP_NS}}}{tag}")
        element.text = value
    titles = root.find(f"{{{EP_NS}}}TitlesOfParts/{{{VT_NS}}}vector/{{{VT_NS}}}lpstr")
    titles.text = title
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- the PDF letter ---------------------------------------------------------------------------

PDF_NAME = "attendance-letter.pdf"
PDF_TITLE = "Attendance letter – Kian Radcliffe (5F)"
LETTER_DATE = "Monday 25 November 2024"
FAMILY = ["Mr and Mrs D Radcliffe", "3 Orchard Rise", "Abbotts Ann", "Andover", "SP11 7BX"]
REFERENCE = "Re: Kian Radcliffe, Year 5 (5F), DOB: 17/01/2015"
PARAGRAPHS = [
    "I am writing to you about Kian's attendance this term. Since the start of term on "
    "Wednesday~4~September~2024, Kian has attended 86.4% of sessions (133 of 154). He was "
    "absent on Friday~11~October and Monday~21~October, and for the whole of the week "
    "beginning Monday~4~November~2024; we did not receive a phone call or a note about any "
    "of these absences. Attendance below 90% counts as persistent absence, and children who "
    "miss this much school find it harder to keep up with their learning and their friends.",
    "We would like to meet you both to talk about how we can help Kian to be in school every "
    "day. Mr~Daniel~Osei, our Deputy Headteacher and attendance lead, has booked a meeting "
    "for Tuesday~3~December~2024 at 3.30pm in the school office. If that time does not suit "
    "you, please ring the office on 01632~960000 or email office@hollybrook.example.sch.uk by "
    "Friday~29~November~2024. Kian is a kind and popular member of 5F, and Mr~Fraser tells me "
    "that he has made a great start on this term's science project.",
]


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking at spaces; a "~" is a space where the line must not break."""
    lines: list[str] = []
    for word in text.split(" "):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and stringWidth(candidate.replace("~", " "), font, size) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return [line.replace("~", " ") for line in lines]


def build_pdf(path: Path) -> None:
    width, height = A4
    left, right = 56.7, width - 56.7  # 2 cm margins
    canvas = Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(PDF_TITLE)
    canvas.setAuthor("Mr Daniel Osei")
    canvas.setSubject(BANNER)
    canvas.setKeywords("SYNTHETIC; attendance")
    canvas.setCreator("Hollybrook letter template")

    y = height - 40
    canvas.setFont("Helvetica-Oblique", 7.5)
    canvas.setFillGray(0.4)
    canvas.drawString(left, y, BANNER)
    canvas.setFillGray(0)

    y -= 36
    canvas.setFont("Helvetica-Bold", 18)
    canvas.setFillColorRGB(0.12, 0.23, 0.37)
    canvas.drawCentredString(width / 2, y, SCHOOL)
    canvas.setFont("Helvetica", 9.5)
    for line in (
        "1 School Lane, Andover, SP10 1AA",
        f"Tel: {OFFICE_PHONE}  ·  {OFFICE_EMAIL}",
        "Headteacher: Mrs Janet Price",
    ):
        y -= 13
        canvas.drawCentredString(width / 2, y, line)
    y -= 10
    canvas.setStrokeColorRGB(0.12, 0.23, 0.37)
    canvas.setLineWidth(1.2)
    canvas.line(left, y, right, y)
    canvas.setFillColorRGB(0, 0, 0)

    y -= 40
    canvas.setFont("Helvetica", 10.5)
    canvas.drawString(left, y, "Private and confidential")
    y -= 6
    for line in FAMILY:
        y -= 14
        canvas.drawString(left, y, line)
    y -= 28
    canvas.drawString(left, y, LETTER_DATE)

    y -= 34
    canvas.setFont("Helvetica-Bold", 10.5)
    canvas.drawString(left, y, REFERENCE)
    canvas.setFont("Helvetica", 10.5)
    y -= 24
    canvas.drawString(left, y, "Dear Mr and Mrs Radcliffe,")
    for paragraph in PARAGRAPHS:
        y -= 8
        for line in wrap(paragraph, "Helvetica", 10.5, right - left):
            y -= 14.5
            canvas.drawString(left, y, line)
    y -= 22
    canvas.drawString(left, y, "Yours sincerely,")
    y -= 40
    canvas.drawString(left, y, "Mrs Janet Price")
    y -= 14
    canvas.drawString(left, y, "Headteacher")
    y -= 30
    canvas.setFont("Helvetica", 9)
    canvas.drawString(left, y, "cc: Mr Daniel Osei, attendance lead; pupil file")

    canvas.setFont("Helvetica", 8)
    canvas.setFillGray(0.4)
    canvas.drawCentredString(width / 2, 36, f"{SCHOOL} · {OFFICE_PHONE} · {OFFICE_EMAIL}")
    canvas.showPage()
    canvas.save()


def main() -> None:
    DOCUMENTS.mkdir(exist_ok=True)
    (DOCUMENTS / DOCX_NAME).write_bytes(build_docx())
    build_pdf(DOCUMENTS / PDF_NAME)
    print(f"wrote {DOCX_NAME} and {PDF_NAME} to {DOCUMENTS.name}/")


if __name__ == "__main__":
    main()
