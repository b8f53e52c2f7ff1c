"""Pupil exports read by meaning: four layouts an MIS or an office writes, each redacted
in every written form of its values.

SYNTHETIC: every name, date, number and address here is invented; the layouts follow
the shapes of SIMS, Arbor and Bromcom exports and a hand-kept spreadsheet.
"""

from __future__ import annotations

import pytest

from redactor.api import Redactor
from redactor.config import Config
from redactor.detection.engine import DetectionEngine
from redactor.detection.roster import load_roster, number_key
from redactor.errors import ConfigError
from redactor.exports import column_meaning

LAYOUTS = {
    # SIMS style: contacts written whole in one column each.
    "sims": (
        "Surname,Forename,Middle Names,Preferred Forename,Date of Birth,Year Group,Reg Group,"
        "UPN,Address Line 1,Address Line 2,Town,Postcode,Primary Contact Name,"
        "Primary Contact Relationship,Primary Contact Telephone,Secondary Contact Name\n"
        "Thackeray,Lowenna,Ruth,Wenna,16/06/2016,Year 4,4R,K801200002001,7 Tamsin Row,"
        "Pentre,Carnwick,TR9 4QQ,Mrs Demelza Thackeray,Mother,07700 900432,Mr Piran Thackeray\n"
    ),
    # Arbor style: guardians whole, ISO dates, the address in one field with commas.
    "arbor": (
        "Arbor ID,First name,Preferred first name,Last name,Date of birth,Year,Form,UPN,ULN,"
        "Guardian 1,Guardian 1 relationship,Guardian 1 mobile,Guardian 1 address\n"
        "58213,Lowenna,Wenna,Thackeray,2016-06-16,Year 4,4R,K801200002001,4419283746,"
        "Demelza Thackeray,Mother,07700 900432,"
        '"Flat 3, Gwel Mor, 7 Tamsin Row, Carnwick, TR9 4QQ"\n'
    ),
    # Bromcom style: contacts split over title, forename and surname; a multi-line address.
    "bromcom": (
        "Legal Surname,Legal Forename,Known As,DOB,NC Year,Tutor Group,UPN,NHS Number,"
        "Contact1 Title,Contact1 Forename,Contact1 Surname,Contact1 Relationship,"
        "Contact1 Address,Contact1 Phone\n"
        "Thackeray,Lowenna,Wenna,16-06-2016,Y4,Kestrels,K801200002001,943 476 5919,"
        'Mrs,Demelza,Thackeray,Mother,"7 Tamsin Row\nPentre\nCarnwick\nTR9 4QQ",07700 900432\n'
    ),
    # A hand-kept spreadsheet: the whole name in one column, surname first.
    "spreadsheet": (
        "Pupil,Known as,D.O.B.,Class,Parent/Carer 1,Relationship,Home Address,Postcode,"
        "Mobile,Parent/Carer 2,Relationship 2,Mobile 2\n"
        '"THACKERAY, Lowenna Ruth",Wenna,16 Jun 2016,Y4 Kestrels,Mrs Demelza Thackeray,'
        'Mother,"7 Tamsin Row, Pentre, Carnwick",TR9 4QQ,07700 900432,Piran Thackeray,'
        "Father,07700 900433\n"
    ),
}


@pytest.fixture(scope="module", params=sorted(LAYOUTS))
def layout_redactor(request, engine, tmp_path_factory):
    path = tmp_path_factory.mktemp("exports") / f"{request.param}.csv"
    path.write_text(LAYOUTS[request.param], encoding="utf-8")
    roster = load_roster(path)
    return Redactor(
        Config(roster_files=(path,)), engine=DetectionEngine(nlp=engine.nlp, roster=roster)
    )


@pytest.mark.parametrize(
    "text, gone",
    [
        ("Wenna Thackeray joined the group.", ["Wenna", "Thackeray"]),
        ("THACKERAY, Lowenna", ["THACKERAY", "Lowenna"]),
        ("Spoke to Mrs Thackeray after school.", ["Thackeray"]),
        ("Mum Demelza rang.", ["Demelza"]),
        ("Born June 16, 2016.", ["June 16, 2016"]),  # month first
        ("d.o.b 16-Jun-16", ["16-Jun-16"]),  # short month, two-digit year
        ("dob 16.6.16", ["16.6.16"]),
        ("Call 07700900432 or +44 7700 900432.", ["07700900432", "7700 900432"]),
        ("She walks home along Tamsin Row.", ["Tamsin Row"]),
    ],
)
def test_every_written_form_of_an_export_value_is_found(layout_redactor, text, gone):
    redacted = layout_redactor.redact_text(text).text
    for value in gone:
        assert value not in redacted, (value, redacted)


