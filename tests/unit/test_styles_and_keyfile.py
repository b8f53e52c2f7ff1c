"""Replacement styles, the run's pseudonym table, and the encrypted key file."""

from __future__ import annotations

import json

import pytest

from redactor.errors import KeyFileError
from redactor.keyfile import read_key_file, write_key_file
from redactor.model import Finding, Role, Style
from redactor.reveal import reveal_text
from redactor.styles import PseudonymTable, blackout_for, label_for, letters, replacement_for


def person(text, role=Role.OTHER, key=None):
    return Finding(
        "0", 0, len(text), "PERSON", 0.9, "test", role=role, text=text, person=key or text.lower()
    )


def test_labels_by_type_and_role():
    assert label_for(person("Olivia", Role.PUPIL)) == "[PUPIL]"
    assert label_for(person("Sarah", Role.PARENT)) == "[PARENT]"
    assert label_for(person("Kwame")) == "[NAME]"
    assert label_for(Finding("0", 0, 8, "NHS_NUMBER", 1, "t", text="x")) == "[NHS NUMBER]"
    assert label_for(Finding("0", 0, 8, "SOMETHING_NEW", 1, "t", text="x")) == "[SOMETHING_NEW]"


def test_blackout_keeps_length_and_line_breaks():
    finding = Finding("0", 0, 15, "ADDRESS", 1, "t", text="14 Elm Road\nLeeds")
    assert blackout_for(finding) == "███████████\n█████"


@pytest.mark.parametrize(
    "index, name", [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")]
)
def test_letters(index, name):
    assert letters(index) == name


def test_pseudonyms_are_stable_and_shared_across_roles():
    table = PseudonymTable()
    olivia = person("Olivia Smith", Role.PUPIL)
    sarah = person("Sarah Jones", Role.PARENT)
    table.add_people([olivia, sarah, person("Olivia", Role.PUPIL, key="olivia smith")])
    assert replacement_for(olivia, Style.PSEUDONYM, table) == "Pupil A"
    assert replacement_for(sarah, Style.PSEUDONYM, table) == "Parent B"
    table.add_people([person("Kwame Mensah"), olivia])
    assert replacement_for(person("Kwame Mensah"), Style.PSEUDONYM, table) == "Person C"
    assert replacement_for(olivia, Style.PSEUDONYM, table) == "Pupil A"
    assert table.originals() == {
        "Pupil A": "Olivia Smith",
        "Parent B": "Sarah Jones",
        "Person C": "Kwame Mensah",
    }
    table.clear()
    assert table.originals() == {}


def test_pseudonym_style_without_table_is_a_programming_error():
    with pytest.raises(ValueError, match="PseudonymTable"):
        replacement_for(person("Olivia"), Style.PSEUDONYM, None)


def test_key_file_round_trip_and_no_plain_text(tmp_path):
    mapping = {"Pupil A": "Olivia Smith", "Parent B": "Zoë Nowak"}
    path = tmp_path / "people.key"
    write_key_file(path, mapping, "correct horse battery", force=False)
    raw = path.read_text(encoding="utf-8")
    assert "Olivia" not in raw and "Nowak" not in raw
    document = json.loads(raw)
    assert document["kdf"] == "scrypt" and document["cipher"] == "AES-256-GCM"
    assert read_key_file(path, "correct horse battery") == mapping


def test_wrong_passphrase_and_tampering_are_refused(tmp_path):
    path = tmp_path / "people.key"
    write_key_file(path, {"Pupil A": "Olivia"}, "correct horse battery", force=False)
    with pytest.raises(KeyFileError, match="wrong passphrase"):
        read_key_file(path, "incorrect horse battery")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["n"] = 2**14  # a changed header must not decrypt
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(KeyFileError):
        read_key_file(path, "correct horse battery")


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "not a redactor key file"),
        ('{"format": "something-else"}', "not a redactor key file"),
        ('{"format": "redactor-pseudonym-key", "version": 99}', "newer redactor"),
        ('{"format": "redactor-pseudonym-key", "version": 1, "n": 2}', "damaged"),
    ],
)
def test_damaged_key_files_are_refused(tmp_path, content, message):
    path = tmp_path / "people.key"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KeyFileError, match=message):
        read_key_file(path, "correct horse battery")


def test_short_passphrase_and_existing_key_are_refused(tmp_path):
    from redactor.errors import OutputExists

    with pytest.raises(KeyFileError, match="at least 8"):
        write_key_file(tmp_path / "k", {}, "short", force=False)
    write_key_file(tmp_path / "k", {}, "long enough passphrase", force=False)
    with pytest.raises(OutputExists):
        write_key_file(tmp_path / "k", {}, "long enough passphrase", force=False)


def test_reveal_replaces_whole_pseudonyms_only():
    text, count = reveal_text(
        "Pupil A met Pupil AB; Pupil Ashley stayed.", {"Pupil A": "Olivia", "Pupil AB": "Kwame"}
    )
    assert text == "Olivia met Kwame; Pupil Ashley stayed."
    assert count == 2
