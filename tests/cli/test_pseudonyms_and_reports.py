"""Pseudonyms across a batch, the encrypted key and reveal, and reports without values."""

from __future__ import annotations

import json

import pytest

from redactor.errors import ExitCode

DOC_A = "Olivia Smith (Year 4) and her mum, Sarah Jones, came in.\n"
DOC_B = "Later Olivia Smith (Year 4) met Kwame Mensah. Sarah Jones rang.\n"
VALUES = ["Olivia", "Smith", "Sarah", "Jones", "Kwame", "Mensah"]


@pytest.fixture
def folder(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text(DOC_A, encoding="utf-8")
    (source / "b.txt").write_text(DOC_B, encoding="utf-8")
    return source


def test_same_person_same_pseudonym_in_every_file(run_cli, folder, tmp_path):
    result = run_cli("redact", folder, "-o", tmp_path / "out", "--style", "pseudonym")
    assert result.code == ExitCode.OK, result.err
    a = (tmp_path / "out" / "a.txt").read_text(encoding="utf-8")
    b = (tmp_path / "out" / "b.txt").read_text(encoding="utf-8")
    assert a == "Pupil A (Year 4) and her mum, Parent B, came in.\n"
    assert b == "Later Pupil A (Year 4) met Person C. Parent B rang.\n"


def test_key_file_round_trip_restores_names(run_cli, folder, tmp_path, monkeypatch):
    monkeypatch.setenv("REDACTOR_PASSPHRASE", "correct horse battery")
    key = tmp_path / "people.key"
    result = run_cli(
        "redact", folder, "-o", tmp_path / "out", "--style", "pseudonym", "--key-out", key
    )
    assert result.code == ExitCode.OK, result.err
    raw = key.read_text(encoding="utf-8")
    for value in VALUES:
        assert value not in raw, "the key file must be encrypted"
    restored = tmp_path / "restored.txt"
    result = run_cli("reveal", tmp_path / "out" / "b.txt", "--key", key, "-o", restored)
    assert result.code == ExitCode.OK, result.err
    assert restored.read_text(encoding="utf-8") == DOC_B


def test_reveal_with_wrong_passphrase_is_2(run_cli, folder, tmp_path, monkeypatch):
    monkeypatch.setenv("REDACTOR_PASSPHRASE", "correct horse battery")
    key = tmp_path / "people.key"
    run_cli("redact", folder, "-o", tmp_path / "out", "--style", "pseudonym", "--key-out", key)
    monkeypatch.setenv("REDACTOR_PASSPHRASE", "wrong horse battery")
    result = run_cli("reveal", tmp_path / "out" / "a.txt", "--key", key, "-o", tmp_path / "r.txt")
    assert result.code == ExitCode.USAGE
    assert "wrong passphrase" in result.err
    assert not (tmp_path / "r.txt").exists()


def test_without_key_out_no_mapping_is_written(run_cli, folder, tmp_path):
    before = set(tmp_path.rglob("*"))
    run_cli("redact", folder, "-o", tmp_path / "out", "--style", "pseudonym")
    written = set(tmp_path.rglob("*")) - before
    assert {p.name for p in written} == {"out", "a.txt", "b.txt"}


def test_two_jobs_give_the_same_output_as_one(run_cli, folder, tmp_path):
    for jobs in ("1", "2"):
        result = run_cli(
            "redact", folder, "-o", tmp_path / f"out{jobs}", "--style", "pseudonym", "--jobs", jobs
        )
        assert result.code == ExitCode.OK, result.err
    for name in ("a.txt", "b.txt"):
        assert (tmp_path / "out1" / name).read_bytes() == (tmp_path / "out2" / name).read_bytes()


def test_report_has_counts_hashes_and_no_values(run_cli, folder, tmp_path):
    report_path = tmp_path / "report.json"
    missing = tmp_path / "missing.txt"
    result = run_cli("redact", folder, missing, "-o", tmp_path / "out", "--report", report_path)
    assert result.code == ExitCode.FILE_FAILED
    text = report_path.read_text(encoding="utf-8")
    for value in VALUES:
        assert value not in text
    report = json.loads(text)
    by_input = {f["input"]: f for f in report["files"]}
    assert by_input[str(missing)]["status"] == "refused"
    a = by_input[str(folder / "a.txt")]
    assert a["counts"] == {"PERSON/parent": 1, "PERSON/pupil": 1}
    assert len(a["sha256_input"]) == 64 and len(a["sha256_output"]) == 64
    assert report["summary"] == {
        "files": 3,
        "processed": 2,
        "refused": 1,
        "findings": 5,
        "to_review": 0,
    }


def test_blackout_keeps_lengths(run_cli, folder, tmp_path):
    run_cli("redact", folder / "a.txt", "-o", tmp_path / "out", "--style", "blackout")
    text = (tmp_path / "out" / "a.txt").read_text(encoding="utf-8")
    assert len(text) == len(DOC_A)
    assert "█" * len("Olivia Smith") in text


def test_no_progress_bar_when_not_a_terminal(run_cli, folder, tmp_path):
    result = run_cli("redact", folder, "-o", tmp_path / "out")
    assert "\x1b[" not in result.err, "no terminal control codes in captured output"
    assert "Working through files" not in result.err