def test_the_town_of_a_familys_address_is_not_redacted_alone(layout_redactor):
    assert layout_redactor.redact_text("The Carnwick library opens late.").text == (
        "The Carnwick library opens late."
    )


@pytest.mark.parametrize("layout", ["arbor", "bromcom"])
def test_identifiers_in_the_export_are_found_without_a_label(engine, tmp_path, layout):
    path = tmp_path / "pupils.csv"
    path.write_text(LAYOUTS[layout], encoding="utf-8")
    redactor = Redactor(
        Config(roster_files=(path,)),
        engine=DetectionEngine(nlp=engine.nlp, roster=load_roster(path)),
    )
    value = {"arbor": "4419283746", "bromcom": "943 476 5919"}[layout]
    spaced = {"arbor": "44192 83746", "bromcom": "9434765919"}[layout]
    redacted = redactor.redact_text(f"| Thackeray | {value} |\n| Thackeray | {spaced} |").text
    assert value not in redacted and spaced not in redacted


def test_counts_are_read_for_the_record(tmp_path):
    path = tmp_path / "pupils.csv"
    path.write_text(LAYOUTS["spreadsheet"], encoding="utf-8")
    (count,) = load_roster(path).lists
    assert (count.name, count.people) == ("pupils.csv", 3)  # the pupil and two contacts
    assert count.values >= 5


@pytest.mark.parametrize(
    "header, meaning",
    [
        ("Primary Contact Telephone", ("contact 1", "phone")),
        ("Guardian 2 email", ("contact 2", "email")),
        ("Contact1 Forename", ("contact 1", "forename")),
        ("Parent/Carer 2", ("contact 2", "name")),
        ("Mobile 2", ("contact 2", "phone")),
        ("Relationship", ("", "ignore")),
        ("Preferred first name", ("", "preferred")),
        ("Known As", ("", "preferred")),
        ("D.O.B.", ("", "dob")),
        ("Pupil", ("", "name")),
        ("Address Line 2", ("", "address")),
        ("Candidate No", ("", "candidate")),
        ("Type of Governor", ("", "ignore")),  # a governors list's category, with "of"
        ("School ID", ("", "mis_id")),  # an independent school's MIS number
        ("Boarding House", ("", "ignore")),
        ("Boarder Type", ("", "ignore")),
        ("Country", ("", "ignore")),  # a country alone names no one
        ("Role on Board", ("", "ignore")),
        ("Date of Appointment", ("", "ignore")),
        ("NCY", ("", "ignore")),  # the National Curriculum year
        ("Tutor Grp", ("", "ignore")),
        ("SEN Stage", ("", "ignore")),
        ("Dept", ("", "ignore")),  # a staff member's department
        ("Parish", ("", "ignore")),  # a church school's record of the family's parish
        ("Medical notes", None),
    ],
)
def test_headers_are_read_by_meaning(header, meaning):
    assert column_meaning(header) == meaning


def test_an_export_with_a_column_not_understood_is_refused_naming_it(tmp_path):
    path = tmp_path / "pupils.csv"
    path.write_text("Forename,Surname,Medical notes\nAmy,Lane,asthma\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_roster(path)
    assert "'Medical notes'" in error.value.reason and "Columns found" in error.value.reason
    # A school says what the column holds, or that it is to be ignored:
    assert load_roster(path, {"Medical notes": "ignore"}).pupils == 1


@pytest.mark.parametrize(
    "written, key",
    [
        ("07700 900432", "07700900432"),
        ("+44 7700 900432", "07700900432"),
        ("+44 (0)7700 900-432", "07700900432"),
        ("943 476 5919", "9434765919"),
    ],
)
def test_number_keys(written, key):
    assert number_key(written) == key


def test_the_town_lines_after_a_familys_street_go_with_it(layout_redactor):
    redacted = layout_redactor.redact_text("Home:\n7 Tamsin Row\nPentre\nCarnwick\n\nThanks").text
    assert "Tamsin" not in redacted and "Pentre" not in redacted and "Carnwick" not in redacted
    assert redacted.endswith("Thanks")
