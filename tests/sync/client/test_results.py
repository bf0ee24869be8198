"""A result handed over later reaches the province as an addendum to the dossier already sent:
after the dossier's own commit, once, and only for the station's own dossier."""

from __future__ import annotations

import json

import requests

from station.workflow.results import finish_result, open_for_result
from sync.backlog import queue_backlog
from sync.enqueue import enqueue_result, result_payload
from sync.jobs import JobKind, JobState
from tests.helpers.hub import HubHandle
from tests.station.workflow.support import CODE, scanned_page
from tests.sync.client.conftest import CLIENT_ID, Station
from tests.sync.client.support import jobs_of
from ui.cli.main import main


def _result(station: Station, code: str = CODE) -> str:
    open_for_result(station.store, station.catalog, code)
    scanned_page(station.store, code, "A5", "KQ1")
    scanned_page(station.store, code, "A5", "KQ1")
    receipt = finish_result(station.store, station.catalog, code, profile="jpeg", workers=1)
    return receipt.addendum_id


def _hub_results(hub: HubHandle) -> list[dict]:
    return [json.loads(p.read_text("utf-8")) for p in hub.data_dir.rglob("result-*.json")]


def test_the_result_arrives_after_the_dossier_and_once(connected: Station, hub) -> None:
    connected.finish(components=("TP1",))
    addendum = _result(connected)
    jobs = enqueue_result(connected.store, connected.catalog, CODE, addendum)
    assert [j.kind for j in jobs][-1] is JobKind.RESULT
    assert enqueue_result(connected.store, connected.catalog, CODE, addendum)[-1].id == jobs[-1].id
    connected.worker().run(once=True)
    done = {j.kind: j for j in jobs_of(connected.home) if j.state is JobState.DONE}
    assert {JobKind.MANIFEST, JobKind.RESULT} <= done.keys()
    assert done[JobKind.MANIFEST].done_at <= done[JobKind.RESULT].done_at
    [kept] = _hub_results(hub)
    assert kept["addendum_id"] == addendum and kept["components"] == ["KQ1"]
    folder = next(hub.data_dir.rglob("manifest.json")).parent
    assert {f["file_name"] for f in kept["files"]} <= {p.name for p in folder.iterdir()}
    reception = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert [c["component_code"] for c in reception["components"]] == ["TP1"]  # kept as sent


def test_a_result_queued_before_its_dossier_waits_for_it(connected: Station, hub) -> None:
    connected.finish(components=("TP1",))
    addendum = _result(connected)
    manifest = next(j for j in jobs_of(connected.home) if j.kind is JobKind.MANIFEST)
    with connected.store.database.transaction() as conn:  # the dossier's commit held back
        conn.execute("UPDATE sync_job SET state = 'failed' WHERE id = ?", (manifest.id,))
    enqueue_result(connected.store, connected.catalog, CODE, addendum)
    connected.worker().run(once=True)
    states = {j.kind: j.state for j in jobs_of(connected.home)}
    assert states[JobKind.RESULT] is JobState.QUEUED and _hub_results(hub) == []


def test_a_result_that_failed_to_queue_is_counted_and_queued_by_sync_enqueue(
    connected: Station, hub, capsys, monkeypatch
) -> None:
    connected.finish(components=("TP1",))
    addendum = _result(connected)  # finished, never queued: as when queueing failed
    assert queue_backlog(connected.store.database).dossiers_not_queued == 1
    monkeypatch.setenv("SOHOA_HOME", str(connected.home))
    assert main(["sync", "enqueue", "--all-finished", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["jobs"][CODE] > 0
    assert queue_backlog(connected.store.database).dossiers_not_queued == 0
    connected.worker().run(once=True)
    [kept] = _hub_results(hub)
    assert kept["addendum_id"] == addendum
    assert main(["sync", "enqueue", CODE, "--json"]) == 0  # again: nothing new to send
    connected.worker().run(once=True)
    assert len(_hub_results(hub)) == 1


def _post(hub: HubHandle, client_id: str, body: dict, secret: str = "") -> requests.Response:
    secret = secret or hub.add_station(client_id)
    token = requests.post(
        f"{hub.url}/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(client_id, secret),
        timeout=10,
    ).json()["access_token"]
    body = {**body, "station_id": client_id}
    headers = {"Authorization": f"Bearer {token}"}
    return requests.post(f"{hub.url}/api/v1/results", json=body, headers=headers, timeout=10)


def test_the_hub_refuses_another_stations_unknown_or_changed_addenda(
    connected: Station, hub
) -> None:
    connected.finish(components=("TP1",))
    addendum = _result(connected)
    enqueue_result(connected.store, connected.catalog, CODE, addendum)
    connected.worker().run(once=True)
    files = [f for f in connected.store.dossier_files(CODE) if f.addendum_id == addendum]
    sent = result_payload(connected.store, files, addendum)
    other = _post(hub, "ST-OTHER", sent)
    assert (other.status_code, other.json()["error"]) == (403, "dossier_of_other_station")
    unknown = _post(hub, "ST-OTHER-2", {**sent, "dossier_code": "KHONG-CO-1"})
    assert (unknown.status_code, unknown.json()["error"]) == (404, "dossier_unknown")
    secret = connected.secret_file.read_text().strip()
    same = _post(hub, CLIENT_ID, sent, secret)
    assert (same.status_code, same.json()["addendum_id"]) == (200, addendum)  # a resend
    changed = {**sent, "clerk_id": "someone-else"}
    reused = _post(hub, CLIENT_ID, changed, secret)
    assert (reused.status_code, reused.json()["error"]) == (422, "addendum_id_reused")
    assert len(_hub_results(hub)) == 1
