"""Review decisions: the file (no values, only places and keyed hashes), applying them
to a document's findings, and refusing decisions that no longer fit. SYNTHETIC text."""

from __future__ import annotations

import json

import pytest

from redactor.decisions import (
    Decision,
    DecisionSet,
    DocumentDecisions,
    KeepEverywhere,
    apply_decisions,
    check_inputs,
    document_key,
    load,
    save,
    summary,
    value_hash,
    with_decision,
)
from redactor.errors import DecisionsError, ExitCode
from redactor.model import Finding, Role, Segment

TEXT = "Tansy Morwood met Idris Pellow. Idris Pellow rang the Quillon office.\n"
SEGMENT = Segment("s0", "line 1", TEXT)
KEY = document_key(TEXT.encode("utf-8"))
SHA = "a" * 64


def finding(words: str, nth: int = 0, kind: str = "PERSON") -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return Finding("s0", start, start + len(words), kind, 0.9, "test", Role.OTHER, words)


def decision(action: str, words: str, nth: int = 0, kind: str = "PERSON") -> Decision:
    f = finding(words, nth, kind)
    return Decision(action, "s0", f.start, f.end, kind, value_hash(KEY, words), "Other", "Clerk")


FOUND = [finding("Tansy Morwood"), finding("Idris Pellow"), finding("Idris Pellow", 1)]


def test_the_hash_is_keyed_by_the_document_and_folds_case_and_spaces():
    assert value_hash(KEY, "Idris  Pellow") == value_hash(KEY, "idris pellow")
    other = document_key(b"another document")
    assert value_hash(other, "Idris Pellow") != value_hash(KEY, "Idris Pellow")


def test_a_rejected_finding_goes_and_its_words_may_stay():
    decided = DocumentDecisions("note.txt", SHA, [decision("reject", "Idris Pellow")])
    applied = apply_decisions(decided, KEY, [SEGMENT], FOUND, ())
    assert [(f.text, f.start) for f in applied.findings] == [
        ("Tansy Morwood", 0),
        ("Idris Pellow", TEXT.index("Idris Pellow", 20)),
    ]
    assert applied.rejected_values == ("Idris Pellow",)


def test_keep_everywhere_rejects_every_finding_with_the_same_words():
    keep = KeepEverywhere(value_hash(KEY, "idris pellow"), "A member of staff or governor")
    decided = DocumentDecisions("note.txt", SHA, keep_everywhere=[keep])
    applied = apply_decisions(decided, KEY, [SEGMENT], FOUND, ())
    assert [f.text for f in applied.findings] == ["Tansy Morwood"]


def test_an_added_finding_joins_and_an_accepted_one_stays():
    decided = DocumentDecisions(
        "note.txt",
        SHA,
        [decision("add", "Quillon"), decision("accept", "Tansy Morwood")],
    )
    applied = apply_decisions(decided, KEY, [SEGMENT], FOUND, ())
    added = [f for f in applied.findings if f.recognizer == "review"]
    assert [(f.text, f.entity_type, f.score) for f in added] == [("Quillon", "PERSON", 1.0)]
    assert "Tansy Morwood" in [f.text for f in applied.findings]


@pytest.mark.parametrize(
    "bad",
    [
        Decision("add", "s0", 0, 5, "PERSON", value_hash(KEY, "Quill")),  # other words there
        Decision("add", "s9", 0, 5, "PERSON", value_hash(KEY, "Tansy")),  # no such part
        Decision("add", "s0", 60, 500, "PERSON", value_hash(KEY, "x")),  # past the end
    ],
)
def test_an_addition_that_does_not_fit_the_document_is_refused(bad):
    with pytest.raises(DecisionsError) as refused:
        apply_decisions(DocumentDecisions("note.txt", SHA, [bad]), KEY, [SEGMENT], FOUND, ())
    assert "note.txt" in refused.value.reason
    assert refused.value.exit_code == ExitCode.USAGE


def test_the_last_decision_about_a_span_counts():
    decided = DocumentDecisions("note.txt", SHA, [decision("reject", "Tansy Morwood")])
    decided = with_decision(decided, decision("accept", "Tansy Morwood"))
    assert [d.action for d in decided.decisions] == ["accept"]


def test_the_file_round_trips_and_holds_no_words(tmp_path):
    decisions = DecisionSet(reviewer="Mrs Clerk")
    decisions.documents[SHA] = DocumentDecisions(
        "notes/note.txt",
        SHA,
        [decision("reject", "Idris Pellow"), decision("add", "Quillon")],
        [KeepEverywhere(value_hash(KEY, "tansy morwood"), "A member of staff or governor")],
    )
    path = tmp_path / "decisions.json"
    save(decisions, path)
    written = path.read_text(encoding="utf-8")
    for words in ("Tansy", "Morwood", "Idris", "Pellow", "Quillon"):
        assert words not in written
    again = load(path)
    assert again.reviewer == "Mrs Clerk"
    assert again.documents[SHA].decisions == decisions.documents[SHA].decisions
    assert again.documents[SHA].keep_everywhere == decisions.documents[SHA].keep_everywhere


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps({"format": "something else", "version": 1, "documents": []}),
        json.dumps({"format": "redactor-review-decisions", "version": 9, "documents": []}),
        json.dumps(
            {
                "format": "redactor-review-decisions",
                "version": 1,
                "documents": [{"name": "a.txt", "sha256": "x", "decisions": []}],
            }
        ),
        json.dumps(
            {
                "format": "redactor-review-decisions",
                "version": 1,
                "documents": [
                    {
                        "name": "a.txt",
                        "sha256": SHA,
                        "decisions": [
                            {
                                "action": "reject",
                                "part": "s0",
                                "start": 0,
                                "end": 5,
                                "kind": "PERSON",
                                "value": "Tansy Morwood",
                            }  # a value, not a hash
                        ],
                    }
                ],
            }
        ),  # fmt: skip
    ],
)
def test_a_damaged_or_foreign_file_is_refused_and_left_as_it_is(tmp_path, content):
    path = tmp_path / "decisions.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DecisionsError) as refused:
        load(path)
    assert str(path) in refused.value.reason and "left as it is" in refused.value.reason
    assert path.read_text(encoding="utf-8") == content


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(DecisionsError, match="does not exist"):
        load(tmp_path / "nowhere.json")


def test_decisions_about_a_changed_or_absent_input_are_refused():
    decisions = DecisionSet()
    decisions.documents[SHA] = DocumentDecisions("notes/note.txt", SHA)
    check_inputs(decisions, [("elsewhere/note.txt", SHA)])  # the same content: fine
    with pytest.raises(DecisionsError, match="has changed since it was reviewed"):
        check_inputs(decisions, [("notes/note.txt", "b" * 64)])
    with pytest.raises(DecisionsError, match="not among the inputs"):
        check_inputs(decisions, [("other.txt", "b" * 64)])


def test_the_summary_for_the_record_counts_and_gives_reasons_without_values():
    decisions = DecisionSet(reviewer="Mrs Clerk")
    decisions.documents[SHA] = DocumentDecisions(
        "note.txt", SHA, [decision("reject", "Idris Pellow"), decision("add", "Quillon")]
    )
    record = summary(decisions)
    (document,) = record["documents"]
    assert document["counts"] == {"reject": {"PERSON": 1}, "add": {"PERSON": 1}}
    assert document["reasons"] == ["Other"]
    assert "Pellow" not in json.dumps(record) and value_hash(KEY, "Quillon") not in json.dumps(
        record
    )
