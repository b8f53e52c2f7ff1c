"""Outlook .msg files read into an e-mail: headers, bodies, attachments and attached
messages carried over; RTF, links, OLE objects and Outlook's internals dropped and listed
by kind; damaged, non-mail, protected, RTF-only and oversized files refused with the
project's own errors. Every file here is SYNTHETIC, written by ``tests.fakes.cfb_writer``;
the people and addresses are invented."""

from __future__ import annotations

import email
import io
import random
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import olefile  # type: ignore[import-untyped]
import pytest

from redactor.errors import (
    DamagedDocument,
    EncryptedDocument,
    FileRefused,
    UnreadableContent,
    UnsafeDocument,
    UnsupportedFormat,
)
from redactor.formats import outlook_msg
from redactor.formats.outlook_msg import MsgConversion, read_msg
from tests.fakes.cfb_writer import (
    BCC,
    CC,
    PT_BINARY,
    PT_UNICODE,
    Attachment,
    Person,
    Recipient,
    Stream,
    Tree,
    build_msg,
    flat_entry_list,
    msg_tree,
    one_off_entry,
    substg,
    write_cfb,
)

PATH = Path("mail.msg")
TANSY = Person("Tansy Morwood", "tansy.morwood@example.org")
IDRIS = Recipient("Idris Pellow", "idris.pellow@example.org")
ZOE = Recipient("Zoë Quarrie", "zoe.quarrie@example.org", kind=CC)
BODY = "Dear Idris,\nTansy will be collected from ZZ99 9ZZ at 3pm.\nThanks"
HTML = "<html><body><p>Dear Idris,</p><p><b>Tansy</b> will be collected at 3pm.</p></body></html>"
ALLOWED = (DamagedDocument, UnsupportedFormat, EncryptedDocument, UnreadableContent, UnsafeDocument)


def convert(**fields: Any) -> MsgConversion:
    return read_msg(PATH, build_msg(**fields))


def reparsed(message: EmailMessage) -> EmailMessage:
    parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def body_of(message: EmailMessage, kind: str) -> str:
    part = message.get_body(preferencelist=(kind,))
    assert part is not None, f"no {kind} body"
    content = part.get_content()
    assert isinstance(content, str)
    return content


def attachments_of(message: EmailMessage) -> list[EmailMessage]:
    return [p for p in message.iter_attachments() if isinstance(p, EmailMessage)]


# --- the writer ------------------------------------------------------------------------------


def _check_red_black(ole: Any, sid: int) -> int:
    """The black height of the subtree at ``sid``; fails on a red node with a red child."""
    if sid == 0xFFFFFFFF:
        return 1
    entry = ole.direntries[sid]
    left, right = _check_red_black(ole, entry.sid_left), _check_red_black(ole, entry.sid_right)
    assert left == right, f"unequal black heights under {entry.name!r}"
    if entry.color == 0:
        for child in (entry.sid_left, entry.sid_right):
            assert child == 0xFFFFFFFF or ole.direntries[child].color == 1, "red under red"
    return left + int(entry.color)


def _in_order(ole: Any, sid: int) -> list[str]:
    if sid == 0xFFFFFFFF:
        return []
    entry = ole.direntries[sid]
    return [*_in_order(ole, entry.sid_left), entry.name, *_in_order(ole, entry.sid_right)]


