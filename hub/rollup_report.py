"""The hub's figures from the hourly rollups: the same report station/stats computes from every
event, summed in SQL over hours instead.

It answers when the period's local days start on whole UTC hours at one fixed offset (every
day of Asia/Ho_Chi_Minh, UTC+7); then a local hour is one UTC hour and a local day is a run
of 24 of them, so active station-hours and station-days are counted in SQL. Otherwise (a
zone that changes its offset or sits on a half hour) hub/stats.py reads the events. Deletes,
restores, rescans and failed uploads are rare and need their order, so they are still read
one by one and counted by station/stats itself. tests/hub/test_rollups.py holds both ways
to the same answers.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hub import clock
from hub.access import scope_condition
from hub.db import Database, Session
from hub.facts import event_from_row, failure_from_row
from station.events import EventKind
from station.stats.figures import (
    DigitizationRate,
    DossierFigures,
    Durations,
    ElectronicResultRate,
    Facts,
    Figures,
    Grouping,
    GroupKeys,
    PageFigures,
    StatsReport,
    UploadFigures,
    group_facts,
    page_figures,
    ratio,
    upload_figures,
)
from station.stats.periods import Period
from station.upload_facts import QueueBacklog

_EPOCH = date(1970, 1, 1)
_RARE_PAGE_KINDS = (EventKind.PAGE_DELETED, EventKind.PAGE_RESTORED, EventKind.PAGE_RESCANNED)


def fixed_offset_hours(period: Period) -> int | None:
    """The zone's offset in whole hours when it is the same at every local midnight of the
    period (and the one after); None when the rollups cannot answer for this period."""
    offsets = set()
    for number in range(period.days + 1):
        midnight = datetime.combine(period.first_day + timedelta(days=number), datetime.min.time())
        offset = midnight.replace(tzinfo=period.tz).utcoffset()
        offsets.add(offset)
        if len(offsets) > 1:
            return None
    (offset,) = offsets
    if offset is None or offset % timedelta(hours=1):
        return None
    return offset // timedelta(hours=1)


@dataclass
class _Group:
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    papers: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    waits: dict[int, float] = field(default_factory=dict)  # rank (from 1) -> seconds
    waits_count: int = 0
    rare: Facts = field(default_factory=Facts)


@dataclass(frozen=True)
class _Ask:
    """One query's frame: the hours, the scope, how rows are keyed."""

    first_hour: int
    end_hour: int
    start_text: str
    end_text: str
    offset: int
    scope: frozenset[str] | None
    by: Grouping | None
    keys: GroupKeys

    def columns(self, day_expression: str) -> list[str]:
        if self.by in (Grouping.STATION, Grouping.UNIT):
            return ["station_id"]
        if self.by is Grouping.CLERK:
            return ["station_id", "clerk_id"]
        if self.by is Grouping.DAY:
            return [day_expression]
        return []

    def hour_columns(self) -> list[str]:
        return self.columns(f"(hour + {self.offset}) / 24")

    def key(self, row: dict[str, Any], day: Any = None) -> str:
        if self.by is Grouping.STATION:
            return str(row["g0"])
        if self.by is Grouping.UNIT:
            return self.keys.units.get(str(row["g0"]), "")
        if self.by is Grouping.CLERK:
            return f"{row['g0']}/{row['g1']}"
        if self.by is Grouping.DAY:
            return str(day if day is not None else _EPOCH + timedelta(days=int(row["g0"])))
        return ""

    def where_hours(self) -> tuple[str, list[Any]]:
        within, stations = scope_condition("station_id", self.scope)
        return f"hour >= ? AND hour < ? AND {within}", [self.first_hour, self.end_hour, *stations]


def _select(columns: list[str]) -> str:
    return "".join(f"{c} AS g{n}, " for n, c in enumerate(columns))


def _group_by(columns: list[str], *more: str) -> str:
    names = [f"g{n}" for n in range(len(columns))] + list(more)
    return f" GROUP BY {', '.join(names)}" if names else ""


def rolled_report(
    db: Database,
    period: Period,
    offset: int,
    by: Grouping | None,
    keys: GroupKeys,
    scope: frozenset[str] | None,
    queue: QueueBacklog | None,
) -> StatsReport:
    """The report stats_report would give for the same facts; `offset` from fixed_offset_hours."""
    start, end = period.start, period.end
    base = {
        "first_hour": int(start.timestamp()) // 3600,
        "end_hour": int(end.timestamp()) // 3600,
        "start_text": clock.to_text(start),
        "end_text": clock.to_text(end),
        "offset": offset,
        "scope": scope,
        "keys": keys,
    }
    with db.transaction() as session:
        total = _groups(session, _Ask(by=None, **base), period).get("", _Group())
        groups = {} if by is None else _groups(session, _Ask(by=by, **base), period)
    return StatsReport(
        period,
        by,
        _figures(total, period),
        {key: _figures(group, period) for key, group in sorted(groups.items())},
        queue,
        None,
    )


