"""What the figure pages show: province → unit → station → clerk → day, each level one table of
the same figures `sohoa-hub stats` prints (hub/stats.py and station/stats), within what the
reader may see (hub/access.py).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from hub import access, clock
from hub.awaiting import awaiting_json, read_awaiting
from hub.context import Hub
from hub.errors import ApiError
from hub.facts import hub_facts
from hub.principal import Principal
from hub.rollup_report import fixed_offset_hours, rolled_day_points
from hub.stats import StatsQuery, hub_report, station_statuses, units
from station.stats.export import (
    Cell,
    Column,
    DayPoint,
    Table,
    TableKind,
    daily_points,
    figures_table,
)
from station.stats.figures import Facts, Grouping, GroupKeys, StatsReport, stats_report
from station.stats.periods import Period
from station.stats.serialize import report_from_json

NO_UNIT = "-"  # the row of the stations without a unit


class NotVisible(Exception):
    """Nothing there, or nothing the reader may see: both read as "not found"."""


class Level(StrEnum):
    PROVINCE = "province"  # a row per unit
    UNIT = "unit"  # a row per station
    STATION = "station"  # a row per clerk
    CLERK = "clerk"  # a row per day


_GROUPING = {
    Level.PROVINCE: Grouping.UNIT,
    Level.UNIT: Grouping.STATION,
    Level.STATION: Grouping.CLERK,
    Level.CLERK: Grouping.DAY,
}
# The export's kind of table; a unit row is written like a station row.
TABLE_KINDS = {
    Level.PROVINCE: TableKind.STATIONS,
    Level.UNIT: TableKind.STATIONS,
    Level.STATION: TableKind.CLERKS,
    Level.CLERK: TableKind.DAYS,
}


@dataclass(frozen=True)
class Drill:
    """Where the reader is: no unit (None) is the province; "" is the stations without one."""

    unit: str | None = None
    station: str = ""
    clerk: str = ""

    @property
    def level(self) -> Level:
        if self.station and self.clerk:
            return Level.CLERK
        if self.station:
            return Level.STATION
        return Level.PROVINCE if self.unit is None else Level.UNIT


@dataclass(frozen=True)
class AwaitingShown:
    """Results awaiting scan, as of now (hub/awaiting.py): the whole view's as the stats JSON
    carries it (count, oldest receipt and its age in days), and each row's count."""

    total: dict[str, Any]
    rows: dict[str, int | None]  # by the report's group key
    stations: dict[str, int | None]  # by station id


@dataclass(frozen=True)
class DrillView:
    drill: Drill
    report: StatsReport  # grouped by the level's rows
    points: tuple[DayPoint, ...]  # the same facts by day, for the charts
    table: Table
    row_keys: tuple[str, ...]  # the group key of each table row, in order
    stations: tuple[dict[str, Any], ...]  # the visible stations of this level, with last-seen
    unit_names: dict[str, str]
    awaiting: AwaitingShown


def build_view(hub: Hub, principal: Principal, drill: Drill, period: Period) -> DrillView:
    """Raises NotVisible."""
    statuses = station_statuses(hub.db, hub.config.online_window, clock.now())
    scope = _scope(hub, principal, drill, statuses)
    level = drill.level
    if level is Level.CLERK:  # a clerk's report is already by day
        report, awaiting = _report(hub, period, _GROUPING[level], scope, drill)
        points = daily_points(report)
    else:
        # side by side: each reads on a connection of its own (PostgreSQL: a core of its own)
        with ThreadPoolExecutor(max_workers=1) as aside:
            later = aside.submit(_day_points, hub, period, scope, drill)
            report, awaiting = _report(hub, period, _GROUPING[level], scope, drill)
            points = later.result()
    names = _row_names(level, report)
    keys = tuple(report.groups)
    table = in_screen_order(figures_table(TABLE_KINDS[level], report, names))
    table = with_awaiting(table, keys, awaiting)
    visible = tuple(
        {**s, **_station_awaiting(awaiting, s["station_id"])}
        for s in statuses
        if scope is None or s["station_id"] in scope
    )
    unit_names = {u["code"]: u["name"] for u in units(statuses)}
    return DrillView(drill, report, points, table, keys, visible, unit_names, awaiting)


def _scope(
    hub: Hub, principal: Principal, drill: Drill, statuses: list[dict[str, Any]]
) -> access.Scope:
    try:
        access.require_reader(principal)
    except ApiError:
        raise NotVisible() from None
    allowed = access.station_scope(hub.db, principal)
    if drill.station:
        try:
            scope = access.narrowed(allowed, drill.station)
        except ApiError:
            raise NotVisible() from None
        if not any(s["station_id"] == drill.station for s in statuses):
            raise NotVisible()
        return scope
    if drill.unit is None:
        return allowed
    in_unit = frozenset(
        s["station_id"]
        for s in statuses
        if s["unit_code"] == drill.unit and access.in_scope(allowed, s["station_id"])
    )
    if not in_unit:
        raise NotVisible()
    return in_unit


