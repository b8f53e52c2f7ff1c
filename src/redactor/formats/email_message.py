"""E-mail (.eml): the headers people read (who it is from and to, the subject) and every
text body, plain or HTML, redacted in place; the message written back as valid MIME.

- Headers: From, To, Cc, Bcc, Reply-To, Sender and Subject, display names and addresses
  alike. Other headers that can hold a person (Received, Message-ID, Return-Path,
  X-... and the rest) are not read one by one: they are removed from the copy and listed
  in the record, since a copy for sharing does not need a route through mail servers.
- Plain-text bodies: read as text.
- HTML bodies: each text node and each ``alt``, ``title`` and ``href`` attribute is a
  segment (entities decoded, so "Zo&euml;" is read as "Zoë"); the copy is the same HTML
  with only those pieces replaced, re-escaped.
- Text attachments (plain text, CSV, HTML) are read like bodies. Other attachments (a PDF,
  a Word document, a picture) are not read yet: they are removed from the copy and listed
  in the record, or, with ``--strict-attachments``, the message is refused. A copy never
  carries a part that was not read.

Verification re-reads the written message with the standard library's older parser
(``compat32``), decodes every header and text part, and looks for every detected value.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from html.parser import HTMLParser
from pathlib import Path

from redactor.config import Config
from redactor.errors import DamagedDocument, EmptyDocument, UnreadableContent
from redactor.formats.base import apply_edits
from redactor.formats.files import read_input_bytes
from redactor.formats.text import text_segments
from redactor.model import Edit, ExtractedDocument, Removal, Segment

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
class _State:
    message: EmailMessage
    pieces: dict[str, _Piece]
    removed_headers: list[str]
    dropped_parts: dict[int, str]
    """Parts (by ``walk()`` number) left out of the copy: attachments not read."""


class EmailHandler:
    """The FormatHandler for .eml messages."""

    name = "email"
    suffixes: tuple[str, ...] = (".eml",)

    def extract(self, path: Path, config: Config) -> ExtractedDocument:
        """Parse the message; refuse attachments and anything that cannot be decoded."""
        data = read_input_bytes(path, config)
        message = message_from_bytes(data, policy=policy.default)
        if not isinstance(message, EmailMessage) or not message.keys():
            raise DamagedDocument(path, "this is not an e-mail message (no headers)")
        segments: list[Segment] = []
        pieces: dict[str, _Piece] = {}
        for name in READ_HEADERS:
            for index, value in enumerate(message.get_all(name, [])):
                key = f"h:{name}:{index}"
                segments.append(Segment(key, f"header {name}", str(value)))
                pieces[key] = _Piece("header", -1, header=f"{name}:{index}")
        dropped: dict[int, str] = {}
        for number, part in enumerate(message.walk()):
            if part.is_multipart():
                continue
            if part.get_content_type() not in _READ_TYPES:
                what = _describe(part)
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
        removed = [h for h in message if h.lower() not in KEPT_HEADERS | _lower(READ_HEADERS)]
        return ExtractedDocument(
            path=path,
            format=self.name,
            segments=tuple(segments),
            state=_State(message, pieces, removed, dropped),
        )

    def write(
        self, doc: ExtractedDocument, edits: Sequence[Edit], dest: Path
    ) -> tuple[Removal, ...]:
        """The message with its pieces replaced, other headers removed, as MIME bytes."""
        state: _State = doc.state
        message = _copy(state.message)
        by_segment: dict[str, list[Edit]] = {}
        for edit in edits:
            by_segment.setdefault(edit.segment_key, []).append(edit)
        texts = {s.key: apply_edits(s.text, by_segment.get(s.key, [])) for s in doc.segments}
        for name in READ_HEADERS:
            values = [texts[k] for k in texts if k.startswith(f"h:{name}:")]
            if values:
                del message[name]
                for value in values:
                    message[name] = _header_safe(value)
        for header in state.removed_headers:
            del message[header]
        originals = list(state.message.walk())
        for number, part in enumerate(message.walk()):
            if part.is_multipart():
                continue
            keys = [k for k in texts if k.startswith(f"p{number}:")]
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
                filename=originals[number].get_filename(),
            )
        _drop_parts(message, state.dropped_parts)
        dest.write_bytes(message.as_bytes(policy=policy.default))
        removed = sorted(set(state.removed_headers))
        removals = [Removal("mail headers", ", ".join(removed), len(removed))] if removed else []
        removals += [Removal("attachment", what, 1) for what in state.dropped_parts.values()]
        return tuple(removals)

    def reread(self, path: Path, doc: ExtractedDocument) -> list[str]:
        """Every header and text part, decoded by the older parser (not the one ``extract``
        uses).
        """
        message = message_from_bytes(path.read_bytes(), policy=policy.compat32)
        texts = [str(make_header(decode_header(v))) for _, v in message.items()]
        for part in message.walk():
            if part.is_multipart():
                continue
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset() or "utf-8"
                text = payload.decode(charset, errors="replace")
                texts.append(text)
                if part.get_content_subtype() == "html":
                    texts.append(html.unescape(re.sub(r"<[^>]*>", " ", text)))
        return texts


# Parts read as text, as bodies or as attachments: plain text (notes, a CSV as text) and
# HTML. Anything else is an attachment redactor cannot read yet.
_READ_TYPES = frozenset({"text/plain", "text/html", "text/csv", "text/tab-separated-values"})


def _describe(part: Message) -> str:
    """An attachment's type and name, for the record and messages (never its content)."""
    name = part.get_filename()
    return f"{part.get_content_type()}{f', {name}' if name else ''}"


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
