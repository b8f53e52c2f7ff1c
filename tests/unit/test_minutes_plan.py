"""Finding Part 2 sections, references to them and the attendance in minutes' running
text (detection/minutes.py), format-free. Every name here is SYNTHETIC.
"""

from __future__ import annotations

import pytest

from redactor.detection.minutes import (
    BOUNDARY,
    REFERENCE,
    SECTION,
    SECTION_CONTINUED,
    minutes_findings,
    plan_minutes,
)
from redactor.formats.text import text_segments
from redactor.model import Segment

OPENING = """\
Minutes of the Full Governing Board, Tuesday 4 March 2025

Present:
Mr Gareth Lloyd (Chair)
Mrs Janet Price (Headteacher)

In attendance:
Mrs Fiona Walsh (Clerk)

Apologies:
Dr Ruth Ellis (co-opted governor) – accepted

1. Welcome and apologies
The Chair welcomed everyone.

2. Finance
The budget was approved.
"""
CLOSING = """
Date of next meeting: Tuesday 6 May 2025 at 6pm.
"""


def _plan(text: str):
    return plan_minutes(text_segments(text))


def _section_texts(text: str) -> list[tuple[str, str | None]]:
    """(first line, first line after) of each section found."""
    plan = _plan(text)
    result = []
    for section in plan.sections:
        after = plan.lines[section.last + 1].text if section.last + 1 < len(plan.lines) else None
        result.append((plan.lines[section.first].text, after))
    return result


# Each heading variant the issue names, written as a clerk would, before a numbered item.
PART_HEADINGS = [
    "Part 2 – Confidential",
    "PART 2",
    "Part II – Confidential items",
    "Part Two (confidential)",
    "Confidential items",
    "Confidential minutes",
    "Confidential Annex",
    "Items taken in closed session",
    # A note in brackets after the heading, however long, leaves it a heading.
    "PART 2 – CONFIDENTIAL (committee members only – not to be shared on the class chat)",
    "9. PART 2 – CONFIDENTIAL (individual pupils / staffing)",
]


@pytest.mark.parametrize("heading", PART_HEADINGS)
def test_each_part_heading_starts_a_section_that_runs_to_the_end_matter(heading):
    text = (
        OPENING
        + f"\n{heading}\n3. Exclusion\nAva Thorne (5R) was excluded for five days.\n"
        + CLOSING
    )
    assert _section_texts(text) == [(heading, "Date of next meeting: Tuesday 6 May 2025 at 6pm.")]


ITEM_HEADINGS = [
    "3. Confidential minute – staffing",
    "3. Item taken in closed session",
    "Item 3: Staffing (confidential)",
    "3) Confidential item: a complaint",
]


@pytest.mark.parametrize("heading", ITEM_HEADINGS)
def test_each_numbered_confidential_item_ends_at_the_next_item(heading):
    text = (
        OPENING
        + f"\n{heading}\nMrs Ivy Dunmore is on long-term sick leave.\n\n4. Policies\nApproved.\n"
        + CLOSING
    )
    assert _section_texts(text) == [(heading, "4. Policies")]


def test_the_following_item_is_confidential_starts_a_section_inside_its_item():
    text = (
        OPENING + "\n3. Staffing\nThe following item is confidential and is minuted separately.\n"
        "Mrs Ivy Dunmore raised a grievance.\n\n4. Policies\nApproved.\n" + CLOSING
    )
    assert _section_texts(text) == [
        ("The following item is confidential and is minuted separately.", "4. Policies")
    ]
    assert _plan(text).sections[0].numbers == ("3",)


def test_a_part_2_at_the_end_runs_to_the_end_of_the_document():
    text = OPENING + "\nPart 2 – Confidential\n3. Exclusion\nAva Thorne was excluded.\n"
    assert _section_texts(text) == [("Part 2 – Confidential", None)]
    assert not _plan(text).sections[0].uncertain


def test_minutes_with_no_part_2_have_no_section_and_no_reference():
    text = OPENING + "\n3. Any other business\nNo item was taken as confidential.\n" + CLOSING
    plan = _plan(text)
    assert plan.sections == () and plan.references == ()


@pytest.mark.parametrize(
    "line",
    [
        "Part 2 of the budget report was approved.",  # "Part 2 of", not a heading
        "Mr Lloyd said that confidential items would be taken at the end of the meeting today.",
        "The confidential waste contract was renewed.",
    ],
)
def test_mentions_in_running_text_are_not_headings(line):
    text = OPENING + f"\n3. Premises\n{line}\n" + CLOSING
    assert _plan(text).sections == ()


def test_numbered_sub_items_and_lists_stay_inside_the_item():
    text = (
        OPENING + "\n3. Confidential item: staffing\n3.1 Sickness\nMrs Ivy Dunmore is off.\n"
        "1. Refer to occupational health\n2. Review in May\n\n4. Policies\nApproved.\n" + CLOSING
    )
    assert _section_texts(text) == [("3. Confidential item: staffing", "4. Policies")]


