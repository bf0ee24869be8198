"""Reads the station's facts the hub has not acknowledged yet, and keeps what it acknowledged.

It works on the station's database, shared with the store and the upload queue (the queue
writes the upload events itself, with the change they record). What the hub acknowledged is
kept in the `setting` table:
`metrics.events_through` (the last event id it holds) and `metrics.received.YYYY-MM` (the digest
of each month of received dossiers it holds).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from station.catalog import Catalog
from station.events import EventKind
from station.stats.serialize import (
    event_to_json,
    queue_to_json,
    received_digest,
    received_month,
    received_to_json,
)
from station.stats.source import received_dossier
from station.store.activity import all_received_rows, first_page_at
from station.store.database import Database
from station.store.events import events_after
from station.store.identity import read_identity
from station.store.results import result_candidates
from station.store.settings import read_settings, write_settings
from sync.backlog import read_backlog

EVENTS_THROUGH = "metrics.events_through"
MONTH_PREFIX = "metrics.received."


@dataclass(frozen=True)
class FactsBatch:
    """The `facts` object of one metrics request."""

    body: dict[str, Any]
    more: bool  # events beyond this batch are waiting


class FactsReporter:
    def __init__(self, database: Database) -> None:
        self._database = database

    # facts for the hub -----------------------------------------------------------------------
    def batch(self, catalog: Catalog, limit: int) -> FactsBatch:
        return self._database.read(self._batch, catalog, limit)

    def _batch(self, conn: sqlite3.Connection, catalog: Catalog, limit: int) -> FactsBatch:
        acked = read_settings(conn, "metrics.")
        after = int(acked.get(EVENTS_THROUGH, "0"))
        events = events_after(conn, after, limit + 1)
        station_id = conn.execute("SELECT id FROM station LIMIT 1").fetchone()["id"]
        identity = read_identity(conn)
        body = {
            "store_id": station_id,
            # Only a name a person gave: the host name would hide the one the hub registered.
            "name": identity.name if identity.updated_at is not None else "",
            "agency_code": identity.agency_code,
            "level": identity.level.value,
            "after": after,
            "events": [
                event_to_json(e, _first_page(conn, e.kind, e.dossier_code)) for e in events[:limit]
            ],
            "received": _changed_months(conn, catalog, acked),
            "queue": queue_to_json(read_backlog(conn)),
        }
        return FactsBatch(body, more=len(events) > limit)

    def acknowledge(self, events_through: int, months: Mapping[str, str]) -> None:
        """Keep what the hub says it holds now (it may hold less than was sent, after a
        restore from a backup: then the next batch starts earlier)."""
        with self._database.transaction() as conn:
            held = read_settings(conn, MONTH_PREFIX)
            changes: dict[str, str | None] = {key: None for key in held}
            changes |= {MONTH_PREFIX + month: digest for month, digest in months.items()}
            changes[EVENTS_THROUGH] = str(events_through)
            write_settings(conn, changes)


def _first_page(conn: sqlite3.Connection, kind: EventKind, dossier_code: str) -> Any:
    if kind is not EventKind.UPLOAD_CONFIRMED:
        return None
    return first_page_at(conn, dossier_code)


def _changed_months(
    conn: sqlite3.Connection, catalog: Catalog, acked: Mapping[str, str]
) -> list[dict[str, Any]]:
    months: dict[str, list[dict[str, Any]]] = defaultdict(list)
    # Finished at reception (or sent): with the result flags, the hub counts the results
    # awaiting scan as station/workflow/awaiting.py does.
    finished = {candidate.code for candidate in result_candidates(conn)}
    for row in all_received_rows(conn):
        data = received_to_json(received_dossier(row, catalog), row.procedure_code)
        data["finished"] = row.code in finished
        months[received_month(data)].append(data)
    held = {key.removeprefix(MONTH_PREFIX): value for key, value in acked.items()
            if key.startswith(MONTH_PREFIX)}  # fmt: skip
    changed = []
    for month in sorted(months.keys() | held.keys()):
        rows = sorted(months.get(month, []), key=lambda row: row["code"])
        digest = received_digest(rows)
        if held.get(month) != digest:
            changed.append({"month": month, "digest": digest, "rows": rows})
    return changed