def test_the_writer_makes_files_olefile_reads_strictly() -> None:
    tree: Tree = {
        "small": b"tiny",
        "empty": b"",
        "large": bytes(range(256)) * 40,  # over the 4,096-byte cutoff: in regular sectors
        "folder": {f"item{n:02d}": bytes([n]) * (n * 60) for n in range(40)},
        "a": {"b": {"c": b"deep"}},
    }
    data = write_cfb(tree)
    assert olefile.isOleFile(data)
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    assert ole.parsing_issues == []
    listed = {"/".join(p) for p in ole.listdir(streams=True, storages=False)}
    folder = {f"folder/item{n:02d}" for n in range(40)}
    assert listed == {"small", "empty", "large", "a/b/c"} | folder
    assert ole.openstream("small").read() == b"tiny"
    assert ole.openstream("empty").read() == b""
    assert ole.openstream("large").read() == bytes(range(256)) * 40
    assert ole.openstream("a/b/c").read() == b"deep"
    for n in range(40):
        assert ole.openstream(f"folder/item{n:02d}").read() == bytes([n]) * (n * 60)
    assert ole.get_type("folder") == olefile.STGTY_STORAGE
    # Each storage's children form a valid red-black tree, in [MS-CFB] order.
    for entry in ole.direntries:
        if entry is not None and entry.entry_type in (olefile.STGTY_STORAGE, olefile.STGTY_ROOT):
            names = _in_order(ole, entry.sid_child)
            assert names == sorted(names, key=lambda n: (len(n), n.upper()))
            _check_red_black(ole, entry.sid_child)


def test_the_writer_lays_out_a_message_as_ms_oxmsg_says() -> None:
    data = build_msg(subject="Trip", sender=TANSY, recipients=[IDRIS], body=BODY)
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    assert ole.exists("__properties_version1.0")
    assert ole.exists("__recip_version1.0_#00000000/__properties_version1.0")
    subject = ole.openstream(substg(0x0037, PT_UNICODE)).read()
    assert subject.decode("utf-16-le") == "Trip"
    assert len(ole.openstream("__properties_version1.0").read()) % 16 == 0  # 32-byte header


# --- headers ---------------------------------------------------------------------------------


def test_from_to_cc_bcc_keep_display_names_and_addresses() -> None:
    conversion = convert(
        subject="Collection on Friday",
        sender=TANSY,
        recipients=[IDRIS, ZOE, Recipient("School Office", "office@example.org", kind=BCC)],
        body=BODY,
    )
    message = conversion.message
    assert str(message["From"]) == "Tansy Morwood <tansy.morwood@example.org>"
    assert str(message["To"]) == "Idris Pellow <idris.pellow@example.org>"
    assert str(message["Cc"]) == "Zoë Quarrie <zoe.quarrie@example.org>"
    assert str(message["Bcc"]) == "School Office <office@example.org>"
    assert str(message["Subject"]) == "Collection on Friday"
    assert [a.addr_spec for a in message["To"].addresses] == ["idris.pellow@example.org"]


def test_recipients_keep_their_order_and_kinds() -> None:
    message = convert(
        sender=TANSY,
        recipients=[IDRIS, ZOE, Recipient("Senara Aldous", "senara@example.org")],
        body=BODY,
    ).message
    assert [a.display_name for a in message["To"].addresses] == ["Idris Pellow", "Senara Aldous"]
    assert [a.display_name for a in message["Cc"].addresses] == ["Zoë Quarrie"]
    assert message["Bcc"] is None


def test_a_non_ascii_display_name_is_encoded_in_the_header() -> None:
    message = convert(sender=Person("Zoë Quarrie", "zoe@example.org"), body=BODY).message
    raw = message.as_bytes()
    header = raw.split(b"\n\n", 1)[0]
    assert b"From: =?utf-8?q?Zo=C3=AB?= Quarrie <zoe@example.org>" in header
    assert "Zoë".encode() not in header
    assert str(reparsed(message)["From"]) == "Zoë Quarrie <zoe@example.org>"


@pytest.mark.parametrize(
    ("codepage", "codec", "name", "subject"),
    [
        (1252, "cp1252", "Zoë Quarrie", "Café trip – Zoë"),
        (1251, "cp1251", "Зоя Кварри", "Поездка"),
        (65001, "utf-8", "Zoë Quarrie", "Trip ☺"),
    ],
)
def test_string8_properties_are_decoded_in_the_message_code_page(
    codepage: int, codec: str, name: str, subject: str
) -> None:
    message = convert(
        unicode=False,
        codepage=codepage,
        codec=codec,
        subject=subject,
        sender=Person(name, "zoe@example.org"),
        recipients=[Recipient(name, "zoe@example.org")],
        body=f"Dear {name}",
    ).message
    assert str(message["Subject"]) == subject
    assert message["From"].addresses[0].display_name == name
    assert message["To"].addresses[0].display_name == name
    assert body_of(message, "plain").strip() == f"Dear {name}"


