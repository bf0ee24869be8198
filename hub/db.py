"""Metadata store behind one small interface: SQLite by default, PostgreSQL with a DSN.

SQL is written once with `?` placeholders and rewritten for the driver's paramstyle.
Each transaction has a connection to itself (SQLite: a new one; PostgreSQL: one from the
process's pool), so threads and uvicorn workers never share one.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from hub import rollup
from hub.schema import MIGRATIONS, ONCE, ROLLUP_VERSION
from station.sqlite_journal import use_wal

Row = dict[str, Any]

# Connections per hub process: FastAPI runs request handlers on 40 threads, few of them at
# once in the database; PostgreSQL allows 100 by default, for every process together.
POOL_SIZE = 16
# Any 64-bit constant works; it only has to be the same in every hub process.
_PG_WRITE_LOCK = 0x50484F41


class Session:
    """One open transaction; rows come back as plain dicts."""

    def __init__(self, connection: Any, placeholder: str) -> None:
        self._connection = connection
        self._placeholder = placeholder

    def _sql(self, sql: str) -> str:
        return sql if self._placeholder == "?" else sql.replace("?", self._placeholder)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        cursor = self._connection.cursor()
        try:
            cursor.execute(self._sql(sql), tuple(params))
            return cursor.rowcount
        finally:
            cursor.close()

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement for many rows (PostgreSQL sends them in one pipeline)."""
        if not rows:
            return
        cursor = self._connection.cursor()
        try:
            cursor.executemany(self._sql(sql), [tuple(row) for row in rows])
        finally:
            cursor.close()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cursor = self._connection.cursor()
        try:
            cursor.execute(self._sql(sql), tuple(params))
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        finally:
            cursor.close()

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows as plain tuples, for reads of many rows."""
        cursor = self._connection.cursor()
        try:
            cursor.execute(self._sql(sql), tuple(params))
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None


class Database(Protocol):
    def transaction(self, *, write: bool = False, exclusive: bool = True) -> Any:
        """Context manager yielding a Session; `write=True` serialises against other writers,
        unless `exclusive=False`: a write that reads nothing it depends on (one station's own
        row updated, a row inserted under a fresh key) need not wait for them. SQLite has one
        writer at a time whatever is asked."""

    def create_schema(self) -> None: ...


class SqliteDatabase:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():  # SQLite gives its -wal and -shm files the database's mode
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        with self._connect() as connection:
            use_wal(connection)  # several workers may open a new file at once

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        connection.execute("PRAGMA busy_timeout=30000")
        connection.execute("PRAGMA synchronous=FULL")
        return connection

    @contextmanager
    def transaction(self, *, write: bool = False, exclusive: bool = True) -> Iterator[Session]:
        connection = self._connect()
        # IMMEDIATE takes the write lock up front, so a check-then-insert for an
        # idempotency key cannot interleave with another worker's.
        begin = "BEGIN IMMEDIATE" if write else "BEGIN"
        try:
            with _transaction(connection, Session(connection, "?"), begin) as session:
                yield session
        finally:
            connection.close()

    def create_schema(self) -> None:
        _create_schema(self)


class PostgresDatabase:
    """Needs the optional psycopg driver; tests/hub/test_postgres.py runs it for real.

    Connections come from a pool per process (PostgreSQL starts a server process for each new
    connection, which costs more than a heartbeat's work); a pool made before a fork is never
    used after it, so each uvicorn worker makes its own.
    """

    def __init__(self, dsn: str, max_connections: int = POOL_SIZE) -> None:
        self.dsn = dsn
        self.max_connections = max_connections
        self._pool: Any = None
        self._pool_pid = 0
        self._pool_lock = threading.Lock()

    def _pool_here(self) -> Any:
        with self._pool_lock:
            if self._pool is None or self._pool_pid != os.getpid():
                from psycopg_pool import ConnectionPool  # the hub extra

                self._pool = ConnectionPool(
                    self.dsn,
                    min_size=0,
                    max_size=self.max_connections,
                    max_idle=60,
                    # The figures rank a month of upload waits: sorted in memory, not on disk;
                    # and their short queries lose more to JIT compiling than they gain.
                    kwargs={"autocommit": True, "options": "-c work_mem=32MB -c jit=off"},
                    check=ConnectionPool.check_connection,  # a server restart costs no request
                    open=True,
                )
                self._pool_pid = os.getpid()
            return self._pool

    @contextmanager
    def transaction(self, *, write: bool = False, exclusive: bool = True) -> Iterator[Session]:
        with (
            self._pool_here().connection() as connection,
            _transaction(connection, Session(connection, "%s"), "BEGIN") as session,
        ):
            if write and exclusive:
                # Same guarantee as SQLite's BEGIN IMMEDIATE: one writer at a time.
                session.execute("SELECT pg_advisory_xact_lock(?)", (_PG_WRITE_LOCK,))
            yield session

    def create_schema(self) -> None:
        _create_schema(self)


@contextmanager
def _transaction(connection: Any, session: Session, begin: str) -> Iterator[Session]:
    """Commit when the block ends, roll back when it raises."""
    connection.execute(begin)
    try:
        yield session
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _create_schema(database: Database) -> None:
    recorded = "SELECT version FROM hub_schema WHERE version = ?"
    with database.transaction(write=True) as session:
        for version, statements in MIGRATIONS:
            if version in ONCE and session.one(recorded, (version,)) is None:
                for statement in ONCE[version]:
                    session.execute(statement)
            for statement in statements:
                session.execute(statement)
        if session.one(recorded, (ROLLUP_VERSION,)) is None:
            rollup.rebuild(session)
            session.execute("INSERT INTO hub_schema (version) VALUES (?)", (ROLLUP_VERSION,))


def open_database(dsn: str | None, sqlite_path: Path) -> Database:
    if dsn is None:
        database: Database = SqliteDatabase(sqlite_path)
    elif dsn.startswith(("postgresql://", "postgres://")):
        database = PostgresDatabase(dsn)
    else:
        raise ValueError("unsupported DSN scheme")
    database.create_schema()
    return database
