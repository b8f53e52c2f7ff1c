"""Outlook messages (.msg), rebuilt as a standard-library e-mail message so that the .eml
code can redact them and write them as .eml.

A .msg file is a Compound File Binary ("OLE") file laid out as Microsoft's [MS-OXMSG]
describes: a ``__properties_version1.0`` stream of fixed-size properties, one
``__substg1.0_PPPPTTTT`` stream for each string or binary property, and a storage for each
recipient and each attachment. ``olefile`` reads the container; this module reads the
properties. Everything that reaches the e-mail is text or data that this module read.

What is read and carried over:

- Headers: Subject; From (the sender, or the person the message was sent on behalf of,
  with a Sender header for who actually sent it); To, Cc and Bcc from the recipient
  storages; Reply-To; Date (when it was sent, else when it was delivered). Display names
  are kept; an address is kept only when it is an internet (SMTP) address. A person with
  a name but no usable address is written as an empty group (``Tansy Morwood:;``), which
  keeps the name in valid header syntax.
- Bodies: the plain-text body and the HTML body; both make a multipart/alternative.
- Attachments stored in the message (by value), as MIME parts with their file names; text
  attachments are decoded so the .eml code can read them. An attached Outlook message
  becomes a message/rfc822 part, converted the same way (up to five levels deep).

What is dropped (left out, and listed by kind in ``MsgConversion.dropped``; the list never
names a person, a file or a value): the internet transport headers, message identifiers,
the RTF body when a plain or HTML body was kept, named properties, Exchange-internal
addresses, attachments linked by reference or to a web location, embedded OLE objects,
attached Outlook items that are not e-mails, and Outlook's other internal properties.

What is refused, and why (a copy is never written of a part that was not read):

- :class:`DamagedDocument`: not a compound file, or one that cannot be parsed, so nothing
  in it can be trusted to have been read whole.
- :class:`UnsupportedFormat`: a compound file that is not an Outlook e-mail (a Word file,
  or an Outlook calendar item, contact, task...).
- :class:`EncryptedDocument`: an S/MIME or rights-protected message, whose text is sealed.
- :class:`UnreadableContent`: a message whose only body is RTF, which is not read.
- :class:`UnsafeDocument`: more than 2,000 storages or 200 MB of streams; no real e-mail
  is that large, and such a file is built to exhaust the reader.
"""

from __future__ import annotations

import codecs
import io
import mimetypes
import re
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.errors import MessageError
from email.headerregistry import Address, Group
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path, PurePosixPath
from typing import Any

import olefile  # type: ignore[import-untyped]

from redactor.errors import (
    DamagedDocument,
    EncryptedDocument,
    RedactorError,
    UnreadableContent,
    UnsafeDocument,
    UnsupportedFormat,
)

MAX_STREAM_BYTES = 200 * 1024 * 1024
"""The streams of a file may add up to this much; each is read whole into memory."""
MAX_STORAGES = 2000
"""A real message has one storage per recipient and attachment; thousands mean a trap."""
MAX_DEPTH = 5
"""How deep attached messages are followed (a message attached to one attached to ...)."""

_DAMAGED = (
    "the file is not a readable Outlook message (.msg): its structure is damaged, or it is "
    "another kind of file"
)

# Property types ([MS-OXCDATA] 2.11.1).
_PT_SHORT, _PT_LONG, _PT_BOOLEAN, _PT_OBJECT = 0x0002, 0x0003, 0x000B, 0x000D
_PT_STRING8, _PT_UNICODE, _PT_SYSTIME, _PT_BINARY = 0x001E, 0x001F, 0x0040, 0x0102

# Property ids ([MS-OXPROPS]).
_MESSAGE_CLASS, _SUBJECT, _SUBJECT_PREFIX, _NORMALIZED_SUBJECT = 0x001A, 0x0037, 0x003D, 0x0E1D
_CLIENT_SUBMIT_TIME, _DELIVERY_TIME = 0x0039, 0x0E06
_SENDER = (0x0C1A, 0x0C1E, 0x0C1F, 0x5D01)  # name, address type, address, SMTP address
_REPRESENTING = (0x0042, 0x0064, 0x0065, 0x5D02)
_RECIPIENT = (0x3001, 0x3002, 0x3003, 0x39FE)
_RECIPIENT_TYPE = 0x0C15
_DISPLAY_TO, _DISPLAY_CC, _DISPLAY_BCC = 0x0E04, 0x0E03, 0x0E02
_REPLY_ENTRIES, _REPLY_NAMES = 0x004F, 0x0050
_BODY, _HTML, _RTF = 0x1000, 0x1013, 0x1009
_MESSAGE_CODEPAGE, _INTERNET_CPID = 0x3FFD, 0x3FDE
_ATTACH_DATA, _ATTACH_METHOD, _ATTACH_MIME = 0x3701, 0x3705, 0x370E
_ATTACH_LONG_NAME, _ATTACH_NAME, _DISPLAY_NAME = 0x3707, 0x3704, 0x3001