def test_string8_falls_back_to_the_internet_code_page() -> None:
    message = convert(
        unicode=False, internet_cpid=1250, codec="cp1250", subject="Łucja Morwood", body="Łucja"
    ).message
    assert str(message["Subject"]) == "Łucja Morwood"


def test_unicode_and_string8_subjects_read_the_same() -> None:
    wide = convert(subject="Zoë's form", body=BODY).message
    narrow = convert(unicode=False, codepage=1252, subject="Zoë's form", body=BODY).message
    assert str(wide["Subject"]) == str(narrow["Subject"]) == "Zoë's form"


def test_an_exchange_sender_without_smtp_keeps_only_the_display_name() -> None:
    exchange = "/O=EXAMPLE/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=TANSY.MORWOOD"
    conversion = convert(
        sender=Person("Tansy Morwood", exchange, address_type="EX"),
        recipients=[Recipient("Idris Pellow", exchange.replace("TANSY", "IDRIS"), "EX")],
        body=BODY,
    )
    raw = conversion.message.as_bytes()
    assert b"/O=EXAMPLE" not in raw and b"RECIPIENTS" not in raw
    assert str(conversion.message["From"]) == "Tansy Morwood:;"
    assert conversion.message["From"].groups[0].display_name == "Tansy Morwood"
    assert str(conversion.message["To"]) == "Idris Pellow:;"
    assert any(d.startswith("2 addresses that are not internet") for d in conversion.dropped)


def test_an_exchange_sender_with_an_smtp_property_keeps_that_address() -> None:
    sender = Person("Tansy Morwood", "/O=EXAMPLE/CN=T", "EX", smtp="tansy@example.org")
    recipient = Recipient("Idris Pellow", "/O=EXAMPLE/CN=I", "EX", smtp="idris@example.org")
    conversion = convert(sender=sender, recipients=[recipient], body=BODY)
    assert str(conversion.message["From"]) == "Tansy Morwood <tansy@example.org>"
    assert str(conversion.message["To"]) == "Idris Pellow <idris@example.org>"
    assert not any("internet" in d for d in conversion.dropped)


def test_sent_on_behalf_of_gives_from_and_sender() -> None:
    message = convert(
        sender=Person("Idris Pellow", "idris@example.org"), representing=TANSY, body=BODY
    ).message
    assert str(message["From"]) == "Tansy Morwood <tansy.morwood@example.org>"
    assert str(message["Sender"]) == "Idris Pellow <idris@example.org>"


def test_an_invalid_address_is_dropped_and_the_name_kept() -> None:
    conversion = convert(
        recipients=[Recipient("Idris Pellow", "idris at example dot org")], body=BODY
    )
    assert str(conversion.message["To"]) == "Idris Pellow:;"
    assert b"dot org" not in conversion.message.as_bytes()
    assert "1 address that is not a valid e-mail address (the display name was kept)" in (
        conversion.dropped
    )


def test_date_comes_from_the_submit_time() -> None:
    message = convert(date=datetime(2026, 3, 4, 9, 30, tzinfo=UTC), body=BODY).message
    assert str(message["Date"]) == "Wed, 04 Mar 2026 09:30:00 +0000"
    assert message["Date"].datetime == datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


def test_reply_to_from_one_off_entries_keeps_addresses() -> None:
    entries = flat_entry_list(
        [
            one_off_entry("Tansy Morwood", "tansy@example.org"),
            one_off_entry("Zoë Q", "z@example.org"),
        ]
    )
    message = convert(
        reply_to_entries=entries, reply_to_names="Tansy Morwood; Zoë Q", body=BODY
    ).message
    assert str(message["Reply-To"]) == "Tansy Morwood <tansy@example.org>, Zoë Q <z@example.org>"


