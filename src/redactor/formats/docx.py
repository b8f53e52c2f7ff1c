"""Word documents (.docx, .docm): every place Word keeps text, edited in its own XML.

Text is read from every XML part of the package, not only the ones python-docx
exposes: body, tables, headers and footers, footnotes, endnotes, comments, text
boxes (with the copies Word keeps for older readers), fields, content controls,
charts, SmartArt, document properties, custom XML; and from the attributes that
hold words: alt text and titles of pictures and shapes, content-control names,
field instructions, revision and comment authors, hyperlink addresses.

Paragraphs are read as runs of "atoms" (the ``w:t`` elements, tabs and breaks),
so a name split over runs by formatting or spell-check marks reads as one word.
An edit replaces the text of the atom where the match began (keeping that run's
formatting) and empties the rest of the match.

Hidden content is dealt with when the copy is written, each step in the report:
tracked changes accepted, comments removed (unless kept, then redacted), embedded
objects and macros removed, image metadata stripped (or images removed), the
author properties and the thumbnail cleared. See docs/formats.md.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from redactor.config import Config
from redactor.errors import DamagedDocument, EmptyDocument, UnsupportedFormat
from redactor.formats.base import edits_by_segment
from redactor.formats.docx_outline import Outline
from redactor.formats.files import read_input_bytes
from redactor.formats.ooxml import (
    CONTENT_TYPES,
    CT_NS,
    REL_NS,
    AttributeText,
    ElementText,
    Package,
    clear_properties,
    read_package,
    rels_name_of,
    remove_thumbnails,
    resolve_target,
    strip_media_metadata,
)
from redactor.model import Edit, ExtractedDocument, Removal, Segment

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
V = "urn:schemas-microsoft-com:vml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
DC = "http://purl.org/dc/elements/1.1/"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

OFFICE_DOCUMENT = f"{R}/officeDocument"
# The body's own paragraphs and table cells, in reading order (not its text boxes).
_BODY_PLACES = frozenset({"body", "body, table"})
_STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
PLAIN_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

# Paragraphs of WordprocessingML and of DrawingML (charts, SmartArt, shapes).
PARAGRAPHS = {f"{{{W}}}p", f"{{{A}}}p"}
TEXT_ATOMS = {f"{{{W}}}t", f"{{{W}}}delText", f"{{{A}}}t"}
INSTRUCTION_ATOMS = {f"{{{W}}}instrText", f"{{{W}}}delInstrText"}
# Elements that stand for characters but hold no text of their own.
VIRTUAL_ATOMS = {
    f"{{{W}}}tab": "\t",
    f"{{{W}}}br": "\n",
    f"{{{W}}}cr": "\n",
    f"{{{W}}}noBreakHyphen": "-",
    f"{{{A}}}br": "\n",
}
# Attributes that hold words a person wrote, by element.
TEXT_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    f"{{{WP}}}docPr": ("descr", "title", "name"),
    f"{{{PIC}}}cNvPr": ("descr", "title", "name"),
    "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}cNvPr": ("descr", "title"),
    f"{{{V}}}shape": ("alt", "title"),
    f"{{{V}}}textpath": ("string",),
    f"{{{W}}}alias": (f"{{{W}}}val",),
    f"{{{W}}}tag": (f"{{{W}}}val",),
    f"{{{W}}}fldSimple": (f"{{{W}}}instr",),
    f"{{{W}}}docVar": (f"{{{W}}}val",),
    f"{{{W}}}listItem": (f"{{{W}}}displayText", f"{{{W}}}value"),
    f"{{{W}}}connectString": (f"{{{W}}}val",),
    f"{{{W}}}query": (f"{{{W}}}val",),
    f"{{{W}}}comment": (f"{{{W}}}author", f"{{{W}}}initials"),
    f"{{{W}}}ins": (f"{{{W}}}author",),
    f"{{{W}}}del": (f"{{{W}}}author",),
    f"{{{W15}}}person": (f"{{{W15}}}author",),
    f"{{{W15}}}presenceInfo": (f"{{{W15}}}userId",),
}
# Properties that only ever name people: cleared, not just redacted.
AUTHOR_PROPERTIES = (f"{{{DC}}}creator", f"{{{CP}}}lastModifiedBy", f"{{{EP}}}Manager")
COMMENT_PARTS = (
    "comments.xml",
    "commentsExtended.xml",
    "commentsIds.xml",
    "commentsExtensible.xml",
)
REVISION_WRAPPERS = (f"{{{W}}}ins", f"{{{W}}}moveTo")
REVISION_REMOVED = (f"{{{W}}}del", f"{{{W}}}moveFrom")
REVISION_MARKS = tuple(
    f"{{{W}}}{name}"
    for name in (
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblPrExChange",
        "tblGridChange",
        "tcPrChange",
        "trPrChange",
        "numberingChange",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "cellIns",
        "cellDel",
        "cellMerge",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
    )
)
_MAX_BLOCK_PARAGRAPHS = 40
# Relationships to content that goes once nothing in the text refers to it.
_DROPPABLE_LINKS = {"image", "oleObject", "package", "control", "aFChunk"}


@dataclass
class _Atom:
    element: etree._Element | None
    """The w:t (or tab, break) element; None for the line break between paragraphs."""
    text: str
    editable: bool


@dataclass
class _ParagraphBlock:
    """Consecutive paragraphs of one container, read as lines of one text."""

    part: str
    atoms: list[_Atom]


@dataclass
class _State:
    package: Package
    targets: dict[str, _ParagraphBlock | ElementText | AttributeText] = field(default_factory=dict)
    keep_comments: bool = False
    remove_images: bool = False


class DocxHandler:
    """The FormatHandler for Word documents."""

    name = "docx"
    suffixes: tuple[str, ...] = (".docx", ".docm", ".dotx")

    def extract(self, path: Path, config: Config) -> ExtractedDocument:
        """Read every text part of the package into segments."""
        package = read_package(path, read_input_bytes(path, config))
        main = _main_part(package)
        state = _State(
            package, keep_comments=config.keep_comments, remove_images=config.remove_images
        )
        segments: list[Segment] = []
        outline = Outline(package.xml.get(posixpath.join(posixpath.dirname(main), "styles.xml")))
        for name in package.names():
            tree = package.xml.get(name)
            if tree is None:
                continue
            where = _where(name, main)
            for key, target, text, place in _text_targets(name, tree, package, where):
                state.targets[key] = target
                in_body = name == main and place in _BODY_PLACES
                headings = (
                    _headings(target, outline)
                    if in_body and isinstance(target, _ParagraphBlock)
                    else ()
                )
                cell = _cell_position(target) if isinstance(target, _ParagraphBlock) else None
                segments.append(
                    Segment(key, place, text, in_body=in_body, outline=headings, cell=cell)
                )
        if not any(s.text.strip() for s in segments):
            raise EmptyDocument(path, "the document has no text: there is nothing to redact")
        return ExtractedDocument(path=path, format=self.name, segments=tuple(segments), state=state)

    def write(
        self, doc: ExtractedDocument, edits: Sequence[Edit], dest: Path
    ) -> tuple[Removal, ...]:
        """Apply the edits, deal with hidden content, and write the package."""
        state: _State = doc.state
        package = state.package
        by_segment = edits_by_segment(edits)
        for key, own in by_segment.items():
            target = state.targets[key]
            _apply(target, own)
            package.changed.add(target.part)
        removals = _clean(package, state)
        dest.write_bytes(package.to_bytes())
        return tuple(removals)

    def reread(self, path: Path, doc: ExtractedDocument) -> list[str]:
        """Every text of every part of the written file, read independently (see reread.py)."""
        from redactor.formats.ooxml_reread import every_text

        return every_text(path)


# --- reading ---------------------------------------------------------------------------


def _main_part(package: Package) -> str:
    root_rels = package.xml.get("_rels/.rels")
    if root_rels is not None:
        for rel in root_rels.findall(f"{{{REL_NS}}}Relationship"):
            if rel.get("Type") == OFFICE_DOCUMENT:
                name = resolve_target("", rel)
                if name in package.xml and package.content_type(name) in MAIN_TYPES:
                    return name
    if root_rels is not None and any(
        rel.get("Type") == _STRICT_OFFICE_DOCUMENT
        for rel in root_rels.findall(f"{{{REL_NS}}}Relationship")
    ):
        raise UnsupportedFormat(
            package.path,
            "the document is saved as 'Strict Open XML', which is not supported: "
            "save it as an ordinary Word Document (.docx) and try again",
        )
    raise DamagedDocument(package.path, "the file is not a Word document (no main document part)")


def _where(name: str, main: str) -> str:
    """A plain label for a part, for reports."""
    base = posixpath.basename(name)
    if name == main:
        return "body"
    for prefix, label in (
        ("header", "header"),
        ("footer", "footer"),
        ("footnotes", "footnotes"),
        ("endnotes", "endnotes"),
        ("comments", "comments"),
        ("people", "comment authors"),
        ("settings", "document settings"),
    ):
        if base.startswith(prefix):
            return label
    if name.startswith("docProps/"):
        return "document properties"
    if "/charts/" in name:
        return "chart"
    if "/diagrams/" in name:
        return "SmartArt"
    if name.startswith("customXml/"):
        return "custom XML data"
    if name.endswith(".rels"):
        return "links"
    if "glossary" in name:
        return "building blocks"
    return f"part {name}"


def _text_targets(
    name: str, tree: etree._Element, package: Package, where: str
) -> Iterator[tuple[str, _ParagraphBlock | ElementText | AttributeText, str, str]]:
    """(key, target, text, place) for every piece of text in one XML part."""
    if name.endswith(".rels"):
        source = name
        for index, rel in enumerate(tree.findall(f"{{{REL_NS}}}Relationship")):
            if rel.get("TargetMode") == "External" and rel.get("Target"):
                yield (
                    f"{source}@rel{index}",
                    AttributeText(name, rel, "Target"),
                    rel.get("Target", ""),
                    "link address",
                )
        return
    if name == CONTENT_TYPES:
        return
    _refuse_stray_text(package, name, tree)
    for index, block in enumerate(_paragraph_blocks(name, tree)):
        text = "".join(a.text for a in block.atoms)
        if text.strip():
            yield f"{name}#p{index}", block, text, f"{where}{_container_label(block)}"
    atoms = TEXT_ATOMS | INSTRUCTION_ATOMS
    for index, element in enumerate(tree.iter()):
        if not isinstance(element.tag, str):
            continue
        for attribute in TEXT_ATTRIBUTES.get(element.tag, ()):
            value = element.get(attribute)
            if value and value.strip():
                yield (
                    f"{name}@{index}:{attribute}",
                    AttributeText(name, element, attribute),
                    value,
                    f"{where}, {_attribute_label(attribute)}",
                )
        if (
            element.tag not in atoms
            and element.text
            and _may_be_words(element.text)
            and not _inside_paragraph(element)
        ):
            place = where
            if element.tag in AUTHOR_PROPERTIES:
                place = f"{where}, author"
            yield f"{name}@{index}", ElementText(name, element), element.text, place


def _may_be_words(text: str) -> bool:
    """Text with a letter, or enough digits to be a phone or reference number."""
    return any(c.isalpha() for c in text) or sum(c.isdigit() for c in text) >= 5


def _refuse_stray_text(package: Package, name: str, tree: etree._Element) -> None:
    """Text that stands outside any paragraph Word knows (an unknown or misplaced
    element) would be neither read nor redacted: refuse rather than pass it on.
    """
    for element in tree.iter(*TEXT_ATOMS, *INSTRUCTION_ATOMS):
        if element.text and element.text.strip() and _owner(element) is None:
            holder = element
            while holder.getparent() is not None and etree.QName(
                holder.getparent()
            ).localname not in (
                "body",
                "hdr",
                "ftr",
                "comment",
                "footnote",
                "endnote",
            ):
                holder = holder.getparent()
            label = etree.QName(holder).localname
            raise DamagedDocument(
                package.path,
                f"part {name} holds text outside any paragraph (in an element "
                f"'{label}' that Word documents do not use); redactor cannot vouch for it",
            )


def _attribute_label(attribute: str) -> str:
    local = etree.QName(attribute).localname
    return {
        "descr": "alt text",
        "title": "title of a picture or shape",
        "name": "name of a picture or shape",
        "alt": "alt text",
        "instr": "field instruction",
        "author": "author",
        "initials": "author's initials",
        "userId": "author's account",
        "string": "WordArt",
    }.get(local, "content control name")


def _inside_paragraph(element: etree._Element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag in PARAGRAPHS:
            return True
        parent = parent.getparent()
    return False


def _container_label(block: _ParagraphBlock) -> str:
    """The kind of place a block sits in (text box, table, field code), for reports."""
    first = next((a.element for a in block.atoms if a.element is not None), None)
    if first is not None and first.tag in INSTRUCTION_ATOMS:
        return ", field code"
    parent = first.getparent() if first is not None else None
    while parent is not None:
        local = etree.QName(parent).localname
        if local in ("txbxContent", "textbox", "txBody"):
            return ", text box"
        if local == "tc":
            return ", table"
        parent = parent.getparent()
    return ""


def _cell_position(block: _ParagraphBlock) -> tuple[str, int, int] | None:
    """(table, row, column) of the table cell a block fills, columns counted by the
    grid (a cell merged across two columns spans both), or None outside a table.
    Rows and cells wrapped in content controls count where they stand.
    """
    first = next((a.element for a in block.atoms if a.element is not None), None)
    cell = _ancestor(first, "tc")
    row = _ancestor(cell, "tr")
    table = _ancestor(row, "tbl")
    if cell is None or row is None or table is None:
        return None
    rows = [r for r in table.iter(f"{{{W}}}tr") if _ancestor(r, "tbl") is table]
    column = 0
    for other in row.iter(f"{{{W}}}tc"):
        if other is cell:
            return table.getroottree().getpath(table), rows.index(row), column
        if _ancestor(other, "tr") is row:
            span = other.find(f"{{{W}}}tcPr/{{{W}}}gridSpan")
            width = span.get(f"{{{W}}}val", "1") if span is not None else "1"
            column += int(width) if width.isdigit() else 1
    return None


def _ancestor(element: etree._Element | None, local: str) -> etree._Element | None:
    """The nearest enclosing element named ``local`` (w:tc, w:tr, w:tbl), or None."""
    parent = element.getparent() if element is not None else None
    while parent is not None and etree.QName(parent).localname != local:
        parent = parent.getparent()
    return parent


def _headings(block: _ParagraphBlock, outline: Outline) -> tuple[tuple[int, int], ...]:
    """(offset, level) of each paragraph of the block that is a heading."""
    found = []
    offset = line_start = 0
    first_of_paragraph = True
    for atom in block.atoms:
        if first_of_paragraph and atom.element is not None:
            paragraph = _owner(atom.element)
            level = outline.level(paragraph) if paragraph is not None else None
            if level is not None:
                found.append((line_start, level))
            first_of_paragraph = False
        offset += len(atom.text)
        if atom.element is None and atom.text == "\n":  # between two paragraphs
            first_of_paragraph, line_start = True, offset
    return tuple(found)


def _paragraph_blocks(name: str, tree: etree._Element) -> Iterator[_ParagraphBlock]:
    """Paragraphs grouped into blocks: consecutive ones in the same container, up to a
    blank paragraph; each paragraph's text and instruction text apart.
    """
    current: list[list[_Atom]] = []
    container: etree._Element | None = None
    instructions: list[list[_Atom]] = []
    for paragraph in tree.iter(*PARAGRAPHS):
        text_atoms, instruction_atoms = _atoms_of(paragraph)
        if instruction_atoms:
            instructions.append(instruction_atoms)
        text = "".join(a.text for a in text_atoms)
        parent = paragraph.getparent()
        if current and (
            parent is not container or not text.strip() or len(current) >= _MAX_BLOCK_PARAGRAPHS
        ):
            yield _block(name, current)
            current = []
        if text.strip():
            current.append(text_atoms)
            container = parent
    if current:
        yield _block(name, current)
    for atoms in instructions:
        yield _ParagraphBlock(name, atoms)


def _block(name: str, paragraphs: list[list[_Atom]]) -> _ParagraphBlock:
    atoms: list[_Atom] = []
    for index, paragraph in enumerate(paragraphs):
        if index:
            atoms.append(_Atom(None, "\n", editable=False))
        atoms += paragraph
    return _ParagraphBlock(name, atoms)


def _atoms_of(paragraph: etree._Element) -> tuple[list[_Atom], list[_Atom]]:
    """A paragraph's own atoms (not those of a text box nested in it), in order."""
    text: list[_Atom] = []
    instructions: list[_Atom] = []
    for element in paragraph.iter(*TEXT_ATOMS, *INSTRUCTION_ATOMS, *VIRTUAL_ATOMS):
        if _owner(element) is not paragraph:
            continue
        if element.tag in VIRTUAL_ATOMS:
            text.append(_Atom(element, VIRTUAL_ATOMS[element.tag], editable=False))
        elif element.tag in INSTRUCTION_ATOMS:
            instructions.append(_Atom(element, element.text or "", editable=True))
        else:
            text.append(_Atom(element, element.text or "", editable=True))
    return text, instructions


