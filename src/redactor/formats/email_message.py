"""E-mail (.eml, and Outlook .msg read as e-mail): the headers people read (who it is from
and to, the subject) and every text body, plain or HTML, redacted in place; attached
documents redacted by their own format; the message written back as valid MIME.

- Headers: From, To, Cc, Bcc, Reply-To, Sender and Subject, display names and addresses
  alike, of the message and of every message forwarded inside it. Other headers that can
  hold a person (Received, Message-ID, Return-Path, X-..., a part's Content-Description,
  a delivery report's recipients) are not read one by one: they are removed from the
  copy and listed in the record, since a copy for sharing does not need them.
- Plain-text bodies: read as text.
- HTML bodies: each text node and each ``alt``, ``title`` and ``href`` attribute is a
  segment (entities decoded, so "Zo&euml;" is read as "Zoë"); the copy is the same HTML
  with only those pieces replaced, re-escaped.
- Attachment names are read (their extension apart). Text attachments (plain text, CSV,
  HTML) are read like bodies; Word, PDF and Excel attachments are read from memory by
  their own format's handler (given by the formats package), written by it to a
  temporary file beside the copy and put back. Other attachments, and documents that
  cannot be read, are removed from the copy and listed in the record, or, with
  ``--strict-attachments``, the message is refused. A copy never carries a part that
  was not read.
- An Outlook .msg is rebuilt as an e-mail first (``outlook_msg.py``) and written as .eml.

Verification re-reads the written message with the standard library's older parser
(``compat32``), decodes every header and text part, reads each attached document back
through its own format's verification, and looks for every detected value.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from html.parser import HTMLParser
from pathlib import Path

from redactor.config import Config
from redactor.errors import DamagedDocument, EmptyDocument, FileRefused, UnreadableContent
from redactor.formats.base import FormatHandler, apply_edits, edits_by_segment, output_name
from redactor.formats.files import in_memory, read_input_bytes
from redactor.formats.outlook_msg import read_msg
from redactor.formats.text import text_segments
from redactor.model import Edit, ExtractedDocument, Removal, Segment
from redactor.safe_io import temporary_beside

READ_HEADERS = ("From", "To", "Cc", "Bcc", "Reply-To", "Sender", "Subject")
# Headers a copy keeps as they are: about the message's form, not about people.
KEPT_HEADERS = frozenset(
    {"mime-version", "content-type", "content-transfer-encoding", "content-disposition", "date"}
)
_HTML_ATTRIBUTES = frozenset({"alt", "title", "href"})


@dataclass
class _Piece:
    """Where a segment's text lives in the message."""

    kind: str  # "header", "plain" or "html"
    part: int  # index of the part in ``walk()`` order
    header: str = ""
    """The header's name and index; for HTML, "text" or "attribute"."""
    spans: list[tuple[int, int]] = field(default_factory=list)
    """For HTML: the (start, end) of the raw text node or attribute value in the source."""


@dataclass
class _Nested:
    """A document attached to the message, read and written by its own format's handler."""

    handler: FormatHandler
    doc: ExtractedDocument
    data: bytes = field(repr=False)
    """The attachment as it came: its format's verification compares the copy with it."""


@dataclass
class _State:
    message: EmailMessage
    pieces: dict[str, _Piece]
    removed_headers: dict[int, list[str]]
    """Per message (by ``walk()`` number: 0 the message itself, others forwarded ones),
    the headers left out of the copy."""
    dropped_parts: dict[int, str]
    """Parts (by ``walk()`` number) left out of the copy: attachments not read."""
    nested: dict[int, _Nested] = field(default_factory=dict)
    not_converted: tuple[str, ...] = ()
    """For an Outlook message: what was not carried over into the e-mail."""


