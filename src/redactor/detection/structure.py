"""Document structure as evidence: tables whose header says what a column holds.

A school writes its registers, trip lists and action tables with pipes, with tabs or
as columns aligned with spaces. The header cell of a column says what every cell
below it holds ("DOB", "ULN", "Parent/carer", "Address"), read with the same
vocabulary as the school's exports (:func:`redactor.exports.column_meaning`). Each
cell of such a column is a candidate of that kind, however it is written and
whether or not any other rule would find it. A column without a header whose cells
are all dates a pupil could be born on is a column of dates of birth.

Word tables, whose cells are segments of their own, keep the older rule: a date in
the cell after a "DOB" cell (``labelled_cells``).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from redactor.detection.engine import RawFinding
from redactor.detection.roster import parse_date
from redactor.exports import IDENTIFIER_ENTITIES, column_meaning
from redactor.model import Finding, Segment

RECOGNIZER_NAME = "table_column"
SCORE = 0.85
LABEL_CELL = "date_of_birth_cell"
LABEL_CELL_SCORE = 0.85
# What a column's field becomes: (entity, role of a person in it).
_ENTITY_OF = {
    **IDENTIFIER_ENTITIES,
    "reference": "ID",
    "dob": "DOB",
    "address": "ADDRESS",
    "postcode": "POSTCODE",
    "phone": "PHONE",
    "email": "EMAIL",
    "name": "PERSON",
    "forename": "PERSON",
    "preferred": "PERSON",
    "surname": "PERSON",
}
_DOB_LABEL = re.compile(
    r"\s*(?:D\.?O\.?B\.?|date\s+of\s+birth|birth\s*date|born)\s*:?\s*", re.IGNORECASE
)
# A pupil or young person: born between two and a half and 25 years before the
# document is read (a meeting date of last year is not a birth date).
_YOUNGEST_DAYS, _OLDEST_DAYS = 913, 25 * 366
_RULE = re.compile(r"^[\s|:+=_-]*$")
_EMPTY_CELL = re.compile(r"^[\s\-–—/.*]*$|^(?i:n/?a|none|tbc|nil)$")
_WORD_CELL = re.compile(r"\w")


@dataclass(frozen=True)
class Cell:
    """One cell of a table row: where it is in the segment's text."""

    start: int
    end: int


def structure_findings(segments: Sequence[Segment]) -> list[list[RawFinding]]:
    """Candidates from the documents' structure, one list per segment: tables written
    in a segment's text, and tables whose cells are segments of their own (Word).
    """
    found = [list(_table_findings(segment.text)) for segment in segments]
    for index, finding in _cell_table_findings(segments):
        found[index].append(finding)
    return found


def _word_tables(segments: Sequence[Segment]) -> list[dict[tuple[int, int], int]]:
    """Tables whose cells are segments of their own (Word): (row, column) -> segment."""
    tables: dict[str, dict[tuple[int, int], int]] = {}
    for index, segment in enumerate(segments):
        if segment.cell is not None:
            name, row, column = segment.cell
            tables.setdefault(name, {})[(row, column)] = index
    return list(tables.values())


def word_table_rows(segments: Sequence[Segment]) -> list[list[int]]:
    """The rows of every Word table, each as the indexes of its cells' segments."""
    rows: dict[tuple[int, int], list[int]] = {}
    for table, cells in enumerate(_word_tables(segments)):
        for (row, _), index in sorted(cells.items()):
            rows.setdefault((table, row), []).append(index)
    return list(rows.values())


def _cell_table_findings(segments: Sequence[Segment]) -> Iterator[tuple[int, RawFinding]]:
    """Word tables: the header row's cells say what each column's cells hold."""
    for cells in _word_tables(segments):
        rows = sorted({row for row, _ in cells})
        header_row = next(
            (
                row
                for row in rows[:3]
                if any(
                    _meaning(segments[i].text, Cell(0, len(segments[i].text)))
                    for (r, _), i in cells.items()
                    if r == row
                )
            ),
            None,
        )
        if header_row is None:
            continue
        meanings = {
            column: _meaning(segments[i].text, Cell(0, len(segments[i].text)))
            for (row, column), i in cells.items()
            if row == header_row
        }
        for (row, column), index in cells.items():
            meaning = meanings.get(column)
            if row <= header_row or meaning is None:
                continue
            text = segments[index].text
            start = len(text) - len(text.lstrip())
            cell = Cell(start, len(text.rstrip()))
            if cell.end > cell.start and not _EMPTY_CELL.match(text[cell.start : cell.end]):
                for finding in _cell_findings(text, [cell], *meaning):
                    yield index, finding


