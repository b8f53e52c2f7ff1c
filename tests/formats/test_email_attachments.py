"""E-mail attachments read by their own format (Word, PDF, Excel), forwarded messages'
headers, and attachment names: redacted in the copy, verified by each format's own
re-read, never written to disk to be read, nothing left behind. SYNTHETIC messages.
"""

from __future__ import annotations

import email
import io
import warnings
import zipfile
from email import policy
from email.message import EmailMessage
from pathlib import Path

import docx
import openpyxl
import pypdf
import pytest

from redactor.errors import UnreadableContent
from tests.fakes.docx_parts import build_docx
from tests.fakes.pdf_builder import build_pdf
from tests.fakes.xlsx_parts import Book, build_xlsx, write

SECRET = "Olivia Smith"
DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def message(*attachments: tuple[bytes, tuple[str, str], str]) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = "Hollybrook Office <office@example.org>"
    mail["To"] = "Governors <governors@example.org>"
    mail["Subject"] = "Papers for Thursday"
    mail.set_content("The papers are attached.")
    for data, (maintype, subtype), name in attachments:
        mail.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return mail


def redact(redactor, tmp_path: Path, mail: EmailMessage, name: str = "papers.eml"):
    source = tmp_path / "in" / name
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(mail.as_bytes())
    batch = redactor.redact_paths([source], tmp_path / "out")
    (outcome,) = batch.outcomes
    assert getattr(outcome, "dest", None) is not None, getattr(outcome, "reason", outcome)
    written = outcome.dest
    # Nothing but the copy in the output folder: no temporary attachment left behind.
    assert [p.name for p in (tmp_path / "out").iterdir()] == [written.name]
    parsed = email.message_from_bytes(written.read_bytes(), policy=policy.default)
    return outcome, parsed


def attachments(parsed) -> list:
    return list(parsed.iter_attachments())


@pytest.fixture
def strict(make_redactor, tmp_path):
    (tmp_path / "src").mkdir()
    return make_redactor(profile="strict")


def test_a_word_attachment_is_redacted_as_a_word_document(strict, tmp_path):
    data = build_docx(tmp_path / "src" / "note.docx", "body", SECRET).read_bytes()
    result, parsed = redact(strict, tmp_path, message((data, DOCX, "note.docx")))
    (part,) = attachments(parsed)
    assert part.get_filename() == "note.docx" and part.get_content_type() == "/".join(DOCX)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(part.get_content())).paragraphs)
    assert "[NAME]" in text and "Olivia" not in text and "for the team" in text
    assert any(f.where.startswith("attachment (part 2)") for f in result.findings)


def test_a_pdf_attachment_is_redacted_as_a_pdf(strict, tmp_path):
    data = build_pdf(tmp_path / "src" / "letter.pdf", "type1_standard").read_bytes()
    _, parsed = redact(strict, tmp_path, message((data, ("application", "pdf"), "letter.pdf")))
    (part,) = attachments(parsed)
    pages = pypdf.PdfReader(io.BytesIO(part.get_content())).pages
    text = "\n".join(page.extract_text() for page in pages)
    assert "Olivia" not in text and "staff briefing" in text


def test_an_excel_attachment_and_its_name(strict, tmp_path):
    data = build_xlsx(tmp_path / "src" / "list.xlsx", "cell (shared string)", SECRET).read_bytes()
    _, parsed = redact(strict, tmp_path, message((data, XLSX, f"{SECRET} contacts.xlsx")))
    (part,) = attachments(parsed)
    assert part.get_filename() == "[NAME] contacts.xlsx"
    with zipfile.ZipFile(io.BytesIO(part.get_content())) as archive:
        raw = " ".join(archive.read(i).decode("utf-8", "replace") for i in archive.infolist())
    assert "Olivia" not in raw and "Swimming kit" in raw
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl on a workbook without its default style
        openpyxl.load_workbook(io.BytesIO(part.get_content()))


