"""Staff lists from a CSV become keep phrases; a file that cannot be used stops the run."""

from __future__ import annotations

import pytest

from redactor.errors import ConfigError, ExitCode
from redactor.staff import load_staff


def write(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "staff.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_forename_surname_and_title_columns(tmp_path):
    path = write(
        tmp_path, "Title,Forename,Surname,Role\nMrs,Janet,Price,Head\nMr,Daniel,Osei,DSL\n"
    )
    assert load_staff(path) == (
        "Janet Price",
        "Mrs Janet Price",
        "Mrs Price",
        "Daniel Osei",
        "Mr Daniel Osei",
        "Mr Osei",
    )


def test_a_name_column_with_titles_and_a_byte_order_mark(tmp_path):
    path = write(tmp_path, "\ufeffFull Name,Role\nMiss Laura Bennett,SENCo\nTom Hughes,Y4\n")
    assert load_staff(path) == ("Laura Bennett", "Miss Laura Bennett", "Miss Bennett", "Tom Hughes")


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "is empty"),
        ("Role,Phone\nHead,0\n", "needs a 'Name' column"),
    ],
)
def test_unusable_files_stop_the_run(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message) as error:
        load_staff(write(tmp_path, text))
    assert error.value.exit_code == ExitCode.USAGE


def test_missing_or_non_utf8_file(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_staff(tmp_path / "none.csv")
    with pytest.raises(ConfigError, match="cannot be read as UTF-8"):
        load_staff(write(tmp_path, "Name\nZo\xe9 Price\n", encoding="cp1252"))


def test_staff_on_the_command_line_are_kept(run_cli, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Mrs Price spoke to Olivia Smith (Year 4).\n", encoding="utf-8")
    staff = write(tmp_path, "Name\nMrs Janet Price\n")
    result = run_cli("redact", note, "-o", tmp_path / "out", "--staff", staff)
    assert result.code == ExitCode.OK
    assert (tmp_path / "out" / "note.txt").read_text(encoding="utf-8") == (
        "Mrs Price spoke to [PUPIL] (Year 4).\n"
    )