def labelled_cells(segments: Sequence[Segment]) -> list[list[RawFinding]]:
    """A date alone in a table cell whose neighbour is a "DOB" label is a date of birth.

    Recognizers see one segment at a time, and a Word table cell is a segment of its
    own; so "DOB | 02/09/2015" as two cells of a row is joined here, by document order.
    """
    result: list[list[RawFinding]] = [[] for _ in segments]
    for index in range(1, len(segments)):
        value = segments[index].text
        if _DOB_LABEL.fullmatch(segments[index - 1].text) and parse_date(value) is not None:
            start = len(value) - len(value.lstrip())
            result[index].append(
                RawFinding(start, len(value.rstrip()), "DOB", LABEL_CELL_SCORE, LABEL_CELL)
            )
    return result


# "Tansy Morwood (3.4.15)", "Tansy Morwood – 03/04/2015,", "Tansy Morwood - 3rd April
# 2015 - Y2": a date right after a name, ended by a bracket, a comma, a semicolon, the
# line's end or a spaced dash (a dash inside "03-04-15" has no space after it).
_DATE_AFTER_NAME = re.compile(
    r"[ \t]*(?:\(|[–—-][ \t]*|,[ \t]*)(?:b\.[ \t]*)?"
    r"(?P<date>[\w ,./-]{6,20}?)(?=[ \t]*(?:[),;\n]|[–—-][ \t])|$)"
)
NAME_DATE = "date_after_name"


def birth_dates_after_names(segment: Segment, findings: Sequence[Finding]) -> list[Finding]:
    """A date written right after a person's name, in brackets or after a dash or a
    comma, that a pupil could have been born on ("Name (date)" lists): a date of birth.
    A meeting date after a name ("Mrs Lane, 12 March 2026") is too recent to be one.
    """
    added = []
    for finding in findings:
        if finding.entity_type != "PERSON":
            continue
        match = _DATE_AFTER_NAME.match(segment.text, finding.end)
        if match is None or not _plausible_birth_date(match.group("date")):
            continue
        start, end = match.span("date")
        added.append(
            Finding(segment.key, start, end, "DOB", SCORE, NAME_DATE, text=segment.text[start:end])
        )
    return added


# "Tansy Pask (5123)": a candidate or admission number in brackets after a name.
_NUMBER_AFTER_NAME = re.compile(r"[ \t]*\((?P<number>\d{4,6})\)")
NAME_NUMBER = "number_after_name"


def numbers_after_names(segment: Segment, findings: Sequence[Finding]) -> list[Finding]:
    """A bare number of four to six digits in brackets right after a person's name: an
    exam candidate or admission number ("Tansy Pask (5123)"), but not a year ("(2019)").
    """
    added = []
    for finding in findings:
        if finding.entity_type != "PERSON":
            continue
        match = _NUMBER_AFTER_NAME.match(segment.text, finding.end)
        if match is None or 1900 <= int(match.group("number")) <= 2099:
            continue
        start, end = match.span("number")
        added.append(
            Finding(segment.key, start, end, "ID", SCORE, NAME_NUMBER, text=match.group("number"))
        )
    return added


def _plausible_birth_date(written: str) -> bool:
    born = parse_date(written.strip())
    if born is None:
        return False
    return _YOUNGEST_DAYS <= (datetime.date.today() - born).days <= _OLDEST_DAYS


@dataclass(frozen=True)
class _Table:
    """A table read from text: its data rows, what each column holds, and which
    columns a header says hold staff ("Lead", "By", "Staff", "Recorded by").
    """

    rows: list[list[Cell]]
    meanings: list[tuple[str, str] | None]
    staff_columns: frozenset[int]
    header: list[Cell]
    """The header row's cells (none for a table without a header)."""


@lru_cache(maxsize=512)
def _read_tables(text: str) -> tuple[_Table, ...]:
    """The tables in a segment's text, read once: the candidates, the staff columns and
    the class columns all ask for them.
    """
    return tuple(_each_table(text))


def _each_table(text: str) -> Iterator[_Table]:
    for kind, table in _tables(text):
        # The header is the first of the first three rows that names a sensitive or a
        # staff column (a title line may come first); a table without one is read for
        # birth dates.
        heads = [i for i, row in enumerate(table[:3]) if any(_is_header(text, c) for c in row)]
        table = table[heads[0] :] if heads else table
        if kind == "spaces" or (kind == "tabs" and _lines_up_with_tabs(table[0])):
            # Tabs used to line columns up (a header with three tabs where a row has
            # two) are read by where the cells show; a tab-separated export, one tab
            # between cells, by position.
            table = _aligned(text, [[c for c in row if c.end > c.start] for row in table])
        if heads:
            meanings = [_meaning(text, cell) for cell in table[0]]
            staff = frozenset(i for i, c in enumerate(table[0]) if _staff_header(text, c))
            yield _Table(table[1:], meanings, staff, table[0])
        else:
            yield _Table(table, [None] * max(len(r) for r in table), frozenset(), [])


