"""The model is checked file by file before loading; any difference stops the run."""

from __future__ import annotations

import hashlib

import pytest

from redactor.detection.engine import manifest_entries, model_directory, verify_model
from redactor.errors import ExitCode, ModelIntegrityError


def _fake_model(tmp_path):
    files = {"meta.json": b"{}", "ner/model": b"weights"}
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    return {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}


def test_installed_model_matches_the_shipped_manifest():
    expected = manifest_entries()
    assert len(expected) == 22  # every file of en_core_web_md 3.8.0 as listed in the manifest
    verify_model(model_directory(), expected)


def test_matching_fake_model_passes(tmp_path):
    verify_model(tmp_path, _fake_model(tmp_path))


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda d: (d / "ner/model").write_bytes(b"tampered"), "ner/model does not match"),
        (lambda d: (d / "ner/model").unlink(), "missing: ['ner/model']"),
        (lambda d: (d / "extra.py").write_text("import os"), "unexpected: ['extra.py']"),
    ],
    ids=["changed-file", "missing-file", "extra-file"],
)
def test_any_difference_is_refused(tmp_path, damage, message):
    expected = _fake_model(tmp_path)
    damage(tmp_path)
    with pytest.raises(
        ModelIntegrityError, match=message.replace("[", r"\[").replace("]", r"\]")
    ) as error:
        verify_model(tmp_path, expected)
    assert error.value.exit_code == ExitCode.USAGE


def test_an_empty_manifest_is_refused(tmp_path):
    with pytest.raises(ModelIntegrityError, match="lists no files"):
        verify_model(tmp_path, {})
