"""Tables in text read by their header cells; unheaded birth-date columns; "Name (date)".

SYNTHETIC: every name, date and number here is invented.
"""

from __future__ import annotations

import datetime

import pytest

from redactor.detection.structure import (
    birth_dates_after_names,
    labelled_cells,
    numbers_after_names,
    structure_findings,
)
from redactor.model import Finding, Segment


def found(text: str) -> list[tuple[str, str]]:
    (raw,) = structure_findings([Segment("0", "line 1", text)])
    return [(f.entity_type, text[f.start : f.end]) for f in raw]


def years_ago(years: int) -> str:
    return (datetime.date.today() - datetime.timedelta(days=365 * years)).strftime("%d/%m/%Y")


PIPES = (
    "| No | Pupil            | D.O.B.     | ULN        | Parent/carer      | Class |\n"
    "|----|------------------|------------|------------|-------------------|-------|\n"
    "| 1  | MORWOOD, Tansy   | 04/02/2015 | 5561234987 | Lorna Morwood     | Ash   |\n"
    "| 2  | PELLOW, Idris    | 3.9.14     |            | Mr Kit Pellow     | Ash   |\n"
)


def test_a_pipe_table_is_read_by_its_header():
    assert found(PIPES) == [
        ("PERSON", "MORWOOD, Tansy"),
        ("PERSON", "PELLOW, Idris"),
        ("DOB", "04/02/2015"),
        ("DOB", "3.9.14"),
        ("ULN", "5561234987"),
        ("PERSON", "Lorna Morwood"),
        ("PERSON", "Mr Kit Pellow"),
    ]


def test_a_contact_column_holds_parents():
    (raw,) = structure_findings([Segment("0", "line 1", PIPES)])
    assert {f.role for f in raw if PIPES[f.start : f.end] == "Lorna Morwood"} == {"parent"}


def test_aligned_columns_under_a_title_line():
    text = (
        "GROUP B - WALK  (start 9.15)\n"
        "Name              DOB         Medical            Emergency contact\n"
        "Tansy Morwood     04-Feb-15   none               Lorna Morwood 07700 900111\n"
        "Idris Pellow      03-Sep-14   inhaler            Kit Pellow 07700 900654\n"
    )
    values = found(text)
    assert ("DOB", "04-Feb-15") in values and ("DOB", "03-Sep-14") in values
    assert ("PERSON", "Tansy Morwood") in values
    assert ("PERSON", "Lorna Morwood 07700 900111") in values
    assert not any(v == "none" for _, v in values)


def test_a_column_of_birth_dates_without_a_header():
    text = f"MORWOOD, Tansy\t{years_ago(8)}\t57\tG\nPELLOW, Idris\t{years_ago(9)}\t49\tA\n"
    assert [e for e, _ in found(text)] == ["DOB", "DOB"]


def test_a_column_of_meeting_dates_is_not_birth_dates():
    text = f"Date\tItem\tLead\n{years_ago(0)}\tBudget\tJP\n{years_ago(0)}\tPremises\tKL\n"
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Lessons start at 9.00.  Lunch is at 12.15.\nBring a coat.  It may rain.",
        "Item      Cost\nCoach     £450\nTickets   £120\n",  # no sensitive column
    ],
)
def test_text_that_is_no_sensitive_table(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, date, kept",
    [
        ("Tansy Morwood (3.2.15) and", "3.2.15", True),
        ("Tansy Morwood – 03/02/2015, asthma", "03/02/2015", True),
        ("Tansy Morwood - 3rd February 2015 - Y5 (Oak)", "3rd February 2015", True),
        ("Tansy Morwood - 03-02-15 - Y5", "03-02-15", True),  # a dash inside, none spaced
        (f"Mrs Morwood - {years_ago(0)} - rang", None, False),
        (f"Mrs Morwood, {years_ago(0)}, rang", None, False),  # a recent date: not a birth
    ],
)
def test_a_birth_date_right_after_a_name(text, date, kept):
    segment = Segment("0", "line 1", text)
    name = Finding("0", 0, len(" ".join(text.split()[:2])), "PERSON", 0.9, "t")
    dates = birth_dates_after_names(segment, [name])
    assert [text[f.start : f.end] for f in dates] == ([date] if kept else [])


def test_a_tab_separated_export_is_read_by_position():
    """One tab between cells, however wide each cell is (an MIS log pasted in)."""
    text = (
        "Date\tStudent\tArbor ID\tYear\n"
        "06/10/2026\tAl-Hakim, Yusra Noor\t40217\tYear 9\n"
        "07/10/2026\tPike, Jo\t40388\tYear 8\n"
    )
    values = found(text)
    assert ("ID", "40217") in values and ("ID", "40388") in values
    assert ("PERSON", "Pike, Jo") in values