def _table_findings(text: str) -> Iterator[RawFinding]:
    for table in _read_tables(text):
        for column, meaning in enumerate(table.meanings):
            cells = [row[column] for row in table.rows if column < len(row)]
            cells = [c for c in cells if not _EMPTY_CELL.match(text[c.start : c.end])]
            if meaning is None:
                if column in table.staff_columns or not _birth_date_column(text, cells):
                    continue
                meaning = ("", "dob")
            yield from _cell_findings(text, cells, *meaning)


def staff_cells(segments: Sequence[Segment]) -> list[list[tuple[int, int]]]:
    """Per segment, the cells of columns whose header says they hold staff ("Lead",
    "Action by", "Recorded by", "Staff"): strong evidence that a colleague's short
    form there ("JK/AH") is the colleague's (docs/detection.md, rule 5).
    """
    return _cells_under(segments, _STAFF_HEADER)


def class_cells(segments: Sequence[Segment]) -> list[list[tuple[int, int]]]:
    """Per segment, the cells of columns whose header says they hold a class, form, group
    or house ("Class", "Reg group", "Form", "House"): a word there ("Elm", "Puffins") is
    the class, not a person, whatever a name list says.
    """
    return _cells_under(segments, _CLASS_HEADER)


def _cells_under(
    segments: Sequence[Segment], header: re.Pattern[str]
) -> list[list[tuple[int, int]]]:
    """Per segment, the (start, end) of each cell below a header that ``header`` matches,
    in tables written in text and in tables whose cells are segments (Word, CSV).
    """
    found: list[list[tuple[int, int]]] = []
    for segment in segments:
        spans = []
        for table in _read_tables(segment.text):
            columns = {
                i
                for i, cell in enumerate(table.header)
                if header.match(_cell_text(segment.text, cell))
            }
            for cells_of_row in table.rows:
                spans += [
                    (cells_of_row[i].start, cells_of_row[i].end)
                    for i in columns
                    if i < len(cells_of_row)
                ]
        found.append(spans)
    for cells in _word_tables(segments):
        top = min((row for row, _ in cells), default=0)
        columns = {
            column
            for (row, column), i in cells.items()
            if row == top and header.match(segments[i].text.strip().rstrip(":"))
        }
        for (row, column), index in cells.items():
            if row > top and column in columns:
                found[index].append((0, len(segments[index].text)))
    return found


def _cell_text(text: str, cell: Cell) -> str:
    return text[cell.start : cell.end].strip().rstrip(":")


_CLASS_HEADER = re.compile(
    r"^(?i:class(?:\s+name)?|form(?:\s+group)?|reg(?:istration)?\.?\s*group|tutor\s+group|"
    r"house|year\s+group)$"
)
_STAFF_HEADER = re.compile(
    r"^(?i:leads?|by|owner|who|staff|staff\s+member|adult|responsible|person\s+responsible|"
    r"(?:action(?:ed)?|recorded|reported|logged|completed|checked|signed|seen)\s+by|initials|"
    r"teacher|ta|key\s+adult|lead\s+adult|duty)$"
)


# A column of a body's reference for each person ("Taxi ref", "LA ref", "Transport ID",
# "Case no.", "30-hour code"): words naming whose reference it is, then "ref", "ID", "no",
# "number" or "code".
# Not a bare "Ref" or "No" (an action's or a minute's number), nor the number of a
# room, page, item or telephone.
_REFERENCE_HEADER = re.compile(
    r"^(?![^\n]*\b(?i:item|page|room|tel|telephone|phone|mobile|fax|agenda|action|minute|min|"
    r"question|para|paragraph|version|table|point|policy|house|flat|year|set|group)\b)"
    r"(?:[A-Za-z0-9&/-]+\.?[ \t]+){1,3}(?i:ref(?:erence)?|id|no|number|code)\.?$"
)
# What such a column's cells hold when they are identifiers: at least four digits, with
# letters, dashes or slashes ("ZQ-204518", "ZQ/25/7714"); "3.1" and "A2" are not.
_REFERENCE_CELL = re.compile(r"(?=(?:[^\d\n]*\d){4})[A-Za-z0-9][A-Za-z0-9/-]{3,19}")


def _staff_header(text: str, cell: Cell) -> bool:
    return bool(_STAFF_HEADER.match(text[cell.start : cell.end].strip().rstrip(":")))


def _is_header(text: str, cell: Cell) -> bool:
    return _meaning(text, cell) is not None or _staff_header(text, cell)