def test_an_item_section_ends_at_an_actions_table():
    text = (
        OPENING + "\n3. Confidential minute\nMrs Ivy Dunmore is off.\n\nActions\n"
        "No.  Action  Who\n1    Send the policy  Mrs Price\n" + CLOSING
    )
    assert _section_texts(text) == [("3. Confidential minute", "Actions")]


def test_an_ordinary_looking_item_inside_part_2_is_removed_but_flagged():
    text = (
        OPENING + "\nPart 2 – Confidential\n3. Exclusion\nAva Thorne was excluded.\n\n"
        "4. Any other business\nNone.\n" + CLOSING
    )
    plan = _plan(text)
    assert _section_texts(text) == [("Part 2 – Confidential", CLOSING.strip())]
    assert "item 4 (line 23) may be ordinary business" in plan.sections[0].uncertain
    findings, review = minutes_findings(plan)
    assert [r.entity_type for r in review] == [BOUNDARY]
    assert review[0].note.startswith("Part 2 boundary uncertain")
    assert review[0].where.startswith("line ")


def test_a_confidential_item_in_unnumbered_minutes_is_flagged():
    text = (
        "Present: Mr Gareth Lloyd\n\nWelcome\nAll welcome.\n\n"
        "The following item is confidential.\nMrs Ivy Dunmore raised a grievance.\n\n"
        "Premises\nThe roof was repaired.\n" + CLOSING
    )
    plan = _plan(text)
    assert len(plan.sections) == 1 and "no numbered items" in plan.sections[0].uncertain
    # To be safe it runs past the unnumbered "Premises" to the end matter.
    assert "The roof was repaired." in plan.lines[plan.sections[0].last].text


def test_references_to_a_confidential_item_are_found_outside_it():
    text = (
        OPENING.replace(
            "The budget was approved.", "The Part 2 minutes of the last meeting were approved."
        )
        + "\n3. Confidential minute – pupil exclusion\nAva Thorne was excluded.\n\n"
        "4. Policies\nApproved.\n\nActions\n"
        "1    Write to the family about item 3     Mrs Walsh\n"
        "2    Send the policy to staff             Mrs Price\n"
        "3    Report on pupil exclusion to the LA  Mr Lloyd\n" + CLOSING
    )
    plan = _plan(text)
    assert [r.text.strip()[:30] for r in plan.references] == [
        "The Part 2 minutes of the last",
        "1    Write to the family about",
        "3    Report on pupil exclusion",
    ]
    findings, _ = minutes_findings(plan)
    assert sum(f.entity_type == REFERENCE for f in findings) == 3


def test_item_numbers_in_ranges_and_lists_are_references():
    text = (
        OPENING + "\n3. Item taken in closed session\nDetails.\n\n4. Policies\n"
        "Items 2 to 4 were deferred.\nItems 1, 5 and 6 were noted.\n" + CLOSING
    )
    assert [r.text for r in _plan(text).references] == ["Items 2 to 4 were deferred."]


def test_the_attendance_is_kept_in_every_form_and_a_parent_is_not():
    text = (
        "Present: Mr Gareth Lloyd (Chair), Dr Ruth Ellis, Mrs Janet Price (Headteacher),\n"
        "Mr Steven Marsh\n"
        "In attendance: Mrs Fiona Walsh (Clerk); Mrs Ioana Thorne (parent), for item 3\n"
        "Apologies: Mrs Bronwen Pugh (parent governor) – accepted\n"
        "Also present: Mr Kofi Tran (stepdad), Ms Ama Tran (foster carer)\n"
        "1. Welcome\nThe meeting was quorate.\n"
    )
    kept = set(_plan(text).attendance)
    assert {"Mr Gareth Lloyd", "Gareth Lloyd", "Mr Lloyd", "Dr Ellis", "Mr Steven Marsh"} <= kept
    assert {"Mrs Fiona Walsh", "Mrs Bronwen Pugh", "Mrs Pugh"} <= kept
    assert not any("Thorne" in name or "Tran" in name for name in kept)
    assert not any("Welcome" in name or "quorate" in name for name in kept)


def test_a_section_over_two_pages_is_removed_from_both():
    pages = [
        Segment(
            "p1", "page 1", "1. Welcome\nHello.\n2. Closed session\nAva Thorne was", in_body=True
        ),
        Segment("p2", "page 2", "excluded today.\n3. Premises\nThe roof.", in_body=True),
    ]
    plan = plan_minutes(pages)
    findings, _ = minutes_findings(plan)
    assert [(f.segment_key, f.entity_type, f.text) for f in findings] == [
        ("p1", SECTION, "2. Closed session\nAva Thorne was"),
        ("p2", SECTION_CONTINUED, "excluded today."),
    ]
    assert findings[0].where == "page 1, line 3 to page 2, line 1"


