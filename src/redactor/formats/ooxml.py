"""Office Open XML packages (the zip inside .docx/.docm): read safely, edit, write.

Only what every Office format shares lives here: opening the zip without
trusting it (size, ratio, entry count, encryption, DTDs), parsing XML without
entity expansion or network access, relationships and content types, removing
a part cleanly, and stripping metadata from images. Word itself is in docx.py, Excel
in xlsx.py.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from redactor.errors import DamagedDocument, EncryptedDocument, UnsafeDocument
from redactor.formats.base import apply_edits
from redactor.model import Edit

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "[Content_Types].xml"
# An Office file that is an OLE compound file, not a zip: a password-protected
# document (Office encrypts the whole package into one) or the old binary .doc.
_COMPOUND_FILE = bytes.fromhex("D0CF11E0A1B11AE1")
# Limits far above any school document, well below what exhausts a laptop.
MAX_ENTRIES = 5_000
MAX_UNPACKED_BYTES = 1_000_000_000
MAX_RATIO = 200
_RATIO_APPLIES_FROM = 10_000_000
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
)


@dataclass
class Package:
    """The parts of an Office package: raw bytes, and parsed trees of the XML ones."""

    path: Path
    order: list[str]
    raw: dict[str, bytes]
    xml: dict[str, etree._Element] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)

    def names(self) -> list[str]:
        """Every part that is still in the package, in the original order."""
        return [n for n in self.order if n in self.raw]

    def remove(self, name: str) -> None:
        """Drop a part, its own relationships, every relationship to it, and its content type."""
        if name not in self.raw:
            return
        del self.raw[name]
        self.xml.pop(name, None)
        own_rels = rels_name_of(name)
        if own_rels in self.raw:
            self.remove(own_rels)
        for rels_name, source, rel in list(self.relationships()):
            if rel.get("TargetMode") != "External" and resolve_target(source, rel) == name:
                rel.getparent().remove(rel)
                self.changed.add(rels_name)
        types = self.xml.get(CONTENT_TYPES)
        if types is not None:
            for override in types.findall(f"{{{CT_NS}}}Override"):
                if override.get("PartName", "").lstrip("/") == name:
                    types.remove(override)
                    self.changed.add(CONTENT_TYPES)

    def relationships(self) -> Iterator[tuple[str, str, etree._Element]]:
        """(rels part, the part it belongs to, relationship element) for every relationship."""
        for name in self.names():
            if name.endswith(".rels") and name in self.xml:
                source = source_of_rels(name)
                for rel in self.xml[name].findall(f"{{{REL_NS}}}Relationship"):
                    yield name, source, rel

    def content_type(self, name: str) -> str:
        """The content type the package declares for a part."""
        types = self.xml.get(CONTENT_TYPES)
        if types is None:
            return ""
        for override in types.findall(f"{{{CT_NS}}}Override"):
            if override.get("PartName", "").lstrip("/") == name:
                return str(override.get("ContentType", ""))
        extension = posixpath.splitext(name)[1].lstrip(".").lower()
        for default in types.findall(f"{{{CT_NS}}}Default"):
            if default.get("Extension", "").lower() == extension:
                return str(default.get("ContentType", ""))
        return ""

    def target_of(self, source: str, rel_id: str) -> str | None:
        """The part that relationship ``rel_id`` of ``source`` points to (None if it is
        external or not there).
        """
        rels = self.xml.get(rels_name_of(source))
        if rels is None:
            return None
        for rel in rels.findall(f"{{{REL_NS}}}Relationship"):
            if rel.get("Id") == rel_id and rel.get("TargetMode") != "External":
                return resolve_target(source, rel)
        return None

    def referenced(self) -> set[str]:
        """Every part some relationship points to."""
        return {
            resolve_target(source, rel)
            for _, source, rel in self.relationships()
            if rel.get("TargetMode") != "External"
        }

    def to_bytes(self) -> bytes:
        """The package as a zip: changed XML parts serialised, the rest as they were."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            names = self.names()
            # Readers expect the content types first.
            for name in sorted(names, key=lambda n: n != CONTENT_TYPES):
                data = self.raw[name]
                if name in self.changed and name in self.xml:
                    data = etree.tostring(
                        self.xml[name], xml_declaration=True, encoding="UTF-8", standalone=True
                    )
                archive.writestr(name, data)
        return buffer.getvalue()


@dataclass
class ElementText:
    """Words that are one element's own text (a document property, a chart's copy of a
    cell), edited where they are.
    """

    part: str
    element: etree._Element

    def apply(self, edits: Sequence[Edit]) -> None:
        """Replace the edited words in the element's text."""
        self.element.text = apply_edits(self.element.text or "", edits)


@dataclass
class AttributeText:
    """Words in an attribute (alt text, a link's address), edited where they are."""

    part: str
    element: etree._Element
    attribute: str

    def apply(self, edits: Sequence[Edit]) -> None:
        """Replace the edited words in the attribute; a link's address stays a valid URL."""
        value = apply_edits(self.element.get(self.attribute, ""), edits)
        if self.attribute == "Target":
            value = value.replace("[", "%5B").replace("]", "%5D").replace(" ", "%20")
        self.element.set(self.attribute, value)


