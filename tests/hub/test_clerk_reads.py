"""Figures per clerk name a station's staff: every read of them, through the API or the
dashboard, lands in the access log; figures per unit, station or day do not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.helpers.hub import running_hub
from tests.hub.web.province import NOVEMBER, UNIT, Province, set_up
from tests.hub.web.web_client import Dashboard

S1 = "station-1"
PERIOD = "period=2026-11-01/2026-11-30"


@pytest.fixture
def province(tmp_path: Path, signing_ca) -> Iterator[Province]:
    with running_hub(tmp_path / "hub") as hub:
        yield set_up(hub, signing_ca)


def _token(province: Province, username: str, password: str) -> dict[str, str]:
    form = {"grant_type": "password", "username": username, "password": password}
    answer = requests.post(province.hub.url + "/oauth/token", data=form, timeout=10)
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def _stats(province: Province, auth: dict[str, str], **params: str) -> dict[str, Any]:
    answer = requests.get(
        province.hub.url + "/api/v1/stats", params={**NOVEMBER, **params}, headers=auth, timeout=10
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def _log(province: Province) -> list[dict[str, str]]:
    admin = _token(province, "quantri", province.admin.password)
    answer = requests.get(province.hub.url + "/api/v1/access-log", headers=admin, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _reads(province: Province) -> list[tuple[str, str, str, str]]:
    """(actor, action, station, target) of each entry, oldest first."""
    entries = reversed(_log(province))
    return [(e["actor"], e["action"], e["station_id"], e["target"]) for e in entries]


def test_clerk_figures_from_the_api_are_logged_and_station_figures_are_not(province) -> None:
    unit = _token(province, "donvi", province.unit_supervisor.password)
    for by in ("unit", "station", "day", ""):
        assert _stats(province, unit, by=by)["ok"]
    assert _reads(province) == []  # no staff named, nothing logged
    clerks = _stats(province, unit, by="clerk")
    assert f"{S1}/lan" in [g["key"] for g in clerks["groups"]]
    _stats(province, unit, by="clerk", station=S1)
    _stats(province, unit, by="clerk", since="2025-01-01", until="2025-01-31")  # nobody worked
    whole = _token(province, "tinh", province.province_supervisor.password)
    _stats(province, whole, by="clerk")
    read = "read_clerk_figures"
    assert _reads(province) == [
        ("donvi", read, "", f"unit={UNIT} clerk=* {PERIOD}"),
        ("donvi", read, S1, f"clerk=* {PERIOD}"),
        ("tinh", read, "", f"province clerk=* {PERIOD}"),
    ]
    entry = _log(province)[-1]
    assert entry["actor_kind"] == "unit_supervisor" and entry["address"] == "127.0.0.1"


def test_the_dashboard_s_clerk_pages_and_exports_are_logged_and_its_other_levels_not(
    province,
) -> None:
    reader = Dashboard(province.hub.url)
    assert reader.log_in("donvi", province.unit_supervisor.password).status_code == 303
    for params in ({}, {"unit": UNIT}):
        assert reader.get("/", params={**NOVEMBER, **params}).status_code == 200
        assert reader.get("/export.csv", params={**NOVEMBER, **params}).status_code == 200
    assert reader.get("/stations.csv", params={**NOVEMBER, "station": S1}).status_code == 200
    assert _reads(province) == []
    at_station = {**NOVEMBER, "unit": UNIT, "station": S1}
    page = reader.get("/", params=at_station)
    assert page.status_code == 200 and "minh" in page.text  # the clerks' logins are shown
    assert reader.get("/", params={**at_station, "clerk": "lan"}).status_code == 200
    assert reader.get("/export.xlsx", params=at_station).status_code == 200
    read = "read_clerk_figures"
    assert _reads(province) == [
        ("donvi", read, S1, f"clerk=* {PERIOD}"),
        ("donvi", read, S1, f"clerk=lan {PERIOD}"),
        ("donvi", read, S1, f"clerk=* {PERIOD}"),
    ]
    admin = Dashboard(province.hub.url)
    admin.log_in("quantri", province.admin.password)
    shown = admin.get("/access-log").text
    assert shown.count('data-action="read_clerk_figures"') == 3
    assert "Xem số liệu theo cán bộ" in shown and f"clerk=lan {PERIOD}" in shown
