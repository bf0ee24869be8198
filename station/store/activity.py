"""Queries the station's figures need beyond page and dossier events: dossiers by receipt date
with their files, and uploads (the events the upload queue writes with each change). The queue's
backlog is read by sync, which owns its table (sync/backlog.py)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from station.events import stamp
from station.upload_facts import ConfirmedUpload, UploadFailure, parse_failure_reason

_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class ReceivedRow:
    code: str
    procedure_code: str
    received_at: datetime
    station_id: str
    clerk_id: str
    # the component of every file attached to the dossier, and of a result committed at
    # another desk of the unit (station/store/results_elsewhere.py), as the hub counts it
    file_components: tuple[str, ...]


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
    " (SELECT group_concat(c, ?) FROM (SELECT f.component_code AS c FROM dossier_file f"
    "  WHERE f.dossier_id = d.id UNION ALL SELECT e.component_code FROM result_elsewhere e"
    "  WHERE e.dossier_code = d.code)) AS components"
    " FROM dossier d WHERE d.procedure_code != ''"
    # received at another station: here only for its result (station/store/handover.py)
    " AND NOT EXISTS (SELECT 1 FROM handover h WHERE h.dossier_id = d.id)"
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


def confirmed_uploads(
    conn: sqlite3.Connection, since: datetime, until: datetime
) -> list[ConfirmedUpload]:
    """upload_confirmed events in the range."""
    found = conn.execute(
        "SELECT e.dossier_code, e.at AS confirmed_at, e.station_id, e.clerk_id,"
        + _first_page("e.dossier_code")
        + " FROM event e WHERE e.kind = 'upload_confirmed' AND e.at >= ? AND e.at < ?"
        " ORDER BY confirmed_at, e.id",
        (stamp(since), stamp(until)),
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
    """Every upload_failed event in the range."""
    found = conn.execute(
        "SELECT e.dossier_code, e.reason, e.at AS failed_at, e.station_id, e.clerk_id"
        " FROM event e WHERE e.kind = 'upload_failed' AND e.at >= ? AND e.at < ?"
        " ORDER BY failed_at, e.id",
        (stamp(since), stamp(until)),
    ).fetchall()
    failures = []
    for row in found:
        code, parked = parse_failure_reason(row["reason"])
        failures.append(
            UploadFailure(
                None, row["dossier_code"], row["station_id"], row["clerk_id"],
                datetime.fromisoformat(row["failed_at"]), code, parked,
            )
        )  # fmt: skip
    return failures


def _optional_time(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
