from __future__ import annotations

import sqlite3

from tests.helpers.hub import running_hub
from tests.hub.conftest import StationClient, connect, fetch_token, log_in

BEAT = {
    "station_id": "ST-01",
    "version": "0.9.0",
    "queue": {"queued": 3, "failed": 1, "oldest_queued_at": "2026-11-20T08:00:00Z"},
    "at": "2026-11-20T09:00:00+07:00",
}


def test_a_heartbeat_is_204_and_makes_the_station_online(station) -> None:
    connect(station.hub, "ST-02")
    response = station.post("/api/v1/heartbeat", json=BEAT)
    assert response.status_code == 204
    admin = log_in(station.hub, "admin", "admin")
    listed = {s["station_id"]: s for s in admin.get("/api/v1/stations").json()}
    assert listed["ST-01"]["online"] is True
    assert listed["ST-01"]["queue"] == BEAT["queue"]
    assert listed["ST-01"]["version"] == "0.9.0"
    assert listed["ST-01"]["last_heartbeat_at"] is not None
    assert listed["ST-02"]["online"] is False
    assert listed["ST-02"]["last_heartbeat_at"] is None


def test_a_station_is_offline_once_its_heartbeat_is_older_than_the_window(tmp_path) -> None:
    with running_hub(tmp_path / "hub", online_window=0) as hub:
        station = connect(hub, "ST-01")
        station.post("/api/v1/heartbeat", json=BEAT)
        assert station.get("/api/v1/stations").json()[0]["online"] is False


def test_heartbeats_for_another_station_or_malformed_are_refused(station) -> None:
    assert station.post("/api/v1/heartbeat", json={**BEAT, "station_id": "X"}).status_code == 403
    assert station.post("/api/v1/heartbeat", json={**BEAT, "queue": {}}).status_code == 422
    assert station.post("/api/v1/heartbeat", json={**BEAT, "at": "noon"}).status_code == 422


def test_metrics_snapshots_are_stored(station) -> None:
    snapshot = {"pages_today": 120, "scanner": {"model": "fi-7160", "errors": []}}
    body = {"station_id": "ST-01", "at": "2026-11-20T09:00:00Z", "snapshot": snapshot}
    assert station.post("/api/v1/metrics", json=body).status_code == 204
    with sqlite3.connect(station.hub.config.sqlite_path) as db:
        rows = db.execute("SELECT station_id, snapshot_json FROM metrics").fetchall()
    assert len(rows) == 1 and rows[0][0] == "ST-01" and "fi-7160" in rows[0][1]


def test_a_client_id_made_from_a_name_takes_a_fresh_suffix_when_taken(
    tmp_path, monkeypatch
) -> None:
    from hub import stations
    from hub.db import open_database

    db = open_database(None, tmp_path / "hub.sqlite3")
    made = iter(["xa-a-000001", "xa-a-000001", "xa-a-000002"])
    monkeypatch.setattr(stations, "client_id_from_name", lambda name: next(made))
    assert stations.add_named_station(db, "Xã A")[0] == "xa-a-000001"
    client_id, secret = stations.add_named_station(db, "Xã A")
    assert client_id == "xa-a-000002"
    assert stations.issue_token(db, client_id, secret, 60) is not None


def test_the_stations_list_names_a_station_as_the_dashboard_does(hub) -> None:
    """The name the station reports for itself, as /api/v1/stats gives it; the registered one
    beside it, and alone for a station that reported none."""
    secret = hub.add_station("ST-01", name="Máy đăng ký")
    reporting = StationClient(hub, "ST-01", secret, fetch_token(hub, "ST-01", secret))
    hub.add_station("ST-02", name="Chưa báo tên")
    facts = {"store_id": "store-1", "after": 0, "name": "  Quầy 3 - Xã Đông Anh ", "events": []}
    body = {"station_id": "ST-01", "at": "2026-12-01T08:00:00+07:00", "facts": facts}
    assert reporting.post("/api/v1/metrics", json=body).status_code == 200
    province = log_in(hub, "tinh", "province_supervisor")

    listed = {s["station_id"]: s for s in province.get("/api/v1/stations").json()}
    assert listed["ST-01"]["name"] == "Quầy 3 - Xã Đông Anh"
    assert listed["ST-01"]["registered_name"] == "Máy đăng ký"
    assert listed["ST-02"]["name"] == listed["ST-02"]["registered_name"] == "Chưa báo tên"
    figures = province.get("/api/v1/stats").json()
    dashboard = {s["station_id"]: s["name"] for s in figures["stations"]}
    assert dashboard == {key: s["name"] for key, s in listed.items()}