def _owner(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag not in PARAGRAPHS:
        parent = parent.getparent()
    return parent


# --- writing edits ---------------------------------------------------------------------


def _apply(target: _ParagraphBlock | ElementText | AttributeText, edits: list[Edit]) -> None:
    if isinstance(target, ElementText | AttributeText):
        target.apply(edits)
    else:
        _apply_to_atoms(target.atoms, edits)


def _apply_to_atoms(atoms: list[_Atom], edits: list[Edit]) -> None:
    """Put each replacement in the first editable atom the match touches; empty the rest.

    Atoms that are not text (tabs, breaks) inside a match are removed; the line
    break between two paragraphs of a block stays.
    """
    spans = []
    offset = 0
    for atom in atoms:
        spans.append((offset, offset + len(atom.text)))
        offset += len(atom.text)
    new_texts = [a.text for a in atoms]
    dropped: set[int] = set()
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        placed = False
        for index, (atom, (start, end)) in enumerate(zip(atoms, spans, strict=True)):
            if end <= edit.start or start >= edit.end or (start == end):
                continue
            if not atom.editable:
                if atom.element is not None and edit.start <= start and end <= edit.end:
                    dropped.add(index)
                continue
            local_start = max(edit.start, start) - start
            local_end = min(edit.end, end) - start
            current = new_texts[index]
            replacement = "" if placed else edit.replacement
            new_texts[index] = current[:local_start] + replacement + current[local_end:]
            placed = True
        if not placed:
            raise ValueError("an edit touches no text of the paragraph")
    emptied: list[etree._Element] = []
    for index, atom in enumerate(atoms):
        if atom.element is None:
            continue
        if index in dropped:
            parent = atom.element.getparent()
            if parent is not None:
                parent.remove(atom.element)
        elif atom.editable and new_texts[index] != atom.text:
            _set_text(atom.element, new_texts[index])
            if not new_texts[index]:
                emptied.append(atom.element)
    for paragraph in dict.fromkeys(o for e in emptied if (o := _owner(e)) is not None):
        _drop_if_emptied(paragraph)


# What a paragraph left by a removed section may hold and still be dropped whole: its
# properties, runs and plain text. Anything else (a drawing, a field, a bookmark, the
# section's page settings) keeps the paragraph, emptied.
_DROPPABLE = {f"{{{W}}}{name}" for name in ("r", "t", "rPr", "proofErr", "lastRenderedPageBreak")}


def _drop_if_emptied(paragraph: etree._Element) -> None:
    """Remove a body paragraph a section's removal emptied, so no blank lines are left
    where it was; a table cell or text box keeps its last paragraph (Word needs one).
    """
    if "".join(t.text or "" for t in paragraph.iter(*TEXT_ATOMS)).strip():
        return
    parent = paragraph.getparent()
    if parent is None or parent.tag != f"{{{W}}}body":
        return
    properties = paragraph.find(f"{{{W}}}pPr")
    if properties is not None and properties.find(f".//{{{W}}}sectPr") is not None:
        return
    formatting = {f"{{{W}}}pPr", f"{{{W}}}rPr"}
    for child in paragraph.iterdescendants():
        if child.tag in formatting or child.tag in _DROPPABLE:
            continue
        if not any(a.tag in formatting for a in child.iterancestors() if a is not paragraph):
            return
    parent.remove(paragraph)


def _set_text(element: etree._Element, text: str) -> None:
    element.text = text
    if text != text.strip() and element.tag.startswith(f"{{{W}}}"):
        element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


# --- hidden content --------------------------------------------------------------------


def _clean(package: Package, state: _State) -> list[Removal]:
    """Everything a reader must not receive beyond the visible, redacted text."""
    removals: list[Removal] = []
    steps: list[Callable[[Package, _State], Removal | None]] = [
        _accept_revisions,
        _remove_comments,
        _remove_embedded_objects,
        _remove_macros,
        _handle_images,
        _clear_authors,
        _remove_thumbnail,
        _remove_mail_merge,
    ]
    for step in steps:
        removal = step(package, state)
        if removal is not None and removal.count:
            removals.append(removal)
    _drop_orphans(package)
    return removals


def _word_parts(package: Package) -> Iterator[tuple[str, etree._Element]]:
    for name in package.names():
        tree = package.xml.get(name)
        if tree is not None and etree.QName(tree).namespace == W:
            yield name, tree


def _accept_revisions(package: Package, state: _State) -> Removal | None:
    count = 0
    for name, tree in _word_parts(package):
        changed = 0
        for element in list(tree.iter(*REVISION_REMOVED)):
            parent = element.getparent()
            if parent is None:
                continue
            row = parent.getparent()
            table = row.getparent() if row is not None else None
            if etree.QName(parent).localname == "trPr" and row is not None and table is not None:
                table.remove(row)  # a deleted table row
            else:
                parent.remove(element)  # deleted text; or the mark of a deleted paragraph end
            changed += 1
        for element in list(tree.iter(*REVISION_WRAPPERS)):
            parent = element.getparent()
            if parent is None:
                continue
            if etree.QName(parent).localname in ("rPr", "trPr"):
                parent.remove(element)
            else:
                _unwrap(element)
            changed += 1
        changed += _remove_elements(list(tree.iter(*REVISION_MARKS)))
        if changed:
            package.changed.add(name)
            count += changed
    return Removal("tracked changes (insertions accepted, deletions dropped)", "document", count)


def _remove_elements(elements: list[etree._Element]) -> int:
    """Remove each element from its parent; how many were removed."""
    removed = 0
    for element in elements:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
            removed += 1
    return removed


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    assert parent is not None
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _remove_comments(package: Package, state: _State) -> Removal | None:
    if state.keep_comments:
        return None
    comments = [n for n in package.names() if posixpath.basename(n) in COMMENT_PARTS]
    count = 0
    for name in comments:
        tree = package.xml.get(name)
        if tree is not None and posixpath.basename(name) == "comments.xml":
            count += len(tree.findall(f"{{{W}}}comment"))
        package.remove(name)
    marks = (f"{{{W}}}commentRangeStart", f"{{{W}}}commentRangeEnd", f"{{{W}}}commentReference")
    for name, tree in _word_parts(package):
        found = list(tree.iter(*marks))
        for element in found:
            parent = element.getparent()
            if parent is None:
                continue
            parent.remove(element)
            if etree.QName(parent).localname == "r" and not len(parent):
                grand = parent.getparent()
                if grand is not None:
                    grand.remove(parent)
        if found:
            package.changed.add(name)
    for name in [n for n in package.names() if posixpath.basename(n) == "people.xml"]:
        package.remove(name)
    return Removal("comments", "document", count)


def _remove_embedded_objects(package: Package, state: _State) -> Removal | None:
    """Embedded spreadsheets, documents and other objects: removed, a note left in place."""
    count = 0
    for name, tree in _word_parts(package):
        changed = False
        for tag in (f"{{{W}}}object", f"{{{W}}}control"):
            for element in list(tree.iter(tag)):
                parent = element.getparent()
                if parent is None:
                    continue
                note = etree.Element(f"{{{W}}}t")
                note.text = "[embedded object removed]"
                parent.replace(element, note)
                count += 1
                changed = True
        for element in list(tree.iter(f"{{{W}}}altChunk")):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
                count += 1
                changed = True
        if changed:
            package.changed.add(name)
    for name in package.names():
        folder = posixpath.dirname(name)
        if folder.endswith(("/embeddings", "/activeX")) or "afchunk" in name.lower():
            package.remove(name)
    return Removal("embedded objects", "document", count)


def _remove_macros(package: Package, state: _State) -> Removal | None:
    macros = [n for n in package.names() if posixpath.basename(n).startswith("vbaProject")]
    macros += [n for n in package.names() if posixpath.basename(n) == "vbaData.xml"]
    if not macros:
        return None
    for name in macros:
        package.remove(name)
    types = package.xml[CONTENT_TYPES]
    for override in types.findall(f"{{{CT_NS}}}Override"):
        if override.get("ContentType") == "application/vnd.ms-word.document.macroEnabled.main+xml":
            override.set("ContentType", PLAIN_MAIN_TYPE)
    for default in types.findall(f"{{{CT_NS}}}Default"):
        if default.get("Extension", "").lower() == "bin":
            types.remove(default)
    package.changed.add(CONTENT_TYPES)
    return Removal("macros", "document", 1)


def _handle_images(package: Package, state: _State) -> Removal | None:
    if state.remove_images:
        count = 0
        for name, tree in _word_parts(package):
            pictures = [
                e
                for e in tree.iter(f"{{{W}}}drawing", f"{{{W}}}pict")
                if e.find(f".//{{{PIC}}}pic") is not None
                or e.find(f".//{{{V}}}imagedata") is not None
            ]
            count += _remove_elements(pictures)
            if pictures:
                package.changed.add(name)
        return Removal("images (--remove-images)", "document", count)
    count = strip_media_metadata(package)
    return Removal("image metadata (EXIF, GPS, XMP, text)", "images", count)


def _clear_authors(package: Package, state: _State) -> Removal | None:
    count = clear_properties(package, AUTHOR_PROPERTIES)
    return Removal("author, last-modified-by and manager properties", "document properties", count)


def _remove_thumbnail(package: Package, state: _State) -> Removal | None:
    count = remove_thumbnails(package)
    return Removal("thumbnail picture of the first page", "document properties", count)


def _remove_mail_merge(package: Package, state: _State) -> Removal | None:
    """The mail-merge source: a path to the spreadsheet of pupils, and how to open it."""
    count = 0
    for name, tree in list(_word_parts(package)):
        for element in list(tree.iter(f"{{{W}}}mailMerge")):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
                count += 1
                package.changed.add(name)
        rels = package.xml.get(rels_name_of(name))
        if count and rels is not None:
            for rel in rels.findall(f"{{{REL_NS}}}Relationship"):
                if "mailMerge" in rel.get("Type", ""):
                    rels.remove(rel)
                    package.changed.add(rels_name_of(name))
    return Removal("mail-merge data source", "document settings", count)


def _drop_orphans(package: Package) -> None:
    """Media left behind by a removed object or picture: nothing refers to them any more.

    First the relationships of each Word part that its XML no longer uses, then
    the media parts that no relationship points to.
    """
    for name, tree in list(_word_parts(package)):
        used = {
            value
            for element in tree.iter()
            if isinstance(element.tag, str)
            for attribute, value in element.attrib.items()
            if attribute.startswith(f"{{{R}}}")
        }
        rels_name = rels_name_of(name)
        rels = package.xml.get(rels_name)
        if rels is None:
            continue
        for rel in rels.findall(f"{{{REL_NS}}}Relationship"):
            kind = posixpath.basename(rel.get("Type", ""))
            if kind in _DROPPABLE_LINKS and rel.get("Id") not in used:
                rels.remove(rel)
                package.changed.add(rels_name)
    referenced = package.referenced()
    for name in package.names():
        if "/media/" in name and name not in referenced:
            package.remove(name)
