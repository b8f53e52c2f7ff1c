"""Everything outside a PDF's pages that can hold text: read it for ``check``, and
remove it from a redacted copy.

Nobody can vouch for text that is not on the page: authors in the properties, the
XMP history, a comment, an attached file, the value of a form field, JavaScript.
So the copy keeps none of it: each place is read (so that ``check`` reports what
it holds) and then removed, and the report lists each kind with its count. Layer
names are replaced by neutral ones rather than removed, so hidden layers stay
hidden.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf

from redactor.model import Removal

_MAX_NODES = 10_000
# Annotations that only point somewhere inside the document stay; all others go.
_KEPT_LINK_ACTIONS = frozenset({"/GoTo"})


@dataclass(frozen=True)
class HiddenText:
    """Text kept outside the pages, and where."""

    where: str
    text: str = field(repr=False)


def hidden_texts(pdf: Any) -> list[HiddenText]:
    """Every text outside the page content that a reader of the file could see."""
    found: list[HiddenText] = []
    info = pdf.trailer.get("/Info")
    if isinstance(info, pikepdf.Dictionary):
        for key, value in info.items():
            if isinstance(value, pikepdf.String):
                found.append(HiddenText(f"document property: {key[1:]}", str(value)))
    metadata = pdf.Root.get("/Metadata")
    if isinstance(metadata, pikepdf.Stream):
        found.append(HiddenText("XMP metadata", _xmp_text(metadata)))
    for number, title in enumerate(_outline_titles(pdf), start=1):
        found.append(HiddenText(f"bookmark {number}", title))
    for page_number, page in enumerate(pdf.pages, start=1):
        for annotation in page.obj.get("/Annots", []):
            found += _annotation_texts(annotation, page_number)
    for field_number, field_value in enumerate(_field_values(pdf), start=1):
        found.append(HiddenText(f"form field {field_number}", field_value))
    return [item for item in found if item.text.strip()]


def _annotation_texts(annotation: Any, page: int) -> list[HiddenText]:
    if not isinstance(annotation, pikepdf.Dictionary):
        return []
    kind = str(annotation.get("/Subtype", "/Annotation"))[1:]
    texts = [
        HiddenText(f"{kind} on page {page}", str(annotation[key]))
        for key in ("/Contents", "/T", "/TU", "/V", "/Subj", "/RC")
        if isinstance(annotation.get(key), pikepdf.String)
    ]
    action = annotation.get("/A")
    if isinstance(action, pikepdf.Dictionary) and isinstance(action.get("/URI"), pikepdf.String):
        texts.append(HiddenText(f"link on page {page}", str(action["/URI"])))
    return texts


def scrub(pdf: Any) -> list[Removal]:
    """Remove every place outside the pages that holds text; return what went."""
    removals: list[Removal] = []

    def removed(kind: str, count: int) -> None:
        if count:
            removals.append(Removal(kind, "document", count))

    if "/Info" in pdf.trailer:
        removed("document properties", len(pdf.trailer.Info.keys()))
        del pdf.trailer["/Info"]
    removed("XMP metadata", _remove_metadata_streams(pdf))
    root = pdf.Root
    for key, kind in (
        ("/Outlines", "bookmarks"),
        ("/PageLabels", "page labels"),
        ("/AcroForm", "form fields"),
        ("/StructTreeRoot", "tagged structure (with alt text)"),
        ("/OpenAction", "open action"),
        ("/AA", "document actions"),
        ("/PieceInfo", "application data"),
        ("/SpiderInfo", "web capture data"),
    ):
        if key in root:
            del root[key]
            removed(kind, 1)
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key, kind in (("/EmbeddedFiles", "attached files"), ("/JavaScript", "JavaScript")):
            if key in names:
                del names[key]
                removed(kind, 1)
    removed("layer names (replaced)", _neutral_layer_names(root))
    annotations = thumbnails = 0
    for page in pdf.pages:
        for key in ("/Thumb", "/PieceInfo", "/AA"):
            if key in page.obj:
                del page.obj[key]
                thumbnails += key == "/Thumb"
        kept = [a for a in page.obj.get("/Annots", []) if _internal_link(a)]
        annotations += len(page.obj.get("/Annots", [])) - len(kept)
        if "/Annots" in page.obj:
            if kept:
                page.obj.Annots = pikepdf.Array(kept)
            else:
                del page.obj["/Annots"]
    removed("comments, links out and form widgets", annotations)
    removed("page thumbnails", thumbnails)
    return removals


def _xmp_text(stream: Any) -> str:
    try:
        return str(stream.read_bytes().decode("utf-8", "replace"))
    except pikepdf.PdfError:
        return ""


def _outline_titles(pdf: Any) -> Iterator[str]:
    outlines = pdf.Root.get("/Outlines")
    if not isinstance(outlines, pikepdf.Dictionary):
        return
    stack: list[Any] = [outlines.get("/First")]
    seen: set[tuple[int, int]] = set()
    while stack and len(seen) < _MAX_NODES:
        item = stack.pop()
        if not isinstance(item, pikepdf.Dictionary) or item.objgen in seen:
            continue
        if item.objgen != (0, 0):
            seen.add(item.objgen)
        if isinstance(item.get("/Title"), pikepdf.String):
            yield str(item.Title)
        stack += [item.get("/Next"), item.get("/First")]


def _field_values(pdf: Any) -> Iterator[str]:
    form = pdf.Root.get("/AcroForm")
    if not isinstance(form, pikepdf.Dictionary):
        return
    stack: list[Any] = list(form.get("/Fields", []))
    seen: set[tuple[int, int]] = set()
    while stack and len(seen) < _MAX_NODES:
        item = stack.pop()
        if not isinstance(item, pikepdf.Dictionary) or item.objgen in seen:
            continue
        if item.objgen != (0, 0):
            seen.add(item.objgen)
        for key in ("/V", "/DV", "/TU"):
            if isinstance(item.get(key), pikepdf.String):
                yield str(item[key])
        for option in item.get("/Opt", []):
            values = option if isinstance(option, pikepdf.Array) else [option]
            yield from (str(v) for v in values if isinstance(v, pikepdf.String))
        stack += list(item.get("/Kids", []))


def _remove_metadata_streams(pdf: Any) -> int:
    count = 0
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream) and "/Metadata" in obj:
            del obj["/Metadata"]
            count += 1
    return count


def _neutral_layer_names(root: Any) -> int:
    properties = root.get("/OCProperties")
    if not isinstance(properties, pikepdf.Dictionary):
        return 0
    count = 0
    for number, group in enumerate(properties.get("/OCGs", []), start=1):
        if isinstance(group, pikepdf.Dictionary) and "/Name" in group:
            group.Name = pikepdf.String(f"Layer {number}")
            count += 1
    return count


def _internal_link(annotation: Any) -> bool:
    """A link to a place in the same document: nothing of anyone's in it."""
    if not isinstance(annotation, pikepdf.Dictionary):
        return False
    if annotation.get("/Subtype") != pikepdf.Name.Link:
        return False
    action = annotation.get("/A")
    if action is None:
        return "/Dest" in annotation
    return isinstance(action, pikepdf.Dictionary) and str(action.get("/S")) in _KEPT_LINK_ACTIONS
