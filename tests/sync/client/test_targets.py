"""The folder target writes the same package as the hub gets; the hub hears heartbeats."""

from __future__ import annotations

import hashlib
import json

import requests

from sync.jobs import JobKind, JobState
from sync.settings import save_settings
from sync.worker import WorkerOptions
from tests.station.workflow.support import CODE
from tests.sync.client.conftest import CHUNK, CLIENT_ID, FAST
from tests.sync.client.support import jobs_of


def test_the_folder_target_delivers_pdfs_then_the_manifest(station, tmp_path) -> None:
    share = tmp_path / "share"
    save_settings(station.store, target="folder", folder=str(share))
    jobs = station.finish()
    station.worker().run(until_idle=True, timeout=20)
    station.worker().run(until_idle=True, timeout=20)  # a second pass delivers nothing new
    assert {j.state for j in jobs_of(station.home)} == {JobState.DONE}
    package = share / CODE
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["dossier_code"] == CODE
    for job, component in zip(jobs[:2], manifest["components"], strict=True):
        data = (package / job.file_name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == job.sha256 == component["sha256"]
        assert component["kpi"] == {
            "digitized": True,
            "reused": False,
            "from_national_store": False,
        }
    assert sorted(p.name for p in package.iterdir()) == sorted(
        [j.file_name for j in jobs if j.kind is JobKind.FILE] + ["manifest.json"]
    )  # no temporary files left behind


def test_the_worker_sends_heartbeats_with_its_queue(connected, hub) -> None:
    connected.finish()
    options = WorkerOptions(FAST.backoff, poll_seconds=0.05, heartbeat_seconds=0, chunk_size=CHUNK)
    connected.worker(options).run(once=True)  # sends what is due, then a heartbeat
    secret = connected.secret_file.read_text().strip()
    token = requests.post(
        f"{hub.url}/oauth/token",
        data={"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": secret},
        timeout=10,
    ).json()["access_token"]
    stations = requests.get(
        f"{hub.url}/api/v1/stations", headers={"Authorization": f"Bearer {token}"}, timeout=10
    ).json()
    mine = next(s for s in stations if s["station_id"] == CLIENT_ID)
    assert mine["last_heartbeat_at"] is not None
    assert set(mine["queue"]) == {"queued", "failed", "oldest_queued_at"}