# Properties whose content is carried over through another one, or that only describe the
# file's own structure: leaving them out loses nothing, so they are not listed as dropped.
_CARRIED = frozenset(
    {
        _MESSAGE_CLASS,
        _SUBJECT_PREFIX,
        _NORMALIZED_SUBJECT,
        0x0070,  # conversation topic: the subject again
        _DISPLAY_TO,
        _DISPLAY_CC,
        _DISPLAY_BCC,
        _MESSAGE_CODEPAGE,
        _INTERNET_CPID,
        0x0E1F,  # RTF in sync
        0x0E08,  # message size
        0x0E20,  # attachment size
        0x0E21,  # attachment number
        0x3000,  # row id
        0x3703,  # attachment extension: part of the file name
        0x5FF6,  # recipient display name: the display name again
        0x3A20,  # transmittable display name: likewise
        0x0FFE,  # object type
    }
)
# Dropped properties worth naming on their own; the rest are "other Outlook properties".
_NOTABLE = {
    0x007D: "transport",
    0x1035: "identifiers",
    0x1039: "identifiers",
    0x1042: "identifiers",
    0x3FF8: "editors",
    0x3FFA: "editors",
    0x0040: "received_by",
    0x0044: "received_by",
    0x0076: "received_by",
    0x0078: "received_by",
    0x5D07: "received_by",
    0x5D08: "received_by",
}

# Kinds of dropped part: (the words for one, the words for several or None if uncounted).
_KINDS: dict[str, tuple[str, str | None]] = {
    "transport": ("internet transport headers", None),
    "identifiers": ("message identifiers (Message-ID, In-Reply-To, References)", None),
    "rtf": ("RTF body (an HTML or plain body was kept)", None),
    "named": ("named properties", None),
    "editors": ("the names of who created or last changed the item", None),
    "received_by": ("the receiving mailbox's name and address", None),
    "other": ("other Outlook properties (internal IDs, flags, times and settings)", None),
    "non_smtp": (
        "address that is not an internet e-mail address, such as an Exchange-internal one "
        "(the display name was kept)",
        "addresses that are not internet e-mail addresses, such as Exchange-internal ones "
        "(the display names were kept)",
    ),
    "bad_address": (
        "address that is not a valid e-mail address (the display name was kept)",
        "addresses that are not valid e-mail addresses (the display names were kept)",
    ),
    "sender_without_address": (
        "sender (sending on someone's behalf) with no e-mail address",
        "senders (sending on someone's behalf) with no e-mail address",
    ),
    "empty_recipient": (
        "recipient with no name or address",
        "recipients with no name or address",
    ),
    "unknown_recipient": (
        "recipient of an unknown kind (neither To, Cc nor Bcc)",
        "recipients of an unknown kind (neither To, Cc nor Bcc)",
    ),
    "by_reference": ("attachment linked by reference", "attachments linked by reference"),
    "web": ("attachment linked to a web location", "attachments linked to web locations"),
    "ole": ("embedded OLE object", "embedded OLE objects"),
    "no_content": ("attachment with no content", "attachments with no content"),
    "unknown_attachment": ("attachment of an unknown kind", "attachments of an unknown kind"),
    "not_email": (
        "attached Outlook item that is not an e-mail (such as a calendar item or contact)",
        "attached Outlook items that are not e-mails (such as calendar items or contacts)",
    ),
    "encrypted": ("attached encrypted or signed e-mail", "attached encrypted or signed e-mails"),
    "rtf_only": (
        "attached e-mail whose text is only in RTF form",
        "attached e-mails whose text is only in RTF form",
    ),
    "too_deep": (
        f"attached e-mail nested more than {MAX_DEPTH} levels deep",
        f"attached e-mails nested more than {MAX_DEPTH} levels deep",
    ),
}

# PR_ATTACH_METHOD values other than 1 (by value) and 5 (an attached message): never read.
_METHOD_KINDS = {
    0: "no_content",
    2: "by_reference",
    3: "by_reference",
    4: "by_reference",
    6: "ole",
    7: "web",
}

