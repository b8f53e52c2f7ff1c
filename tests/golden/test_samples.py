"""The bundled synthetic samples, redacted as `make demo` does, checked against the gold
annotations: nothing marked redact survives, everything marked keep does."""

from __future__ import annotations

import json
import re

import pytest

from redactor.errors import ExitCode
from tests.conftest import SAMPLES, sharing_model

DOCUMENTS = SAMPLES / "documents"
GOLD = json.loads((SAMPLES / "annotations.json").read_text(encoding="utf-8"))
FILES = sorted(p.name for p in DOCUMENTS.glob("*.txt"))


def whole_word(text: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)")


@pytest.fixture(scope="module")
def redacted(tmp_path_factory, engine):
    import redactor.api as api
    from redactor.cli import main

    out = tmp_path_factory.mktemp("demo-output")
    original = api.DetectionEngine
    api.DetectionEngine = sharing_model(engine)  # share the session's loaded model
    try:
        code = main(
            ["redact", str(DOCUMENTS), "-o", str(out), "--config", str(SAMPLES / "redactor.toml")]
        )
    finally:
        api.DetectionEngine = original
    assert code == ExitCode.OK
    return {name: (out / name).read_text(encoding="utf-8") for name in FILES}


def test_annotations_match_the_sample_texts():
    assert FILES, "no samples found"
    for span in GOLD["spans"]:
        text = (DOCUMENTS / span["file"]).read_text(encoding="utf-8")
        assert text[span["start"] : span["end"]] == span["text"]
    for name in FILES:
        first_line = (DOCUMENTS / name).read_text(encoding="utf-8").splitlines()[0]
        assert first_line == GOLD["banner"], f"{name} must say it is synthetic"


@pytest.mark.parametrize("name", FILES)
def test_nothing_marked_redact_survives(redacted, name):
    output = redacted[name]
    kept = [s["text"] for s in GOLD["spans"] if s["file"] == name and s["action"] == "keep"]
    keep_spans = [m.span() for k in kept for m in whole_word(k).finditer(output)]
    leaks = []
    for span in GOLD["spans"]:
        if span["file"] != name or span["action"] != "redact":
            continue
        for match in whole_word(span["text"]).finditer(output):
            if not any(s <= match.start() and match.end() <= e for s, e in keep_spans):
                leaks.append(f"{span['label']}/{span['role']}")
    assert leaks == [], f"{name}: values survived ({', '.join(sorted(set(leaks)))})"


@pytest.mark.parametrize("name", FILES)
def test_staff_school_details_and_look_alikes_are_kept(redacted, name):
    source = (DOCUMENTS / name).read_text(encoding="utf-8")
    output = redacted[name]
    missing = []
    for text in {s["text"] for s in GOLD["spans"] if s["file"] == name and s["action"] == "keep"}:
        expected = len(whole_word(text).findall(source))
        if len(whole_word(text).findall(output)) != expected:
            missing.append(text)
    assert missing == [], f"{name}: kept text was changed: {sorted(missing)}"
