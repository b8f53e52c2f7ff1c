"""Every recognizer file's own examples: each 'match' is found, each 'keep' is not.
And the strict loader refuses malformed files instead of skipping them."""

from __future__ import annotations

import pytest

from redactor.detection.recognizer_files import load_definitions
from redactor.errors import RecognizerDefinitionError

DEFINITIONS = load_definitions()
THRESHOLD = 0.5
MATCHES = [(d, ex) for d in DEFINITIONS for ex in d.matches]
KEEPS = [(d, text) for d in DEFINITIONS for text in d.keeps]


def _ids(cases):
    seen: dict[str, int] = {}
    ids = []
    for definition, _ in cases:
        seen[definition.name] = seen.get(definition.name, -1) + 1
        ids.append(f"{definition.name}-{seen[definition.name]}")
    return ids


@pytest.mark.parametrize("definition, example", MATCHES, ids=_ids(MATCHES))
def test_match_examples_are_found(engine, definition, example):
    start = example.text.index(example.value)
    found = engine.detect([example.text])[0]
    spans = [
        (f.start, f.end)
        for f in found
        if f.entity_type == definition.entity and f.score >= THRESHOLD
    ]
    assert (start, start + len(example.value)) in spans, (example.value, spans)


@pytest.mark.parametrize("definition, text", KEEPS, ids=_ids(KEEPS))
def test_keep_examples_are_not_found(engine, definition, text):
    found = engine.detect([text])[0]
    hits = [
        text[f.start : f.end]
        for f in found
        if f.entity_type == definition.entity
        and f.recognizer == definition.name
        and f.score >= THRESHOLD
    ]
    assert hits == []


GOOD = """
name: sample
entity: THING
description: a test recognizer
patterns:
  - {name: p, regex: 'x+', score: 0.6}
examples:
  match: [xx]
  keep: [y]
"""


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t: t + "colour: red\n", "unknown keys ['colour']"),
        (lambda t: t.replace("examples:\n  match: [xx]\n  keep: [y]\n", ""), "missing keys"),
        (lambda t: t.replace("'x+'", "'x(+'"), "not a valid regular expression"),
        (lambda t: t + "validator: luhn\n", "unknown validator 'luhn'"),
        (lambda t: t.replace("0.6", "1.5"), "score must be in (0, 1]"),
        (lambda t: t.replace("keep: [y]", "keep: []"), "at least one match and one keep"),
        (
            lambda t: t.replace("description: a test recognizer", "description: ''"),
            "'description' must be non-empty",
        ),
        (lambda t: "- just a list\n", "must be a mapping"),
    ],
    ids=[
        "unknown-key",
        "no-examples",
        "bad-regex",
        "unknown-validator",
        "bad-score",
        "empty-keep",
        "empty-description",
        "not-a-mapping",
    ],
)
def test_malformed_files_stop_the_run(tmp_path, change, message):
    (tmp_path / "sample.yaml").write_text(change(GOOD), encoding="utf-8")
    with pytest.raises(RecognizerDefinitionError) as error:
        load_definitions(tmp_path)
    assert message in error.value.reason


def test_duplicate_names_and_an_empty_folder_are_refused(tmp_path):
    with pytest.raises(RecognizerDefinitionError, match="no recognizer files"):
        load_definitions(tmp_path)
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(RecognizerDefinitionError, match="used twice"):
        load_definitions(tmp_path)


def test_the_shipped_files_load():
    assert {d.name for d in DEFINITIONS} >= {
        "uk_postcode",
        "email",
        "upn",
        "uln",
        "nhs_number",
        "uk_nino",
        "date_of_birth",
        "title_surname",
    }
