"""The persistent outbox: jobs in the station's SQLite, one writer at a time (BEGIN IMMEDIATE).

A job moves queued → uploading → done, or to failed (parked) with a reason. Every change is
committed before the network hears of it, so a killed process loses nothing: a job it left
'uploading' goes back to the queue and resumes from the server's offset.

The queue lives in the station's database (its own schema, sync/tables.py) and writes the
store's upload events (upload_confirmed, upload_failed) in the transaction of the change they
record: a crash keeps both or neither.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from station.errors import ErrorCode, StationError
from station.events import Event, EventKind
from station.model import DossierState, utc_now
from station.store import Layout, Store
from station.store.database import Database
from station.store.events import dossier_event, insert_events
from station.store.settings import read_settings
from station.upload_facts import failure_reason
from sync.jobs import (
    Job,
    JobKind,
    JobState,
    NewJob,
    QueueStatus,
    from_text,
    job_from_row,
    to_text,
)
from sync.proxy_credentials import move_plain_proxy_password
from sync.settings import PREFIX, SyncSettings, settings_from
from sync.tables import SYNC_SCHEMA

# Called with the name of each point a job's change passes, inside or after its transaction;
# tests use it to kill the process there.
Checkpoint = Callable[[str], None]
STATE_WRITTEN = "state_written"  # the job's new state, before its event (same transaction)
COMMITTED = "committed"  # both committed

# A manifest can go only when every file job of its dossier is done.
# A manifest goes after the files queued before it; a result addendum also after every
# manifest of its dossier, so the hub never hears of a result before the dossier itself.
_READY = (
    "j.state = 'queued' AND (j.kind = 'file' OR NOT EXISTS (SELECT 1 FROM sync_job f"
    " WHERE f.dossier_code = j.dossier_code AND f.kind = 'file' AND f.state != 'done'"
    " AND f.id < j.id)) AND (j.kind != 'result' OR NOT EXISTS (SELECT 1 FROM sync_job m"
    " WHERE m.dossier_code = j.dossier_code AND m.kind = 'manifest' AND m.state != 'done'))"
)
# Oldest first, not soonest due: a job retried at once after a cut comes before the jobs
# queued behind it, so one dossier arrives whole before the next one starts.
_DUE = f"SELECT * FROM sync_job j WHERE {_READY} AND j.next_attempt_at <= ? ORDER BY j.id LIMIT 1"
# A delay beyond this is a bug or a hostile answer; a day later the job is simply tried again.
MAX_DELAY = 86400.0


def _no_checkpoint(_name: str) -> None:
    pass


class Outbox:
    def __init__(
        self,
        database: Database,
        layout: Layout,
        owned: bool = False,
        checkpoint: Checkpoint = _no_checkpoint,
    ) -> None:
        database.require(SYNC_SCHEMA)
        move_plain_proxy_password(database)
        self.database = database
        self.layout = layout
        self._owned = owned  # closed with the outbox only when it opened the database
        self._checkpoint = checkpoint

    @classmethod
    def open(cls, home: Path, checkpoint: Checkpoint = _no_checkpoint) -> Outbox:
        """The queue on a database of its own (a process that has no store open)."""
        layout = Layout(home)
        database = Database.open(layout.database, [SYNC_SCHEMA])
        return cls(database, layout, owned=True, checkpoint=checkpoint)

    @classmethod
    def of(cls, store: Store) -> Outbox:
        """The queue on the store's own database."""
        return cls(store.database, store.layout)

    def close(self) -> None:
        if self._owned:
            self.database.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self.database.transaction() as conn:
            yield conn

    def _rows(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        return self.database.query(sql, params)

    # adding ----------------------------------------------------------------
    def add(self, jobs: Sequence[NewJob], now: datetime | None = None) -> list[Job]:
        """Insert the jobs; one already queued under the same idempotency key is kept as is."""
        stamp = to_text(now or utc_now())
        with self._transaction() as conn:
            for job in jobs:
                conn.execute(
                    "INSERT OR IGNORE INTO sync_job (dossier_code, kind, component_code,"
                    " file_name, path, size, sha256, idempotency_key, payload, next_attempt_at,"
                    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        job.dossier_code, job.kind.value, job.component_code, job.file_name,
                        job.path, job.size, job.sha256, job.idempotency_key, job.payload,
                        stamp, stamp, stamp,
                    ),
                )  # fmt: skip
        keys = tuple(j.idempotency_key for j in jobs)
        marks = ",".join("?" * len(keys))
        found = self._rows(f"SELECT * FROM sync_job WHERE idempotency_key IN ({marks})", keys)
        return sorted((job_from_row(r) for r in found), key=lambda j: j.id)

    # the worker's side -----------------------------------------------------
    def release_interrupted(self) -> int:
        """Jobs a killed process left 'uploading' go back to the queue (their upload URL
        stays, so they resume from the server's offset). Call only while holding the worker
        lock, so no live worker is uploading them."""
        with self._transaction() as conn:
            return conn.execute(
                "UPDATE sync_job SET state = 'queued', updated_at = ? WHERE state = 'uploading'",
                (to_text(utc_now()),),
            ).rowcount

    def claim_next(self, now: datetime | None = None) -> Job | None:
        stamp = to_text(now or utc_now())
        with self._transaction() as conn:
            row = conn.execute(_DUE, (stamp,)).fetchone()
            if row is None:
                return None
            conn.execute(
                "UPDATE sync_job SET state = 'uploading', attempts = attempts + 1,"
                " updated_at = ? WHERE id = ?",
                (stamp, row["id"]),
            )
        return self.get(row["id"])

    def waiting_count(self) -> int:
        """Queued jobs that can still go out by themselves: a manifest held up by a parked
        file waits for a person, not for time."""
        found = self._rows(
            "SELECT count(*) FROM sync_job j WHERE j.state IN ('queued', 'uploading')"
            " AND NOT (j.kind = 'manifest' AND EXISTS (SELECT 1 FROM sync_job f"
            " WHERE f.dossier_code = j.dossier_code AND f.kind = 'file' AND f.state = 'failed'))"
        )
        return found[0][0]

    def next_due_at(self) -> datetime | None:
        """When the next job that can go is due; None when none can (an idle worker polls)."""
        found = self._rows(f"SELECT min(j.next_attempt_at) FROM sync_job j WHERE {_READY}")
        return from_text(found[0][0])

    def record_upload_url(self, job_id: int, url: str) -> None:
        self._update(job_id, upload_url=url)

    def record_progress(self, job_id: int, sent_bytes: int) -> None:
        self._update(job_id, sent_bytes=sent_bytes)

    def mark_done(self, job_id: int, now: datetime | None = None) -> Job:
        """Done; a manifest also marks its dossier synced and records upload_confirmed."""
        moment = now or utc_now()
        stamp = to_text(moment)
        with self._transaction() as conn:
            changed = conn.execute(
                "UPDATE sync_job SET state = 'done', done_at = ?, updated_at = ?,"
                " sent_bytes = size, error_code = NULL, error_params = NULL"
                " WHERE id = ? AND state != 'done'",
                (stamp, stamp, job_id),
            ).rowcount
            row = conn.execute("SELECT * FROM sync_job WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                raise StationError(ErrorCode.SYNC_JOB_NOT_FOUND, job=job_id)
            job = job_from_row(row)
            if changed and job.kind is JobKind.MANIFEST:
                # The hub holds the whole dossier now: it counts as synced.
                conn.execute(
                    "UPDATE dossier SET state = ?, updated_at = ? WHERE code = ? AND state = ?",
                    (DossierState.SYNCED.value, stamp, job.dossier_code,
                     DossierState.FINISHED.value),
                )  # fmt: skip
                self._checkpoint(STATE_WRITTEN)
                confirmed = dossier_event(
                    conn, EventKind.UPLOAD_CONFIRMED, job.dossier_code, moment
                )
                insert_events(conn, [confirmed])
        self._checkpoint(COMMITTED)
        return job

    def reschedule(
        self,
        job_id: int,
        delay: float,
        error: StationError | None = None,
        attempts: int | None = None,
    ) -> Job:
        """Back to the queue after `delay` seconds, keeping the reason for `sync status`.
        `attempts`: a new count (0 after an attempt that made progress)."""
        now = utc_now()
        seconds = min(MAX_DELAY, max(0.0, delay)) if delay == delay else MAX_DELAY  # NaN
        changes: dict[str, Any] = {
            "state": JobState.QUEUED.value,
            "next_attempt_at": to_text(now + timedelta(seconds=seconds)),
        }
        if attempts is not None:
            changes["attempts"] = attempts
        if error is not None:
            changes |= _error_columns(error, now)
        return self._update(job_id, **changes)

    def park(self, job_id: int, error: StationError) -> Job:
        return self._update(job_id, state=JobState.FAILED.value, **_error_columns(error, utc_now()))

    def _update(self, job_id: int, **columns: Any) -> Job:
        """A change to the job; one that records a failure records its upload_failed event
        in the same transaction."""
        columns["updated_at"] = to_text(utc_now())
        assignments = ", ".join(f"{name} = ?" for name in columns)
        with self._transaction() as conn:
            changed = conn.execute(
                f"UPDATE sync_job SET {assignments} WHERE id = ?", (*columns.values(), job_id)
            ).rowcount
            if changed and "last_error_at" in columns:
                self._checkpoint(STATE_WRITTEN)
                insert_events(conn, [_failure_event(conn, job_id)])
        if not changed:
            raise StationError(ErrorCode.SYNC_JOB_NOT_FOUND, job=job_id)
        if "last_error_at" in columns:
            self._checkpoint(COMMITTED)
        return self.get(job_id)

    # a person's side -------------------------------------------------------
    def retry(self, job_id: int) -> Job:
        """Retry now: a parked or waiting job is due at once, with its backoff reset."""
        job = self.get(job_id)
        if job.state in (JobState.DONE, JobState.UPLOADING):
            return job
        return self._update(
            job_id, state=JobState.QUEUED.value, attempts=0, next_attempt_at=to_text(utc_now())
        )

    def retry_all_failed(self) -> int:
        stamp = to_text(utc_now())
        with self._transaction() as conn:
            return conn.execute(
                "UPDATE sync_job SET state = 'queued', attempts = 0, next_attempt_at = ?,"
                " updated_at = ? WHERE state = 'failed'",
                (stamp, stamp),
            ).rowcount

    # reading ---------------------------------------------------------------
    def settings(self) -> SyncSettings:
        return settings_from(self.database.read(read_settings, PREFIX))

    def station_id(self) -> str:
        found = self._rows("SELECT id FROM station LIMIT 1")
        return found[0][0] if found else ""

    def get(self, job_id: int) -> Job:
        found = self._rows("SELECT * FROM sync_job WHERE id = ?", (job_id,))
        if not found:
            raise StationError(ErrorCode.SYNC_JOB_NOT_FOUND, job=job_id)
        return job_from_row(found[0])

    def jobs(self, state: JobState | None = None, dossier_code: str | None = None) -> list[Job]:
        sql, params = "SELECT * FROM sync_job WHERE 1 = 1", ()
        if state is not None:
            sql, params = sql + " AND state = ?", (*params, state.value)
        if dossier_code is not None:
            sql, params = sql + " AND dossier_code = ?", (*params, dossier_code)
        return [job_from_row(r) for r in self._rows(sql + " ORDER BY id", params)]

    def status(self) -> QueueStatus:
        counts = {s.value: 0 for s in JobState}
        for row in self._rows("SELECT state, count(*) FROM sync_job GROUP BY state"):
            counts[row[0]] = row[1]
        oldest = self._rows("SELECT min(created_at) FROM sync_job WHERE state = 'queued'")[0][0]
        last = self._rows(
            "SELECT id, error_code, error_params, last_error_at FROM sync_job"
            " WHERE error_code IS NOT NULL ORDER BY last_error_at DESC LIMIT 1"
        )
        last_error = None
        if last:
            row = last[0]
            last_error = {
                "job": row[0],
                "code": row[1],
                "params": json.loads(row[2]) if row[2] else {},
                "at": from_text(row[3]),
            }
        return QueueStatus(counts, from_text(oldest), last_error)

    def purgeable(self, confirmed_before: datetime) -> list[Job]:
        """Confirmed file jobs whose local copy outlived the retention period."""
        found = self._rows(
            "SELECT * FROM sync_job WHERE kind = 'file' AND state = 'done'"
            " AND purged_at IS NULL AND done_at IS NOT NULL AND done_at < ? ORDER BY id",
            (to_text(confirmed_before),),
        )
        return [job_from_row(r) for r in found]

    def mark_purged(self, job_id: int) -> None:
        self._update(job_id, purged_at=to_text(utc_now()))


def _failure_event(conn: sqlite3.Connection, job_id: int) -> Event:
    row = conn.execute(
        "SELECT dossier_code, state, error_code, last_error_at FROM sync_job WHERE id = ?",
        (job_id,),
    ).fetchone()
    reason = failure_reason(row["error_code"] or "", row["state"] == JobState.FAILED.value)
    at = from_text(row["last_error_at"])
    return dossier_event(conn, EventKind.UPLOAD_FAILED, row["dossier_code"], at, reason=reason)


def _error_columns(error: StationError, now: datetime) -> dict[str, Any]:
    params = {k: str(v) for k, v in error.params.items()}
    return {
        "error_code": error.code.value,
        "error_params": json.dumps(params, ensure_ascii=False),
        "last_error_at": to_text(now),
    }
