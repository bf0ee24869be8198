"""Figures across stations: the stations' facts, through the same pure functions a station uses
(station/stats), grouped per station, clerk, unit or day; and every station's last-seen time.

Served as `GET /api/v1/stats` and printed by `sohoa-hub stats`; one JSON shape for both, the
station's report (station/stats/serialize.py) plus `stations` and `units`. Its
`results_awaiting`, as of now like the queue, is also given per group (not by day) and per
station, with the oldest receipt (`results_awaiting_oldest_at`, `…_oldest_days`; hub/awaiting.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from hub import clock
from hub.awaiting import AwaitingNow, awaiting_json, read_awaiting
from hub.db import Database
from hub.facts import hub_facts, valid_queue
from hub.report_cache import ReportCache
from hub.rollup_report import fixed_offset_hours, rolled_report
from station.stats.figures import Grouping, GroupKeys, StatsReport, stats_report, total_queue
from station.stats.periods import Period, PeriodError, PeriodProblem, chosen_period, parse_day, zone
from station.stats.serialize import queue_from_json, queue_to_json, report_to_json
from station.upload_facts import QueueBacklog


class QueryError(ValueError):
    """A parameter a person got wrong: which one, and what to do, in Vietnamese and English."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param
        self.message = message


@dataclass(frozen=True)
class StatsQuery:
    period: Period
    by: Grouping | None = None


_PERIOD_MESSAGES = {
    PeriodProblem.UNTIL_WITHOUT_SINCE: ("until", "cần cả since / needs since too"),
    PeriodProblem.UNTIL_BEFORE_SINCE: ("until", "trước since / is before since"),
}


def parse_query(
    since: str | None,
    until: str | None,
    by: str | None,
    tz_name: str | None = None,
    now: datetime | None = None,
) -> StatsQuery:
    """Raises QueryError."""
    tz = _zone(tz_name)
    first, last = _day("since", since), _day("until", until)
    try:
        period = chosen_period(first, last, tz, now)
    except PeriodError as exc:
        raise QueryError(*_PERIOD_MESSAGES[exc.problem]) from None
    if by is None or by == "":
        return StatsQuery(period)
    try:
        return StatsQuery(period, Grouping(by))
    except ValueError:
        choices = "|".join(g.value for g in Grouping)
        raise QueryError("by", f"chỉ nhận / one of {choices}") from None


def _zone(name: str | None) -> tzinfo:
    try:
        return zone(name)
    except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        raise QueryError("tz", f"múi giờ không rõ / unknown time zone {name[:40]!r}") from None


def _day(param: str, text: str | None) -> date | None:
    if text is None or text == "":
        return None
    try:
        day = parse_day(text)
        if not clock.FIRST_YEAR <= day.year <= clock.LAST_YEAR:
            raise ValueError("year out of range")
        return day
    except ValueError:
        raise QueryError(
            param, f"{text!r}: ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY / use YYYY-MM-DD or DD/MM/YYYY"
        ) from None


def hub_report(
    db: Database,
    query: StatsQuery,
    offline_after: int,
    now: datetime | None = None,
    scope: frozenset[str] | None = None,
    cache: ReportCache | None = None,
) -> dict[str, Any]:
    """Figures of the stations in `scope` (None: every station); the figures themselves from
    `cache` when it has them (the stations' states are always read afresh)."""
    now = now or clock.now()
    period = query.period
    stations = [
        s
        for s in station_statuses(db, offline_after, now)
        if scope is None or s["station_id"] in scope
    ]
    queues = [q for q in (_usable_queue(s["queue"]) for s in stations) if q is not None]
    keys = GroupKeys({s["station_id"]: s["unit_code"] for s in stations}, clerk_with_station=True)

    def make() -> dict[str, Any]:
        return report_to_json(figures_report(db, period, query.by, None, keys, scope))

    key = (period, query.by, scope, frozenset(keys.units.items()))
    figures = make() if cache is None else cache.get(key, make)
    queue = total_queue(queues)
    awaiting = read_awaiting(db, scope)
    stations = [{**s, **awaiting_json(awaiting.station(s["station_id"]), now)} for s in stations]
    return {
        "ok": True,
        "generated_at": clock.to_text(now),
        "offline_after": offline_after,
        **figures,
        "groups": _groups_with_awaiting(figures["groups"], query.by, keys, awaiting, now),
        "queue": queue_to_json(queue),
        **awaiting_json(awaiting.total(), now),
        "stations": stations,
        "units": units(stations),
    }


