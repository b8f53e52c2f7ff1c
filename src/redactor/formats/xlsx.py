"""Excel workbooks (.xlsx, .xlsm, .xltx): every place a workbook keeps words, edited in
its own XML.

Why not openpyxl for this: it rewrites the whole workbook from its own model and drops
what it does not model (charts, pictures, comment boxes, extensions), so a class list's
layout would not survive. Editing the package's XML changes only the pieces redacted.
openpyxl reads the written copy in verification, as an independent reader.

What is read, in every sheet (hidden and very hidden ones too, hidden rows and
columns alike):

- every cell's value as Excel shows it: shared and inline strings (rich text joined),
  formula results, numbers of five digits or more, and numbers formatted as dates,
  written as dates (dd/mm/yyyy) so that a date of birth is seen as one. Each cell is a
  segment with its place, so a header row drives its column as in a Word table;
- the words in formulas (the quoted strings of cell formulas, defined names,
  conditional formats and data validations), headers and footers, data-validation
  prompts and messages, hyperlink texts, tooltips and addresses, filter values,
  table column names, sheet names, defined names;
- comments and their authors (removed from the copy unless ``keep_comments``), threaded
  comments and the people who wrote them, text in shapes and charts (titles, and the
  copies of cell values a chart keeps), alt text, document properties, custom XML.

A redacted cell becomes an inline string with the replacement in it, keeping its
style; if it held a formula, the formula goes (it would rebuild the value), and the
record says how many. A redacted sheet name is renamed everywhere it is referred to.
The shared-strings table is rebuilt with only the strings cells still use, so a
redacted value does not survive there; the calculation chain is dropped (Excel
rebuilds it). Macros are removed and an .xlsm is written as .xlsx.

Refused, because they keep copies of data this module does not read yet: pivot
tables and their caches, links to other workbooks, data connections and queries,
slicers and timelines, embedded objects and ActiveX controls, form controls, pictures
in cells, macro and dialog sheets, and any part of a kind not listed above.
"""

from __future__ import annotations

import math
import posixpath
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from lxml import etree

from redactor.config import Config
from redactor.errors import DamagedDocument, EmptyDocument, UnsupportedFormat
from redactor.formats.base import apply_edits, distribute_edits, edits_by_segment
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

S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
DC = "http://purl.org/dc/elements/1.1/"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

