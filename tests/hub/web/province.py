"""A known province on a real hub for the dashboard's tests: November 2026 at three stations
(tests/hub/test_stats.py's scenario), two units, a fourth station never seen, one dossier per
unit, and an account per role."""

from __future__ import annotations

from dataclasses import dataclass

from tests.helpers.hub import HubHandle
from tests.hub.conftest import StationClient, commit_dossier, connect
from tests.hub.test_stats import S3, S4, facts_body, hub_cli, received_of, scenario_events, send
from tests.station.stats.scenario import S1, S2

UNIT = "000.00.14.H05"  # stations 1 and 2
OTHER_UNIT = "000.00.31.H05"  # station 3
DOSSIER = f"{UNIT}-261120-0001"  # committed by station 1
OTHER_DOSSIER = f"{OTHER_UNIT}-261120-0002"  # committed by station 3
NOVEMBER = {"since": "2026-11-01", "until": "2026-11-30"}


@dataclass(frozen=True)
class Account:
    username: str
    password: str


@dataclass(frozen=True)
class Province:
    hub: HubHandle
    unit_supervisor: Account
    province_supervisor: Account
    admin: Account
    station_secret: str  # station 1's client secret: no dashboard login


def set_up(hub: HubHandle) -> Province:
    clients: dict[str, StationClient] = {}
    for name, unit in ((S1, UNIT), (S2, UNIT), (S3, OTHER_UNIT), (S4, "")):
        clients[name] = connect(hub, name, unit_code=unit)
    hub_cli(hub, "set-unit", "--station", S1, "--unit", UNIT, "--unit-name", "UBND xã A")
    events = scenario_events()
    for name in (S3, S1, S2):
        send(clients[name], facts_body(name, events[name], received_of(name)))
    response = commit_dossier(clients[S1], DOSSIER, "k-dossier-1", b"%PDF-1.4 one page")
    assert response.status_code in (200, 201), response.text
    response = commit_dossier(clients[S3], OTHER_DOSSIER, "k-dossier-3", b"%PDF-1.4 other")
    assert response.status_code in (200, 201), response.text
    return Province(
        hub,
        Account("donvi", hub.add_account("donvi", "unit_supervisor", UNIT)),
        Account("tinh", hub.add_account("tinh", "province_supervisor")),
        Account("quantri", hub.add_account("quantri", "admin")),
        clients[S1].secret,
    )