def _groups_with_awaiting(
    groups: list[dict[str, Any]],
    by: Grouping | None,
    keys: GroupKeys,
    awaiting: AwaitingNow,
    now: datetime,
) -> list[dict[str, Any]]:
    """New dicts: the figures may be a cached report other callers share."""
    return [{**g, **awaiting_json(awaiting.group(g["key"], by, keys), now)} for g in groups]


def figures_report(
    db: Database,
    period: Period,
    by: Grouping | None,
    queue: QueueBacklog | None,
    keys: GroupKeys,
    scope: frozenset[str] | None,
) -> StatsReport:
    """From the hourly rollups where the period allows it (hub/rollup_report.py), else from
    every event in it."""
    offset = fixed_offset_hours(period)
    if offset is not None:
        return rolled_report(db, period, offset, by, keys, scope, queue)
    return stats_report(hub_facts(db, period.start, period.end, scope), period, by, queue, keys)


def _usable_queue(queue: dict[str, Any] | None) -> QueueBacklog | None:
    """A stored backlog, or None when it is one the figures cannot use (stored before the
    hub checked them: a year-9999 time would break every province view)."""
    return queue_from_json(queue) if queue is not None and valid_queue(queue) else None


def station_statuses(db: Database, offline_after: int, now: datetime) -> list[dict[str, Any]]:
    """Every registered station, seen (a heartbeat or facts) within `offline_after` seconds or
    not, with its unit: the one registered on the hub, or else the agency it reports; and its
    name: the one it reports for itself (set at the station), or else the registered one."""
    with db.transaction() as session:
        rows = session.query(
            "SELECT s.client_id, s.name, p.reported_name, s.last_seen_at, s.version,"
            " p.unit_code, p.unit_name, p.agency_code, p.queue_json, p.facts_received_at"
            " FROM stations s LEFT JOIN station_profiles p ON p.station_id = s.client_id"
            " ORDER BY s.client_id"
        )
    return [_status(row, offline_after, now) for row in rows]


def _status(row: dict[str, Any], offline_after: int, now: datetime) -> dict[str, Any]:
    seen = [t for t in (row["last_seen_at"], row["facts_received_at"]) if t]
    last_seen = max(seen) if seen else None  # one fixed text format: text order is time order
    online = last_seen is not None and (now - clock.parse(last_seen)).total_seconds() <= (
        offline_after
    )
    return {
        "station_id": row["client_id"],
        "name": (row["reported_name"] or "").strip() or row["name"],
        "registered_name": row["name"],
        "unit_code": row["unit_code"] or row["agency_code"] or "",
        "unit_name": row["unit_name"] or "",
        "online": online,
        "last_seen_at": last_seen,
        "last_heartbeat_at": row["last_seen_at"],
        "facts_received_at": row["facts_received_at"],
        "version": row["version"],
        "queue": json.loads(row["queue_json"]) if row["queue_json"] else None,
    }


def units(stations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Units with their stations, by code; last, "" gathers the stations without one."""
    found: dict[str, dict[str, Any]] = {}
    for station in stations:
        unit = found.setdefault(
            station["unit_code"], {"code": station["unit_code"], "name": "", "stations": []}
        )
        unit["name"] = unit["name"] or station["unit_name"]
        unit["stations"].append(station["station_id"])
    return [found[code] for code in sorted(found, key=lambda code: (code == "", code))]
