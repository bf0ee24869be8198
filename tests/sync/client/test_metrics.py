"""The real worker against a real hub: upload events in the station's store, and its facts on the
hub, sent once however often they are resent."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import requests
from click.testing import CliRunner

from hub import rollup
from hub.cli import hub_group
from hub.db import open_database
from hub.stats import StatsQuery, hub_report
from station.events import Event, EventKind
from station.model import utc_now
from station.stats import Period, report_from_json, zone
from station.stats.source import station_report
from station.store import Store
from station.store.events import stamp
from station.store.identity import StationIdentity
from sync.folder_target import FolderTarget
from sync.jobs import JobKind, JobState
from sync.settings import save_settings
from sync.worker import SyncWorker
from tests.helpers.hub import HubHandle, running_hub
from tests.station.workflow.support import CODE
from tests.sync.client.conftest import CLIENT_ID, FAST, Station
from tests.sync.client.support import jobs_of

K = EventKind
TZ = zone()
SECOND = "000.00.14.H05-251122-0002"


def _today() -> Period:
    today = Period.today(TZ).first_day
    return Period.between(today - timedelta(days=1), today + timedelta(days=1), TZ)


def _events(store: Store, *kinds: EventKind) -> list[Event]:
    now = utc_now()
    return store.events(now - timedelta(days=1), now + timedelta(days=1), kinds)


def _hub_stats(hub: HubHandle) -> dict[str, Any]:
    db = open_database(None, hub.config.sqlite_path)
    return hub_report(db, StatsQuery(_today()), offline_after=300)


def _hub_rows(hub: HubHandle) -> dict[str, int]:
    with closing(sqlite3.connect(hub.config.sqlite_path)) as db:
        return {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("station_events", "received_dossiers", "received_months")
        }


def test_a_confirmed_upload_is_an_event_of_the_dossiers_station_and_clerk(
    connected: Station,
) -> None:
    connected.finish()
    connected.worker().run(until_idle=True, timeout=20)
    (confirmed,) = _events(connected.store, K.UPLOAD_CONFIRMED)
    manifest = next(j for j in jobs_of(connected.home) if j.kind is JobKind.MANIFEST)
    assert (confirmed.dossier_code, confirmed.clerk_id) == (CODE, "lan")
    assert confirmed.station_id == connected.store.station().id
    assert confirmed.at == manifest.done_at
    assert _events(connected.store, K.UPLOAD_FAILED) == []
    uploads = station_report(connected.store, connected.catalog, _today()).total.uploads
    assert (uploads.confirmed, uploads.failures, uploads.parked) == (1, 0, 0)


def test_every_failed_attempt_is_an_event_and_counts_once(
    connected: Station, hub: HubHandle
) -> None:
    jobs = connected.finish()
    secret = connected.secret_file.read_text().strip()
    connected.connect(hub.url, "not-the-secret")
    connected.worker().run(timeout=1.0)  # the hub refuses the token, again and again
    failed = _events(connected.store, K.UPLOAD_FAILED)
    attempts = sum(j.attempts for j in jobs_of(connected.home))
    assert len(failed) == attempts > 1  # the outbox keeps only the last of them
    assert {(e.dossier_code, e.reason, e.clerk_id) for e in failed} == {
        (CODE, "sync_auth_rejected", "lan")
    }
    connected.connect(hub.url, secret)
    connected.worker().run(until_idle=True, timeout=20)
    assert {j.state for j in jobs_of(connected.home)} == {JobState.DONE}
    assert len(jobs) == 3 and _events(connected.store, K.UPLOAD_FAILED) == failed
    uploads = station_report(connected.store, connected.catalog, _today()).total.uploads
    assert (uploads.confirmed, uploads.failures, uploads.parked) == (1, attempts, 0)


def test_a_failure_that_parks_a_job_is_recorded_as_parked(station: Station, tmp_path) -> None:
    station.finish()
    with running_hub(tmp_path / "hub", max_upload_size=200_000) as small:  # the first PDF is larger
        station.connect(small.url, small.add_station(CLIENT_ID))
        station.worker().run(until_idle=True, timeout=20)
    (failed,) = _events(station.store, K.UPLOAD_FAILED)
    assert failed.reason == "parked:sync_rejected"
    uploads = station_report(station.store, station.catalog, _today()).total.uploads
    assert (uploads.confirmed, uploads.failures, uploads.parked) == (0, 1, 1)


def test_queue_rows_from_before_events_were_in_their_transaction_get_them_once(
    connected: Station,
) -> None:
    connected.finish()
    connected.worker().run(until_idle=True, timeout=20)
    before = station_report(connected.store, connected.catalog, _today()).total
    with closing(sqlite3.connect(connected.store.layout.database)) as db, db:
        # As an older worker, which wrote events after the queue's commit, could leave it.
        db.execute("DELETE FROM event WHERE kind LIKE 'upload%'")
        db.execute("UPDATE schema_version SET version = 1 WHERE name = 'sync'")
    connected.worker().run(once=True)  # opens the queue: sync's schema is migrated
    connected.worker().run(once=True)
    (confirmed,) = _events(connected.store, K.UPLOAD_CONFIRMED)
    manifest = next(j for j in jobs_of(connected.home) if j.kind is JobKind.MANIFEST)
    assert stamp(confirmed.at) == stamp(manifest.done_at)  # type: ignore[arg-type]
    assert station_report(connected.store, connected.catalog, _today()).total == before


def test_the_hub_gets_the_stations_facts_and_computes_the_same_figures(
    connected: Station, hub: HubHandle
) -> None:
    connected.finish()
    connected.finish(SECOND, components=("TP1",))  # no electronic result: not digitized
    connected.worker().run(until_idle=True, timeout=30)
    mine = station_report(connected.store, connected.catalog, _today()).total
    payload = _hub_stats(hub)
    assert report_from_json(payload).total == mine
    assert mine.digitization.received == 2 and mine.digitization.digitized == 1
    assert mine.uploads.confirmed == 2 and mine.pages.stored == 4
    (listed,) = payload["stations"]
    assert listed["station_id"] == CLIENT_ID and listed["online"] is True
    assert listed["queue"]["dossiers_waiting"] == 0
    # Nobody named the station: the hub shows the name it was registered under, not the host's.
    assert connected.store.identity().updated_at is None
    assert listed["name"] == listed["registered_name"] == CLIENT_ID


def test_resending_after_a_lost_answer_counts_nothing_twice(
    connected: Station, hub: HubHandle
) -> None:
    connected.finish()
    connected.worker().run(until_idle=True, timeout=20)
    sent, rows = _hub_stats(hub), _hub_rows(hub)
    # The station never heard the answer: its cursor and month digests are gone.
    connected.store.save_settings(
        {key: None for key in connected.store.settings("metrics.")}
    )  # fmt: skip
    connected.worker().run(once=True)
    assert _hub_rows(hub) == rows
    again = _hub_stats(hub)
    assert (again["total"], again["groups"]) == (sent["total"], sent["groups"])
    assert connected.store.settings("metrics.")["metrics.events_through"] == str(
        rows["station_events"]
    )


def test_a_hub_restored_from_an_older_backup_gets_the_missing_facts_again(
    connected: Station, hub: HubHandle
) -> None:
    connected.finish()
    connected.worker().run(until_idle=True, timeout=20)
    sent, rows = _hub_stats(hub), _hub_rows(hub)
    with closing(sqlite3.connect(hub.config.sqlite_path)) as db, db:
        db.execute("DELETE FROM station_events WHERE event_id > 2")
        db.execute("DELETE FROM received_months")
        db.execute("DELETE FROM received_dossiers")
    with open_database(None, hub.config.sqlite_path).transaction(write=True) as session:
        rollup.rebuild(session)  # a backup holds the summaries of the events it holds
    connected.worker().run(once=True)  # told the hub lacks its last event: starts again at 2
    connected.worker().run(once=True)
    assert _hub_rows(hub) == rows
    assert _hub_stats(hub)["total"] == sent["total"]


def test_a_new_dossier_sends_only_its_month_and_new_events(
    connected: Station, hub: HubHandle
) -> None:
    connected.finish()
    connected.worker().run(until_idle=True, timeout=20)
    through = int(connected.store.settings("metrics.")["metrics.events_through"])
    connected.finish(SECOND, components=("TP1",))
    connected.worker().run(until_idle=True, timeout=20)
    settings = connected.store.settings("metrics.")
    assert int(settings["metrics.events_through"]) > through
    (month,) = [key for key in settings if key.startswith("metrics.received.")]
    received = connected.store.dossier(SECOND).received_at
    assert month == "metrics.received." + stamp(received)[:7]  # the UTC month of both
    assert _hub_rows(hub)["received_dossiers"] == 2
    assert _hub_stats(hub)["total"]["digitization"] == {
        "received": 2,
        "digitized": 1,
        "rate": 50.0,
    }


def test_the_stats_endpoint_answers_the_same_report(connected: Station, hub: HubHandle) -> None:
    connected.finish()
    connected.worker().run(until_idle=True, timeout=20)
    secret = connected.secret_file.read_text().strip()
    token = requests.post(
        f"{hub.url}/oauth/token",
        data={"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": secret},
        timeout=10,
    ).json()["access_token"]
    period = _today()
    answer = requests.get(
        f"{hub.url}/api/v1/stats",
        params={"since": period.first_day.isoformat(), "until": period.last_day.isoformat(),
                "by": "clerk"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )  # fmt: skip
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert [g["key"] for g in body["groups"]] == [f"{CLIENT_ID}/lan"]
    assert body["total"] == _hub_stats(hub)["total"]


def test_a_folder_target_sends_no_metrics(station: Station, tmp_path: Path) -> None:
    save_settings(station.store, target="folder", folder=str(tmp_path / "share"))
    station.finish()
    station.worker().run(until_idle=True, timeout=20)
    assert len(_events(station.store, K.UPLOAD_CONFIRMED)) == 1
    assert station.store.settings("metrics.") == {}


class _HeartbeatLog(FolderTarget):
    """A real folder target that notes how many jobs were waiting at each heartbeat."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.waiting: list[int] = []

    def heartbeat(self, body: dict[str, Any]) -> None:
        self.waiting.append(body["queue"]["queued"])


