"""The upload queue's backlog, read by sync from its own table: finished dossiers not yet
confirmed, those never queued, and the jobs by state; the figures both frontends show carry it."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.reports import local_report
from station.dossiers import DossierRequest, open_dossier
from station.errors import ErrorCode, StationError
from station.model import utc_now
from station.stats import Period
from station.store import DossierFile, Store
from sync.backlog import queue_backlog
from sync.jobs import JobKind, NewJob
from sync.outbox import Outbox
from tests.station.stats.scenario import TZ

PROCEDURE = "1.010041"


def _finished(store: Store, catalog, code: str, at: datetime) -> None:
    open_dossier(store, catalog, DossierRequest(code, PROCEDURE, clerk_id="lan"))
    path = f"finished/{code}/1.pdf"
    store.mark_finished(
        code, [DossierFile(code, "TP1", f"{code}.1.pdf", path, 1, 10, "0" * 64, utc_now())], at
    )


def test_the_backlog_counts_waiting_dossiers_those_never_queued_and_jobs_by_state(
    store: Store, catalog
) -> None:
    start = utc_now() - timedelta(hours=3)
    for minutes, code in enumerate(("B", "A", "C", "G")):
        _finished(store, catalog, code, start + timedelta(minutes=minutes))  # G: never queued
    with Outbox.open(store.layout.home) as outbox:
        jobs = outbox.add(
            [
                NewJob("A", JobKind.MANIFEST, "key-a"),
                NewJob("B", JobKind.FILE, "key-b"),
                NewJob("B", JobKind.MANIFEST, "key-b-manifest"),
                NewJob("C", JobKind.FILE, "key-c"),
            ]
        )
        by_key = {job.idempotency_key: job.id for job in jobs}
        outbox.mark_done(by_key["key-a"], now=start + timedelta(hours=2))
        unreachable = StationError(ErrorCode.SYNC_JOB_NOT_FOUND, job=0)
        outbox.reschedule(by_key["key-b"], 60, unreachable)
        outbox.park(by_key["key-c"], unreachable)
    queue = queue_backlog(store.database)
    assert (queue.dossiers_waiting, queue.dossiers_not_queued) == (3, 1)  # A went; G never queued
    assert (queue.oldest_dossier_code, queue.oldest_finished_at) == ("B", start)
    assert (queue.jobs_queued, queue.jobs_uploading, queue.jobs_failed) == (2, 0, 1)
    today = Period.today(TZ).first_day
    period = Period.between(today - timedelta(days=1), today + timedelta(days=1), TZ)
    assert local_report(store, catalog, period).queue == queue


def test_a_station_where_sync_never_ran_has_every_finished_dossier_not_queued(
    store: Store, catalog
) -> None:
    assert queue_backlog(store.database).dossiers_waiting == 0
    _finished(store, catalog, "A", utc_now())
    queue = queue_backlog(store.database)
    assert (queue.dossiers_waiting, queue.dossiers_not_queued, queue.jobs_queued) == (1, 1, 0)
    assert not store.database.read(
        lambda conn: conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sync_job'").fetchone()
    )  # read as it is: the queue's table is made when sync first opens the queue
