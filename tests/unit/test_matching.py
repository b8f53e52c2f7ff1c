"""Whole-word phrase matching, shared by keep lists, propagation and verification."""

from __future__ import annotations

import pytest

from redactor.detection.matching import (
    find_every_phrase,
    find_phrases,
    normalise,
    occurrences,
    phrase_pattern,
)


def found(phrase: str, text: str, *, any_case: bool = False) -> list[str]:
    return [text[s:e] for s, e in occurrences(phrase, text, any_case=any_case)]


@pytest.mark.parametrize(
    "phrase, text, expected",
    [
        ("Grace", "Grace and GRACE came.", ["Grace", "GRACE"]),  # as written, and capitals
        ("Grace", "a grace period", []),  # lower case is the word, not the name
        ("grace", "Grace came, GRACE too, grace period", ["Grace", "GRACE", "grace"]),  # Title
        ("Olivia Smith", "OLIVIA SMITH - report", ["OLIVIA SMITH"]),  # capitals, two words
        ("Olivia Smith", "olivia smith", []),  # lower case, two words
        ("McDonald", "MCDONALD and Mcdonald", ["MCDONALD"]),  # no other case mixes
        ("Olivia", "Olivia's coat", ["Olivia"]),  # possessive: the name alone
        ("Olivia", "Olivia’s coat", ["Olivia"]),  # curly apostrophe
        ("Olivia", "Olivia, Olivia. (Olivia)", ["Olivia", "Olivia", "Olivia"]),  # punctuation
        ("Ann", "Anna and Joanne and Ann", ["Ann"]),  # not inside a longer word
        ("Ann", "Ann2 and 2Ann", []),  # digits are word characters
        ("Ann", "Ann_x and x_Ann", ["Ann", "Ann"]),  # an underscore is not a letter here
        ("Smith", "Smith-Jones", ["Smith"]),  # a hyphen ends a word
        ("Olivia Smith", "Olivia\nSmith", ["Olivia\nSmith"]),  # a line break between words
        ("Olivia Smith", "Olivia  \t Smith", ["Olivia  \t Smith"]),  # any white space
        ("Olivia  Smith", "Olivia Smith", ["Olivia Smith"]),  # in the phrase too
        ("Olivia Smith", "Olivia-Smith", []),  # a hyphen is not white space
        ("Dr. Okafor", "Dr. Okafor and Dr Okafor", ["Dr. Okafor"]),  # punctuation is literal
        ("Mrs (Acting)", "Mrs (Acting) Head", ["Mrs (Acting)"]),  # regex characters escaped
        ("Zoë", "ZOË and Zoë and Zoe", ["ZOË", "Zoë"]),  # accents, in capitals too
    ],
)
def test_occurrences(phrase, text, expected):
    assert found(phrase, text) == expected


@pytest.mark.parametrize(
    "phrase, text, expected",
    [
        ("Grace", "grace and GRACE and gRaCe", ["grace", "GRACE", "gRaCe"]),
        ("Key Stage 2", "key\nstage 2 data", ["key\nstage 2"]),
        ("Ann", "anna ANN", ["ANN"]),  # still whole words
    ],
)
def test_any_case(phrase, text, expected):
    assert found(phrase, text, any_case=True) == expected


@pytest.mark.parametrize("phrase", ["", "   ", "\n"])
def test_an_empty_phrase_matches_nothing(phrase):
    assert found(phrase, "some text") == []
    assert list(find_phrases([phrase], "some text")) == []


def test_offsets_point_at_the_text():
    text = "Dear Olivia, Olivia's mum called."
    assert list(occurrences("Olivia", text)) == [(5, 11), (13, 19)]


def test_patterns_are_cached_per_phrase_and_case_rule():
    assert phrase_pattern("Grace", any_case=False) is phrase_pattern("Grace", any_case=False)
    assert phrase_pattern("Grace", any_case=False) is not phrase_pattern("Grace", any_case=True)


def test_find_phrases_prefers_the_longer_phrase_and_names_it():
    text = "Janet Price and Janet met; JANET PRICE left."
    assert list(find_phrases(["Janet", "Janet Price"], text)) == [
        (0, 11, "Janet Price"),
        (16, 21, "Janet"),
        (27, 38, "Janet Price"),  # reported under the phrase as given, not as written
    ]


def test_find_phrases_any_case():
    text = "headteacher and HEADTEACHER"
    assert [p for _, _, p in find_phrases(["Headteacher"], text, any_case=True)] == [
        "Headteacher",
        "Headteacher",
    ]
    assert list(find_phrases(["Headteacher"], text)) == [(16, 27, "Headteacher")]


def test_find_every_phrase_lets_a_shorter_phrase_be_found_inside_a_longer_one():
    text = "her dad Andrew came"
    hits = sorted(find_every_phrase(["dad", "dad Andrew"], text, any_case=True))
    assert hits == [(4, 7, "dad"), (4, 14, "dad Andrew")]
    # find_phrases alone hides the shorter one
    assert list(find_phrases(["dad", "dad Andrew"], text, any_case=True)) == [(4, 14, "dad Andrew")]


@pytest.mark.parametrize(
    "phrase, key",
    [("Olivia  Smith", "olivia smith"), ("OLIVIA\nSMITH", "olivia smith"), (" Ann ", "ann")],
)
def test_normalise(phrase, key):
    assert normalise(phrase) == key


def test_dotted_initials_match_in_title_case():
    text = "Books by J.K. Rowling and C.S. Lewis."
    assert [text[a:b] for a, b, _ in find_phrases(["j.k. rowling", "c.s. lewis"], text)] == [
        "J.K. Rowling",
        "C.S. Lewis",
    ]


def test_a_phrase_set_finds_what_find_phrases_finds_and_is_indexed_once(monkeypatch):
    from redactor.detection import matching
    from redactor.detection.matching import PhraseSet, find_phrases

    text = "A trip to Kielder Water, then Beatrix Potter's house."
    phrases = ["kielder water", "beatrix potter", "potter"]
    expected = list(find_phrases(phrases, text))
    built = []
    real = matching._build_index
    monkeypatch.setattr(matching, "_build_index", lambda *a: built.append(a) or real(*a))
    vocabulary = PhraseSet(phrases)
    assert list(vocabulary.find(text)) == expected
    for n in range(300):  # a long document's own lists pass through the shared cache
        list(find_phrases([f"name{n}"], text))
    assert len(list(vocabulary.find(text))) == 2
    assert sum(1 for args in built if args[0] == tuple(phrases)) == 1
