"""An independent reading of a written PDF, used only to verify it.

Nothing here shares code with the reader that found the text (pikepdf and our own
content interpreter): the page text comes from pypdf, from pdfminer.six and, when
poppler's ``pdftotext`` is installed, from that; and every string object and
every decompressed stream in the file (metadata, form appearances, JavaScript,
anything a reader might show) comes from pypdf's object walk. Verification then
looks for every detected value in all of them.
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.errors import DamagedDocument
from redactor.formats.files import input_bytes

_PDFTOTEXT_TIMEOUT_S = 60
_MAX_STREAM_BYTES = 20_000_000
_IMAGE_FILTERS = frozenset({"/DCTDecode", "/JPXDecode", "/JBIG2Decode", "/CCITTFaxDecode"})


def page_texts(path: Path) -> dict[str, list[str]]:
    """The text of each page, by each extractor available: {"pypdf": [...], ...}."""
    data = path.read_bytes()
    texts = {"pypdf": _pypdf_pages(path, data), "pdfminer": _pdfminer_pages(path, data)}
    poppler = _pdftotext_pages(path)
    if poppler is not None:
        texts["pdftotext"] = poppler
    return texts


def page_sizes(path: Path) -> list[tuple[float, float, float, float]]:
    """Each page's media box, as pypdf reads it."""
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
        boxes = [[float(v) for v in page.mediabox] for page in reader.pages]
    except Exception as error:  # noqa: BLE001 - pypdf raises outside its own base class
        raise _unverifiable(path, "pypdf", error) from None
    return [(box[0], box[1], box[2], box[3]) for box in boxes]


def every_string(path: Path) -> list[str]:
    """Every string object and every stream that may hold text, outside the page text."""
    return list(_every_string(path, path.read_bytes()))


def original_pages(path: Path, password: str | None) -> list[str]:
    """The text of each page of the original, as pypdf extracts it, to compare."""
    return _pypdf_pages(path, input_bytes(path), password, original=True)


def _pypdf_pages(
    path: Path, data: bytes, password: str | None = None, *, original: bool = False
) -> list[str]:
    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt(password or "")
        return [page.extract_text() or "" for page in reader.pages]
    except Exception as error:  # noqa: BLE001 - pypdf raises outside its own base class
        raise _unverifiable(path, "pypdf", error, original=original) from None


def _unverifiable(
    path: Path, reader: str, error: Exception, *, original: bool = False
) -> DamagedDocument:
    # Only the error's type: a reader's message can quote the file's own bytes.
    what = (
        "the original cannot be read by {reader} to check the copy against it"
        if original
        else "the redacted copy cannot be read back by {reader} to verify it"
    ).format(reader=reader)
    return DamagedDocument(
        path,
        f"{what} ({type(error).__name__}); the original is probably damaged: open it and "
        "save it as PDF again",
    )


def _pdfminer_pages(path: Path, data: bytes) -> list[str]:
    """Each page's text as pdfminer lays it out: one pass over the file (asking for one
    page at a time parsed the file again for each, and grew with the square of the
    pages), lines grouped into boxes but boxes not ordered into columns (that step cost
    a second a page and adds no text).
    """
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        return [
            "".join(item.get_text() for item in page if isinstance(item, LTTextContainer))
            for page in extract_pages(io.BytesIO(data), laparams=LAParams(boxes_flow=None))
        ]
    except Exception as error:  # noqa: BLE001 - pdfminer raises many unrelated types
        raise _unverifiable(path, "pdfminer", error) from None


def _pdftotext_pages(path: Path) -> list[str] | None:
    binary = shutil.which("pdftotext")
    if binary is None:
        return None
    try:
        done = subprocess.run(  # noqa: S603 - a fixed binary, no shell, our own temp file
            [binary, "-q", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            timeout=_PDFTOTEXT_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.decode("utf-8", "replace").split("\f")


def _every_string(path: Path, data: bytes) -> Iterator[str]:
    """Every string object, and every stream that is not an image, decoded leniently."""
    import pypdf
    from pypdf.generic import (
        ArrayObject,
        ByteStringObject,
        DictionaryObject,
        IndirectObject,
        StreamObject,
        TextStringObject,
    )

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        page_contents = _page_content_ids(reader)
        seen: set[int] = set()
        stack: list[Any] = [reader.trailer]
        while stack:
            item = stack.pop()
            if isinstance(item, IndirectObject):
                key = item.idnum * 100_000 + item.generation
                if key in seen:
                    continue
                seen.add(key)
                item = item.get_object()
            if isinstance(item, TextStringObject):
                yield str(item)
            elif isinstance(item, ByteStringObject):
                yield bytes(item).decode("latin-1")
            if isinstance(item, StreamObject) and _may_hold_text(item, page_contents):
                yield from _stream_text(item)
            if isinstance(item, DictionaryObject):
                stack.extend(item.values())
            elif isinstance(item, ArrayObject):
                stack.extend(item)
    except DamagedDocument:
        raise
    except Exception as error:  # noqa: BLE001 - pypdf raises outside its own base class
        raise _unverifiable(path, "pypdf", error) from None


def _page_content_ids(reader: Any) -> set[int]:
    """The ids of the page content streams, whose text the page extractors read."""
    ids: set[int] = set()
    for page in reader.pages:
        contents = page.get("/Contents")
        items = contents if isinstance(contents, list) else [contents]
        ids |= {id(item.get_object()) for item in items if item is not None}
    return ids


def _may_hold_text(stream: Any, page_contents: set[int]) -> bool:
    """Streams read raw: not images, not font programs, not what the page extractors
    already read as text (page contents and drawings, where a word split by kerning
    would look like a different word).
    """
    if id(stream) in page_contents:
        return False
    if stream.get("/Subtype") in ("/Image", "/Form", "/Type1C", "/CIDFontType0C", "/OpenType"):
        return False
    if stream.get("/Type") in ("/XRef", "/ObjStm", "/XObject", "/CMap"):
        return False
    return "/Length1" not in stream and stream.get("/Filter") not in _IMAGE_FILTERS


def _stream_text(stream: Any) -> Iterator[str]:
    try:
        raw = stream.get_data()[:_MAX_STREAM_BYTES]
    except Exception:  # noqa: BLE001 - an undecodable stream holds no readable text
        return
    printable = sum(32 <= byte < 127 or byte in (9, 10, 13) for byte in raw[:4096])
    if raw and printable < 0.7 * min(len(raw), 4096):
        return  # binary (a font, a colour profile): no words in it
    if b"begincmap" in raw[:4096]:
        return  # a character map: font plumbing, not text anyone reads
    yield raw.decode("latin-1")
    if raw[:2] in (b"\xfe\xff", b"\xff\xfe"):
        yield raw.decode("utf-16", "replace")
