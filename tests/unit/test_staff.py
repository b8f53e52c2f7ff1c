"""Staff and governors lists become keep phrases; a list that cannot be used stops the run.

SYNTHETIC: every name, e-mail and code here is invented.
"""

from __future__ import annotations

import json

import pytest

from redactor.errors import ConfigError, ExitCode
from redactor.exports import split_name
from redactor.staff import keep_phrases_for, listed_staff, load_staff, staff_phrases


def write(tmp_path, text, encoding="utf-8", name="staff.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def phrases(path, children=frozenset()):
    return keep_phrases_for(listed_staff(load_staff(path)), children).always


def test_forename_surname_and_title_columns(tmp_path):
    path = write(
        tmp_path, "Title,Forename,Surname,Role\nMrs,Janet,Price,Head\nMr,Daniel,Osei,DSL\n"
    )
    kept = phrases(path)
    for form in (
        "Janet Price",
        "Mrs Janet Price",
        "Mrs Price",
        "Price, Janet",
        "J. Price",
        "Mrs J Price",
        "Janet",
        "Price",
        "JP",
        "Daniel Osei",
        "Mr Osei",
        "DO",
    ):
        assert form in kept, form


def test_a_whole_name_column_with_several_titles_and_a_byte_order_mark(tmp_path):
    path = write(
        tmp_path, "\ufeffFull Name,Role\nRevd Canon Edith Marlow,Vice-chair\nTom Hughes,Y4\n"
    )
    kept = phrases(path)
    for form in (
        "Edith Marlow",
        "Revd Marlow",
        "Canon Marlow",
        "Revd Canon Marlow",
        "Revd Canon Edith Marlow",
        "Tom Hughes",
        "TH",
    ):
        assert form in kept, form


def test_preferred_names_emails_and_staff_codes(tmp_path):
    path = write(
        tmp_path,
        "Staff ID,Legal Forename,Known As,Legal Surname,Work Email,Staff Code\n"
        "S1,Oluwafemi,Femi,Adebayo-Cole,o.adebayo@school.example,OAC\n",
    )
    kept = phrases(path)
    for form in (
        "Femi Adebayo-Cole",
        "Oluwafemi Adebayo-Cole",
        "Femi",
        "FA",
        "o.adebayo@school.example",
        "OAC",
    ):
        assert form in kept, form


def test_short_forms_a_child_shares_are_not_kept(tmp_path):
    """A first name, surname or initials that a pupil or parent in the export also has
    could be the child's: it is redacted, while the whole name stays kept."""
    path = write(tmp_path, "Title,Forename,Surname\nMiss,Amber,Lowry\n")
    kept = phrases(path, children=frozenset({"amber", "al"}))
    assert "Amber" not in kept and "AL" not in kept
    assert "Amber Lowry" in kept and "Miss Lowry" in kept and "Lowry" in kept
    # ... but a document that names her in full settles them (docs/detection.md):
    keep = keep_phrases_for(listed_staff(load_staff(path)), frozenset({"amber", "al"}))
    ((full, short),) = keep.when_named
    assert "Miss A Lowry" in full and "Amber Lowry" in full and "Miss Lowry" not in full
    assert short == ("Amber", "AL")


def test_whole_names_are_split_into_titles_forenames_and_surname():
    name = split_name("Revd Canon Edith Marlow")
    assert (name.titles, name.forenames, name.surnames) == (
        ("Revd", "Canon"),
        ("Edith",),
        ("Marlow",),
    )
    name = split_name("MARLOW, Edith Jane")
    assert (name.forenames, name.middle, name.surnames) == (("Edith",), ("Jane",), ("MARLOW",))
    name = split_name("Dr Carys ap Hywel")
    assert name.surnames == ("ap Hywel",)
    name = split_name("Mr & Mrs Tandy")
    assert (name.titles, name.forenames, name.surnames) == (("Mr", "Mrs"), (), ("Tandy",))


def test_an_initial_is_not_kept_as_a_forename(tmp_path):
    path = write(tmp_path, "Name\nMrs J Okafor\n")
    person = listed_staff(load_staff(path))[0]
    found = staff_phrases(person)
    assert "J" not in found.short and "Mrs Okafor" in found.whole


def test_several_lists_are_all_read(tmp_path):
    staff = write(tmp_path, "Name\nMrs Janet Price\n")
    governors = write(tmp_path, "Governor,Office\nCllr Raj Mistry,Chair\n", name="gov.csv")
    people = listed_staff(load_staff([staff, governors]))
    assert [p.key for p in people] == ["janet price", "raj mistry"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "is empty"),
        ("Role,Phone\nHead,0\n", "has no name column"),
        ("Name,Shoe Size\nTom Hughes,9\n", "column\\(s\\) not understood: 'Shoe Size'"),
    ],
)
def test_unusable_files_stop_the_run(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message) as error:
        load_staff(write(tmp_path, text))
    assert error.value.exit_code == ExitCode.USAGE