def test_heartbeats_keep_going_while_a_long_queue_drains(station: Station, tmp_path: Path) -> None:
    """A station sending all afternoon must not look offline to its supervisor."""
    save_settings(station.store, target="folder", folder=str(tmp_path / "share"))
    for number in range(1, 4):
        station.finish(code=f"{CODE[:-4]}{number:04d}")
    target = _HeartbeatLog(tmp_path / "share")
    options = replace(FAST, heartbeat_seconds=0.0)
    SyncWorker(station.home, target=target, options=options).run(until_idle=True, timeout=30)
    assert all(j.state is JobState.DONE for j in jobs_of(station.home))
    assert max(target.waiting) > 0  # sent between jobs, not only once the queue was empty


def test_the_hub_learns_the_stations_name_and_agency_code_from_its_identity(
    connected: Station, hub: HubHandle
) -> None:
    connected.store.set_identity(StationIdentity("UBND xã Thạch Hà", "000.01.31.H05"))
    connected.finish()
    connected.worker().run(until_idle=True, timeout=20)
    with closing(sqlite3.connect(hub.config.sqlite_path)) as db:
        profiles = db.execute("SELECT reported_name, agency_code FROM station_profiles").fetchall()
    assert profiles == [("UBND xã Thạch Hà", "000.01.31.H05")]
    shown = CliRunner().invoke(hub_group, ["stats", "--data", str(hub.data_dir)])
    assert shown.exit_code == 0, shown.output
    (line,) = [line for line in shown.output.splitlines() if CLIENT_ID in line]
    assert "UBND xã Thạch Hà" in line and "000.01.31.H05" in line
    as_json = CliRunner().invoke(hub_group, ["stats", "--data", str(hub.data_dir), "--json"])
    (listed,) = json.loads(as_json.output)["stations"]
    assert (listed["name"], listed["unit_code"]) == ("UBND xã Thạch Hà", "000.01.31.H05")
