"""A plain table of the dashboard (the stations, the access log) as CSV or XLSX, written the
way station/stats/export.py writes the figures: CSV in UTF-8 with a BOM, `;` and decimal
commas for a Vietnamese Excel; text a spreadsheet would run as a formula neutralised."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from station.stats.export import Cell, as_text_cell

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Sheet:
    title: str
    headings: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def sheet_bytes(sheet: Sheet, fmt: str) -> bytes:
    return csv_bytes(sheet) if fmt == "csv" else xlsx_bytes(sheet)


def csv_bytes(sheet: Sheet) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(_csv_row((sheet.title,)))
    writer.writerow(_csv_row(sheet.headings))
    writer.writerows(_csv_row(row) for row in sheet.rows)
    return out.getvalue().encode("utf-8-sig")


def _csv_row(row: tuple[Cell, ...]) -> list[Cell]:
    cells = [as_text_cell(cell) for cell in row]
    return [str(c).replace(".", ",") if isinstance(c, float) else c for c in cells]


def xlsx_bytes(sheet: Sheet) -> bytes:
    """One worksheet: headings in row 1 (bold, frozen), a row per table row."""
    from openpyxl import Workbook  # imported here: only exports need it
    from openpyxl.styles import Font

    book = Workbook()
    page = book.active
    page.title = _sheet_title(sheet.title)
    page.append([as_text_cell(cell) for cell in sheet.headings])
    for cell in page[1]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        page.append([as_text_cell(cell) for cell in row])
    for index in range(1, len(sheet.headings) + 1):
        page.column_dimensions[page.cell(row=1, column=index).column_letter].width = 22
    page.freeze_panes = "A2"
    book.properties.title = sheet.title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_title(text: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in text).strip()
    return (cleaned or "Sheet")[:31]
