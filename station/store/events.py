"""The `event` table: written inside the transaction of the change each event describes."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from station.events import Event, EventKind, PageEvent, stamp


def insert_events(conn: sqlite3.Connection, events: Sequence[Event]) -> None:
    conn.executemany(
        "INSERT INTO event (kind, at, station_id, clerk_id, dossier_code, page_id, paper_size,"
        " pages, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                e.kind.value, stamp(e.at), e.station_id, e.clerk_id, e.dossier_code, e.page_id,
                e.paper_size, e.pages, e.reason,
            )
            for e in events
        ],
    )  # fmt: skip


def dossier_event(
    conn: sqlite3.Connection,
    kind: EventKind,
    dossier_code: str,
    at: datetime,
    page_id: str = "",
    paper_size: str = "",
    pages: int = 0,
    reason: str = "",
    clerk_id: str = "",
) -> Event:
    """An event about a dossier, by its station and clerk: `clerk_id`, the one signed in, or
    else the clerk who received the dossier."""
    row = conn.execute(
        "SELECT station_id, clerk_id FROM dossier WHERE code = ?", (dossier_code,)
    ).fetchone()
    station_id, receiver = (row["station_id"], row["clerk_id"]) if row else ("", "")
    clerk_id = clerk_id or receiver
    if not station_id:
        found = conn.execute("SELECT id FROM station LIMIT 1").fetchone()
        station_id = found["id"] if found else ""
    return Event(kind, at, station_id, clerk_id, dossier_code, page_id, paper_size, pages, reason)


def page_events(
    conn: sqlite3.Connection, marks: Sequence[PageEvent], at: datetime, clerk_id: str = ""
) -> list[Event]:
    events = []
    for mark in marks:
        row = conn.execute(
            "SELECT dossier.code, page.paper_size FROM page"
            " JOIN dossier ON dossier.id = page.dossier_id WHERE page.id = ?",
            (mark.page_id,),
        ).fetchone()
        code, paper = (row["code"], row["paper_size"]) if row else ("", "")
        clerk = clerk_id
        if mark.kind is EventKind.BLANK_BACK_SKIPPED:  # the station's doing, for whoever scanned
            clerk = _storing_clerk(conn, code, mark.page_id) or clerk_id
        events.append(
            dossier_event(
                conn, mark.kind, code, at, page_id=mark.page_id, paper_size=paper, clerk_id=clerk
            )
        )
    return events


def _storing_clerk(conn: sqlite3.Connection, dossier_code: str, page_id: str) -> str:
    row = conn.execute(
        "SELECT clerk_id FROM event WHERE dossier_code = ? AND kind = ? AND page_id = ?"
        " ORDER BY id LIMIT 1",
        (dossier_code, EventKind.PAGE_STORED.value, page_id),
    ).fetchone()
    return str(row["clerk_id"]) if row else ""


# What takes a page out of a dossier or brings it back, in the order recorded.
_REMOVALS = (
    EventKind.PAGE_DELETED,
    EventKind.PAGE_RESTORED,
    EventKind.PAGE_RESCANNED,
    EventKind.BLANK_BACK_SKIPPED,
)


@dataclass(frozen=True)
class BlankBackSkips:
    """A dossier's blank back sides as its events tell them, whatever was held in memory."""

    skipped: list[str]  # out of the dossier now, by a skip no one undid; in scan order
    ever: frozenset[str]  # every page skipped once (one brought back is never skipped again)


def blank_back_skips(conn: sqlite3.Connection, dossier_code: str) -> BlankBackSkips:
    found = conn.execute(
        f"SELECT page_id, kind FROM event WHERE dossier_code = ?"
        f" AND kind IN ({','.join('?' * len(_REMOVALS))}) ORDER BY id",
        (dossier_code, *(k.value for k in _REMOVALS)),
    ).fetchall()
    last: dict[str, str] = {}
    ever: set[str] = set()
    for row in found:
        last[row["page_id"]] = row["kind"]
        if row["kind"] == EventKind.BLANK_BACK_SKIPPED.value:
            ever.add(row["page_id"])
    out = [page_id for page_id, kind in last.items() if kind == EventKind.BLANK_BACK_SKIPPED.value]
    if not out:
        return BlankBackSkips([], frozenset(ever))
    deleted = conn.execute(
        f"SELECT page.id FROM page JOIN dossier ON dossier.id = page.dossier_id"
        f" WHERE dossier.code = ? AND page.deleted_at IS NOT NULL"
        f" AND page.id IN ({','.join('?' * len(out))}) ORDER BY page.created_at, page.id",
        (dossier_code, *out),
    ).fetchall()
    return BlankBackSkips([row["id"] for row in deleted], frozenset(ever))


def events_after(conn: sqlite3.Connection, after_id: int, limit: int) -> list[Event]:
    """Up to `limit` events with an id above `after_id`, in id order: what a hub has not seen.

    Ids only grow and every write holds SQLite's single write lock, so an event committed
    later never gets an id below one already read."""
    found = conn.execute(
        "SELECT * FROM event WHERE id > ? ORDER BY id LIMIT ?", (after_id, limit)
    ).fetchall()
    return [event_from_row(r) for r in found]


def read_events(
    conn: sqlite3.Connection,
    since: datetime,
    until: datetime,
    kinds: Sequence[EventKind] = (),
) -> list[Event]:
    """Events in [since, until), oldest first."""
    sql = "SELECT * FROM event WHERE at >= ? AND at < ?"
    params: tuple[str, ...] = (stamp(since), stamp(until))
    if kinds:
        sql += f" AND kind IN ({','.join('?' * len(kinds))})"
        params += tuple(k.value for k in kinds)
    return [event_from_row(r) for r in conn.execute(sql + " ORDER BY at, id", params)]


def event_from_row(row: sqlite3.Row) -> Event:
    return Event(
        kind=EventKind(row["kind"]),
        at=datetime.fromisoformat(row["at"]),
        station_id=row["station_id"],
        clerk_id=row["clerk_id"],
        dossier_code=row["dossier_code"],
        page_id=row["page_id"],
        paper_size=row["paper_size"],
        pages=row["pages"],
        reason=row["reason"],
        id=row["id"],
    )