_AWAITING_KEYS = ("results_awaiting", "results_awaiting_oldest_at", "results_awaiting_oldest_days")


def _report(
    hub: Hub, period: Period, by: Grouping, scope: access.Scope, drill: Drill
) -> tuple[StatsReport, AwaitingShown]:
    if drill.level is not Level.CLERK:
        query = StatsQuery(period, by)
        payload = hub_report(
            hub.db, query, hub.config.online_window, scope=scope, cache=hub.reports
        )
        rows = {g["key"]: g.get("results_awaiting") for g in payload["groups"]}
        stations = {s["station_id"]: s.get("results_awaiting") for s in payload["stations"]}
        awaiting = AwaitingShown({k: payload.get(k) for k in _AWAITING_KEYS}, rows, stations)
        return report_from_json(payload), awaiting
    facts = hub_facts(hub.db, period.start, period.end, scope)
    now = read_awaiting(hub.db, scope)
    of_clerk = now.group(f"{drill.station}/{drill.clerk}", Grouping.CLERK, GroupKeys())
    station = now.station(drill.station)
    awaiting = AwaitingShown(
        awaiting_json(of_clerk, clock.now()),
        {},
        {drill.station: None if station is None else station.count},
    )
    return stats_report(_of_clerk(facts, drill.clerk), period, by), awaiting


def _day_points(
    hub: Hub, period: Period, scope: access.Scope, drill: Drill
) -> tuple[DayPoint, ...]:
    """The charts' points above a clerk: from the rollups where the period allows
    (hub/rollup_report.py), else from the report by day."""
    offset = fixed_offset_hours(period)
    if offset is None:
        return daily_points(_report(hub, period, Grouping.DAY, scope, drill)[0])
    return hub.reports.get(
        ("day points", period, scope), lambda: rolled_day_points(hub.db, period, offset, scope)
    )


def _station_awaiting(awaiting: AwaitingShown, station_id: str) -> dict[str, Any]:
    return {"results_awaiting": awaiting.stations.get(station_id)}


def with_awaiting(table: Table, keys: tuple[str, ...], awaiting: AwaitingShown) -> Table:
    """The table with the results awaiting scan after the dossiers digitized (N/A by day)."""
    at = table.columns.index(Column.DIGITIZED) + 1

    def put(row: tuple[Any, ...], value: Any) -> tuple[Any, ...]:
        return (*row[:at], value, *row[at:])

    rows = tuple(
        put(row, awaiting.rows.get(key)) for row, key in zip(table.rows, keys, strict=True)
    )
    total = None if table.total is None else put(table.total, awaiting.total["results_awaiting"])
    columns = put(table.columns, Column.RESULTS_AWAITING)
    return replace(table, columns=columns, rows=rows, total=total)


def _of_clerk(facts: Facts, clerk: str) -> Facts:
    return Facts(
        tuple(e for e in facts.events if e.clerk_id == clerk),
        tuple(d for d in facts.received if d.clerk_id == clerk),
        tuple(u for u in facts.uploads if u.clerk_id == clerk),
        tuple(f for f in facts.failures if f.clerk_id == clerk),
    )


def _row_names(level: Level, report: StatsReport) -> dict[str, str]:
    if level is Level.STATION:  # keys are "station/clerk" across stations; here one station
        return {key: key.split("/", 1)[-1] for key in report.groups}
    if level is Level.PROVINCE:
        return {"": NO_UNIT}
    return {}


# The KPIs first: on a laptop they show without scrolling the table sideways.
SCREEN_ORDER = (
    Column.NAME,
    Column.DIGITIZATION_RATE,
    Column.ELECTRONIC_RESULT_RATE,
    Column.RECEIVED,
    Column.DIGITIZED,
    Column.PAGES,
    Column.DOSSIERS_FINISHED,
    Column.PAGES_PER_DOSSIER,
    Column.PAGES_PER_HOUR,
    Column.UPLOAD_FAILURES,
    Column.UPLOAD_MEDIAN_MINUTES,
    Column.UPLOAD_P90_MINUTES,
    Column.RESCANS_PER_100,
    Column.DELETES_PER_100,
)


def in_screen_order(table: Table) -> Table:
    """The same cells, columns in SCREEN_ORDER (the export writes them so too)."""
    at = [table.columns.index(column) for column in SCREEN_ORDER]

    def pick(row: tuple[Cell, ...]) -> tuple[Cell, ...]:
        return tuple(row[i] for i in at)

    total = None if table.total is None else pick(table.total)
    return replace(
        table, columns=SCREEN_ORDER, rows=tuple(pick(r) for r in table.rows), total=total
    )


def child(drill: Drill, row_key: str) -> Drill | None:
    """The level below for one row of this level's table; None below the day."""
    level = drill.level
    if level is Level.PROVINCE:
        return Drill(unit=row_key)
    if level is Level.UNIT:
        return Drill(unit=drill.unit, station=row_key)
    if level is Level.STATION:
        return Drill(unit=drill.unit, station=drill.station, clerk=row_key.split("/", 1)[-1])
    return None
