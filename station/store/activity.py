"""Queries the station's figures need beyond page and dossier events: dossiers by receipt date
with their files, uploads (the worker's events, and the outbox's rows where those are missing),
and the queue."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from station.events import Event, EventKind
from station.store.events import dossier_event, stamp
from station.upload_facts import (
    ConfirmedUpload,
    QueueBacklog,
    UploadFailure,
    failure_reason,
    parse_failure_reason,
)

_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class ReceivedRow:
    code: str
    procedure_code: str
    received_at: datetime
    station_id: str
    clerk_id: str
    file_components: tuple[str, ...]  # the component of every file attached to the dossier


def received_rows(conn: sqlite3.Connection, since: datetime, until: datetime) -> list[ReceivedRow]:
    """Dossiers (drafts without a procedure left out) received in [since, until)."""
    # received_at may carry any UTC offset: narrow by date text a day wide, then compare exactly.
    low = (since.astimezone(UTC) - timedelta(days=1)).date().isoformat()
    high = (until.astimezone(UTC) + timedelta(days=1)).date().isoformat()
    found = conn.execute(
        _RECEIVED + " AND substr(d.received_at, 1, 10) BETWEEN ? AND ? ORDER BY d.id",
        (_SEPARATOR, low, high),
    ).fetchall()
    rows = (_received_row(row) for row in found)
    return [row for row in rows if since <= row.received_at < until]


def all_received_rows(conn: sqlite3.Connection) -> list[ReceivedRow]:
    """Every dossier with a procedure, whenever received (what a hub is sent)."""
    found = conn.execute(_RECEIVED + " ORDER BY d.id", (_SEPARATOR,)).fetchall()
    return [_received_row(row) for row in found]


_RECEIVED = (
    "SELECT d.code, d.procedure_code, d.received_at, d.station_id, d.clerk_id,"
    " (SELECT group_concat(f.component_code, ?) FROM dossier_file f"
    "  WHERE f.dossier_id = d.id) AS components"
    " FROM dossier d WHERE d.procedure_code != ''"
)


def _received_row(row: sqlite3.Row) -> ReceivedRow:
    received = datetime.fromisoformat(row["received_at"])
    if received.tzinfo is None:
        received = received.replace(tzinfo=UTC)
    components = tuple(row["components"].split(_SEPARATOR)) if row["components"] else ()
    return ReceivedRow(
        row["code"], row["procedure_code"], received, row["station_id"], row["clerk_id"],
        components,
    )  # fmt: skip


# The first page of a dossier: its first page_stored event, or for pages stored before events
# were recorded, the page's own time.
def _first_page(code: str) -> str:
    return (
        f" (SELECT min(fe.at) FROM event fe WHERE fe.dossier_code = {code}"
        "  AND fe.kind = 'page_stored') AS first_event,"
        " (SELECT min(p.created_at) FROM page p JOIN dossier pd ON pd.id = p.dossier_id"
        f"  WHERE pd.code = {code}) AS first_page"
    )


# An outbox row whose change the worker recorded as an event is counted once, by its event;
# a row without one (written before the worker recorded events, or lost to a crash between
# the two commits) is counted from the row. The event carries the row's exact time.
_CONFIRMED_RECORDED = (
    "EXISTS (SELECT 1 FROM event r WHERE r.kind = 'upload_confirmed'"
    " AND r.dossier_code = j.dossier_code AND r.at = j.done_at)"
)
_FAILURE_RECORDED = (
    "EXISTS (SELECT 1 FROM event r WHERE r.kind = 'upload_failed'"
    " AND r.dossier_code = j.dossier_code AND r.at = j.last_error_at)"
)


def confirmed_uploads(
    conn: sqlite3.Connection, since: datetime, until: datetime
) -> list[ConfirmedUpload]:
    """upload_confirmed events, and done manifest jobs that have none, confirmed in the range."""
    found = conn.execute(
        "SELECT e.dossier_code, e.at AS confirmed_at, e.station_id, e.clerk_id,"
        + _first_page("e.dossier_code")
        + " FROM event e WHERE e.kind = 'upload_confirmed' AND e.at >= ? AND e.at < ?"
        " UNION ALL"
        " SELECT j.dossier_code, j.done_at, coalesce(d.station_id, ''), coalesce(d.clerk_id, ''),"
        + _first_page("j.dossier_code")
        + " FROM sync_job j LEFT JOIN dossier d ON d.code = j.dossier_code"
        " WHERE j.kind = 'manifest' AND j.state = 'done' AND j.done_at >= ? AND j.done_at < ?"
        f" AND NOT {_CONFIRMED_RECORDED} ORDER BY confirmed_at",
        (stamp(since), stamp(until)) * 2,
    ).fetchall()
    return [
        ConfirmedUpload(
            row["dossier_code"],
            row["station_id"],
            row["clerk_id"],
            datetime.fromisoformat(row["confirmed_at"]),
            _optional_time(row["first_event"] or row["first_page"]),
        )
        for row in found
    ]


def first_page_at(conn: sqlite3.Connection, dossier_code: str) -> datetime | None:
    found = conn.execute("SELECT" + _first_page(":code"), {"code": dossier_code}).fetchone()
    return _optional_time(found["first_event"] or found["first_page"])


def upload_failures(
    conn: sqlite3.Connection, since: datetime, until: datetime
) -> list[UploadFailure]:
    """Every upload_failed event in the range, and the last failure of outbox jobs that have
    no event for it."""
    found = conn.execute(
        "SELECT NULL AS job_id, e.dossier_code, e.reason, e.at AS failed_at, e.station_id,"
        " e.clerk_id, NULL AS state FROM event e"
        " WHERE e.kind = 'upload_failed' AND e.at >= ? AND e.at < ?"
        " UNION ALL"
        " SELECT j.id, j.dossier_code, coalesce(j.error_code, ''), j.last_error_at,"
        " coalesce(d.station_id, ''), coalesce(d.clerk_id, ''), j.state"
        " FROM sync_job j LEFT JOIN dossier d ON d.code = j.dossier_code"
        " WHERE j.last_error_at >= ? AND j.last_error_at < ?"
        f" AND NOT {_FAILURE_RECORDED} ORDER BY failed_at, job_id",
        (stamp(since), stamp(until)) * 2,
    ).fetchall()
    failures = []
    for row in found:
        if row["job_id"] is None:
            code, parked = parse_failure_reason(row["reason"])
        else:
            code, parked = row["reason"], row["state"] == "failed"
        failures.append(
            UploadFailure(
                row["job_id"], row["dossier_code"], row["station_id"], row["clerk_id"],
                datetime.fromisoformat(row["failed_at"]), code, parked,
            )
        )  # fmt: skip
    return failures


def unrecorded_upload_events(
    conn: sqlite3.Connection, job_ids: Sequence[int] | None = None
) -> list[Event]:
    """The upload events the outbox's rows call for and the event table lacks: a confirmation
    for a done manifest, a failure for a job's last error. Call inside the write transaction
    that inserts them, so two writers cannot both add one."""
    only, params = "", ()
    if job_ids is not None:
        if not job_ids:
            return []
        only = f" AND j.id IN ({','.join('?' * len(job_ids))})"
        params = tuple(job_ids)
    confirmed = conn.execute(
        "SELECT j.dossier_code, j.done_at FROM sync_job j WHERE j.kind = 'manifest'"
        f" AND j.state = 'done' AND j.done_at IS NOT NULL AND NOT {_CONFIRMED_RECORDED}{only}",
        params,
    ).fetchall()
    failed = conn.execute(
        "SELECT j.dossier_code, j.last_error_at, coalesce(j.error_code, '') AS code, j.state"
        f" FROM sync_job j WHERE j.last_error_at IS NOT NULL AND NOT {_FAILURE_RECORDED}{only}",
        params,
    ).fetchall()
    events = [
        dossier_event(
            conn, EventKind.UPLOAD_CONFIRMED, row["dossier_code"],
            datetime.fromisoformat(row["done_at"]),
        )
        for row in confirmed
    ]  # fmt: skip
    events += [
        dossier_event(
            conn, EventKind.UPLOAD_FAILED, row["dossier_code"],
            datetime.fromisoformat(row["last_error_at"]),
            reason=failure_reason(row["code"], row["state"] == "failed"),
        )
        for row in failed
    ]  # fmt: skip
    return sorted(events, key=lambda e: e.at)


def queue_backlog(conn: sqlite3.Connection) -> QueueBacklog:
    waiting = conn.execute("SELECT count(*) FROM dossier WHERE state = 'finished'").fetchone()[0]
    oldest = conn.execute(
        "SELECT code, finished_at FROM dossier WHERE state = 'finished'"
        " ORDER BY finished_at, id LIMIT 1"
    ).fetchone()
    not_queued = conn.execute(
        "SELECT count(*) FROM dossier d WHERE d.state = 'finished'"
        " AND NOT EXISTS (SELECT 1 FROM sync_job j WHERE j.dossier_code = d.code)"
    ).fetchone()[0]
    jobs = dict(
        conn.execute(
            "SELECT state, count(*) FROM sync_job WHERE state != 'done' GROUP BY state"
        ).fetchall()
    )
    oldest_job = conn.execute("SELECT min(created_at) FROM sync_job WHERE state != 'done'")
    return QueueBacklog(
        dossiers_waiting=waiting,
        oldest_dossier_code=oldest["code"] if oldest else None,
        oldest_finished_at=_optional_time(oldest["finished_at"]) if oldest else None,
        dossiers_not_queued=not_queued,
        jobs_queued=jobs.get("queued", 0),
        jobs_uploading=jobs.get("uploading", 0),
        jobs_failed=jobs.get("failed", 0),
        oldest_job_at=_optional_time(oldest_job.fetchone()[0]),
    )


def _optional_time(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
