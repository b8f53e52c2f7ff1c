"""The pupil roster (synthetic): names and details from an MIS export are redacted
wherever and however they are written, with roles; word-names stay words."""

from __future__ import annotations

import dataclasses
import json

import pytest

from redactor.api import Redactor
from redactor.config import Config
from redactor.detection.engine import DetectionEngine
from redactor.detection.roster import load_roster
from redactor.errors import ConfigError, ExitCode
from redactor.model import Style

# SYNTHETIC: a SIMS-style export, one row per pupil and contact, columns in any order.
ROSTER = (
    "UPN,Legal Surname,Forename,Preferred Forename,Year,Reg Group,DOB,Contact Forename,"
    "Contact Surname,Relationship,Address Line 1,Postcode,Telephone,Email\n"
    "A123456789012,Adeyemi,Grace,,Year 4,4H,12/05/2016,Bisi,Adeyemi,Mother,12 Foxglove Road,"
    "SP11 7JD,07700 900118,bisi.a@example.com\n"
    "A123456789012,Adeyemi,Grace,,Year 4,4H,12/05/2016,Tunde,Adeyemi,Father,12 Foxglove Road,"
    "SP11 7JD,07700 900119,\n"
    "H801200001001,Kowalska-Pietrzyk,Zuzanna,Zuzia,Year 2,2B,2018-01-30,Marek,Pietrzyk,Father,"
    "9 Willow Crescent,SP10 4LN,07700 900527,\n"
    "B123456789013,Pask,Eira-Mai,,Year 1,1P,03/03/2019,Tegan,Pask,Mother,"
    "4 Quarry Lane,SP11 8AB,07700 900530,\n"
)


@pytest.fixture(scope="module")
def roster_redactor(engine, tmp_path_factory):
    path = tmp_path_factory.mktemp("roster") / "pupils.csv"
    path.write_text(ROSTER, encoding="utf-8")
    roster_engine = DetectionEngine(nlp=engine.nlp, roster=load_roster(path))
    return Redactor(Config(roster_files=(path,)), engine=roster_engine)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("GRACE ADEYEMI – ATTENDANCE", "[PUPIL] – ATTENDANCE"),  # capitals
        ("zuzia was upset at lunch.", "[PUPIL] was upset at lunch."),  # preferred name, lower case
        ("Zuzanna's reading has improved.", "[PUPIL]'s reading has improved."),  # possessive
        # a name broken across lines: each line keeps its own label, so the layout holds
        ("Report for Zuzanna\nKowalska-Pietrzyk today", "Report for [PUPIL]\n[PUPIL] today"),
        ("Ask Mr Pietrzyk to call.", "Ask [PARENT] to call."),  # title + contact surname
        ("Spoke to Bisi at the gate.", "Spoke to [PARENT] at the gate."),  # contact first name
        ("Kowalska was absent.", "[PUPIL] was absent."),  # part of a double-barrelled name
        ("There is a grace period.", "There is a grace period."),  # a word-name as a word
        # one letter wrong in a name of five letters or more
        ("Zuzana was upset.", "[PUPIL] was upset."),  # a letter dropped
        ("Zuzamna was upset.", "[PUPIL] was upset."),  # a letter changed
        ("ADEYEMMI, Grace", "[PUPIL]"),  # a letter added, in capitals; one register name
        ("Please mark the register.", "Please mark the register."),  # "Marek" is not "mark"
        ("Grade 5 piano", "Grade 5 piano"),  # an English word, however close to "Grace"
        # initials, where the line is about a pupil
        ("GA (Year 4) was upset at lunch.", "[PUPIL] (Year 4) was upset at lunch."),
        ("Pupils: G.A., Z.K.", "Pupils: [PUPIL], [PUPIL]"),
        ("ZK\t2B\tabsent", "[PUPIL]\t2B\tabsent"),  # a table row
        # A pupil's initials wherever they stand; a school's own abbreviation that
        # collides belongs in recognizers/names/not_initials.txt.
        ("The GA meeting is on Monday.", "The [PUPIL] meeting is on Monday."),
        ("Grades: G A S D", "Grades: G A S D"),  # spaced capitals are grades, not initials
        ("PE (Year 4) is on Tuesday.", "PE (Year 4) is on Tuesday."),
        # a pupil's date of birth, however it is written, even without a label
        ("Born 12 May 2016 in Andover.", "Born [DOB] in Andover."),
        ("12.5.16 - first day", "[DOB] - first day"),
        ("Birthday party on 30/01/2018", "Birthday party on [DOB]"),
        ("Meeting on 13/05/2016.", "Meeting on 13/05/2016."),  # not a pupil's birthday
        # a family's street without the house number, wherever it is named
        ("The bus stops on Foxglove Road.", "The bus stops on [ADDRESS]."),
        ("Willow Crescent is closed.", "[ADDRESS] is closed."),
        ("a willow crescent of trees", "a willow crescent of trees"),  # lower case: words
        # how notes shorten a child's name
        (
            "Most log entries: G Adeyemi (4), Adeyemi, G. (2)",
            "Most log entries: [PUPIL] (4), [PUPIL] (2)",
        ),
        ("Zuzanna K-N was upset.", "[PUPIL] was upset."),  # a double-barrelled surname
        ("E-M P (Y1): gran picking up.", "[PUPIL] (Y1): gran picking up."),  # hyphenated forename
        ("Attendance: E-M 85%", "Attendance: [PUPIL] 85%"),
        ("Lift to 4 Quarry Lane today.", "Lift to [ADDRESS] today."),  # a one-digit house number
    ],
)
def test_roster_names_are_found_with_their_roles(roster_redactor, text, expected):
    assert roster_redactor.redact_text(text).text == expected