def _groups(session: Session, ask: _Ask, period: Period) -> dict[str, _Group]:
    groups: dict[str, _Group] = defaultdict(_Group)
    _add_counts(session, ask, groups)
    _add_active(session, ask, groups)
    _add_papers(session, ask, groups)
    _add_waits(session, ask, groups)
    _add_received(session, ask, groups)
    _add_rare(session, ask, period, groups)
    return groups


_SUMS = (
    "pages_stored", "dossiers_opened", "dossiers_finished", "finished_with_override",
    "finished_pages", "uploads_confirmed",
)  # fmt: skip


def _add_counts(session: Session, ask: _Ask, groups: dict[str, _Group]) -> None:
    columns = ask.hour_columns()
    where, params = ask.where_hours()
    sums = ", ".join(f"SUM({name}) AS {name}" for name in _SUMS)
    rows = session.query(
        f"SELECT {_select(columns)}{sums} FROM event_hours WHERE {where}{_group_by(columns)}",
        params,
    )
    for row in rows:
        counts = groups[ask.key(row)].counts
        for name in _SUMS:
            counts[name] += int(row[name] or 0)


def _add_active(session: Session, ask: _Ask, groups: dict[str, _Group]) -> None:
    """Active station-hours (a page stored) and station-days (any counter event)."""
    columns = ask.hour_columns()
    where, params = ask.where_hours()
    names = [f"g{n}" for n in range(len(columns))]
    outer = "".join(f"{name}, " for name in names)
    for measure, unit, condition in (
        ("active_hours", "hour", "pages_stored > 0"),
        ("active_days", f"(hour + {ask.offset}) / 24", "counter_events > 0"),
    ):
        rows = session.query(
            f"SELECT {outer}COUNT(*) AS n FROM (SELECT {_select(columns)}station_id AS s,"
            f" {unit} AS u FROM event_hours WHERE {where} AND {condition}"
            f"{_group_by(columns, 's', 'u')}) AS active{_group_by(columns)}",
            params,
        )
        for row in rows:
            groups[ask.key(row)].counts[measure] += int(row["n"])


def _add_papers(session: Session, ask: _Ask, groups: dict[str, _Group]) -> None:
    columns = ask.hour_columns()
    where, params = ask.where_hours()
    rows = session.query(
        f"SELECT {_select(columns)}paper_size, SUM(pages) AS pages FROM paper_hours"
        f" WHERE {where}{_group_by(columns, 'paper_size')}",
        params,
    )
    for row in rows:
        groups[ask.key(row)].papers[row["paper_size"]] += int(row["pages"])


def _add_waits(session: Session, ask: _Ask, groups: dict[str, _Group]) -> None:
    """The waits at the ranks a median and a nearest-rank p90 need, ranked in SQL per group
    (per unit too: ranks do not add up across stations)."""
    where, params = ask.where_hours()
    units, unit_params = "", []
    columns = ask.hour_columns()
    if ask.by is Grouping.UNIT:
        pairs = sorted(ask.keys.units.items())
        unit_params = [text for pair in pairs for text in pair]
        columns = ["coalesce(u.unit, '')"] if pairs else ["''"]
        rows = ", ".join("(?, ?)" for _ in pairs)
        units = f"WITH units (station, unit) AS (VALUES {rows}) " if pairs else ""
    joined = " LEFT JOIN units u ON u.station = w.station_id" if units else ""
    partition = f"PARTITION BY {', '.join(columns)} " if columns else ""
    names = "".join(f"g{n}, " for n in range(len(columns)))
    rows_found = session.query(
        f"{units}SELECT {names}wait, rn, n FROM (SELECT {_select(columns)}w.wait_seconds AS wait,"
        f" ROW_NUMBER() OVER ({partition}ORDER BY w.wait_seconds) AS rn,"
        f" COUNT(*) OVER ({partition.strip()}) AS n FROM upload_waits w{joined}"
        f" WHERE {where}) AS ranked"
        " WHERE rn = (n + 1) / 2 OR rn = n / 2 + 1 OR rn = (9 * n + 9) / 10"
        " OR rn = (9 * n + 9) / 10 + 1",
        [*unit_params, *params],
    )
    for row in rows_found:
        key = str(row["g0"]) if ask.by is Grouping.UNIT else ask.key(row)
        group = groups[key]
        group.waits[int(row["rn"])] = float(row["wait"])
        group.waits_count = int(row["n"])


