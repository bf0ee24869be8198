"""Every level of the drill-down shows the figures `sohoa-hub stats` prints for the same period:
the province's units (`--by unit`), a unit's stations (`--by station`), a station's clerks
(`--by clerk`), and a clerk's days (each day `--by clerk` for that one day). The page's
numbers are read from its XLSX export, which holds those of the screen
(tests/hub/web/test_browser.py compares them)."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib.parse import urlencode

import openpyxl

from hub.web.drill import NO_UNIT, SCREEN_ORDER
from station.stats.export import Column
from tests.hub.test_stats import hub_cli
from tests.hub.web.province import NOVEMBER, UNIT, Province
from tests.hub.web.web_client import Dashboard

S1 = "station-1"
CLERK = "lan"


def _page_rows(province: Province, **drill: str) -> dict[str, dict[Column, Any]]:
    """The level's rows by name, and "total", as the page's XLSX export writes them."""
    dashboard = Dashboard(province.hub.url)
    dashboard.log_in("tinh", province.province_supervisor.password)
    response = dashboard.get(f"/export.xlsx?{urlencode({**NOVEMBER, **drill})}")
    assert response.status_code == 200, response.text
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    table = [list(row) for row in book.worksheets[-1].values]
    columns = list(SCREEN_ORDER)
    columns.insert(columns.index(Column.DIGITIZED) + 1, Column.RESULTS_AWAITING)
    assert len(table[0]) == len(columns)
    *rows, total = table[1:]
    assert total[0] == "Tổng"
    shown = {str(row[0]): dict(zip(columns, row, strict=True)) for row in rows}
    shown["total"] = dict(zip(columns, total, strict=True))
    return shown


def _stats(province: Province, by: str, since: str, until: str) -> dict[str, Any]:
    output = hub_cli(
        province.hub, "stats", "--since", since, "--until", until, "--by", by, "--json"
    )
    return json.loads(output)


def _minutes(seconds: float | None) -> float | None:
    if seconds is None:
        return None
    return float((Decimal(str(seconds)) / 60).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _expected(figures: dict[str, Any], awaiting: bool = True) -> dict[Column, Any]:
    """A group of the stats JSON as the page's columns, written out here on their own."""
    waits = figures["uploads"]["first_page_to_upload"]
    expected = {
        Column.DIGITIZATION_RATE: figures["digitization"]["rate"],
        Column.ELECTRONIC_RESULT_RATE: figures["electronic_results"]["rate"],
        Column.RECEIVED: figures["digitization"]["received"],
        Column.DIGITIZED: figures["digitization"]["digitized"],
        Column.PAGES: figures["pages"]["stored"],
        Column.DOSSIERS_FINISHED: figures["dossiers"]["finished"],
        Column.PAGES_PER_DOSSIER: figures["dossiers"]["pages_per_dossier"],
        Column.PAGES_PER_HOUR: figures["pages"]["per_hour"],
        Column.UPLOAD_FAILURES: figures["uploads"]["failures"],
        Column.UPLOAD_MEDIAN_MINUTES: _minutes(waits["median_seconds"]),
        Column.UPLOAD_P90_MINUTES: _minutes(waits["p90_seconds"]),
        Column.RESCANS_PER_100: figures["pages"]["rescans_per_100"],
        Column.DELETES_PER_100: figures["pages"]["deletes_per_100"],
    }
    if awaiting:
        expected[Column.RESULTS_AWAITING] = figures["results_awaiting"]
    return expected


def _same(shown: dict[Column, Any], expected: dict[Column, Any]) -> None:
    for column, value in expected.items():
        on_page = shown[column]
        if isinstance(value, float):
            assert on_page is not None and abs(on_page - value) < 0.005, (column, on_page, value)
        else:
            assert on_page == value, (column, on_page, value)


def _groups(payload: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {group["key"]: group for group in payload["groups"]}


def test_the_province_s_units_are_sohoa_hub_stats_by_unit(province) -> None:
    stats = _stats(province, "unit", NOVEMBER["since"], NOVEMBER["until"])
    shown = _page_rows(province)
    names = {key or NO_UNIT: group for key, group in _groups(stats).items()}
    assert set(shown) == {*names, "total"} and UNIT in names
    assert any(group["pages"]["stored"] for group in names.values())
    for name, group in names.items():
        _same(shown[name], _expected(group))
    _same(shown["total"], _expected({**stats["total"], **_awaiting_total(stats)}))


def test_a_unit_s_stations_are_sohoa_hub_stats_by_station(province) -> None:
    stats = _stats(province, "station", NOVEMBER["since"], NOVEMBER["until"])
    shown = _page_rows(province, unit=UNIT)
    stations = _groups(stats)
    assert set(shown) == {S1, "station-2", "total"}
    for name in (S1, "station-2"):
        _same(shown[name], _expected(stations[name]))
    by_unit = _groups(_stats(province, "unit", NOVEMBER["since"], NOVEMBER["until"]))
    _same(shown["total"], _expected(by_unit[UNIT]))


def test_a_station_s_clerks_are_sohoa_hub_stats_by_clerk(province) -> None:
    stats = _stats(province, "clerk", NOVEMBER["since"], NOVEMBER["until"])
    shown = _page_rows(province, unit=UNIT, station=S1)
    clerks = {key.split("/", 1)[1]: g for key, g in _groups(stats).items() if key.startswith(S1)}
    assert set(shown) == {*clerks, "total"} and CLERK in clerks
    for name, group in clerks.items():
        _same(shown[name], _expected(group))
    by_station = _groups(_stats(province, "station", NOVEMBER["since"], NOVEMBER["until"]))
    _same(shown["total"], _expected(by_station[S1]))


def test_a_clerk_s_days_are_sohoa_hub_stats_of_each_day(province) -> None:
    shown = _page_rows(province, unit=UNIT, station=S1, clerk=CLERK)
    days = [name for name in shown if name != "total"]
    assert days and all(date.fromisoformat(day).month == 11 for day in days)
    assert any(shown[day][Column.PAGES] for day in days)
    for day in days:
        of_day = _groups(_stats(province, "clerk", day, day))
        _same(shown[day], _expected(of_day[f"{S1}/{CLERK}"], awaiting=False))
        assert shown[day][Column.RESULTS_AWAITING] is None  # as of now: not by day
    month = _groups(_stats(province, "clerk", NOVEMBER["since"], NOVEMBER["until"]))
    _same(shown["total"], _expected(month[f"{S1}/{CLERK}"]))


def _awaiting_total(stats: dict[str, Any]) -> dict[str, Any]:
    return {"results_awaiting": stats["results_awaiting"]}
