"""KPIs 4.1 and 4.2 on a real hub (SQLite, and a real PostgreSQL server), from two real stations
sending as they do: their dossiers, the results handed over later as addenda, and their facts.

The sequence of tests/station/stats/test_result_counting.py, split between two stations of one
unit: ten birth registrations received in November, results for six of them handed over first,
for two more later, two never; two more received in December, one with its result. A dossier
counts in the (local) month of its receipt however late its result comes, so November reads
60.00 % then 80.00 %, December stays at 50.00 %, and each station's figures on the hub are its
own. Two dossiers received early in the morning travel in the UTC month before their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from hub.db import open_database
from hub.results import results_of
from station.catalog import Catalog
from station.dossiers import DossierRequest, open_dossier
from station.stats import (
    DigitizationRate,
    ElectronicResultRate,
    Figures,
    Grouping,
    Period,
    StatsReport,
    report_from_json,
    zone,
)
from station.stats.periods import zone_name
from station.stats.source import station_report
from station.store import Store
from station.workflow import finish_dossier
from station.workflow.results import finish_result, open_for_result
from sync.enqueue import enqueue_dossier, enqueue_result, result_payload
from sync.jobs import JobState
from sync.worker import SyncWorker
from tests.helpers.hub import HubHandle
from tests.hub.conftest import AccountClient, fetch_token, log_in
from tests.hub.test_stats import hub_cli
from tests.station.workflow.support import scanned_page
from tests.sync.client.conftest import FAST
from tests.sync.client.support import jobs_of

BIRTH = "1.001193"  # đăng ký khai sinh: a paper result (KQ1, the birth certificate)
UNIT = "000.00.14.H05"
OTHER_UNIT = "000.00.15.H05"
A, B = "ST-XA-A", "ST-XA-B"
VIETNAM = zone()  # Asia/Ho_Chi_Minh: whole hours, so the hub sums its rollups
KOLKATA = zone("Asia/Kolkata")  # half an hour off: the hub reads every row instead

# Dossier numbers: received in November at A (1-6) and B (7-10), in December at A (11), B (12).
NOVEMBER_AT = {A: range(1, 7), B: range(7, 11)}
DECEMBER_AT = {A: 11, B: 12}
RESULTS_FIRST = {A: (1, 2, 3, 4), B: (7, 8)}  # six of November's, and December's 11
RESULTS_LATER = {A: (5,), B: (9,)}  # two more; 6 and 10 never come back


def code(number: int) -> str:
    day = received_on(number)
    return f"{UNIT}-{day.strftime('%y%m%d')}-{number:04d}"


# Early in the morning, local time, these fall in the month before in UTC: a station sends its
# received dossiers in UTC months, and the hub counts them in the local month all the same.
EARLY = {1: "2026-11-01 05:00", 12: "2026-12-01 06:30"}


def received_on(number: int) -> datetime:
    day = f"2026-11-{number + 2:02d}" if number <= 10 else "2026-12-03"
    when = EARLY.get(number, f"{day} 09:00")
    return datetime.fromisoformat(when).replace(tzinfo=VIETNAM)


# Two stations, one hub -------------------------------------------------------------------------
class Station:
    def __init__(self, station_id: str, clerk: str, home: Path, catalog: Catalog) -> None:
        self.station_id = station_id
        self.clerk = clerk
        self.home = home
        self.catalog = catalog
        self.store = Store.open(home)

    def connect(self, hub: HubHandle) -> None:
        self.secret = hub.connect(self.store, self.station_id, UNIT, self.home.parent)

    def receive(self, number: int) -> None:
        request = DossierRequest(code(number), BIRTH, received_at=received_on(number),
                                 clerk_id=self.clerk)  # fmt: skip
        open_dossier(self.store, self.catalog, request)
        scanned_page(self.store, code(number), "A6", "TP1")
        finish_dossier(self.store, self.catalog, code(number), "jpeg",
                       override_reason="giấy tờ kiểm tra riêng", workers=1)  # fmt: skip
        enqueue_dossier(self.store, self.catalog, code(number))

    def hand_over_result(self, number: int) -> str:
        open_for_result(self.store, self.catalog, code(number))
        scanned_page(self.store, code(number), "A6", "KQ1")
        receipt = finish_result(self.store, self.catalog, code(number), "jpeg", workers=1)
        enqueue_result(self.store, self.catalog, code(number), receipt.addendum_id)
        return receipt.addendum_id

    def send(self) -> None:
        """What the station's sender does: the queue, then the facts the hub lacks."""
        SyncWorker(self.home, options=FAST).run(until_idle=True, timeout=60)
        SyncWorker(self.home, options=FAST).run(once=True)  # facts after the last upload
        assert {j.state for j in jobs_of(self.home)} == {JobState.DONE}

    def report(self, period: Period, by: Grouping | None = None) -> StatsReport:
        return station_report(self.store, self.catalog, period, by)


