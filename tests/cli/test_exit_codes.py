"""Every exit code and every bad-input case, through the real command line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from redactor.errors import ExitCode

NOTE = (
    "Briefing note (synthetic).\n\n"
    "Olivia Smith (Year 4) was collected by her mum, Sarah Jones, on 07700 900123.\n"
    "Her address is 14 Elm Road, Basingstoke RG22 4TY.\n"
)
VALUES = ["Olivia", "Smith", "Sarah Jones", "07700 900123", "Elm Road", "RG22 4TY"]
CLEAN = "The school fair raised money for new library books.\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def assert_no_values(*texts: str) -> None:
    for text in texts:
        for value in VALUES:
            assert value not in text, f"a detected value reached the console: {value!r}"


# --- 0 and 1 -----------------------------------------------------------------------


def test_redact_success_is_0_and_writes_a_clean_copy(run_cli, tmp_path):
    source = write(tmp_path / "in" / "note.txt", NOTE)
    result = run_cli("redact", tmp_path / "in", "-o", tmp_path / "out")
    assert result.code == ExitCode.OK
    written = (tmp_path / "out" / "note.txt").read_text(encoding="utf-8")
    assert_no_values(written, result.err, result.out)
    assert "Briefing note (synthetic)." in written
    assert source.read_text(encoding="utf-8") == NOTE


def test_check_clean_file_is_0(run_cli, tmp_path):
    result = run_cli("check", write(tmp_path / "clean.txt", CLEAN))
    assert result.code == ExitCode.OK
    assert "no personal data found" in result.err


def test_check_with_personal_data_is_1_and_masks_values(run_cli, tmp_path):
    result = run_cli("check", write(tmp_path / "note.txt", NOTE))
    assert result.code == ExitCode.FOUND
    assert "PERSON (pupil)" in result.err
    assert "O***** S****" in result.err
    assert "line 3" in result.err
    assert_no_values(result.err, result.out)


def test_check_show_values_prints_them_on_request(run_cli, tmp_path):
    result = run_cli("check", "--show-values", write(tmp_path / "note.txt", NOTE))
    assert result.code == ExitCode.FOUND
    assert "Olivia Smith" in result.err


def test_check_json_goes_to_stdout_without_values(run_cli, tmp_path):
    import json

    result = run_cli("check", "--json", write(tmp_path / "note.txt", NOTE))
    report = json.loads(result.out)
    assert report["files"][0]["counts"] == {
        "ADDRESS": 1,
        "PERSON/parent": 1,
        "PERSON/pupil": 1,
        "PHONE": 1,
    }
    assert_no_values(result.out)


# --- 2: usage and configuration -------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        ((), "Usage"),  # no command at all
        (("redact",), "Missing argument"),
        (("redact", "x.txt"), "Missing option"),
        (("check", "--jobs", "0", "x.txt"), "Invalid value"),
        (("check", "--no-such-option", "x.txt"), "No such option"),
        (("redact", "--style", "shout", "x.txt", "-o", "out"), "Invalid value"),
    ],
)
def test_usage_errors_are_2(run_cli, args, message):
    result = run_cli(*args)
    assert result.code == ExitCode.USAGE
    assert message in result.err


def test_bad_config_is_2_and_names_the_setting(run_cli, tmp_path):
    config = write(tmp_path / "school.toml", 'style = "label"\nthreshold = 0.4\n')
    result = run_cli("check", "--config", config, write(tmp_path / "a.txt", CLEAN))
    assert result.code == ExitCode.USAGE
    assert "unknown setting(s) threshold" in result.err


def test_config_that_is_not_toml_is_2(run_cli, tmp_path):
    config = write(tmp_path / "school.toml", "style = label = x\n")
    result = run_cli("check", "--config", config, write(tmp_path / "a.txt", CLEAN))
    assert result.code == ExitCode.USAGE
    assert "not valid TOML" in result.err


def test_missing_config_is_2(run_cli, tmp_path):
    result = run_cli("check", "--config", tmp_path / "nope.toml", write(tmp_path / "a.txt", CLEAN))
    assert result.code == ExitCode.USAGE
    assert "does not exist" in result.err


def test_output_inside_input_is_2_and_writes_nothing(run_cli, tmp_path):
    write(tmp_path / "in" / "note.txt", NOTE)
    result = run_cli("redact", tmp_path / "in", "-o", tmp_path / "in" / "out")
    assert result.code == ExitCode.USAGE
    assert "inside the input folder" in result.err
    assert not (tmp_path / "in" / "out").exists()


def test_key_out_without_pseudonyms_is_2(run_cli, tmp_path):
    source = write(tmp_path / "note.txt", NOTE)
    result = run_cli("redact", source, "-o", tmp_path / "out", "--key-out", tmp_path / "k.key")
    assert result.code == ExitCode.USAGE
    assert "--key-out only makes sense with --style pseudonym" in result.err


def test_damaged_model_is_2(run_cli, tmp_path, monkeypatch):
    import redactor.api as api
    from redactor.errors import ModelIntegrityError

    def damaged(roster=None):
        raise ModelIntegrityError("the language model file ner/model does not match")

    monkeypatch.setattr(api, "DetectionEngine", damaged)
    result = run_cli("check", write(tmp_path / "a.txt", CLEAN))
    assert result.code == ExitCode.USAGE
    assert "does not match" in result.err


# --- 3: files refused, the rest done -----------------------------------------------


def _refused(run_cli, tmp_path, bad: Path, reason: str) -> None:
    good = write(tmp_path / "in" / "good.txt", NOTE)
    result = run_cli("redact", good, bad, "-o", tmp_path / "out")
    assert result.code == ExitCode.FILE_FAILED, result.err
    assert f"REFUSED  {bad}: " in result.err
    assert reason in result.err
    assert (tmp_path / "out" / "good.txt").exists(), "the other file must still be done"
    assert not (tmp_path / "out" / bad.name).exists()
    assert_no_values(result.err)


def test_missing_path_is_3(run_cli, tmp_path):
    _refused(run_cli, tmp_path, tmp_path / "in" / "gone.txt", "does not exist")


def test_binary_file_named_txt_is_3(run_cli, tmp_path):
    bad = write(tmp_path / "in" / "photo.txt", bytes(range(256)) * 40)
    _refused(run_cli, tmp_path, bad, "not a text file")


def test_unknown_encoding_is_3(run_cli, tmp_path):
    bad = write(tmp_path / "in" / "ansi.txt", "Chlo\u00eb's caf\u00e9 note\n".encode("cp1252"))
    _refused(run_cli, tmp_path, bad, "not in the utf-8 encoding")


def test_empty_file_is_3(run_cli, tmp_path):
    _refused(run_cli, tmp_path, write(tmp_path / "in" / "empty.txt", ""), "the file is empty")


def test_huge_file_is_3(run_cli, tmp_path):
    bad = tmp_path / "in" / "huge.txt"
    bad.parent.mkdir(parents=True, exist_ok=True)
    with bad.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    _refused(run_cli, tmp_path, bad, "over the 25 MB limit")


def test_unreadable_file_is_3(run_cli, tmp_path, monkeypatch):
    bad = write(tmp_path / "in" / "locked.txt", NOTE)
    if os.geteuid() == 0:  # root reads anything: simulate the refusal the OS would give
        real = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self == bad:
                raise PermissionError(13, "Permission denied")
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    else:
        bad.chmod(0)
    _refused(run_cli, tmp_path, bad, "permission denied")


def test_unsupported_type_is_3(run_cli, tmp_path):
    _refused(
        run_cli, tmp_path, write(tmp_path / "in" / "sheet.xyz", "a,b"), "unsupported file type .xyz"
    )


def test_existing_output_is_3_without_force_and_0_with_it(run_cli, tmp_path):
    source = write(tmp_path / "note.txt", NOTE)
    out = write(tmp_path / "out" / "note.txt", "older copy")
    first = run_cli("redact", source, "-o", tmp_path / "out")
    assert first.code == ExitCode.FILE_FAILED
    assert "already exists (use --force" in first.err
    assert out.read_text(encoding="utf-8") == "older copy"
    second = run_cli("redact", source, "-o", tmp_path / "out", "--force")
    assert second.code == ExitCode.OK
    assert "[PUPIL]" in out.read_text(encoding="utf-8")


# --- 130 ---------------------------------------------------------------------------


def test_interrupt_is_130_and_leaves_nothing(run_cli, tmp_path, monkeypatch):
    import redactor.pipeline as pipeline

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "verify_output", interrupted)
    source = write(tmp_path / "in" / "note.txt", NOTE)
    result = run_cli("redact", source, "-o", tmp_path / "out")
    assert result.code == ExitCode.INTERRUPTED
    assert "Interrupted" in result.err
    assert list((tmp_path / "out").iterdir()) == []


# --- inputs are never modified -------------------------------------------------------


def test_inputs_are_unchanged_byte_for_byte(run_cli, tmp_path):
    import hashlib

    folder = tmp_path / "in"
    files = [write(folder / f"n{i}.txt", NOTE.replace("Olivia", f"Olivia{i}")) for i in range(3)]
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    stat_before = {p: p.stat().st_mtime_ns for p in files}
    assert run_cli("redact", folder, "-o", tmp_path / "out").code == ExitCode.OK
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in files} == before
    assert {p: p.stat().st_mtime_ns for p in files} == stat_before


@pytest.mark.parametrize("option", ["--roster", "--staff"])
def test_a_list_whose_columns_cannot_be_understood_stops_the_run(run_cli, tmp_path, option):
    """Exit 2 before any file is touched, naming the column and those found."""
    listed = tmp_path / "export.csv"
    listed.write_text("Forename,Surname,Shoe size\nAmy,Lane,4\n", encoding="utf-8")
    note = tmp_path / "in" / "note.txt"
    note.parent.mkdir()
    note.write_text("Amy Lane was absent.\n", encoding="utf-8")
    result = run_cli("redact", note.parent, "-o", tmp_path / "out", option, listed)
    assert result.code == ExitCode.USAGE
    assert "not understood: 'Shoe size'" in result.err and "Columns found" in result.err
    assert not (tmp_path / "out").exists()
