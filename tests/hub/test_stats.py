"""Figures across stations on a real hub (SQLite, and a real PostgreSQL server): a known month at
three stations, sent as stations send it, every figure checked exactly.

Stations 1 and 2 are the scenario of tests/station/stats (registered in one unit); station 3
works late on the month's last evening for another unit (the agency it reports), and went
quiet; station 4 is registered and never seen.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hub.cli import hub_group
from station.events import Event, EventKind
from station.stats import (
    DigitizationRate,
    DossierFigures,
    Durations,
    ElectronicResultRate,
    Figures,
    PageFigures,
    ReceivedDossier,
    UploadFigures,
    report_from_json,
)
from station.stats.serialize import (
    event_to_json,
    received_digest,
    received_month,
    received_to_json,
)
from station.upload_facts import failure_reason
from tests.helpers.hub import HubHandle, running_hub
from tests.hub.conftest import AccountClient, StationClient, connect, log_in
from tests.hub.postgres import fresh_database
from tests.station.stats.scenario import EVENTS, RECEIVED, S1, S2, UPLOADS, local
from tests.station.stats.scenario import FAILURES as SCENARIO_FAILURES
from tests.station.stats.test_figures import LAN, MINH, NOVEMBER_TOTAL, STATION_1, STATION_2

K = EventKind
S3, S4 = "station-3", "station-4"
UNIT = "000.00.14.H05"  # registered on the hub for stations 1 and 2
AGENCY_3 = "000.00.31.H05"  # reported by station 3 itself
QUIET = 2  # seconds without news before a station counts as offline

STATION_3_EVENTS = (
    Event(K.DOSSIER_OPENED, local("2026-11-30 23:40"), S3, "tuan", "D20"),
    Event(K.PAGE_STORED, local("2026-11-30 23:45"), S3, "tuan", "D20", "t1", "A4"),
    Event(K.PAGE_STORED, local("2026-11-30 23:46"), S3, "tuan", "D20", "t2", "A4"),
    Event(K.DOSSIER_FINISHED, local("2026-11-30 23:50"), S3, "tuan", "D20", pages=2),
    Event(K.UPLOAD_FAILED, local("2026-11-30 23:55"), S3, "tuan", "D20", reason="sync_offline"),
    Event(K.UPLOAD_FAILED, local("2026-11-30 23:58"), S3, "tuan", "D20", reason="sync_offline"),
    Event(K.UPLOAD_CONFIRMED, local("2026-12-01 00:20"), S3, "tuan", "D20"),  # December's
)
# Received at 23:40 on the month's last evening, local time: November's.
STATION_3_RECEIVED = (
    ReceivedDossier("D20", S3, "tuan", local("2026-11-30 23:40"), True, False, False),
)
FIRST_PAGES = {(S3, "D20"): local("2026-11-30 23:45")}

STATION_3 = Figures(
    PageFigures(2, 0, 0, 1, 2.0, 0.0, 0.0, {"A4": 2}),
    DossierFigures(1, 1, 0, 1, 1.0, 2.0),
    UploadFigures(0, 2, 0, Durations(0, None, None)),
    DigitizationRate(1, 1, 100.0),
)
ALL_NOVEMBER = Figures(
    PageFigures(
        stored=13,
        deleted=1,
        rescanned=1,
        active_hours=6,  # station-hours: 23h on the 30th at stations 2 and 3 are two
        per_hour=2.17,  # 13 / 6
        deletes_per_100=7.69,
        rescans_per_100=7.69,
        paper_sizes={"": 2, "A3": 1, "A4": 10},
    ),
    DossierFigures(
        opened=4,
        finished=4,
        finished_with_override=1,
        active_days=4,
        finished_per_day=1.0,
        pages_per_dossier=2.5,
    ),
    UploadFigures(
        confirmed=4, failures=4, parked=1, first_page_to_upload=Durations(3, 8700.0, 154500.0)
    ),
    DigitizationRate(received=7, digitized=4, rate=57.14),
    ElectronicResultRate(paper_result=3, with_result=1, rate=33.33),  # D20 returns none
)


# What each station sends ---------------------------------------------------------------------
def scenario_events() -> dict[str, list[Event]]:
    """Every station's events, uploads and failures as the worker records them."""
    by_station: dict[str, list[Event]] = defaultdict(list)
    for e in (*EVENTS, *STATION_3_EVENTS):
        by_station[e.station_id].append(e)
    for u in UPLOADS:
        by_station[u.station_id].append(
            Event(K.UPLOAD_CONFIRMED, u.confirmed_at, u.station_id, u.clerk_id, u.dossier_code)
        )
        if u.first_page_at is not None:
            FIRST_PAGES[(u.station_id, u.dossier_code)] = u.first_page_at
    for f in SCENARIO_FAILURES:
        reason = failure_reason(f.error_code, f.parked)
        by_station[f.station_id].append(
            Event(K.UPLOAD_FAILED, f.failed_at, f.station_id, f.clerk_id, f.dossier_code,
                  reason=reason)
        )  # fmt: skip
    return by_station