def test_text_outside_the_body_is_not_read_as_minutes():
    segments = [
        Segment("c", "comments", "Part 2 – Confidential\nsecret", in_body=False),
        Segment("b", "body", "1. Welcome\nHello.", in_body=True),
    ]
    assert plan_minutes(segments).sections == ()


def test_a_numbered_list_inside_part_2_is_not_a_doubt():
    text = (
        OPENING + "\nPart 2 – Confidential\n3. Exclusion\nAva Thorne was excluded.\n"
        "1. Write to the family\n2. Arrange a reintegration meeting\n" + CLOSING
    )
    (section,) = _plan(text).sections
    assert section.uncertain == ""


def test_a_part_2_heading_that_does_not_say_confidential_is_flagged():
    text = OPENING + "\nPart 2: Curriculum review\nThe new scheme was adopted.\n" + CLOSING
    (section,) = _plan(text).sections
    assert "not as confidential" in section.uncertain


def test_part_2_in_minutes_without_typed_numbers_is_flagged():
    # Word's automatic numbering puts no digits in the text: "Finance" may be an item.
    text = (
        "Present: Mr Gareth Lloyd\n\nWelcome\nAll welcome.\n\n"
        "Confidential items\nExclusion\nAva Thorne was excluded.\n\nFinance\nThe budget.\n"
        + CLOSING
    )
    (section,) = _plan(text).sections
    assert "no typed item numbers" in section.uncertain
    assert "The budget." in _plan(text).lines[section.last].text  # removed, to be safe


def test_part_2_at_the_end_of_unnumbered_minutes_with_only_prose_is_not_flagged():
    text = "Present: Mr Gareth Lloyd\n\nWelcome\nAll welcome.\n\nPart 2\nAva Thorne was excluded.\n"
    (section,) = _plan(text).sections
    assert section.uncertain == ""


def test_only_the_sentence_that_refers_to_part_2_is_replaced():
    text = (
        OPENING
        + "\n3. Attendance\nAttendance rose to 95.1% this term. Specific cases are reported "
        "in Part 2. Persistent absence fell by a third.\n"
        "\nPart 2 – Confidential\n4. Attendance cases\nNoor Hadley (4B) has missed 20 days.\n"
        + CLOSING
    )
    findings, _ = minutes_findings(_plan(text))
    (reference,) = [f for f in findings if f.entity_type == REFERENCE]
    assert reference.text == "Specific cases are reported in Part 2."


def test_the_meetings_actions_after_part_2_are_published_and_flagged():
    """An actions list after Part 2 is the whole meeting's: its rows that point at Part 2
    go as references, the others are published, and a person is asked to check."""
    text = (
        OPENING + "\nPart 2 – Confidential\n3. Exclusion\nAva Thorne was excluded.\n\n"
        "Actions\nNo.  Action                       Who\n"
        "1    Send the policy to staff     Mrs Price\n"
        "2    Write to the family (Part 2)  Mr Lloyd\n" + CLOSING
    )
    plan = _plan(text)
    assert _section_texts(text) == [("Part 2 – Confidential", "Actions")]
    assert "actions from line" in plan.sections[0].uncertain
    assert "removed with the Part 2 section" not in plan.sections[0].uncertain
    findings, review = minutes_findings(plan)
    assert [f.text.split()[1] for f in findings if f.entity_type == REFERENCE] == ["Write"]
    assert [r.entity_type for r in review] == [BOUNDARY]


@pytest.mark.parametrize("closing", ["Next forum: Thursday 8 May at 4pm", "Next meeting"])
def test_the_next_meeting_line_ends_part_2(closing):
    text = OPENING + "\nPart 2 – Confidential\n3. Exclusion\nAva Thorne was excluded.\n\n"
    assert _section_texts(text + closing + "\n") == [("Part 2 – Confidential", closing)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Mr Lloyd declared an interest in item 4 and will leave the room for it.",
        "Mrs Price and Dr Ellis declared an interest in Part 2 item 4.",
        "Mr Lloyd left the meeting before Part 2.",
        "Mrs Pask declared that she knows one of the parents attending under item 4.",
    ],
)
def test_who_declared_an_interest_or_left_for_part_2_is_not_replaced(sentence):
    text = (
        OPENING.replace("The Chair welcomed everyone.", f"The Chair welcomed everyone. {sentence}")
        + "\nPart 2 – Confidential\n4. Exclusion\nAva Thorne was excluded.\n"
        + CLOSING
    )
    findings, _ = minutes_findings(_plan(text))
    assert [f for f in findings if f.entity_type == REFERENCE] == []
