"""A dossier received at another station of the unit, taken into this store only to hand its
result over (trả kết quả at a separate desk). It is recorded as already sent (the hub holds it),
with no applicant and no reception file: only what the hub's hand-over look-up told, so that the
result pages go into it, its files are numbered after the hub's and its addendum is queued.

It is not a dossier this station received: no `dossier_opened` event is recorded for it, and
the figures and the results awaiting scan leave it out (station/store/activity.py,
station/store/results.py)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from station.errors import ErrorCode, StationError
from station.model import Dossier, DossierState
from station.store import rows


@dataclass(frozen=True)
class HandoverRecord:
    receiving_station: str  # the hub's id of the station that received the dossier
    files_before: int  # files the hub held of it (reception and results) when looked up
    results_before: tuple[str, ...]  # result components digitized by then
    looked_up_at: datetime


def insert_handover(
    conn: sqlite3.Connection, dossier: Dossier, record: HandoverRecord, now: datetime
) -> None:
    if conn.execute("SELECT 1 FROM dossier WHERE code = ?", (dossier.code,)).fetchone():
        raise StationError(ErrorCode.DOSSIER_EXISTS, code=dossier.code)
    cursor = conn.execute(
        "INSERT INTO dossier (code, procedure_code, received_at, state, station_id, clerk_id,"
        " created_at, updated_at, finished_at, catalog_version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            dossier.code,
            dossier.procedure_code,
            rows.to_text(dossier.received_at),
            DossierState.SYNCED.value,
            dossier.station_id,
            dossier.clerk_id,
            rows.to_text(now),
            rows.to_text(now),
            None if dossier.finished_at is None else rows.to_text(dossier.finished_at),
            dossier.catalog_version,
        ),
    )
    conn.execute(
        "INSERT INTO handover (dossier_id, receiving_station, files_before, results_before,"
        " looked_up_at) VALUES (?, ?, ?, ?, ?)",
        (
            cursor.lastrowid,
            record.receiving_station,
            record.files_before,
            json.dumps(list(record.results_before)),
            rows.to_text(record.looked_up_at),
        ),
    )


def read_handover(conn: sqlite3.Connection, code: str) -> HandoverRecord | None:
    row = conn.execute(
        "SELECT h.* FROM handover h JOIN dossier d ON d.id = h.dossier_id WHERE d.code = ?",
        (code,),
    ).fetchone()
    if row is None:
        return None
    return HandoverRecord(
        row["receiving_station"],
        int(row["files_before"]),
        tuple(json.loads(row["results_before"])),
        rows.to_datetime(row["looked_up_at"]),
    )