def test_reply_to_from_names_alone() -> None:
    message = convert(reply_to_names="Tansy Morwood; Idris Pellow", body=BODY).message
    assert str(message["Reply-To"]) == "Tansy Morwood:;, Idris Pellow:;"


def test_a_draft_with_only_display_lists_keeps_the_names() -> None:
    message = convert(display_to="Tansy Morwood; Idris Pellow", body=BODY).message
    assert [g.display_name for g in message["To"].groups] == ["Tansy Morwood", "Idris Pellow"]


def test_a_recipient_of_unknown_kind_is_dropped_and_listed() -> None:
    conversion = convert(
        recipients=[IDRIS, Recipient("Senara Aldous", "senara@example.org", kind=None)], body=BODY
    )
    assert b"Senara" not in conversion.message.as_bytes()
    assert "1 recipient of an unknown kind (neither To, Cc nor Bcc)" in conversion.dropped


def test_headers_never_break_lines() -> None:
    message = convert(subject="Trip\r\nBcc: someone@example.org", body=BODY).message
    assert str(message["Subject"]) == "Trip Bcc: someone@example.org"
    assert message["Bcc"] is None
    assert reparsed(message)["Bcc"] is None


# --- bodies ----------------------------------------------------------------------------------


def test_plain_body_only() -> None:
    message = convert(subject="Note", body=BODY).message
    assert message.get_content_type() == "text/plain"
    assert message.get_content().strip() == BODY


def test_html_body_only() -> None:
    message = convert(subject="Note", html=HTML).message
    assert message.get_content_type() == "text/html"
    assert message.get_content().strip() == HTML


