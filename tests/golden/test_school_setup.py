"""The README's "set up your school once": samples/school (SYNTHETIC) names its exports in
its settings file, and one --config then reads them all."""

from __future__ import annotations

from redactor.api import Redactor
from redactor.config import load_config
from redactor.errors import ExitCode
from tests.conftest import REPO

SCHOOL = REPO / "samples" / "school" / "school.toml"


def test_the_settings_file_names_every_list(make_redactor):
    config = load_config(SCHOOL)
    assert [p.name for p in config.roster_files] == ["pupils.csv"]
    assert [p.name for p in config.staff_files] == ["staff.csv", "governors.csv"]
    counts = {c.name: (c.people, c.values) for c in Redactor(config).lists.counts}
    assert counts["pupils.csv"][0] == 6  # three pupils, three contacts
    assert counts["staff.csv"][0] == 3 and counts["governors.csv"][0] == 3


def test_one_config_redacts_the_families_and_keeps_the_staff(run_cli, tmp_path):
    note = tmp_path / "in" / "note.txt"
    note.parent.mkdir()
    note.write_text(
        "Tam (4L) was upset; Dan Osei rang her mum on 07700900311. Revd Canon Ellis "
        "and JPR to review. Elin's DOB is 21 July 2018.\n",
        encoding="utf-8",
    )
    result = run_cli("redact", note.parent, "-o", tmp_path / "out", "--config", SCHOOL)
    assert result.code == ExitCode.OK, result.err
    assert "Read pupils.csv: 6 people" in result.err
    out = (tmp_path / "out" / "note.txt").read_text(encoding="utf-8")
    assert out == (
        "[PUPIL] (4L) was upset; Dan Osei rang her mum on [PHONE]. Revd Canon Ellis "
        "and JPR to review. [PUPIL]'s DOB is [DOB].\n"
    )
