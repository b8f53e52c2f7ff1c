"""Real-world files written by others (../shared/corpus): every one is redacted and
verified, or refused with a plain reason. None may crash, hang or change its input.

The corpus is not part of the repository (its files carry real people's names in
their metadata); where it is absent these tests skip and say why.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from redactor.api import Redactor
from redactor.model import FileFailure, FileResult
from redactor.safe_io import TEMP_PREFIX
from tests.conftest import SHARED

CORPUS = SHARED / "corpus"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (CORPUS / "MANIFEST.csv").exists(),
        reason="the shared corpus (../shared/corpus) is not beside this checkout",
    ),
]


def _manifest() -> list[dict[str, str]]:
    if not (CORPUS / "MANIFEST.csv").exists():
        return []
    with (CORPUS / "MANIFEST.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory, engine):
    rows = _manifest()
    out = tmp_path_factory.mktemp("corpus-out")
    redactor = Redactor(engine=engine)
    paths = [CORPUS / row["file"] for row in rows]
    batch = redactor.redact_paths(paths, out)
    return rows, batch, out


def test_every_file_is_redacted_or_refused_with_a_reason(corpus_run):
    rows, batch, _ = corpus_run
    assert len(batch.outcomes) == len(rows)
    crashes = [o for o in batch.failures if o.kind == "ProcessingFailed"]
    assert crashes == [], "unexpected errors: " + "; ".join(
        f"{o.source}: {o.reason}" for o in crashes
    )
    for failure in batch.failures:
        assert failure.reason and str(failure.source) not in failure.reason


def test_text_files_expected_to_redact_are_redacted(corpus_run):
    rows, batch, _ = corpus_run
    by_source = {o.source: o for o in batch.outcomes}
    for row in rows:
        if row["kind"] == "txt" and row["expect"] == "redact":
            outcome = by_source[CORPUS / row["file"]]
            assert isinstance(outcome, FileResult), f"{row['file']}: {outcome}"


# The manifest expects these types refused as unsupported; redactor supports them on
# purpose (the Word issue asks for .docm, with its macros removed; a .dotx template is
# a Word document like any other), so for them "redacted and verified" is right too.
DELIBERATELY_SUPPORTED = {".docm", ".dotx"}


def test_refusals_name_the_reason(corpus_run):
    rows, batch, _ = corpus_run
    by_source = {o.source: o for o in batch.outcomes}
    for row in rows:
        outcome = by_source[CORPUS / row["file"]]
        if row["expect"] == "refuse" and Path(row["file"]).suffix not in DELIBERATELY_SUPPORTED:
            assert isinstance(outcome, FileFailure), f"{row['file']} should have been refused"


def test_word_documents_are_redacted_or_refused_for_a_known_reason(corpus_run):
    rows, batch, _ = corpus_run
    by_source = {o.source: o for o in batch.outcomes}
    word = [by_source[CORPUS / r["file"]] for r in rows if r["kind"] in ("docx", "docm", "dotx")]
    refused = [o for o in word if isinstance(o, FileFailure)]
    assert len(word) - len(refused) >= 65, [f"{o.source.name}: {o.reason}" for o in refused]
    known = ("Strict Open XML", "password-protected", "outside any paragraph")
    assert all(any(k in o.reason for k in known) for o in refused), [o.reason for o in refused]


# Why a PDF may be refused: each a plain reason the user can act on.
PDF_REFUSALS = (
    "scanned image",
    "drawn shapes only",
    "password-protected",
    "damaged",
    "font whose text cannot be decoded",
    "cannot be read",
    "no text",
)


def test_pdfs_are_redacted_and_verified_or_refused_for_a_known_reason(corpus_run):
    rows, batch, _ = corpus_run
    by_source = {o.source: o for o in batch.outcomes}
    pdfs = [by_source[CORPUS / r["file"]] for r in rows if r["kind"] == "pdf"]
    refused = [o for o in pdfs if isinstance(o, FileFailure)]
    assert len(pdfs) - len(refused) >= 60, [f"{o.source.name}: {o.reason}" for o in refused]
    unknown = [o.reason for o in refused if not any(k in o.reason for k in PDF_REFUSALS)]
    assert unknown == []


def test_inputs_unchanged_and_no_temporary_files(corpus_run):
    rows, _, out = corpus_run
    for row in rows:
        data = (CORPUS / row["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"], row["file"]
    leftovers = [p for p in Path(out).rglob("*") if p.name.startswith(TEMP_PREFIX)]
    assert leftovers == []
