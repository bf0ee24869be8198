"""Open the station's SQLite file: WAL, full sync, identified as ours, migrated forward."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from station.errors import ErrorCode, StationError
from station.store.errors import from_sqlite_error
from station.store.migrations import latest_version, migrate

APPLICATION_ID = 0x53484F41  # "SHOA": tells our database from any other SQLite file


def open_database(path: Path) -> sqlite3.Connection:
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=15)
        conn.row_factory = sqlite3.Row
        _claim_or_verify(conn, path)
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed page survives power loss, not only a killed process.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        _refuse_damaged(conn, path)
        migrate(conn)
        return conn
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise from_sqlite_error(exc, path) from exc
    except StationError:
        if conn is not None:
            conn.close()
        raise


def _refuse_damaged(conn: sqlite3.Connection, path: Path) -> None:
    """The database holds only metadata, so a quick check at start-up costs milliseconds."""
    if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise StationError(ErrorCode.DATABASE_CORRUPT, path=str(path))


def _claim_or_verify(conn: sqlite3.Connection, path: Path) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id == 0 and version == 0 and tables == 0:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        return
    if app_id != APPLICATION_ID:
        raise StationError(ErrorCode.DATABASE_FOREIGN, path=str(path))
    if version > latest_version():
        raise StationError(
            ErrorCode.DATABASE_TOO_NEW, path=str(path), version=version, supported=latest_version()
        )


@contextmanager
def write_transaction(conn: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE (the write lock up front), commit at the end, roll back on any error;
    SQLite failures become typed store errors."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise from_sqlite_error(exc, path) from exc