def _add_received(session: Session, ask: _Ask, groups: dict[str, _Group]) -> None:
    """KPI 4.1 and 4.2 counts; by day, per UTC hour of receipt first, then per local day."""
    columns = ask.columns("substr(received_at, 1, 13)")
    within, stations = scope_condition("station_id", ask.scope)
    rows = session.query(
        f"SELECT {_select(columns)}COUNT(*) AS received,"
        " SUM(CASE WHEN digitized <> 0 AND (has_electronic_result <> 0 OR result_required = 0)"
        " THEN 1 ELSE 0 END) AS digitized,"
        " SUM(CASE WHEN result_required <> 0 THEN 1 ELSE 0 END) AS paper_result,"
        " SUM(CASE WHEN result_required <> 0 AND has_electronic_result <> 0 THEN 1 ELSE 0 END)"
        " AS with_result FROM received_dossiers"
        f" WHERE received_at >= ? AND received_at < ? AND {within}{_group_by(columns)}",
        [ask.start_text, ask.end_text, *stations],
    )
    for row in rows:
        day = None
        if ask.by is Grouping.DAY:
            utc_hour = datetime.fromisoformat(f"{row['g0']}:00:00+00:00")
            day = (utc_hour + timedelta(hours=ask.offset)).date()
        counts = groups[ask.key(row, day)].counts
        for name in ("received", "digitized", "paper_result", "with_result"):
            counts[name] += int(row[name] or 0)


def _add_rare(session: Session, ask: _Ask, period: Period, groups: dict[str, _Group]) -> None:
    kinds = [*_RARE_PAGE_KINDS, EventKind.UPLOAD_FAILED]
    within, stations = scope_condition("station_id", ask.scope)
    rows = session.query(
        f"SELECT * FROM station_events WHERE kind IN ({', '.join('?' for _ in kinds)})"
        f" AND at >= ? AND at < ? AND {within} ORDER BY at, station_id, store_id, event_id",
        [*(k.value for k in kinds), ask.start_text, ask.end_text, *stations],
    )
    kinds_found = [(row, EventKind(row["kind"])) for row in rows]
    failed = EventKind.UPLOAD_FAILED
    rare = Facts(
        events=tuple(event_from_row(r, k) for r, k in kinds_found if k in _RARE_PAGE_KINDS),
        failures=tuple(failure_from_row(r) for r, k in kinds_found if k is failed),
    )
    if ask.by is None:
        parts = {"": rare} if rare.events or rare.failures else {}
    else:
        parts = group_facts(rare, ask.by, period.tz, ask.keys)
    for key, part in parts.items():
        groups[key].rare = part


def _figures(group: _Group, period: Period) -> Figures:
    counts = group.counts
    removed = page_figures(group.rare.events, period.tz)
    failed = upload_figures((), group.rare.failures)
    stored, hours, days = counts["pages_stored"], counts["active_hours"], counts["active_days"]
    finished = counts["dossiers_finished"]
    received, paper = counts["received"], counts["paper_result"]
    return Figures(
        PageFigures(
            stored=stored,
            deleted=removed.deleted,
            rescanned=removed.rescanned,
            active_hours=hours,
            per_hour=ratio(stored, hours),
            deletes_per_100=ratio(100 * removed.deleted, stored),
            rescans_per_100=ratio(100 * removed.rescanned, stored),
            paper_sizes=dict(sorted((k, v) for k, v in group.papers.items() if v)),
        ),
        DossierFigures(
            opened=counts["dossiers_opened"],
            finished=finished,
            finished_with_override=counts["finished_with_override"],
            active_days=days,
            finished_per_day=ratio(finished, days),
            pages_per_dossier=ratio(counts["finished_pages"], finished),
        ),
        UploadFigures(
            confirmed=counts["uploads_confirmed"],
            failures=failed.failures,
            parked=failed.parked,
            first_page_to_upload=_durations(group),
        ),
        DigitizationRate(received, counts["digitized"], ratio(100 * counts["digitized"], received)),
        ElectronicResultRate(
            paper, counts["with_result"], ratio(100 * counts["with_result"], paper)
        ),
    )


def _durations(group: _Group) -> Durations:
    """station.stats.figures.durations, from the ranks fetched."""
    n, at = group.waits_count, group.waits
    if not n:
        return Durations(0, None, None)
    median = at[(n + 1) // 2] if n % 2 else statistics.median([at[n // 2], at[n // 2 + 1]])
    return Durations(n, _rounded(median), _rounded(at[math.ceil(0.9 * n)]))


def _rounded(value: float) -> float:
    # as station/stats rounds a duration: half up, 2 decimals, from its shortest repr
    return float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
