"""A compact builder of synthetic Excel packages, written as Excel writes them (shared
strings, rich text, comment boxes in VML), one XML part at a time.

Every workbook it makes is SYNTHETIC. ``build_xlsx(path, location, secret)`` puts
``secret`` in exactly one of the places a workbook keeps text (``LOCATIONS``), beside
ordinary cells, so a test can prove the secret is gone from every part of the copy.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
FILLER = "Swimming kit on Tuesday"
HEADERS = ("Pupil", "Class", "Note")


@dataclass
class Book:
    """What a workbook holds; the builder turns it into parts."""

    strings: list[str] = field(default_factory=lambda: [*HEADERS, "4P", FILLER])
    rows: list[str] = field(default_factory=list)
    """Extra ``<row>`` XML for sheet 1, after the header row and the filler row."""
    sheet_extra: str = ""
    """XML after ``sheetData`` in sheet 1 (header/footer, validations, hyperlinks...)."""
    sheet_rels: list[tuple[str, str, str, str]] = field(default_factory=list)
    sheet_names: tuple[str, str] = ("Register", "Notes")
    second_state: str = "visible"
    second_rows: str = ""
    workbook_extra: str = ""
    """XML after ``sheets`` in the workbook (defined names)."""
    files: dict[str, bytes] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)
    workbook_rels: list[tuple[str, str, str]] = field(default_factory=list)
    core_title: str = "Register"
    creator: str = "Office"
    raw_strings: list[str] = field(default_factory=list)
    """Shared-string items given as XML (rich text), after the plain ones."""
    main_type: str = f"{SML}.sheet.main+xml"
    date_style: bool = True


def xml(root: str, inner: str, namespaces: str = f'xmlns="{S}" xmlns:r="{R}"') -> bytes:
    tag = root.split()[0]
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    return f"{head}<{root} {namespaces}>{inner}</{tag}>".encode()


def s(index: int, ref: str) -> str:
    """A cell holding shared string ``index``."""
    return f'<c r="{ref}" t="s"><v>{index}</v></c>'


def write(path: Path, book: Book) -> Path:
    """Write the workbook's parts as a zip."""
    strings = "".join(f"<si><t>{escape(t)}</t></si>" for t in book.strings) + "".join(
        book.raw_strings
    )
    count = len(book.strings) + len(book.raw_strings)
    sheet1 = (
        "<sheetData>"
        f'<row r="1">{s(0, "A1")}{s(1, "B1")}{s(2, "C1")}</row>'
        f'<row r="2">{s(3, "B2")}{s(4, "C2")}</row>'
        f"{''.join(book.rows)}</sheetData>{book.sheet_extra}"
    )
    sheet2 = f"<sheetData>{book.second_rows}</sheetData>"
    state = "" if book.second_state == "visible" else f' state="{book.second_state}"'
    workbook = (
        f'<sheets><sheet name="{escape(book.sheet_names[0])}" sheetId="1" r:id="rId1"/>'
        f'<sheet name="{escape(book.sheet_names[1])}" sheetId="2"{state} r:id="rId2"/></sheets>'
        f"{book.workbook_extra}"
    )
    styles = (
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        f'<xf numFmtId="{164 if book.date_style else 0}" fontId="0" fillId="0" borderId="0" '
        'xfId="0" applyNumberFormat="1"/></cellXfs>'
    )
    workbook_rels = [
        ("rId1", f"{R}/worksheet", "worksheets/sheet1.xml"),
        ("rId2", f"{R}/worksheet", "worksheets/sheet2.xml"),
        ("rId3", f"{R}/sharedStrings", "sharedStrings.xml"),
        ("rId4", f"{R}/styles", "styles.xml"),
        *book.workbook_rels,
    ]
    overrides = {
        "/xl/workbook.xml": book.main_type,
        "/xl/worksheets/sheet1.xml": f"{SML}.worksheet+xml",
        "/xl/worksheets/sheet2.xml": f"{SML}.worksheet+xml",
        "/xl/sharedStrings.xml": f"{SML}.sharedStrings+xml",
        "/xl/styles.xml": f"{SML}.styles+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        **book.overrides,
    }
    types = (
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.'
        'vmlDrawing"/><Default Extension="png" ContentType="image/png"/>'
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        + "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides.items())
    )
    core = (
        f"<dc:title>{escape(book.core_title)}</dc:title>"
        f"<dc:creator>{escape(book.creator)}</dc:creator>"
    )
    parts = {
        "[Content_Types].xml": xml(
            "Types", types, 'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"'
        ),
        "_rels/.rels": _rels(
            [
                ("rId1", f"{R}/officeDocument", "xl/workbook.xml"),
                (
                    "rId2",
                    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                    "core-properties",
                    "docProps/core.xml",
                ),
            ]
        ),
        "docProps/core.xml": xml(
            "cp:coreProperties",
            core,
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"',
        ),
        "xl/workbook.xml": xml("workbook", workbook),
        "xl/_rels/workbook.xml.rels": _rels(workbook_rels),
        "xl/worksheets/sheet1.xml": xml("worksheet", sheet1),
        "xl/worksheets/sheet2.xml": xml("worksheet", sheet2),
        "xl/sharedStrings.xml": xml(f'sst count="{count}" uniqueCount="{count}"', strings),
        "xl/styles.xml": xml("styleSheet", styles),
        **book.files,
    }
    if book.sheet_rels:
        parts["xl/worksheets/_rels/sheet1.xml.rels"] = _rels(
            [(i, t, target) for i, t, target, _ in book.sheet_rels],
            modes={i: m for i, _, _, m in book.sheet_rels if m},
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _rels(rels: list[tuple[str, str, str]], modes: dict[str, str] | None = None) -> bytes:
    modes = modes or {}
    inner = "".join(
        f'<Relationship Id="{i}" Type="{t}" Target="{escape(target)}"'
        + (f' TargetMode="{modes[i]}"' if i in modes else "")
        + "/>"
        for i, t, target in rels
    )
    return xml(
        "Relationships",
        inner,
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"',
    )


# --- where a secret can hide ------------------------------------------------------------


def _in_cell(book: Book, secret: str) -> None:
    book.strings.append(secret)
    book.rows.append(f'<row r="3">{s(5, "A3")}{s(3, "B3")}</row>')


def _in_rich_text(book: Book, secret: str) -> None:
    half = len(secret) // 2
    book.raw_strings.append(
        f"<si><r><rPr><b/></rPr><t>{escape(secret[:half])}</t></r>"
        f"<r><rPr><i/></rPr><t>{escape(secret[half:])}</t></r></si>"
    )
    book.rows.append(f'<row r="3">{s(5, "A3")}{s(3, "B3")}</row>')


def _in_inline_string(book: Book, secret: str) -> None:
    book.rows.append(
        f'<row r="3"><c r="A3" t="inlineStr"><is><t>{escape(secret)}</t></is></c></row>'
    )


def _in_formula_result(book: Book, secret: str) -> None:
    book.rows.append(
        f'<row r="3"><c r="A3" t="str"><f>"{escape(secret)}"&amp;""</f>'
        f"<v>{escape(secret)}</v></c></row>"
    )


def _in_formula_string(book: Book, secret: str) -> None:
    book.rows.append(f'<row r="3"><c r="D3"><f>IF(A2="{escape(secret)}",1,0)</f><v>0</v></c></row>')


def _in_hidden_sheet(book: Book, secret: str) -> None:
    book.second_state = "veryHidden"
    book.strings.append(secret)
    book.second_rows = f'<row r="1">{s(0, "A1")}</row><row r="2">{s(5, "A2")}</row>'


def _in_hidden_column(book: Book, secret: str) -> None:
    book.strings.append(secret)
    book.rows.append(f'<row r="3">{s(5, "C3")}</row>')
    book.sheet_extra = ""  # the columns element goes before sheetData: see build_xlsx
    book.files["hidden-column"] = b""


def _in_header(book: Book, secret: str) -> None:
    book.sheet_extra = (
        f'<headerFooter><oddHeader>&amp;L&amp;"Arial,Bold"&amp;12{escape(secret)}'
        f"&amp;RPage &amp;P of &amp;N</oddHeader></headerFooter>"
    )


def _in_footer(book: Book, secret: str) -> None:
    book.sheet_extra = (
        f"<headerFooter><oddFooter>&amp;CPrepared for {escape(secret)}</oddFooter></headerFooter>"
    )


def _in_comment(book: Book, secret: str) -> None:
    book.sheet_extra = '<legacyDrawing r:id="rId9"/>'
    book.sheet_rels += [
        ("rId8", f"{R}/comments", "../comments1.xml", ""),
        ("rId9", f"{R}/vmlDrawing", "../drawings/vmlDrawing1.vml", ""),
    ]
    book.files["xl/comments1.xml"] = xml(
        "comments",
        "<authors><author>Office</author></authors><commentList>"
        f'<comment ref="C2" authorId="0"><text><r><rPr><b/></rPr><t>Office:</t></r>'
        f'<r><t xml:space="preserve"> collected by {escape(secret)}</t></r></text></comment>'
        "</commentList>",
    )
    book.files["xl/drawings/vmlDrawing1.vml"] = (
        b'<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:'
        b'office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
        b'<v:shape id="_x0000_s1025" '
        b'type="#_x0000_t202"><x:ClientData ObjectType="Note"><x:Anchor>3, 15, 0, 2, 5, 31, 4, 1'
        b"</x:Anchor><x:Row>1</x:Row><x:Column>2</x:Column></x:ClientData></v:shape></xml>"
    )
    book.overrides["/xl/comments1.xml"] = f"{SML}.comments+xml"


def _in_comment_author(book: Book, secret: str) -> None:
    _in_comment(book, "the office")
    book.files["xl/comments1.xml"] = book.files["xl/comments1.xml"].replace(
        b"<author>Office</author>", f"<author>{escape(secret)}</author>".encode()
    )


def _in_sheet_name(book: Book, secret: str) -> None:
    book.sheet_names = (book.sheet_names[0], f"{secret} plan")
    book.rows.append(f'<row r="3"><c r="A3"><f>\'{secret} plan\'!A1</f><v>0</v></c></row>')
    book.workbook_extra = (
        f"<definedNames><definedName name=\"Targets\">'{escape(secret)} plan'!$A$1:$A$4"
        "</definedName></definedNames>"
    )


def _in_defined_name_formula(book: Book, secret: str) -> None:
    book.workbook_extra = (
        f'<definedNames><definedName name="Contact">"{escape(secret)}"</definedName></definedNames>'
    )


def _in_validation_list(book: Book, secret: str) -> None:
    book.sheet_extra = (
        '<dataValidations count="1"><dataValidation type="list" sqref="A3:A9">'
        f'<formula1>"{escape(secret)},Office"</formula1></dataValidation></dataValidations>'
    )


def _in_validation_prompt(book: Book, secret: str) -> None:
    book.sheet_extra = (
        '<dataValidations count="1"><dataValidation type="whole" showInputMessage="1" '
        f'promptTitle="Ask" prompt="Ask {escape(secret)} first" sqref="B3">'
        "<formula1>1</formula1></dataValidation></dataValidations>"
    )


def _in_hyperlink(book: Book, secret: str) -> None:
    book.sheet_extra = (
        f'<hyperlinks><hyperlink ref="C2" r:id="rId7" display="{escape(secret)}" '
        f'tooltip="Write to {escape(secret)}"/></hyperlinks>'
    )
    address = "mailto:" + secret.lower().replace(" ", ".") + "@example.org"
    book.sheet_rels.append(("rId7", f"{R}/hyperlink", address, "External"))


def _in_filter(book: Book, secret: str) -> None:
    book.sheet_extra = (
        '<autoFilter ref="A1:C9"><filterColumn colId="0"><filters>'
        f'<filter val="{escape(secret)}"/></filters></filterColumn></autoFilter>'
    )


def _in_core_properties(book: Book, secret: str) -> None:
    book.core_title = f"Register for {secret}"


def _in_creator(book: Book, secret: str) -> None:
    book.creator = secret


def _in_chart_title(book: Book, secret: str) -> None:
    _drawing(
        book,
        chart=(
            "<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Progress of "
            f"{escape(secret)}</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea>"
            '<c:barChart><c:ser><c:idx val="0"/><c:cat><c:strRef><c:f>Register!$A$3</c:f>'
            '<c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>Reading</c:v></c:pt>'
            "</c:strCache></c:strRef></c:cat></c:ser></c:barChart></c:plotArea></c:chart>"
        ),
    )


def _in_chart_cache(book: Book, secret: str) -> None:
    _drawing(
        book,
        chart=(
            '<c:chart><c:plotArea><c:barChart><c:ser><c:idx val="0"/><c:cat><c:strRef>'
            '<c:f>Register!$A$3</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0">'
            f"<c:v>{escape(secret)}</c:v></c:pt></c:strCache></c:strRef></c:cat></c:ser>"
            "</c:barChart></c:plotArea></c:chart>"
        ),
    )


def _in_shape_text(book: Book, secret: str) -> None:
    _drawing(book, shape=f"<a:p><a:r><a:t>Call {escape(secret)}</a:t></a:r></a:p>")


def _in_alt_text(book: Book, secret: str) -> None:
    _drawing(book, shape="<a:p><a:r><a:t>Note</a:t></a:r></a:p>", alt=f"Photo of {secret}")


def _drawing(book: Book, *, chart: str = "", shape: str = "", alt: str = "") -> None:
    book.sheet_extra = '<drawing r:id="rId6"/>'
    book.sheet_rels.append(("rId6", f"{R}/drawing", "../drawings/drawing1.xml", ""))
    ns = (
        'xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'xmlns:r="{R}" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"'
    )
    anchor = (
        "<xdr:twoCellAnchor><xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff>"
        "<xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>8</xdr:col>"
        "<xdr:colOff>0</xdr:colOff><xdr:row>9</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
    )
    if chart:
        body = (
            '<xdr:graphicFrame><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/>'
            "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><a:graphic><a:graphicData "
            'uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rId1"/>'
            "</a:graphicData></a:graphic></xdr:graphicFrame>"
        )
        book.files["xl/charts/chart1.xml"] = xml("c:chartSpace", chart, ns)
        book.files["xl/drawings/_rels/drawing1.xml.rels"] = _rels(
            [("rId1", f"{R}/chart", "../charts/chart1.xml")]
        )
        book.overrides["/xl/charts/chart1.xml"] = (
            "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
        )
    else:
        descr = f' descr="{escape(alt)}"' if alt else ""
        body = (
            f'<xdr:sp><xdr:nvSpPr><xdr:cNvPr id="2" name="Box 1"{descr}/><xdr:cNvSpPr/>'
            f"</xdr:nvSpPr><xdr:spPr/><xdr:txBody><a:bodyPr/>{shape}</xdr:txBody></xdr:sp>"
        )
    book.files["xl/drawings/drawing1.xml"] = xml(
        "xdr:wsDr", f"{anchor}{body}<xdr:clientData/></xdr:twoCellAnchor>", ns
    )
    book.overrides["/xl/drawings/drawing1.xml"] = (
        "application/vnd.openxmlformats-officedocument.drawing+xml"
    )


LOCATIONS: dict[str, Callable[[Book, str], None]] = {
    "cell (shared string)": _in_cell,
    "cell (rich text)": _in_rich_text,
    "cell (inline string)": _in_inline_string,
    "cell (formula result)": _in_formula_result,
    "formula (quoted string)": _in_formula_string,
    "very hidden sheet": _in_hidden_sheet,
    "hidden column": _in_hidden_column,
    "header": _in_header,
    "footer": _in_footer,
    "comment": _in_comment,
    "comment author": _in_comment_author,
    "sheet name": _in_sheet_name,
    "defined name": _in_defined_name_formula,
    "data-validation list": _in_validation_list,
    "data-validation prompt": _in_validation_prompt,
    "hyperlink": _in_hyperlink,
    "filter value": _in_filter,
    "document title": _in_core_properties,
    "document author": _in_creator,
    "chart title": _in_chart_title,
    "chart's copy of a cell": _in_chart_cache,
    "shape text": _in_shape_text,
    "alt text": _in_alt_text,
}


def build_xlsx(path: Path, location: str, secret: str) -> Path:
    """A workbook with ``secret`` in one place (see ``LOCATIONS``)."""
    book = Book()
    LOCATIONS[location](book, secret)
    if book.files.pop("hidden-column", None) is not None:
        # Column C hidden: the cols element sits before sheetData.
        book.sheet_extra = ""
        path = write(path, book)
        _hide_column_c(path)
        return path
    return write(path, book)


def _hide_column_c(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        b"<sheetData>", b'<cols><col min="3" max="3" width="9" hidden="1"/></cols><sheetData>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