def facts_body(
    station: str, events: list[Event], received: list[ReceivedDossier], after: int = 0
) -> dict[str, Any]:
    numbered = [
        event_to_json(_with_id(e, number), FIRST_PAGES.get((station, e.dossier_code)))
        for number, e in enumerate(events, start=1)
    ]
    months: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in received:
        row = received_to_json(d, "1.010041")
        months[received_month(row)].append(row)
    return {
        "store_id": f"store-{station}",
        "after": after,
        "name": f"PC {station}",
        "agency_code": AGENCY_3 if station == S3 else "",
        "events": numbered[after:],
        "received": [
            {"month": month, "digest": received_digest(rows), "rows": rows}
            for month, rows in sorted(months.items())
        ],
        "queue": {
            "dossiers_waiting": 1 if station == S3 else 0,
            "oldest_dossier_code": "D20" if station == S3 else None,
            "oldest_finished_at": local("2026-11-30 23:50").isoformat() if station == S3 else None,
            "dossiers_not_queued": 0,
            "jobs_queued": 1 if station == S3 else 0,
            "jobs_uploading": 0,
            "jobs_failed": 0,
            "oldest_job_at": None,
        },
    }


def _with_id(e: Event, number: int) -> Event:
    return Event(e.kind, e.at, e.station_id, e.clerk_id, e.dossier_code, e.page_id,
                 e.paper_size, e.pages, e.reason, number)  # fmt: skip


