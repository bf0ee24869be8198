"""The hub's figures from the hourly rollups: the same report station/stats computes from every
event, summed in SQL over hours instead.

It answers when the period's local days start on whole UTC hours at one fixed offset (every
day of Asia/Ho_Chi_Minh, UTC+7); then a local hour is one UTC hour and a local day is a run
of 24 of them, so active station-hours and station-days are counted in SQL. Otherwise (a
zone that changes its offset or sits on a half hour) hub/stats.py reads the events.
Deletes, restores and rescans are rare and need their order, so they are read one by one
(through a small index of their own) and replayed as station/stats does; upload waits are
read once, unordered, for the medians and p90s (only the ranks needed are selected). Sums over
groups give the whole where sums are right. The largest reads run side by side on connections
of their own. The dashboard's charts need only a few sums per day (rolled_day_points), not a
whole report by day. tests/hub/test_rollups.py holds both ways to the same answers.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy

from hub import clock
from hub.access import scope_condition
from hub.db import Database, Session
from hub.schema import FAILED, REMOVALS
from station.events import EventKind
from station.stats.export import DayPoint, daily_points
from station.stats.figures import (
    DigitizationRate,
    DossierFigures,
    Durations,
    ElectronicResultRate,
    Figures,
    Grouping,
    GroupKeys,
    PageFigures,
    StatsReport,
    UploadFigures,
    ratio,
)
from station.stats.periods import Period
from station.upload_facts import PARKED, QueueBacklog

_EPOCH = date(1970, 1, 1)


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


Groups = dict[str, _Group]


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

    @property
    def day(self) -> str:
        return f"(hour + {self.offset}) / 24"

    def key(self, station: str = "", clerk: str = "", day: date | None = None) -> str:
        if self.by is Grouping.STATION:
            return station
        if self.by is Grouping.UNIT:
            return self.keys.units.get(station, "")
        if self.by is Grouping.CLERK:
            return f"{station}/{clerk}"
        if self.by is Grouping.DAY:
            return str(day)
        return ""

    def day_number(self, number: int) -> date:
        return _EPOCH + timedelta(days=number)

    def day_of_hour(self, utc_hour: str) -> date:
        """The local day of "YYYY-MM-DDTHH" (UTC)."""
        moment = datetime.fromisoformat(f"{utc_hour}:00:00+00:00")
        return (moment + timedelta(hours=self.offset)).date()

    def where_hours(self) -> tuple[str, list[Any]]:
        within, stations = scope_condition("station_id", self.scope)
        return f"hour >= ? AND hour < ? AND {within}", [self.first_hour, self.end_hour, *stations]

    def where_times(self, column: str) -> tuple[str, list[Any]]:
        within, stations = scope_condition("station_id", self.scope)
        return f"{column} >= ? AND {column} < ? AND {within}", [
            self.start_text, self.end_text, *stations,
        ]  # fmt: skip

    def text_columns(self, time_column: str) -> list[str]:
        """Columns that key rows of a table with a time in text (the day as its UTC hour)."""
        if self.by in (Grouping.STATION, Grouping.UNIT):
            return ["station_id"]
        if self.by is Grouping.CLERK:
            return ["station_id", "clerk_id"]
        if self.by is Grouping.DAY:
            return [f"substr({time_column}, 1, 13)"]
        return []

    def text_key(self, row: dict[str, Any]) -> str:
        if self.by is Grouping.DAY:
            return self.key(day=self.day_of_hour(row["g0"]))
        return self.key(row.get("g0", ""), row.get("g1", ""))


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
    frame = _frame(period, offset, scope, keys)
    whole = _Ask(by=None, **frame)
    asks = [whole] if by is None else [_Ask(by=by, **frame), whole]
    # A month's largest reads, each on a connection of its own, side by side: on PostgreSQL
    # they take the database's other cores while this thread reads the rest. No connection is
    # held while waiting for the others (a pool spent on waiting holders would never free).
    with ThreadPoolExecutor(max_workers=2) as aside:
        waits = aside.submit(_read_waits, db, asks)
        sides = aside.submit(_read_sides, db, asks[0])
        with db.transaction() as session:
            first = _groups(session, asks[0])
            removals = _read_removals(session, whole)
            clerks_whole = _whole_hours(session, whole) if by is Grouping.CLERK else None
        _merge(first, sides.result())
        if by is None:
            groups: Groups = {}
            found = [first]
        else:
            groups = first
            found = [groups, _total_of(groups, clerks_whole)]
        _add_removals(removals, asks, found)
        _add_waits(waits.result(), asks, found)
    total = found[-1].get("", _Group())
    return StatsReport(
        period,
        by,
        _figures(total),
        {key: _figures(group) for key, group in sorted(groups.items())},
        queue,
        None,
    )


def rolled_day_points(
    db: Database, period: Period, offset: int, scope: frozenset[str] | None
) -> tuple[DayPoint, ...]:
    """The charts' points (pages, dossiers finished, digitization rate per day) from the same
    sums rolled_report makes by day, without what the charts do not show: the waits, failures
    and paper sizes that take most of a month's report. The removals are read for the blank back
    sides skipped, which come off the pages."""
    ask = _Ask(by=Grouping.DAY, **_frame(period, offset, scope, GroupKeys()))
    groups: Groups = defaultdict(_Group)
    where, params = ask.where_hours()
    with db.transaction() as session:
        rows = session.query(
            f"SELECT {ask.day} AS day, SUM(pages_stored) AS pages_stored,"
            f" SUM(dossiers_finished) AS dossiers_finished FROM station_hours WHERE {where}"
            f" GROUP BY {ask.day}",
            params,
        )
        _add_received(session, ask, groups)
        removals = _read_removals(session, ask)
    for row in rows:
        counts = groups[ask.key(day=ask.day_number(int(row["day"])))].counts
        counts["pages_stored"] += int(row["pages_stored"] or 0)
        counts["dossiers_finished"] += int(row["dossiers_finished"] or 0)
    _add_removals(removals, [ask], [groups])
    # a report of these counts alone, read only by daily_points (one rule for the points)
    days = {key: _figures(group) for key, group in sorted(groups.items())}
    return daily_points(StatsReport(period, Grouping.DAY, _figures(_Group()), days))


def _frame(
    period: Period, offset: int, scope: frozenset[str] | None, keys: GroupKeys
) -> dict[str, Any]:
    start, end = period.start, period.end
    return {
        "first_hour": int(start.timestamp()) // 3600,
        "end_hour": int(end.timestamp()) // 3600,
        "start_text": clock.to_text(start),
        "end_text": clock.to_text(end),
        "offset": offset,
        "scope": scope,
        "keys": keys,
    }


def _groups(session: Session, ask: _Ask) -> Groups:
    """The sums over hours and the upload failures; _read_sides reads the rest."""
    groups: Groups = defaultdict(_Group)
    _add_hours(session, ask, groups)
    _add_failures(session, ask, groups)
    return groups


def _read_sides(db: Database, ask: _Ask) -> Groups:
    """The paper sizes and the received dossiers (KPI 4.1 and 4.2)."""
    groups: Groups = defaultdict(_Group)
    with db.transaction() as session:
        _add_papers(session, ask, groups)
        _add_received(session, ask, groups)
    return groups


def _merge(into: Groups, more: Groups) -> None:
    for key, group in more.items():
        kept = into[key]
        for name, value in group.counts.items():
            kept.counts[name] += value
        for paper, pages in group.papers.items():
            kept.papers[paper] += pages


_NOT_ADDITIVE = ("deleted", "rescanned")  # a restore may undo a delete of another group


def _total_of(groups: Groups, whole_hours: Groups | None) -> Groups:
    """The groups summed where sums are right; active hours and days from `whole_hours` when
    the groups may share station-hours (clerks: one station-hour may hold several clerks')."""
    total = _Group()
    for group in groups.values():
        for name, value in group.counts.items():
            if name not in _NOT_ADDITIVE:
                total.counts[name] += value
        for paper, pages in group.papers.items():
            total.papers[paper] += pages
    if whole_hours is not None:
        for name in ("active_hours", "active_days"):
            total.counts[name] = whole_hours[""].counts[name]
    return defaultdict(_Group, {"": total})


def _whole_hours(session: Session, whole: _Ask) -> Groups:
    found: Groups = defaultdict(_Group)
    _add_hours(session, whole, found)
    return found


_SUMS = (
    "pages_stored", "dossiers_opened", "dossiers_finished", "finished_with_override",
    "finished_pages", "uploads_confirmed",
)  # fmt: skip


def _add_hours(session: Session, ask: _Ask, groups: Groups) -> None:
    """The sums, active station-hours (a page stored) and station-days (any counter event)."""
    where, params = ask.where_hours()
    sums = "".join(f"SUM({name}) AS {name}, " for name in _SUMS)
    hours = "SUM(CASE WHEN pages_stored > 0 THEN 1 ELSE 0 END) AS active_hours"
    if ask.by is Grouping.CLERK:  # rows are per station, clerk and hour
        table, columns = "event_hours", ["station_id", "clerk_id"]
        days = f"COUNT(DISTINCT CASE WHEN counter_events > 0 THEN {ask.day} END)"
    elif ask.by is Grouping.DAY:  # rows are per station and hour
        table, columns = "station_hours", [ask.day]
        days = "COUNT(DISTINCT CASE WHEN counter_events > 0 THEN station_id END)"
    else:  # per station, then summed into units or the whole
        table, columns = "station_hours", ["station_id"]
        days = f"COUNT(DISTINCT CASE WHEN counter_events > 0 THEN {ask.day} END)"
    rows = session.query(
        f"SELECT {_select(columns)}{sums}{hours}, {days} AS active_days FROM {table}"
        f" WHERE {where}{_group_by(columns)}",
        params,
    )
    for row in rows:
        if ask.by is Grouping.DAY:
            key = ask.key(day=ask.day_number(int(row["g0"])))
        else:
            key = ask.key(row["g0"], row.get("g1", ""))
        counts = groups[key].counts
        for name in (*_SUMS, "active_hours", "active_days"):
            counts[name] += int(row[name] or 0)


def _add_papers(session: Session, ask: _Ask, groups: Groups) -> None:
    where, params = ask.where_hours()
    columns = [ask.day] if ask.by is Grouping.DAY else ask.text_columns("")
    rows = session.query(
        f"SELECT {_select(columns)}paper_size, SUM(pages) AS pages FROM paper_hours"
        f" WHERE {where}{_group_by(columns, 'paper_size')}",
        params,
    )
    for row in rows:
        if ask.by is Grouping.DAY:
            key = ask.key(day=ask.day_number(int(row["g0"])))
        else:
            key = ask.key(row.get("g0", ""), row.get("g1", ""))
        groups[key].papers[row["paper_size"]] += int(row["pages"])


_Gathered = dict[tuple[Any, ...], list[float]]


def _read_waits(db: Database, asks: list[_Ask]) -> tuple[tuple[str, ...], _Gathered]:
    """Every wait of the period, gathered per station, clerk and hour as far as the asks
    group by them: (the columns read, the waits per their values). A month is some 200,000
    rows: only the columns needed are read, unordered (sorting them all in the database and
    sending them in order took longer than the rest of the report)."""
    where, params = asks[0].where_hours()
    bys = {ask.by for ask in asks}
    columns = tuple(
        name
        for name, needed in (
            ("station_id", bool(bys - {None, Grouping.DAY})),
            ("clerk_id", Grouping.CLERK in bys),
            ("hour", Grouping.DAY in bys),
        )
        if needed
    )
    with db.transaction() as session:
        rows = session.tuples(
            f"SELECT {''.join(c + ', ' for c in columns)}wait_seconds FROM upload_waits"
            f" WHERE {where}",
            params,
        )
    gathered: _Gathered = defaultdict(list)
    for row in rows:
        gathered[row[:-1]].append(row[-1])
    return columns, gathered


def _add_waits(
    read: tuple[tuple[str, ...], _Gathered], asks: list[_Ask], groups: list[Groups]
) -> None:
    """A median and a nearest-rank p90 per group of each ask (ranks do not add up across
    groups), from the waits _read_waits gathered."""
    columns, gathered = read
    for ask, found in zip(asks, groups, strict=True):
        key_of = _wait_key(ask)
        split: dict[str, list[list[float]]] = defaultdict(list)
        for values, waits in gathered.items():
            of = dict(zip(columns, values, strict=True))
            key = key_of(of.get("station_id", ""), of.get("clerk_id", ""), of.get("hour", 0))
            split[key].append(waits)
        for key, parts in split.items():
            _put_ranks(found[key], parts)


def _put_ranks(group: _Group, parts: list[list[float]]) -> None:
    """The values at the median's and the p90's ranks, as sorting them all would give."""
    n = sum(len(part) for part in parts)
    ranks = sorted(r for r in {(n + 1) // 2, n // 2 + 1, math.ceil(0.9 * n)} if 1 <= r <= n)
    values = numpy.fromiter(itertools.chain.from_iterable(parts), dtype=numpy.float64, count=n)
    chosen = numpy.partition(values, [rank - 1 for rank in ranks])
    group.waits_count = n
    for rank in ranks:
        group.waits[rank] = float(chosen[rank - 1])


def _wait_key(ask: _Ask) -> Callable[[str, str, int], str]:
    if ask.by is not Grouping.DAY:
        of = _station_clerk_key(ask)
        return lambda station, clerk, _hour: of(station, clerk)
    days: dict[int, str] = {}

    def day(_station: str, _clerk: str, hour: int) -> str:
        found = days.get(hour)
        if found is None:
            found = days[hour] = ask.key(day=ask.day_number((int(hour) + ask.offset) // 24))
        return found

    return day


def _station_clerk_key(ask: _Ask) -> Callable[[str, str], str]:
    """ask.key for groupings other than by day, without its tests for every row."""
    if ask.by is Grouping.STATION:
        return lambda station, _clerk: station
    if ask.by is Grouping.UNIT:
        units = ask.keys.units
        return lambda station, _clerk: units.get(station, "")
    if ask.by is Grouping.CLERK:
        return lambda station, clerk: f"{station}/{clerk}"
    return lambda _station, _clerk: ""


def _add_received(session: Session, ask: _Ask, groups: Groups) -> None:
    """KPI 4.1 and 4.2 counts; by day, per UTC hour of receipt first, then per local day."""
    columns = ask.text_columns("received_at")
    where, params = ask.where_times("received_at")
    rows = session.query(
        f"SELECT {_select(columns)}COUNT(*) AS received,"
        " SUM(CASE WHEN digitized <> 0 AND (has_electronic_result <> 0 OR result_required = 0)"
        " THEN 1 ELSE 0 END) AS digitized,"
        " SUM(CASE WHEN result_required <> 0 THEN 1 ELSE 0 END) AS paper_result,"
        " SUM(CASE WHEN result_required <> 0 AND has_electronic_result <> 0 THEN 1 ELSE 0 END)"
        f" AS with_result FROM received_dossiers WHERE {where}{_group_by(columns)}",
        params,
    )
    for row in rows:
        counts = groups[ask.text_key(row)].counts
        for name in ("received", "digitized", "paper_result", "with_result"):
            counts[name] += int(row[name] or 0)


def _add_failures(session: Session, ask: _Ask, groups: Groups) -> None:
    columns = ask.text_columns("at")
    where, params = ask.where_times("at")
    rows = session.query(
        f"SELECT {_select(columns)}COUNT(*) AS failures, SUM(CASE WHEN"
        f" substr(reason, 1, {len(PARKED)}) = ? THEN 1 ELSE 0 END) AS parked FROM station_events"
        f" WHERE {FAILED} AND {where}{_group_by(columns)}",
        [PARKED, *params],
    )
    for row in rows:
        counts = groups[ask.text_key(row)].counts
        counts["failures"] += int(row["failures"])
        counts["parked"] += int(row["parked"] or 0)


def _read_removals(session: Session, ask: _Ask) -> list[tuple[Any, ...]]:
    """Deletes, restores and rescans of the period, in the order station/stats replays them
    (time, then event id)."""
    where, params = ask.where_times("at")
    return session.tuples(
        "SELECT station_id, clerk_id, at, kind, page_id, paper_size FROM station_events"
        f" WHERE {REMOVALS} AND {where} ORDER BY at, event_id, station_id, store_id",
        params,
    )


def _add_removals(rows: list[tuple[Any, ...]], asks: list[_Ask], groups: list[Groups]) -> None:
    """Deletes and rescans not undone by a later restore of the same page, within each group;
    blank back sides skipped and not restored come off the stored pages and their paper size,
    as station/stats counts them."""
    for ask, found in zip(asks, groups, strict=True):
        key_of = _event_key(ask)
        removed: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for station_id, clerk_id, at, kind, page_id, paper_size in rows:
            kinds = removed[(key_of(station_id, clerk_id, at), page_id)]
            if kind != EventKind.PAGE_RESTORED:
                kinds.append((kind, paper_size))
            elif kinds:
                kinds.pop()
        for (key, _page), left in removed.items():
            if left:
                group = found[key]
                kinds_left = [kind for kind, _ in left]
                group.counts["deleted"] += kinds_left.count(EventKind.PAGE_DELETED)
                group.counts["rescanned"] += kinds_left.count(EventKind.PAGE_RESCANNED)
                for kind, paper_size in left:
                    if kind == EventKind.BLANK_BACK_SKIPPED:
                        group.counts["pages_stored"] -= 1
                        group.papers[paper_size] -= 1


def _event_key(ask: _Ask) -> Callable[[str, str, str], str]:
    """The group key of an event from its station, clerk and stored time."""
    if ask.by is not Grouping.DAY:
        of = _station_clerk_key(ask)
        return lambda station, clerk, _at: of(station, clerk)
    days: dict[str, str] = {}

    def day(_station: str, _clerk: str, at: str) -> str:
        utc_hour = at[:13]
        found = days.get(utc_hour)
        if found is None:
            found = days[utc_hour] = ask.key(day=ask.day_of_hour(utc_hour))
        return found

    return day


def _figures(group: _Group) -> Figures:
    counts = group.counts
    stored, hours, days = counts["pages_stored"], counts["active_hours"], counts["active_days"]
    deleted, rescanned = counts["deleted"], counts["rescanned"]
    finished = counts["dossiers_finished"]
    received, paper = counts["received"], counts["paper_result"]
    return Figures(
        PageFigures(
            stored=stored,
            deleted=deleted,
            rescanned=rescanned,
            active_hours=hours,
            per_hour=ratio(stored, hours),
            deletes_per_100=ratio(100 * deleted, stored),
            rescans_per_100=ratio(100 * rescanned, stored),
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
            failures=counts["failures"],
            parked=counts["parked"],
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
