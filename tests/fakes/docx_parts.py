"""A compact builder of synthetic Word packages, one XML part at a time.

Every document it makes is SYNTHETIC. ``build_docx(path, location, secret)``
puts ``secret`` in exactly one of the places Word keeps text (``LOCATIONS``),
beside an ordinary body paragraph, so a test can prove the secret is gone from
every part of the redacted copy.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FILLER = "The staff briefing is on Monday at 8.15am in the hall."
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"


@dataclass
class Parts:
    """What one location adds: body XML, section XML, parts, relationships, types."""

    body: str = ""
    section: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    rels: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, type, target, mode
    overrides: dict[str, str] = field(default_factory=dict)
    root_rels: list[tuple[str, str, str]] = field(default_factory=list)
    main_type: str = f"{_MAIN}.document.main+xml"


def p(text: str, run_props: str = "") -> str:
    return f'<w:p><w:r>{run_props}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _part(root: str, inner: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{root} {NAMESPACES}>{inner}</{root.split()[0]}>'.encode()


def _header_footer(kind: str, name: str, rid: str, ref: str, secret: str) -> Parts:
    tag = "hdr" if kind == "header" else "ftr"
    return Parts(
        section=f'<w:{kind}Reference w:type="{ref}" r:id="{rid}"/>',
        files={f"word/{name}": _part(f"w:{tag}", p(secret))},
        rels=[(rid, f"{REL}/{kind}", name, "")],
        overrides={f"/word/{name}": f"{_MAIN}.{kind}+xml"},
    )


def _second_section_header(secret: str) -> Parts:
    """A header that belongs to the first of two sections: its reference sits in the
    paragraph-level w:sectPr that ends section 1, not in the body's final one."""
    parts = _header_footer("header", "header4.xml", "rIdH4", "default", secret)
    section_break = f'<w:p><w:pPr><w:sectPr>{parts.section}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr></w:p>'
    parts.body = section_break + p("Section two starts here.")
    parts.section = ""
    return parts


def _notes(kind: str, secret: str) -> Parts:
    single = kind[:-1]
    inner = (
        f'<w:{single} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{single}>'
        f'<w:{single} w:id="1"><w:p><w:r><w:t>{secret} was absent.</w:t></w:r></w:p></w:{single}>'
    )
    return Parts(
        body=f'<w:p><w:r><w:t>See the note.</w:t></w:r><w:r><w:{single}Reference w:id="1"/></w:r></w:p>',
        files={f"word/{kind}.xml": _part(f"w:{kind}", inner)},
        rels=[("rIdN", f"{REL}/{kind}", f"{kind}.xml", "")],
        overrides={f"/word/{kind}.xml": f"{_MAIN}.{kind}+xml"},
    )


