"""The second verification reader for workbooks: every cell as openpyxl shows it.

The raw XML of every part is searched by ``ooxml_reread``; this adds what the raw XML
does not show as text: a number stored as a date reads "41582" in the XML but
"04/11/2013" on screen. openpyxl (a separate, well-kept reader that shares no code
with xlsx.py) turns each cell into its value, dates included, and each is written out
as the extractor writes dates, so a date of birth left in a cell would be found.
"""

from __future__ import annotations

import warnings
from datetime import date, datetime
from pathlib import Path

from redactor.errors import DamagedDocument


def cell_texts(path: Path) -> list[str]:
    """Every non-empty cell of every sheet of the workbook at ``path``, as text."""
    import openpyxl

    texts: list[str] = []
    with warnings.catch_warnings():
        # openpyxl warns about parts it does not model (extensions, VML); they are
        # searched in the raw XML.
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as problem:  # noqa: BLE001 - any failure to read is a refusal
            raise DamagedDocument(
                path,
                f"the written copy cannot be read back as a workbook ({type(problem).__name__})",
            ) from None
        try:
            for sheet in workbook.worksheets:
                texts.append(sheet.title)
                for row in sheet.iter_rows(values_only=True):
                    texts += [_as_text(value) for value in row if value not in (None, "")]
        finally:
            workbook.close()
    return texts


def _as_text(value: object) -> str:
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
