"""The verification reader for Office packages: every part, read without the extractor.

It shares no code with docx.py or ooxml.py on purpose: it uses the standard
library's zip and XML readers, knows nothing of Word's structure beyond "a
paragraph is an element named p", and reads every part, so a part the extractor
does not know is still searched. From each XML part it returns each paragraph's
text joined without separators (so a name split over runs reads whole), every
other text node, and every attribute value; from every other part, its bytes
read as UTF-8 and as UTF-16, which finds text in embedded binaries and drawings.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from redactor.errors import DamagedDocument

# Elements whose text is one piece split over runs: a paragraph (Word, DrawingML), a
# shared or inline string and a comment's text (Excel).
_PARAGRAPHS = {"p", "si", "is", "text"}
# Parts that define styles, numbering, fonts and themes: names of styles and fonts only.
_STRUCTURAL_PARTS = {
    "styles.xml",
    "stylesWithEffects.xml",
    "numbering.xml",
    "fontTable.xml",
    "webSettings.xml",
    "theme1.xml",
}
_FORMATTING = {"rPr", "pPr", "tblPr", "tcPr", "trPr", "sectPr", "tblGrid", "numPr", "tblPrEx"}
_WORDS_IN_VAL = {"alias", "tag", "docVar", "connectString", "query", "placeholder", "docPart"}
_SETTING_ATTRIBUTES = {
    "baseType",
    "size",
    "xpath",
    "prefixMappings",
    "storeItemID",
    "Type",
    "ContentType",
    "Extension",
}
_PICTURES = (b"\xff\xd8", b"\x89PNG", b"GIF8")
_ONE_BYTE_RUN = re.compile(rb"[\x20-\x7e\xa0-\xff]{3,}")
_TWO_BYTE_RUN = re.compile(rb"(?:[\x20-\x7e\xa0-\xff]\x00){3,}")


def every_text(path: Path) -> list[str]:
    """All the text a reader could get out of the package at ``path``."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DamagedDocument(path, f"the written copy is not a readable package ({exc})") from None
    texts: list[str] = []
    with archive:
        for info in archive.infolist():
            data = archive.read(info)
            if data.lstrip()[:1] == b"<" or info.filename.endswith((".xml", ".rels")):
                texts += _xml_texts(path, info.filename, data)
            else:
                texts += _binary_texts(data)
    return texts


def _xml_texts(path: Path, name: str, data: bytes) -> list[str]:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise DamagedDocument(path, f"the written part {name} declares a DTD")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        raise DamagedDocument(path, f"the written part {name} is not well-formed XML") from None
    texts: list[str] = []
    structural = posixpath.basename(name) in _STRUCTURAL_PARTS
    _walk(root, texts, in_paragraph=False, structural=structural)
    return texts


def _walk(
    element: ElementTree.Element, texts: list[str], *, in_paragraph: bool, structural: bool
) -> None:
    """Collect texts: a paragraph as one string (its pieces are fragments of words, not
    words), other text nodes one by one, and attribute values that can hold words.
    """
    local = _local(element.tag)
    # Formatting properties (of runs, paragraphs, tables, sections) hold settings only.
    structural = structural or local in _FORMATTING
    if not structural:
        texts += [
            value
            for attribute, value in element.attrib.items()
            if value.strip() and _may_hold_words(local, _local(attribute))
        ]
    if local in _PARAGRAPHS and not in_paragraph:
        texts.append("".join(element.itertext()))
        in_paragraph = True
    if not in_paragraph and element.text and element.text.strip():
        texts.append(element.text)
    for child in element:
        _walk(child, texts, in_paragraph=in_paragraph, structural=structural)
        if not in_paragraph and child.tail and child.tail.strip():
            texts.append(child.tail)


def _may_hold_words(element: str, attribute: str) -> bool:
    """Word keeps settings in attributes named ``val`` (sizes, styles, languages); only a
    few elements keep words there. Everything else is read.
    """
    if attribute == "val":
        return element in _WORDS_IN_VAL
    return attribute not in _SETTING_ATTRIBUTES


def _binary_texts(data: bytes) -> list[str]:
    """Runs of readable characters, as the ``strings`` tool finds them, in one-byte and
    UTF-16 text (drawings and embedded objects keep their words so). The pixels of
    photographs hold no characters: only their metadata could, and that was removed.
    """
    if data.startswith(_PICTURES):
        return []
    if data.startswith(b"PK"):
        return _nested_package(data)
    texts = [run.decode("latin-1") for run in _ONE_BYTE_RUN.findall(data)]
    texts += [run.decode("utf-16-le") for run in _TWO_BYTE_RUN.findall(data)]
    texts += [run.decode("utf-16-le") for run in _TWO_BYTE_RUN.findall(data[1:])]
    return texts


def _nested_package(data: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as inner:
            return [
                piece
                for info in inner.infolist()
                for piece in (
                    _xml_texts(Path(info.filename), info.filename, inner.read(info))
                    if info.filename.endswith((".xml", ".rels"))
                    else _binary_texts(inner.read(info))
                )
            ]
    except (zipfile.BadZipFile, OSError, ValueError, DamagedDocument):
        return [data.decode("latin-1")]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
