"""Metadata store behind one small interface: SQLite by default, PostgreSQL with a DSN.

SQL is written once with `?` placeholders and rewritten for the driver's paramstyle.
A connection is opened per transaction, so threads and uvicorn workers never share one.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from hub import rollup
from hub.schema import ROLLUP_VERSION, SCHEMA

Row = dict[str, Any]

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

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cursor = self._connection.cursor()
        try:
            cursor.execute(self._sql(sql), tuple(params))
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        finally:
            cursor.close()

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None


class Database(Protocol):
    def transaction(self, *, write: bool = False) -> Any:
        """Context manager yielding a Session; `write=True` serialises against other writers."""

    def create_schema(self) -> None: ...


class SqliteDatabase:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():  # SQLite gives its -wal and -shm files the database's mode
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        with self._connect() as connection:
            connection.execute("PRAGMA journal_mode=WAL")

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        connection.execute("PRAGMA busy_timeout=30000")
        connection.execute("PRAGMA synchronous=FULL")
        return connection

    @contextmanager
    def transaction(self, *, write: bool = False) -> Iterator[Session]:
        connection = self._connect()
        # IMMEDIATE takes the write lock up front, so a check-then-insert for an
        # idempotency key cannot interleave with another worker's.
        begin = "BEGIN IMMEDIATE" if write else "BEGIN"
        with _transaction(connection, Session(connection, "?"), begin) as session:
            yield session

    def create_schema(self) -> None:
        _create_schema(self)


class PostgresDatabase:
    """Needs the optional psycopg driver; tests/hub/test_postgres.py runs it for real."""

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn

    def _connect(self) -> Any:
        import psycopg  # only needed with --dsn (it comes with the hub extra)

        return psycopg.connect(self.dsn, autocommit=True)

    @contextmanager
    def transaction(self, *, write: bool = False) -> Iterator[Session]:
        connection = self._connect()
        with _transaction(connection, Session(connection, "%s"), "BEGIN") as session:
            if write:
                # Same guarantee as SQLite's BEGIN IMMEDIATE: one writer at a time.
                session.execute("SELECT pg_advisory_xact_lock(?)", (_PG_WRITE_LOCK,))
            yield session

    def create_schema(self) -> None:
        _create_schema(self)


@contextmanager
def _transaction(connection: Any, session: Session, begin: str) -> Iterator[Session]:
    """Commit when the block ends, roll back when it raises; the connection is closed either way."""
    try:
        connection.execute(begin)
        try:
            yield session
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    finally:
        connection.close()


def _create_schema(database: Database) -> None:
    with database.transaction(write=True) as session:
        for statement in SCHEMA:
            session.execute(statement)
        recorded = "SELECT version FROM hub_schema WHERE version = ?"
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
