"""The SYNTHETIC PDF builder makes what it promises, read back by independent routes."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pypdf
import pytest
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from PIL import Image, ImageChops

from tests.fakes.pdf_builder import (
    A4,
    ALL_KINDS,
    BROKEN_KINDS,
    ENCRYPTED_KINDS,
    FILLER,
    FONT_KINDS,
    PASSWORD,
    PLACES,
    SECRET,
    SECRET_COUNTS,
    SHAPE_KINDS,
    SPECIAL_KINDS,
    all_text_pdfminer,
    all_text_pypdf,
    build_pdf,
    every_string,
    render_png,
    secret_for,
)

READABLE = tuple(kind for kind in ALL_KINDS if kind not in BROKEN_KINDS)
EXTRACTORS = {"pypdf": all_text_pypdf, "pdfminer": all_text_pdfminer}
# A second pair with characters that need care: an accent outside ASCII, and
# parentheses that must be escaped in PDF literal strings.
OTHER_SECRET = "Zoë Brown"
OTHER_FILLER = "Lunch (for Year 7) is at 12:30 in the main hall."


def password_for(kind: str) -> str:
    return PASSWORD if kind == "encrypted" else ""


def squash(text: str) -> str:
    """Whitespace runs as single spaces: extractors disagree about line breaks and gaps."""
    return " ".join(text.split())


def page_text(kind: str, extractor: str, path: Path) -> str:
    password = password_for(kind)
    if extractor == "pypdf":
        return squash(all_text_pypdf(path, password=password or None))
    return squash(all_text_pdfminer(path, password=password))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every kind, built once for the whole module."""
    folder = tmp_path_factory.mktemp("pdfs")
    return {kind: build_pdf(folder / f"{kind}.pdf", kind) for kind in ALL_KINDS}


