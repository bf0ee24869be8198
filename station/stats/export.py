"""The supervisor's tables, built once from the figures, then shown, exported and printed alike.

A cell is a plain value: text, an int, a float, or None where a figure does not apply (N/A).
How a value looks is the reader's business (the screen formats it in the user's locale; CSV and
XLSX keep the number). Headings and titles come from the caller in its language: the core
words nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from station.stats.figures import Figures, StatsReport
from station.stats.periods import Period, zone_name
from station.upload_facts import QueueBacklog

Cell = str | int | float | None


class Column(StrEnum):
    NAME = "name"  # the station, clerk or day a row is about
    PAGES = "pages"
    PAGES_PER_HOUR = "pages_per_hour"
    DOSSIERS_FINISHED = "dossiers_finished"
    PAGES_PER_DOSSIER = "pages_per_dossier"
    UPLOAD_MEDIAN_MINUTES = "upload_median_minutes"
    UPLOAD_P90_MINUTES = "upload_p90_minutes"
    UPLOAD_FAILURES = "upload_failures"
    RESCANS_PER_100 = "rescans_per_100"
    DELETES_PER_100 = "deletes_per_100"
    RECEIVED = "received"
    DIGITIZED = "digitized"
    DIGITIZATION_RATE = "digitization_rate"
    ELECTRONIC_RESULT_RATE = "electronic_result_rate"  # KPI 4.1
    PAPER_SIZE = "paper_size"
    SHARE = "share"
    WAITING = "waiting"
    OLDEST_DOSSIER = "oldest_dossier"
    OLDEST_FINISHED_AT = "oldest_finished_at"
    NOT_QUEUED = "not_queued"
    JOBS_QUEUED = "jobs_queued"
    JOBS_UPLOADING = "jobs_uploading"
    JOBS_FAILED = "jobs_failed"
    RESULTS_AWAITING = "results_awaiting"


class Kind(StrEnum):
    TEXT = "text"
    COUNT = "count"
    DECIMAL = "decimal"  # 2 decimals
    PERCENT = "percent"  # 2 decimals, 0-100
    MINUTES = "minutes"  # 2 decimals


KINDS: dict[Column, Kind] = {
    Column.NAME: Kind.TEXT,
    Column.PAGES: Kind.COUNT,
    Column.PAGES_PER_HOUR: Kind.DECIMAL,
    Column.DOSSIERS_FINISHED: Kind.COUNT,
    Column.PAGES_PER_DOSSIER: Kind.DECIMAL,
    Column.UPLOAD_MEDIAN_MINUTES: Kind.MINUTES,
    Column.UPLOAD_P90_MINUTES: Kind.MINUTES,
    Column.UPLOAD_FAILURES: Kind.COUNT,
    Column.RESCANS_PER_100: Kind.DECIMAL,
    Column.DELETES_PER_100: Kind.DECIMAL,
    Column.RECEIVED: Kind.COUNT,
    Column.DIGITIZED: Kind.COUNT,
    Column.DIGITIZATION_RATE: Kind.PERCENT,
    Column.ELECTRONIC_RESULT_RATE: Kind.PERCENT,
    Column.PAPER_SIZE: Kind.TEXT,
    Column.SHARE: Kind.PERCENT,
    Column.WAITING: Kind.COUNT,
    Column.OLDEST_DOSSIER: Kind.TEXT,
    Column.OLDEST_FINISHED_AT: Kind.TEXT,
    Column.NOT_QUEUED: Kind.COUNT,
    Column.JOBS_QUEUED: Kind.COUNT,
    Column.JOBS_UPLOADING: Kind.COUNT,
    Column.JOBS_FAILED: Kind.COUNT,
    Column.RESULTS_AWAITING: Kind.COUNT,
}


class TableKind(StrEnum):
    STATIONS = "stations"
    CLERKS = "clerks"
    DAYS = "days"
    PAPER = "paper"
    QUEUE = "queue"


FIGURE_COLUMNS: tuple[Column, ...] = (
    Column.NAME,
    Column.PAGES,
    Column.PAGES_PER_HOUR,
    Column.DOSSIERS_FINISHED,
    Column.PAGES_PER_DOSSIER,
    Column.UPLOAD_MEDIAN_MINUTES,
    Column.UPLOAD_P90_MINUTES,
    Column.UPLOAD_FAILURES,
    Column.RESCANS_PER_100,
    Column.DELETES_PER_100,
    Column.RECEIVED,
    Column.DIGITIZED,
    Column.DIGITIZATION_RATE,
    Column.ELECTRONIC_RESULT_RATE,
)
PAPER_COLUMNS = (Column.PAPER_SIZE, Column.PAGES, Column.SHARE)
QUEUE_COLUMNS = (
    Column.WAITING,
    Column.OLDEST_DOSSIER,
    Column.OLDEST_FINISHED_AT,
    Column.NOT_QUEUED,
    Column.JOBS_QUEUED,
    Column.JOBS_UPLOADING,
    Column.JOBS_FAILED,
    Column.RESULTS_AWAITING,
)
TARGET_RATE = 80.0  # KPI 4.2 earns full points from 80 % (DOMAIN.md §7)
DAILY_POINTS_MAX = 92  # up to a quarter, every day gets a point; longer, only active days


@dataclass(frozen=True)
class Table:
    kind: TableKind
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None  # its first cell is None: the caller words "Total"


@dataclass(frozen=True)
class DayPoint:
    day: date
    pages: int
    finished: int
    rate: float | None  # digitization rate, None when nothing was received that day


@dataclass(frozen=True)
class Overview:
    """Everything the supervisor screen shows for one period."""

    period: Period
    total: Figures
    queue: QueueBacklog | None
    tables: tuple[Table, ...]
    days: tuple[DayPoint, ...] = field(default=())

    def table(self, kind: TableKind) -> Table:
        return next(t for t in self.tables if t.kind is kind)


@dataclass(frozen=True)
class Wording:
    """The caller's words for the written files."""

    headings: Mapping[Column, str]
    titles: Mapping[TableKind, str]
    total: str
    period: str  # labels the line: period, first day, last day, time zone
    name_headings: Mapping[TableKind, str] = field(default_factory=dict)  # "Station", "Clerk"…


