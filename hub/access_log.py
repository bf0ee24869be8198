"""Who read which personal data, and when: kept in the store for `access_log_days`, read by
administrators."""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from starlette.concurrency import run_in_threadpool

from hub import clock
from hub.access import Scope
from hub.db import Database
from hub.principal import Principal

MAX_ENTRIES = 1000  # per query
READ_DOSSIER = "read_dossier"
OPEN_FILE = "open_file"
# Figures per clerk name the station's staff (their logins); figures per unit, station or day
# name nobody and are not logged, so that the log stays readable.
READ_CLERK_FIGURES = "read_clerk_figures"
# A result desk's look-up of a dossier of its unit (hub/handover.py): no personal data in the
# answer, but it says that the dossier exists, so it is logged like a read.
READ_HANDOVER = "read_handover"
ACTIONS = (READ_DOSSIER, OPEN_FILE, READ_CLERK_FIGURES, READ_HANDOVER)
ALL_CLERKS = "*"
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Access:
    at: str
    actor_kind: str  # "station" or the account's role
    actor: str
    action: str  # one of ACTIONS
    station_id: str  # "" for clerks' figures across several stations (the target says whose)
    target: str  # the dossier code; for a file, file_target's "code/file name"; figures_target
    address: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def file_target(code: str, file_name: str) -> str:
    """One file of a dossier as a log target. A file name holds no "/" (hub/storage.py), so
    the last "/" splits the two even when the code has one."""
    return f"{code}/{file_name}"


def figures_target(
    principal: Principal, scope: Scope, first: date, last: date, clerk: str = ALL_CLERKS
) -> tuple[str, str]:
    """(station_id, target) of a read of clerks' figures: the one station read, or "" and the
    unit (a unit supervisor's) or the province read across; which clerk; which days."""
    where = ""
    if scope is not None and len(scope) == 1:
        station_id = next(iter(scope))
    else:
        station_id = ""
        where = "province " if scope is None else f"unit={principal.unit_code} "
    return station_id, f"{where}clerk={clerk} period={first.isoformat()}/{last.isoformat()}"


def record(
    db: Database, principal: Principal, action: str, station_id: str, target: str, address: str
) -> None:
    with db.transaction(write=True) as session:
        session.execute(
            "INSERT INTO access_log (entry_id, at, actor_kind, actor, action, station_id, target,"
            " address) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                uuid.uuid4().hex,
                clock.now_text(),
                principal.role.value,
                principal.name,
                action,
                station_id,
                target,
                address,
            ),
        )


def entries(
    db: Database,
    since: str | None = None,
    actor: str | None = None,
    station_id: str | None = None,
    limit: int = MAX_ENTRIES,
) -> list[Access]:
    """Newest first; `since` is a time in the store's text format."""
    clauses, params = [], []
    for column, value in (("at >= ?", since), ("actor = ?", actor), ("station_id = ?", station_id)):
        if value:
            clauses.append(column)
            params.append(value)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    with db.transaction() as session:
        rows = session.query(
            "SELECT at, actor_kind, actor, action, station_id, target, address FROM access_log"
            f"{where} ORDER BY at DESC LIMIT ?",
            [*params, max(1, min(limit, MAX_ENTRIES))],
        )
    return [Access(**row) for row in rows]


def drop_expired(db: Database, days: int) -> int:
    """Deletes the entries older than `days`; returns how many went."""
    cutoff = clock.to_text(clock.now() - timedelta(days=days))
    with db.transaction(write=True) as session:
        return session.execute("DELETE FROM access_log WHERE at < ?", (cutoff,))


async def sweep_expired(db: Database, days: int, interval: float) -> None:
    """Drops expired entries every `interval` seconds while the hub runs (hub/app.py drops
    them at start too). A failed round (a busy database) is logged and the next one tried."""
    while True:
        await asyncio.sleep(interval)
        try:
            dropped = await run_in_threadpool(drop_expired, db, days)
        except Exception:
            _log.exception("dropping expired access log entries failed")
            continue
        if dropped:
            _log.info("dropped %d access log entries older than %d days", dropped, days)