class EmailHandler:
    """The FormatHandler for .eml messages, and Outlook .msg ones written as .eml."""

    name = "email"
    suffixes: tuple[str, ...] = (".eml", ".msg")

    def __init__(self, attachments: Mapping[str, FormatHandler] | None = None) -> None:
        """``attachments``: the handlers of the document formats an attachment can be
        read as, by suffix (given by the formats package, which knows them all).
        """
        self.attachments = dict(attachments or {})

    def extract(self, path: Path, config: Config) -> ExtractedDocument:
        """Parse the message; refuse attachments and anything that cannot be decoded."""
        data = read_input_bytes(path, config)
        not_converted: tuple[str, ...] = ()
        if path.suffix.lower() == ".msg":
            conversion = read_msg(path, data)
            data = conversion.message.as_bytes(policy=policy.default)
            not_converted = conversion.dropped
        message = message_from_bytes(data, policy=policy.default)
        if not isinstance(message, EmailMessage) or not message.keys():
            raise DamagedDocument(path, "this is not an e-mail message (no headers)")
        segments: list[Segment] = []
        pieces: dict[str, _Piece] = {}
        removed: dict[int, list[str]] = {}
        dropped: dict[int, str] = {}
        nested: dict[int, _Nested] = {}
        forwarded = _forwarded_messages(message)
        for number, part in enumerate(message.walk()):
            if number == 0 or id(part) in forwarded:
                segments += _header_segments(part, number, pieces)
                removed[number] = [
                    h for h in part if h.lower() not in KEPT_HEADERS | _lower(READ_HEADERS)
                ]
            else:
                # A part's own headers beyond its form (Content-Description, Content-ID,
                # a delivery report's Final-Recipient) are not read: they go.
                removed[number] = [h for h in part if h.lower() not in KEPT_HEADERS]
            if part.is_multipart():
                continue
            filename = part.get_filename()
            stem, extension = _split_name(filename or "")
            if stem.strip():
                # An attachment's name is often the pupil's ("Tansy EHCP.pdf"); its
                # extension is read apart, or "tracker.xlsm" could pass for a name.
                key = f"p{number}:name"
                segments.append(Segment(key, f"attachment name, part {number}", stem))
                pieces[key] = _Piece("name", number, header=extension)
            if part.get_content_type() not in _READ_TYPES:
                what = _describe(part, number)
                handler = self.attachments.get(_suffix_of(part))
                if handler is not None:
                    try:
                        inner = _read_attachment(path, number, part, handler, config)
                    except FileRefused as refusal:
                        what = f"{what} ({refusal.reason})"
                    else:
                        nested[number] = inner
                        segments += _nested_segments(inner.doc, number)
                        continue
                if config.strict_attachments:
                    raise UnreadableContent(
                        path,
                        f"the message has an attachment redactor cannot read ({what}) and "
                        "--strict-attachments is set; no output was written",
                    )
                dropped[number] = what  # removed from the copy, and listed in the record
                continue
            text = _text_of(path, part)
            if part.get_content_subtype() == "html":
                for piece_index, (start, end, value, kind) in enumerate(_html_pieces(text)):
                    key = f"p{number}:html:{piece_index}"
                    segments.append(Segment(key, f"message body (HTML), part {number}", value))
                    pieces[key] = _Piece("html", number, header=kind, spans=[(start, end)])
            else:
                for block in text_segments(text):
                    key = f"p{number}:{block.key}"
                    segments.append(
                        Segment(key, f"message body, {block.where}", block.text, block.first_line)
                    )
                    pieces[key] = _Piece("plain", number)
        if not any(s.text.strip() for s in segments):
            raise EmptyDocument(path, "the message is empty: there is nothing to redact")
        return ExtractedDocument(
            path=path,
            format=self.name,
            segments=tuple(segments),
            state=_State(message, pieces, removed, dropped, nested, not_converted),
        )

    def write(
        self, doc: ExtractedDocument, edits: Sequence[Edit], dest: Path
    ) -> tuple[Removal, ...]:
        """The message with its pieces replaced, other headers removed, as MIME bytes."""
        state: _State = doc.state
        message = _copy(state.message)
        by_segment = edits_by_segment(edits)
        texts = {
            s.key: apply_edits(s.text, by_segment.get(s.key, []))
            for s in doc.segments
            if not s.key.startswith("a")
        }
        removals: list[Removal] = []
        originals = list(state.message.walk())
        for number, part in enumerate(message.walk()):
            if number in state.removed_headers:
                _write_headers(part, number, texts, state.removed_headers[number])
            if part.is_multipart():
                continue
            name_key = f"p{number}:name"
            filename = originals[number].get_filename()
            if name_key in texts:
                filename = texts[name_key] + state.pieces[name_key].header
            if number in state.nested:
                written, inner_removals = _write_attachment(
                    state.nested[number], number, by_segment, dest
                )
                filename = str(output_name(Path(filename))) if filename else None
                maintype, subtype = _content_type_of(state.nested[number].doc, part)
                part.set_content(
                    written,
                    maintype=maintype,
                    subtype=subtype,
                    disposition=originals[number].get_content_disposition() or "attachment",
                    filename=filename,
                )
                removals += inner_removals
                continue
            if filename is not None and name_key in texts:
                _rename_attachment(part, filename)
            keys = [k for k in texts if k.startswith(f"p{number}:") and k != name_key]
            if not keys:
                continue
            original = _text_of(doc.path, originals[number])
            if part.get_content_subtype() == "html":
                body = _replace_html(
                    original,
                    [(state.pieces[k].spans[0], texts[k], state.pieces[k].header) for k in keys],
                )
            else:
                body = "".join(texts[k] for k in keys)
            part.set_content(
                body,
                subtype=part.get_content_subtype(),
                charset="utf-8",
                disposition=originals[number].get_content_disposition(),
                filename=filename,
            )
        _drop_parts(message, state.dropped_parts)
        dest.write_bytes(message.as_bytes(policy=policy.default))
        removed = sorted({h for names in state.removed_headers.values() for h in names})
        heading = [Removal("mail headers", ", ".join(removed), len(removed))] if removed else []
        removals = heading + removals
        removals += [Removal("attachment", what, 1) for what in state.dropped_parts.values()]
        removals += [
            Removal("not carried over from the Outlook message", what, 1)
            for what in state.not_converted
        ]
        return tuple(removals)

    def reread(self, path: Path, doc: ExtractedDocument) -> list[str]:
        """Every header (of forwarded messages too) and text part, decoded by the older
        parser (not the one ``extract`` uses); each attached document read back by its
        own format's verification.
        """
        state: _State = doc.state
        message = message_from_bytes(path.read_bytes(), policy=policy.compat32)
        texts: list[str] = []
        attached = iter(state.nested.values())
        for part in message.walk():
            texts += [str(make_header(decode_header(v))) for _, v in part.items()]
            if part.is_multipart():
                continue
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                continue
            inner = self.attachments.get(_suffix_of(part)) if part.get_filename() else None
            if inner is not None and payload[:4] in (b"%PDF", b"PK\x03\x04"):
                nested = next(attached, None)
                if nested is None:
                    raise DamagedDocument(path, "the copy holds an attachment it should not")
                texts += _reread_attachment(path, nested, payload)
                continue
            charset = part.get_content_charset() or "utf-8"
            text = payload.decode(charset, errors="replace")
            texts.append(text)
            if part.get_content_subtype() == "html":
                texts.append(html.unescape(re.sub(r"<[^>]*>", " ", text)))
        return texts


