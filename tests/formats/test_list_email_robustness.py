"""Damaged, odd and hostile CSV and e-mail files: each is redacted or refused with a
reason a person can act on, never a crash, a hang or an "unexpected problem".
SYNTHETIC inputs."""

from __future__ import annotations

import base64
import email
import email.policy
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from redactor.errors import FileRefused, ProcessingFailed

CSV_CASES = {
    "only-a-header.csv": b"Name,Class,DOB\r\n",
    "one-column.csv": b"Name\nOlivia Smith\nIdris Pellow\n",
    "nul-bytes.csv": b"Name,Class\x00\x00\x00\nOlivia Smith,4H\n",
    "latin-1-as-utf-8.csv": "Name,Note\nZoë Pellow,café\n".encode("latin-1"),
    "bom-semicolons.csv": "\ufeffName;Phone\r\nOlivia Smith;07700 900123\r\n".encode(),
    "quotes-in-quotes.csv": b'Name,Note\n"Olivia ""Liv"" Smith","said ""hi"""\n',
    "blank-lines.csv": b"Name,Class\n\nOlivia Smith,4H\n\n\n",
    "very-wide.csv": (
        ",".join(f"c{i}" for i in range(500)) + "\n" + ",".join("x" * 500) + "\n"
    ).encode(),
    "empty.csv": b"",
    "binary.tsv": bytes(range(256)) * 4,
}
EML_CASES = {
    "unknown-charset.eml": (
        b"From: a@example.com\nSubject: hi\nContent-Type: text/plain; charset=x-nonsense\n\n"
        b"Olivia Smith\n"
    ),
    "bad-base64.eml": (
        b"From: a@example.com\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
        b"!!!not base64 at all###\n"
    ),
    "no-closing-boundary.eml": (
        b'From: a@example.com\nContent-Type: multipart/mixed; boundary="B"\n\n--B\n'
        b"Content-Type: text/plain\n\nOlivia Smith rang.\n"
    ),
    "nested.eml": (
        b'From: a@example.com\nContent-Type: multipart/mixed; boundary="A"\n\n--A\n'
        b'Content-Type: multipart/alternative; boundary="B"\n\n--B\nContent-Type: text/plain\n\n'
        b"Olivia Smith rang on 07700 900123.\n--B--\n--A--\n"
    ),
    "encoded-words.eml": (
        b"From: =?utf-8?b?" + base64.b64encode("Zoë Pellow".encode()) + b"?= <z@example.com>\n"
        b"Subject: =?utf-8?q?Olivia_Smith?=\nContent-Type: text/plain\n\nSee the subject.\n"
    ),
    "headers-only.eml": b"From: a@example.com\nSubject: nothing\n\n",
    "html-broken.eml": (
        b"From: a@example.com\nContent-Type: text/html\n\n<p><b>Olivia Smith <i>rang</p><a href=\n"
    ),
    "not-mail.eml": b"\x89PNG\r\n\x1a\n" + bytes(200),
}


@pytest.mark.parametrize("name", sorted({**CSV_CASES, **EML_CASES}))
def test_redacted_or_refused_with_a_reason(make_redactor, tmp_path, name):
    data = {**CSV_CASES, **EML_CASES}[name]
    source = tmp_path / name
    source.write_bytes(data)
    dest = tmp_path / "out" / name
    dest.parent.mkdir()
    try:
        make_redactor().redact_file(source, dest)
    except ProcessingFailed as failed:  # an unexpected fault caught at the boundary
        pytest.fail(f"{name}: {failed.reason}")
    except FileRefused as refused:
        assert refused.reason and "unexpected" not in refused.reason
        assert not dest.exists()
        return
    written = dest.read_bytes().decode("utf-8", "replace")
    if name.endswith(".eml"):  # headers and bodies decoded, as a mail program shows them
        written += "\n".join(_decoded(dest))
    for value in ("Olivia Smith", "07700 900123", "Zoë", "Pellow"):
        assert value not in written, (name, value)
    assert not [p for p in Path(tmp_path / "out").iterdir() if p.name.startswith(".redactor")]


def _decoded(path: Path) -> list[str]:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.compat32)
    texts = [str(make_header(decode_header(value))) for _, value in message.items()]
    for part in message.walk():
        payload = None if part.is_multipart() else part.get_payload(decode=True)
        if isinstance(payload, bytes):
            texts.append(payload.decode("utf-8", "replace"))
    return texts
