"""SYNTHETIC PDFs built by code, one per place a pupil's name can hide in a PDF.

Every document here is SYNTHETIC: the names are made up ("Olivia Smith") and no
file is a copy of a real one. ``build_pdf(path, kind, secret, filler)`` writes a
small A4 PDF in which ``secret`` appears in exactly the place ``kind`` names,
beside an ordinary sentence (``filler``) that a redaction must leave alone.

The kinds come in four groups:

- ``FONT_KINDS``: the page says "<secret> was late today." and the filler,
  drawn with one kind of font each (see ``tests.fakes.pdf_fonts_builder``);
- ``SHAPE_KINDS``: the same sentences drawn with the content-stream operators
  real producers use (kerned TJ arrays, ``'`` and ``"``, Tc/Tw/Tz/Tm, a Form
  XObject, two pages);
- ``PLACES``: the secret is only outside the page text (metadata, bookmarks,
  annotations, form fields, attachments...), the page shows only the filler;
  ``secret_for`` says which string to look for (the e-mail address for a link);
- ``SPECIAL_KINDS``: scanned, encrypted, broken and fake-redacted files.

``SECRET_COUNTS`` says how often each kind's page text holds the secret, and the
helpers at the end read a PDF back through independent routes (pypdf,
pdfminer.six, every string object and stream, a pdftoppm render).

Builds are repeatable byte for byte (fixed document ID, no dates), except the
encrypted kinds, whose AES-256 keys and salts are random by design.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pikepdf
import pypdf
from pdfminer.high_level import extract_text
from pikepdf import Array, Dictionary, Name, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from tests.fakes.pdf_fonts_builder import (
    Font,
    custom_encoding_font,
    file_spec,
    gray_image,
    helvetica_font,
    helvetica_form,
    identity_h_font,
    literal,
    tounicode_font,
    truetype_font,
    type3_font,
)

SECRET = "Olivia Smith"
FILLER = "The staff briefing is on Monday at 8.15am in the hall."
PASSWORD = "pw"
OWNER_PASSWORD = "owner-pw"
A4 = (595.28, 841.89)
SIZE = 12
LEADING = 20
LEFT, TOP = 72, 770

Builder = Callable[[pikepdf.Pdf, str, str], None]


def sentence(secret: str) -> str:
    """The line that names the pupil."""
    return f"{secret} was late today."


def secret_for(kind: str, secret: str = SECRET) -> str:
    """The string a test should look for: the name, or for ``link_mailto`` its e-mail address."""
    if kind == "link_mailto":
        return ".".join(secret.lower().split()) + "@example.com"
    return secret


# --- page plumbing --------------------------------------------------------------------------


def _add_page(
    pdf: pikepdf.Pdf, content: bytes, fonts: dict[str, Font] | None = None, **resources: object
) -> pikepdf.Page:
    """Append an A4 page drawing ``content`` with the given fonts and other resources."""
    res = Dictionary(**resources)
    if fonts:
        res.Font = Dictionary({"/" + key: font.obj for key, font in fonts.items()})
    pdf.pages.append(
        pikepdf.Page(
            Dictionary(
                Type=Name.Page,
                MediaBox=Array([0, 0, *A4]),
                Resources=res,
                Contents=pikepdf.Stream(pdf, content),
            )
        )
    )
    return pdf.pages[-1]


def _lines(font: Font, lines: list[str], top: int = TOP, key: str = "F1") -> bytes:
    """One text object: each line shown with Tj, moved down with Td (the commonest shape)."""
    ops = [b"BT", b"/%s %d Tf" % (key.encode(), SIZE), b"%d %d Td" % (LEFT, top)]
    for index, line in enumerate(lines):
        if index:
            ops.append(b"0 -%d Td" % LEADING)
        ops.append(font.operand(line) + b" Tj")
    return b"\n".join([*ops, b"ET", b""])


def _text_page(pdf: pikepdf.Pdf, lines: list[str], font: Font | None = None) -> pikepdf.Page:
    font = font or helvetica_font(pdf)
    return _add_page(pdf, _lines(font, lines), {"F1": font})


# --- FONT_KINDS: the same two sentences through six kinds of font ---------------------------


def _font_page(make_font: Callable[[pikepdf.Pdf, list[str]], Font]) -> Builder:
    def build(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
        lines = [sentence(secret), filler]
        _text_page(pdf, lines, make_font(pdf, lines))

    return build


type1_standard = _font_page(lambda pdf, lines: helvetica_font(pdf))
simple_custom_encoding = _font_page(custom_encoding_font)
simple_tounicode = _font_page(tounicode_font)
truetype = _font_page(lambda pdf, lines: truetype_font(pdf))
type0_identity_h = _font_page(identity_h_font)
type3 = _font_page(type3_font)


# --- SHAPE_KINDS: content-stream shapes -----------------------------------------------------


def _tj_array(font: Font, text: str, *, gap_for_space: int | None = None) -> bytes:
    """A TJ array that splits ``text`` every three characters with small kerning numbers.

    With ``gap_for_space``, spaces are not drawn at all: the words are pushed
    apart by that kerning number instead, which is how some producers write them.
    """
    parts: list[bytes] = []
    words = text.split(" ") if gap_for_space else [text]
    for word_index, word in enumerate(words):
        if word_index:
            parts.append(b"%d" % gap_for_space)
        chunks = [word[i : i + 3] for i in range(0, len(word), 3)]
        for index, chunk in enumerate(chunks):
            if index:
                parts.append(b"-20" if index % 2 else b"15")
            parts.append(font.operand(chunk))
    return b"[" + b" ".join(parts) + b"] TJ"


def kerned_tj(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """The secret cut across TJ elements with kerning between them: [(Oli) -20 (via) 15 ...]."""
    font = helvetica_font(pdf)
    content = b"BT /F1 %d Tf %d %d Td\n%s\n0 -%d Td\n%s\nET\n" % (
        SIZE,
        LEFT,
        TOP,
        _tj_array(font, sentence(secret)),
        LEADING,
        _tj_array(font, filler),
    )
    _add_page(pdf, content, {"F1": font})


def tj_gap_space(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """Word spaces left out and replaced by a -250 kerning gap, as some producers do."""
    font = helvetica_font(pdf)
    content = b"BT /F1 %d Tf %d %d Td\n%s\n0 -%d Td\n%s\nET\n" % (
        SIZE,
        LEFT,
        TOP,
        _tj_array(font, sentence(secret), gap_for_space=-250),
        LEADING,
        font.operand(filler) + b" Tj",
    )
    _add_page(pdf, content, {"F1": font})


def operators_mix(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """The secret shown with ', ", Tc, Tw, Tz, a scaling Tm and split across two Tj (5 times)."""
    font = helvetica_font(pdf)
    cut = max(1, len(secret) // 3)  # inside the first word: "Oliv" + "ia Smith"

    def op(text: str) -> bytes:
        return font.operand(text)

    content = b"\n".join(
        [
            b"BT",
            b"/F1 %d Tf %d TL %d %d Td" % (SIZE, LEADING, LEFT, TOP),
            op(filler) + b" Tj",
            # ' moves to the next line; the name sits in the middle of the line.
            op(f"Note from the office: {secret} was late today, then left early.") + b" '",
            # " sets word spacing (3) and character spacing (0.5), then acts as '.
            # (pdfminer.six 20260107 forgets the move to the next line, so it reads
            # this line as the end of the previous one, with doubled spaces.)
            b"3 0.5 " + op(sentence(secret)) + b' "',
            b"0 Tc 0 Tw",
            # Horizontal scaling squeezes the glyphs to 80 % of their width.
            b"80 Tz " + op(sentence(secret)) + b" ' 100 Tz",
            # The name split across two Tj operators on the same line.
            b"T* " + op("Register: " + secret[:cut]) + b" Tj " + op(secret[cut:]) + b" Tj",
            b"ET",
            # A new text object placed by a text matrix that scales by 1.5.
            b"BT /F1 %d Tf 1.5 0 0 1.5 %d %d Tm " % (SIZE, LEFT, TOP - 6 * LEADING)
            + op(sentence(secret))
            + b" Tj ET",
            b"",
        ]
    )
    _add_page(pdf, content, {"F1": font})


def form_xobject(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """The secret drawn by a Form XObject (with its own font resources) through Do."""
    font = helvetica_font(pdf)
    form = pikepdf.Stream(
        pdf,
        _lines(font, [sentence(secret)], top=0),
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, -10, 500, 20]),
        Matrix=Array([1, 0, 0, 1, 0, TOP - LEADING]),
        Resources=Dictionary(Font=Dictionary(F1=font.obj)),
    )
    content = _lines(font, [filler]) + b"q /Fm1 Do Q\n"
    _add_page(pdf, content, {"F1": font}, XObject=Dictionary(Fm1=form))