def _forwarded_messages(message: EmailMessage) -> set[int]:
    """The messages inside this one (forwarded as attachments), by identity: their
    headers name people as the message's own do.
    """
    inner: set[int] = set()
    for part in message.walk():
        if part.get_content_type() == "message/rfc822":
            payload = part.get_payload()
            if isinstance(payload, list):
                inner.update(id(m) for m in payload)
    return inner


def _header_segments(part: Message, number: int, pieces: dict[str, _Piece]) -> list[Segment]:
    """The headers people read (From, To, Subject...) of a message, one segment each."""
    segments = []
    where = "header" if number == 0 else f"forwarded message (part {number}), header"
    for name in READ_HEADERS:
        for index, value in enumerate(part.get_all(name, [])):
            key = f"h{number}:{name}:{index}"
            segments.append(Segment(key, f"{where} {name}", str(value)))
            pieces[key] = _Piece("header", number, header=f"{name}:{index}")
    return segments


def _write_headers(part: Message, number: int, texts: dict[str, str], removed: list[str]) -> None:
    for name in READ_HEADERS:
        values = [texts[k] for k in texts if k.startswith(f"h{number}:{name}:")]
        if values:
            del part[name]
            for value in values:
                part[name] = _header_safe(value)
    for header in removed:
        del part[header]