def _picture(descr: str = "A pupil at sports day", title: str = "Photo") -> str:
    return (
        '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="9525" cy="9525"/>'
        f'<wp:docPr id="1" name="Picture 1" descr="{descr}" title="{title}"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="photo.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill><pic:spPr/></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


def tiny_png() -> bytes:
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def jpeg_with_exif(secret: str) -> bytes:
    """A JPEG header with an EXIF block naming ``secret`` (Artist) and a GPS pointer."""
    text = secret.encode() + b"\x00"
    entries = [(0x013B, 2, len(text), 26 + 12 * 2 + 4), (0x8825, 4, 1, 0)]  # Artist, GPS IFD
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        ifd += struct.pack("<HHII", tag, kind, count, value)
    ifd += struct.pack("<I", 0)
    tiff = b"II*\x00" + struct.pack("<I", 8) + ifd + text
    app1 = b"Exif\x00\x00" + tiff
    return (
        b"\xff\xd8"
        + b"\xff\xe0"
        + struct.pack(">H", 16)
        + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        + b"\xff\xe1"
        + struct.pack(">H", len(app1) + 2)
        + app1
        + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"
        + b"\x00" * 16
        + b"\xff\xd9"
    )


def _embedded_docx(secret: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as inner:
        inner.writestr("word/document.xml", _part("w:document", f"<w:body>{p(secret)}</w:body>"))
    return buffer.getvalue()


def _locations() -> dict[str, Callable[[str], Parts]]:
    textbox = (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        '<wp:docPr id="2" name="Text Box 1"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        "<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData>"
        "</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>"
        "<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    core = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">{inner}</cp:coreProperties>'
    )

    def core_property(tag: str) -> Callable[[str], Parts]:
        return lambda s: Parts(
            files={"docProps/core.xml": core.format(inner=f"<{tag}>{s}</{tag}>").encode()},
            root_rels=[
                (
                    "rIdCore",
                    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                    "docProps/core.xml",
                )
            ],
            overrides={
                "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml"
            },
        )

    def app_property(tag: str) -> Callable[[str], Parts]:
        app = '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        return lambda s: Parts(
            files={"docProps/app.xml": f"{app}<{tag}>{s}</{tag}></Properties>".encode()},
            root_rels=[
                (
                    "rIdApp",
                    f"{REL}/extended-properties",
                    "docProps/app.xml",
                )
            ],
            overrides={
                "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml"
            },
        )

    return {
        "body": lambda s: Parts(body=p(f"Notes on {s} for the team.")),
        "table": lambda s: Parts(
            body=f"<w:tbl><w:tr><w:tc>{p('Pupil')}</w:tc><w:tc>{p(s)}</w:tc></w:tr></w:tbl>"
        ),
        "nested_table": lambda s: Parts(
            body=f"<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc>{p(s)}</w:tc></w:tr></w:tbl>{p('')}</w:tc></w:tr></w:tbl>"
        ),
        "header_default": lambda s: _header_footer("header", "header1.xml", "rIdH1", "default", s),
        "header_first": lambda s: _header_footer("header", "header2.xml", "rIdH2", "first", s),
        "header_even": lambda s: _header_footer("header", "header3.xml", "rIdH3", "even", s),
        "footer": lambda s: _header_footer("footer", "footer1.xml", "rIdF1", "default", s),
        "second_section_header": _second_section_header,
        "footnote": lambda s: _notes("footnotes", s),
        "endnote": lambda s: _notes("endnotes", s),
        "textbox": lambda s: Parts(body=textbox.format(inner=p(s))),
        "comment": lambda s: Parts(
            body='<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Attendance</w:t></w:r>'
            '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>',
            files={
                "word/comments.xml": _part(
                    "w:comments",
                    f'<w:comment w:id="0" w:author="Janet Price" w:initials="JP">{p(f"Ask {s} about this")}</w:comment>',
                )
            },
            rels=[("rIdC", f"{REL}/comments", "comments.xml", "")],
            overrides={"/word/comments.xml": f"{_MAIN}.comments+xml"},
        ),
        "tracked_insertion": lambda s: Parts(
            body=f'<w:p><w:ins w:id="1" w:author="Janet Price"><w:r><w:t>{s} </w:t></w:r></w:ins>'
            "<w:r><w:t>was late.</w:t></w:r></w:p>"
        ),
        "tracked_deletion": lambda s: Parts(
            body=f'<w:p><w:del w:id="2" w:author="Janet Price"><w:r><w:delText>{s} </w:delText></w:r></w:del>'
            "<w:r><w:t>A pupil was late.</w:t></w:r></w:p>"
        ),
        "hyperlink_text": lambda s: Parts(
            body=f'<w:p><w:hyperlink r:id="rIdL"><w:r><w:t>{s}</w:t></w:r></w:hyperlink></w:p>',
            rels=[("rIdL", f"{REL}/hyperlink", "https://example.org/profile", "External")],
        ),
        "hyperlink_mailto": lambda s: Parts(
            body='<w:p><w:hyperlink r:id="rIdL"><w:r><w:t>email the family</w:t></w:r></w:hyperlink></w:p>',
            rels=[
                (
                    "rIdL",
                    f"{REL}/hyperlink",
                    f"mailto:{s.lower().replace(' ', '.')}@example.org",
                    "External",
                )
            ],
        ),
        "field_result": lambda s: Parts(
            body='<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD Name </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{s}</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        ),
        "field_instruction": lambda s: Parts(
            body='<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText> HYPERLINK "https://example.org" \\o "Profile of {s}" </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>profile</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        ),
        "simple_field": lambda s: Parts(
            body=f'<w:p><w:fldSimple w:instr=" AUTHOR &quot;{s}&quot; "><w:r><w:t>author</w:t></w:r></w:fldSimple></w:p>'
        ),
        "content_control": lambda s: Parts(
            body=f'<w:sdt><w:sdtPr><w:alias w:val="Pupil {s}"/><w:tag w:val="{s}"/></w:sdtPr>'
            f"<w:sdtContent>{p(s)}</w:sdtContent></w:sdt>"
        ),
        "dropdown_item": lambda s: Parts(
            body="<w:sdt><w:sdtPr><w:dropDownList>"
            f'<w:listItem w:displayText="{s}" w:value="{s}"/></w:dropDownList></w:sdtPr>'
            f"<w:sdtContent>{p('Choose a pupil')}</w:sdtContent></w:sdt>"
        ),
        "alt_text": lambda s: Parts(
            body=_picture(descr=f"{s} at sports day", title=f"Photo of {s}"),
            files={"word/media/image1.png": tiny_png()},
            rels=[("rIdImg", f"{REL}/image", "media/image1.png", "")],
        ),
        "hidden_text": lambda s: Parts(
            body=p(f"{s} is on the list.", "<w:rPr><w:vanish/></w:rPr>")
        ),
        "split_runs": lambda s: Parts(
            body=f'<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{s[:2]}</w:t></w:r><w:proofErr w:type="spellStart"/>'
            f'<w:r><w:rPr><w:i/></w:rPr><w:t>{s[2:4]}</w:t></w:r><w:proofErr w:type="spellEnd"/>'
            f'<w:r><w:t xml:space="preserve">{s[4:]} was late today.</w:t></w:r></w:p>'
        ),
        "core_author": core_property("dc:creator"),
        "core_last_modified_by": core_property("cp:lastModifiedBy"),
        "core_title": core_property("dc:title"),
        "core_subject": core_property("dc:subject"),
        "core_keywords": core_property("cp:keywords"),
        "core_comments": core_property("dc:description"),
        "app_company": app_property("Company"),
        "app_manager": app_property("Manager"),
        "custom_property": lambda s: Parts(
            files={
                "docProps/custom.xml": (
                    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
                    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Pupil">'
                    f"<vt:lpwstr>{s}</vt:lpwstr></property></Properties>"
                ).encode()
            },
            root_rels=[("rIdCustom", f"{REL}/custom-properties", "docProps/custom.xml")],
            overrides={
                "/docProps/custom.xml": "application/vnd.openxmlformats-officedocument.custom-properties+xml"
            },
        ),
        "chart_title": lambda s: Parts(
            files={
                "word/charts/chart1.xml": (
                    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
                    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:title><c:tx><c:rich>'
                    f"<a:p><a:r><a:t>Reading ages: {s}</a:t></a:r></a:p></c:rich></c:tx></c:title>"
                    f'<c:plotArea><c:barChart><c:ser><c:cat><c:strRef><c:strCache><c:pt idx="0"><c:v>{s}</c:v></c:pt>'
                    "</c:strCache></c:strRef></c:cat></c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>"
                ).encode()
            },
            rels=[("rIdChart", f"{REL}/chart", "charts/chart1.xml", "")],
            overrides={
                "/word/charts/chart1.xml": "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
            },
        ),
        "smartart": lambda s: Parts(
            files={
                "word/diagrams/data1.xml": (
                    '<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
                    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst><dgm:pt modelId="1">'
                    f"<dgm:t><a:p><a:r><a:t>{s}</a:t></a:r></a:p></dgm:t></dgm:pt></dgm:ptLst></dgm:dataModel>"
                ).encode()
            },
            rels=[("rIdDgm", f"{REL}/diagramData", "diagrams/data1.xml", "")],
            overrides={
                "/word/diagrams/data1.xml": "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml"
            },
        ),
        "embedded_docx": lambda s: Parts(
            body='<w:p><w:r><w:object><v:shape id="o1"/><o:OLEObject Type="Embed" ProgID="Word.Document.12" '
            'ShapeID="o1" r:id="rIdOle"/></w:object></w:r></w:p>',
            files={"word/embeddings/Microsoft_Word_Document.docx": _embedded_docx(s)},
            rels=[("rIdOle", f"{REL}/package", "embeddings/Microsoft_Word_Document.docx", "")],
            overrides={"/word/embeddings/Microsoft_Word_Document.docx": f"{_MAIN}.document"},
        ),
        "embedded_ole": lambda s: Parts(
            body='<w:p><w:r><w:object><v:shape id="o1"/><o:OLEObject Type="Embed" ProgID="Excel.Sheet.8" '
            'ShapeID="o1" r:id="rIdOle"/></w:object></w:r></w:p>',
            files={
                "word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"
                + s.encode()
                + s.encode("utf-16-le")
            },
            rels=[("rIdOle", f"{REL}/oleObject", "embeddings/oleObject1.bin", "")],
            overrides={
                "/word/embeddings/oleObject1.bin": "application/vnd.openxmlformats-officedocument.oleObject"
            },
        ),
        "image_exif": lambda s: Parts(
            body=_picture(),
            files={"word/media/image1.jpeg": jpeg_with_exif(s)},
            rels=[("rIdImg", f"{REL}/image", "media/image1.jpeg", "")],
        ),
        "docm_macro": lambda s: Parts(
            body=p(f"Notes on {s}."),
            files={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 Sub AutoOpen() MsgBox 1 End Sub"},
            rels=[
                (
                    "rIdVba",
                    "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
                    "vbaProject.bin",
                    "",
                )
            ],
            overrides={"/word/vbaProject.bin": "application/vnd.ms-office.vbaProject"},
            main_type="application/vnd.ms-word.document.macroEnabled.main+xml",
        ),
    }


LOCATION_BUILDERS = _locations()
LOCATIONS = tuple(LOCATION_BUILDERS)


def build_docx(path: Path, location: str, secret: str, *, filler: str = FILLER) -> Path:
    """Write a SYNTHETIC .docx with ``secret`` only at ``location``."""
    parts = LOCATION_BUILDERS[location](secret)
    if location == "docm_macro":
        path = path.with_suffix(".docm")
    write_package(path, parts, filler)
    return path


def write_package(path: Path, parts: Parts, filler: str = FILLER) -> None:
    body = (
        p("Staff briefing (SYNTHETIC)")
        + p(filler)
        + parts.body
        + f'<w:sectPr>{parts.section}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    )
    document = _part("w:document", f"<w:body>{body}</w:body>")
    overrides = {"/word/document.xml": parts.main_type, **parts.overrides}
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        '<Default Extension="jpeg" ContentType="image/jpeg"/>'
        + "".join(f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in overrides.items())
        + "</Types>"
    )
    root_rels = [("rId1", f"{REL}/officeDocument", "word/document.xml"), *parts.root_rels]
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", _rels([(i, t, target, "") for i, t, target in root_rels]))
        archive.writestr("word/document.xml", document)
        archive.writestr("word/_rels/document.xml.rels", _rels(parts.rels))
        for name, data in parts.files.items():
            archive.writestr(name, data)


def _rels(rels: list[tuple[str, str, str, str]]) -> str:
    body = "".join(
        f'<Relationship Id="{i}" Type="{t}" Target="{target}"'
        + (f' TargetMode="{mode}"' if mode else "")
        + "/>"
        for i, t, target, mode in rels
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'
    )


def every_part_text(path: Path) -> str:
    """Everything in the package as text, for assertions: XML as written, binaries as
    UTF-8 and UTF-16, nested packages opened. Deliberately crude and independent."""
    out = []
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            out.append(_as_text(archive.read(info)))
    return "\n".join(out)


def _as_text(data: bytes) -> str:
    texts = [data.decode("utf-8", "ignore"), data.decode("utf-16-le", "ignore")]
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as inner:
            texts += [_as_text(inner.read(i)) for i in inner.infolist()]
    import re

    # Markup removed so a name split over runs reads whole: "<w:t>Ol</w:t>...<w:t>ivia" -> "Olivia".
    texts.append(re.sub(r"<[^>]*>", "", texts[0]))
    return "\n".join(texts)
