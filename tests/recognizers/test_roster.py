"""The pupil roster (synthetic): names and details from an MIS export are redacted
wherever and however they are written, with roles; word-names stay words."""

from __future__ import annotations

import pytest

from redactor.api import Redactor
from redactor.config import Config
from redactor.detection.engine import DetectionEngine
from redactor.detection.roster import load_roster
from redactor.errors import ConfigError, ExitCode

# SYNTHETIC: a SIMS-style export, one row per pupil and contact, columns in any order.
ROSTER = (
    "UPN,Legal Surname,Forename,Preferred Forename,Year,Reg Group,Contact Forename,"
    "Contact Surname,Relationship,Address Line 1,Postcode,Telephone,Email\n"
    "A123456789012,Adeyemi,Grace,,Year 4,4H,Bisi,Adeyemi,Mother,12 Foxglove Road,SP11 7JD,"
    "07700 900118,bisi.a@example.com\n"
    "H801200001001,Kowalska-Nowak,Zuzanna,Zuzia,Year 2,2B,Marek,Nowak,Father,9 Willow Crescent,"
    "SP10 4LN,07700 900527,\n"
)


@pytest.fixture(scope="module")
def roster_redactor(engine, tmp_path_factory):
    path = tmp_path_factory.mktemp("roster") / "pupils.csv"
    path.write_text(ROSTER, encoding="utf-8")
    roster_engine = DetectionEngine(nlp=engine.nlp, roster=load_roster(path))
    return Redactor(Config(roster_file=path), engine=roster_engine)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("GRACE ADEYEMI – ATTENDANCE", "[PUPIL] – ATTENDANCE"),  # capitals
        ("zuzia was upset at lunch.", "[PUPIL] was upset at lunch."),  # preferred name, lower case
        ("Zuzanna's reading has improved.", "[PUPIL]'s reading has improved."),  # possessive
        # a name broken across lines: each line keeps its own label, so the layout holds
        ("Report for Zuzanna\nKowalska-Nowak today", "Report for [PUPIL]\n[PUPIL] today"),
        ("Ask Mr Nowak to call.", "Ask [PARENT] to call."),  # title + contact surname
        ("Spoke to Bisi at the gate.", "Spoke to [PARENT] at the gate."),  # contact first name
        ("Kowalska was absent.", "[PUPIL] was absent."),  # part of a double-barrelled name
        ("There is a grace period.", "There is a grace period."),  # a word-name as a word
    ],
)
def test_roster_names_are_found_with_their_roles(roster_redactor, text, expected):
    assert roster_redactor.redact_text(text).text == expected


def test_roster_details_are_found(roster_redactor):
    redacted = roster_redactor.redact_text("Visit 12 Foxglove Road. UPN H801200001001.").text
    assert "Foxglove" not in redacted and "H801200001001" not in redacted


def test_a_staff_member_who_is_a_roster_parent_is_redacted(roster_redactor):
    import dataclasses

    staff = dataclasses.replace(roster_redactor.config, keep_people=("Marek Nowak",))
    redactor = Redactor(staff, engine=roster_redactor.engine)
    assert redactor.redact_text("Marek Nowak will cover PE.").text == "[PARENT] will cover PE."


def test_roster_from_the_command_line(run_cli, tmp_path):
    roster = tmp_path / "pupils.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    note = tmp_path / "n.txt"
    note.write_text("zuzia and her dad Marek came in.\n", encoding="utf-8")
    result = run_cli("redact", note, "-o", tmp_path / "out", "--roster", roster)
    assert result.code == ExitCode.OK, result.err
    assert (tmp_path / "out" / "n.txt").read_text(encoding="utf-8") == (
        "[PUPIL] and her dad [PARENT] came in.\n"
    )


@pytest.mark.parametrize(
    "text, message",
    [("", "is empty"), ("Year,Reg\n4,4H\n", "needs pupil name columns")],
)
def test_unusable_rosters_stop_the_run(tmp_path, text, message):
    path = tmp_path / "pupils.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as error:
        load_roster(path)
    assert error.value.exit_code == ExitCode.USAGE
