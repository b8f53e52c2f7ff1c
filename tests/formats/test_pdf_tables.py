"""A table drawn in a PDF is read as a table: a gap as wide as a column break reads as a
tab, so a header cell says what its column holds, as in text and Word. SYNTHETIC names
and dates.
"""

from __future__ import annotations

import pikepdf
import pytest

from redactor.api import Redactor
from redactor.config import Config
from redactor.formats.pdf_independent import page_texts
from redactor.model import FileResult
from tests.fakes.pdf_builder import LEADING, SIZE, TOP, _add_page
from tests.fakes.pdf_fonts_builder import helvetica_font

COLUMNS = (72, 260, 380)  # x of each column: far wider apart than a word space
ROWS = [
    ("Pupil", "Date of birth", "Class"),
    ("Tansy Morwood", "03/02/2015", "4B"),
    ("Idris Pellow", "17/11/2014", "4B"),
]


def _table_pdf(path) -> None:
    pdf = pikepdf.new()
    font = helvetica_font(pdf)
    ops = [b"BT", b"/F1 %d Tf" % SIZE]
    for row_index, row in enumerate(ROWS):
        for x, cell in zip(COLUMNS, row, strict=True):
            y = TOP - row_index * LEADING
            ops += [b"1 0 0 1 %d %d Tm" % (x, y), font.operand(cell) + b" Tj"]
    ops.append(b"ET")
    _add_page(pdf, b"\n".join(ops), {"F1": font})
    pdf.save(path)


@pytest.fixture
def table_pdf(tmp_path):
    path = tmp_path / "class-list.pdf"
    _table_pdf(path)
    return path


def test_a_column_headed_date_of_birth_is_redacted_in_a_pdf(engine, table_pdf, tmp_path):
    redactor = Redactor(Config(), engine=engine)
    out = tmp_path / "out.pdf"
    result = redactor.redact_file(table_pdf, out)
    assert isinstance(result, FileResult), result
    for extractor, pages in page_texts(out).items():
        text = " ".join(pages)
        assert "03/02/2015" not in text and "17/11/2014" not in text, extractor
        assert "Date of birth" in text and "4B" in text, extractor
