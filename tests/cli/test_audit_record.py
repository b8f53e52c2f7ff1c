"""The audit record of a minutes run (``--report`` as .json, .md and .html, ``--by``,
the reasons file), and ``check``'s exit 1 on an uncertain Part 2 boundary. The minutes
are the SYNTHETIC samples; their private values come from their own check run and
from ``samples/minutes-expected.json``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from redactor.audit import CATEGORIES, load_reasons
from redactor.errors import ExitCode
from redactor.model import Profile
from tests.conftest import SAMPLES

MINUTES = SAMPLES / "minutes"
CONFIG = SAMPLES / "redactor.toml"
EXPECTED = json.loads((SAMPLES / "minutes-expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def private_values(engine):
    """Every value a check of the samples finds (that is not a whole section or line),
    and every value the gold says must go."""
    from redactor.api import Redactor
    from redactor.config import load_config

    redactor = Redactor(load_config(CONFIG).with_overrides(profile=Profile.MINUTES), engine=engine)
    values = {v for gold in EXPECTED.values() for v in gold["must_go"]}
    for path in sorted(MINUTES.iterdir()):
        for finding in redactor.check_file(path).findings:
            if not finding.entity_type.startswith("PART_2"):
                values.add(" ".join(finding.text.split()))
    return sorted(v for v in values if len(v) >= 4)


@pytest.fixture
def record(run_cli, tmp_path):
    paths = {suffix: tmp_path / f"record.{suffix}" for suffix in ("json", "md", "html")}
    result = run_cli(
        "redact", MINUTES, "-o", tmp_path / "out", "--config", CONFIG, "--profile", "minutes",
        *[arg for path in paths.values() for arg in ("--report", path)],
        "--by", "Clerk to governors",
    )  # fmt: skip
    assert result.code == ExitCode.OK, result.err
    return {suffix: path.read_text(encoding="utf-8") for suffix, path in paths.items()}


def test_the_json_record_holds_what_a_dpo_files(record):
    report = json.loads(record["json"])
    assert report["operator"] == "Clerk to governors"
    assert report["versions"]["model"] == "en_core_web_md 3.8.0"
    assert {"redactor", "spacy", "presidio-analyzer", "pikepdf"} <= set(report["versions"])
    reasons = load_reasons()
    by_name = {Path(f["input"]).name: f for f in report["files"]}
    spring = by_name["full-board-minutes-spring.docx"]
    assert spring["profile"] == "minutes" and spring["options"]["profile"] == "minutes"
    assert re.fullmatch(r"[0-9a-f]{64}", spring["sha256_input"])
    assert re.fullmatch(r"[0-9a-f]{64}", spring["sha256_output"])
    categories = {c["category"]: c for c in spring["categories"]}
    assert categories["part_2_section"]["count"] == 2
    assert categories["part_2_section"]["reason"] == reasons["part_2_section"].reason
    assert "Article 5(1)(c)" in categories["pupil"]["basis"]
    assert categories["part_2_reference"]["count"] == 2
    assert categories["hidden_content"]["count"] >= 1
    assert [s["heading"] for s in spring["sections_removed"]] == [
        "5. Confidential minute – staffing",
        "Part II – Confidential items",
    ]
    assert spring["sections_removed"][1]["where"].startswith("paragraph ")
    assert by_name["curriculum-committee-minutes.txt"]["categories"] == []
    # "Annex" is not a name (recognizers/names/not_names.txt): the heading reads whole.
    assert [s["heading"] for s in by_name["full-board-minutes-summer.txt"]["sections_removed"]] == [
        "The following item is confidential and is minuted separately.",
        "Confidential Annex",
    ]


def test_the_record_for_a_person_says_the_same(record):
    report = json.loads(record["json"])
    for text in (record["md"], record["html"]):
        assert "Clerk to governors" in text
        for entry in report["files"]:
            assert entry["sha256_input"] in text
            for category in entry["categories"]:
                assert category["what"].replace("'", "&#x27;") in text or category["what"] in text
    assert "| Part 2 (confidential) sections of minutes | 2 |" in record["md"]
    assert "<script" not in record["html"] and "http" not in record["html"]


def test_no_record_holds_a_personal_value(record, private_values):
    assert len(private_values) > 20
    for form, text in record.items():
        found = [v for v in private_values if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", text)]
        assert not found, (form, found)


def test_a_school_can_word_its_own_reasons(run_cli, tmp_path):
    shipped = (SAMPLES.parent / "recognizers" / "reasons.toml").read_text(encoding="utf-8")
    own = tmp_path / "our-reasons.toml"
    own.write_text(
        shipped.replace(
            "In notes, briefing sheets and published minutes a child should not be able to be "
            "identified.",
            "Our policy 4.2: no child may be identified in published minutes.",
        ),
        encoding="utf-8",
    )
    settings = tmp_path / "school.toml"
    settings.write_text(
        CONFIG.read_text(encoding="utf-8").replace(
            'profile = "briefing"', 'profile = "minutes"\nreasons = "our-reasons.toml"'
        ),
        encoding="utf-8",
    )
    out = tmp_path / "record.json"
    result = run_cli(
        "redact", MINUTES / "full-board-minutes-summer.txt", "-o", tmp_path / "out",
        "--config", settings, "--report", out,
    )  # fmt: skip
    assert result.code == ExitCode.OK, result.err
    (entry,) = json.loads(out.read_text(encoding="utf-8"))["files"]
    pupil = next(c for c in entry["categories"] if c["category"] == "pupil")
    assert pupil["reason"] == "Our policy 4.2: no child may be identified in published minutes."


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda text: text.replace("[upn]", "[upn_number]"), "missing upn; unknown upn_number"),
        (lambda text: text.replace('basis = "UK GDPR Article 5(1)(c), data minimisation"\n', "", 1),
         "needs exactly what, reason, basis"),
        (lambda text: text + "\n[pupil\n", "cannot be read"),
    ],
)  # fmt: skip
def test_a_reasons_file_that_cannot_be_used_stops_the_run(run_cli, tmp_path, change, words):
    shipped = (SAMPLES.parent / "recognizers" / "reasons.toml").read_text(encoding="utf-8")
    bad = tmp_path / "reasons.toml"
    bad.write_text(change(shipped), encoding="utf-8")
    settings = tmp_path / "school.toml"
    settings.write_text('reasons = "reasons.toml"\n', encoding="utf-8")
    result = run_cli("check", MINUTES, "--config", settings)
    assert result.code == ExitCode.USAGE
    assert words in result.err


def test_the_shipped_reasons_cover_every_category():
    reasons = load_reasons()
    assert sorted(reasons) == sorted(CATEGORIES)
    assert all(r.what and r.reason for r in reasons.values())


def test_a_report_name_must_say_its_form(run_cli, tmp_path):
    result = run_cli("check", MINUTES, "--report", tmp_path / "record.pdf")
    assert result.code == ExitCode.USAGE
    assert "must end in .json, .md or .html" in result.err
    assert not (tmp_path / "record.pdf").exists()


UNCERTAIN = """\
Present: Mr Gareth Lloyd (Chair), Mrs Janet Price (Headteacher)

