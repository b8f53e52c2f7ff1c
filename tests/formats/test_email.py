"""E-mail (.eml): headers, plain and HTML bodies redacted in place, mail-route headers
removed and listed, valid MIME out, re-read by the standard library's other parser;
attachments refused until they can be read. SYNTHETIC messages."""

from __future__ import annotations

import email
from email import policy
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from redactor.errors import DamagedDocument, ExitCode, UnreadableContent

MESSAGE = """\
From: Kerensa Pellow <k.pellow@example.com>
To: Office <office@hollybrook.example.sch.uk>
Subject: Olivia Smith - bruise on arm
Date: Mon, 7 Dec 2026 08:00:00 +0000
Message-ID: <abc123@mail.example.com>
Received: from mail.example.com by mx.hollybrook.example.sch.uk
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="XYZ"

--XYZ
Content-Type: text/plain; charset="utf-8"

Hi, Olivia came home with a bruise. Call me on 07700 900123.
Kerensa Pellow

--XYZ
Content-Type: text/html; charset="utf-8"

<html><head><style>p { color: #333 }</style></head><body>
<p>Hi, <b>Olivia Smith</b> came home with a bruise. Call me on 07700 900123.</p>
<p><a href="mailto:k.pellow@example.com" title="Kerensa Pellow">Kerensa Pellow</a>
(Zo&euml; Pellow's mum) <img src="cid:logo" alt="Olivia Smith at sports day"></p>
</body></html>

--XYZ--
"""
VALUES = ["Kerensa", "Pellow", "k.pellow@example.com", "Olivia", "07700 900123", "Zoë", "Zo&euml;"]
KEPT = ["bruise on arm", "came home with a bruise", "Call me on"]


def everything_readable(path: Path) -> str:
    """Every header and text part, decoded by the older parser, as one text."""
    message = email.message_from_bytes(path.read_bytes(), policy=policy.compat32)
    texts = [str(make_header(decode_header(value))) for _, value in message.items()]
    for part in message.walk():
        if not part.is_multipart():
            texts.append(part.get_payload(decode=True).decode(part.get_content_charset()))
    return "\n".join(texts)


def write(tmp_path: Path, text: str, name: str = "mail.eml") -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_headers_and_every_body_are_redacted_and_the_rest_stays(make_redactor, tmp_path):
    source = write(tmp_path, MESSAGE)
    dest = tmp_path / "out" / "mail.eml"
    make_redactor().redact_file(source, dest)
    readable = everything_readable(dest)
    for value in VALUES:
        assert value not in readable, value
    for kept in KEPT:
        assert kept in readable, kept
    parsed = email.message_from_bytes(dest.read_bytes(), policy=policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]
    html = parsed.get_body(("html",)).get_content()
    assert "<style>p { color: #333 }</style>" in html  # the markup is untouched
    assert 'src="cid:logo"' in html
    assert source.read_text(encoding="utf-8") == MESSAGE


def test_mail_route_headers_are_removed_and_listed(make_redactor, tmp_path):
    source = write(tmp_path, MESSAGE)
    dest = tmp_path / "out" / "mail.eml"
    result = make_redactor().redact_file(source, dest)
    parsed = email.message_from_bytes(dest.read_bytes(), policy=policy.default)
    assert parsed["Message-ID"] is None and parsed["Received"] is None
    assert parsed["Date"] is not None  # the date is the message's form, kept
    (removal,) = result.removals
    assert removal.count == 2 and "Received" in removal.where


def message_with_attachments() -> bytes:
    message = email.message.EmailMessage()
    message["From"] = "Kerensa Pellow <k.pellow@example.com>"
    message["Subject"] = "Forms"
    message.set_content("Forms attached.")
    message.add_attachment(b"\x89PNG\r\n\x1a\n...", maintype="image", subtype="png",
                           filename="Olivia Smith photo.png")  # fmt: skip
    message.add_attachment("Name,Phone\r\nOlivia Smith,07700 900123\r\n", subtype="csv",
                           filename="contacts.csv")  # fmt: skip
    return message.as_bytes()


def test_a_text_attachment_is_read_and_another_is_removed_and_listed(make_redactor, tmp_path):
    source = tmp_path / "in" / "attached.eml"
    source.parent.mkdir()
    source.write_bytes(message_with_attachments())
    dest = tmp_path / "out" / "attached.eml"
    result = make_redactor().redact_file(source, dest)
    readable = everything_readable(dest)
    assert "Olivia" not in readable and "07700 900123" not in readable
    assert "Name,Phone" in readable and "Forms attached." in readable
    parsed = email.message_from_bytes(dest.read_bytes(), policy=policy.default)
    names = [p.get_filename() for p in parsed.iter_attachments()]
    assert names == ["contacts.csv"]  # the picture was not read, so it is not in the copy
    # The record names the part's type and place, never its file name (a pupil's).
    assert ("attachment", "image/png, part 2") in [(r.kind, r.where) for r in result.removals]
    assert "Olivia" not in repr(result.removals)


def test_with_strict_attachments_such_a_message_is_refused(make_redactor, tmp_path, run_cli):
    source = tmp_path / "in" / "attached.eml"
    source.parent.mkdir()
    source.write_bytes(message_with_attachments())
    with pytest.raises(UnreadableContent, match="image/png, part 2"):
        make_redactor(strict_attachments=True).check_file(source)
    result = run_cli("redact", tmp_path / "in", "-o", tmp_path / "out", "--strict-attachments")
    assert result.code == ExitCode.FILE_FAILED
    assert not (tmp_path / "out" / "attached.eml").exists()


def test_a_file_that_is_not_a_message_is_refused(make_redactor, tmp_path):
    source = write(tmp_path, "\n\njust some words, no headers\n", "notes.eml")
    with pytest.raises(DamagedDocument, match="not an e-mail message"):
        make_redactor().check_file(source)


def test_a_plain_message_in_latin_1(make_redactor, tmp_path):
    message = email.message.EmailMessage()
    message["From"] = "office@hollybrook.example.sch.uk"
    message["To"] = "Zoë Pellow <zoe.pellow@example.com>"
    message["Subject"] = "Trip"
    message.set_content("Dear Zoë Pellow,\nThe trip is on Friday.\n", charset="latin-1")
    source = tmp_path / "in" / "trip.eml"
    source.parent.mkdir()
    source.write_bytes(message.as_bytes())
    dest = tmp_path / "out" / "trip.eml"
    make_redactor().redact_file(source, dest)
    readable = everything_readable(dest)
    assert "Zoë" not in readable and "Pellow" not in readable
    assert "The trip is on Friday." in readable
