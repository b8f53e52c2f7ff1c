"""Every recognizer file's own examples: each 'match' is found, each 'keep' is not.
And the strict loader refuses malformed files instead of skipping them.

The examples live in ``recognizers/*.yaml``; this one table runs them all, so a
new recognizer is tested by writing its examples, and a change to a pattern that
breaks an example fails the build.
"""

from __future__ import annotations

import pytest

from redactor.detection.recognizer_files import Example, RecognizerDefinition, load_definitions
from redactor.errors import RecognizerDefinitionError

DEFINITIONS = load_definitions()
THRESHOLD = 0.5  # Config's default score_threshold: what is redacted without review

# Known faults outside the recognizer files, by test id. Strict: when the fault is
# fixed the test passes, pytest fails the xfail, and the entry must be removed.
# Keep examples that fail for a known reason, as strict xfails (none at present).
KNOWN_FAULTS: dict[str, str] = {}


def _cases(kind: str) -> list[pytest.ParameterSet]:
    cases = []
    for definition in DEFINITIONS:
        examples = definition.matches if kind == "match" else definition.keeps
        for index, example in enumerate(examples):
            case_id = f"{definition.name}-{kind}-{index}"
            marks = (
                [pytest.mark.xfail(strict=True, reason=KNOWN_FAULTS[case_id])]
                if case_id in KNOWN_FAULTS
                else []
            )
            cases.append(pytest.param(definition, example, id=case_id, marks=marks))
    return cases


@pytest.mark.parametrize("definition, example", _cases("match"))
def test_match_example_is_found_exactly(engine, definition: RecognizerDefinition, example: Example):
    start = example.text.index(example.value)
    wanted = (start, start + len(example.value))
    found = engine.detect([example.text])[0]
    spans = [
        (f.start, f.end)
        for f in found
        if f.entity_type == definition.entity and f.score >= THRESHOLD
    ]
    assert wanted in spans, f"{example.value!r} not found as {definition.entity}: {spans}"


@pytest.mark.parametrize("definition, example", _cases("keep"))
def test_keep_example_is_not_found(engine, definition: RecognizerDefinition, example: str):
    # Any recognizer counts, not only this file's: a look-alike that another
    # recognizer redacts under the same label is still redacted.
    found = engine.detect([example])[0]
    hits = [
        (example[f.start : f.end], f.recognizer, f.score)
        for f in found
        if f.entity_type == definition.entity and f.score >= THRESHOLD
    ]
    assert hits == []


def test_every_shipped_recognizer_is_loaded_with_examples():
    names = [d.name for d in DEFINITIONS]
    assert set(names) >= {
        "uk_postcode",
        "email",
        "upn",
        "uln",
        "nhs_number",
        "uk_nino",
        "date_of_birth",
        "title_surname",
    }
    assert len(names) == len(set(names))
    assert all(d.matches and d.keeps for d in DEFINITIONS)


def test_the_table_runs_every_example():
    # Guards the parametrisation itself: an empty table would pass vacuously.
    assert len(_cases("match")) == sum(len(d.matches) for d in DEFINITIONS) > 0
    assert len(_cases("keep")) == sum(len(d.keeps) for d in DEFINITIONS) > 0


# ---------------------------------------------------------------- the strict loader

GOOD = """\
name: sample
entity: THING
description: a test recognizer
patterns:
  - {name: p, regex: 'x+', score: 0.6}
validator: upn
examples:
  match: [xx, {text: 'an xx here', value: xx}]
  keep: [y]
"""


