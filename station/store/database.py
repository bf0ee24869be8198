"""The station's SQLite file, opened once: one connection, one lock, every schema migrated.

The store, the accounts, the upload queue and the facts sent to the hub all share one
`Database`, so a change and the event that records it commit together. Each package owns its
tables through a `Schema` it hands to `Database.open` (or `require`): the station core knows
nothing of the packages built on it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from station.errors import ErrorCode, StationError
from station.sqlite_journal import use_wal
from station.store.errors import from_os_error, from_sqlite_error
from station.store.migrations import CORE, Schema, migrate, schema_version
from station.store.permissions import PRIVATE_FILE

APPLICATION_ID = 0x53484F41  # "SHOA": tells our database from any other SQLite file

_T = TypeVar("_T")


class Database:
    """One connection, used from the GUI thread and worker threads under one lock."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: Path, schemas: Sequence[Schema] = ()) -> Database:
        """Open (or create) the file and bring the core tables and `schemas` up to date."""
        database = cls(open_connection(path), path)
        try:
            database.require(*schemas)
        except BaseException:
            database.close()
            raise
        return database

    def require(self, *schemas: Schema) -> None:
        """Apply what these schemas add that the file lacks (a package opening its tables on
        a database someone else opened)."""
        with self._lock:
            for schema in schemas:
                try:
                    _refuse_too_new(self._conn, schema, self.path)
                    migrate(self._conn, schema)
                except sqlite3.Error as exc:
                    raise from_sqlite_error(exc, self.path) from exc

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE (the write lock up front), commit at the end, roll back on any
        error; SQLite failures become typed store errors."""
        with self._lock, write_transaction(self._conn, self.path) as conn:
            yield conn

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise from_sqlite_error(exc, self.path) from exc

    def read(self, query: Callable[..., _T], *args: Any) -> _T:
        """Run a function of the connection (several statements) under the lock."""
        with self._lock:
            try:
                return query(self._conn, *args)
            except sqlite3.Error as exc:
                raise from_sqlite_error(exc, self.path) from exc


def open_connection(path: Path) -> sqlite3.Connection:
    """WAL, full sync, identified as ours, the core tables migrated forward."""
    conn: sqlite3.Connection | None = None
    try:
        _create_private(path)
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=15)
        conn.row_factory = sqlite3.Row
        _claim_or_verify(conn, path)
        use_wal(conn)  # the window and a command may open a new file at once
        # FULL: a committed page survives power loss, not only a killed process.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        _refuse_damaged(conn, path)
        migrate(conn, CORE)
        _narrow(path)
        return conn
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise from_sqlite_error(exc, path) from exc
    except StationError:
        if conn is not None:
            conn.close()
        raise


def _create_private(path: Path) -> None:
    """A new database file is made 0600 before SQLite opens it: its -wal and -shm files take
    the database file's mode, so they are private too."""
    try:
        os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        pass
    except OSError as exc:
        raise from_os_error(exc, path) from exc


def _narrow(path: Path) -> None:
    """A database an older version made 0644 (and its -wal, -shm) becomes 0600."""
    if os.name != "posix":
        return
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(OSError):  # not ours to change, or gone: the scan reports it
            mode = stat.S_IMODE(file.stat().st_mode)
            if mode & ~PRIVATE_FILE:
                file.chmod(mode & PRIVATE_FILE)


def _refuse_damaged(conn: sqlite3.Connection, path: Path) -> None:
    """The database holds only metadata, so a quick check at start-up costs milliseconds."""
    if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise StationError(ErrorCode.DATABASE_CORRUPT, path=str(path))


def _claim_or_verify(conn: sqlite3.Connection, path: Path) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id == 0:
        app_id = _claim(conn)
    if app_id != APPLICATION_ID:
        raise StationError(ErrorCode.DATABASE_FOREIGN, path=str(path))
    _refuse_too_new(conn, CORE, path)


def _claim(conn: sqlite3.Connection) -> int:
    """Mark a new, empty file as ours and return its application id (0 when it is not empty:
    someone else's). Under the write lock: another process may be claiming it too."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id == 0 and version == 0 and tables == 0:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            app_id = APPLICATION_ID
    finally:
        conn.execute("COMMIT")
    return int(app_id)


def _refuse_too_new(conn: sqlite3.Connection, schema: Schema, path: Path) -> None:
    version = schema_version(conn, schema)
    if version > schema.latest:
        raise StationError(
            ErrorCode.DATABASE_TOO_NEW, path=str(path), version=version, supported=schema.latest
        )


@contextmanager
def write_transaction(conn: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
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