def test_a_column_mapped_in_the_settings_is_read_or_ignored(tmp_path):
    path = write(tmp_path, "Colleague,Shoe Size\nTom Hughes,9\n")
    lists = load_staff(path, {"Colleague": "name", "Shoe Size": "ignore"})
    assert [p.key for p in listed_staff(lists)] == ["tom hughes"]


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


def test_staff_given_twice_keeps_both_lists(run_cli, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Mrs Price and Cllr Mistry met Olivia Smith (Year 4).\n", encoding="utf-8")
    staff = write(tmp_path, "Name\nMrs Janet Price\n")
    governors = write(tmp_path, "Governor\nCllr Raj Mistry\n", name="gov.csv")
    record = tmp_path / "record.json"
    result = run_cli(
        "redact", note, "-o", tmp_path / "out", "--staff", staff, "--staff", governors,
        "--report", record, "--report", tmp_path / "record.md",
    )  # fmt: skip
    assert result.code == ExitCode.OK
    assert (tmp_path / "out" / "note.txt").read_text(encoding="utf-8") == (
        "Mrs Price and Cllr Mistry met [PUPIL] (Year 4).\n"
    )
    assert "Read staff.csv: 1 people" in result.err
    assert "Read gov.csv: 1 people" in result.err
    lists = json.loads(record.read_text(encoding="utf-8"))["options"]["lists"]
    assert [(item["file"], item["people"]) for item in lists] == [("staff.csv", 1), ("gov.csv", 1)]
    markdown = (tmp_path / "record.md").read_text(encoding="utf-8")
    assert "Lists read: staff.csv (1 people" in markdown and "Mistry" not in markdown


def test_without_an_export_first_names_are_kept_and_other_short_forms_when_named(tmp_path):
    """Nothing says which short forms a child shares: a colleague's first name is kept,
    a surname alone and initials only in a document that names the person in full."""
    path = write(tmp_path, "Title,Forename,Surname\nMiss,Amber,Lowry\n")
    keep = keep_phrases_for(listed_staff(load_staff(path)), None)
    assert "Amber" in keep.always and "Amber Lowry" in keep.always
    assert "Lowry" not in keep.always and "AL" not in keep.always
    ((full, short),) = keep.when_named
    assert set(short) == {"Lowry", "AL"} and "Miss A Lowry" in full


def test_without_an_export_a_surname_of_two_words_alone_is_not_kept_either(tmp_path):
    """A spouse or parent shares a surname with a particle as much as any other:
    "Mrs ap Pellow" is not kept because "Mr Idris ap Pellow" is a governor."""
    path = write(tmp_path, "Title,Forename,Surname\nMr,Idris,ap Pellow\n")
    keep = keep_phrases_for(listed_staff(load_staff(path)), None)
    assert "Mr ap Pellow" in keep.always and "Idris ap Pellow" in keep.always
    assert "ap Pellow" not in keep.always
    ((_, short),) = keep.when_named
    assert "ap Pellow" in short


def test_a_hyphenated_first_name_gives_initials_of_each_part(tmp_path):
    path = write(tmp_path, "Name\nMrs Ann-Marie Pask\n")
    assert "AMP" in phrases(path) and "AP" in phrases(path)


def test_a_list_without_titles_gives_title_forms_as_short_forms(tmp_path):
    path = write(tmp_path, "First name,Last name\nEleri,Pask\n")
    assert "Ms Pask" in phrases(path, children=frozenset())
    assert "Ms Pask" not in phrases(path, children=frozenset({"pask"}))  # a family Pask


def test_several_titles_with_an_initial(tmp_path):
    path = write(tmp_path, "Name\nRevd Canon Edith Marlow\n")
    assert "Revd Canon E. Marlow" in phrases(path)


def test_a_forename_with_a_surname_initial_and_a_title_with_it_are_short_forms(tmp_path):
    """Notes and rotas write a colleague as "Amber L" or "Miss L"."""
    path = write(tmp_path, "Title,Forename,Surname\nMiss,Amber,Lowry\n")
    assert {"Amber L", "Miss L"} <= set(phrases(path))
    # A child called Amber Lusk may be written "Amber L" too; "Miss L" is not how a
    # family is; a child Amber Pask is no "Amber L".
    shared = phrases(path, children=frozenset({"amber", "amber l"}))
    assert "Amber L" not in shared and "Miss L" in shared
    assert "Amber L" in phrases(path, children=frozenset({"amber", "amber p"}))