def read_package(path: Path, data: bytes, kind: str = "a Word document") -> Package:
    """Open an Office package, refusing anything encrypted, damaged or unreasonably large.

    ``kind`` names the document in reasons ("a Word document", "an Excel workbook").
    """
    if data.startswith(_COMPOUND_FILE):
        old, new = ("Excel 97-2003", ".xlsx") if "Excel" in kind else ("Word 97-2003", ".docx")
        raise EncryptedDocument(
            path,
            f"the file is password-protected (or in the old {old} format): remove the "
            f"password, or save it as {new}, and try again",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise DamagedDocument(path, f"the file is damaged or not {kind}") from None
    _check_limits(path, infos)
    package = Package(path=path, order=[], raw={})
    for info in infos:
        if info.is_dir():
            continue
        package.order.append(info.filename)
        package.raw[info.filename] = _read_entry(path, archive, info)
    if CONTENT_TYPES not in package.raw:
        raise DamagedDocument(path, f"the file is damaged or not {kind}")
    for name in package.order:
        if _is_xml_part(name):
            package.xml[name] = parse_xml(path, name, package.raw[name])
    return package


def parse_xml(path: Path, name: str, data: bytes) -> etree._Element:
    """Parse one XML part: no entities, no network, no DTD at all (Office never writes one)."""
    try:
        tree = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
            raise UnsafeDocument(
                path, f"part {name} declares a DTD, which Office never writes; refused as unsafe"
            ) from None
        raise DamagedDocument(path, f"part {name} of the document is damaged") from None
    if tree.getroottree().docinfo.doctype:
        raise UnsafeDocument(
            path, f"part {name} declares a DTD, which Office never writes; refused as unsafe"
        )
    return tree


def _check_limits(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise UnsafeDocument(path, f"the package has {len(infos):,} parts; refused as unsafe")
    if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise UnsafeDocument(path, "the package unpacks to over 1 GB (a zip bomb?); refused")
    names = set()
    for info in infos:
        if info.flag_bits & 0x1:
            raise EncryptedDocument(path, "parts of the package are encrypted; refused")
        if info.filename in names:
            raise DamagedDocument(path, f"the package holds part {info.filename} twice")
        names.add(info.filename)
        if info.file_size > _RATIO_APPLIES_FROM and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise UnsafeDocument(
                path, f"part {info.filename} expands {MAX_RATIO}x or more (a zip bomb?); refused"
            )


def _read_entry(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """An entry's bytes, never more than its header promised (a lying header is refused)."""
    try:
        with archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise DamagedDocument(path, f"part {info.filename} of the document is damaged") from None
    if len(data) > info.file_size:
        raise UnsafeDocument(path, f"part {info.filename} is larger than it claims; refused")
    return data


def _is_xml_part(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def rels_name_of(name: str) -> str:
    """``word/document.xml`` -> ``word/_rels/document.xml.rels``."""
    folder, base = posixpath.split(name)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def source_of_rels(rels_name: str) -> str:
    """``word/_rels/document.xml.rels`` -> ``word/document.xml`` (``_rels/.rels`` -> "")."""
    folder, base = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])


def resolve_target(source: str, rel: etree._Element) -> str:
    """The part name a relationship points to, relative to the part that owns it."""
    target = str(rel.get("Target", ""))
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


# --- hidden content every Office format shares -----------------------------------------


def clear_properties(package: Package, tags: tuple[str, ...]) -> int:
    """Empty the document properties that only ever name people (author, last modified
    by, manager); how many were cleared.
    """
    count = 0
    for name in package.names():
        tree = package.xml.get(name)
        if tree is None or not name.startswith("docProps/"):
            continue
        for element in tree.iter(*tags):
            if element.text:
                element.text = ""
                count += 1
                package.changed.add(name)
    return count


def remove_thumbnails(package: Package) -> int:
    """Drop the picture of the first page Office saves for file browsers; how many."""
    thumbnails = [n for n in package.names() if posixpath.basename(n).startswith("thumbnail")]
    for name in thumbnails:
        package.remove(name)
    return len(thumbnails)


def strip_media_metadata(package: Package) -> int:
    """Strip EXIF, GPS, XMP and text from every picture in the package; how many had any."""
    count = 0
    for name in package.names():
        if "/media/" in name:
            cleaned, stripped = strip_image_metadata(package.raw[name])
            if stripped:
                package.raw[name] = cleaned
                count += 1
    return count


# --- image metadata ----------------------------------------------------------------

# JPEG segments that carry metadata, not pixels: EXIF/XMP (APP1), IPTC (APP13), comments.
_JPEG_METADATA = {0xE1, 0xEC, 0xED, 0xFE}
# PNG chunks that carry text or EXIF.
_PNG_METADATA = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}


def strip_image_metadata(data: bytes) -> tuple[bytes, bool]:
    """Image bytes without EXIF (GPS included), XMP, IPTC and text chunks; and whether any went."""
    if data.startswith(b"\xff\xd8"):
        return _strip_jpeg(data)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _strip_png(data)
    return data, False


def _strip_jpeg(data: bytes) -> tuple[bytes, bool]:
    out = bytearray(data[:2])
    index, stripped = 2, False
    while index + 4 <= len(data) and data[index] == 0xFF:
        marker = data[index + 1]
        if marker == 0xDA:  # start of scan: the pixels follow, copy the rest as it is
            break
        length = struct.unpack(">H", data[index + 2 : index + 4])[0]
        segment = data[index : index + 2 + length]
        if marker in _JPEG_METADATA:
            stripped = True
        else:
            out += segment
        index += 2 + length
    out += data[index:]
    return bytes(out), stripped


def _strip_png(data: bytes) -> tuple[bytes, bool]:
    out = bytearray(data[:8])
    index, stripped = 8, False
    while index + 12 <= len(data):
        length = struct.unpack(">I", data[index : index + 4])[0]
        kind = data[index + 4 : index + 8]
        chunk = data[index : index + 12 + length]
        if kind in _PNG_METADATA:
            stripped = True
        else:
            out += chunk
        index += 12 + length
    out += data[index:]
    return bytes(out), stripped