def test_parents_are_pseudonymised_as_their_childs_parent(roster_redactor):
    pseudonyms = Redactor(
        dataclasses.replace(roster_redactor.config, style=Style.PSEUDONYM),
        engine=roster_redactor.engine,
    )
    redacted = pseudonyms.redact_text(
        "Bisi rang about Grace. Tunde Adeyemi came later; Zuzia went home with Marek."
    ).text
    assert redacted == (
        "Parent of Pupil A rang about Pupil A. Parent 2 of Pupil A came later; "
        "Pupil B went home with Parent of Pupil B."
    )


def test_the_column_mapping_of_a_school_export(engine, tmp_path):
    path = tmp_path / "arbor.csv"
    path.write_text(
        "Pupil First Name,Family Name,Born\nEsmae,Whitlock,03/02/2016\n", encoding="utf-8"
    )
    columns = {"forename": "Pupil First Name", "surname": "Family Name", "dob": "Born"}
    roster = load_roster(path, columns)
    redactor = Redactor(engine=DetectionEngine(nlp=engine.nlp, roster=roster))
    assert redactor.redact_text("Esmai Whitlock, born 3.2.16").text == "[PUPIL], born [DOB]"


@pytest.mark.parametrize(
    "columns, message",
    [
        ({"forname": "Pupil First Name"}, "names no known field"),
        ({"forename": "First"}, "has no column 'First'"),
    ],
)
def test_a_wrong_column_mapping_stops_the_run(tmp_path, columns, message):
    path = tmp_path / "arbor.csv"
    path.write_text("Pupil First Name,Family Name\nEsmae,Whitlock\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_roster(path, columns)


def test_roster_details_are_found(roster_redactor):
    redacted = roster_redactor.redact_text("Visit 12 Foxglove Road. UPN H801200001001.").text
    assert "Foxglove" not in redacted and "H801200001001" not in redacted


def test_a_staff_member_who_is_a_roster_parent_is_kept_as_staff_and_redacted_as_a_parent(
    roster_redactor,
):
    """The whole kept name matches: kept where it names the colleague; redacted where
    the words around it say parent (docs/detection.md, rule 6)."""
    staff = dataclasses.replace(roster_redactor.config, keep_people=("Marek Pietrzyk",))
    redactor = Redactor(staff, engine=roster_redactor.engine)
    kept = "Marek Pietrzyk will cover PE."
    assert redactor.redact_text(kept).text == kept
    assert redactor.redact_text("Her dad Marek Pietrzyk rang.").text == "Her dad [PARENT] rang."


def test_a_single_roster_name_does_not_override_a_staff_member_or_a_keep_term(roster_redactor):
    # "Mr Pietrzyk" is a parent's title and surname in the roster, and also a teacher on the
    # staff list: a surname alone does not say which, so the keep list wins. A roster
    # first name inside a scheme's name ("Grace") does not beat the keep term either.
    config = dataclasses.replace(
        roster_redactor.config, keep_people=("Mr Pietrzyk",), keep_terms=("Grace Maths Hub",)
    )
    redactor = Redactor(config, engine=roster_redactor.engine)
    assert redactor.redact_text("Mr Pietrzyk runs the Grace Maths Hub.").text == (
        "Mr Pietrzyk runs the Grace Maths Hub."
    )
    assert redactor.redact_text("Grace was upset.").text == "[PUPIL] was upset."


def test_the_schools_own_street_is_not_a_familys(roster_redactor):
    config = dataclasses.replace(
        roster_redactor.config,
        school=dataclasses.replace(roster_redactor.config.school, address="1 Foxglove Road"),
    )
    redactor = Redactor(config, engine=roster_redactor.engine)
    assert redactor.redact_text("Parking on Foxglove Road is limited.").text == (
        "Parking on Foxglove Road is limited."
    )


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


def test_the_report_says_why_a_kept_name_was_redacted(run_cli, tmp_path):
    roster = tmp_path / "pupils.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    note = tmp_path / "n.txt"
    note.write_text("Her dad Marek Pietrzyk will collect her.\n", encoding="utf-8")
    report = tmp_path / "report.json"
    args = ("--roster", roster, "--keep", "Marek Pietrzyk", "--report", report)
    result = run_cli("check", note, *args)
    assert result.code == ExitCode.FOUND, result.err
    assert "also a parent in the roster" in result.err
    written = report.read_text(encoding="utf-8")
    (entry,) = json.loads(written)["files"][0]["redacted_despite_keep_list"]
    assert entry["preview"] == "M**** P*******"
    assert "child's privacy comes first" in entry["reason"]
    assert "Marek" not in written and "Pietrzyk" not in written


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "is empty"),
        ("Year,Reg\n4,4H\n", "has no name column"),
        ("Forename,Surname,Allergies\nAmy,Lane,nuts\n", "not understood: 'Allergies'"),
    ],
)
def test_unusable_rosters_stop_the_run(tmp_path, text, message):
    path = tmp_path / "pupils.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as error:
        load_roster(path)
    assert error.value.exit_code == ExitCode.USAGE
