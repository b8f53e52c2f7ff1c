"""The configuration file is read strictly: any mistake stops the run."""

from __future__ import annotations

import pytest

from redactor.config import Config, SchoolDetails, load_config
from redactor.errors import ConfigError, ExitCode
from redactor.model import Profile, Style


def write(tmp_path, text):
    path = tmp_path / "school.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_full_file_is_read(tmp_path):
    config = load_config(
        write(
            tmp_path,
            """
style = "pseudonym"
profile = "minutes"
score_threshold = 0.6
review_threshold = 0.2
max_file_mb = 5
text_encoding = "cp1252"
[school]
name = "Hollybrook Primary School"
address = "1 School Lane, Andover, SP10 1AA"
phone = "01632 960000"
email = "office@hollybrook.example.sch.uk"
[keep]
people = ["Mrs Janet Price", "  "]
terms = ["Larkspur Class"]
""",
        )
    )
    assert config.style is Style.PSEUDONYM and config.profile is Profile.MINUTES
    assert (config.score_threshold, config.review_threshold, config.max_file_mb) == (0.6, 0.2, 5.0)
    assert config.keep_people == ("Mrs Janet Price",)
    assert config.keep_terms == ("Larkspur Class",)
    assert "Andover" in config.school.phrases() and "01632 960000" in config.school.phrases()


def test_the_roster_is_found_beside_the_settings_file_with_its_columns(tmp_path):
    config = load_config(
        write(
            tmp_path,
            '[roster]\nfile = "exports/pupils.csv"\n'
            '[roster.columns]\nforename = "Pupil First Name"\nsurname = "Family Name"\n',
        )
    )
    assert config.roster_files == (tmp_path / "exports" / "pupils.csv",)
    assert dict(config.roster_columns) == {
        "forename": "Pupil First Name",
        "surname": "Family Name",
    }


def test_empty_file_gives_defaults(tmp_path):
    assert load_config(write(tmp_path, "")) == Config()


@pytest.mark.parametrize(
    "text, message",
    [
        ("threshold = 0.5", "unknown setting(s) threshold"),
        ('style = "shout"', "'shout' is not a valid Style"),
        ('profile = "lenient"', "'lenient' is not a valid Profile"),
        ('score_threshold = "high"', "score_threshold must be a number"),
        ("score_threshold = true", "score_threshold must be a number"),
        ("score_threshold = 0.2\nreview_threshold = 0.4", "thresholds must satisfy"),
        ("max_file_mb = 0", "max_file_mb must be more than 0"),
        ('text_encoding = "klingon"', "unknown text encoding"),
        ('school = "Hollybrook"', "[school] must be a table"),
        ('[school]\nmotto = "x"', "unknown setting(s) motto"),
        ('[keep]\npeople = "Mrs Price"', "people must be a list"),
        ('[keep]\nstaff = ["Mrs Price"]', "unknown setting(s) staff"),
        ("style = ", "not valid TOML"),
        ('[roster]\ncolumns = "Forename"', "[roster.columns]: [columns] must be a table"),
        ("[roster.columns]\nforename = 3", "must be text in quotes"),
    ],
)
def test_mistakes_stop_the_run(tmp_path, text, message):
    with pytest.raises(ConfigError) as error:
        load_config(write(tmp_path, text))
    assert message in error.value.reason
    assert error.value.exit_code == ExitCode.USAGE


def test_file_in_another_encoding_is_refused(tmp_path):
    path = tmp_path / "school.toml"
    path.write_bytes('[keep]\npeople = ["Zo\xe9"]\n'.encode("cp1252"))
    with pytest.raises(ConfigError, match="cannot read configuration file"):
        load_config(path)


def test_overrides_are_validated():
    config = Config().with_overrides(style=Style.BLACKOUT, profile=None)
    assert config.style is Style.BLACKOUT and config.profile is Profile.BRIEFING
    with pytest.raises(ConfigError, match="unknown setting"):
        Config().with_overrides(colour="red")
    with pytest.raises(ConfigError, match="thresholds"):
        Config().with_overrides(review_threshold=0.9)


def test_config_is_frozen():
    with pytest.raises(AttributeError):
        Config().style = Style.BLACKOUT  # type: ignore[misc]


def test_the_schools_street_is_kept_without_its_number():
    phrases = SchoolDetails(address="1 Elm Road, Andover").phrases()
    assert "Elm Road" in phrases and "1 Elm Road" in phrases


def test_school_phrases_skip_empty_parts():
    assert SchoolDetails(name="Hollybrook", address="1 Lane, , Andover").phrases() == (
        "Hollybrook",
        "1 Lane, , Andover",
        "1 Lane",
        "Andover",
    )


@pytest.mark.parametrize(
    "value, own",
    [
        ("office@hollybrook.example.sch.uk", True),  # a role mailbox
        ("j.price@hollybrook.example.sch.uk", True),  # staff
        ("17smithj@hollybrook.example.sch.uk", False),  # a pupil's account has digits
        ("office@gmail.com", False),
    ],
)
def test_the_schools_own_email_domain(value, own):
    school = SchoolDetails(email="office@hollybrook.example.sch.uk", phone="01632 960000")
    assert school.own_email(value) is own


@pytest.mark.parametrize(
    "value, own",
    [
        ("01632 960000", True),
        ("01632960000", True),  # another spacing
        ("+44 (0)1632 960000", True),
        ("01632 960000 ext 204", True),  # a colleague's extension on the school's line
        ("01632 960000 x204", True),
        ("01632 960000 Ext. 21", True),
        ("01632 960012", False),  # a neighbouring number may be a family's
        ("01632 961000", False),
        ("07700 900000", False),
    ],
)
def test_the_schools_own_phone_in_any_spacing(value, own):
    school = SchoolDetails(phone="01632 960000")
    assert school.own_phone(value) is own
