"""The outbox's rows as plain values: one job per component file, one per dossier manifest."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class JobState(StrEnum):
    QUEUED = "queued"
    UPLOADING = "uploading"
    DONE = "done"
    FAILED = "failed"  # parked: waits for a person to retry it


class JobKind(StrEnum):
    FILE = "file"
    MANIFEST = "manifest"
    RESULT = "result"  # a result addendum's manifest: after its files and the dossier's own


def to_text(moment: datetime) -> str:
    """Fixed width and UTC, so SQLite can compare the text directly."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_text(text: str | None) -> datetime | None:
    if text is None:
        return None
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


@dataclass(frozen=True)
class Job:
    id: int
    dossier_code: str
    kind: JobKind
    idempotency_key: str
    state: JobState
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    component_code: str = ""
    file_name: str = ""
    path: str = ""  # relative to the data directory
    size: int = 0
    sha256: str = ""
    payload: str = ""  # the manifest's (or result manifest's) JSON
    upload_url: str | None = None
    sent_bytes: int = 0
    error_code: str | None = None
    error_params: dict[str, Any] = field(default_factory=dict)
    last_error_at: datetime | None = None
    done_at: datetime | None = None
    purged_at: datetime | None = None

    @property
    def manifest(self) -> dict[str, Any]:
        return json.loads(self.payload) if self.payload else {}


def job_from_row(row: sqlite3.Row) -> Job:
    return Job(
        id=row["id"],
        dossier_code=row["dossier_code"],
        kind=JobKind(row["kind"]),
        idempotency_key=row["idempotency_key"],
        state=JobState(row["state"]),
        attempts=row["attempts"],
        next_attempt_at=from_text(row["next_attempt_at"]),  # type: ignore[arg-type]
        created_at=from_text(row["created_at"]),  # type: ignore[arg-type]
        component_code=row["component_code"],
        file_name=row["file_name"],
        path=row["path"],
        size=row["size"],
        sha256=row["sha256"],
        payload=row["payload"],
        upload_url=row["upload_url"],
        sent_bytes=row["sent_bytes"],
        error_code=row["error_code"],
        error_params=json.loads(row["error_params"]) if row["error_params"] else {},
        last_error_at=from_text(row["last_error_at"]),
        done_at=from_text(row["done_at"]),
        purged_at=from_text(row["purged_at"]),
    )


@dataclass(frozen=True)
class NewJob:
    dossier_code: str
    kind: JobKind
    idempotency_key: str
    component_code: str = ""
    file_name: str = ""
    path: str = ""
    size: int = 0
    sha256: str = ""
    payload: str = ""


@dataclass(frozen=True)
class QueueStatus:
    counts: dict[str, int]
    oldest_queued_at: datetime | None
    last_error: dict[str, Any] | None  # {"job", "code", "params", "at"}