def two_pages(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """The secret once on each of two pages."""
    font = helvetica_font(pdf)
    _text_page(pdf, [sentence(secret), filler], font)
    _text_page(pdf, [filler, sentence(secret)], font)


# --- PLACES: the secret only outside the page text ------------------------------------------


def _filler_page(pdf: pikepdf.Pdf, filler: str) -> pikepdf.Page:
    return _text_page(pdf, [filler])


def _info(key: str) -> Builder:
    def build(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
        _filler_page(pdf, filler)
        pdf.docinfo[Name("/" + key)] = String(secret)

    return build


info_author = _info("Author")
info_title = _info("Title")
info_subject = _info("Subject")
info_keywords = _info("Keywords")


def xmp_metadata(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """An XMP packet, written by hand so it is the same every time, naming dc:creator."""
    _filler_page(pdf, filler)
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:creator><rdf:Seq><rdf:li>{escape(secret)}</rdf:li></rdf:Seq></dc:creator>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    # qpdf leaves /Metadata streams uncompressed on save, as XMP usually is.
    pdf.Root.Metadata = pdf.make_stream(packet.encode(), Type=Name.Metadata, Subtype=Name.XML)


def outline_title(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """A bookmark titled with the secret, pointing at page 1."""
    _filler_page(pdf, filler)
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem(f"Notes on {secret}", 0))


def _annotate(pdf: pikepdf.Pdf, page: pikepdf.Page, **entries: object) -> pikepdf.Object:
    annot = pdf.make_indirect(Dictionary(Type=Name.Annot, F=4, P=page.obj, **entries))
    page.Annots = Array([annot])
    return annot


def annotation_text(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """A sticky note whose text and author (/T) both name the secret."""
    page = _filler_page(pdf, filler)
    _annotate(
        pdf,
        page,
        Subtype=Name.Text,
        Rect=Array([500, 760, 520, 780]),
        Contents=String(sentence(secret)),
        T=String(secret),
        Name=Name.Comment,
    )


def annotation_freetext(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """A text box annotation, with the appearance stream viewers actually draw."""
    page = _filler_page(pdf, filler)
    appearance = helvetica_form(
        pdf,
        [0, 0, 300, 20],
        b"BT /Helv 10 Tf 2 6 Td " + literal(sentence(secret).encode("cp1252")) + b" Tj ET\n",
    )
    _annotate(
        pdf,
        page,
        Subtype=Name.FreeText,
        Rect=Array([72, 600, 372, 620]),
        Contents=String(sentence(secret)),
        DA=String("/Helv 10 Tf 0 g"),
        AP=Dictionary(N=appearance),
    )


def annotation_highlight(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """A highlight over the filler line, its comment naming the secret."""
    page = _filler_page(pdf, filler)
    right = LEFT + stringWidth(filler, "Helvetica", SIZE)
    _annotate(
        pdf,
        page,
        Subtype=Name.Highlight,
        Rect=Array([LEFT, TOP - 3, right, TOP + SIZE]),
        QuadPoints=Array([LEFT, TOP + SIZE, right, TOP + SIZE, LEFT, TOP - 3, right, TOP - 3]),
        C=Array([1, 1, 0]),
        Contents=String(sentence(secret)),
    )


def link_mailto(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """A link over the filler line that mails the pupil (the secret is the address)."""
    page = _filler_page(pdf, filler)
    _annotate(
        pdf,
        page,
        Subtype=Name.Link,
        Rect=Array([LEFT, TOP - 3, 300, TOP + SIZE]),
        Border=Array([0, 0, 0]),
        A=Dictionary(S=Name.URI, URI=String("mailto:" + secret_for("link_mailto", secret))),
    )


def _field(pdf: pikepdf.Pdf, page: pikepdf.Page, shown: str, **entries: object) -> None:
    """A form field merged with its widget, its /AP showing ``shown``, listed in /AcroForm."""
    appearance = helvetica_form(
        pdf,
        [0, 0, 200, 24],
        b"/Tx BMC q BT /Helv 11 Tf 0 g 2 7 Td "
        + literal(shown.encode("cp1252"))
        + b" Tj ET Q EMC\n",
    )
    field = _annotate(
        pdf,
        page,
        Subtype=Name.Widget,
        Rect=Array([LEFT, 600, LEFT + 200, 624]),
        DA=String("/Helv 11 Tf 0 g"),
        AP=Dictionary(N=appearance),
        **entries,
    )
    pdf.Root.AcroForm = Dictionary(
        Fields=Array([field]),
        DA=String("/Helv 11 Tf 0 g"),
        DR=Dictionary(Font=Dictionary(Helv=helvetica_font(pdf).obj)),
    )


def form_field_value(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """A filled-in text field: the secret in /V and drawn by the appearance stream."""
    page = _filler_page(pdf, filler)
    _field(pdf, page, secret, FT=Name.Tx, T=String("pupil_name"), V=String(secret))


def form_choice_options(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """A combo box whose option list holds the secret; the chosen value does not."""
    page = _filler_page(pdf, filler)
    _field(
        pdf,
        page,
        "Not recorded",
        FT=Name.Ch,
        Ff=1 << 17,  # combo box
        T=String("pupil"),
        Opt=Array([String("Not recorded"), String(secret)]),
        V=String("Not recorded"),
    )


def _attached_note(secret: str, filler: str) -> bytes:
    return f"SYNTHETIC attachment.\n{sentence(secret)}\n{filler}\n".encode()


def embedded_file(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """A document-level attachment (/Names /EmbeddedFiles) whose text names the secret."""
    _filler_page(pdf, filler)
    spec = file_spec(pdf, "notes.txt", _attached_note(secret, filler))
    pdf.Root.Names = Dictionary(EmbeddedFiles=Dictionary(Names=Array([String("notes.txt"), spec])))


def file_attachment_annotation(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """A paper-clip annotation carrying a file whose text names the secret."""
    page = _filler_page(pdf, filler)
    _annotate(
        pdf,
        page,
        Subtype=Name.FileAttachment,
        Rect=Array([500, 760, 515, 780]),
        FS=file_spec(pdf, "notes.txt", _attached_note(secret, filler)),
        Contents=String("Attached note"),
        Name=Name.PushPin,
    )


def page_label(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """Page labels whose prefix is the secret, so viewers show page 1 as "Olivia Smith 1"."""
    _filler_page(pdf, filler)
    pdf.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name.D, P=String(secret + " "))]))


def optional_content_hidden(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """Page text naming the secret inside an optional-content group that is OFF by default."""
    font = helvetica_font(pdf)
    group = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String(f"Notes on {secret}")))
    pdf.Root.OCProperties = Dictionary(
        OCGs=Array([group]),
        D=Dictionary(BaseState=Name.ON, OFF=Array([group]), Order=Array([group])),
    )
    hidden = _lines(font, [sentence(secret)], top=TOP - LEADING)
    content = _lines(font, [filler]) + b"/OC /MC0 BDC\n" + hidden + b"EMC\n"
    _add_page(pdf, content, {"F1": font}, Properties=Dictionary(MC0=group))


def javascript(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """A document-level script (/Names /JavaScript) that names the secret."""
    _filler_page(pdf, filler)
    script = f"app.alert('{sentence(secret)}');\n".encode()
    action = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=pikepdf.Stream(pdf, script)))
    pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("note"), action])))


def structure_alt_text(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """A tagged figure (a grey box) whose /Alt text names the secret."""
    font = helvetica_font(pdf)
    figure_content = b"/Figure <</MCID 0>> BDC\nq 0.8 g 72 500 200 150 re f Q\nEMC\n"
    page = _add_page(pdf, _lines(font, [filler]) + figure_content, {"F1": font})
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    figure = pdf.make_indirect(
        Dictionary(
            Type=Name.StructElem,
            S=Name.Figure,
            P=root,
            Pg=page.obj,
            Alt=String(f"Photograph of {secret} on sports day"),
            K=0,
        )
    )
    root.K = Array([figure])
    root.ParentTree = Dictionary(Nums=Array([0, Array([figure])]))
    root.ParentTreeNextKey = 1
    page.StructParents = 0
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)


def thumbnail(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """A page with a /Thumb image (which shows nothing); here the secret is in the page text."""
    page = _text_page(pdf, [sentence(secret), filler])
    page.Thumb = gray_image(pdf, 8, 11, lambda x, y: 255 if y % 3 else 96)


# --- SPECIAL_KINDS -------------------------------------------------------------------------


def _scan_pixel(x: int, y: int) -> int:
    """A page "scan": dark dashes where lines of text would be, white elsewhere."""
    on_line = 40 <= y < 360 and y % 20 < 6 and 36 <= x < 262
    return 40 if on_line and (x // 25) % 5 != 4 else 250


def _scan_page(pdf: pikepdf.Pdf) -> None:
    image = gray_image(pdf, 298, 421, _scan_pixel)
    content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q\n" % A4
    _add_page(pdf, content, XObject=Dictionary(Im0=image))


def scanned_page(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """One page that is only an image: no text layer at all."""
    _scan_page(pdf)


def mixed_scanned(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """Page 1 has text (the secret and filler), page 2 is only an image."""
    _text_page(pdf, [sentence(secret), filler])
    _scan_page(pdf)


def box_over_text(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """The classic fake redaction: a black box drawn over text that is still there."""
    font = helvetica_font(pdf)
    width = stringWidth(secret, "Helvetica", SIZE)
    box = b"q 0 g %d %d %.2f %d re f Q\n" % (LEFT - 1, TOP - 4, width + 2, SIZE + 4)
    _add_page(pdf, _lines(font, [sentence(secret), filler]) + box, {"F1": font})


def image_under_text(pdf: pikepdf.Pdf, secret: str, filler: str) -> None:
    """The secret drawn as text on top of an image that covers the whole line."""
    font = helvetica_font(pdf)
    image = gray_image(pdf, 64, 4, lambda x, y: 200 + (x + y) % 40)
    under = b"q 460 0 0 %d %d %d cm /Im0 Do Q\n" % (SIZE + 8, LEFT - 4, TOP - 6)
    content = under + _lines(font, [sentence(secret), filler])
    _add_page(pdf, content, {"F1": font}, XObject=Dictionary(Im0=image))


# --- the table of kinds, and building --------------------------------------------------------

FONT_BUILDERS: dict[str, Builder] = {
    "type1_standard": type1_standard,
    "simple_custom_encoding": simple_custom_encoding,
    "simple_tounicode": simple_tounicode,
    "truetype": truetype,
    "type0_identity_h": type0_identity_h,
    "type3": type3,
}
SHAPE_BUILDERS: dict[str, Builder] = {
    "kerned_tj": kerned_tj,
    "tj_gap_space": tj_gap_space,
    "operators_mix": operators_mix,
    "form_xobject": form_xobject,
    "two_pages": two_pages,
}
PLACE_BUILDERS: dict[str, Builder] = {
    "info_author": info_author,
    "info_title": info_title,
    "info_subject": info_subject,
    "info_keywords": info_keywords,
    "xmp_metadata": xmp_metadata,
    "outline_title": outline_title,
    "annotation_text": annotation_text,
    "annotation_freetext": annotation_freetext,
    "annotation_highlight": annotation_highlight,
    "link_mailto": link_mailto,
    "form_field_value": form_field_value,
    "form_choice_options": form_choice_options,
    "embedded_file": embedded_file,
    "file_attachment_annotation": file_attachment_annotation,
    "page_label": page_label,
    "optional_content_hidden": optional_content_hidden,
    "javascript": javascript,
    "structure_alt_text": structure_alt_text,
    "thumbnail": thumbnail,
}
SPECIAL_BUILDERS: dict[str, Builder] = {
    "scanned_page": scanned_page,
    "mixed_scanned": mixed_scanned,
    "box_over_text": box_over_text,
    "image_under_text": image_under_text,
}
# Kinds that are not simply "build, then save": they change how the bytes are written.
FILE_KINDS = ("encrypted", "encrypted_owner_only", "truncated", "not_a_pdf")

FONT_KINDS = tuple(FONT_BUILDERS)
SHAPE_KINDS = tuple(SHAPE_BUILDERS)
PLACES = tuple(PLACE_BUILDERS)
SPECIAL_KINDS = (*SPECIAL_BUILDERS, *FILE_KINDS)
ALL_KINDS = (*FONT_KINDS, *SHAPE_KINDS, *PLACES, *SPECIAL_KINDS)
ENCRYPTED_KINDS = ("encrypted", "encrypted_owner_only")
BROKEN_KINDS = ("truncated", "not_a_pdf")

# How many times each kind's extracted page text shows the secret (kinds not
# listed: once). Places put it outside the page text, except the thumbnail page
# and the hidden optional content, which pypdf and pdfminer both extract although
# no viewer shows it.
SECRET_COUNTS: dict[str, int] = {
    "operators_mix": 5,
    "two_pages": 2,
    **{place: 0 for place in PLACES if place not in ("thumbnail", "optional_content_hidden")},
    "scanned_page": 0,
    "not_a_pdf": 0,
    "truncated": 0,
}


def _to_bytes(
    builder: Builder, secret: str, filler: str, encryption: pikepdf.Encryption | None = None
) -> bytes:
    out = io.BytesIO()
    with pikepdf.new() as pdf:
        builder(pdf, secret, filler)
        pdf.save(
            out,
            # A document ID derived from the content (or a fixed one, which is all
            # qpdf allows with encryption) so that builds repeat byte for byte.
            deterministic_id=encryption is None,
            static_id=encryption is not None,
            # Otherwise pikepdf reparses and rewrites the hand-written XMP packet.
            fix_metadata_version=False,
            encryption=encryption or False,
        )
    return out.getvalue()


def _file_kind_bytes(kind: str, secret: str, filler: str) -> bytes:
    if kind == "encrypted":
        return _to_bytes(
            type1_standard,
            secret,
            filler,
            pikepdf.Encryption(user=PASSWORD, owner=OWNER_PASSWORD, R=6, aes=True),
        )
    if kind == "encrypted_owner_only":
        # Opens without a password, but "permissions" forbid copying and changing.
        no_rights = pikepdf.Permissions(extract=False, modify_other=False, modify_annotation=False)
        return _to_bytes(
            type1_standard,
            secret,
            filler,
            pikepdf.Encryption(user="", owner=OWNER_PASSWORD, R=6, aes=True, allow=no_rights),
        )
    if kind == "truncated":
        whole = _to_bytes(type1_standard, secret, filler)
        return whole[: len(whole) // 2]
    if kind == "not_a_pdf":
        return f"SYNTHETIC plain text saved with a .pdf name.\n{sentence(secret)}\n".encode()
    raise ValueError(f"unknown PDF kind {kind!r}")


def build_pdf(path: str | Path, kind: str, secret: str = SECRET, filler: str = FILLER) -> Path:
    """Write the SYNTHETIC PDF of ``kind`` to ``path`` and return the path."""
    path = Path(path)
    builders = FONT_BUILDERS | SHAPE_BUILDERS | PLACE_BUILDERS | SPECIAL_BUILDERS
    if kind in builders:
        path.write_bytes(_to_bytes(builders[kind], secret, filler))
    else:
        path.write_bytes(_file_kind_bytes(kind, secret, filler))
    return path


# --- independent read-back helpers -----------------------------------------------------------


def all_text_pypdf(path: str | Path, password: str | None = None) -> str:
    """The page text as pypdf extracts it, pages joined by newlines."""
    reader = pypdf.PdfReader(path, password=password)
    return "\n".join(page.extract_text() for page in reader.pages)


def all_text_pdfminer(path: str | Path, password: str = "") -> str:
    """The page text as pdfminer.six extracts it."""
    return extract_text(path, password=password)


def _lenient(data: bytes) -> str:
    if data.startswith((b"\xfe\xff", b"\xff\xfe")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def every_string(path: str | Path, password: str = "") -> str:
    """Every string object and every decoded non-image stream in the file, one per line.

    The crude, independent "is it anywhere at all?" check: it knows nothing about
    where text belongs, so a name left in any corner of the file shows up here.
    Crude indeed: content streams come out as raw operators, so page text split
    across TJ elements, escaped ("\\353") or written in font codes is not found.
    """
    found: list[str] = []

    def walk(obj: pikepdf.Object) -> None:
        if isinstance(obj, pikepdf.String):
            found.append(str(obj))
            return
        if isinstance(obj, pikepdf.Array):
            children = list(obj)
        elif isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            children = [value for _, value in obj.items()]
        else:
            return  # numbers, names, booleans, null: no text
        for child in children:
            # Indirect objects are visited once each, from pdf.objects.
            if isinstance(child, pikepdf.Object) and not child.is_indirect:
                walk(child)
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") != Name.Image:
            try:
                found.append(_lenient(obj.read_bytes()))
            except pikepdf.PdfError:  # a filter pikepdf cannot undo: the raw bytes
                found.append(_lenient(obj.read_raw_bytes()))

    with pikepdf.open(path, password=password) as pdf:
        walk(pdf.trailer)
        for obj in pdf.objects:
            walk(obj)
    return "\n".join(found)


def render_png(path: str | Path, page: int = 1, dpi: int = 72, password: str = "") -> bytes | None:
    """Page ``page`` (counting from 1) rendered by poppler's pdftoppm, or None without it."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "page"
        args = [exe, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile"]
        if password:
            args += ["-upw", password]
        subprocess.run([*args, str(path), str(out)], check=True, capture_output=True, timeout=60)
        return out.with_suffix(".png").read_bytes()
