"""When each dashboard login was last used: the idle timeout's record, one row per login.

The dashboard keeps this one table to itself (created when first needed), so the core schema
does not carry a web concern.
"""

from __future__ import annotations

import time
import weakref

from hub.db import Database
from hub.secrets_hash import token_digest

_TABLE = (
    "CREATE TABLE IF NOT EXISTS web_sessions ("
    " token_hash TEXT PRIMARY KEY,"
    " username TEXT NOT NULL,"
    " last_active BIGINT NOT NULL)"
)
_ready: weakref.WeakSet[Database] = weakref.WeakSet()  # stores whose table exists


def _ensure_table(db: Database) -> None:
    if db in _ready:
        return
    with db.transaction(write=True) as session:
        session.execute(_TABLE)
    _ready.add(db)


def start(db: Database, token: str, username: str, keep_for: int) -> None:
    """Records a new login; rows of logins unused for `keep_for` seconds go."""
    _ensure_table(db)
    now = int(time.time())
    with db.transaction(write=True) as session:
        session.execute("DELETE FROM web_sessions WHERE last_active < ?", (now - keep_for,))
        session.execute(
            "INSERT INTO web_sessions (token_hash, username, last_active) VALUES (?, ?, ?)",
            (token_digest(token), username, now),
        )


def idle_seconds(db: Database, token: str) -> float | None:
    """Seconds since the login was last used; None for a token that is no dashboard login."""
    _ensure_table(db)
    with db.transaction() as session:
        row = session.one(
            "SELECT last_active FROM web_sessions WHERE token_hash = ?", (token_digest(token),)
        )
    return None if row is None else time.time() - row["last_active"]


def touch(db: Database, token: str) -> None:
    with db.transaction(write=True) as session:
        session.execute(
            "UPDATE web_sessions SET last_active = ? WHERE token_hash = ?",
            (int(time.time()), token_digest(token)),
        )


def forget(db: Database, token: str) -> None:
    _ensure_table(db)
    with db.transaction(write=True) as session:
        session.execute("DELETE FROM web_sessions WHERE token_hash = ?", (token_digest(token),))
