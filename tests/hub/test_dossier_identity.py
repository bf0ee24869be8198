"""A dossier is (unit or station, code): no station records under another unit's code, nor
under a code a station of its unit already holds; lookups never cross stations."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.helpers.hub import HubHandle, running_hub
from tests.hub.conftest import commit_dossier, connect, log_in

UNIT_A, UNIT_B = "000.00.14.H05", "000.00.31.H05"
CODE_A = f"{UNIT_A}-261201-0007"
DATA = os.urandom(5_000)


@pytest.fixture
def hub(store: dict[str, Any], tmp_path: Path) -> Iterator[HubHandle]:
    """Every case on both stores the hub supports."""
    with running_hub(tmp_path / "hub", **store) as handle:
        yield handle


def test_a_code_of_another_unit_or_held_in_the_unit_is_409_and_lookups_stay_apart(hub) -> None:
    a, a2 = connect(hub, "ST-A", UNIT_A), connect(hub, "ST-A2", UNIT_A)
    b = connect(hub, "ST-B", UNIT_B)
    assert commit_dossier(a, CODE_A, "KA", DATA).status_code == 200
    forged = commit_dossier(b, CODE_A, "KB", DATA)
    assert (forged.status_code, forged.json()) == (409, {"error": "dossier_code_of_other_unit"})
    taken = commit_dossier(a2, CODE_A, "KA2", DATA)
    assert (taken.status_code, taken.json()) == (409, {"error": "dossier_code_taken"})
    assert b.get("/api/v1/dossiers/" + quote(CODE_A, safe="")).status_code == 404
    assert a2.get("/api/v1/dossiers/" + quote(CODE_A, safe="")).status_code == 404
    assert a.get("/api/v1/dossiers/" + quote(CODE_A, safe="")).json()["station_id"] == "ST-A"


def test_a_code_without_a_unit_is_each_units_own(hub) -> None:
    a, b = connect(hub, "ST-A", UNIT_A), connect(hub, "ST-B", UNIT_B)
    assert commit_dossier(a, "HS-1", "KA", DATA).status_code == 200
    assert commit_dossier(b, "HS-1", "KB", DATA).status_code == 200
    mine = b.get("/api/v1/dossiers/HS-1").json()
    assert mine["components"][0]["idempotency_key"] == "KB"
    assert [d["station_id"] for d in b.get("/api/v1/dossiers").json()] == ["ST-B"]


def test_a_station_without_a_registered_unit_cannot_squat_a_units_codes(hub) -> None:
    squatter, a = connect(hub, "ST-X"), connect(hub, "ST-A", UNIT_A)
    facts = {"store_id": "s1", "agency_code": UNIT_A}  # claims the unit for itself
    claimed = {"station_id": "ST-X", "at": "2026-12-01T08:00:00Z", "facts": facts}
    assert squatter.post("/api/v1/metrics", json=claimed).status_code == 200
    assert commit_dossier(squatter, CODE_A, "KX", DATA).status_code == 200
    assert commit_dossier(a, CODE_A, "KA", DATA).status_code == 200  # the unit's own station
    late = commit_dossier(connect(hub, "ST-Y"), CODE_A, "KY", DATA)
    assert (late.status_code, late.json()) == (409, {"error": "dossier_code_taken"})
    supervisor = log_in(hub, "xa-a", "unit_supervisor", UNIT_A)
    shown = supervisor.get("/api/v1/dossiers/" + quote(CODE_A, safe="")).json()
    assert shown["components"][0]["idempotency_key"] == "KA"
    assert [d["station_id"] for d in supervisor.get("/api/v1/dossiers").json()] == ["ST-A"]


def test_a_code_held_at_stations_of_two_units_is_a_choice_for_the_province(hub) -> None:
    a, b = connect(hub, "ST-A", UNIT_A), connect(hub, "ST-B", UNIT_B)
    assert commit_dossier(a, "HS-1", "KA", DATA).status_code == 200
    assert commit_dossier(b, "HS-1", "KB", DATA).status_code == 200  # the newer one
    province = log_in(hub, "tinh", "province_supervisor")
    several = province.get("/api/v1/dossiers/HS-1")
    assert several.status_code == 409
    body = several.json()
    assert body["error"] == "dossier_at_several_stations" and body["dossier_code"] == "HS-1"
    listed = [(s["station_id"], s["unit_code"]) for s in body["stations"]]
    assert listed == [("ST-B", UNIT_B), ("ST-A", UNIT_A)]  # newest first
    assert "components" not in body  # no one's manifest until the reader picks
    picked = province.get("/api/v1/dossiers/HS-1", params={"station": "ST-A"}).json()
    assert picked["components"][0]["idempotency_key"] == "KA"
    unit_a = log_in(hub, "xa-a", "unit_supervisor", UNIT_A)
    assert unit_a.get("/api/v1/dossiers/HS-1").json()["components"][0]["idempotency_key"] == "KA"
    assert unit_a.get("/api/v1/dossiers/HS-1", params={"station": "ST-B"}).status_code == 404
    readers = [(e["actor"], e["station_id"]) for e in _access_log(hub)]
    assert sorted(readers) == [("tinh", "ST-A"), ("xa-a", "ST-A")]  # the 409 read nothing


def _access_log(hub: HubHandle) -> list[dict[str, Any]]:
    admin = log_in(hub, "quantri", "admin")
    return [e for e in admin.get("/api/v1/access-log").json() if e["action"] == "read_dossier"]