# Group keys to the names rows show: station id -> name, clerk id -> "Full name (id)"...
Names = Mapping[TableKind, Mapping[str, str]]


def overview(
    stations: StatsReport, clerks: StatsReport, days: StatsReport, names: Names | None = None
) -> Overview:
    """The tables of three reports of one period, grouped by station, clerk and day."""
    names = names or {}
    tables = (
        figures_table(TableKind.STATIONS, stations, names.get(TableKind.STATIONS, {})),
        figures_table(TableKind.CLERKS, clerks, names.get(TableKind.CLERKS, {})),
        figures_table(TableKind.DAYS, days, names.get(TableKind.DAYS, {})),
        paper_table(stations.total, names.get(TableKind.PAPER, {})),
        queue_table(stations.queue, stations.period, stations.results_awaiting),
    )
    return Overview(stations.period, stations.total, stations.queue, tables, daily_points(days))


def figures_table(kind: TableKind, report: StatsReport, names: Mapping[str, str]) -> Table:
    rows = tuple(figure_row(names.get(key, key), f) for key, f in report.groups.items())
    return Table(kind, FIGURE_COLUMNS, rows, figure_row(None, report.total))


def figure_row(name: str | None, f: Figures) -> tuple[Cell, ...]:
    waits = f.uploads.first_page_to_upload
    return (
        name,
        f.pages.stored,
        f.pages.per_hour,
        f.dossiers.finished,
        f.dossiers.pages_per_dossier,
        minutes(waits.median_seconds),
        minutes(waits.p90_seconds),
        f.uploads.failures,
        f.pages.rescans_per_100,
        f.pages.deletes_per_100,
        f.digitization.received,
        f.digitization.digitized,
        f.digitization.rate,
        f.electronic_results.rate,
    )


def paper_table(total: Figures, names: Mapping[str, str]) -> Table:
    sizes = total.pages.paper_sizes
    count = sum(sizes.values())
    ordered = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))
    rows = tuple((names.get(size, size), n, _share(n, count)) for size, n in ordered)
    return Table(TableKind.PAPER, PAPER_COLUMNS, rows, (None, count, 100.0 if count else None))


def queue_table(
    queue: QueueBacklog | None, period: Period, results_awaiting: int | None = None
) -> Table:
    """The upload queue as of now, and beside it the paper results not digitized yet."""
    if queue is None:
        return Table(TableKind.QUEUE, QUEUE_COLUMNS, ())
    oldest = queue.oldest_finished_at
    row = (
        queue.dossiers_waiting,
        queue.oldest_dossier_code,
        oldest.astimezone(period.tz).strftime("%Y-%m-%d %H:%M") if oldest else None,
        queue.dossiers_not_queued,
        queue.jobs_queued,
        queue.jobs_uploading,
        queue.jobs_failed,
        results_awaiting,
    )
    return Table(TableKind.QUEUE, QUEUE_COLUMNS, (row,))


