"""Real-world spreadsheets, lists and e-mails written by other projects' test suites
(tests/public_files, each with its source and licence in MANIFEST.toml, none holding a
real person's data): every one is redacted and verified, or refused with its reason.
None may crash, hang, change its input or leave a temporary file behind.
"""

from __future__ import annotations

import hashlib
import shutil
import tomllib

import pytest

from redactor.model import FileFailure, FileResult, Profile
from redactor.safe_io import TEMP_PREFIX
from tests.conftest import REPO

FOLDER = REPO / "tests" / "public_files"
MANIFEST = tomllib.loads((FOLDER / "MANIFEST.toml").read_text(encoding="utf-8"))["file"]
# Files that are refused, and the words their reason must hold: damaged, encrypted,
# hostile or not what their name says, or holding a part redactor does not read yet.
REFUSED = {
    "calamine-issue252.xlsx": "damaged",
    "csvkit-bad.csv": "row 2 has 4 fields",
    "csvkit-null_byte.csv": "not a text file",
    "csvkit-test_latin1.csv": "--encoding",
    "frictionless-compression_implicit-zip.csv": "not a text file",
    "msgreader-attachAndInline.msg": "only as RTF",
    "openpyxl-null_archive.xlsx": "damaged or not an Excel workbook",
    "poi-64450.xlsx": "pivot table",
    "poi-bug67784.xlsx": "link to another workbook",
    "poi-clusterfuzz-XLSX2CSVFuzzer-6594557414080512.xlsx": "damaged",
    "poi-duplicate-filename.xlsx": "twice",
    "poi-poc-xmlbomb.xlsx": "DTD",
    "poi-protected_passtika.xlsx": "password-protected",
    "poi-xlsx-corrupted.xlsx": "damaged",
}


def test_the_manifest_lists_every_file_with_its_hash_and_licence():
    listed = {entry["name"] for entry in MANIFEST}
    present = {p.name for p in FOLDER.iterdir() if p.is_file()} - {"MANIFEST.toml", "README.md"}
    assert listed == present
    for entry in MANIFEST:
        data = (FOLDER / entry["name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["name"]
        assert entry["licence"] in ("MIT", "Apache-2.0", "PSF-2.0", "PSF"), entry["name"]
        assert entry["source"].startswith("https://"), entry["name"]


@pytest.fixture(scope="module")
def public_run(tmp_path_factory, engine):
    from redactor.api import Redactor
    from redactor.config import Config

    base = tmp_path_factory.mktemp("public")
    inputs = base / "in"
    inputs.mkdir()
    for entry in MANIFEST:
        shutil.copy(FOLDER / entry["name"], inputs / entry["name"])
    before = {p.name: p.read_bytes() for p in inputs.iterdir()}
    # A time limit per file, so that a hang fails this test instead of stalling the suite.
    # It is generous on purpose: it guards against hangs, not slowness, and CI machines
    # are shared (the long-header message takes about 10 s alone, far more under load).
    config = Config(profile=Profile.STRICT, time_limit_s=600)
    batch = Redactor(config, engine=engine).redact_paths([inputs], base / "out")
    return base, before, {o.source.name: o for o in batch.outcomes}


def test_every_file_is_redacted_or_refused_for_its_reason(public_run):
    _, _, outcomes = public_run
    assert set(outcomes) == {entry["name"] for entry in MANIFEST}
    for name, outcome in outcomes.items():
        if name in REFUSED:
            assert isinstance(outcome, FileFailure), f"{name} should have been refused"
            assert REFUSED[name] in outcome.reason, f"{name}: {outcome.reason}"
        else:
            assert isinstance(outcome, FileResult), f"{name}: {outcome.reason}"
            assert outcome.dest is not None and outcome.dest.exists()


def test_no_crash_no_change_to_inputs_and_nothing_left_behind(public_run):
    base, before, outcomes = public_run
    for outcome in outcomes.values():
        if isinstance(outcome, FileFailure):
            assert "unexpected" not in outcome.reason, f"{outcome.source.name}: {outcome.reason}"
    assert {p.name: p.read_bytes() for p in (base / "in").iterdir()} == before
    assert not [p for p in base.rglob("*") if p.name.startswith(TEMP_PREFIX)]


def test_outlook_messages_come_back_as_email(public_run):
    _, _, outcomes = public_run
    written = [
        o.dest for n, o in outcomes.items() if n.endswith(".msg") and isinstance(o, FileResult)
    ]
    assert len(written) >= 4 and all(path and path.suffix == ".eml" for path in written)
