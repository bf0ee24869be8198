"""The same hub flows with metadata in PostgreSQL (skipped where no server can be started)."""

from __future__ import annotations

import os
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.helpers.hub import running_hub
from tests.hub.conftest import commit_until_answered, connect, manifest_for
from tests.hub.postgres import fresh_database

FILES = {"K-1": os.urandom(70_000), "K-2": os.urandom(5_000)}


@pytest.fixture
def pg_station(server_dsn, tmp_path):
    dsn = fresh_database(server_dsn, f"hub_{uuid.uuid4().hex[:12]}")
    with running_hub(tmp_path / "hub", dsn=dsn) as hub:
        yield connect(hub, "ST-01")


def test_uploads_commits_and_heartbeats_work_on_postgresql(pg_station) -> None:
    station = pg_station
    url = station.upload(FILES["K-1"], "K-1", chunk_size=20_000)
    assert station.create(FILES["K-1"], "K-1").headers["Location"] == url
    station.upload(FILES["K-2"], "K-2", sha256="0" * 64)
    assert station.get("/api/v1/files/K-2").json()["state"] == "corrupt"
    with_unknown = manifest_for({"K-1": FILES["K-1"], "K-3": b"x"})
    missing = station.post("/api/v1/manifests", json=with_unknown)
    assert missing.status_code == 409
    assert station.post("/api/v1/manifests", json=manifest_for(FILES)).status_code == 422
    station.upload(FILES["K-2"], "K-2")
    first = station.post("/api/v1/manifests", json=manifest_for(FILES))
    again = station.post("/api/v1/manifests", json=manifest_for(FILES))
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    [listed] = station.get("/api/v1/dossiers").json()
    assert listed["files_count"] == 2
    queue = {"queued": 0, "failed": 0}
    beat = {"station_id": "ST-01", "version": "1", "queue": queue, "at": "2026-11-20T09:00:00Z"}
    assert station.post("/api/v1/heartbeat", json=beat).status_code == 204
    assert station.get("/api/v1/stations").json()[0]["online"] is True


def test_concurrent_commits_of_one_manifest_publish_it_once_on_postgresql(pg_station) -> None:
    station = pg_station
    for key, data in FILES.items():
        station.upload(data, key)
    with ThreadPoolExecutor(6) as pool:
        manifest = manifest_for(FILES)
        answers = list(pool.map(lambda _: commit_until_answered(station, manifest), range(6)))
    assert {a.status_code for a in answers} == {200}
    assert len({a.text for a in answers}) == 1
    assert len(station.get("/api/v1/dossiers").json()) == 1


def test_a_heartbeat_does_not_wait_for_the_write_lock_on_postgresql(server_dsn, tmp_path) -> None:
    """A station's own row, last writer wins: a long commit holding the hub's write lock does
    not keep 500 stations' heartbeats waiting behind it."""
    import threading

    from hub.db import PostgresDatabase

    dsn = fresh_database(server_dsn, f"hub_{uuid.uuid4().hex[:12]}")
    with running_hub(tmp_path / "hub", dsn=dsn) as hub:
        station = connect(hub, "ST-01")
        held, release = threading.Event(), threading.Event()

        def hold_the_write_lock() -> None:
            with PostgresDatabase(dsn).transaction(write=True):
                held.set()
                release.wait(30)

        holder = threading.Thread(target=hold_the_write_lock)
        holder.start()
        try:
            assert held.wait(30)
            queue = {"queued": 2, "failed": 0}
            beat = {"station_id": "ST-01", "version": "1", "queue": queue,
                    "at": "2026-11-20T09:00:00Z"}  # fmt: skip
            answer = station.post("/api/v1/heartbeat", json=beat)
            assert answer.status_code == 204
            assert not release.is_set()  # answered while the lock was still held
        finally:
            release.set()
            holder.join(30)
        [row] = station.get("/api/v1/stations").json()
        assert row["online"] is True and row["queue"]["queued"] == 2