def test_plain_and_html_make_multipart_alternative() -> None:
    message = convert(subject="Note", body=BODY, html=HTML).message
    assert message.get_content_type() == "multipart/alternative"
    parts = [p.get_content_type() for p in message.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    assert body_of(message, "plain").strip() == BODY
    assert body_of(message, "html").strip() == HTML


def test_html_is_decoded_with_the_internet_code_page() -> None:
    html = "<p>Zoë Quarrie</p>".encode("cp1252")
    message = convert(html=html, internet_cpid=1252).message
    assert message.get_content().strip() == "<p>Zoë Quarrie</p>"


def test_html_is_decoded_with_its_meta_charset() -> None:
    text = '<html><head><meta charset="windows-1251"></head><body>Зоя Кварри</body></html>'
    message = convert(html=text.encode("cp1251")).message
    assert message.get_content().strip() == text


def test_the_declared_code_page_comes_before_a_guess() -> None:
    """ISO-2022-JP is all 7-bit bytes, so it is valid UTF-8 too: only the declared code page
    reads it right."""
    text = "<p>名前の確認</p>"
    message = convert(html=text.encode("iso2022_jp"), internet_cpid=50220).message
    assert message.get_content().strip() == text


def test_a_unicode_plain_body_keeps_every_character() -> None:
    message = convert(body="Zoë – 名前 ☺").message
    assert message.get_content().strip() == "Zoë – 名前 ☺"


def test_an_rtf_only_message_is_refused() -> None:
    with pytest.raises(UnreadableContent) as refused:
        convert(subject="Note", rtf=b"LZFu compressed rtf of Tansy")
    assert "RTF" in refused.value.reason
    assert "Tansy" not in refused.value.reason


def test_an_rtf_message_with_a_blank_plain_body_is_refused() -> None:
    with pytest.raises(UnreadableContent):
        convert(subject="Note", body="  \r\n", rtf=b"LZFu compressed rtf")


def test_rtf_with_a_plain_body_keeps_the_plain_and_lists_the_rtf() -> None:
    conversion = convert(subject="Note", body=BODY, rtf=b"LZFu compressed rtf of Tansy")
    assert conversion.message.get_content().strip() == BODY
    assert "RTF body (an HTML or plain body was kept)" in conversion.dropped
    assert b"LZFu" not in conversion.message.as_bytes()


def test_rtf_with_an_html_body_keeps_the_html() -> None:
    conversion = convert(html=HTML, rtf=b"LZFu compressed rtf")
    assert conversion.message.get_content_type() == "text/html"
    assert "RTF body (an HTML or plain body was kept)" in conversion.dropped


# --- attachments -----------------------------------------------------------------------------


def test_text_and_binary_attachments_keep_names_types_and_content() -> None:
    picture = bytes(range(256)) * 3
    conversion = convert(
        body=BODY,
        attachments=[
            Attachment("Zoë's notes".encode("cp1252"), long_filename="Trip notes.txt"),
            Attachment(picture, long_filename="Class photo.png", mime_type="image/png"),
            Attachment(b"\x00\x01binary", filename="DATA.XYZ"),
        ],
    )
    message = conversion.message
    assert message.get_content_type() == "multipart/mixed"
    assert body_of(message, "plain").strip() == BODY
    notes, photo, other = attachments_of(message)
    assert notes.get_filename() == "Trip notes.txt"
    assert notes.get_content_type() == "text/plain"
    assert notes.get_content() == "Zoë's notes\n"  # read as cp1252; the e-mail package ends lines
    assert notes.get_content_disposition() == "attachment"
    assert photo.get_filename() == "Class photo.png"
    assert photo.get_content_type() == "image/png"
    assert photo.get_content() == picture
    assert other.get_filename() == "DATA.XYZ"
    assert other.get_content_type() == "application/octet-stream"
    assert other.get_content() == b"\x00\x01binary"


def test_the_long_file_name_wins_over_the_short_one() -> None:
    message = convert(
        body=BODY,
        attachments=[Attachment(b"x", long_filename="Consent form.txt", filename="CONSEN~1.TXT")],
    ).message
    assert [a.get_filename() for a in attachments_of(message)] == ["Consent form.txt"]


def test_a_container_mime_type_is_never_trusted_for_bytes() -> None:
    labelled = Attachment(b"abc", long_filename="x.bin", mime_type="multipart/mixed")
    message = convert(body=BODY, attachments=[labelled]).message
    (part,) = attachments_of(message)
    assert part.get_content_type() == "application/octet-stream"
    assert reparsed(message).get_content_type() == "multipart/mixed"
    (again,) = attachments_of(reparsed(message))
    assert again.get_content() == b"abc"


def test_file_names_lose_folders() -> None:
    message = convert(
        body=BODY, attachments=[Attachment(b"x", long_filename="C:\\Users\\Office\\form.txt")]
    ).message
    assert [a.get_filename() for a in attachments_of(message)] == ["form.txt"]


def test_an_attached_message_becomes_message_rfc822() -> None:
    conversion = convert(
        subject="Fwd: Collection",
        sender=TANSY,
        body="See the message below.",
        embedded={
            "subject": "Collection",
            "sender": Person("Idris Pellow", "idris@example.org"),
            "recipients": [Recipient("Zoë Quarrie", "zoe@example.org")],
            "body": BODY,
            "attachments": [Attachment(b"inner notes", long_filename="inner.txt")],
        },
    )
    (part,) = attachments_of(conversion.message)
    assert part.get_content_type() == "message/rfc822"
    assert part.get_filename() == "Collection"
    inner = part.get_content()
    assert isinstance(inner, EmailMessage)
    assert str(inner["From"]) == "Idris Pellow <idris@example.org>"
    assert str(inner["To"]) == "Zoë Quarrie <zoe@example.org>"
    assert body_of(inner, "plain").strip() == BODY
    assert [a.get_content() for a in attachments_of(inner)] == ["inner notes\n"]


def test_attached_messages_are_followed_five_levels_deep_and_no_further() -> None:
    level: dict[str, Any] = {"subject": "Level 6", "body": "six"}
    for depth in range(5, 0, -1):
        level = {"subject": f"Level {depth}", "body": f"level {depth}", "embedded": level}
    conversion = convert(subject="Top", body="top", embedded=level)
    message, depth = conversion.message, 0
    while True:
        parts = attachments_of(message)
        if not parts:
            break
        inner = parts[0].get_content()
        assert isinstance(inner, EmailMessage)
        message, depth = inner, depth + 1
    assert depth == 5
    assert str(message["Subject"]) == "Level 5"
    assert "1 attached e-mail nested more than 5 levels deep (in an attached e-mail)" in (
        conversion.dropped
    )


def test_an_attached_outlook_item_that_is_not_an_email_is_dropped() -> None:
    conversion = convert(
        body=BODY, embedded={"subject": "Tansy's birthday", "message_class": "IPM.Appointment"}
    )
    assert attachments_of(conversion.message) == []
    assert b"birthday" not in conversion.message.as_bytes()
    assert conversion.dropped == (
        "1 attached Outlook item that is not an e-mail (such as a calendar item or contact)",
    )


def test_an_attached_rtf_only_email_is_dropped() -> None:
    conversion = convert(body=BODY, embedded={"subject": "Old", "rtf": b"LZFu"})
    assert attachments_of(conversion.message) == []
    assert "1 attached e-mail whose text is only in RTF form" in conversion.dropped


def test_linked_and_ole_attachments_are_dropped_and_counted_without_names() -> None:
    conversion = convert(
        body=BODY,
        attachments=[
            Attachment(b"", long_filename="Tansy Morwood report.docx", method=2),
            Attachment(b"", long_filename="Idris Pellow plan.docx", method=4),
            Attachment(b"ole data", long_filename="Zoe chart.xls", method=6),
            Attachment(b"", long_filename="Shared folder link", method=7),
            Attachment(b"kept", long_filename="kept.txt"),
        ],
    )
    assert [a.get_filename() for a in attachments_of(conversion.message)] == ["kept.txt"]
    assert conversion.dropped == (
        "2 attachments linked by reference",
        "1 embedded OLE object",
        "1 attachment linked to a web location",
    )
    raw = conversion.message.as_bytes()
    for name in ("Tansy Morwood report", "Idris Pellow plan", "Zoe chart", "ole data"):
        assert name.encode() not in raw


# --- what is dropped -------------------------------------------------------------------------


def test_outlook_internals_are_dropped_by_kind_and_never_by_value() -> None:
    secrets = ["Tansy", "Morwood", "Idris", "Pellow", "ZZ99", "example.org", "Parents evening"]
    conversion = convert(
        subject="Tansy Morwood, ZZ99 9ZZ",
        sender=TANSY,
        recipients=[IDRIS],
        body=BODY,
        transport_headers="Received: from mail.example.org (Tansy Morwood)",
        message_id="<tansy.morwood@example.org>",
        named_property="Parents evening",
        extra={
            substg(0x3FFA, PT_UNICODE): "Idris Pellow".encode("utf-16-le"),
            substg(0x0FFF, PT_BINARY): b"entry id of Tansy",
        },
    )
    assert set(conversion.dropped) == {
        "internet transport headers",
        "message identifiers (Message-ID, In-Reply-To, References)",
        "named properties",
        "the names of who created or last changed the item",
        "other Outlook properties (internal IDs, flags, times and settings)",
    }
    for line in conversion.dropped:
        for secret in secrets:
            assert secret not in line
    raw = conversion.message.as_bytes()
    assert b"Received" not in raw and b"Parents evening" not in raw
    assert b"entry id" not in raw and b"Message-ID" not in raw


def test_a_plain_message_drops_nothing() -> None:
    assert convert(subject="Note", sender=TANSY, recipients=[IDRIS], body=BODY).dropped == ()


# --- refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message_class", "words"),
    [
        ("IPM.Contact", "an Outlook contact (IPM.Contact)"),
        ("IPM.Appointment", "an Outlook calendar item (IPM.Appointment)"),
        ("IPM.Schedule.Meeting.Request", "meeting request"),
        ("IPM.Task", "an Outlook task"),
        ("Something odd\r\n", "an Outlook item, not an e-mail"),
    ],
)
def test_outlook_items_that_are_not_emails_are_refused(message_class: str, words: str) -> None:
    with pytest.raises(UnsupportedFormat) as refused:
        convert(message_class=message_class, subject="Tansy Morwood", body=BODY)
    assert words in refused.value.reason
    assert "Tansy" not in refused.value.reason


