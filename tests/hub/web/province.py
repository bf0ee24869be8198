"""A known province on a real hub for the dashboard's tests: November 2026 at three stations
(tests/hub/test_stats.py's scenario), two units, a fourth station never seen, one dossier per
unit, and an account per role. Station 2 also holds a dossier whose first file carries a
clerk's PAdES signature and two annotated page pairs, and has dossiers waiting to upload
(BACKLOG), as station 3 has one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from station.pades.keys import Pkcs12Key, open_session
from station.pades.sign import Stamp, sign_pdf
from tests.helpers.hub import HubHandle
from tests.hub.conftest import StationClient, commit_dossier, connect, manifest_for
from tests.hub.test_stats import S3, S4, facts_body, hub_cli, received_of, scenario_events, send
from tests.station.pades.conftest import component_pdf
from tests.station.pades.support import CLERK, PASSWORD, CaBundle, pkcs12_file
from tests.station.stats.scenario import S1, S2, local

UNIT = "000.00.14.H05"  # stations 1 and 2
OTHER_UNIT = "000.00.31.H05"  # station 3
DOSSIER = f"{UNIT}-261120-0001"  # committed by station 1
OTHER_DOSSIER = f"{OTHER_UNIT}-261120-0002"  # committed by station 3
SIGNED_DOSSIER = f"{UNIT}-261121-0003"  # committed by station 2: a signed file, then a plain one
SIGNED_PAGES = 4
PAIRS = [[1, 2], [3, 4]]  # the signed file's annotated copies, each before its clean scan
NOVEMBER = {"since": "2026-11-01", "until": "2026-11-30"}
# Station 2's queue as it reports it; station 3 reports one dossier (D20, finished earlier).
BACKLOG = {
    "dossiers_waiting": 2,
    "oldest_dossier_code": "D12",
    "oldest_finished_at": local("2026-12-01 09:00").isoformat(),
    "dossiers_not_queued": 0,
    "jobs_queued": 2,
    "jobs_uploading": 0,
    "jobs_failed": 0,
    "oldest_job_at": None,
}


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


def set_up(hub: HubHandle, ca: CaBundle) -> Province:
    clients: dict[str, StationClient] = {}
    for name, unit in ((S1, UNIT), (S2, UNIT), (S3, OTHER_UNIT), (S4, "")):
        clients[name] = connect(hub, name, unit_code=unit)
    hub_cli(hub, "set-unit", "--station", S1, "--unit", UNIT, "--unit-name", "UBND xã A")
    events = scenario_events()
    for name in (S3, S1, S2):
        facts = facts_body(name, events[name], received_of(name))
        send(clients[name], {**facts, "queue": BACKLOG} if name == S2 else facts)
    response = commit_dossier(clients[S1], DOSSIER, "k-dossier-1", b"%PDF-1.4 one page")
    assert response.status_code in (200, 201), response.text
    response = commit_dossier(clients[S3], OTHER_DOSSIER, "k-dossier-3", b"%PDF-1.4 other")
    assert response.status_code in (200, 201), response.text
    _commit_signed(clients[S2], ca, hub.data_dir.parent / "signing")
    return Province(
        hub,
        Account("donvi", hub.add_account("donvi", "unit_supervisor", UNIT)),
        Account("tinh", hub.add_account("tinh", "province_supervisor")),
        Account("quantri", hub.add_account("quantri", "admin")),
        clients[S1].secret,
    )


def _commit_signed(client: StationClient, ca: CaBundle, folder: Path) -> None:
    """SIGNED_DOSSIER: TP1 signed by the clerk with PAIRS annotated, TP2 a plain scan."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "signed.pdf"
    path.write_bytes(component_pdf(SIGNED_PAGES))
    with open_session(Pkcs12Key(pkcs12_file(folder, ca.clerk, ca), PASSWORD.encode())) as s:
        sign_pdf(path, s, Stamp(CLERK, datetime.now(UTC)))
    files = {"k-signed-1": path.read_bytes(), "k-plain-2": component_pdf(1)}
    for key, data in files.items():
        client.upload(data, key, dossier_code=SIGNED_DOSSIER)
    manifest = manifest_for(files, manifest_id="M-signed", code=SIGNED_DOSSIER)
    signed, _plain = manifest["components"]
    signed.update(pages=SIGNED_PAGES, annotated_pairs=PAIRS)
    response = client.post("/api/v1/manifests", json={**manifest, "station_id": client.station_id})
    assert response.status_code in (200, 201), response.text