OFFICE_DOCUMENT = f"{R}/officeDocument"
_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
PLAIN_MAIN_TYPE = f"{_SML}.sheet.main+xml"
MAIN_TYPES = {
    PLAIN_MAIN_TYPE,
    f"{_SML}.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
}
MACRO_MAIN_TYPES = {
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": PLAIN_MAIN_TYPE,
    "application/vnd.ms-excel.template.macroEnabled.main+xml": f"{_SML}.template.main+xml",
}
WORKSHEET_TYPE = f"{_SML}.worksheet+xml"
# Parts a workbook may hold that this module reads (or that hold no words), by type.
_READ_TYPES = {
    *MAIN_TYPES,
    WORKSHEET_TYPE,
    f"{_SML}.chartsheet+xml",
    f"{_SML}.sharedStrings+xml",
    f"{_SML}.styles+xml",
    f"{_SML}.calcChain+xml",
    f"{_SML}.comments+xml",
    f"{_SML}.table+xml",
    f"{_SML}.sheetMetadata+xml",
    f"{_SML}.volatileDependencies+xml",
    f"{_SML}.printerSettings",
    "application/vnd.openxmlformats-officedocument.theme+xml",
    "application/vnd.openxmlformats-officedocument.vmlDrawing",
    "application/vnd.openxmlformats-officedocument.drawing+xml",
    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
    "application/vnd.openxmlformats-officedocument.drawingml.chartshapes+xml",
    "application/vnd.ms-office.chartstyle+xml",
    "application/vnd.ms-office.chartcolorstyle+xml",
    "application/vnd.openxmlformats-officedocument.themeOverride+xml",
    "application/vnd.ms-excel.threadedcomments+xml",
    "application/vnd.ms-excel.person+xml",
    "application/vnd.ms-office.vbaProject",
    "application/vnd.ms-office.vbaProjectSignature",
    "application/vnd.openxmlformats-package.core-properties+xml",
    "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "application/vnd.openxmlformats-officedocument.custom-properties+xml",
    "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
    "application/vnd.openxmlformats-package.relationships+xml",
    "application/xml",
    "text/xml",
}
# What a refused part is, in words a school office would use.
_REFUSED_KINDS = {
    "pivotTable": "a pivot table",
    "pivotCache": "a pivot table's data",
    "externalLink": "a link to another workbook",
    "connections": "a data connection",
    "queryTable": "a query",
    "slicer": "a slicer",
    "timeline": "a timeline",
    "embeddings/": "an embedded object or document",
    "oleObject": "an embedded object",
    "activeX": "an ActiveX control",
    "ctrlProp": "a form control",
    "richData": "pictures or data types in cells",
    "dialogsheet": "a dialog sheet",
    "macrosheet": "an Excel 4 macro sheet",
    "xl/model/": "a data model",
    "webextension": "an add-in",
    "revision": "the change history of a shared workbook",
    "userNames": "the change history of a shared workbook",
}
# Built-in number formats that show a date (ECMA-376 18.8.30, and the East Asian ones).
_DATE_FORMAT_IDS = {*range(14, 18), 22, *range(27, 37), *range(50, 59)}
_DATE_CODE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|[dmyDMY]')
_FORMULA_STRING = re.compile(r'"((?:[^"]|"")*)"')
_HEADER_CODE = re.compile(r'&(?:"[^"]*"|K[0-9A-Fa-f+\-]{6}|\d+|[LCRPNDTZFABIUESXYGO&])')
_CELL_REF = re.compile(r"([A-Z]{1,3})?(\d+)?$")
# Lists of cells and ranges ("A1:B4 D7"), as extensions write where a rule applies: a
# place, never words (and "K32" must not pass for initials and be redacted).
_CELL_RANGES = re.compile(
    r"\s*(?:'?[^!']*'?!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?"
    r"(?:\s+\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)*\s*"
)
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Attributes that hold words, by element: (element, attribute, label for reports).
_WORD_ATTRIBUTES: dict[str, tuple[tuple[str, str], ...]] = {
    f"{{{S}}}dataValidation": (
        ("promptTitle", "data-validation prompt"),
        ("prompt", "data-validation prompt"),
        ("errorTitle", "data-validation message"),
        ("error", "data-validation message"),
    ),
    f"{{{S}}}hyperlink": (("display", "hyperlink text"), ("tooltip", "hyperlink tooltip")),
    f"{{{S}}}filter": (("val", "filter value"),),
    f"{{{S}}}customFilter": (("val", "filter value"),),
    f"{{{S}}}tableColumn": (("name", "table column name"),),
    f"{{{S}}}table": (("totalsRowLabel", "table total label"),),
    f"{{{S}}}fileSharing": (("userName", "file sharing"),),
    f"{{{S}}}definedName": (("comment", "defined name comment"),),
    f"{{{XDR}}}cNvPr": (("descr", "alt text"), ("title", "alt text"), ("name", "shape name")),
    "{http://schemas.microsoft.com/office/spreadsheetml/2010/11/main}absPath": (
        ("url", "saved-from folder"),
    ),
    "{http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments}person": (
        ("displayName", "comment author"),
        ("userId", "comment author"),
    ),
}
# Elements whose text is a formula: only its quoted strings are words.
_FORMULA_ELEMENTS = {f"{{{S}}}{n}" for n in ("f", "formula", "formula1", "formula2")} | {
    f"{{{S}}}definedName",
    f"{{{S}}}calculatedColumnFormula",
    f"{{{S}}}totalsRowFormula",
    "{http://schemas.openxmlformats.org/drawingml/2006/chart}f",
    "{http://schemas.microsoft.com/office/excel/2006/main}f",
}
_HEADER_FOOTER = {
    f"{{{S}}}{n}"
    for n in (
        "oddHeader",
        "oddFooter",
        "evenHeader",
        "evenFooter",
        "firstHeader",
        "firstFooter",
    )
}
# Text elements that only ever hold settings or numbers, never words.
_SETTING_ELEMENTS = {f"{{{S}}}v", f"{{{S}}}t", f"{{{A}}}t", f"{{{S}}}sqref"} | _HEADER_FOOTER
# Settings of comment boxes in VML drawings (anchors, rows, columns): never words.
_VML_EXCEL = "urn:schemas-microsoft-com:office:excel"
AUTHOR_PROPERTIES = (f"{{{DC}}}creator", f"{{{CP}}}lastModifiedBy", f"{{{EP}}}Manager")


# --- where text lives ---------------------------------------------------------------