def test_tabs_that_line_columns_up_are_read_where_the_cells_show():
    """A header with runs of tabs where the rows have fewer: columns by tab stops."""
    text = (
        "Name\t\t\tDOB\t\tULN\n"
        "Tansy Morwood\t\t04-Feb-05\t5561234987\n"
        "Idris Pellow\t\t03-Sep-05\t4419283746\n"
    )
    values = found(text)
    assert ("ULN", "5561234987") in values and ("DOB", "03-Sep-05") in values


def test_a_date_in_the_cell_after_a_dob_label_is_a_date_of_birth():
    texts = ["Name", "Teddy", "DOB", "02/09/2015", "Meeting", "03/10/2024"]
    segments = [Segment(f"s{i}", "table", t) for i, t in enumerate(texts)]
    found = [(i, f.entity_type) for i, raw in enumerate(labelled_cells(segments)) for f in raw]
    assert found == [(3, "DOB")]


def test_cells_under_a_staff_header_are_known():
    from redactor.detection.structure import staff_cells

    text = "Date\tIncident\tRecorded by\n3/3\tFall\tJK / AH\n4/3\tCut knee\tRB\n"
    (spans,) = staff_cells([Segment("0", "line 1", text)])
    assert [text[a:b] for a, b in spans] == ["JK / AH", "RB"]


@pytest.mark.parametrize(
    "text, number",
    [
        ("Tansy Morwood (5123) and Idris Pellow", "5123"),  # a candidate number
        ("Tansy Morwood (208113), Y11", "208113"),  # an admission number
        ("Tansy Morwood (2019) won the cup", None),  # a year
        ("Tansy Morwood (12) is in Y7", None),  # an age or a count
        ("Tansy Morwood, 5123 points", None),  # not in brackets
    ],
)
def test_a_number_in_brackets_right_after_a_name_is_an_identifier(text, number):
    segment = Segment("0", "line 1", text)
    name = Finding("0", 0, len("Tansy Morwood"), "PERSON", 0.9, "t")
    numbers = numbers_after_names(segment, [name])
    assert [(f.text, f.entity_type) for f in numbers] == ([(number, "ID")] if number else [])


def test_cells_under_a_class_or_form_header_are_the_class():
    from redactor.detection.structure import class_cells

    text = (
        "Pupil | Class | Group\nTansy Morwood | Elm | Idris, Zenoby\nIvy Brook | Willow | Hazel\n"
    )
    (spans,) = class_cells([Segment("0", "line 1", text)])
    assert [text[a:b].strip() for a, b in spans] == ["Elm", "Willow"]  # not "Group"
    cells = [
        Segment(f"{r}:{c}", "cell", value, cell=("csv", r, c))
        for r, row in enumerate([["Name", "Reg group"], ["Ivy Brook", "Puffins"]])
        for c, value in enumerate(row)
    ]
    assert class_cells(cells) == [[], [], [], [(0, len("Puffins"))]]


def test_a_table_of_two_columns_with_one_pipe_is_read_by_its_header():
    text = "Pupil | DOB\nTansy Morwood | 03/02/2016\nIdris Pellow | 4.11.13\n"
    assert sorted(found(text)) == [
        ("DOB", "03/02/2016"),
        ("DOB", "4.11.13"),
        ("PERSON", "Idris Pellow"),
        ("PERSON", "Tansy Morwood"),
    ]
    # One line with a pipe is no table.
    assert found("Spring term | Year 4 trip letters\n") == []


def test_a_column_of_references_to_a_person_is_read_by_its_header():
    """A body's reference for each child ("Taxi ref"), in an aligned table: the cells that
    look like identifiers are identifiers; a bare "No" or an item's number is none.
    """
    text = (
        "Pupil            Class    Taxi ref      Pick-up\n"
        "Tansy Morwood    Oak      ZQ-204518     8.10\n"
        "Idris Pellow     Ash      ZQ/25/7714    8.12\n"
        "Hazel Quarrie    Elm      as above      8.14\n"
    )
    values = found(text)
    assert ("ID", "ZQ-204518") in values and ("ID", "ZQ/25/7714") in values
    assert not any(value == "as above" for _, value in values)


def test_a_column_of_childcare_codes_is_read_by_its_header():
    text = (
        "Child            Session   30-hour code\n"
        "Tansy Morwood    AM        50012345678\n"
        "Idris Pellow     PM        50087654321\n"
    )
    assert ("ID", "50012345678") in found(text) and ("ID", "50087654321") in found(text)


@pytest.mark.parametrize(
    "header",
    ["No", "Item no", "Room No", "Tel no", "Action ref", "Page number", "Post code"],
)
def test_other_numbers_are_no_reference_column(header):
    text = (
        f"{header:<12}Action                 Who\n"
        "1041        Order the new books    Office\n"
        "2307        Book the coach         Office\n"
    )
    assert not any(entity == "ID" for entity, _ in found(text))
