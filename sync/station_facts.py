"""The worker's own link to the station's store: it records upload events and reads the facts
the hub has not acknowledged yet.

One SQLite connection of its own (the outbox keeps another), writes under BEGIN IMMEDIATE like
every writer of the store. What the hub acknowledged is kept in the `setting` table:
`metrics.events_through` (the last event id it holds) and `metrics.received.YYYY-MM` (the digest
of each month of received dossiers it holds).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
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
from station.store import Layout
from station.store.activity import (
    all_received_rows,
    first_page_at,
    queue_backlog,
    unrecorded_upload_events,
)
from station.store.database import open_database, write_transaction
from station.store.errors import from_sqlite_error
from station.store.events import events_after, insert_events
from station.store.settings import read_settings, write_settings

EVENTS_THROUGH = "metrics.events_through"
MONTH_PREFIX = "metrics.received."


@dataclass(frozen=True)
class FactsBatch:
    """The `facts` object of one metrics request."""

    body: dict[str, Any]
    more: bool  # events beyond this batch are waiting


class StationFacts:
    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._path = path

    @classmethod
    def open(cls, home: Path) -> StationFacts:
        path = Layout(home).database
        return cls(open_database(path), path)

    def close(self) -> None:
        self._conn.close()

    # upload events ---------------------------------------------------------------------------
    def record_upload_events(self, job_ids: Sequence[int] | None = None) -> int:
        """Add the upload events the outbox rows of these jobs (default: all) call for and the
        event table lacks; returns how many. Safe to repeat: a recorded change is not again."""
        with write_transaction(self._conn, self._path) as conn:
            events = unrecorded_upload_events(conn, job_ids)
            insert_events(conn, events)
        return len(events)

    # facts for the hub -----------------------------------------------------------------------
    def batch(self, catalog: Catalog, limit: int) -> FactsBatch:
        try:
            return self._batch(catalog, limit)
        except sqlite3.Error as exc:
            raise from_sqlite_error(exc, self._path) from exc

    def _batch(self, catalog: Catalog, limit: int) -> FactsBatch:
        acked = read_settings(self._conn, "metrics.")
        after = int(acked.get(EVENTS_THROUGH, "0"))
        events = events_after(self._conn, after, limit + 1)
        station = self._conn.execute("SELECT id, name, agency_code FROM station LIMIT 1").fetchone()
        body = {
            "store_id": station["id"],
            "name": station["name"],
            "agency_code": station["agency_code"],
            "after": after,
            "events": [
                event_to_json(e, self._first_page(e.kind, e.dossier_code)) for e in events[:limit]
            ],
            "received": self._changed_months(catalog, acked),
            "queue": queue_to_json(queue_backlog(self._conn)),
        }
        return FactsBatch(body, more=len(events) > limit)

    def _first_page(self, kind: EventKind, dossier_code: str) -> Any:
        if kind is not EventKind.UPLOAD_CONFIRMED:
            return None
        return first_page_at(self._conn, dossier_code)

    def _changed_months(self, catalog: Catalog, acked: Mapping[str, str]) -> list[dict[str, Any]]:
        months: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in all_received_rows(self._conn):
            data = received_to_json(received_dossier(row, catalog), row.procedure_code)
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

    def acknowledge(self, events_through: int, months: Mapping[str, str]) -> None:
        """Keep what the hub says it holds now (it may hold less than was sent, after a
        restore from a backup: then the next batch starts earlier)."""
        held = read_settings(self._conn, MONTH_PREFIX)
        changes: dict[str, str | None] = {key: None for key in held}
        changes |= {MONTH_PREFIX + month: digest for month, digest in months.items()}
        changes[EVENTS_THROUGH] = str(events_through)
        with write_transaction(self._conn, self._path) as conn:
            write_settings(conn, changes)
