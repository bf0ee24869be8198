"""The folder target writes the same package as the hub gets; the hub hears heartbeats."""

from __future__ import annotations

import hashlib
import json

import requests

from station.workflow.result_manifest import manifest_file_name
from station.workflow.results import finish_result, open_for_result
from sync.enqueue import enqueue_result
from sync.jobs import JobKind, JobState
from sync.settings import save_settings
from sync.worker import WorkerOptions
from tests.station.workflow.support import CODE, scanned_page
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


def test_the_folder_target_delivers_a_result_addendum_beside_the_dossier(station, tmp_path) -> None:
    share = tmp_path / "share"
    save_settings(station.store, target="folder", folder=str(share))
    station.finish(components=("TP1",))
    station.worker().run(until_idle=True, timeout=20)
    open_for_result(station.store, station.catalog, CODE)
    scanned_page(station.store, CODE, "A5", "KQ1")
    scanned_page(station.store, CODE, "A4", "KQ1")
    receipt = finish_result(station.store, station.catalog, CODE, profile="jpeg", workers=1)
    jobs = enqueue_result(station.store, station.catalog, CODE, receipt.addendum_id)
    station.worker().run(until_idle=True, timeout=20)
    station.worker().run(until_idle=True, timeout=20)  # a second pass delivers nothing new

    assert {j.state for j in jobs_of(station.home)} == {JobState.DONE}
    [result_job] = [j for j in jobs if j.kind is JobKind.RESULT]
    name = manifest_file_name(receipt.addendum_id)
    assert name == f"result-{receipt.addendum_id[:16]}.json"
    package = share / CODE
    addendum = json.loads((package / name).read_text(encoding="utf-8"))
    assert addendum == result_job.manifest
    assert (addendum["addendum_id"], addendum["components"]) == (receipt.addendum_id, ["KQ1"])
    # The two result pages are one file, numbered on after the dossier's own.
    assert [f["file_name"] for f in addendum["files"]] == [f"{CODE}.2.pdf"]
    by_name = {j.file_name: j for j in jobs if j.kind is JobKind.FILE}
    for entry in addendum["files"]:
        data = (package / entry["file_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert by_name[entry["file_name"]].sha256 == entry["sha256"]
    reception = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    assert [c["component_code"] for c in reception["components"]] == ["TP1"]  # kept as sent
    assert sorted(p.name for p in package.iterdir()) == sorted(
        [f"{CODE}.1.pdf", f"{CODE}.2.pdf", "manifest.json", name]
    )  # no temporary files left behind
    assert not [p for p in share.rglob("*") if p.name.endswith(".part")]


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
