"""Write-ahead logging switched on safely when several processes open a new database at once."""

from __future__ import annotations

import sqlite3
import time

RETRY_S = 0.05


def use_wal(connection: sqlite3.Connection, timeout_s: float = 30.0) -> None:
    """`PRAGMA journal_mode = WAL`, retried while another process holds the lock.

    Two processes switching a new file at the same moment both read it, then both ask to write:
    SQLite refuses one of them at once with "database is locked", without waiting on the busy
    timeout (waiting would deadlock). Once the other's switch is done, the retry finds WAL."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not _locked(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(RETRY_S)


def _locked(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text