def send(client: StationClient, facts: dict[str, Any]) -> dict[str, Any]:
    body = {"station_id": client.station_id, "at": "2026-12-01T08:00:00+07:00", "facts": facts}
    response = client.post("/api/v1/metrics", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def received_of(station: str) -> list[ReceivedDossier]:
    return [d for d in (*RECEIVED, *STATION_3_RECEIVED) if d.station_id == station]


def heartbeat(client: StationClient) -> None:
    beat = {"station_id": client.station_id, "version": "1.0", "at": "2026-12-01T08:00:00Z",
            "queue": {"queued": 0, "failed": 0}}  # fmt: skip
    assert client.post("/api/v1/heartbeat", json=beat).status_code == 204


def hub_cli(hub: HubHandle, *args: str) -> Any:
    dsn = ["--dsn", hub.config.dsn] if hub.config.dsn else []
    result = CliRunner().invoke(hub_group, [args[0], "--data", str(hub.data_dir), *dsn, *args[1:]])
    assert result.exit_code == 0, result.output
    return result.output


# The hub, on either database ---------------------------------------------------------------
@pytest.fixture(params=["sqlite", "postgresql"])
def any_hub(request, tmp_path: Path) -> Iterator[HubHandle]:
    config: dict[str, Any] = {"online_window": QUIET}
    if request.param == "postgresql":
        server = request.getfixturevalue("server_dsn")
        config["dsn"] = fresh_database(server, f"stats_{time.monotonic_ns()}")
    with running_hub(tmp_path / "hub", **config) as handle:
        yield handle


@pytest.fixture
def province(any_hub: HubHandle) -> dict[str, StationClient | AccountClient]:
    """Four stations; three sent their facts, station 4 nothing; and a province supervisor."""
    clients = {name: connect(any_hub, name) for name in (S1, S2, S3, S4)}
    hub_cli(any_hub, "set-unit", "--station", S1, "--unit", UNIT, "--unit-name", "UBND xã A")
    hub_cli(any_hub, "set-unit", "--station", S2, "--unit", UNIT)
    events = scenario_events()
    for name in (S3, S1, S2):
        send(clients[name], facts_body(name, events[name], received_of(name)))
    return {**clients, "supervisor": log_in(any_hub, "tinh", "province_supervisor")}


def stats(client: StationClient | AccountClient, **params: str) -> dict[str, Any]:
    response = client.get("/api/v1/stats", params=params)
    assert response.status_code == 200, response.text
    return response.json()


NOVEMBER = {"since": "2026-11-01", "until": "2026-11-30"}


def test_every_figure_of_a_month_across_stations(province) -> None:
    payload = stats(province["supervisor"], **NOVEMBER)
    report = report_from_json(payload)
    assert report.total == ALL_NOVEMBER
    assert report.groups == {}
    assert payload["period"]["start"] == "2026-11-01T00:00:00+07:00"


def test_per_station_per_clerk_and_per_unit(province) -> None:
    by_station = report_from_json(stats(province["supervisor"], **NOVEMBER, by="station")).groups
    assert by_station == {S1: STATION_1, S2: STATION_2, S3: STATION_3}
    by_clerk = report_from_json(stats(province["supervisor"], **NOVEMBER, by="clerk")).groups
    assert by_clerk == {
        f"{S1}/lan": LAN, f"{S1}/minh": MINH, f"{S2}/hoa": STATION_2, f"{S3}/tuan": STATION_3,
    }  # fmt: skip
    by_unit = stats(province["supervisor"], **NOVEMBER, by="unit")
    assert report_from_json(by_unit).groups == {UNIT: NOVEMBER_TOTAL, AGENCY_3: STATION_3}
    assert by_unit["units"] == [
        {"code": UNIT, "name": "UBND xã A", "stations": [S1, S2]},
        {"code": AGENCY_3, "name": "", "stations": [S3]},
        {"code": "", "name": "", "stations": [S4]},
    ]


def test_the_last_day_of_the_month_late_in_the_evening(province) -> None:
    days = report_from_json(stats(province["supervisor"], **NOVEMBER, by="day")).groups
    assert days["2026-11-30"] == Figures(
        PageFigures(3, 0, 0, 2, 1.5, 0.0, 0.0, {"A4": 3}),  # r4 at 23:59:59, t1 and t2
        DossierFigures(1, 1, 0, 2, 0.5, 2.0),
        UploadFigures(0, 2, 0, Durations(0, None, None)),
        DigitizationRate(2, 1, 50.0),  # D7 (no files) and D20, received 23:30 and 23:40
        ElectronicResultRate(1, 0, 0.0),  # D7 returns a paper result, not handed over yet
    )
    assert "2026-12-01" not in days


def test_december_gets_what_fell_after_local_midnight(province) -> None:
    december = report_from_json(
        stats(province["supervisor"], since="2026-12-01", until="2026-12-31")
    )
    total = december.total
    assert total.pages.stored == 1  # x1, 00:00 on 1 Dec
    assert total.uploads == UploadFigures(
        confirmed=2,  # D0 (first page 31 Oct 23:59) and D20 (first page 30 Nov 23:45)
        failures=1,
        parked=1,
        first_page_to_upload=Durations(2, 1297080.0, 2592060.0),
    )
    assert total.digitization == DigitizationRate(1, 1, 100.0)  # D10: 00:30 on 1 Dec local


def test_stations_with_last_seen_online_or_offline_and_their_queues(province) -> None:
    time.sleep(QUIET + 0.5)  # station 3 goes quiet; 1 and 2 keep sending heartbeats
    heartbeat(province[S1])
    heartbeat(province[S2])
    payload = stats(province["supervisor"], **NOVEMBER)
    listed = {s["station_id"]: s for s in payload["stations"]}
    assert [s["station_id"] for s in payload["stations"]] == [S1, S2, S3, S4]
    assert (listed[S1]["online"], listed[S2]["online"]) == (True, True)
    assert listed[S1]["last_heartbeat_at"] is not None
    quiet = listed[S3]
    assert quiet["online"] is False and quiet["last_heartbeat_at"] is None
    assert quiet["last_seen_at"] == quiet["facts_received_at"] is not None
    never = listed[S4]
    assert (never["online"], never["last_seen_at"]) == (False, None)
    assert quiet["unit_code"] == AGENCY_3 and listed[S1]["unit_name"] == "UBND xã A"
    assert payload["queue"]["dossiers_waiting"] == 1
    assert payload["queue"]["oldest_dossier_code"] == "D20"
    assert payload["offline_after"] == QUIET


def test_resending_the_same_facts_changes_nothing(province) -> None:
    before = stats(province["supervisor"], **NOVEMBER, by="clerk")
    events = scenario_events()[S1]
    body = facts_body(S1, events, received_of(S1))
    first = send(province[S1], body)
    assert first["events_through"] == len(events)
    assert send(province[S1], body) == first  # the answer was lost: the same again
    overlapping = facts_body(S1, events, received_of(S1), after=3)
    assert send(province[S1], overlapping) == first
    after = stats(province["supervisor"], **NOVEMBER, by="clerk")
    assert (after["total"], after["groups"]) == (before["total"], before["groups"])


def test_a_month_resent_replaces_the_old_one(province) -> None:
    events = scenario_events()[S1]
    fewer = [d for d in received_of(S1) if d.code != "D9"]  # say D9 was received in error
    answer = send(province[S1], facts_body(S1, events, fewer))
    digitization = report_from_json(stats(province["supervisor"], **NOVEMBER)).total.digitization
    assert digitization == DigitizationRate(6, 3, 50.0)
    november = [m for m in facts_body(S1, events, fewer)["received"] if m["month"] == "2026-11"]
    assert answer["received_months"]["2026-11"] == november[0]["digest"]


def test_the_cli_prints_the_same_report_as_the_endpoint(province, any_hub) -> None:
    args = ("--since", "2026-11-01", "--until", "30/11/2026", "--by", "unit",
            "--offline-after", str(QUIET))  # fmt: skip
    printed = json.loads(hub_cli(any_hub, "stats", *args, "--json"))
    served = stats(province["supervisor"], **NOVEMBER, by="unit")
    printed.pop("generated_at"), served.pop("generated_at")
    assert printed == served
    table = hub_cli(any_hub, "stats", *args)
    assert "Máy chủ tỉnh / Hub: 2026-11-01 … 2026-11-30 (Asia/Ho_Chi_Minh)" in table
    rate = next(line for line in table.splitlines() if line.startswith("Tỷ lệ số hóa"))
    assert rate.split()[-3:] == ["57.14", "50.00", "100.00"]  # the total, then units by code
    assert f"{S4}\t-\tmất kết nối / offline\tchưa thấy / never seen" in table
