"""A catalog written in the spreadsheet layout: an XLSX workbook, or one CSV file (UTF-8 with
the byte order mark Excel looks for) per table. Alternatives get group ids A1, A2… per
procedure, in their order."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from hub.catalog_sheet_cells import default
from hub.catalog_sheet_layout import (
    ALTERNATIVES,
    CASES,
    COMPONENTS,
    DOCUMENTS,
    LIST_SEPARATOR,
    NO,
    PROCEDURES,
    TABLES,
    YES,
    Column,
    Table,
    Value,
)
from station.catalog import procedure_to_dict
from station.model import Procedure

Rows = dict[str, list[dict[str, Any]]]  # table name -> rows as column name -> JSON value
_BOLD = Font(bold=True)
_WRAPPED = Alignment(wrap_text=True, vertical="top")
_WIDE = {"name", "name_en", "note", "notes", "reason", "title", "basis", "agency", "field"}


def catalog_rows(procedures: Iterable[Procedure]) -> Rows:
    rows: Rows = {t.name: [] for t in TABLES}
    for procedure in sorted(procedures, key=lambda p: p.code):
        data = procedure_to_dict(procedure)
        code = data["code"]
        provenance = {k: v for k, v in data["provenance"].items() if k != "documents"}
        rows[PROCEDURES.name].append({**data, **provenance})
        groups = {f"A{n}": a for n, a in enumerate(data["alternatives"], start=1)}
        for component in data["components"]:
            ids = [g for g, a in groups.items() if component["code"] in a["any_of"]]
            rows[COMPONENTS.name].append({**component, "procedure": code, "alternative": ids})
        for case in data["cases"]:
            rows[CASES.name].append({**case, "procedure": code})
        components = {component["code"] for component in data["components"]}
        for group, alternative in groups.items():
            notes = [m for m in alternative["any_of"] if m not in components]  # flag cases
            row = {**alternative, "procedure": code, "alternative": group, "or_cases": notes}
            rows[ALTERNATIVES.name].append(row)
        for document in data["provenance"]["documents"]:
            rows[DOCUMENTS.name].append({**document, "procedure": code})
    return rows


def write_xlsx(procedures: Iterable[Procedure], path: Path) -> None:
    rows = catalog_rows(procedures)
    workbook = openpyxl.Workbook(write_only=True)  # streams rows: a province's list is large
    for table in TABLES:
        sheet = workbook.create_sheet(table.name)
        for index, column in enumerate(table.columns, start=1):
            width = 48 if column.name in _WIDE else 14
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        header = [WriteOnlyCell(sheet, c.name) for c in table.columns]
        for cell in header:
            cell.font = _BOLD
        sheet.append(header)
        for row in rows[table.name]:
            sheet.append([_cell(sheet, column, row) for column in table.columns])
    _replace(path, workbook.save)


def write_csv(procedures: Iterable[Procedure], folder: Path) -> list[Path]:
    """`<table>.csv` for each table, in `folder`."""
    rows = catalog_rows(procedures)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        path = folder / f"{table.name}.csv"

        def save(target: Path, table: Table = table) -> None:
            with target.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow([c.name for c in table.columns])
                for row in rows[table.name]:
                    writer.writerow([_text(c, _value(c, row)) for c in table.columns])

        _replace(path, save)
        written.append(path)
    return written


def _value(column: Column, row: dict[str, Any]) -> Any:
    return row.get(column.name, default(column))


def _cell(sheet: Any, column: Column, row: dict[str, Any]) -> WriteOnlyCell:
    value = _value(column, row)
    if column.value is Value.DATE and value:
        cell = WriteOnlyCell(sheet, date.fromisoformat(value))
        cell.number_format = "yyyy-mm-dd"
        return cell
    cell = WriteOnlyCell(sheet, _text(column, value) or None)
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"  # text, not a formula
    if column.value is Value.CODE:
        cell.number_format = "@"
    if column.name in _WIDE:
        cell.alignment = _WRAPPED
    return cell


def _text(column: Column, value: Any) -> str:
    if column.value is Value.YES_NO:
        return YES if value else NO
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return "" if value is None else str(value)


def _replace(path: Path, save: Any) -> None:
    """Written beside the target, then renamed over it: no half-written file on failure."""
    temporary = path.with_name(f".{path.stem}.{os.getpid()}.tmp{path.suffix}")
    try:
        save(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