_ITEM_KINDS = (
    ("ipm.appointment", "an Outlook calendar item"),
    ("ipm.schedule.meeting", "an Outlook meeting request or response"),
    ("ipm.contact", "an Outlook contact"),
    ("ipm.distlist", "an Outlook contact group"),
    ("ipm.task", "an Outlook task"),
    ("ipm.stickynote", "an Outlook note"),
    ("ipm.activity", "an Outlook journal entry"),
    ("ipm.post", "an Outlook post"),
)
_PROTECTED_CLASSES = ("ipm.note.smime", "ipm.note.secure")
_PROTECTED_NAMES = frozenset({"smime.p7m", "message.rpmsg"})
_PROTECTED_TYPES = frozenset({"application/pkcs7-mime", "application/x-pkcs7-mime"})

_CODEPAGES = {
    65001: "utf-8",
    1200: "utf-16-le",
    1201: "utf-16-be",
    20127: "ascii",
    20866: "koi8-r",
    21866: "koi8-u",
    28603: "iso8859-13",
    28605: "iso8859-15",
    50220: "iso2022-jp",
    50221: "iso2022-jp",
    50222: "iso2022-jp",
    50225: "iso2022-kr",
    51932: "euc-jp",
    51949: "euc-kr",
    936: "gbk",
    52936: "hz",
    54936: "gb18030",
    10000: "mac-roman",
}
# Codecs Python knows that do not decode a character set: never trust a file's word for one.
_NOT_CHARSETS = frozenset({"unicode-escape", "raw-unicode-escape", "idna", "punycode", "utf-7"})

