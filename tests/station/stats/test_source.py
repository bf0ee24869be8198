"""One station's figures read from its own store: dossiers, files and events (the upload queue's
included)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

from station.capture import draft_dossier
from station.dossiers import DossierRequest, open_dossier
from station.errors import ErrorCode, StationError
from station.events import Event, EventKind
from station.model import utc_now
from station.stats import DigitizationRate, Durations, Grouping, Period
from station.stats.source import station_report
from station.store import DossierFile, Store
from sync.jobs import JobKind, NewJob
from sync.outbox import Outbox
from tests.station.stats.scenario import TZ
from tests.station.workflow.support import tiny_page

PAPER_RESULT = "1.010041"  # TP1 submitted, KQ1 its paper result
NO_PAPER_RESULT = "1.004222"  # residence: the result is a database record, not paper


def _open(store: Store, catalog, code: str, procedure: str, **extra) -> None:
    open_dossier(store, catalog, DossierRequest(code, procedure, clerk_id="lan", **extra))


def _finish(store: Store, code: str, *components: str, at: datetime | None = None) -> None:
    files = [
        DossierFile(
            code, c, f"{code}.{n}.pdf", f"outbox/{code}/{n}.pdf", 1, 10, "0" * 64, utc_now()
        )
        for n, c in enumerate(components, 1)
    ]
    store.mark_finished(code, files, at or utc_now())


def _around_today() -> Period:
    today = Period.today(TZ).first_day
    return Period.between(today - timedelta(days=1), today + timedelta(days=1), TZ)


def test_digitization_rate_from_the_stores_dossiers_and_files(store: Store, catalog) -> None:
    _open(store, catalog, "A", PAPER_RESULT)
    _finish(store, "A", "TP1", "KQ1")  # files and an electronic result: counts
    _open(store, catalog, "B", PAPER_RESULT)
    _finish(store, "B", "TP1")  # no electronic result of its paper result: does not
    _open(store, catalog, "C", NO_PAPER_RESULT)
    _finish(store, "C", "TP1")  # no paper result to match: counts
    _open(store, catalog, "D", PAPER_RESULT)  # still open, nothing attached
    draft_dossier(store)  # no procedure yet: not a received dossier
    report = station_report(store, catalog, _around_today())
    assert report.total.digitization == DigitizationRate(received=4, digitized=2, rate=50.0)
    assert report.total.dossiers.opened == 5
    assert report.total.dossiers.finished == 3


def test_receipt_dates_with_any_offset_fall_in_their_local_month(store: Store, catalog) -> None:
    last_evening = datetime.fromisoformat("2025-11-30T23:30:00+07:00")
    next_night = datetime.fromisoformat("2025-11-30T17:30:00+00:00")  # 1 Dec, 00:30 local
    _open(store, catalog, "NOV", PAPER_RESULT, received_at=last_evening)
    _open(store, catalog, "DEC", NO_PAPER_RESULT, received_at=next_night)
    _finish(store, "DEC", "TP1")
    november = station_report(store, catalog, Period.month(2025, 11, TZ)).total
    december = station_report(store, catalog, Period.month(2025, 12, TZ)).total
    assert november.digitization == DigitizationRate(1, 0, 0.0)
    assert december.digitization == DigitizationRate(1, 1, 100.0)


def _events(store: Store, code: str, first_page: datetime) -> None:
    station = store.station().id
    store.record_events(
        [Event(EventKind.PAGE_STORED, first_page, station, "lan", code, "p-" + code, "A4")]
    )


def test_uploads_failures_and_parked_jobs_are_counted_from_the_queues_events(
    store: Store, catalog
) -> None:
    start = utc_now() - timedelta(hours=3)
    for code in ("A", "B", "C", "G"):
        _open(store, catalog, code, PAPER_RESULT)
    _events(store, "A", start)
    _finish(store, "B", "TP1", at=start)
    _finish(store, "A", "TP1", at=start + timedelta(minutes=1))
    _finish(store, "C", "TP1", at=start + timedelta(minutes=2))
    _finish(store, "G", "TP1", at=start + timedelta(minutes=3))  # never queued
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
        outbox.mark_done(by_key["key-a"], now=start + timedelta(hours=2, seconds=30))
        unreachable = StationError(ErrorCode.SYNC_JOB_NOT_FOUND, job=0)
        outbox.reschedule(by_key["key-b"], 60, unreachable)
        outbox.park(by_key["key-c"], unreachable)
    report = station_report(store, catalog, _around_today(), Grouping.CLERK)
    uploads = report.total.uploads
    assert (uploads.confirmed, uploads.failures, uploads.parked) == (1, 2, 1)
    assert uploads.first_page_to_upload == Durations(1, 7230.0, 7230.0)
    assert list(report.groups) == ["lan"]
    assert report.queue is None  # the queue's backlog is sync's to read (sync/backlog.py)


def test_every_upload_change_of_the_queue_is_counted_once_by_its_event(
    store: Store, catalog
) -> None:
    start = utc_now() - timedelta(hours=3)
    for code in ("A", "B", "C"):
        _open(store, catalog, code, PAPER_RESULT)
        _finish(store, code, "TP1", at=start)
    _events(store, "A", start)
    offline = StationError(ErrorCode.SYNC_OFFLINE, url="u", detail="d")
    rejected = StationError(ErrorCode.SYNC_REJECTED, what="file", status=413, detail="big")
    outbox = Outbox.of(store)
    jobs = outbox.add([NewJob(code, JobKind.MANIFEST, f"key-{code}") for code in ("A", "B", "C")])
    job = {j.dossier_code: j.id for j in jobs}
    outbox.mark_done(job["A"], now=start + timedelta(hours=1))
    outbox.mark_done(job["A"], now=start + timedelta(hours=2))  # a repeat changes nothing
    for _ in range(2):
        outbox.reschedule(job["B"], 60, offline)
    outbox.park(job["C"], rejected)
    recorded = [
        (e.dossier_code, e.reason) for e in store.events(start, utc_now() + timedelta(hours=1))
        if e.kind in (EventKind.UPLOAD_CONFIRMED, EventKind.UPLOAD_FAILED)
    ]  # fmt: skip
    assert recorded == [
        ("A", ""), ("B", "sync_offline"), ("B", "sync_offline"), ("C", "parked:sync_rejected"),
    ]  # fmt: skip
    uploads = station_report(store, catalog, _around_today()).total.uploads
    assert (uploads.confirmed, uploads.failures, uploads.parked) == (1, 3, 1)
    assert uploads.first_page_to_upload == Durations(1, 3600.0, 3600.0)
    failures = store.upload_failures(start, utc_now() + timedelta(hours=1))
    assert [(f.dossier_code, f.job_id, f.parked) for f in failures] == [
        ("B", None, False), ("B", None, False), ("C", None, True),
    ]  # fmt: skip


def test_a_dossier_stored_before_events_were_recorded_uses_its_first_pages_time(
    store: Store, catalog
) -> None:
    _open(store, catalog, "OLD", PAPER_RESULT)
    first = tiny_page(store, "OLD", "TP1")
    conn = sqlite3.connect(store.layout.database)
    with conn:
        conn.execute("DELETE FROM event")  # as a database from before migration 4
    conn.close()
    _finish(store, "OLD", "TP1")
    with Outbox.open(store.layout.home) as outbox:
        (job,) = outbox.add([NewJob("OLD", JobKind.MANIFEST, "key-old")])
        outbox.mark_done(job.id, now=first.created_at + timedelta(minutes=10))
    waits = station_report(store, catalog, _around_today()).total.uploads.first_page_to_upload
    assert waits == Durations(1, 600.0, 600.0)


def test_an_empty_station_has_nothing_to_report(store: Store, catalog) -> None:
    report = station_report(store, catalog, Period.day(date(2026, 11, 3), TZ), Grouping.DAY)
    assert report.groups == {}
    assert report.total.digitization.rate is None
    assert report.queue is None
