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
