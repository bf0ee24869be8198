"""Who reads what: a station only its own data, a unit supervisor their unit's stations, a
province supervisor every station; every read of a manifest lands in the access log."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests
from click.testing import CliRunner

from hub.cli import hub_group
from tests.helpers.hub import HubHandle, running_hub
from tests.hub.conftest import Front, StationClient, commit_dossier, connect, log_in

UNIT_A, UNIT_B = "000.00.14.H05", "000.00.31.H05"
CODE_A, CODE_B = f"{UNIT_A}-261201-0001", f"{UNIT_B}-261201-0001"
DATA = os.urandom(20_000)


@pytest.fixture
def hub(store_front: tuple[dict[str, Any], Front], tmp_path: Path) -> Iterator[HubHandle]:
    """Every case on both stores the hub supports, and through the shipped nginx."""
    store, front = store_front
    with running_hub(tmp_path / "hub", **store) as direct, front(direct) as handle:
        yield handle


@pytest.fixture
def two(hub: HubHandle) -> tuple[StationClient, StationClient]:
    a, b = connect(hub, "ST-A", UNIT_A), connect(hub, "ST-B", UNIT_B)
    assert commit_dossier(a, CODE_A, "KA", DATA).status_code == 200
    assert commit_dossier(b, CODE_B, "KB", DATA).status_code == 200
    return a, b


def test_a_station_gets_404_or_403_on_every_read_of_another_stations_data(two) -> None:
    a, b = two
    upload_url = b.upload(DATA, "KB2")
    refused = [
        a.get("/api/v1/dossiers/" + quote(CODE_B, safe="")),
        a.get("/api/v1/dossiers/" + quote(CODE_B, safe=""), params={"station": "ST-B"}),
        a.get("/api/v1/dossiers", params={"station": "ST-B"}),
        a.get("/api/v1/stats", params={"station": "ST-B"}),
        a.get("/api/v1/files/KB"),
        a.get("/api/v1/access-log"),
        requests.head(upload_url, headers=a.tus_headers(), timeout=10),
    ]
    assert [r.status_code for r in refused] == [404, 404, 404, 404, 404, 403, 404]
    assert all(r.json()["error"] in {"not_found", "forbidden"} for r in refused[:-1])
    assert [d["station_id"] for d in a.get("/api/v1/dossiers").json()] == ["ST-A"]
    assert [s["station_id"] for s in a.get("/api/v1/stations").json()] == ["ST-A"]
    figures = a.get("/api/v1/stats", params={"by": "station"}).json()
    assert [s["station_id"] for s in figures["stations"]] == ["ST-A"]
    assert all(g["key"] == "ST-A" for g in figures["groups"])
    assert b.get("/api/v1/dossiers/" + quote(CODE_B, safe="")).status_code == 200


def test_a_unit_supervisor_sees_only_their_units_stations(two, hub) -> None:
    supervisor = log_in(hub, "xa-a", "unit_supervisor", UNIT_A)
    assert supervisor.get("/api/v1/dossiers/" + quote(CODE_A, safe="")).status_code == 200
    assert supervisor.get("/api/v1/dossiers/" + quote(CODE_B, safe="")).status_code == 404
    assert [d["station_id"] for d in supervisor.get("/api/v1/dossiers").json()] == ["ST-A"]
    assert [s["station_id"] for s in supervisor.get("/api/v1/stations").json()] == ["ST-A"]
    figures = supervisor.get("/api/v1/stats", params={"by": "unit"}).json()
    assert [u["code"] for u in figures["units"]] == [UNIT_A]
    assert supervisor.get("/api/v1/stats", params={"station": "ST-B"}).status_code == 404


def test_a_province_supervisor_reads_all_and_the_admin_sees_who_read_what(two, hub) -> None:
    province = log_in(hub, "tinh", "province_supervisor")
    for code in (CODE_A, CODE_B):
        shown = province.get("/api/v1/dossiers/" + quote(code, safe=""))
        assert shown.status_code == 200 and shown.json()["dossier_code"] == code
    figures = province.get("/api/v1/stats", params={"by": "station"}).json()
    assert [s["station_id"] for s in figures["stations"]] == ["ST-A", "ST-B"]
    admin = log_in(hub, "root", "admin")
    assert admin.get("/api/v1/dossiers/" + quote(CODE_A, safe="")).status_code == 403
    assert admin.get("/api/v1/stats").status_code == 403
    assert province.get("/api/v1/access-log").status_code == 403
    log = admin.get("/api/v1/access-log").json()
    reads = {(e["actor_kind"], e["actor"], e["station_id"], e["target"]) for e in log}
    assert reads == {
        ("province_supervisor", "tinh", "ST-A", CODE_A),
        ("province_supervisor", "tinh", "ST-B", CODE_B),
    }
    assert all(e["action"] == "read_dossier" and e["address"] == "127.0.0.1" for e in log)
    only_b = admin.get("/api/v1/access-log", params={"station": "ST-B"}).json()
    assert [e["target"] for e in only_b] == [CODE_B]


def _cli(hub: HubHandle, *args: str, stdin: str | None = None) -> str:
    store = ["--data", str(hub.data_dir)] + (["--dsn", hub.config.dsn] if hub.config.dsn else [])
    result = CliRunner().invoke(hub_group, [*args, *store], input=stdin)
    assert result.exit_code == 0, result.output
    return result.output


def _login(hub: HubHandle, username: str, password: str) -> requests.Response:
    form = {"grant_type": "password", "username": username, "password": password}
    return requests.post(hub.url + "/oauth/token", data=form, timeout=10)


def test_accounts_are_managed_from_the_cli_and_disabling_one_ends_its_tokens(two, hub) -> None:
    chosen = "mật khẩu đủ dài 123"
    _cli(hub, "users", "add", "lan", "--role", "unit_supervisor", "--unit", UNIT_B,
         "--password-stdin", stdin=chosen + "\n")  # fmt: skip
    answer = _login(hub, "lan", chosen)
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    token = {"Authorization": f"Bearer {answer.json()['access_token']}"}
    path = hub.url + "/api/v1/dossiers/" + quote(CODE_B, safe="")
    assert requests.get(path, headers=token, timeout=10).status_code == 200
    assert "lan\tunit_supervisor\t000.00.31.H05\tactive" in _cli(hub, "users", "list")
    _cli(hub, "users", "disable", "lan")
    assert requests.get(path, headers=token, timeout=10).status_code == 401
    assert _login(hub, "lan", chosen).json() == {"error": "invalid_grant"}
    _cli(hub, "users", "disable", "lan", "--enable")
    printed = _cli(hub, "users", "passwd", "lan")
    new_password = printed.split(": ", 1)[1].splitlines()[0]
    assert _login(hub, "lan", chosen).status_code == 400
    assert _login(hub, "lan", new_password).status_code == 200
    assert f"unit_supervisor:lan\tread_dossier\tST-B\t{CODE_B}" in _cli(hub, "access-log")


def test_people_cannot_use_station_routes_nor_stations_log_in_as_people(two, hub) -> None:
    a, _ = two
    province = log_in(hub, "tinh", "province_supervisor")
    beat = {"station_id": "tinh", "version": "1", "at": "2026-12-01T08:00:00Z",
            "queue": {"queued": 0, "failed": 0}}  # fmt: skip
    answer = requests.post(hub.url + "/api/v1/heartbeat", json=beat, headers=province.auth,
                           timeout=10)  # fmt: skip
    assert answer.status_code == 403
    assert _login(hub, "ST-A", a.secret).json() == {"error": "invalid_grant"}