@dataclass
class _CellText:
    """A cell's shown value; edited, the cell becomes an inline string."""

    part: str
    cell: etree._Element
    rich: etree._Element | None
    """The shared string's ``si`` (rich text to keep), or None."""
    shown: str = field(default="", repr=False)
    """The text the cell was read as."""


@dataclass
class _Runs:
    """Text split over runs (rich text of a cell, a comment, a shape's paragraph)."""

    part: str
    elements: list[etree._Element]


@dataclass
class _FormulaStrings:
    """The quoted strings of one formula, each a segment of its own."""

    part: str
    element: etree._Element
    index: int


@dataclass
class _HeaderFooterText:
    """A header or footer, read with its codes (&L, &P, &"Arial") blanked to spaces."""

    part: str
    element: etree._Element


@dataclass
class _SheetName:
    part: str
    element: etree._Element


_Target = (
    _CellText
    | _Runs
    | _FormulaStrings
    | _HeaderFooterText
    | ElementText
    | AttributeText
    | _SheetName
)


@dataclass
class _State:
    package: Package
    workbook: str
    targets: dict[str, _Target] = field(default_factory=dict)
    shared_strings: str | None = None
    keep_comments: bool = False
    remove_images: bool = False


class XlsxHandler:
    """The FormatHandler for Excel workbooks."""

    name = "xlsx"
    suffixes: tuple[str, ...] = (".xlsx", ".xlsm", ".xltx")

    def extract(self, path: Path, config: Config) -> ExtractedDocument:
        """Read every text part of the workbook into segments; refuse what cannot be read."""
        package = read_package(path, read_input_bytes(path, config), kind="an Excel workbook")
        workbook = _workbook_part(package)
        _refuse_unread_parts(package)
        state = _State(
            package,
            workbook,
            keep_comments=config.keep_comments,
            remove_images=config.remove_images,
        )
        reader = _Reader(package, workbook)
        state.shared_strings = reader.shared_strings_part
        segments: list[Segment] = []
        for key, target, text, where, cell in reader.texts():
            state.targets[key] = target
            segments.append(Segment(key, where, text, in_body=cell is not None, cell=cell))
        if not any(s.text.strip() for s in segments):
            raise EmptyDocument(path, "the workbook has no text: there is nothing to redact")
        return ExtractedDocument(path=path, format=self.name, segments=tuple(segments), state=state)

    def write(
        self, doc: ExtractedDocument, edits: Sequence[Edit], dest: Path
    ) -> tuple[Removal, ...]:
        """Apply the edits, deal with hidden content, and write the package."""
        state: _State = doc.state
        package = state.package
        by_target = edits_by_segment(edits)
        removals: list[Removal] = []
        formulas_dropped = 0
        renames: dict[str, str] = {}
        literal_edits: dict[int, tuple[_FormulaStrings, dict[int, list[Edit]]]] = {}
        for key, own in by_target.items():
            target = state.targets[key]
            package.changed.add(target.part)
            if isinstance(target, _FormulaStrings):
                entry = literal_edits.setdefault(id(target.element), (target, {}))
                entry[1][target.index] = own
            elif isinstance(target, _CellText):
                formulas_dropped += _rewrite_cell(target, own)
            elif isinstance(target, _SheetName):
                old = target.element.get("name", "")
                new = _sheet_name(apply_edits(old, own), set(renames.values()))
                renames[old] = new
                target.element.set("name", new)
            else:
                _apply(target, own)
        for target, by_index in literal_edits.values():
            _rewrite_formula_strings(target.element, by_index)
        if renames:
            _rename_sheets(package, renames)
        if formulas_dropped:
            removals.append(
                Removal("formulas replaced by their redacted value", "cells", formulas_dropped)
            )
        unused = _rebuild_shared_strings(package, state)
        if unused:
            removals.append(Removal("unused shared strings", "workbook", unused))
        for step in (
            _drop_calc_chain,
            _remove_comments,
            _remove_macros,
            _handle_images,
            _clear_authors,
            _remove_thumbnail,
        ):
            removal = step(package, state)
            if removal is not None and removal.count:
                removals.append(removal)
        dest.write_bytes(package.to_bytes())
        return tuple(removals)

    def reread(self, path: Path, doc: ExtractedDocument) -> list[str]:
        """Every text of every part of the written file (the raw XML, read independently),
        and every cell as openpyxl shows it, dates as dates.
        """
        from redactor.formats.ooxml_reread import every_text
        from redactor.formats.xlsx_reread import cell_texts

        return every_text(path) + cell_texts(path)


# --- reading ------------------------------------------------------------------------