def _lines_up_with_tabs(row: list[Cell]) -> bool:
    """Whether a row uses runs of tabs (empty cells between its words) to line up."""
    cells = [c for c in row if c.end > c.start]
    return len(cells) < len(row)


def _meaning(text: str, cell: Cell) -> tuple[str, str] | None:
    """(group, field) of a header cell that names a sensitive column, else None."""
    written = text[cell.start : cell.end].strip()
    if not written or parse_date(written) is not None or len(written) > 40:
        return None
    meaning = column_meaning(written)
    if meaning is None and _REFERENCE_HEADER.match(written.rstrip(":")):
        return ("", "reference")
    if meaning is None or meaning[1] not in _ENTITY_OF:
        return None
    return meaning


def _cell_findings(text: str, cells: list[Cell], group: str, field: str) -> Iterator[RawFinding]:
    entity = _ENTITY_OF[field]
    role = "parent" if group and entity == "PERSON" else None
    for cell in cells:
        value = text[cell.start : cell.end]
        if entity == "DOB" and parse_date(value.strip()) is None:
            continue
        if field == "reference" and not _REFERENCE_CELL.fullmatch(value.strip()):
            continue
        if not _WORD_CELL.search(value):
            continue
        yield RawFinding(cell.start, cell.end, entity, SCORE, RECOGNIZER_NAME, role)


def _birth_date_column(text: str, cells: list[Cell]) -> bool:
    """Two or more cells, nearly all of them dates a pupil could have been born on."""
    if len(cells) < 2:
        return False
    plausible = sum(_plausible_birth_date(text[c.start : c.end]) for c in cells)
    return plausible >= max(2, 0.8 * len(cells))


def _tables(text: str) -> Iterator[tuple[str, list[list[Cell]]]]:
    """Runs of two or more lines that split into cells the same way: pipes, tabs, or
    columns aligned with two or more spaces.
    """
    lines = list(_lines(text))
    run: list[list[Cell]] = []
    kind = ""
    for start, end in lines:
        line = text[start:end]
        if _RULE.match(line) and ("-" in line or "=" in line):
            continue  # |----|----| under a header
        this = _kind(line)
        if this and (this == kind or not run):
            run.append(_split(text, start, end, this))
            kind = this
            continue
        if len(run) >= 2:
            yield kind, run
        run, kind = ([_split(text, start, end, this)], this) if this else ([], "")
    if len(run) >= 2:
        yield kind, run


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in re.finditer(r"\n", text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _kind(line: str) -> str:
    if "|" in line:  # "Pupil | DOB" is a table of two columns, as "| a | b |" is
        return "pipes"
    if "\t" in line.strip():
        return "tabs"
    if re.search(r"\S {2,}\S", line.strip()):
        return "spaces"
    return ""


def _split(text: str, start: int, end: int, kind: str) -> list[Cell]:
    line = text[start:end]
    if kind == "spaces":
        pieces = [(m.start(), m.end()) for m in re.finditer(r"\S+(?: \S+)*", line)]
    else:
        separator = "|" if kind == "pipes" else "\t"
        pieces, cursor = [], 0
        for piece in line.split(separator):
            pieces.append((cursor, cursor + len(piece)))
            cursor += len(piece) + 1
        if kind == "pipes":  # "| a | b |": nothing before the first pipe or after the last
            if line.lstrip().startswith("|"):
                pieces = pieces[1:]
            if line.rstrip().endswith("|"):
                pieces = pieces[:-1]
    cells = []
    for a, b in pieces:
        inner = line[a:b]
        lead = len(inner) - len(inner.lstrip())
        cells.append(Cell(start + a + lead, start + a + len(inner.rstrip())))
    return cells


def _aligned(text: str, rows: list[list[Cell]]) -> list[list[Cell]]:
    """Cells of aligned rows placed under the header's columns by where they start on
    the screen: spaces as written, tabs at stops of eight, as an editor shows them (a
    header may use three tabs where a row uses two).
    """
    line_starts = [text.rfind("\n", 0, row[0].start) + 1 for row in rows]

    def column_of(cell: Cell, line_start: int) -> int:
        return len(text[line_start : cell.start].expandtabs(8))

    columns = [column_of(cell, line_starts[0]) for cell in rows[0]]
    placed: list[list[Cell]] = []
    for row, line_start in zip(rows, line_starts, strict=True):
        slots: list[Cell | None] = [None] * len(columns)
        for cell in row:
            at = column_of(cell, line_start)
            index = max((i for i, c in enumerate(columns) if c <= at + 2), default=0)
            if slots[index] is None:
                slots[index] = cell
        placed.append([c if c is not None else Cell(0, 0) for c in slots])
    return placed