def test_a_message_without_a_class_is_refused() -> None:
    with pytest.raises(UnsupportedFormat):
        convert(message_class=None, body=BODY)


def test_an_ole_file_that_is_not_a_message_is_refused() -> None:
    with pytest.raises(UnsupportedFormat) as refused:
        read_msg(PATH, write_cfb({"WordDocument": b"\xec\xa5" * 300, "1Table": b"\x00" * 100}))
    assert "not an Outlook e-mail message" in refused.value.reason


@pytest.mark.parametrize("message_class", ["IPM.Note.SMIME", "IPM.Note.SMIME.MultipartSigned"])
def test_smime_messages_are_refused(message_class: str) -> None:
    with pytest.raises(EncryptedDocument):
        convert(message_class=message_class, subject="Secret", body="")


@pytest.mark.parametrize(
    "attachment",
    [
        Attachment(b"0\x82sealed", long_filename="smime.p7m"),
        Attachment(b"sealed", long_filename="x.bin", mime_type="application/pkcs7-mime"),
        Attachment(b"sealed", long_filename="message.rpmsg"),
    ],
)
def test_a_note_that_carries_a_sealed_attachment_is_refused(attachment: Attachment) -> None:
    with pytest.raises(EncryptedDocument):
        convert(subject="Secret", attachments=[attachment])


