"""Upload records: one per (station, idempotency key); the byte offset is the store's word."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from hub import clock
from hub.db import Database, Row, Session


class UploadState(StrEnum):
    RECEIVING = "receiving"
    COMPLETE = "complete"
    CORRUPT = "corrupt"


@dataclass(frozen=True)
class UploadRequest:
    idempotency_key: str
    file_name: str
    dossier_code: str
    sha256: str
    length: int


@dataclass(frozen=True)
class Upload:
    upload_id: str
    station_id: str
    idempotency_key: str
    file_name: str
    dossier_code: str
    declared_sha256: str
    length: int
    offset: int
    state: UploadState
    sha256: str | None
    created_at: str = ""

    def expires_at(self, ttl: int) -> datetime:
        """tus Expiration: an upload not complete by then is dropped."""
        return clock.parse(self.created_at) + timedelta(seconds=ttl)

    def expired(self, ttl: int, now: datetime | None = None) -> bool:
        return self.state == UploadState.RECEIVING and (now or clock.now()) >= self.expires_at(ttl)

    @classmethod
    def from_row(cls, row: Row) -> Upload:
        return cls(
            upload_id=row["upload_id"],
            station_id=row["station_id"],
            idempotency_key=row["idempotency_key"],
            file_name=row["file_name"],
            dossier_code=row["dossier_code"],
            declared_sha256=row["declared_sha256"],
            length=int(row["length"]),
            offset=int(row["upload_offset"]),
            state=UploadState(row["state"]),
            sha256=row["sha256"],
            created_at=row["created_at"],
        )


_COLUMNS = (
    "upload_id, station_id, idempotency_key, file_name, dossier_code, declared_sha256,"
    " length, upload_offset, state, sha256, created_at"
)


class QuotaExceeded(Exception):
    """The station has too many uploads open, or too many bytes declared in them."""


class NoRoom(Exception):
    """The disk cannot take the declared bytes and keep the hub's margin free."""


@dataclass(frozen=True)
class Quota:
    max_open: int
    max_bytes: int
    ttl: int  # seconds an upload may stay incomplete


def find_by_key(session: Session, station_id: str, key: str) -> Upload | None:
    row = session.one(
        f"SELECT {_COLUMNS} FROM uploads WHERE station_id = ? AND idempotency_key = ?",
        (station_id, key),
    )
    return None if row is None else Upload.from_row(row)


def _check_quota(session: Session, station_id: str, length: int, quota: Quota) -> None:
    since = clock.to_text(clock.now() - timedelta(seconds=quota.ttl))
    row = session.one(
        "SELECT count(*) AS n, coalesce(sum(length), 0) AS total FROM uploads"
        " WHERE station_id = ? AND state = ? AND created_at > ?",
        (station_id, UploadState.RECEIVING.value, since),
    )
    assert row is not None
    if int(row["n"]) >= quota.max_open or int(row["total"]) + length > quota.max_bytes:
        raise QuotaExceeded()


def create_or_reuse(
    db: Database, station_id: str, request: UploadRequest, quota: Quota, room: int
) -> tuple[Upload, bool]:
    """Returns (upload, restarted): restarted means a new row, or one reset to offset 0,
    whose data file the caller must make sure exists (its PATCHes drop any stale bytes).

    A corrupt or expired upload is restarted under the same id, so a station can retry with
    the same idempotency key after a failed checksum. Raises QuotaExceeded, or NoRoom when a
    new or restarted upload declares more than `room` bytes (an existing one was admitted
    when it was created, and is returned as it is).
    """
    with db.transaction(write=True) as session:
        existing = find_by_key(session, station_id, request.idempotency_key)
        restartable = existing is not None and (
            existing.state == UploadState.CORRUPT or existing.expired(quota.ttl)
        )
        if existing is not None and not restartable:
            return existing, False
        _check_quota(session, station_id, request.length, quota)
        if request.length > room:
            raise NoRoom()
        if existing is None:
            upload_id = uuid.uuid4().hex
            session.execute(
                f"INSERT INTO uploads ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, NULL, ?)",
                (
                    upload_id,
                    station_id,
                    request.idempotency_key,
                    request.file_name,
                    request.dossier_code,
                    request.sha256,
                    request.length,
                    UploadState.RECEIVING.value,
                    clock.now_text(),
                ),
            )
        else:
            upload_id = existing.upload_id
            session.execute(
                "UPDATE uploads SET file_name = ?, dossier_code = ?, declared_sha256 = ?,"
                " length = ?, upload_offset = 0, state = ?, sha256 = NULL, completed_at = NULL,"
                " created_at = ? WHERE upload_id = ?",
                (
                    request.file_name,
                    request.dossier_code,
                    request.sha256,
                    request.length,
                    UploadState.RECEIVING.value,
                    clock.now_text(),
                    upload_id,
                ),
            )
        created = find_by_key(session, station_id, request.idempotency_key)
    assert created is not None
    return created, True


def get(db: Database, station_id: str, upload_id: str) -> Upload | None:
    with db.transaction() as session:
        row = session.one(
            f"SELECT {_COLUMNS} FROM uploads WHERE upload_id = ? AND station_id = ?",
            (upload_id, station_id),
        )
    return None if row is None else Upload.from_row(row)


def get_by_key(db: Database, station_id: str, key: str) -> Upload | None:
    with db.transaction() as session:
        return find_by_key(session, station_id, key)


def set_offset(db: Database, upload_id: str, offset: int) -> None:
    with db.transaction(write=True) as session:
        session.execute(
            "UPDATE uploads SET upload_offset = ? WHERE upload_id = ? AND state = ?",
            (offset, upload_id, UploadState.RECEIVING.value),
        )


def expired(db: Database, ttl: int, limit: int = 200) -> list[Upload]:
    """Incomplete uploads past their expiry, oldest first."""
    since = clock.to_text(clock.now() - timedelta(seconds=ttl))
    with db.transaction() as session:
        rows = session.query(
            f"SELECT {_COLUMNS} FROM uploads WHERE state = ? AND created_at <= ?"
            " ORDER BY created_at LIMIT ?",
            (UploadState.RECEIVING.value, since, limit),
        )
    return [Upload.from_row(row) for row in rows]


def forget(db: Database, upload: Upload) -> None:
    """Drops an expired upload's row, unless it was restarted meanwhile."""
    with db.transaction(write=True) as session:
        session.execute(
            "DELETE FROM uploads WHERE upload_id = ? AND state = ? AND created_at = ?",
            (upload.upload_id, UploadState.RECEIVING.value, upload.created_at),
        )


def finish(db: Database, upload: Upload, computed_sha256: str) -> UploadState:
    state = (
        UploadState.COMPLETE
        if computed_sha256 == upload.declared_sha256.lower()
        else UploadState.CORRUPT
    )
    with db.transaction(write=True) as session:
        session.execute(
            "UPDATE uploads SET state = ?, sha256 = ?, completed_at = ?, upload_offset = length"
            " WHERE upload_id = ?",
            (state.value, computed_sha256, clock.now_text(), upload.upload_id),
        )
    return state
