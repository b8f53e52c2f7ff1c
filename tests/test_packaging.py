"""The recognizer files ship inside the wheel and are found from any working directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO


def test_wheel_carries_recognizers_and_model_manifest(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("redactor-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    yaml_in_repo = {p.name for p in (REPO / "recognizers").glob("*.yaml")}
    assert yaml_in_repo
    assert {f"redactor/recognizers/{n}" for n in yaml_in_repo} <= names
    assert "redactor/recognizers/keep_terms.txt" in names
    assert "redactor/detection/model-sha256.txt" in names


def test_installed_command_runs_from_another_folder(tmp_path):
    """The installed package, not the checkout, provides the recognizers."""
    note = tmp_path / "n.txt"
    note.write_text("Call 07700 900123 about Olivia Smith (Year 2).\n", encoding="utf-8")
    redactor = Path(sys.executable).with_name("redactor")
    result = subprocess.run(
        [str(redactor), "redact", str(note), "-o", str(tmp_path / "out")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONPATH": ""},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "n.txt").read_text(
        encoding="utf-8"
    ) == "Call [PHONE] about [PUPIL] (Year 2).\n"
