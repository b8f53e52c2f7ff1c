"""SYNTHETIC Outlook .msg files, built by code: a small Compound File Binary writer and the
MS-OXMSG layout on top of it.

No real .msg file may be used as a test fixture, so the tests write their own. Every name,
address and text that the tests pass in is invented ("Tansy Morwood", @example.org).

- ``write_cfb(tree)`` writes a Compound File Binary file, version 3 (512-byte sectors): the
  header with the DIFAT in it (so files up to about 7 MB), the FAT, a mini stream and mini
  FAT for streams under 4,096 bytes, and the directory, each storage's children laid out as
  a balanced binary tree coloured as a valid red-black tree. A tree is a dict: a value that
  is ``bytes`` (or a :class:`Stream`) is a stream, a dict is a storage.
- ``build_msg(...)`` lays out an Outlook message as [MS-OXMSG] describes it: the
  ``__properties_version1.0`` stream (32-byte header at the top, 24 in an attached message,
  8 in a recipient or attachment), ``__substg1.0_PPPPTTTT`` streams for strings and binary
  values, ``__recip_version1.0_#N`` and ``__attach_version1.0_#N`` storages, an attached
  message in ``__substg1.0_3701000D``, and optionally a ``__nameid_version1.0`` storage.

Builds are repeatable byte for byte: no times are written unless a test passes one.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

RED, BLACK = 0, 1
STORAGE, STREAM, ROOT = 1, 2, 5


@dataclass(frozen=True)
class Stream:
    """A stream whose directory entry may claim a size other than its real one (to test
    that a reader checks sizes before it trusts them)."""

    data: bytes
    declared_size: int | None = None


Tree = Mapping[str, "bytes | Stream | Tree"]


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    declared_size: int | None = None
    children: list[int] = field(default_factory=list)
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = BLACK
    start: int = ENDOFCHAIN
    size: int = 0


def _cfb_key(name: str) -> tuple[int, str]:
    """[MS-CFB] 2.6.4: shorter names sort first, then by upper-case code points."""
    return (len(name), name.upper())


def _flatten(tree: Tree) -> list[_Entry]:
    entries = [_Entry("Root Entry", ROOT)]
    todo: list[tuple[int, Tree]] = [(0, tree)]
    while todo:
        parent, storage = todo.pop()
        for name, value in storage.items():
            if not 0 < len(name) <= 31:
                raise ValueError(f"a CFB name has 1 to 31 characters: {name!r}")
            sid = len(entries)
            if isinstance(value, Mapping):
                entries.append(_Entry(name, STORAGE))
                todo.append((sid, value))
            elif isinstance(value, Stream):
                entries.append(_Entry(name, STREAM, value.data, value.declared_size))
            else:
                entries.append(_Entry(name, STREAM, bytes(value)))
            entries[parent].children.append(sid)
    for entry in entries:
        ordered = sorted(entry.children, key=lambda s: _cfb_key(entries[s].name))
        if len({_cfb_key(entries[s].name) for s in ordered}) != len(ordered):
            raise ValueError(f"two children of {entry.name!r} have the same name")
        entry.child = _balanced(entries, ordered, depth=0, full=_full_levels(len(ordered)))
    return entries


def _full_levels(count: int) -> int:
    """How many levels of a balanced tree of ``count`` nodes are complete."""
    levels = 0
    while (1 << (levels + 1)) - 1 <= count:
        levels += 1
    return levels


def _balanced(entries: list[_Entry], ordered: Sequence[int], depth: int, full: int) -> int:
    """Lay ``ordered`` out as a balanced search tree and return its root. Nodes on the last,
    incomplete level are red and all others black, so every path from the root holds the
    same number of black nodes and no red node has a red child: a valid red-black tree.
    """
    if not ordered:
        return NOSTREAM
    middle = len(ordered) // 2
    sid = ordered[middle]
    entries[sid].color = RED if depth >= full else BLACK
    entries[sid].left = _balanced(entries, ordered[:middle], depth + 1, full)
    entries[sid].right = _balanced(entries, ordered[middle + 1 :], depth + 1, full)
    return sid


def _chain(table: list[int], first: int, count: int) -> None:
    for index in range(first, first + count):
        table[index] = index + 1 if index < first + count - 1 else ENDOFCHAIN


def _pad(data: bytes, size: int) -> bytes:
    return data + bytes(-len(data) % size)


def _direntry(entry: _Entry) -> bytes:
    encoded = entry.name.encode("utf-16-le") + b"\0\0"
    size = entry.size if entry.declared_size is None else entry.declared_size
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded,
        len(encoded),
        entry.kind,
        entry.color,
        entry.left,
        entry.right,
        entry.child,
        bytes(16),
        0,
        0,
        0,
        entry.start if entry.kind != STORAGE else 0,
        size,
    )


_EMPTY_ENTRY = bytes(68) + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM) + bytes(48)


def write_cfb(tree: Tree) -> bytes:
    """The tree as a version-3 Compound File Binary file."""
    entries = _flatten(tree)
    streams = [e for e in entries if e.kind == STREAM]
    big = [e for e in streams if len(e.data) >= MINI_CUTOFF]
    small = [e for e in streams if 0 < len(e.data) < MINI_CUTOFF]

    # Regular sectors, in order: big streams, the mini stream, the mini FAT, the directory.
    sectors: list[bytes] = []
    fat_chains: list[tuple[int, int]] = []
    for entry in big:
        entry.start, entry.size = len(sectors), len(entry.data)
        padded = _pad(entry.data, SECTOR)
        sectors += [padded[i : i + SECTOR] for i in range(0, len(padded), SECTOR)]
        fat_chains.append((entry.start, len(padded) // SECTOR))

    mini_stream = b""
    minifat: list[int] = []
    for entry in small:
        entry.start, entry.size = len(mini_stream) // MINI_SECTOR, len(entry.data)
        padded = _pad(entry.data, MINI_SECTOR)
        mini_stream += padded
        minifat += [0] * (len(padded) // MINI_SECTOR)
        _chain(minifat, entry.start, len(padded) // MINI_SECTOR)
    for entry in streams:
        if not entry.data:
            entry.start, entry.size = ENDOFCHAIN, 0

    root = entries[0]
    if mini_stream:
        root.start, root.size = len(sectors), len(mini_stream)
        padded = _pad(mini_stream, SECTOR)
        sectors += [padded[i : i + SECTOR] for i in range(0, len(padded), SECTOR)]
        fat_chains.append((root.start, len(padded) // SECTOR))
    first_minifat, minifat_sectors = ENDOFCHAIN, 0
    if minifat:
        table = _pad(struct.pack(f"<{len(minifat)}I", *minifat), SECTOR)
        table = b"".join(
            table[i : i + 4] if i < len(minifat) * 4 else struct.pack("<I", FREESECT)
            for i in range(0, len(table), 4)
        )
        first_minifat, minifat_sectors = len(sectors), len(table) // SECTOR
        sectors += [table[i : i + SECTOR] for i in range(0, len(table), SECTOR)]
        fat_chains.append((first_minifat, minifat_sectors))

    directory = b"".join(_direntry(e) for e in entries)
    directory += _EMPTY_ENTRY * (-len(entries) % (SECTOR // 128))
    first_dir = len(sectors)
    sectors += [directory[i : i + SECTOR] for i in range(0, len(directory), SECTOR)]
    fat_chains.append((first_dir, len(directory) // SECTOR))

    fat_count = 1
    while (len(sectors) + fat_count) > fat_count * (SECTOR // 4):
        fat_count += 1
    if fat_count > 109:
        raise ValueError("this small writer keeps the whole DIFAT in the header (files < 7 MB)")
    fat = [FREESECT] * (fat_count * (SECTOR // 4))
    for first, count in fat_chains:
        _chain(fat, first, count)
    first_fat = len(sectors)
    for index in range(first_fat, first_fat + fat_count):
        fat[index] = FATSECT
    table = struct.pack(f"<{len(fat)}I", *fat)
    sectors += [table[i : i + SECTOR] for i in range(0, len(table), SECTOR)]

    difat = [first_fat + i for i in range(fat_count)] + [FREESECT] * (109 - fat_count)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I",
        MAGIC,
        bytes(16),
        0x003E,
        3,
        0xFFFE,
        9,
        6,
        bytes(6),
        0,  # number of directory sectors: always 0 in version 3
        fat_count,
        first_dir,
        0,
        MINI_CUTOFF,
        first_minifat,
        minifat_sectors,
        ENDOFCHAIN,
        0,
        *difat,
    )
    assert len(header) == SECTOR
    return header + b"".join(sectors)


# --- [MS-OXMSG] -----------------------------------------------------------------------------

PT_SHORT, PT_LONG, PT_BOOLEAN, PT_OBJECT = 0x0002, 0x0003, 0x000B, 0x000D
PT_STRING8, PT_UNICODE, PT_SYSTIME, PT_BINARY = 0x001E, 0x001F, 0x0040, 0x0102

PROPERTIES = "__properties_version1.0"


def substg(prop_id: int, prop_type: int) -> str:
    """The name of the stream that holds a variable-length property."""
    return f"__substg1.0_{prop_id:04X}{prop_type:04X}"


class Properties:
    """One object's properties: the fixed-size entries of ``__properties_version1.0`` and
    the streams of the variable-length ones."""

    def __init__(self, unicode: bool = True, codec: str = "cp1252") -> None:
        self.unicode = unicode
        self.codec = codec
        self.entries: list[bytes] = []
        self.streams: dict[str, bytes | Stream | Tree] = {}

    def _entry(self, prop_id: int, prop_type: int, value: bytes) -> None:
        tag = (prop_id << 16) | prop_type
        self.entries.append(struct.pack("<II", tag, 0x00000006) + value.ljust(8, b"\0"))

    def string(self, prop_id: int, text: str | None) -> None:
        if text is None:
            return
        if self.unicode:
            data, terminator, prop_type = text.encode("utf-16-le"), 2, PT_UNICODE
        else:
            data, terminator, prop_type = text.encode(self.codec), 1, PT_STRING8
        self._entry(prop_id, prop_type, struct.pack("<II", len(data) + terminator, 0))
        self.streams[substg(prop_id, prop_type)] = data

    def binary(self, prop_id: int, data: bytes | None) -> None:
        if data is None:
            return
        self._entry(prop_id, PT_BINARY, struct.pack("<II", len(data), 0))
        self.streams[substg(prop_id, PT_BINARY)] = data

    def long(self, prop_id: int, value: int | None) -> None:
        if value is not None:
            self._entry(prop_id, PT_LONG, struct.pack("<I", value & 0xFFFFFFFF))

    def boolean(self, prop_id: int, value: bool) -> None:
        self._entry(prop_id, PT_BOOLEAN, struct.pack("<H", int(value)))

    def time(self, prop_id: int, when: datetime | None) -> None:
        if when is None:
            return
        ticks = int((when - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10_000_000)
        self._entry(prop_id, PT_SYSTIME, struct.pack("<Q", ticks))

    def storage(self, prop_id: int, tree: Tree) -> None:
        self._entry(prop_id, PT_OBJECT, struct.pack("<II", 0xFFFFFFFF, 0))
        self.streams[substg(prop_id, PT_OBJECT)] = tree

    def tree(self, header: bytes) -> dict[str, bytes | Stream | Tree]:
        return {PROPERTIES: header + b"".join(self.entries), **self.streams}


@dataclass
class Person:
    """A sender or recipient. ``address_type`` "EX" makes ``address`` an Exchange X.500
    address; ``smtp`` is then the separate SMTP address property, if any."""

    name: str | None = None
    address: str | None = None
    address_type: str = "SMTP"
    smtp: str | None = None


@dataclass
class Recipient(Person):
    kind: int | None = 1  # PR_RECIPIENT_TYPE: 1 To, 2 Cc, 3 Bcc


TO, CC, BCC = 1, 2, 3


@dataclass
class Attachment:
    """An attachment; ``method`` is PR_ATTACH_METHOD (1 by value, 2-4 by reference, 5 an
    attached message given as ``build_msg`` keyword arguments in ``message``, 6 OLE)."""

    data: bytes | None = b""
    long_filename: str | None = None
    filename: str | None = None
    mime_type: str | None = None
    method: int = 1
    message: dict[str, Any] | None = None
    display_name: str | None = None


def _person(props: Properties, ids: tuple[int, int, int, int], person: Person) -> None:
    name_id, type_id, address_id, smtp_id = ids
    props.string(name_id, person.name)
    if person.address is not None:
        props.string(type_id, person.address_type)
        props.string(address_id, person.address)
    props.string(smtp_id, person.smtp)


def _recipient(number: int, recipient: Recipient, unicode: bool, codec: str) -> Tree:
    props = Properties(unicode, codec)
    props.long(0x3000, number)  # PR_ROWID
    props.long(0x0C15, recipient.kind)
    _person(props, (0x3001, 0x3002, 0x3003, 0x39FE), recipient)
    return props.tree(bytes(8))


def _attachment(number: int, attachment: Attachment, unicode: bool, codec: str) -> Tree:
    props = Properties(unicode, codec)
    props.long(0x0E21, number)  # PR_ATTACH_NUM
    props.long(0x3705, attachment.method)
    props.string(0x3707, attachment.long_filename)
    props.string(0x3704, attachment.filename)
    props.string(0x370E, attachment.mime_type)
    props.string(0x3001, attachment.display_name)
    if attachment.method == 5:
        props.storage(0x3701, msg_tree(top=False, **(attachment.message or {})))
    elif attachment.method == 6:
        props.storage(0x3701, {"\x01Ole": bytes(20), "CONTENTS": attachment.data or b""})
    else:
        props.binary(0x3701, attachment.data)
    return props.tree(bytes(8))


def msg_tree(
    *,
    top: bool = True,
    subject: str | None = None,
    sender: Person | None = None,
    representing: Person | None = None,
    recipients: Sequence[Recipient] = (),
    body: str | None = None,
    html: str | bytes | None = None,
    rtf: bytes | None = None,
    attachments: Sequence[Attachment] = (),
    embedded: dict[str, Any] | None = None,
    message_class: str | None = "IPM.Note",
    unicode: bool = True,
    codepage: int | None = None,
    internet_cpid: int | None = None,
    codec: str = "cp1252",
    date: datetime | None = None,
    reply_to_names: str | None = None,
    reply_to_entries: bytes | None = None,
    transport_headers: str | None = None,
    message_id: str | None = None,
    named_property: str | None = None,
    display_to: str | None = None,
    extra: Mapping[str, bytes | Stream | Tree] | None = None,
) -> dict[str, bytes | Stream | Tree]:
    """The storages and streams of one message (see ``build_msg``)."""
    props = Properties(unicode, codec)
    props.string(0x001A, message_class)
    props.string(0x0037, subject)
    props.long(0x3FFD, codepage)
    props.long(0x3FDE, internet_cpid)
    if sender is not None:
        _person(props, (0x0C1A, 0x0C1E, 0x0C1F, 0x5D01), sender)
    if representing is not None:
        _person(props, (0x0042, 0x0064, 0x0065, 0x5D02), representing)
    props.time(0x0039, date)
    props.string(0x1000, body)
    if isinstance(html, str):
        html = html.encode("utf-8")
    props.binary(0x1013, html)
    props.binary(0x1009, rtf)
    if rtf is not None:
        props.boolean(0x0E1F, True)  # PR_RTF_IN_SYNC
    props.string(0x0050, reply_to_names)
    props.binary(0x004F, reply_to_entries)
    props.string(0x007D, transport_headers)
    props.string(0x1035, message_id)
    props.string(0x0E04, display_to)
    tree: dict[str, bytes | Stream | Tree] = {}
    if named_property is not None:
        # One numeric named property in PS_PUBLIC_STRINGS (GUID index 2), mapped to 0x8000.
        props.string(0x8000, named_property)
        if top:
            tree["__nameid_version1.0"] = {
                substg(0x0002, PT_BINARY): b"",
                substg(0x0003, PT_BINARY): struct.pack("<II", 0x8524, 2 << 1),
                substg(0x0004, PT_BINARY): b"",
            }
    every_attachment = list(attachments)
    if embedded is not None:
        every_attachment.append(
            Attachment(data=None, method=5, message=embedded, display_name=embedded.get("subject"))
        )
    for number, recipient in enumerate(recipients):
        tree[f"__recip_version1.0_#{number:08X}"] = _recipient(number, recipient, unicode, codec)
    for number, attachment in enumerate(every_attachment):
        tree[f"__attach_version1.0_#{number:08X}"] = _attachment(
            number, attachment, unicode, codec
        )
    counts = struct.pack(
        "<IIII", len(recipients), len(every_attachment), len(recipients), len(every_attachment)
    )
    header = bytes(8) + counts + (bytes(8) if top else b"")
    tree.update(props.tree(header))
    tree.update(extra or {})
    return tree


def build_msg(**fields: Any) -> bytes:
    """An Outlook .msg file. The keywords are ``msg_tree``'s: ``subject``, ``sender`` and
    ``representing`` (a :class:`Person`), ``recipients``, ``body``, ``html``, ``rtf`` (the
    PR_RTF_COMPRESSED bytes; never decompressed by the reader), ``attachments``,
    ``embedded`` (keywords of an attached message), ``message_class``, ``unicode`` (False
    writes String8 properties in ``codec``, declared by ``codepage``), ``date``, and a few
    properties that are dropped by the reader (``transport_headers``, ``message_id``,
    ``named_property``)."""
    return write_cfb(msg_tree(top=True, **fields))


def one_off_entry(name: str, address: str, address_type: str = "SMTP") -> bytes:
    """A one-off EntryID ([MS-OXCDATA] 2.2.5.1) in Unicode, as Outlook writes for a
    Reply-To recipient."""
    uid = bytes.fromhex("812B1FA4BEA310199D6E00DD010F5402")
    strings = b"".join((s + "\0").encode("utf-16-le") for s in (name, address_type, address))
    return bytes(4) + uid + struct.pack("<HH", 0, 0x8000) + strings


def flat_entry_list(entries: Sequence[bytes]) -> bytes:
    """A FlatEntryList ([MS-OXCDATA] 2.3.3), each entry padded to four bytes."""
    body = b"".join(struct.pack("<I", len(e)) + _pad(e, 4) for e in entries)
    return struct.pack("<II", len(entries), len(body)) + body
