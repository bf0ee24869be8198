from __future__ import annotations

from typing import Any

from hub.db import Session, open_database


class _RecordingCursor:
    def __init__(self, log: list[tuple[str, tuple[Any, ...]]]) -> None:
        self.log = log
        self.description = [("n",)]
        self.rowcount = 1

    def execute(self, sql: str, params: tuple[Any, ...]) -> None:
        self.log.append((sql, params))

    def fetchall(self) -> list[tuple[Any, ...]]:
        return [(1,)]

    def close(self) -> None:
        pass


class _RecordingConnection:
    def __init__(self) -> None:
        self.log: list[tuple[str, tuple[Any, ...]]] = []

    def cursor(self) -> _RecordingCursor:
        return _RecordingCursor(self.log)


def test_sql_is_rewritten_to_the_postgres_paramstyle() -> None:
    connection = _RecordingConnection()
    rows = Session(connection, "%s").query("SELECT n FROM t WHERE a = ? AND b = ?", ("x", 2))
    assert connection.log == [("SELECT n FROM t WHERE a = %s AND b = %s", ("x", 2))]
    assert rows == [{"n": 1}]


def test_sqlite_runs_in_wal_mode_and_rolls_back_a_failed_transaction(tmp_path) -> None:
    db = open_database(None, tmp_path / "hub.sqlite3")
    with db.transaction() as session:
        assert session.one("PRAGMA journal_mode") == {"journal_mode": "wal"}
    try:
        with db.transaction(write=True) as session:
            session.execute(
                "INSERT INTO stations (client_id, name, secret_hash, created_at)"
                " VALUES ('A', 'A', 'h', 't')"
            )
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with db.transaction() as session:
        assert session.query("SELECT client_id FROM stations") == []
