"""Results awaiting scan on a real hub (SQLite, and a real PostgreSQL server), from two real
stations of one unit sending as they do: the hub's figure, per station, clerk, unit and in
total, is each station's own `results_awaiting`, before and after a result is handed over and
sent. A dossier still open at the counter does not wait for its result; one whose result was
scanned but not sent yet still waits on the hub, until the station's next round.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any

from hub import clock
from hub.awaiting import Awaiting, read_awaiting
from hub.db import open_database
from hub.schema import AWAITING_VERSION, MIGRATIONS, ROLLUP_VERSION
from station.catalog import Catalog
from station.dossiers import DossierRequest, open_dossier
from station.stats import Period
from station.stats.serialize import report_to_json
from station.workflow.awaiting import results_awaiting
from tests.helpers.hub import HubHandle
from tests.hub.conftest import AccountClient, log_in
from tests.hub.test_result_rates import (  # noqa: F401 (fixtures)
    BIRTH,
    UNIT,
    VIETNAM,
    A,
    B,
    Station,
    code,
    hub_stats,
    received_on,
    stations,
)
from tests.hub.test_stats import hub_cli
from tests.station.workflow.support import scanned_page

NOVEMBER = Period.month(2026, 11, VIETNAM)
RECEIVED = {A: (1, 2, 3, 4), B: (7, 8, 9)}
OPEN_AT_A = 5  # received, a page scanned, not finished: no result awaited yet


def station_figure(station: Station) -> tuple[int | None, datetime | None]:
    """What `sohoa stats --json` says, and the oldest of `sohoa results pending`."""
    printed = report_to_json(station.report(NOVEMBER))["results_awaiting"]
    pending = results_awaiting(station.store, station.catalog)
    return printed, min((p.received_at for p in pending), default=None)


def hub_figure(item: dict[str, Any]) -> tuple[int | None, datetime | None]:
    oldest = item["results_awaiting_oldest_at"]
    return item["results_awaiting"], None if oldest is None else clock.parse(oldest)


def days_since(moment: datetime | None) -> int | None:
    return None if moment is None else (clock.now() - moment).days


def assert_hub_agrees(hub: HubHandle, supervisor: AccountClient, both: dict[str, Station]) -> int:
    """The hub's figure, everywhere it shows, equals the stations'; returns the total."""
    own = {name: station_figure(s) for name, s in both.items()}
    total = sum(count or 0 for count, _ in own.values())
    oldest = min((at for _, at in own.values() if at is not None), default=None)

    payload = hub_stats(supervisor, NOVEMBER, by="station")
    assert hub_figure(payload) == (total, oldest)
    assert payload["results_awaiting_oldest_days"] == days_since(oldest)
    assert {g["key"]: hub_figure(g) for g in payload["groups"]} == own
    assert {s["station_id"]: hub_figure(s) for s in payload["stations"]} == own

    by_unit = hub_stats(supervisor, NOVEMBER, by="unit")
    assert [(g["key"], hub_figure(g)) for g in by_unit["groups"]] == [(UNIT, (total, oldest))]
    by_clerk = hub_stats(supervisor, NOVEMBER, by="clerk")
    assert {g["key"]: g["results_awaiting"] for g in by_clerk["groups"]} == {
        f"{name}/{s.clerk}": own[name][0] for name, s in both.items()
    }
    by_day = hub_stats(supervisor, NOVEMBER, by="day")
    assert {g["results_awaiting"] for g in by_day["groups"]} == {None}  # a figure of now

    since, until = NOVEMBER.first_day.isoformat(), NOVEMBER.last_day.isoformat()
    cli = ("stats", "--since", since, "--until", until, "--tz", "Asia/Ho_Chi_Minh")
    printed = json.loads(hub_cli(hub, *cli, "--by", "station", "--json"))
    assert hub_figure(printed) == (total, oldest)
    assert {g["key"]: hub_figure(g) for g in printed["groups"]} == own
    table = hub_cli(hub, *cli)
    assert f"Results awaiting scan: {total} hồ sơ / dossiers" in table
    if oldest is not None:
        assert f"longest wait: {days_since(oldest)} ngày / days" in table
    lines = {line.split("\t")[0].strip(): line for line in table.splitlines() if "\t" in line}
    assert {name: lines[name].rsplit("\t", 1)[1] for name in own} == {
        name: str(count) for name, (count, _) in own.items()
    }
    return total


def test_the_hub_counts_results_awaiting_as_each_station_does(
    any_hub: HubHandle,
    stations: dict[str, Station],  # noqa: F811
    catalog: Catalog,
) -> None:
    supervisor = log_in(any_hub, "tinh", "province_supervisor")
    for name, station in stations.items():
        for number in RECEIVED[name]:
            station.receive(number)
    at_a = stations[A]
    request = DossierRequest(code(OPEN_AT_A), BIRTH, received_at=received_on(OPEN_AT_A),
                             clerk_id=at_a.clerk)  # fmt: skip
    open_dossier(at_a.store, catalog, request)
    scanned_page(at_a.store, code(OPEN_AT_A), "A6", "TP1")
    for station in stations.values():
        station.send()
    assert assert_hub_agrees(any_hub, supervisor, stations) == 7

    at_a.hand_over_result(1)  # the oldest, at A; not sent yet
    assert station_figure(at_a)[0] == 3
    before = hub_stats(supervisor, NOVEMBER, by="station")
    assert (before["results_awaiting"], before["groups"][0]["results_awaiting"]) == (7, 4)

    at_a.send()
    assert assert_hub_agrees(any_hub, supervisor, stations) == 6

    for station, numbers in ((at_a, (2, 3, 4)), (stations[B], (7, 8, 9))):
        for number in numbers:
            station.hand_over_result(number)
        station.send()
    assert assert_hub_agrees(any_hub, supervisor, stations) == 0


def test_a_unit_supervisor_sees_the_figure_of_the_unit_only(
    any_hub: HubHandle,
    stations: dict[str, Station],  # noqa: F811
) -> None:
    for name, station in stations.items():
        station.receive(RECEIVED[name][0])
        station.send()
    any_hub.add_station("ST-OTHER", unit_code="000.00.15.H05")
    unit = log_in(any_hub, "xa", "unit_supervisor", UNIT)
    payload = hub_stats(unit, NOVEMBER, by="unit")
    assert payload["results_awaiting"] == 2
    assert [(g["key"], g["results_awaiting"]) for g in payload["groups"]] == [(UNIT, 2)]
    assert {s["station_id"]: s["results_awaiting"] for s in payload["stations"]} == {A: 1, B: 1}


def test_a_hub_of_the_version_before_gains_the_column_and_waits_for_the_stations_word(
    tmp_path: Path,
) -> None:
    path = tmp_path / "hub.sqlite3"
    received = "2026-11-03T02:00:00.000000Z"
    with closing(sqlite3.connect(path)) as db, db:
        for version, statements in MIGRATIONS:
            for statement in statements if version < AWAITING_VERSION else ():
                db.execute(statement)
        db.execute("INSERT INTO hub_schema (version) VALUES (?)", (ROLLUP_VERSION,))
        db.execute("INSERT INTO station_profiles (station_id, store_id, facts_received_at)"
                   " VALUES ('old', 'store-old', '2026-12-01T00:00:00.000000Z')")  # fmt: skip
        db.execute(
            "INSERT INTO received_dossiers VALUES ('old', 'store-old', '2026-11', 'D1', ?, 'lan',"
            " ?, 1, 1, 0)",
            (BIRTH, received),
        )
    for _ in range(2):  # every start runs the schema again; the column is added once
        database = open_database(None, path)
    said_nothing = read_awaiting(database, None)
    assert (said_nothing.station("old"), said_nothing.total()) == (None, None)
    with database.transaction(write=True) as session:  # as its next facts say
        session.execute("UPDATE received_dossiers SET finished = 1")
    assert read_awaiting(database, None).station("old") == Awaiting(1, clock.parse(received))
