"""Reading a catalog spreadsheet (an XLSX workbook, or CSV files in UTF-8) into its tables:
each table's header checked against the layout, its rows kept raw with their row numbers.
Nothing here knows what a procedure is; every problem names the file, sheet, row and column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from hub.catalog_sheet_layout import TABLES, Table, table_named
from station.catalog_audit import ProblemKind


class SheetProblemKind(StrEnum):
    UNREADABLE = "unreadable"  # not an XLSX workbook: damaged, or another format
    NOT_XLSX = "not_xlsx"  # a spreadsheet in another format (.xls, .ods)
    NOT_UTF8 = "not_utf8"
    UNKNOWN_FILE = "unknown_file"  # a CSV file whose name ends in no table's name
    UNKNOWN_SHEET = "unknown_sheet"
    MISSING_SHEET = "missing_sheet"
    SHEET_TWICE = "sheet_twice"  # two CSV files for one table
    MISSING_COLUMN = "missing_column"
    UNKNOWN_COLUMN = "unknown_column"
    DUPLICATE_COLUMN = "duplicate_column"
    UNNAMED_COLUMN = "unnamed_column"  # values under an empty header cell
    EMPTY_CELL = "empty_cell"
    NUMBER_FOR_CODE = "number_for_code"
    NOT_YES_NO = "not_yes_no"
    NOT_A_DATE = "not_a_date"
    UNKNOWN_VALUE = "unknown_value"
    UNKNOWN_PROCEDURE = "unknown_procedure"
    DUPLICATE_PROCEDURE = "duplicate_procedure"
    DUPLICATE_COMPONENT = "duplicate_component"
    DUPLICATE_CASE = "duplicate_case"
    DUPLICATE_ALTERNATIVE = "duplicate_alternative"
    UNDECLARED_CASE = "undeclared_case"
    LONELY_ALTERNATIVE = "lonely_alternative"  # a group with one component
    UNUSED_ALTERNATIVE = "unused_alternative"  # a group no component belongs to
    NO_COMPONENTS = "no_components"
    CATALOG = "catalog"  # the station's catalog check found `check`


@dataclass(frozen=True)
class Place:
    file: str  # the file's name, as given
    sheet: str = ""  # "" = the whole file
    row: int = 0  # as the spreadsheet numbers it (the header is row 1); 0 = the whole sheet
    column: str = ""  # the header's name
    letter: str = ""  # the column's letter, "" when the sheet lacks the column


@dataclass(frozen=True)
class SheetProblem:
    place: Place
    kind: SheetProblemKind
    detail: str = ""  # the offending value, code or row
    check: ProblemKind | None = None  # for CATALOG


@dataclass
class Sheet:
    table: Table
    file: str
    header: dict[str, int] = field(default_factory=dict)  # column name -> 1-based index
    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)

    def place(self, row: int = 0, column: str = "") -> Place:
        index = self.header.get(column)
        letter = get_column_letter(index) if index else ""
        return Place(self.file, self.table.name, row, column, letter)

    def cell(self, cells: tuple[Any, ...], column: str) -> Any:
        index = self.header.get(column)
        return cells[index - 1] if index and index <= len(cells) else None


Book = dict[str, Sheet]  # table name -> its sheet


def read_xlsx(path: Path) -> tuple[Book, list[SheetProblem]]:
    try:
        sheets = _xlsx_rows(path)
    # A damaged workbook fails anywhere in zipfile, the XML parsers or openpyxl's readers,
    # with their own exception types; each means the same to the administrator.
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"
        return {}, [SheetProblem(Place(path.name), SheetProblemKind.UNREADABLE, reason)]
    book: Book = {}
    problems: list[SheetProblem] = []
    for title, rows in sheets.items():
        table = table_named(title.strip().lower())
        if table is None:
            problems.append(SheetProblem(Place(path.name, title), SheetProblemKind.UNKNOWN_SHEET))
            continue
        book[table.name], found = _sheet(table, path.name, rows)
        problems += found
    return book, problems + _missing(book, path.name)


def _xlsx_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet's cell values (formulas as last computed), by sheet name."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = {}
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # some writers record a wrong size; read every cell
            rows[str(sheet.title)] = list(sheet.iter_rows(values_only=True))
        return rows
    finally:
        workbook.close()


def read_csv_files(paths: Sequence[Path]) -> tuple[Book, list[SheetProblem]]:
    """CSV files, one per table, named after it (`procedures.csv`, `tinh-x.components.csv`)."""
    book: Book = {}
    problems: list[SheetProblem] = []
    given: dict[str, str] = {}  # table name -> file
    for path in paths:
        table = next((t for t in TABLES if path.stem.lower().endswith(t.name)), None)
        if table is None:
            problems.append(SheetProblem(Place(path.name), SheetProblemKind.UNKNOWN_FILE))
            continue
        if table.name in given:
            place = Place(path.name, table.name)
            problems.append(SheetProblem(place, SheetProblemKind.SHEET_TWICE, given[table.name]))
            continue
        given[table.name] = path.name
        rows, problem = _csv_rows(path, table)
        if problem is not None:
            problems.append(problem)
            continue
        sheet, found = _sheet(table, path.name, rows)
        book[table.name] = sheet
        problems += found
    names = ", ".join(p.name for p in paths)
    return book, problems + _missing(given, names)


def _csv_rows(path: Path, table: Table) -> tuple[list[tuple[Any, ...]], SheetProblem | None]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], _decoding_problem(path.name, table, data, exc)
    return [tuple(r) for r in _records(text)], None


def _records(text: str) -> list[list[str]]:
    """Comma-separated, or semicolon-separated as Excel saves where the decimal mark is a
    comma (Vietnamese settings): the header row, whose names hold neither, tells which."""
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _decoding_problem(
    name: str, table: Table, data: bytes, exc: UnicodeDecodeError
) -> SheetProblem:
    """Where the first byte that is not UTF-8 lies: the record and field being read."""
    before = data[: exc.start].decode("utf-8-sig")
    records = _records(before)
    if not records or before.endswith(("\n", "\r")):
        row, index = len(records) + 1, 1
    else:
        row, index = len(records), len(records[-1])
    header = records[0] if records and row > 1 else []
    column = str(header[index - 1]).strip().lower() if index <= len(header) else ""
    place = Place(name, table.name, row, column, get_column_letter(index))
    return SheetProblem(place, SheetProblemKind.NOT_UTF8, f"0x{data[exc.start]:02X}")


def _sheet(
    table: Table, file: str, rows: Iterable[tuple[Any, ...]]
) -> tuple[Sheet, list[SheetProblem]]:
    sheet = Sheet(table, file)
    problems: list[SheetProblem] = []
    unnamed: list[int] = []
    numbered = iter(enumerate(rows, start=1))
    header_row = next(numbered, (1, ()))[1]
    for index, cell in enumerate(header_row, start=1):
        name = "" if cell is None else str(cell).strip().lower()
        place = Place(file, table.name, 1, name, get_column_letter(index))
        if not name:
            unnamed.append(index)
        elif table.column(name) is None:
            problems.append(SheetProblem(place, SheetProblemKind.UNKNOWN_COLUMN, name))
        elif name in sheet.header:
            problems.append(SheetProblem(place, SheetProblemKind.DUPLICATE_COLUMN, name))
        else:
            sheet.header[name] = index
    for column in table.columns:
        if column.required and column.name not in sheet.header:
            place = Place(file, table.name, 1, column.name)
            problems.append(SheetProblem(place, SheetProblemKind.MISSING_COLUMN, column.name))
    for number, cells in numbered:
        if all(_blank(c) for c in cells):
            continue
        for index in unnamed:
            if index <= len(cells) and not _blank(cells[index - 1]):
                place = Place(file, table.name, number, "", get_column_letter(index))
                problems.append(SheetProblem(place, SheetProblemKind.UNNAMED_COLUMN))
        sheet.rows.append((number, tuple(cells)))
    return sheet, problems


def _missing(given: Iterable[str], file: str) -> list[SheetProblem]:
    names = set(given)
    return [
        SheetProblem(Place(file, t.name), SheetProblemKind.MISSING_SHEET, t.name)
        for t in TABLES
        if t.required and t.name not in names
    ]


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())