def _split_name(filename: str) -> tuple[str, str]:
    """A file name's stem and extension ("Tansy EHCP.pdf" -> "Tansy EHCP", ".pdf")."""
    suffix = Path(filename).suffix
    if suffix and len(suffix) <= 6 and suffix[1:].isalnum():
        return filename[: -len(suffix)], suffix
    return filename, ""


def _suffix_of(part: Message) -> str:
    """The format an attachment is in: its file name's suffix, else its content type's."""
    name = part.get_filename() or ""
    suffix = Path(name).suffix.lower()
    return suffix if suffix else _SUFFIX_BY_TYPE.get(part.get_content_type(), "")


def _virtual_path(path: Path, number: int, suffix: str) -> Path:
    """The name an attachment is read under: not a file, never written."""
    return path.parent / f"{path.name} (attachment, part {number}){suffix}"


def _read_attachment(
    path: Path, number: int, part: Message, handler: FormatHandler, config: Config
) -> _Nested:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload:
        raise UnreadableContent(path, "the attachment is empty or cannot be decoded")
    virtual = _virtual_path(path, number, _suffix_of(part))
    with in_memory(virtual, payload):
        doc = handler.extract(virtual, config)
    return _Nested(handler, doc, payload)


def _nested_segments(doc: ExtractedDocument, number: int) -> list[Segment]:
    """An attached document's segments, keyed and placed as parts of the message."""
    return [
        Segment(
            f"a{number}|{s.key}",
            f"attachment (part {number}), {s.where}",
            s.text,
            first_line=s.first_line,
            outline=s.outline,
            cell=(f"a{number}|{s.cell[0]}", s.cell[1], s.cell[2]) if s.cell else None,
        )
        for s in doc.segments
    ]


def _write_attachment(
    nested: _Nested, number: int, by_segment: Mapping[str, list[Edit]], dest: Path
) -> tuple[bytes, list[Removal]]:
    """The redacted attachment's bytes, written by its own handler beside the copy (the
    temporary file goes as soon as it is read), and what that handler removed.
    """
    prefix = f"a{number}|"
    own = [
        Edit(edit.segment_key[len(prefix) :], edit.start, edit.end, edit.replacement)
        for key, edits in by_segment.items()
        if key.startswith(prefix)
        for edit in edits
    ]
    suffix = output_name(nested.doc.path).suffix
    with temporary_beside(dest.with_suffix(suffix)) as temp:
        removals = nested.handler.write(nested.doc, own, temp)
        written = temp.read_bytes()
    where = f"attachment (part {number})"
    return written, [Removal(r.kind, f"{where}: {r.where}", r.count) for r in removals]


def _reread_attachment(path: Path, nested: _Nested, payload: bytes) -> list[str]:
    """An attached document in the written copy, read by its format's own verification."""
    suffix = output_name(nested.doc.path).suffix
    with temporary_beside(path.with_suffix(suffix)) as temp:
        temp.write_bytes(payload)
        with in_memory(nested.doc.path, nested.data):
            return nested.handler.reread(temp, nested.doc)


def _content_type_of(doc: ExtractedDocument, part: Message) -> tuple[str, str]:
    """The attachment's content type, that of its new format if it changed (.xlsm)."""
    suffix = output_name(doc.path).suffix
    if suffix != doc.path.suffix.lower() and suffix in _TYPE_BY_SUFFIX:
        return _TYPE_BY_SUFFIX[suffix]
    return part.get_content_maintype(), part.get_content_subtype()