def _workbook_part(package: Package) -> str:
    root_rels = package.xml.get("_rels/.rels")
    if root_rels is not None:
        for rel in root_rels.findall(f"{{{REL_NS}}}Relationship"):
            if rel.get("Type") == OFFICE_DOCUMENT:
                name = resolve_target("", rel)
                if name in package.xml and package.content_type(name) in MAIN_TYPES:
                    return name
        if any("purl.oclc.org" in rel.get("Type", "") for rel in root_rels):
            raise UnsupportedFormat(
                package.path,
                "the workbook is saved as 'Strict Open XML', which is not supported: save it "
                "as an ordinary Excel Workbook (.xlsx) and try again",
            )
    raise DamagedDocument(package.path, "the file is not an Excel workbook (no workbook part)")


def _refuse_unread_parts(package: Package) -> None:
    """A part this module does not read could carry a copy of a pupil's data out."""
    for name in package.names():
        content_type = package.content_type(name)
        lowered = (name + " " + content_type).replace("-", "").lower()
        for marker, kind in _REFUSED_KINDS.items():
            if marker.lower() in lowered:
                raise UnsupportedFormat(
                    package.path,
                    f"the workbook holds {kind}, which redactor cannot read yet; remove it "
                    "(or copy the cells into a new workbook) and try again",
                )
        if content_type in _READ_TYPES or content_type.startswith("image/"):
            continue
        if name.endswith(".rels") or name == CONTENT_TYPES:
            continue
        if name.startswith("docProps/thumbnail"):
            continue
        raise UnsupportedFormat(
            package.path,
            f"the workbook holds a part redactor cannot read ({posixpath.basename(name)}, "
            f"of type '{content_type or 'unknown'}'); no output was written",
        )


