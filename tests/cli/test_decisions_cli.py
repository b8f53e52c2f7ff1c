"""``redact --decisions``: a review's decisions applied again to the same inputs, and
refused (exit 2, nothing written) when an input changed. SYNTHETIC text."""

from __future__ import annotations

import json
from pathlib import Path

from redactor.decisions import (
    Decision,
    DecisionSet,
    DocumentDecisions,
    document_key,
    save,
    value_hash,
)
from redactor.errors import ExitCode
from redactor.safe_io import sha256_file

NOTE = (
    "Briefing note (synthetic).\n"
    "Olivia Smith (Year 4) has the Quillon bursary this term.\n"
    "Her mum, Kerensa Pellow, rang on 07700 900123.\n"
)


def decide(note: Path, make_redactor, tmp_path: Path) -> Path:
    """Decisions a person might make: Kerensa Pellow is kept (she is also a governor, say)
    and the bursary's name, which gives the child away, is added."""
    result = make_redactor().check_file(note)
    key = document_key(note.read_bytes())
    (kept,) = [f for f in result.findings if f.text == "Kerensa Pellow"]
    text = note.read_text(encoding="utf-8")
    (segment_key,) = {f.segment_key for f in result.findings}
    start = text.index("Quillon")
    decisions = DecisionSet(reviewer="Clerk")
    decisions.documents[result.sha256_in] = DocumentDecisions(
        str(note),
        result.sha256_in,
        [
            Decision("reject", kept.segment_key, kept.start, kept.end, "PERSON",
                     value_hash(key, kept.text), "A member of staff or governor", "Clerk"),
            Decision("add", segment_key, start, start + len("Quillon"), "PERSON",
                     value_hash(key, "Quillon"), "Missed personal data", "Clerk"),
        ],
    )  # fmt: skip
    path = tmp_path / "decisions.json"
    save(decisions, path)
    return path


def test_decisions_are_applied_to_the_same_input(run_cli, make_redactor, tmp_path):
    note = tmp_path / "in" / "note.txt"
    note.parent.mkdir()
    note.write_text(NOTE, encoding="utf-8")
    decisions = decide(note, make_redactor, tmp_path)
    result = run_cli("redact", note, "-o", tmp_path / "out", "--decisions", decisions)
    assert result.code == ExitCode.OK, result.err
    written = (tmp_path / "out" / "note.txt").read_text(encoding="utf-8")
    assert "Kerensa Pellow" in written  # rejected: kept
    assert "Quillon" not in written  # added: removed
    assert "Olivia" not in written and "07700 900123" not in written  # the rest as before


def test_decisions_about_a_changed_input_are_refused_and_nothing_is_written(
    run_cli, make_redactor, tmp_path
):
    note = tmp_path / "in" / "note.txt"
    note.parent.mkdir()
    note.write_text(NOTE, encoding="utf-8")
    decisions = decide(note, make_redactor, tmp_path)
    before = decisions.read_text(encoding="utf-8")
    note.write_text(NOTE.replace("this term", "this year"), encoding="utf-8")
    result = run_cli("redact", note, "-o", tmp_path / "out", "--decisions", decisions)
    assert result.code == ExitCode.USAGE
    assert "has changed since it was reviewed" in result.err
    assert not (tmp_path / "out").exists()
    assert decisions.read_text(encoding="utf-8") == before


def test_a_damaged_decisions_file_is_refused(run_cli, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    bad = tmp_path / "decisions.json"
    bad.write_text(json.dumps({"format": "redactor-review-decisions", "version": 1}))
    result = run_cli("redact", note, "-o", tmp_path / "out", "--decisions", bad)
    assert result.code == ExitCode.USAGE
    assert "cannot use" in result.err or "not one redactor can use" in result.err
    assert not (tmp_path / "out").exists()
    assert sha256_file(note)  # the input is untouched and readable


def test_decisions_with_pseudonyms_keep_the_kept_words(run_cli, make_redactor, tmp_path):
    note = tmp_path / "in" / "note.txt"
    note.parent.mkdir()
    note.write_text(NOTE, encoding="utf-8")
    decisions = decide(note, make_redactor, tmp_path)
    result = run_cli(
        "redact", note, "-o", tmp_path / "out", "--decisions", decisions, "--style", "pseudonym"
    )
    assert result.code == ExitCode.OK, result.err
    written = (tmp_path / "out" / "note.txt").read_text(encoding="utf-8")
    assert "Kerensa Pellow" in written and "Quillon" not in written
    assert "Olivia" not in written and "Pupil A" in written