_TYPE_BY_SUFFIX = {
    ".pdf": ("application", "pdf"),
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
_SUFFIX_BY_TYPE = {"/".join(kind): suffix for suffix, kind in _TYPE_BY_SUFFIX.items()}


# Parts read as text, as bodies or as attachments: plain text (notes, a CSV as text) and
# HTML. Anything else is an attachment redactor cannot read yet.
_READ_TYPES = frozenset({"text/plain", "text/html", "text/csv", "text/tab-separated-values"})


def _describe(part: Message, number: int) -> str:
    """An attachment's type and place, for the record and messages: never its name or
    content, which can name a pupil.
    """
    return f"{part.get_content_type()}, part {number}"


def _rename_attachment(part: Message, name: str) -> None:
    """Put the redacted file name wherever the part carries one."""
    if part.get("Content-Disposition") is not None:
        part.set_param("filename", name, header="Content-Disposition")
    if part.get_param("name") is not None:
        part.set_param("name", name)


def _drop_parts(message: EmailMessage, numbers: dict[int, str]) -> None:
    """Remove the parts with these ``walk()`` numbers from their containers."""
    if not numbers:
        return
    parts = list(message.walk())
    unwanted = {id(parts[n]) for n in numbers}
    for container in parts:
        if container.is_multipart():
            payload = container.get_payload()
            assert isinstance(payload, list)
            container.set_payload([p for p in payload if id(p) not in unwanted])


def _lower(names: Sequence[str]) -> frozenset[str]:
    return frozenset(n.lower() for n in names)


def _copy(message: EmailMessage) -> EmailMessage:
    copied = message_from_bytes(message.as_bytes(policy=policy.default), policy=policy.default)
    assert isinstance(copied, EmailMessage)
    return copied


def _header_safe(value: str) -> str:
    """A header value on one line (a replacement never adds a line break)."""
    return " ".join(value.split())


def _text_of(path: Path, part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
    except (LookupError, UnicodeDecodeError, ValueError):
        raise UnreadableContent(
            path, "a part of the message cannot be decoded (an unknown character set)"
        ) from None
    if not isinstance(content, str):
        raise UnreadableContent(path, "a text part of the message holds no text")
    return content


class _HtmlPieces(HTMLParser):
    """Where each text node and each readable attribute value is in the source."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.lines = [0]
        for match in re.finditer("\n", source):
            self.lines.append(match.end())
        self.found: list[tuple[int, int, str]] = []
        self._skip = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        start = self._offset()
        text = self.get_starttag_text() or ""
        for name, _ in attrs:
            if name not in _HTML_ATTRIBUTES:
                continue
            pattern = re.compile(
                rf"\s{re.escape(name)}\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE
            )
            for match in pattern.finditer(text):
                group = next(g for g in (1, 2, 3) if match.group(g) is not None)
                a, b = start + match.start(group), start + match.end(group)
                self.found.append((a, b, "attribute"))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._text(len(data))

    def handle_entityref(self, name: str) -> None:
        if not self._skip:
            self._text(len(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        if not self._skip:
            self._text(len(f"&#{name};"))

    def _text(self, length: int) -> None:
        """Text, an entity, text again: one piece ("Zo&euml;" is one word)."""
        start = self._offset()
        if self.found and self.found[-1][1] == start and self.found[-1][2] == "text":
            self.found[-1] = (self.found[-1][0], start + length, "text")
        else:
            self.found.append((start, start + length, "text"))


def _html_pieces(source: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, decoded text, "text" or "attribute") of each readable piece."""
    parser = _HtmlPieces(source)
    parser.feed(source)
    parser.close()
    for start, end, kind in parser.found:
        value = html.unescape(source[start:end])
        if value.strip():
            yield start, end, value, kind


def _replace_html(source: str, replacements: list[tuple[tuple[int, int], str, str]]) -> str:
    """The source with each piece replaced by its (edited) text, escaped again (quotes
    too inside an attribute).
    """
    out, cursor = [], 0
    for (start, end), text, kind in sorted(replacements, key=lambda r: r[0]):
        out.append(source[cursor:start])
        out.append(html.escape(text, quote=kind == "attribute"))
        cursor = end
    out.append(source[cursor:])
    return "".join(out)
