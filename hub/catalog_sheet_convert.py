"""A catalog spreadsheet's tables to procedure entries in the JSON format (format 2), with the
row each procedure, component and alternative came from, so later checks can point at it.

Cross-table problems are found here: a row naming a procedure the procedures sheet lacks, a
code given twice, a case used but not declared, an alternative group of one component."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hub.catalog_sheet_cells import CellError, cell_value, default
from hub.catalog_sheet_layout import ALTERNATIVES, CASES, COMPONENTS, DOCUMENTS, PROCEDURES, Table
from hub.catalog_sheet_read import Book, Sheet, SheetProblem, SheetProblemKind
from station.catalog import FORMAT


@dataclass
class Record:
    sheet: Sheet
    row: int
    values: dict[str, Any]


@dataclass
class Entry:
    """One procedure as read: its JSON and the rows its parts came from."""

    data: dict[str, Any]
    row: int  # in the procedures sheet
    case_rows: dict[str, int] = field(default_factory=dict)
    component_rows: dict[str, int] = field(default_factory=dict)
    groups: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # id -> (code, row)
    group_rows: dict[str, Record] = field(default_factory=dict)  # the alternatives sheet's rows


class _Reading:
    def __init__(self, book: Book) -> None:
        self.book = book
        self.problems: list[SheetProblem] = []
        self.entries: dict[str, Entry] = {}
        self._unknown: set[tuple[str, str]] = set()  # (sheet, code) reported, at its first row

    def problem(self, record: Record, column: str, kind: SheetProblemKind, detail: str) -> None:
        self.problems.append(SheetProblem(record.sheet.place(record.row, column), kind, detail))

    def records(self, table: Table) -> list[Record]:
        sheet = self.book.get(table.name)
        if sheet is None:
            return []
        found = []
        for number, cells in sheet.rows:
            values: dict[str, Any] = {}
            for column in table.columns:
                if column.name not in sheet.header:
                    values[column.name] = default(column)
                    continue
                try:
                    values[column.name] = cell_value(column, sheet.cell(cells, column.name))
                except CellError as exc:
                    place = sheet.place(number, column.name)
                    self.problems.append(SheetProblem(place, exc.kind, exc.detail))
                    values[column.name] = default(column)
            found.append(Record(sheet, number, values))
        return found

    def owner(self, record: Record) -> Entry | None:
        code = record.values["procedure"]
        entry = self.entries.get(code)
        if entry is None and code and (record.sheet.table.name, code) not in self._unknown:
            self._unknown.add((record.sheet.table.name, code))
            self.problem(record, "procedure", SheetProblemKind.UNKNOWN_PROCEDURE, code)
        return entry

    def undeclared(self, record: Record, entry: Entry, column: str) -> None:
        for case in record.values[column]:
            if case not in entry.case_rows:
                self.problem(record, column, SheetProblemKind.UNDECLARED_CASE, case)


def convert(book: Book) -> tuple[list[Entry], list[SheetProblem]]:
    """The procedures in sheet order; any problem means the catalog must be refused."""
    reading = _Reading(book)
    for record in reading.records(PROCEDURES):
        _add_procedure(reading, record)
    for record in reading.records(CASES):
        _add_case(reading, record)
    for record in reading.records(COMPONENTS):
        _add_component(reading, record)
    for record in reading.records(ALTERNATIVES):
        _add_alternative_row(reading, record)
    for record in reading.records(DOCUMENTS):
        if (entry := reading.owner(record)) is not None:
            documents = entry.data["provenance"]["documents"]
            documents.append({k: v for k, v in record.values.items() if k != "procedure"})
    for entry in reading.entries.values():
        _finish_entry(reading, entry)
    return list(reading.entries.values()), reading.problems


def _add_procedure(reading: _Reading, record: Record) -> None:
    v = record.values
    if not v["code"]:
        return  # reported as an empty cell
    if v["code"] in reading.entries:
        first = str(reading.entries[v["code"]].row)
        reading.problem(record, "code", SheetProblemKind.DUPLICATE_PROCEDURE, first)
        return
    provenance = ("verified", "verified_on", "verified_by", "reason", "valid_from", "valid_until")
    data = {
        "format": FORMAT,
        **{k: v[k] for k in ("code", "name", "name_en", "field", "levels", "agency")},
        "result_on_paper": v["result_on_paper"],
        "cases": [],
        "components": [],
        "alternatives": [],
        "provenance": {**{k: v[k] for k in provenance}, "documents": []},
        "notes": v["notes"],
    }
    reading.entries[v["code"]] = Entry(data, record.row)


def _new_code(
    reading: _Reading, record: Record, seen: dict[str, int], twice: SheetProblemKind
) -> bool:
    """Whether the row's code is not in `seen` yet; a code given twice is a problem naming the
    first row."""
    code = record.values["code"]
    if code in seen:
        reading.problem(record, "code", twice, str(seen[code]))
        return False
    return True


def _add_case(reading: _Reading, record: Record) -> None:
    entry = reading.owner(record)
    code = record.values["code"]
    if entry is None or not code:
        return
    if not _new_code(reading, record, entry.case_rows, SheetProblemKind.DUPLICATE_CASE):
        return
    entry.case_rows[code] = record.row
    entry.data["cases"].append({k: v for k, v in record.values.items() if k != "procedure"})


def _add_component(reading: _Reading, record: Record) -> None:
    entry = reading.owner(record)
    code = record.values["code"]
    if entry is None or not code:
        return
    if not _new_code(reading, record, entry.component_rows, SheetProblemKind.DUPLICATE_COMPONENT):
        return
    reading.undeclared(record, entry, "required_in")
    entry.component_rows[code] = record.row
    for group in dict.fromkeys(record.values["alternative"]):  # once, however often named
        entry.groups.setdefault(group, []).append((code, record.row))
    skipped = ("procedure", "alternative")
    component = {k: v for k, v in record.values.items() if k not in skipped}
    entry.data["components"].append(component)


def _add_alternative_row(reading: _Reading, record: Record) -> None:
    entry = reading.owner(record)
    group = record.values["alternative"]
    if entry is None or not group:
        return
    if group in entry.group_rows:
        first = str(entry.group_rows[group].row)
        reading.problem(record, "alternative", SheetProblemKind.DUPLICATE_ALTERNATIVE, first)
        return
    reading.undeclared(record, entry, "cases")
    reading.undeclared(record, entry, "or_cases")
    entry.group_rows[group] = record


def _finish_entry(reading: _Reading, entry: Entry) -> None:
    """The alternatives, in the alternatives sheet's order, then the groups only components
    name; their members in component order."""
    if not entry.data["components"]:
        place = reading.book[PROCEDURES.name].place(entry.row, "code")
        code = entry.data["code"]
        reading.problems.append(SheetProblem(place, SheetProblemKind.NO_COMPONENTS, code))
    for group, record in entry.group_rows.items():
        if group not in entry.groups:
            reading.problem(record, "alternative", SheetProblemKind.UNUSED_ALTERNATIVE, group)
    listed = [g for g in entry.group_rows if g in entry.groups]
    for group in listed + [g for g in entry.groups if g not in entry.group_rows]:
        members = entry.groups[group]
        listing = entry.group_rows.get(group)
        notes = list(listing.values["or_cases"]) if listing else []  # a clerk's note may do
        if len(members) + len(notes) < 2:
            place = reading.book[COMPONENTS.name].place(members[0][1], "alternative")
            problem = SheetProblem(place, SheetProblemKind.LONELY_ALTERNATIVE, group)
            reading.problems.append(problem)
            continue
        extra = {k: listing.values[k] for k in ("cases", "basis", "note")} if listing else {}
        any_of = [code for code, _ in members] + notes
        entry.data["alternatives"].append({"any_of": any_of, **extra})
