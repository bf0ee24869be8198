"""The upload queue's backlog for the station's figures: finished dossiers the hub has not
confirmed, and the queue's jobs by state. Sync owns the queue's table, so sync reads it; the
figures (station/stats) are handed the result."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from station.store.database import Database
from station.upload_facts import QueueBacklog


def queue_backlog(database: Database) -> QueueBacklog:
    return database.read(read_backlog)


def read_backlog(conn: sqlite3.Connection) -> QueueBacklog:
    """Read as the table is, never migrated by a read: on a station where sync never ran there
    is no queue yet, and every finished dossier is not queued."""
    waiting = conn.execute("SELECT count(*) FROM dossier WHERE state = 'finished'").fetchone()[0]
    oldest = conn.execute(
        "SELECT code, finished_at FROM dossier WHERE state = 'finished'"
        " ORDER BY finished_at, id LIMIT 1"
    ).fetchone()
    jobs: dict[str, int] = {}
    not_queued, oldest_job = waiting, None
    if _has_queue(conn):
        # Never queued, or a result finished for it that never was (it failed to queue).
        not_queued = conn.execute(
            "SELECT count(*) FROM dossier d WHERE d.state = 'finished'"
            " AND (NOT EXISTS (SELECT 1 FROM sync_job j WHERE j.dossier_code = d.code)"
            " OR EXISTS (SELECT 1 FROM dossier_file f WHERE f.dossier_id = d.id"
            " AND f.addendum_id != '' AND NOT EXISTS (SELECT 1 FROM sync_job r"
            " WHERE r.kind = 'result' AND r.idempotency_key = f.addendum_id)))"
        ).fetchone()[0]
        jobs = dict(
            conn.execute(
                "SELECT state, count(*) FROM sync_job WHERE state != 'done' GROUP BY state"
            ).fetchall()
        )
        oldest_job = conn.execute(
            "SELECT min(created_at) FROM sync_job WHERE state != 'done'"
        ).fetchone()[0]
    return QueueBacklog(
        dossiers_waiting=waiting,
        oldest_dossier_code=oldest["code"] if oldest else None,
        oldest_finished_at=_optional_time(oldest["finished_at"]) if oldest else None,
        dossiers_not_queued=not_queued,
        jobs_queued=jobs.get("queued", 0),
        jobs_uploading=jobs.get("uploading", 0),
        jobs_failed=jobs.get("failed", 0),
        oldest_job_at=_optional_time(oldest_job),
    )


def _has_queue(conn: sqlite3.Connection) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_job'")
    return found.fetchone() is not None


def _optional_time(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