@pytest.fixture(scope="module")
def built_other(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every readable kind with the other secret and filler."""
    folder = tmp_path_factory.mktemp("other")
    return {
        kind: build_pdf(folder / f"{kind}.pdf", kind, OTHER_SECRET, OTHER_FILLER)
        for kind in READABLE
    }


def test_the_kind_tables_do_not_overlap():
    groups = (FONT_KINDS, SHAPE_KINDS, PLACES, SPECIAL_KINDS)
    assert sum(len(group) for group in groups) == len(set(ALL_KINDS)) == len(ALL_KINDS)
    assert set(SECRET_COUNTS) <= set(ALL_KINDS)


def test_an_unknown_kind_is_an_error(tmp_path: Path):
    with pytest.raises(ValueError, match="unknown PDF kind"):
        build_pdf(tmp_path / "x.pdf", "no_such_kind")


@pytest.mark.parametrize("kind", READABLE)
def test_every_kind_opens_with_pikepdf_and_pypdf(built: dict[str, Path], kind: str):
    password = password_for(kind)
    with pikepdf.open(built[kind], password=password) as pdf:
        assert pdf.get_warnings() == []
        pages = len(pdf.pages)
        assert 1 <= pages <= 2
        for page in pdf.pages:
            assert [float(v) for v in page.MediaBox] == [0, 0, *A4]
    assert len(pypdf.PdfReader(built[kind], password=password or None).pages) == pages


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize("kind", READABLE)
def test_both_extractors_find_the_secret_where_expected(
    built: dict[str, Path], kind: str, extractor: str
):
    text = page_text(kind, extractor, built[kind])
    assert text.count(SECRET) == SECRET_COUNTS.get(kind, 1)
    if kind != "scanned_page":
        assert FILLER in text


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize("kind", (*FONT_KINDS, *SHAPE_KINDS))
def test_secret_and_filler_are_parameters(built_other: dict[str, Path], kind: str, extractor: str):
    text = page_text(kind, extractor, built_other[kind])
    assert text.count(OTHER_SECRET) == SECRET_COUNTS.get(kind, 1)
    assert OTHER_FILLER in text
    assert SECRET not in text


@pytest.mark.parametrize("kind", PLACES)
def test_places_hold_the_secret_outside_the_page_text(
    built: dict[str, Path], built_other: dict[str, Path], kind: str
):
    assert secret_for(kind) in every_string(built[kind])
    if kind != "thumbnail":  # there it is only in the content stream, "ë" as an octal escape
        assert secret_for(kind, OTHER_SECRET) in every_string(built_other[kind])
    if SECRET_COUNTS.get(kind, 1) == 0:
        # Not drawn on the page, so the page's content stream does not hold it either.
        with pikepdf.open(built[kind]) as pdf:
            content = pdf.pages[0].Contents.read_bytes()
        assert secret_for(kind).encode() not in content


def test_the_mailto_link_holds_the_address_not_the_name(built: dict[str, Path]):
    strings = every_string(built["link_mailto"])
    assert "mailto:olivia.smith@example.com" in strings
    assert SECRET not in strings


def test_every_string_reads_compressed_streams(built: dict[str, Path]):
    # The script and the attachment are Flate-compressed in the file.
    raw = built["javascript"].read_bytes() + built["embedded_file"].read_bytes()
    assert SECRET.encode() not in raw
    assert SECRET in every_string(built["javascript"])
    assert SECRET in every_string(built["embedded_file"])


def test_the_encrypted_file_needs_its_password(built: dict[str, Path]):
    path = built["encrypted"]
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(path)
    with pytest.raises(pypdf.errors.FileNotDecryptedError):
        all_text_pypdf(path)
    with pytest.raises(PDFPasswordIncorrect):
        all_text_pdfminer(path)
    with pytest.raises(pikepdf.PasswordError):
        every_string(path)
    assert SECRET in every_string(path, password=PASSWORD)


def test_the_owner_only_file_opens_without_a_password_but_is_encrypted(built: dict[str, Path]):
    with pikepdf.open(built["encrypted_owner_only"]) as pdf:
        assert pdf.is_encrypted
        assert pdf.encryption.bits == 256
        assert not pdf.allow.extract
    assert SECRET in every_string(built["encrypted_owner_only"])


def test_the_truncated_file_is_refused_by_the_extractors_and_damaged_for_pikepdf(
    built: dict[str, Path],
):
    path = built["truncated"]
    with pytest.raises(pypdf.errors.PdfReadError):
        all_text_pypdf(path)
    with pytest.raises(PSException):
        all_text_pdfminer(path)
    # qpdf reconstructs what it can instead of refusing: the page survives without
    # its content stream, and only the warnings say the file was damaged.
    with pikepdf.open(path) as pdf:
        assert any("damaged" in warning for warning in pdf.get_warnings())


def test_not_a_pdf_is_refused_by_every_library(built: dict[str, Path]):
    path = built["not_a_pdf"]
    with pytest.raises(pikepdf.PdfError):
        pikepdf.open(path)
    with pytest.raises(pypdf.errors.PdfReadError):
        all_text_pypdf(path)
    with pytest.raises(PSException):
        all_text_pdfminer(path)


@pytest.mark.parametrize("kind", ("scanned_page", "mixed_scanned"))
def test_scanned_pages_are_images_without_text(built: dict[str, Path], kind: str):
    reader = pypdf.PdfReader(built[kind])
    scanned = reader.pages[-1]
    assert scanned.extract_text().strip() == ""
    assert len(scanned.images) == 1


@pytest.mark.parametrize("kind", [k for k in ALL_KINDS if k not in ENCRYPTED_KINDS])
def test_builds_are_repeatable_byte_for_byte(tmp_path: Path, kind: str):
    first = build_pdf(tmp_path / "first.pdf", kind).read_bytes()
    second = build_pdf(tmp_path / "second.pdf", kind).read_bytes()
    assert first == second


@pytest.mark.parametrize("kind", ENCRYPTED_KINDS)
def test_encrypted_builds_repeat_under_the_encryption(tmp_path: Path, kind: str):
    # AES-256 salts and keys are random, so only the decrypted content can repeat.
    contents = []
    for name in ("first.pdf", "second.pdf"):
        with pikepdf.open(build_pdf(tmp_path / name, kind), password=password_for(kind)) as pdf:
            contents.append(pdf.pages[0].Contents.read_bytes())
    assert contents[0] == contents[1]


# --- rendering (poppler's pdftoppm, when installed) -----------------------------------------


def rendered(path: Path, dpi: int = 50) -> Image.Image:
    png = render_png(path, 1, dpi)
    if png is None:
        pytest.skip("pdftoppm is not installed")
    return Image.open(io.BytesIO(png)).convert("L")


@pytest.mark.parametrize("kind", ("type0_identity_h", "simple_tounicode"))
def test_recoded_vera_fonts_draw_the_same_pixels_as_plain_truetype(
    built: dict[str, Path], kind: str
):
    # Same glyphs, same widths, same places: any wrong glyph id or cmap would show.
    plain = rendered(built["truetype"])
    assert ImageChops.difference(plain, rendered(built[kind])).getbbox() is None
    assert ImageChops.invert(plain).getbbox() is not None  # and it is not a blank page


def test_type3_glyphs_are_drawn(built: dict[str, Path]):
    assert ImageChops.invert(rendered(built["type3"])).getbbox() is not None


def test_the_hidden_optional_content_is_not_drawn(built: dict[str, Path]):
    # The page looks exactly like a page with only the filler on it.
    only_filler = rendered(built["info_author"])
    hidden = rendered(built["optional_content_hidden"])
    assert ImageChops.difference(only_filler, hidden).getbbox() is None


def test_the_box_hides_the_name_from_view_only(built: dict[str, Path]):
    boxed = rendered(built["box_over_text"], dpi=72)
    plain = rendered(built["type1_standard"], dpi=72)
    # Where the name is drawn, the boxed page is all black; further along the line
    # ("was late today.") it matches the plain page.
    # (At 72 dpi one pixel is one point; rows count down from the top of the page.)
    name_area = boxed.crop((74, 842 - 780, 130, 842 - 768))
    assert name_area.getextrema() == (0, 0)
    rest = (150, 842 - 782, 230, 842 - 766)
    assert ImageChops.difference(boxed.crop(rest), plain.crop(rest)).getbbox() is None
