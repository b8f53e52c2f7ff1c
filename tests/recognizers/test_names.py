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