def test_an_attached_smime_message_is_dropped_not_the_whole_file() -> None:
    conversion = convert(body=BODY, embedded={"message_class": "IPM.Note.SMIME", "body": ""})
    assert attachments_of(conversion.message) == []
    assert "1 attached encrypted or signed e-mail" in conversion.dropped


def test_random_bytes_are_refused_as_damaged() -> None:
    noise = random.Random(7).randbytes(5000)
    for data in (noise, b"", b"PK\x03\x04" + noise, bytes.fromhex("D0CF11E0A1B11AE1") + noise):
        with pytest.raises(DamagedDocument) as refused:
            read_msg(PATH, data)
        assert "not a readable Outlook message" in refused.value.reason


def test_a_truncated_file_is_refused_as_damaged() -> None:
    data = build_msg(subject="Trip", sender=TANSY, recipients=[IDRIS], body=BODY * 100)
    for cut in (100, 511, 512, 700, len(data) // 2, len(data) - 512, len(data) - 1):
        with pytest.raises(DamagedDocument):
            read_msg(PATH, data[:cut])


def test_damaged_files_never_raise_anything_else() -> None:
    """Flipped bytes anywhere in a rich message: the reader returns or refuses, nothing else."""
    data = build_msg(
        subject="Trip",
        sender=TANSY,
        recipients=[IDRIS, ZOE],
        body=BODY,
        html=HTML,
        attachments=[Attachment(b"x" * 5000, long_filename="big.bin")],
        embedded={"subject": "Inner", "body": BODY},
        reply_to_entries=flat_entry_list([one_off_entry("Tansy Morwood", "t@example.org")]),
    )
    rng = random.Random(20260304)
    outcomes: set[str] = set()
    for _ in range(300):
        mutant = bytearray(data)
        for _ in range(rng.randint(1, 6)):
            mutant[rng.randrange(len(mutant))] = rng.randrange(256)
        try:
            read_msg(PATH, bytes(mutant))
            outcomes.add("read")
        except ALLOWED as refused:
            outcomes.add(type(refused).__name__)
    assert "DamagedDocument" in outcomes  # the mutations did reach the structure


def test_a_header_olefile_fails_on_with_a_value_error_is_refused_as_damaged() -> None:
    """A mini sector shift of 65535: olefile raises ValueError (not its own OSError kind)
    when it formats 2**65535 for its log."""
    data = bytearray(build_msg(subject="Trip", body=BODY))
    data[32:34] = b"\xff\xff"
    with pytest.raises(DamagedDocument):
        read_msg(PATH, bytes(data))


def test_more_than_2000_storages_is_refused() -> None:
    crowded = build_msg(body=BODY, extra={f"s{n}": {} for n in range(2001)})
    with pytest.raises(UnsafeDocument) as refused:
        read_msg(PATH, crowded)
    assert "2,000" in refused.value.reason


def test_2000_storages_are_still_read() -> None:
    assert read_msg(PATH, build_msg(body=BODY, extra={f"s{n}": {} for n in range(2000)}))


def test_a_stream_that_claims_to_be_huge_is_refused_before_it_is_read() -> None:
    data = build_msg(body=BODY, extra={"filler": Stream(b"x" * 10, declared_size=300 << 20)})
    with pytest.raises(UnsafeDocument) as refused:
        read_msg(PATH, data)
    assert "200 MB" in refused.value.reason


def test_the_size_limit_counts_all_streams_together(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outlook_msg, "MAX_STREAM_BYTES", 12_000)
    one = [Attachment(b"a" * 7000, long_filename="a.bin")]
    assert convert(body="x", attachments=one)
    with pytest.raises(UnsafeDocument):
        convert(body="x", attachments=one * 2)


def test_every_refusal_is_a_file_refusal_with_the_path() -> None:
    with pytest.raises(FileRefused) as refused:
        read_msg(Path("in/odd.msg"), b"not ole")
    assert refused.value.path == Path("in/odd.msg")


def test_a_24_byte_top_level_header_is_still_read() -> None:
    """Some writers give the top level an attached message's header: the fixed-size
    entries (times, numbers) must still line up, or they would be misread."""
    when = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
    data = write_cfb(msg_tree(top=False, subject="Trip", body=BODY, date=when))
    message = read_msg(PATH, data).message
    assert str(message["Subject"]) == "Trip"
    assert message["Date"].datetime == when


# --- round trip ------------------------------------------------------------------------------


def test_the_message_round_trips_through_bytes() -> None:
    conversion = convert(
        subject="Collection – Zoë",
        sender=Person("Zoë Quarrie", "zoe@example.org"),
        recipients=[IDRIS, ZOE, Recipient("Office", None, kind=BCC)],
        body=BODY,
        html=HTML,
        date=datetime(2026, 3, 4, 9, 30, tzinfo=UTC),
        reply_to_names="Tansy Morwood",
        attachments=[
            Attachment("Zoë".encode(), long_filename="notes.txt"),
            Attachment(bytes(range(256)), long_filename="photo.png", mime_type="image/png"),
        ],
        embedded={"subject": "Inner", "sender": TANSY, "body": "inner body"},
    )
    original = conversion.message
    again = reparsed(original)
    for header in ("From", "To", "Cc", "Bcc", "Reply-To", "Subject", "Date"):
        assert str(again[header]) == str(original[header]), header
    assert str(again["Bcc"]) == "Office:;"
    for kind in ("plain", "html"):
        assert body_of(again, kind) == body_of(original, kind)
    before, after = attachments_of(original), attachments_of(again)
    assert [a.get_filename() for a in after] == [a.get_filename() for a in before]
    assert [a.get_content_type() for a in after] == [a.get_content_type() for a in before]
    assert after[0].get_content() == before[0].get_content() == "Zoë\n"
    assert after[1].get_content() == before[1].get_content() == bytes(range(256))
    inner = after[2].get_content()
    assert isinstance(inner, EmailMessage)
    assert str(inner["From"]) == "Tansy Morwood <tansy.morwood@example.org>"
    assert body_of(inner, "plain").strip() == "inner body"
