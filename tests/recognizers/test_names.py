"""Name-list rules that need the tagger (``names.py``), on SYNTHETIC sentences: a first
name followed by a surname that is also a place word is a person; a word-name followed
by a place word is a place."""

from __future__ import annotations

import pytest

THRESHOLD = 0.5


def people(engine, text: str) -> list[str]:
    found = engine.detect([text])[0]
    return [
        text[f.start : f.end] for f in found if f.entity_type == "PERSON" and f.score >= THRESHOLD
    ]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Supply cover on Thursday is Amina Hall from the agency.", "Amina Hall"),
        ("Samantha Day (social worker) will visit on Monday.", "Samantha Day"),
        ("The letter was signed by Oluwaseun Field yesterday.", "Oluwaseun Field"),
    ],
)
def test_a_first_name_with_a_place_word_surname_is_a_person(engine, text, name):
    assert name in people(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ruby Class will go to the library on Monday.",  # a class named after a word-name
        "The walk ends at Rose Hill car park.",  # a place named after a word-name
        "We met at Holly Lodge on Monday.",
        "Ivy Class will sing in assembly.",
    ],
)
def test_a_word_name_with_a_place_word_is_a_place(engine, text):
    assert people(engine, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Review on Thurs 14th at 3.30pm in the ALN room.",  # a day's abbreviation
        "Clubs: Mon | Tues | Weds | Thurs | Fri",
    ],
)
def test_day_abbreviations_are_not_names(engine, text):
    assert people(engine, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The message sent on 2026 Sep 19 at 13:30 was delivered.",
        "Trip to the coast on 12 Sept 2026; letters home by 3 Oct.",
        "Minutes of the meeting held on Tue 4 Feb 2025",
    ],
)
def test_month_abbreviations_are_not_names(engine, text):
    assert people(engine, text) == []


def test_a_name_that_is_also_a_month_stays_a_name(engine):
    assert "Jan Pellow" in " ".join(people(engine, "Jan Pellow collected her at 3pm."))


@pytest.mark.parametrize(
    "text, name",
    [
        ("House captains: Herons - Zenoby E", "Zenoby E"),  # an unlisted name and an initial
        ("Contacts: mum Tiyanna 07700 900987 / dad Orrin", "Tiyanna"),  # before a phone
    ],
)
def test_an_unlisted_name_where_only_a_name_stands_is_a_person(engine, text, name):
    assert any(name in found for found in people(engine, text))


@pytest.mark.parametrize(
    "text",
    [
        "Take Vitamin D every morning.",  # an English word before a letter
        "Plan B is the hall.",
        "Reception 01632 960000 opens at 8.",  # an English word before a phone
        "Fix the Wi-Fi in Block C.",
    ],
)
def test_words_before_a_letter_or_a_phone_are_not_names(engine, text):
    assert people(engine, text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        # a double-barrelled surname as initials joined by a hyphen
        ("At lunch Idris Q-T pushed in the line.", "Idris Q-T"),
        # a hyphenated surname in capitals
        ("Pupil seen today: HAZEL PELLOW-VANE, with her key worker.", "HAZEL PELLOW-VANE"),
        # a name in lower case with a lower-case initial, in a table cell
        ("21/01/25\t10.30\tidris q\tHall\tclass", "idris q"),
        # a name in lower case with a listed surname in lower case
        ("Notes: 1. idris pellow moved to the maths group.", "idris pellow"),
        # a capital initial before a surname
        ("Repeated names this term: T Pellow (11 entries).", "T Pellow"),
        # a register written surname first, with a dotted initial
        ("Absence:\n  Pellow, T.     8B   84.5%   mostly Mondays", "Pellow, T."),
    ],
)
def test_a_name_takes_in_its_initials_and_joined_parts(engine, text, name):
    assert name in people(engine, text)


@pytest.mark.parametrize(
    "text, name, not_taken",
    [
        ("Ask if idris will bring the form.", "idris", "idris will"),  # "will" is a word
        ("A Pellow family member rang.", "Pellow", "A Pellow"),  # "A" is a word
        ("Pellow, I think, rang first.", "Pellow", "Pellow, I"),  # no dot: a word
    ],
)
def test_words_around_a_name_are_not_taken_into_it(engine, text, name, not_taken):
    found = people(engine, text)
    assert name in found
    assert not any(not_taken in f for f in found)
