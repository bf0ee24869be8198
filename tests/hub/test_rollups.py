"""The figures from the hourly rollups equal those station/stats computes from every event, on
SQLite and PostgreSQL, for every grouping, scope and a few periods; resent facts change
nothing, and a database that had events before the rollups existed gets them filled in. Blank
back sides a station skipped come off the stored pages the same way on both sides."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from hub import clock, rollup
from hub.db import open_database
from hub.facts import FactEvent, ReceivedFact, ReceivedMonth, StationFacts, hub_facts, record_facts
from hub.rollup_report import fixed_offset_hours, rolled_day_points, rolled_report
from station.stats.export import daily_points
from station.stats.figures import Grouping, GroupKeys, stats_report
from station.stats.periods import Period, zone
from station.stats.serialize import report_to_json

STATIONS = ("ST-A", "ST-B", "ST-C")
UNITS = {"ST-A": "U1", "ST-B": "U1", "ST-C": "U2"}
START = datetime(2026, 11, 1, tzinfo=UTC)


def _random_events(rng: random.Random, count: int) -> list[FactEvent]:
    events, pages = [], []
    for number in range(1, count + 1):
        at = START + timedelta(days=rng.randrange(20), hours=rng.randrange(24), seconds=number)
        kind = rng.choice(
            ["page_stored"] * 6
            + ["page_deleted", "page_restored", "page_rescanned", "blank_back_skipped"]
            + ["dossier_opened"]
            + ["dossier_finished", "upload_confirmed", "upload_failed"]
        )
        page = f"p{rng.randrange(40)}" if kind.startswith("page_") else ""
        pages.append(page)
        first = at - timedelta(seconds=rng.uniform(1, 90_000))
        events.append(
            FactEvent(
                id=number,
                kind=kind,
                at=clock.to_text(at),
                clerk_id=rng.choice(["lan", "minh"]),
                dossier_code=f"D-{rng.randrange(30)}",
                page_id=page,
                paper_size=rng.choice(["A4", "A3", ""])
                if kind in ("page_stored", "blank_back_skipped")
                else "",
                pages=rng.randrange(1, 9) if kind == "dossier_finished" else 0,
                reason=rng.choice(["", "", "parked:busy", "x"])
                if kind in ("dossier_finished", "upload_failed")
                else "",
                first_page_at=clock.to_text(first)
                if kind == "upload_confirmed" and rng.random() < 0.8
                else None,
            )
        )
    return events


def _received(rng: random.Random, count: int) -> list[ReceivedMonth]:
    rows = []
    for number in range(count):
        at = START + timedelta(days=rng.randrange(20), hours=rng.randrange(24))
        rows.append(
            ReceivedFact(
                f"R-{number}",
                "1.001193",
                rng.choice(["lan", "minh"]),
                clock.to_text(at),
                rng.random() < 0.7,
                rng.random() < 0.5,
                rng.random() < 0.5,
            )  # fmt: skip
        )
    return [ReceivedMonth("2026-11", "0" * 64, rows)]


def _fill(db: Any, seed: int = 7) -> None:
    rng = random.Random(seed)
    for station in STATIONS:
        facts = StationFacts(
            store_id="S1", events=_random_events(rng, 400), received=_received(rng, 60)
        )
        record_facts(db, station, "2026-11-21T00:00:00Z", facts)
        record_facts(db, station, "2026-11-21T00:00:00Z", facts)  # resent: nothing changes


def _both_ways(db: Any, period: Period, by: Grouping | None, scope: Any) -> tuple[Any, Any]:
    keys = GroupKeys(UNITS, clerk_with_station=True)
    facts = hub_facts(db, period.start, period.end, scope)
    expected = report_to_json(stats_report(facts, period, by, None, keys))
    offset = fixed_offset_hours(period)
    assert offset is not None
    found = report_to_json(rolled_report(db, period, offset, by, keys, scope, None))
    return found, expected


PERIODS = [
    Period(date(2026, 11, 1), date(2026, 11, 30), zone()),
    Period(date(2026, 11, 3), date(2026, 11, 3), zone()),
    Period(date(2026, 11, 5), date(2026, 11, 12), zone("UTC")),
]


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = open_database(None, tmp_path_factory.mktemp("rollups") / "hub.sqlite3")
    _fill(db)
    return db


@pytest.mark.parametrize("period", PERIODS, ids=["month", "day", "utc-week"])
@pytest.mark.parametrize("by", [None, *Grouping], ids=lambda by: str(by))
@pytest.mark.parametrize("scope", [None, frozenset({"ST-A", "ST-C"})], ids=["all", "two"])
def test_rolled_figures_equal_the_figures_from_every_event_on_sqlite(
    sqlite_db: Any, period: Period, by: Grouping | None, scope: Any
) -> None:
    found, expected = _both_ways(sqlite_db, period, by, scope)
    assert expected["total"]["pages"]["stored"] > 0
    assert found == expected


def test_rolled_figures_equal_the_figures_from_every_event_on_postgresql(
    server_dsn: str, tmp_path: Path
) -> None:
    from tests.hub.postgres import fresh_database

    db = open_database(fresh_database(server_dsn, "rollups"), tmp_path / "unused")
    _fill(db)
    for period in PERIODS:
        for by in [None, *Grouping]:
            found, expected = _both_ways(db, period, by, None)
            assert found == expected, (period, by)
        facts = hub_facts(db, period.start, period.end, None)
        points = daily_points(stats_report(facts, period, Grouping.DAY))
        offset = fixed_offset_hours(period)
        assert offset is not None
        assert rolled_day_points(db, period, offset, None) == points, period


@pytest.mark.parametrize("period", PERIODS, ids=["month", "day", "utc-week"])
@pytest.mark.parametrize("scope", [None, frozenset({"ST-A", "ST-C"})], ids=["all", "two"])
def test_the_charts_points_from_the_rollups_equal_those_from_every_event(
    sqlite_db: Any, period: Period, scope: Any
) -> None:
    facts = hub_facts(sqlite_db, period.start, period.end, scope)
    expected = daily_points(stats_report(facts, period, Grouping.DAY))
    offset = fixed_offset_hours(period)
    assert offset is not None
    assert any(point.pages for point in expected)
    assert rolled_day_points(sqlite_db, period, offset, scope) == expected


def test_a_zone_that_changes_its_offset_is_left_to_the_events() -> None:
    paris = zone("Europe/Paris")
    assert fixed_offset_hours(Period(date(2026, 10, 20), date(2026, 10, 30), paris)) is None
    assert fixed_offset_hours(Period(date(2026, 11, 1), date(2026, 11, 30), paris)) == 1
    assert (
        fixed_offset_hours(Period(date(2026, 11, 1), date(2026, 11, 2), zone("Asia/Kolkata")))
        is None
    )


def test_events_stored_before_the_rollups_existed_are_rolled_up_at_start(tmp_path: Path) -> None:
    path = tmp_path / "hub.sqlite3"
    db = open_database(None, path)
    _fill(db)
    period = PERIODS[0]
    before = _both_ways(db, period, Grouping.STATION, None)[0]
    with db.transaction(write=True) as session:
        for table in rollup.ROLLUP_TABLES:
            session.execute(f"DELETE FROM {table}")
        session.execute("DELETE FROM hub_schema WHERE version = 6")
    reopened = open_database(None, path)
    found, expected = _both_ways(reopened, period, Grouping.STATION, None)
    assert found == expected == before