def daily_points(days: StatsReport) -> tuple[DayPoint, ...]:
    """A point per day of the period (per active day for periods longer than a quarter)."""
    period = days.period
    if period.days <= DAILY_POINTS_MAX:
        every = (period.first_day + timedelta(days=n) for n in range(period.days))
        keys = [d.isoformat() for d in every]
    else:
        keys = list(days.groups)
    points = []
    for key in keys:
        f = days.groups.get(key)
        if f is None:
            points.append(DayPoint(date.fromisoformat(key), 0, 0, None))
        else:
            points.append(
                DayPoint(
                    date.fromisoformat(key),
                    f.pages.stored,
                    f.dossiers.finished,
                    f.digitization.rate,
                )
            )
    return tuple(points)


def minutes(seconds: float | None) -> float | None:
    if seconds is None:
        return None
    return _two_decimals(Decimal(str(seconds)) / 60)


def _share(part: int, whole: int) -> float | None:
    return _two_decimals(Decimal(100 * part) / whole) if whole else None


def _two_decimals(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# writing ------------------------------------------------------------------------------------
def period_line(period: Period, wording: Wording) -> list[str]:
    return [
        wording.period,
        period.first_day.isoformat(),
        period.last_day.isoformat(),
        zone_name(period.tz),
    ]


def heading_row(table: Table, wording: Wording) -> list[str]:
    return [heading(table.kind, column, wording) for column in table.columns]


def heading(kind: TableKind, column: Column, wording: Wording) -> str:
    if column is Column.NAME and kind in wording.name_headings:
        return wording.name_headings[kind]
    return wording.headings.get(column, column.value)


def table_rows(table: Table, wording: Wording) -> list[Sequence[Cell]]:
    """The rows as written out: the total last, named in the caller's words."""
    rows: list[Sequence[Cell]] = list(table.rows)
    if table.total is not None:
        rows.append((wording.total, *table.total[1:]))
    return rows


class CsvDialect(StrEnum):
    """PLAIN: comma-separated, dot decimals. EXCEL_VI: what Excel set to Vietnamese splits and
    reads as numbers: semicolon-separated, comma decimals."""

    PLAIN = "plain"
    EXCEL_VI = "excel-vi"


# A text cell starting with one of these is a formula to a spreadsheet (OWASP CSV injection):
# names and codes come from stations and people, so they are written as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text_cell(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula, prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(
    path: Path, view: Overview, wording: Wording, dialect: CsvDialect = CsvDialect.PLAIN
) -> None:
    """One UTF-8 CSV (with a BOM, so spreadsheet programs read Vietnamese right): the period,
    then each table under its title, a blank line between them; N/A is an empty cell."""
    delimiter = ";" if dialect is CsvDialect.EXCEL_VI else ","
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=delimiter)
        writer.writerow(_csv_row(period_line(view.period, wording), dialect))
        for table in view.tables:
            writer.writerow([])
            writer.writerow(_csv_row([wording.titles.get(table.kind, table.kind.value)], dialect))
            writer.writerow(_csv_row(heading_row(table, wording), dialect))
            writer.writerows(_csv_row(row, dialect) for row in table_rows(table, wording))


def _csv_row(row: Sequence[Cell], dialect: CsvDialect) -> list[Cell]:
    cells = [as_text_cell(cell) for cell in row]
    if dialect is CsvDialect.EXCEL_VI:
        return [str(c).replace(".", ",") if isinstance(c, float) else c for c in cells]
    return cells


def write_xlsx(path: Path, view: Overview, wording: Wording) -> None:
    """One sheet per table (headings in row 1, the total last), and a sheet with the period."""
    from openpyxl import Workbook  # imported here: only exports need it

    book = Workbook()
    about = book.active
    about.title = _sheet_title(wording.period)
    about.append([as_text_cell(cell) for cell in period_line(view.period, wording)])
    for table in view.tables:
        sheet = book.create_sheet(_sheet_title(wording.titles.get(table.kind, table.kind.value)))
        _fill_sheet(sheet, table, wording)
    book.properties.title = " ".join(period_line(view.period, wording))
    book.save(path)


def _fill_sheet(sheet: Any, table: Table, wording: Wording) -> None:  # openpyxl's worksheet
    from openpyxl.styles import Font

    sheet.append([as_text_cell(cell) for cell in heading_row(table, wording)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table_rows(table, wording):
        sheet.append([as_text_cell(cell) for cell in row])
    if table.total is not None:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    for index, column in enumerate(table.columns, 1):
        letter = sheet.cell(row=1, column=index).column_letter
        kind = KINDS[column]
        width = 28 if column is Column.NAME else 16
        sheet.column_dimensions[letter].width = width
        if kind is Kind.TEXT:
            continue
        number_format = "0" if kind is Kind.COUNT else "0.00"
        for cell in sheet[letter][1:]:
            cell.number_format = number_format
    sheet.freeze_panes = "B2" if table.columns[0] is Column.NAME else "A2"


def _sheet_title(text: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in text).strip()
    return (cleaned or "Sheet")[:31]