@pytest.fixture
def stations(
    any_hub: HubHandle, home: Path, tmp_path: Path, catalog: Catalog
) -> Iterator[dict[str, Station]]:
    both = {
        A: Station(A, "lan", home, catalog),
        B: Station(B, "hoa", tmp_path / "station-b", catalog),
    }
    for station in both.values():
        station.connect(any_hub)
    yield both
    for station in both.values():
        station.store.close()


# What the hub answers --------------------------------------------------------------------------
def hub_stats(supervisor: AccountClient, period: Period, **params: str) -> dict[str, Any]:
    response = supervisor.get(
        "/api/v1/stats",
        params={"since": period.first_day.isoformat(), "until": period.last_day.isoformat(),
                "tz": zone_name(period.tz), **params},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    return response.json()


def rates(payload: dict[str, Any]) -> tuple[DigitizationRate, ElectronicResultRate]:
    total = report_from_json(payload).total
    return total.digitization, total.electronic_results


def assert_hub_agrees_with_stations(
    supervisor: AccountClient, stations: dict[str, Station], month: int
) -> tuple[DigitizationRate, ElectronicResultRate]:
    """Every figure of each station and of each clerk, and the rates of each day, on the hub as
    on the stations, in both ways the hub adds them up; returns the hub's rates for the unit."""
    found = []
    for tz in (VIETNAM, KOLKATA):
        period = Period.month(2026, month, tz)
        payload = hub_stats(supervisor, period, by="station")
        groups = report_from_json(payload).groups
        assert groups == {name: s.report(period).total for name, s in stations.items()}
        by_clerk = report_from_json(hub_stats(supervisor, period, by="clerk")).groups
        assert by_clerk == {
            f"{name}/{clerk}": figures
            for name, s in stations.items()
            for clerk, figures in s.report(period, Grouping.CLERK).groups.items()
        }
        by_day = report_from_json(hub_stats(supervisor, period, by="day")).groups
        assert _received_days(by_day) == {  # one station received on each of these days
            day: kpis
            for s in stations.values()
            for day, kpis in _received_days(s.report(period, Grouping.DAY).groups).items()
        }
        found.append(rates(payload))
    assert found[0] == found[1]
    return found[0]


def _received_days(groups: dict[str, Figures]) -> dict[str, tuple[Any, ...]]:
    return {
        day: (f.digitization, f.electronic_results)
        for day, f in groups.items()
        if f.digitization.received
    }


def committed_results(hub: HubHandle) -> dict[str, list[str]]:
    """The hub's record of the addenda it committed: per dossier, the result components."""
    found: dict[str, list[str]] = {}
    database = open_database(hub.config.dsn, hub.config.sqlite_path)
    with database.transaction() as session:
        for row in session.query("SELECT station_id, dossier_code FROM results"):
            for addendum in results_of(session, row["station_id"], row["dossier_code"]):
                found[addendum["dossier_code"]] = addendum["components"]
    return found


def test_results_count_in_the_month_of_receipt_across_stations(
    any_hub: HubHandle, stations: dict[str, Station]
) -> None:
    supervisor = log_in(any_hub, "tinh", "province_supervisor")
    for name, station in stations.items():
        for number in (*NOVEMBER_AT[name], DECEMBER_AT[name]):
            station.receive(number)
        station.send()
    held = {s.station_id: sorted(s.store.settings("metrics.received.")) for s in stations.values()}
    assert held == {  # the UTC months the hub acknowledged holding
        A: ["metrics.received.2026-10", "metrics.received.2026-11", "metrics.received.2026-12"],
        B: ["metrics.received.2026-11"],
    }
    nov, dec = (assert_hub_agrees_with_stations(supervisor, stations, m) for m in (11, 12))
    assert nov == (DigitizationRate(10, 0, 0.0), ElectronicResultRate(10, 0, 0.0))
    assert dec == (DigitizationRate(2, 0, 0.0), ElectronicResultRate(2, 0, 0.0))

    for name, station in stations.items():  # handed over in November, and December's 11
        for number in RESULTS_FIRST[name]:
            station.hand_over_result(number)
        if name == A:
            station.hand_over_result(DECEMBER_AT[A])
        station.send()
    nov, dec = (assert_hub_agrees_with_stations(supervisor, stations, m) for m in (11, 12))
    assert nov == (DigitizationRate(10, 6, 60.0), ElectronicResultRate(10, 6, 60.0))
    assert dec == (DigitizationRate(2, 1, 50.0), ElectronicResultRate(2, 1, 50.0))

    for name, station in stations.items():  # handed over in December: still November's
        for number in RESULTS_LATER[name]:
            station.hand_over_result(number)
        station.send()
    nov, dec = (assert_hub_agrees_with_stations(supervisor, stations, m) for m in (11, 12))
    assert nov == (DigitizationRate(10, 8, 80.0), ElectronicResultRate(10, 8, 80.0))
    assert dec == (DigitizationRate(2, 1, 50.0), ElectronicResultRate(2, 1, 50.0)), "unaffected"

    by_unit = hub_stats(supervisor, Period.month(2026, 11, VIETNAM), by="unit")
    assert [g["key"] for g in by_unit["groups"]] == [UNIT]
    assert by_unit["groups"][0]["digitization"] == {"received": 10, "digitized": 8, "rate": 80.0}
    printed = hub_cli(any_hub, "stats", "--since", "2026-11-01", "--until", "2026-11-30",
                      "--by", "unit", "--json")  # fmt: skip
    assert json.loads(printed)["groups"] == by_unit["groups"]

    handed_over = (*RESULTS_FIRST[A], *RESULTS_FIRST[B], DECEMBER_AT[A], 5, 9)
    assert committed_results(any_hub) == {code(n): ["KQ1"] for n in handed_over}


# The addendum itself, on either database ------------------------------------------------------
@dataclass(frozen=True)
class Stranger:
    """A station of another unit, with nothing of its own."""

    station_id: str
    secret: str


def post_result(
    hub: HubHandle, station: Station | Stranger, body: dict[str, Any]
) -> requests.Response:
    token = fetch_token(hub, station.station_id, station.secret)
    return requests.post(
        f"{hub.url}/api/v1/results",
        json={**body, "station_id": station.station_id},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )


def again_when_busy(
    hub: HubHandle, station: Station, body: dict[str, Any], answer: requests.Response
) -> requests.Response:
    """The station's own retry: a request that met its twin's signature check in progress is
    refused with station_busy and Retry-After, and sent again once that check is over."""
    if answer.status_code != 503:
        return answer
    assert answer.json() == {"error": "station_busy"}
    assert answer.headers["Retry-After"]
    return post_result(hub, station, body)


def set_result_jobs(station: Station, state: str) -> None:
    with station.store.database.transaction() as conn:
        conn.execute("UPDATE sync_job SET state = ? WHERE kind = 'result'", (state,))


def test_an_addendum_commits_once_and_is_refused_where_it_must_be(
    any_hub: HubHandle, stations: dict[str, Station]
) -> None:
    mine, other = stations[A], stations[B]
    mine.receive(1)
    addendum = mine.hand_over_result(1)
    set_result_jobs(mine, "failed")  # its files go; its manifest is ours to send
    SyncWorker(mine.home, options=FAST).run(until_idle=True, timeout=60)
    assert committed_results(any_hub) == {}
    files = [f for f in mine.store.dossier_files(code(1)) if f.addendum_id == addendum]
    body = result_payload(mine.store, files, addendum)

    with ThreadPoolExecutor(2) as pool:  # the same addendum twice at once: one commit
        answers = list(pool.map(lambda _: post_result(any_hub, mine, body), range(2)))
    answers = [again_when_busy(any_hub, mine, body, a) for a in answers]
    assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
    assert answers[0].json() == answers[1].json()
    assert answers[0].json()["addendum_id"] == addendum
    assert committed_results(any_hub) == {code(1): ["KQ1"]}
    assert len(list(any_hub.data_dir.rglob("result-*.json"))) == 1

    stranger = Stranger("ST-HUYEN-C", any_hub.add_station("ST-HUYEN-C", unit_code=OTHER_UNIT))
    refused = {
        "another unit's dossier": post_result(any_hub, stranger, body),
        "an unknown dossier": post_result(any_hub, other, {**body, "dossier_code": code(12)}),
        "another body, same id": post_result(any_hub, mine, {**body, "clerk_id": "hoa"}),
    }
    assert {why: (r.status_code, r.json()["error"]) for why, r in refused.items()} == {
        "another unit's dossier": (403, "dossier_of_other_station"),
        "an unknown dossier": (404, "dossier_unknown"),
        "another body, same id": (422, "addendum_id_reused"),
    }

    set_result_jobs(mine, "queued")  # the station's own send: the same answer, nothing new
    mine.send()
    assert committed_results(any_hub) == {code(1): ["KQ1"]}
    assert len(list(any_hub.data_dir.rglob("result-*.json"))) == 1