def test_a_macro_workbook_attachment_comes_back_as_xlsx(strict, tmp_path):
    book = Book(main_type="application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    data = write(tmp_path / "src" / "tracker.xlsm", book).read_bytes()
    macro = ("application", "vnd.ms-excel.sheet.macroEnabled.12")
    _, parsed = redact(strict, tmp_path, message((data, macro, "tracker.xlsm")))
    (part,) = attachments(parsed)
    assert part.get_filename() == "tracker.xlsx" and part.get_content_type() == "/".join(XLSX)


def test_an_attachment_that_cannot_be_read_is_left_out_with_its_reason(strict, tmp_path):
    broken = build_pdf(tmp_path / "src" / "scan.pdf", "scanned_page").read_bytes()
    result, parsed = redact(strict, tmp_path, message((broken, ("application", "pdf"), "a.pdf")))
    assert attachments(parsed) == []
    (removal,) = [r for r in result.removals if r.kind == "attachment"]
    assert removal.where.startswith("application/pdf, part 2 (") and "scan" in removal.where


def test_with_strict_attachments_an_unreadable_one_refuses_the_message(make_redactor, tmp_path):
    (tmp_path / "src").mkdir()
    broken = build_pdf(tmp_path / "src" / "scan.pdf", "scanned_page").read_bytes()
    source = tmp_path / "scan.eml"
    source.write_bytes(message((broken, ("application", "pdf"), "a.pdf")).as_bytes())
    with pytest.raises(UnreadableContent, match="application/pdf, part 2"):
        make_redactor(profile="strict", strict_attachments=True).check_file(source)


def test_a_forwarded_message_has_its_headers_read(strict, tmp_path):
    inner = EmailMessage()
    inner["From"] = f"{SECRET} <olivia.smith@example.org>"
    inner["To"] = "office@example.org"
    inner["Subject"] = f"{SECRET} is off sick"
    inner["Message-ID"] = "<abc@mail.example.org>"
    inner.set_content("She will be back on Monday.")
    outer = message()
    outer.add_attachment(inner)
    _, parsed = redact(strict, tmp_path, outer)
    raw = parsed.as_string()
    assert "Olivia" not in raw and "olivia.smith" not in raw and "abc@mail" not in raw
    assert "She will be back on Monday." in raw


def test_a_word_attachment_leaves_no_trace_when_verification_stops_it(
    strict, tmp_path, monkeypatch
):
    # If the attachment's own verification finds a value still there, the whole message
    # is refused, and nothing (no copy, no temporary file) is left in the output folder.
    import redactor.formats.docx as word

    data = build_docx(tmp_path / "src" / "note.docx", "body", SECRET).read_bytes()
    monkeypatch.setattr(word, "_apply", lambda target, edits: None)  # edits not applied
    source = tmp_path / "in" / "papers.eml"
    source.parent.mkdir()
    source.write_bytes(message((data, DOCX, "note.docx")).as_bytes())
    batch = strict.redact_paths([source], tmp_path / "out")
    (outcome,) = batch.outcomes
    assert "still readable" in outcome.reason
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_an_outlook_message_is_redacted_and_written_as_eml(strict, tmp_path, run_cli):
    from tests.fakes.cfb_writer import TO, Attachment, Person, Recipient, build_msg

    note = build_docx(tmp_path / "src" / "note.docx", "body", SECRET).read_bytes()
    data = build_msg(
        subject=f"{SECRET} - pickup",
        sender=Person("Kerensa Pellow", "k.pellow@example.com"),
        recipients=[Recipient("Hollybrook Office", "office@example.org", kind=TO)],
        body=f"{SECRET} will be collected by her aunt.\r\nCall me on 07700 900123.",
        html=f"<p>{SECRET} will be collected by her aunt.</p>",
        attachments=[Attachment(note, long_filename=f"{SECRET} note.docx")],
        transport_headers="Received: from mail.example.org\r\n",
    )
    source = tmp_path / "in" / "pickup.msg"
    source.parent.mkdir()
    source.write_bytes(data)
    result = run_cli("redact", source.parent, "-o", tmp_path / "out", "--profile", "strict")
    assert result.code == 0, result.err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["pickup.eml"]
    parsed = email.message_from_bytes(
        (tmp_path / "out" / "pickup.eml").read_bytes(), policy=policy.default
    )
    raw = parsed.as_string()
    for value in ("Olivia", "Kerensa", "Pellow", "k.pellow", "900123", "mail.example.org"):
        assert value not in raw, value
    body = parsed.get_body(("plain",))
    assert body is not None and "will be collected by her aunt" in body.get_content()
    assert "Olivia" not in body.get_content()
    assert "Hollybrook Office" in str(parsed["To"])
    (part,) = attachments(parsed)
    assert part.get_filename() == "[NAME] note.docx"
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(part.get_content())).paragraphs)
    assert "Olivia" not in text and "for the team" in text


def test_a_parts_own_headers_are_not_carried_over(strict, tmp_path):
    mail = message()
    mail.add_attachment("Swimming kit on Tuesday.", filename="kit.txt")
    (part,) = attachments(mail)
    part["Content-Description"] = f"Note about {SECRET}"
    part["Content-ID"] = "<olivia.smith.note@example.org>"
    result, parsed = redact(strict, tmp_path, mail)
    raw = parsed.as_string()
    assert "Olivia" not in raw and "olivia" not in raw
    assert "Swimming kit on Tuesday." in raw
    (headers,) = [r for r in result.removals if r.kind == "mail headers"]
    assert "Content-Description" in headers.where
