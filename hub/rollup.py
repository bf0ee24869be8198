"""Hourly rollups of station events, written in the transaction that stores the events.

A province's month is millions of events; its overview must not read them one by one. Each
event stored is also counted in `event_hours` (per station, clerk and UTC hour), a page in
`paper_hours` (per paper size), and a confirmed upload's wait in `upload_waits`; the figures
are then sums over hours (hub/rollup_report.py). Only events the store did not already hold
are counted, so a resent request changes nothing here either.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any, Protocol

from hub import clock
from station.events import EventKind
from station.stats.figures import COUNTER_KINDS


class Writes(Protocol):
    def execute(self, sql: str, params: Any = ()) -> int: ...

    def execute_many(self, sql: str, rows: Any) -> None: ...


@dataclass(frozen=True)
class StoredEvent:
    """An event as the store holds it: times in clock.py's text format."""

    station_id: str
    clerk_id: str
    kind: str
    at: str
    paper_size: str = ""
    pages: int = 0
    reason: str = ""
    first_page_at: str | None = None


@dataclass
class HourCounts:
    events: int = 0
    pages_stored: int = 0
    dossiers_opened: int = 0
    dossiers_finished: int = 0
    finished_with_override: int = 0
    finished_pages: int = 0
    counter_events: int = 0
    uploads_confirmed: int = 0


COUNT_COLUMNS = tuple(f.name for f in fields(HourCounts))
ROLLUP_TABLES = ("event_hours", "station_hours", "paper_hours", "upload_waits")


def hour_of(at_text: str) -> int:
    """Hours since 1970 (UTC) of a stored time."""
    return int(clock.parse(at_text).timestamp() // 3600)


def wait_seconds(event: StoredEvent) -> float | None:
    """First page to confirmed upload, as station/stats computes it from the same texts."""
    if event.kind != EventKind.UPLOAD_CONFIRMED or event.first_page_at is None:
        return None
    return (clock.parse(event.at) - clock.parse(event.first_page_at)).total_seconds()


@dataclass
class Rollup:
    """Counts of a batch of new events, ready to be added to the tables."""

    hours: dict[tuple[str, str, int], HourCounts]
    papers: dict[tuple[str, str, int, str], int]
    waits: list[tuple[str, str, int, float]]


def rolled(events: Iterable[StoredEvent]) -> Rollup:
    hours: dict[tuple[str, str, int], HourCounts] = defaultdict(HourCounts)
    papers: dict[tuple[str, str, int, str], int] = defaultdict(int)
    waits: list[tuple[str, str, int, float]] = []
    for event in events:
        hour = hour_of(event.at)
        counts = hours[(event.station_id, event.clerk_id, hour)]
        counts.events += 1
        counts.counter_events += int(event.kind in COUNTER_KINDS)
        if event.kind == EventKind.PAGE_STORED:
            counts.pages_stored += 1
            papers[(event.station_id, event.clerk_id, hour, event.paper_size)] += 1
        elif event.kind == EventKind.DOSSIER_OPENED:
            counts.dossiers_opened += 1
        elif event.kind == EventKind.DOSSIER_FINISHED:
            counts.dossiers_finished += 1
            counts.finished_with_override += int(bool(event.reason))
            counts.finished_pages += event.pages
        elif event.kind == EventKind.UPLOAD_CONFIRMED:
            counts.uploads_confirmed += 1
            wait = wait_seconds(event)
            if wait is not None:
                waits.append((event.station_id, event.clerk_id, hour, wait))
    return Rollup(dict(hours), dict(papers), waits)


_ADD_HOURS = (
    "INSERT INTO event_hours (station_id, clerk_id, hour, " + ", ".join(COUNT_COLUMNS) + ")"
    " VALUES (?, ?, ?, " + ", ".join("?" for _ in COUNT_COLUMNS) + ")"
    " ON CONFLICT (station_id, clerk_id, hour) DO UPDATE SET "
    + ", ".join(f"{c} = event_hours.{c} + excluded.{c}" for c in COUNT_COLUMNS)
)
_ADD_STATION_HOURS = (
    "INSERT INTO station_hours (station_id, hour, " + ", ".join(COUNT_COLUMNS) + ")"
    " VALUES (?, ?, " + ", ".join("?" for _ in COUNT_COLUMNS) + ")"
    " ON CONFLICT (station_id, hour) DO UPDATE SET "
    + ", ".join(f"{c} = station_hours.{c} + excluded.{c}" for c in COUNT_COLUMNS)
)
_ADD_PAPERS = (
    "INSERT INTO paper_hours (station_id, clerk_id, hour, paper_size, pages) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT (station_id, clerk_id, hour, paper_size)"
    " DO UPDATE SET pages = paper_hours.pages + excluded.pages"
)
_ADD_WAIT = (
    "INSERT INTO upload_waits (station_id, clerk_id, hour, wait_seconds) VALUES (?, ?, ?, ?)"
)


def add(session: Writes, rollup: Rollup) -> None:
    """Adds the counts to the tables (in the caller's transaction)."""
    session.execute_many(
        _ADD_HOURS,
        [
            (*key, *(getattr(counts, c) for c in COUNT_COLUMNS))
            for key, counts in rollup.hours.items()
        ],
    )
    stations: dict[tuple[str, int], HourCounts] = defaultdict(HourCounts)
    for (station_id, _clerk, hour), counts in rollup.hours.items():
        summed = stations[(station_id, hour)]
        for column in COUNT_COLUMNS:
            setattr(summed, column, getattr(summed, column) + getattr(counts, column))
    session.execute_many(
        _ADD_STATION_HOURS,
        [(*key, *(getattr(counts, c) for c in COUNT_COLUMNS)) for key, counts in stations.items()],
    )
    session.execute_many(_ADD_PAPERS, [(*key, pages) for key, pages in rollup.papers.items()])
    session.execute_many(_ADD_WAIT, rollup.waits)


class Queries(Writes, Protocol):
    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]: ...


def rebuild(session: Queries) -> None:
    """The rollups of every stored event, from scratch (the migration that adds them), one
    station at a time so a province's events never sit in memory at once."""
    for table in ROLLUP_TABLES:
        session.execute(f"DELETE FROM {table}")
    stations = session.query("SELECT DISTINCT station_id FROM station_events ORDER BY station_id")
    for station in (row["station_id"] for row in stations):
        rows = session.query(
            "SELECT station_id, clerk_id, kind, at, paper_size, pages, reason, first_page_at"
            " FROM station_events WHERE station_id = ?",
            (station,),
        )
        add(session, rolled(StoredEvent(**row) for row in rows))
