"""Read-only queries the station's figures need beyond the event table: dossiers by receipt
date with their files, and uploads as the sync outbox's rows record them."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from station.store.events import stamp

_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class ReceivedRow:
    code: str
    procedure_code: str
    received_at: datetime
    station_id: str
    clerk_id: str
    file_components: tuple[str, ...]  # the component of every file attached to the dossier


@dataclass(frozen=True)
class ConfirmedUpload:
    """A dossier the hub confirmed whole (its manifest job is done)."""

    dossier_code: str
    station_id: str
    clerk_id: str
    confirmed_at: datetime
    first_page_at: datetime | None


@dataclass(frozen=True)
class UploadFailure:
    """An outbox job whose latest failure falls in the period (the outbox keeps only the last)."""

    job_id: int
    dossier_code: str
    station_id: str
    clerk_id: str
    failed_at: datetime
    error_code: str  # '' once the job went through after all
    parked: bool


@dataclass(frozen=True)
class QueueBacklog:
    """Finished dossiers not yet confirmed by the hub, as of now."""

    dossiers_waiting: int
    oldest_dossier_code: str | None
    oldest_finished_at: datetime | None
    dossiers_not_queued: int  # finished, but never handed to the outbox (no sync set up)
    jobs_queued: int
    jobs_uploading: int
    jobs_failed: int
    oldest_job_at: datetime | None


def received_rows(conn: sqlite3.Connection, since: datetime, until: datetime) -> list[ReceivedRow]:
    """Dossiers (drafts without a procedure left out) received in [since, until)."""
    # received_at may carry any UTC offset: narrow by date text a day wide, then compare exactly.
    low = (since.astimezone(UTC) - timedelta(days=1)).date().isoformat()
    high = (until.astimezone(UTC) + timedelta(days=1)).date().isoformat()
    found = conn.execute(
        "SELECT d.code, d.procedure_code, d.received_at, d.station_id, d.clerk_id,"
        " (SELECT group_concat(f.component_code, ?) FROM dossier_file f"
        "  WHERE f.dossier_id = d.id) AS components"
        " FROM dossier d WHERE d.procedure_code != ''"
        " AND substr(d.received_at, 1, 10) BETWEEN ? AND ? ORDER BY d.id",
        (_SEPARATOR, low, high),
    ).fetchall()
    result = []
    for row in found:
        received = datetime.fromisoformat(row["received_at"])
        if received.tzinfo is None:
            received = received.replace(tzinfo=UTC)
        if since <= received < until:
            components = tuple(row["components"].split(_SEPARATOR)) if row["components"] else ()
            result.append(
                ReceivedRow(
                    row["code"], row["procedure_code"], received, row["station_id"],
                    row["clerk_id"], components,
                )
            )  # fmt: skip
    return result


def confirmed_uploads(
    conn: sqlite3.Connection, since: datetime, until: datetime
) -> list[ConfirmedUpload]:
    found = conn.execute(
        "SELECT j.dossier_code, j.done_at, coalesce(d.station_id, '') AS station_id,"
        " coalesce(d.clerk_id, '') AS clerk_id,"
        " (SELECT min(e.at) FROM event e WHERE e.dossier_code = j.dossier_code"
        "  AND e.kind = 'page_stored') AS first_event,"
        " (SELECT min(p.created_at) FROM page p WHERE p.dossier_id = d.id) AS first_page"
        " FROM sync_job j LEFT JOIN dossier d ON d.code = j.dossier_code"
        " WHERE j.kind = 'manifest' AND j.state = 'done' AND j.done_at >= ? AND j.done_at < ?"
        " ORDER BY j.done_at, j.id",
        (stamp(since), stamp(until)),
    ).fetchall()
    return [
        ConfirmedUpload(
            row["dossier_code"],
            row["station_id"],
            row["clerk_id"],
            datetime.fromisoformat(row["done_at"]),
            # Pages stored before events were recorded still have their own time.
            _optional_time(row["first_event"] or row["first_page"]),
        )
        for row in found
    ]


def upload_failures(
    conn: sqlite3.Connection, since: datetime, until: datetime
) -> list[UploadFailure]:
    found = conn.execute(
        "SELECT j.id, j.dossier_code, j.state, coalesce(j.error_code, '') AS error_code,"
        " j.last_error_at, coalesce(d.station_id, '') AS station_id,"
        " coalesce(d.clerk_id, '') AS clerk_id"
        " FROM sync_job j LEFT JOIN dossier d ON d.code = j.dossier_code"
        " WHERE j.last_error_at >= ? AND j.last_error_at < ? ORDER BY j.last_error_at, j.id",
        (stamp(since), stamp(until)),
    ).fetchall()
    return [
        UploadFailure(
            row["id"], row["dossier_code"], row["station_id"], row["clerk_id"],
            datetime.fromisoformat(row["last_error_at"]), row["error_code"],
            row["state"] == "failed",
        )
        for row in found
    ]  # fmt: skip


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
