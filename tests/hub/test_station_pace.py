"""A station flooding heartbeats or metrics is slowed down with 429 and Retry-After, before its
body is read; the other stations keep their pace."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.hub import running_hub
from tests.hub.conftest import StationClient, connect


def _beat(station: StationClient) -> int:
    queue = {"queued": 0, "failed": 0}
    body = {"station_id": station.station_id, "version": "1", "queue": queue, "at": _AT}
    return station.post("/api/v1/heartbeat", json=body).status_code


def _snapshot(station: StationClient) -> int:
    body = {"station_id": station.station_id, "at": _AT, "snapshot": {"pages": 1}}
    return station.post("/api/v1/metrics", json=body).status_code


_AT = "2026-11-20T09:00:00Z"


def test_a_station_flooding_heartbeats_gets_429_and_the_others_do_not(tmp_path: Path) -> None:
    with running_hub(tmp_path / "hub", heartbeats_per_minute=5) as hub:
        flooding, quiet = connect(hub, "ST-01"), connect(hub, "ST-02")
        assert [_beat(flooding) for _ in range(5)] == [204] * 5
        refused = flooding.post("/api/v1/heartbeat", json={"station_id": "ST-01"})
        assert refused.status_code == 429
        assert refused.json() == {"error": "slow_down"}
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        assert _beat(quiet) == 204
        seen = {row["station_id"]: row for row in quiet.get("/api/v1/stations").json()}
        assert seen["ST-02"]["online"] is True


def test_a_station_flooding_metrics_gets_429_and_its_heartbeats_still_pass(
    tmp_path: Path,
) -> None:
    with running_hub(tmp_path / "hub", metrics_per_minute=3) as hub:
        flooding, quiet = connect(hub, "ST-01"), connect(hub, "ST-02")
        assert [_snapshot(flooding) for _ in range(4)] == [204, 204, 204, 429]
        assert _beat(flooding) == 204
        assert _snapshot(quiet) == 204