def _write(tmp_path, text, name="sample.yaml"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_good_file_loads(tmp_path):
    (definition,) = load_definitions(_write(tmp_path, GOOD))
    assert definition.name == "sample"
    assert definition.entity == "THING"
    assert definition.patterns == (("p", "x+", 0.6),)
    assert definition.validator == "upn"
    assert definition.case_sensitive is False
    assert [(m.text, m.value) for m in definition.matches] == [("xx", "xx"), ("an xx here", "xx")]
    assert definition.keeps == ("y",)


@pytest.mark.parametrize(
    "bad, message",
    [
        pytest.param(GOOD + "colour: red\n", "unknown keys ['colour']", id="unknown-key"),
        pytest.param(
            GOOD.replace("patterns:", "pattern:"), "unknown keys ['pattern']", id="misspelt-key"
        ),
        pytest.param(GOOD.split("examples:")[0], "missing keys ['examples']", id="no-examples"),
        pytest.param(
            GOOD.replace("  keep: [y]\n", ""), "needs 'match' and 'keep'", id="examples-no-keep"
        ),
        pytest.param(
            GOOD.replace("keep: [y]", "keep: []"),
            "at least one match and one keep",
            id="empty-keep",
        ),
        pytest.param(
            GOOD.replace("value: xx}", "value: zz}"), "bad match example", id="value-not-in-text"
        ),
        pytest.param(
            GOOD.replace(
                "{text: 'an xx here', value: xx}", "{text: 'on 2016-02-03', value: 2016-02-03}"
            ),
            "quote dates and numbers",
            id="unquoted-date-value",
        ),
        pytest.param(
            GOOD.replace("'x+'", "'x(+'"), "not a valid regular expression", id="bad-regex"
        ),
        pytest.param(
            GOOD.replace("validator: upn", "validator: luhn"),
            "unknown validator 'luhn'",
            id="unknown-validator",
        ),
        pytest.param(GOOD.replace("0.6", "1.5"), "score must be in (0, 1]", id="score-above-1"),
        pytest.param(GOOD.replace("0.6", "0"), "score must be in (0, 1]", id="score-zero"),
        pytest.param(GOOD.replace("0.6", "-0.2"), "score must be in (0, 1]", id="score-negative"),
        pytest.param(GOOD.replace("0.6", "high"), "score must be in (0, 1]", id="score-not-number"),
        pytest.param(
            GOOD.replace("score: 0.6", "score: 0.6, flags: i"),
            "each pattern needs",
            id="pattern-key",
        ),
        pytest.param(
            GOOD.replace("patterns:\n  - {name: p, regex: 'x+', score: 0.6}", "patterns: []"),
            "'patterns' must be a non-empty list",
            id="no-patterns",
        ),
        pytest.param(
            GOOD.replace("description: a test recognizer", "description: ''"),
            "'description' must be non-empty",
            id="empty-description",
        ),
        pytest.param(
            GOOD + "case_sensitive: sometimes\n", "'case_sensitive' must be", id="case-not-bool"
        ),
        pytest.param(GOOD + "context: upn\n", "'context' must be a list", id="context-not-list"),
        pytest.param("- just a list\n", "must be a mapping", id="not-a-mapping"),
        pytest.param(GOOD + "  nested: [\n", "cannot be read", id="yaml-syntax-error"),
    ],
)
def test_malformed_file_stops_the_run(tmp_path, bad, message):
    with pytest.raises(RecognizerDefinitionError) as error:
        load_definitions(_write(tmp_path, bad))
    assert message in error.value.reason
    assert "sample.yaml" in error.value.reason  # the user is told which file


def test_duplicate_names_are_refused(tmp_path):
    _write(tmp_path, GOOD, "a.yaml")
    _write(tmp_path, GOOD, "b.yaml")
    with pytest.raises(RecognizerDefinitionError, match=r"used twice: \['sample'\]"):
        load_definitions(tmp_path)


def test_one_bad_file_among_good_ones_stops_the_run(tmp_path):
    _write(tmp_path, GOOD, "a.yaml")
    _write(tmp_path, GOOD.replace("name: sample", "name: other") + "oops: 1\n", "b.yaml")
    with pytest.raises(RecognizerDefinitionError, match="b.yaml"):
        load_definitions(tmp_path)


def test_an_empty_folder_is_refused(tmp_path):
    with pytest.raises(RecognizerDefinitionError, match="no recognizer files"):
        load_definitions(tmp_path)
