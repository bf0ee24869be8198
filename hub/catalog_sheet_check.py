"""A catalog spreadsheet read, converted and put through the station's own catalog check
(`procedure_from_dict` and `check_procedure`, what `sohoa catalog check` runs on each JSON
file), with every problem pointed at the sheet, row and column it comes from."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from hub.catalog_sheet_convert import Entry, convert
from hub.catalog_sheet_layout import COMPONENTS, PROCEDURES, TABLES
from hub.catalog_sheet_read import (
    Book,
    Place,
    SheetProblem,
    SheetProblemKind,
    read_csv_files,
    read_xlsx,
)
from station.catalog import procedure_from_dict
from station.catalog_audit import WARNINGS, ProblemKind, check_procedure
from station.errors import StationError
from station.model import Procedure

XLSX = (".xlsx", ".xlsm")
CSV = ".csv"
OTHER_SHEETS = (".xls", ".ods", ".numbers")  # spreadsheets to save again as XLSX

# The station's problems that concern one component (its code is the detail), and the column
_AT_COMPONENT = {
    ProblemKind.ALTERNATIVE_RESULT_COMPONENT: "alternative",
    ProblemKind.ALTERNATIVE_UNKNOWN_COMPONENT: "alternative",
    ProblemKind.NOT_REQUESTED_REQUIRED: "not_requested",
}
_AT_PROCEDURE = {
    ProblemKind.EXPIRED: "valid_until",
    ProblemKind.NOT_YET_VALID: "valid_from",
    ProblemKind.VERIFIED_WITHOUT_PRIMARY: "verified",
    ProblemKind.UNVERIFIED_WITHOUT_REASON: "reason",
}


def is_sheet(path: Path) -> bool:
    return path.suffix.lower() in (*XLSX, CSV, *OTHER_SHEETS)


def read_sheet_catalog(
    paths: Sequence[Path], today: date
) -> tuple[list[Procedure], list[SheetProblem]]:
    """One XLSX workbook, or the CSV files of one catalog. Errors only: warnings (a procedure
    not yet valid, one without a result) do not block, as for JSON files."""
    suffix = paths[0].suffix.lower()
    if suffix in OTHER_SHEETS:
        return [], [SheetProblem(Place(paths[0].name), SheetProblemKind.NOT_XLSX, suffix)]
    if suffix in XLSX:
        book, problems = read_xlsx(paths[0])
    else:
        book, problems = read_csv_files(paths)
    if problems:
        return [], _in_sheet_order(problems)
    entries, problems = convert(book)
    if problems:
        return [], _in_sheet_order(problems)
    procedures: list[Procedure] = []
    for entry in entries:
        procedure, found = _station_check(book, entry, today)
        problems += found
        if procedure is not None:
            procedures.append(procedure)
    return ([], problems) if problems else (procedures, [])


def _in_sheet_order(problems: list[SheetProblem]) -> list[SheetProblem]:
    """By file, then sheet in the layout's order, then row: as the administrator reads them."""
    order = {t.name: n for n, t in enumerate(TABLES)}
    return sorted(problems, key=lambda p: (p.place.file, order.get(p.place.sheet, -1), p.place.row))


def _station_check(
    book: Book, entry: Entry, today: date
) -> tuple[Procedure | None, list[SheetProblem]]:
    try:
        procedure = procedure_from_dict(entry.data)
    except (ValueError, KeyError, TypeError, AttributeError, StationError) as exc:
        place = book[PROCEDURES.name].place(entry.row, "code")
        return None, [_problem(place, ProblemKind.INVALID, str(exc))]
    problems = [
        _problem(_place(book, entry, kind, detail), kind, detail)
        for kind, detail in check_procedure(procedure, today)
        if kind not in WARNINGS
    ]
    return procedure, problems


def _place(book: Book, entry: Entry, kind: ProblemKind, detail: str) -> Place:
    if kind in _AT_COMPONENT and detail in entry.component_rows:
        return book[COMPONENTS.name].place(entry.component_rows[detail], _AT_COMPONENT[kind])
    return book[PROCEDURES.name].place(entry.row, _AT_PROCEDURE.get(kind, "code"))


def _problem(place: Place, kind: ProblemKind, detail: str) -> SheetProblem:
    return SheetProblem(place, SheetProblemKind.CATALOG, detail, kind)