_SUBSTG = re.compile(r"__substg1\.0_([0-9a-f]{4})([0-9a-f]{4})")
_RECIPIENT_STORAGE = re.compile(r"__recip_version1\.0_#([0-9a-f]{8})")
_ATTACHMENT_STORAGE = re.compile(r"__attach_version1\.0_#([0-9a-f]{8})")
_PROPERTIES = "__properties_version1.0"
_NAMEID = "__nameid_version1.0"
_MIME_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ONE_OFF_UID = bytes.fromhex("812B1FA4BEA310199D6E00DD010F5402")
# Python's own table of file types, not the machine's (/etc/mime.types differs between
# machines, and the same file must give the same copy everywhere), with the Office types
# that table lacks and schools send every day.
_FILE_TYPES = mimetypes.MimeTypes()
for _suffix, _type in (
    (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
):
    _FILE_TYPES.add_type(_type, _suffix)
_FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class MsgConversion:
    """An Outlook message rebuilt as an e-mail, and what was left out of it."""

    message: EmailMessage
    """The e-mail rebuilt from the .msg."""
    dropped: tuple[str, ...]
    """Plain-English names of the kinds of part not carried over (counts, never values)."""


def read_msg(path: Path, data: bytes) -> MsgConversion:
    """Rebuild the .msg in ``data`` as an e-mail; refuse it with a plain reason if it cannot
    be read whole. Only the errors named in the module docstring leave this function: a
    hostile or broken file must not surface as a crash or a hang.
    """
    _check_header(path, data)
    try:
        ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    except RedactorError:
        raise
    except Exception:  # olefile raises many kinds on a broken file; all mean the same
        raise DamagedDocument(path, _DAMAGED) from None
    try:
        tree = _Tree(path, ole)
        dropped = _Dropped()
        message = _Converter(path, tree).message(tree.root, 0, dropped)
        return MsgConversion(message, dropped.render())
    except RedactorError:
        raise
    except Exception:
        raise DamagedDocument(path, _DAMAGED) from None
    finally:
        ole.close()


def _check_header(path: Path, data: bytes) -> None:
    """Refuse what is not a compound file, and a header whose FAT is larger than the file
    could hold: olefile would spend time quadratic in that count before noticing.
    """
    if len(data) < 512 or data[:8] != bytes.fromhex("D0CF11E0A1B11AE1"):
        raise DamagedDocument(path, _DAMAGED)
    (sector_shift,) = struct.unpack_from("<H", data, 30)
    if sector_shift not in (9, 12):
        raise DamagedDocument(path, _DAMAGED)
    sector = 1 << sector_shift
    sectors = (len(data) + sector - 1) // sector - 1
    (fat_sectors,) = struct.unpack_from("<I", data, 44)
    if sectors < 1 or fat_sectors > sectors // (sector // 4) + 8:
        raise DamagedDocument(path, _DAMAGED)


@dataclass(eq=False)
class _Node:
    """A storage or stream in the file, by the names olefile needs to open it."""

    name: str
    path: tuple[str, ...]
    is_storage: bool
    size: int
    children: dict[str, _Node] = field(default_factory=dict)
    """By lower-case name: names in a compound file are compared without case."""


class _Tree:
    """The file's storages and streams, checked against the size limits before any stream
    is read.
    """

    def __init__(self, path: Path, ole: Any) -> None:
        self.path = path
        self._ole = ole
        root_entry = ole.root
        self.root = _Node("", (), True, 0)
        if int(root_entry.size) > MAX_STREAM_BYTES:
            raise _too_large(path)
        storages, total = 0, 0
        todo = [(self.root, root_entry)]
        while todo:
            node, entry = todo.pop()
            for kid in entry.kids:
                kind = int(kid.entry_type)
                if kind not in (olefile.STGTY_STORAGE, olefile.STGTY_STREAM):
                    continue
                name = str(kid.name)
                child = _Node(name, (*node.path, name), kind == olefile.STGTY_STORAGE, 0)
                node.children[name.lower()] = child
                if child.is_storage:
                    storages += 1
                    if storages > MAX_STORAGES:
                        raise UnsafeDocument(
                            path,
                            f"the file has more than {MAX_STORAGES:,} parts (storages), far "
                            "more than any real e-mail; it was not opened further",
                        )
                    todo.append((child, kid))
                else:
                    child.size = int(kid.size)
                    total += child.size
                    if total > MAX_STREAM_BYTES:
                        raise _too_large(path)

    def read(self, node: _Node) -> bytes:
        """The whole stream; a stream shorter than its entry says is damage, not data."""
        if node.size == 0:
            return b""
        try:
            data = self._ole.openstream(list(node.path)).read()
        except RedactorError:
            raise
        except Exception:
            raise DamagedDocument(self.path, _DAMAGED) from None
        if not isinstance(data, bytes) or len(data) != node.size:
            raise DamagedDocument(self.path, _DAMAGED)
        return data


def _too_large(path: Path) -> UnsafeDocument:
    return UnsafeDocument(
        path,
        f"the file's parts add up to more than {MAX_STREAM_BYTES // (1024 * 1024)} MB, more "
        "than any real e-mail; it was not opened further",
    )


class _Bag:
    """The properties of one message, recipient or attachment, remembering which were
    used so that the rest can be listed as dropped.
    """

    def __init__(self, tree: _Tree, node: _Node, header_sizes: tuple[int, int], codec: str) -> None:
        self.tree = tree
        self.codec = codec
        self.fixed: dict[int, tuple[int, bytes]] = {}
        self.streams: dict[int, dict[int, _Node]] = {}
        self.used: set[int] = set()
        properties = node.children.get(_PROPERTIES)
        if properties is not None and not properties.is_storage:
            raw = tree.read(properties)
            start = _header_size(len(raw), header_sizes)
            for offset in range(start, len(raw) - 15, 16):
                tag, _flags, value = struct.unpack_from("<II8s", raw, offset)
                self.fixed.setdefault(tag >> 16, (tag & 0xFFFF, value))
        for name, child in node.children.items():
            match = _SUBSTG.fullmatch(name)
            if match:
                prop_id, prop_type = int(match[1], 16), int(match[2], 16)
                self.streams.setdefault(prop_id, {})[prop_type] = child

    def present(self) -> set[int]:
        return set(self.fixed) | set(self.streams)

    def long(self, prop_id: int) -> int | None:
        self.used.add(prop_id)
        prop_type, value = self.fixed.get(prop_id, (0, b""))
        if prop_type == _PT_LONG:
            return int(struct.unpack_from("<I", value)[0])
        if prop_type in (_PT_SHORT, _PT_BOOLEAN):
            return int(struct.unpack_from("<H", value)[0])
        return None

    def time(self, prop_id: int) -> datetime | None:
        self.used.add(prop_id)
        prop_type, value = self.fixed.get(prop_id, (0, b""))
        if prop_type != _PT_SYSTIME:
            return None
        (ticks,) = struct.unpack_from("<Q", value)
        try:
            return _FILETIME_EPOCH + timedelta(microseconds=ticks // 10) if ticks else None
        except OverflowError:
            return None

    def stream(self, prop_id: int, prop_type: int) -> _Node | None:
        self.used.add(prop_id)
        node = self.streams.get(prop_id, {}).get(prop_type)
        if node is None or node.is_storage != (prop_type == _PT_OBJECT):
            return None
        return node

    def binary(self, prop_id: int) -> bytes | None:
        node = self.stream(prop_id, _PT_BINARY)
        return None if node is None else self.tree.read(node)

    def string(self, prop_id: int) -> str | None:
        unicode = self.stream(prop_id, _PT_UNICODE)
        if unicode is not None:
            text = self.tree.read(unicode).decode("utf-16-le", errors="replace")
            return text.split("\0", 1)[0]
        string8 = self.stream(prop_id, _PT_STRING8)
        if string8 is not None:
            return _decode(self.tree.read(string8), [self.codec]).split("\0", 1)[0]
        return None


def _header_size(length: int, choices: tuple[int, int]) -> int:
    """The expected header size, unless only the other one leaves whole 16-byte entries
    (some writers give an attached message the top level's 32-byte header).
    """
    for size in choices:
        if length >= size and (length - size) % 16 == 0:
            return size
    return choices[0]


class _Dropped:
    """What was left out, by kind and count; kinds from attached messages say so."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, bool], int] = {}

    def add(self, kind: str, count: int = 1, inner: bool = False) -> None:
        self.counts[kind, inner] = self.counts.get((kind, inner), 0) + count

    def merge(self, other: _Dropped, inner: bool = True) -> None:
        for (kind, was_inner), count in other.counts.items():
            self.add(kind, count, inner=inner or was_inner)

    def render(self) -> tuple[str, ...]:
        lines = []
        for (kind, inner), count in self.counts.items():
            one, several = _KINDS[kind]
            text = one if several is None else f"{count} {one if count == 1 else several}"
            lines.append(f"{text} (in an attached e-mail)" if inner else text)
        return tuple(lines)


class _Converter:
    def __init__(self, path: Path, tree: _Tree) -> None:
        self.path = path
        self.tree = tree

    def message(self, node: _Node, depth: int, dropped: _Dropped) -> EmailMessage:
        """One message (the file's own, or an attached one) as an e-mail."""
        if _PROPERTIES not in node.children:
            raise UnsupportedFormat(
                self.path,
                "the file is not an Outlook e-mail message (it is another kind of Office file)",
            )
        bag = _Bag(self.tree, node, (32, 24) if depth == 0 else (24, 32), "cp1252")
        bag.codec = (
            _string8_codec(bag.long(_MESSAGE_CODEPAGE))
            or _string8_codec(bag.long(_INTERNET_CPID))
            or "cp1252"
        )
        _check_class(self.path, bag.string(_MESSAGE_CLASS))

        message = EmailMessage()
        self._addresses(message, bag, node, dropped)
        subject = bag.string(_SUBJECT)
        if subject is None and (normalized := bag.string(_NORMALIZED_SUBJECT)) is not None:
            subject = (bag.string(_SUBJECT_PREFIX) or "") + normalized
        if subject is not None:
            message["Subject"] = _one_line(subject)
        when = bag.time(_CLIENT_SUBMIT_TIME) or bag.time(_DELIVERY_TIME)
        if when is not None:
            message["Date"] = format_datetime(when)

        plain = bag.string(_BODY)
        html = self._html(bag)
        if _RTF in bag.present():
            bag.used.add(_RTF)
            if not _has_text(plain) and not _has_text(html):
                raise UnreadableContent(
                    self.path,
                    "the message's text is stored only as RTF (Outlook's rich text), which "
                    "redactor cannot read; open it in Outlook, change it to HTML or plain "
                    "text, save it and try again",
                )
            dropped.add("rtf")
        if plain is not None:
            message.set_content(plain)
        if html is not None:
            if plain is not None:
                message.add_alternative(html, subtype="html")
            else:
                message.set_content(html, subtype="html")

        self._attachments(message, bag.codec, node, depth, dropped)
        if "MIME-Version" not in message:
            message["MIME-Version"] = "1.0"
        if depth == 0 and _NAMEID in node.children:
            dropped.add("named")
        _leftover(bag, dropped)
        return message

    def _addresses(self, message: EmailMessage, bag: _Bag, node: _Node, dropped: _Dropped) -> None:
        # The same person is usually both the sender and the one sent for: list what was
        # left out of them once.
        sender_dropped, representing_dropped = _Dropped(), _Dropped()
        sender = _person(bag, _SENDER, sender_dropped)
        representing = _person(bag, _REPRESENTING, representing_dropped)
        if representing is not None:
            message["From"] = representing
            dropped.merge(representing_dropped, inner=False)
            if sender is not None and str(sender).casefold() != str(representing).casefold():
                if isinstance(sender, Address):
                    message["Sender"] = sender
                    dropped.merge(sender_dropped, inner=False)
                else:
                    dropped.add("sender_without_address")
        elif sender is not None:
            message["From"] = sender
            dropped.merge(sender_dropped, inner=False)

        lists: dict[int, list[Address | Group]] = {1: [], 2: [], 3: []}
        storages = _numbered(node, _RECIPIENT_STORAGE)
        for storage in storages:
            recipient = _Bag(self.tree, storage, (8, 8), bag.codec)
            kind = (recipient.long(_RECIPIENT_TYPE) or 0) & 0x0F
            mailbox = _person(recipient, _RECIPIENT, dropped)
            if mailbox is None:
                dropped.add("empty_recipient")
            elif kind not in lists:
                dropped.add("unknown_recipient")
            else:
                lists[kind].append(mailbox)
                _leftover(recipient, dropped)
        if not storages:  # a draft may hold only the display lists
            for kind, prop_id in ((1, _DISPLAY_TO), (2, _DISPLAY_CC), (3, _DISPLAY_BCC)):
                lists[kind] = list(_names(bag.string(prop_id)))
        for kind, header in ((1, "To"), (2, "Cc"), (3, "Bcc")):
            if lists[kind]:
                message[header] = lists[kind]

        reply_to = _reply_to(bag, dropped)
        if reply_to:
            message["Reply-To"] = reply_to

    def _html(self, bag: _Bag) -> str | None:
        raw = bag.binary(_HTML)
        if raw is None:
            return bag.string(_HTML)
        candidates: list[str | None] = []
        if raw.startswith(codecs.BOM_UTF8):
            candidates.append("utf-8-sig")
        elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            candidates.append("utf-16")
        candidates.append(_charset_codec(_codepage_codec(bag.long(_INTERNET_CPID))))
        meta = _META_CHARSET.search(raw[:8192])
        if meta:
            candidates.append(_charset_codec(meta[1].decode("ascii")))
        candidates += ["utf-8", bag.codec, "cp1252"]
        return _decode(raw, candidates).split("\0", 1)[0]

    def _attachments(
        self, message: EmailMessage, codec: str, node: _Node, depth: int, dropped: _Dropped
    ) -> None:
        for storage in _numbered(node, _ATTACHMENT_STORAGE):
            bag = _Bag(self.tree, storage, (8, 8), codec)
            # All three are read: the display name is the file name again when there is one.
            names = [bag.string(p) for p in (_ATTACH_LONG_NAME, _ATTACH_NAME, _DISPLAY_NAME)]
            name = _file_name(next((n for n in names if n), None))
            mime_tag = (bag.string(_ATTACH_MIME) or "").split(";", 1)[0].strip().lower()
            if (name or "").lower() in _PROTECTED_NAMES or mime_tag in _PROTECTED_TYPES:
                raise EncryptedDocument(
                    self.path,
                    "the message is encrypted, digitally signed or rights-protected (its text "
                    "is sealed inside an attachment), so redactor cannot read it",
                )
            method = bag.long(_ATTACH_METHOD)
            if method is None:
                objects = bag.streams.get(_ATTACH_DATA, {})
                method = 5 if _PT_OBJECT in objects else 1 if _PT_BINARY in objects else 0
            if method == 1:
                data = bag.binary(_ATTACH_DATA)
                if data is None:
                    dropped.add("no_content")
                    continue
                _attach_data(message, data, name, mime_tag, codec)
            elif method == 5:
                inner = self._attached_message(bag, depth, dropped)
                if inner is None:
                    continue
                message.add_attachment(inner, disposition="attachment", filename=name)
            else:
                dropped.add(_METHOD_KINDS.get(method, "unknown_attachment"))
                continue
            _leftover(bag, dropped)

    def _attached_message(self, bag: _Bag, depth: int, dropped: _Dropped) -> EmailMessage | None:
        """An attached message, converted; or None, having said in ``dropped`` why not."""
        node = bag.stream(_ATTACH_DATA, _PT_OBJECT)
        if node is None:
            dropped.add("no_content")
            return None
        if depth + 1 > MAX_DEPTH:
            dropped.add("too_deep")
            return None
        inner_dropped = _Dropped()
        try:
            inner = self.message(node, depth + 1, inner_dropped)
        except UnsupportedFormat:
            dropped.add("not_email")
            return None
        except EncryptedDocument:
            dropped.add("encrypted")
            return None
        except UnreadableContent:
            dropped.add("rtf_only")
            return None
        dropped.merge(inner_dropped)
        return inner


def _check_class(path: Path, message_class: str | None) -> None:
    """Only e-mails are read: IPM.Note and its kinds, and reports about them (a read
    receipt, a delivery failure). Other Outlook items have fields this reader never
    looks at, so a copy of them would carry unread personal data.
    """
    if message_class is None:
        raise UnsupportedFormat(
            path, "the file is an Office file but not an Outlook e-mail message (no item type)"
        )
    name = message_class.strip()
    folded = name.casefold()
    if folded == "ipm.note" or folded.startswith(("ipm.note.", "report.ipm.note")):
        if folded.startswith(_PROTECTED_CLASSES) or ".rpmsg" in folded:
            raise EncryptedDocument(
                path,
                "the message is encrypted, digitally signed or rights-protected (S/MIME), so "
                "redactor cannot read it",
            )
        return
    kind = next((k for prefix, k in _ITEM_KINDS if folded.startswith(prefix)), "an Outlook item")
    shown = f" ({name})" if re.fullmatch(r"[A-Za-z0-9._-]{1,60}", name) else ""
    raise UnsupportedFormat(
        path, f"the file is {kind}{shown}, not an e-mail; only e-mail messages can be read"
    )


def _numbered(node: _Node, pattern: re.Pattern[str]) -> list[_Node]:
    """The recipient or attachment storages, in their numbered order."""
    found = []
    for name, child in node.children.items():
        match = pattern.fullmatch(name)
        if match and child.is_storage:
            found.append((int(match[1], 16), child))
    return [child for _, child in sorted(found, key=lambda item: item[0])]


def _leftover(bag: _Bag, dropped: _Dropped) -> None:
    """List, by kind, the properties present but neither used nor carried in another."""
    left = bag.present() - bag.used - _CARRIED
    kinds = {"named" if p >= 0x8000 else _NOTABLE.get(p, "other") for p in left}
    for kind in sorted(kinds, key=list(_KINDS).index):
        if (kind, False) not in dropped.counts:
            dropped.add(kind)


def _person(bag: _Bag, ids: tuple[int, int, int, int], dropped: _Dropped) -> Address | Group | None:
    """A sender or recipient: the display name with the SMTP address if there is one."""
    name_id, type_id, address_id, smtp_id = ids
    name = _one_line(bag.string(name_id) or "")
    address_type = (bag.string(type_id) or "").strip().upper()
    address = (bag.string(address_id) or "").strip()
    smtp = (bag.string(smtp_id) or "").strip()
    if not smtp and address:
        if address_type == "SMTP" or (not address_type and "@" in address and address[0] != "/"):
            smtp = address
        else:
            dropped.add("non_smtp")
    return _mailbox(name, smtp, dropped)


def _mailbox(name: str, address: str, dropped: _Dropped) -> Address | Group | None:
    """An address header item. A name without an address becomes an empty group, the one
    valid way to write a name alone.
    """
    spec = _address_spec(address)
    if address and spec is None:
        dropped.add("bad_address")
    if spec is not None:
        if name.casefold() == spec.casefold():
            name = ""
        return Address(display_name=name, addr_spec=spec)
    return Group(display_name=name) if name else None


def _address_spec(text: str) -> str | None:
    """The address if it is a plain ASCII internet address (the only kind the e-mail
    package writes back unchanged), else None.
    """
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    if not text or not text.isascii() or text.count("@") != 1 or any(c.isspace() for c in text):
        return None
    try:
        parsed = Address(addr_spec=text)
    except (ValueError, IndexError, MessageError):
        return None
    if not parsed.username or not parsed.domain:
        return None
    return parsed.addr_spec


def _names(text: str | None) -> Iterable[Group]:
    """A semicolon-separated list of display names, as Outlook keeps them."""
    for name in (text or "").split(";"):
        if clean := _one_line(name):
            yield Group(display_name=clean)


def _reply_to(bag: _Bag, dropped: _Dropped) -> list[Address | Group]:
    """Reply-To, from its one-off entries (name, type and address each) if every entry is
    one; else from the names alone.
    """
    entries = _one_offs(bag.binary(_REPLY_ENTRIES) or b"", bag.codec)
    names = bag.string(_REPLY_NAMES)
    if entries:
        found = []
        for name, address_type, address in entries:
            smtp = address if address_type.strip().upper() == "SMTP" else ""
            if address and not smtp:
                dropped.add("non_smtp")
            if mailbox := _mailbox(_one_line(name), smtp.strip(), dropped):
                found.append(mailbox)
        return found
    return list(_names(names))


def _one_offs(raw: bytes, codec: str) -> list[tuple[str, str, str]] | None:
    """The (name, address type, address) of each entry of a FlatEntryList
    ([MS-OXCDATA] 2.3.3), or None unless every entry is a one-off EntryID (2.2.5.1).
    """
    if len(raw) < 8:
        return None
    (count,) = struct.unpack_from("<I", raw, 0)
    offset, found = 8, []
    if count > len(raw) // 4:
        return None
    for _ in range(count):
        if offset + 4 > len(raw):
            return None
        (size,) = struct.unpack_from("<I", raw, offset)
        entry = raw[offset + 4 : offset + 4 + size]
        offset += 4 + size + (-size % 4)
        if len(entry) != size or size < 24 or entry[4:20] != _ONE_OFF_UID:
            return None
        (flags,) = struct.unpack_from("<H", entry, 22)
        if flags & 0x8000:
            text = entry[24:].decode("utf-16-le", errors="replace")
        else:
            text = _decode(entry[24:], [codec])
        parts = text.split("\0")
        if len(parts) < 3:
            return None
        found.append((parts[0], parts[1], parts[2]))
    return found


def _attach_data(
    message: EmailMessage, data: bytes, name: str | None, mime_tag: str, codec: str
) -> None:
    """An attachment as a MIME part. Text is decoded, so that the .eml code reads it in the
    right character set; anything else is carried as bytes.
    """
    content_type = _content_type(mime_tag, name)
    maintype, subtype = content_type.split("/", 1)
    if maintype == "text":
        if data.startswith(codecs.BOM_UTF8):
            candidates = ["utf-8-sig"]
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            candidates = ["utf-16"]
        else:
            candidates = ["utf-8", codec, "cp1252"]
        message.add_attachment(
            _decode(data, candidates),
            subtype=subtype,
            charset="utf-8",
            disposition="attachment",
            filename=name,
        )
    else:
        message.add_attachment(
            data, maintype=maintype, subtype=subtype, disposition="attachment", filename=name
        )


def _content_type(mime_tag: str, name: str | None) -> str:
    """The attachment's declared type, else one guessed from its file name. A container
    type (multipart, message) is never taken from a file's word: bytes labelled so would
    make the e-mail package write a broken message.
    """
    candidates = [mime_tag]
    if name:
        suffix = PurePosixPath(name).suffix.lower()
        if re.fullmatch(r"\.[a-z0-9_+-]{1,16}", suffix):
            candidates.append((_FILE_TYPES.guess_type("attachment" + suffix)[0] or "").lower())
    for candidate in candidates:
        if _MIME_TYPE.fullmatch(candidate) and candidate.split("/")[0] not in (
            "multipart",
            "message",
        ):
            return candidate
    return "application/octet-stream"


def _file_name(raw: str | None) -> str | None:
    """The file's own name: no folders, no control characters."""
    name = re.split(r"[\\/]", _one_line(raw or ""))[-1].strip()
    return name[:255] or None


def _one_line(text: str) -> str:
    """A header value on one line: the e-mail package refuses line breaks in headers, and
    control characters have no place there.
    """
    return " ".join(_CONTROL.sub(" ", text).split())


def _has_text(text: str | None) -> bool:
    return text is not None and bool(text.strip())


def _decode(raw: bytes, candidates: Sequence[str | None]) -> str:
    """The first decoding that fits the bytes exactly; failing all, the first candidate
    with undecodable bytes replaced (they are left out, never carried as they are).
    """
    names = [c for c in candidates if c]
    for name in names:
        try:
            return raw.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode(names[0] if names else "cp1252", errors="replace")


def _codepage_codec(codepage: int | None) -> str | None:
    """The Python codec for a Windows code page number, if Python has it."""
    if codepage is None or codepage <= 0:
        return None
    name = _CODEPAGES.get(codepage)
    if name is None and 28591 <= codepage <= 28599:
        name = f"iso8859-{codepage - 28590}"
    return _charset_codec(name or f"cp{codepage}")


def _string8_codec(codepage: int | None) -> str | None:
    """A code page fit for 8-bit strings (not UTF-16, which a String8 cannot be in)."""
    name = _codepage_codec(codepage)
    return None if name is None or name.startswith("utf-16") else name


def _charset_codec(name: str | None) -> str | None:
    """The codec for a character set name, if it is one Python can decode with."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
        b"".decode(codec)  # a bytes-to-bytes codec (base64, zlib) fails here
    except LookupError:
        return None
    return None if codec in _NOT_CHARSETS else codec