1. Welcome
The Chair welcomed everyone.

Part 2 – Confidential
2. Exclusion
Ava Thorne (5R) was excluded for five days.

3. Any other business
None.

Date of next meeting: Tuesday 6 May 2025.
"""


def test_check_says_when_a_part_2_boundary_is_uncertain(run_cli, tmp_path):
    source = tmp_path / "minutes.txt"
    source.write_text(UNCERTAIN, encoding="utf-8")
    result = run_cli(
        "check", source, "--profile", "minutes", "--report", tmp_path / "r.json",
        "--keep", "Mr Gareth Lloyd", "--keep", "Mrs Janet Price",
    )  # fmt: skip
    assert result.code == ExitCode.FOUND
    assert "Part 2 boundary uncertain" in result.err
    assert "line 6 to line 11" in result.err and "item 3 (line 10)" in result.err
    (entry,) = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["files"]
    (review,) = entry["review"]
    assert review["type"] == "PART_2_BOUNDARY_UNCERTAIN" and review["preview"] == ""
    assert "Ava" not in (tmp_path / "r.json").read_text(encoding="utf-8")


def test_minutes_without_part_2_check_clean_of_sections(run_cli):
    result = run_cli(
        "check", MINUTES / "curriculum-committee-minutes.txt", "--config", CONFIG,
        "--profile", "minutes",
    )  # fmt: skip
    assert result.code == ExitCode.OK, result.err


@pytest.mark.parametrize("style", ["label", "pseudonym", "blackout"])
def test_every_style_publishes_minutes(run_cli, tmp_path, style):
    # The pseudonym style writes in a second pass, which must keep the attendance too.
    result = run_cli(
        "redact", MINUTES, "-o", tmp_path / "out", "--config", CONFIG, "--profile", "minutes",
        "--style", style,
    )  # fmt: skip
    assert result.code == ExitCode.OK, result.err
    text = (tmp_path / "out" / "full-board-minutes-summer.txt").read_text(encoding="utf-8")
    assert "Part 2 item(s) recorded separately — not for publication" in text
    assert "Mr Gareth Lloyd" in text and "Harrowby" not in text