class _Reader:
    """Walks a workbook's parts and yields every piece of text with where it lives."""

    def __init__(self, package: Package, workbook: str) -> None:
        self.package = package
        self.workbook = workbook
        self.targets = self._related(workbook)
        self.shared_strings_part = self.targets.get("sharedStrings", [None])[0]
        self.shared = self._shared_strings()
        self.date_styles = self._date_styles()
        self.epoch = self._epoch()
        self.sheet_labels: dict[str, str] = {}
        tree = package.xml[workbook]
        for number, sheet in enumerate(tree.iter(f"{{{S}}}sheet"), start=1):
            target = package.target_of(workbook, sheet.get(f"{{{R}}}id", ""))
            state = sheet.get("state", "visible")
            hidden = "" if state == "visible" else f" ({'very ' if 'very' in state else ''}hidden)"
            if target:
                self.sheet_labels[target] = f"sheet {number}{hidden}"

    def _related(self, source: str) -> dict[str, list[str]]:
        rels = self.package.xml.get(rels_name_of(source))
        found: dict[str, list[str]] = {}
        if rels is None:
            return found
        for rel in rels.findall(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            kind = posixpath.basename(rel.get("Type", ""))
            found.setdefault(kind, []).append(resolve_target(source, rel))
        return found

    def _shared_strings(self) -> list[etree._Element]:
        if self.shared_strings_part is None or self.shared_strings_part not in self.package.xml:
            return []
        return list(self.package.xml[self.shared_strings_part].iterchildren(f"{{{S}}}si"))

    def _date_styles(self) -> set[int]:
        """Indexes of the cell formats that show a number as a date."""
        styles = self.targets.get("styles", [None])[0]
        tree = self.package.xml.get(styles) if styles else None
        if tree is None:
            return set()
        custom = {
            int(fmt.get("numFmtId", "-1")): fmt.get("formatCode", "")
            for fmt in tree.iter(f"{{{S}}}numFmt")
            if fmt.get("numFmtId", "").isdigit()
        }
        dates = set()
        cell_formats = tree.find(f"{{{S}}}cellXfs")
        for index, xf in enumerate(cell_formats if cell_formats is not None else []):
            number_format = int(xf.get("numFmtId", "0") or 0)
            if number_format in _DATE_FORMAT_IDS or _is_date_code(custom.get(number_format, "")):
                dates.add(index)
        return dates

    def _epoch(self) -> date:
        properties = self.package.xml[self.workbook].find(f"{{{S}}}workbookPr")
        uses_1904 = properties is not None and properties.get("date1904") in ("1", "true")
        # Excel counts 1900 as a leap year, so day 1 is 1 Jan 1900 from an epoch of
        # 30 Dec 1899 for every date after February 1900.
        return date(1904, 1, 1) if uses_1904 else date(1899, 12, 30)

    def texts(self) -> Iterator[tuple[str, _Target, str, str, tuple[str, int, int] | None]]:
        """(key, target, text, where, cell place) for every piece of text in the workbook."""
        for name in self.package.names():
            tree = self.package.xml.get(name)
            if tree is None or name == CONTENT_TYPES or name == self.shared_strings_part:
                continue
            if name.endswith(".rels"):
                yield from self._external_links(name, tree)
                continue
            where = self._where(name)
            if name == self.workbook:
                yield from self._workbook_texts(name, tree)
            if name in self.sheet_labels and tree.tag == f"{{{S}}}worksheet":
                yield from self._cells(name, tree, where)
            yield from self._other_texts(name, tree, where)

    def _where(self, name: str) -> str:
        if name in self.sheet_labels:
            return self.sheet_labels[name]
        if name == self.workbook:
            return "workbook"
        base = posixpath.basename(name)
        for marker, label in (
            ("comments", "comments"),
            ("threadedComment", "comments"),
            ("person", "comment authors"),
            ("chart", "chart"),
            ("drawing", "drawing"),
            ("table", "table"),
        ):
            if marker.lower() in name.lower():
                return label
        if name.startswith("docProps/"):
            return "document properties"
        if name.startswith("customXml/"):
            return "custom XML data"
        return f"part {base}"

    def _external_links(
        self, name: str, tree: etree._Element
    ) -> Iterator[tuple[str, _Target, str, str, None]]:
        for index, rel in enumerate(tree.findall(f"{{{REL_NS}}}Relationship")):
            if rel.get("TargetMode") == "External" and rel.get("Target"):
                target = AttributeText(name, rel, "Target")
                yield f"{name}@rel{index}", target, rel.get("Target", ""), "link address", None

    def _workbook_texts(
        self, name: str, tree: etree._Element
    ) -> Iterator[tuple[str, _Target, str, str, None]]:
        for index, sheet in enumerate(tree.iter(f"{{{S}}}sheet")):
            value = sheet.get("name", "")
            if value.strip():
                yield f"{name}#sheet{index}", _SheetName(name, sheet), value, "sheet name", None
        for index, defined in enumerate(tree.iter(f"{{{S}}}definedName")):
            value = defined.get("name", "")
            if value.strip() and not value.startswith("_xlnm."):
                target = AttributeText(name, defined, "name")
                yield f"{name}#name{index}", target, value, "defined name", None

    def _cells(
        self, name: str, tree: etree._Element, where: str
    ) -> Iterator[tuple[str, _Target, str, str, tuple[str, int, int]]]:
        row_number = 0
        for row in tree.iter(f"{{{S}}}row"):
            row_number = int(row.get("r") or row_number + 1)
            column = 0
            for cell in row.iter(f"{{{S}}}c"):
                reference = _CELL_REF.match(cell.get("r", "") or "")
                letters = reference.group(1) if reference else None
                column = _column_number(letters) if letters else column + 1
                value, rich = self._shown(cell)
                if value is None or not value.strip():
                    continue
                place = f"{where}, cell {_column_letters(column)}{row_number}"
                key = f"{name}!{row_number}:{column}"
                target = _CellText(name, cell, rich, value)
                yield key, target, value, place, (name, row_number, column)

    def _shown(self, cell: etree._Element) -> tuple[str | None, etree._Element | None]:
        """A cell's value as Excel shows it (near enough to read), and its rich text."""
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(f"{{{S}}}is")
            return (_rich_text(inline) if inline is not None else None), None
        raw = cell.findtext(f"{{{S}}}v")
        if raw is None:
            return None, None
        if kind == "s":
            try:
                item = self.shared[int(raw)]
            except (ValueError, IndexError):
                raise DamagedDocument(
                    self.package.path, "a cell refers to a shared string that is not there"
                ) from None
            return _rich_text(item), item
        if kind in ("str", "d"):
            return raw, None
        if kind in ("b", "e"):
            return None, None
        return self._number(raw, int(cell.get("s", "0") or 0)), None

    def _number(self, raw: str, style: int) -> str | None:
        try:
            number = float(raw)
        except ValueError:
            return raw
        if not math.isfinite(number):
            return None
        if style in self.date_styles and 1 <= number < 2_958_466:
            day = self.epoch + timedelta(days=int(number))
            if self.epoch.year == 1899 and number < 61:
                day += timedelta(days=1)  # before Excel's imaginary 29 Feb 1900
            return day.strftime("%d/%m/%Y")
        shown = str(int(number)) if number.is_integer() and abs(number) < 1e15 else raw
        return shown if sum(c.isdigit() for c in shown) >= 5 else None

    def _other_texts(
        self, name: str, tree: etree._Element, where: str
    ) -> Iterator[tuple[str, _Target, str, str, None]]:
        """Everything but cell values: formulas' strings, headers and footers, rich text
        runs, attributes that hold words, and any other element's text.
        """
        in_cells = f"{{{S}}}sheetData"
        for index, element in enumerate(tree.iter()):
            if not isinstance(element.tag, str):
                continue
            for attribute, label in _WORD_ATTRIBUTES.get(element.tag, ()):
                value = element.get(attribute)
                if value and value.strip():
                    attribute_text = AttributeText(name, element, attribute)
                    key = f"{name}@{index}:{attribute}"
                    yield key, attribute_text, value, f"{where}, {label}", None
            text = element.text or ""
            if element.tag in _FORMULA_ELEMENTS:
                for number, match in enumerate(_FORMULA_STRING.finditer(text)):
                    value = match.group(1).replace('""', '"')
                    if _may_be_words(value):
                        strings = _FormulaStrings(name, element, number)
                        yield f"{name}@{index}~{number}", strings, value, f"{where}, formula", None
            elif element.tag in _HEADER_FOOTER:
                shown = _blank_header_codes(text)
                if shown.strip():
                    header = _HeaderFooterText(name, element)
                    yield f"{name}@{index}", header, shown, f"{where}, header or footer", None
            elif element.tag in (f"{{{A}}}p", f"{{{S}}}text", f"{{{S}}}is", f"{{{S}}}si"):
                if element.tag == f"{{{S}}}is" or _has_ancestor(element, in_cells):
                    continue  # a cell's own text: read with the cell
                runs = _run_texts(element)
                joined = "".join(r.text or "" for r in runs)
                if joined.strip():
                    yield f"{name}@{index}", _Runs(name, runs), joined, where, None
            elif (
                text.strip()
                and _may_be_words(text)
                and element.tag not in _SETTING_ELEMENTS
                and not _CELL_RANGES.fullmatch(text)
                and etree.QName(element).namespace != _VML_EXCEL
                and not _has_ancestor(element, in_cells)
                and not _inside_runs(element)
            ):
                place = f"{where}, author" if element.tag in AUTHOR_PROPERTIES else where
                yield f"{name}@{index}", ElementText(name, element), text, place, None


def _rich_text(item: etree._Element) -> str:
    """A shared or inline string's text: its runs joined, without the phonetic guide."""
    return "".join(t.text or "" for t in _run_texts(item))


def _run_texts(container: etree._Element) -> list[etree._Element]:
    """The text elements of a paragraph or rich string, in order (phonetic runs left out)."""
    found = []
    for element in container.iter(f"{{{S}}}t", f"{{{A}}}t"):
        if not _has_ancestor(element, f"{{{S}}}rPh", stop=container):
            found.append(element)
    return found


def _inside_runs(element: etree._Element) -> bool:
    holders = (f"{{{A}}}p", f"{{{S}}}text", f"{{{S}}}is", f"{{{S}}}si")
    return any(_has_ancestor(element, tag) for tag in holders)


def _has_ancestor(element: etree._Element, tag: str, stop: etree._Element | None = None) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _may_be_words(text: str) -> bool:
    """Text with a letter, or enough digits to be a phone or reference number."""
    return any(c.isalpha() for c in text) or sum(c.isdigit() for c in text) >= 5


def _is_date_code(code: str) -> bool:
    """Whether a custom number format shows a date: a d, m or y outside quotes,
    brackets (colours, conditions, elapsed time) and escapes.
    """
    return any(len(token) == 1 for token in _DATE_CODE.findall(code)) and "General" not in code


def _blank_header_codes(text: str) -> str:
    """A header's text with each formatting code (&L, &"Arial,Bold", &12) turned into as
    many spaces, so that offsets in it are offsets in the raw text.
    """
    return _HEADER_CODE.sub(lambda m: " " * len(m.group(0)), text)


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


# --- writing edits ------------------------------------------------------------------


def _apply(target: _Target, edits: list[Edit]) -> None:
    if isinstance(target, _Runs):
        _set_runs(target.elements, edits)
    elif isinstance(target, ElementText | AttributeText):
        target.apply(edits)
    elif isinstance(target, _HeaderFooterText):
        # Offsets are in the raw text (codes were blanked to spaces of their length);
        # a replacement's own ampersands would read as codes.
        safe = [
            Edit(e.segment_key, e.start, e.end, e.replacement.replace("&", "&&")) for e in edits
        ]
        target.element.text = apply_edits(target.element.text or "", safe)


def _set_runs(elements: list[etree._Element], edits: list[Edit]) -> None:
    for element, text in zip(
        elements, distribute_edits([e.text or "" for e in elements], edits), strict=True
    ):
        if text != (element.text or ""):
            element.text = text
            element.set(XML_SPACE, "preserve")


def _rewrite_cell(target: _CellText, edits: list[Edit]) -> int:
    """Make the cell an inline string holding the redacted text (keeping a shared
    string's rich runs); return 1 if a formula had to go with it.
    """
    cell = target.cell
    if cell.get("t") == "inlineStr":
        inline = cell.find(f"{{{S}}}is")
        assert inline is not None
        _set_runs(_run_texts(inline), edits)
        return 0
    inline = etree.Element(f"{{{S}}}is")
    if target.rich is not None:
        for child in target.rich:
            if etree.QName(child).localname in ("t", "r"):
                inline.append(_copy(child))
    else:
        etree.SubElement(inline, f"{{{S}}}t").text = target.shown
    formula = cell.find(f"{{{S}}}f")
    dropped = 0 if formula is None else 1 + _drop_shared_formula(cell, formula)
    for child in list(cell):
        cell.remove(child)
    cell.set("t", "inlineStr")
    cell.append(inline)
    _set_runs(_run_texts(inline), edits)
    return dropped


def _drop_shared_formula(cell: etree._Element, formula: etree._Element) -> int:
    """A shared formula is written once, in its first cell, and the other cells point to
    it; when that first cell's formula goes, the others keep their last values instead
    (how many). Their values are cells of their own, read and redacted as such.
    """
    if formula.get("t") != "shared" or not formula.text:
        return 0
    sheet = cell.getroottree().getroot()
    group = formula.get("si")
    dependents = [
        f
        for f in sheet.iter(f"{{{S}}}f")
        if f is not formula and f.get("t") == "shared" and f.get("si") == group
    ]
    for dependent in dependents:
        parent = dependent.getparent()
        if parent is not None:
            parent.remove(dependent)
    return len(dependents)


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def _rewrite_formula_strings(element: etree._Element, by_index: dict[int, list[Edit]]) -> None:
    """Put the redacted strings back into the formula, quotes doubled."""
    counter = iter(range(1_000_000))

    def replace(match: re.Match[str]) -> str:
        number = next(counter)
        if number not in by_index:
            return match.group(0)
        value = apply_edits(match.group(1).replace('""', '"'), by_index[number])
        return '"' + value.replace('"', '""') + '"'

    element.text = _FORMULA_STRING.sub(replace, element.text or "")


def _sheet_name(wanted: str, taken: set[str]) -> str:
    """A valid sheet name from a redacted one: no [ ] : * ? / \\, at most 31 characters,
    not blank, not already used.
    """
    base = " ".join(_SHEET_NAME_FORBIDDEN.sub(" ", wanted).split())[:28] or "Sheet"
    name, number = base, 2
    while name in taken:
        name, number = f"{base} {number}", number + 1
    return name


def _rename_sheets(package: Package, renames: dict[str, str]) -> None:
    """Every reference to a renamed sheet: formulas, defined names, chart ranges,
    hyperlinks within the workbook, and the sheet list in the document properties.
    """

    def quoted(name: str) -> str:
        return "'" + name.replace("'", "''") + "'"

    patterns = [
        (
            re.compile(
                "(?:" + re.escape(quoted(old)) + "|(?<![\\w.'])" + re.escape(old) + ")(?=!)"
            ),
            quoted(new),
        )
        for old, new in renames.items()
    ]
    for name in package.names():
        tree = package.xml.get(name)
        if tree is None:
            continue
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag in _FORMULA_ELEMENTS and element.text:
                text = element.text
                for pattern, new in patterns:
                    text = pattern.sub(new.replace("\\", "\\\\"), text)
                if text != element.text:
                    element.text = text
                    package.changed.add(name)
            location = element.get("location") if element.tag == f"{{{S}}}hyperlink" else None
            if location:
                changed = location
                for pattern, new in patterns:
                    changed = pattern.sub(new.replace("\\", "\\\\"), changed)
                if changed != location:
                    element.set("location", changed)
                    package.changed.add(name)
            if etree.QName(element).localname == "lpstr" and element.text in renames:
                element.text = renames[element.text]
                package.changed.add(name)


# --- hidden content and tidying -------------------------------------------------------


def _rebuild_shared_strings(package: Package, state: _State) -> int:
    """Keep only the shared strings some cell still uses, renumbered; how many went."""
    name = state.shared_strings
    if name is None or name not in package.xml:
        return 0
    table = package.xml[name]
    items = table.findall(f"{{{S}}}si")
    used: dict[int, int] = {}
    cells = []
    for part in package.names():
        tree = package.xml.get(part)
        if tree is None or tree.tag != f"{{{S}}}worksheet":
            continue
        for cell in tree.iter(f"{{{S}}}c"):
            if cell.get("t") == "s":
                value = cell.find(f"{{{S}}}v")
                if value is not None and (value.text or "").strip().isdigit():
                    index = int((value.text or "").strip())
                    used.setdefault(index, len(used))
                    cells.append((part, value, index))
    unused = len(items) - len(used)
    if unused <= 0:
        return 0
    order = sorted(used, key=used.__getitem__)
    for item in items:
        table.remove(item)
    for index in order:
        table.append(items[index])
    for part, value, index in cells:
        value.text = str(used[index])
        package.changed.add(part)
    table.set("uniqueCount", str(len(order)))
    table.set("count", str(len(cells)))
    package.changed.add(name)
    return unused


def _drop_calc_chain(package: Package, state: _State) -> Removal | None:
    """Excel rebuilds the calculation chain; an old one naming changed cells is an error."""
    for name in package.names():
        if package.content_type(name) == f"{_SML}.calcChain+xml":
            package.remove(name)
    return None


def _remove_comments(package: Package, state: _State) -> Removal | None:
    """Comments, threaded comments, their authors and the boxes that show them."""
    if state.keep_comments:
        return None
    count = 0
    kinds = (
        f"{_SML}.comments+xml",
        "application/vnd.ms-excel.threadedcomments+xml",
        "application/vnd.ms-excel.person+xml",
    )
    for name in package.names():
        if package.content_type(name) not in kinds:
            continue
        tree = package.xml.get(name)
        if tree is not None and package.content_type(name) == kinds[0]:
            count += len(list(tree.iter(f"{{{S}}}comment")))
        package.remove(name)
    for name in package.names():
        tree = package.xml.get(name)
        if tree is None or tree.tag != f"{{{S}}}worksheet":
            continue
        for drawing in tree.findall(f"{{{S}}}legacyDrawing"):
            rel_id = drawing.get(f"{{{R}}}id", "")
            target = package.target_of(name, rel_id)
            if target is not None and _only_notes(package, target):
                package.remove(target)
                tree.remove(drawing)
                package.changed.add(name)
    return Removal("comments", "workbook", count)


def _only_notes(package: Package, vml: str) -> bool:
    """Whether a VML drawing holds nothing but comment boxes (no buttons or controls)."""
    raw = package.raw.get(vml, b"")
    return raw.count(b"ObjectType=") == raw.count(b'ObjectType="Note"')


def _remove_macros(package: Package, state: _State) -> Removal | None:
    macros = [n for n in package.names() if posixpath.basename(n).startswith("vbaProject")]
    types = package.xml[CONTENT_TYPES]
    converted = False
    for override in types.findall(f"{{{CT_NS}}}Override"):
        plain = MACRO_MAIN_TYPES.get(override.get("ContentType", ""))
        if plain:
            override.set("ContentType", plain)
            converted = True
    if not macros and not converted:
        return None
    for name in macros:
        package.remove(name)
    for default in types.findall(f"{{{CT_NS}}}Default"):
        if default.get("Extension", "").lower() == "bin" and not any(
            n.lower().endswith(".bin") for n in package.names()
        ):
            types.remove(default)
    package.changed.add(CONTENT_TYPES)
    return Removal("macros", "workbook", max(len(macros), 1))


def _handle_images(package: Package, state: _State) -> Removal | None:
    count = strip_media_metadata(package)
    return Removal("image metadata (EXIF, GPS, XMP, text)", "images", count)


def _clear_authors(package: Package, state: _State) -> Removal | None:
    count = clear_properties(package, AUTHOR_PROPERTIES)
    return Removal("author, last-modified-by and manager properties", "document properties", count)


def _remove_thumbnail(package: Package, state: _State) -> Removal | None:
    count = remove_thumbnails(package)
    return Removal("thumbnail picture", "document properties", count)
