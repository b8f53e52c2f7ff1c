"""The verification step and atomic publishing, proven with handlers that misbehave."""

from __future__ import annotations

import pytest

import redactor.formats as formats
from redactor.errors import ExitCode
from redactor.safe_io import TEMP_PREFIX
from tests.fakes.handlers import (
    CrashesMidWriteHandler,
    DrawsBoxOverTextHandler,
    SkipsLastPartHandler,
)

NOTE = (
    "Incident note (synthetic).\n\n"
    "Amara Okafor (Year 5) fell in the playground.\n\n"
    "Her dad, Kwame Okafor, was called on 07700 900456.\n"
)


@pytest.mark.parametrize(
    "fake, reason",
    [
        (SkipsLastPartHandler, "was still readable in the output"),
        (DrawsBoxOverTextHandler, "was still readable in the output"),
        (CrashesMidWriteHandler, "an unexpected problem (RuntimeError)"),
    ],
)
def test_a_faulty_writer_never_publishes(run_cli, tmp_path, monkeypatch, fake, reason):
    monkeypatch.setitem(formats.HANDLERS, ".txt", fake())
    source = tmp_path / "in" / "note.txt"
    source.parent.mkdir()
    source.write_text(NOTE, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("redact", source, "-o", out)
    assert result.code == ExitCode.FILE_FAILED
    assert reason in result.err
    assert not (out / "note.txt").exists()
    assert [p.name for p in out.iterdir()] == [], "no temporary copy may be left behind"
    assert "Okafor" not in result.err


def test_the_real_handler_passes_the_same_checks(run_cli, tmp_path):
    source = tmp_path / "note.txt"
    source.write_text(NOTE, encoding="utf-8")
    result = run_cli("redact", source, "-o", tmp_path / "out")
    assert result.code == ExitCode.OK
    assert not any(p.name.startswith(TEMP_PREFIX) for p in (tmp_path / "out").iterdir())
    text = (tmp_path / "out" / "note.txt").read_text(encoding="utf-8")
    assert "Okafor" not in text and "07700" not in text


def test_redact_text_verifies_too(make_redactor, monkeypatch):
    """The string API runs the same verification: a planner that forgets an edit is caught."""
    import redactor.api as api
    from redactor.errors import LeakDetected

    redactor = make_redactor()
    real = api.plan_edits
    monkeypatch.setattr(api, "plan_edits", lambda findings, *a: real(findings[:-1], *a))
    with pytest.raises(LeakDetected):
        redactor.redact_text(NOTE)
