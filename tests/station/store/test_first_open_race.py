"""Processes that open a new station database at the same moment (the window and a command,
two commands) all get it, migrated once: none sees another's half-made tables as damage."""

from __future__ import annotations

from pathlib import Path

from station.store.database import open_connection
from station.store.migrations import CORE
from tests.helpers.at_once import run_at_once

PROCESSES = 6
TRIALS = 3


def _open(path: str) -> None:
    open_connection(Path(path)).close()


def test_six_processes_opening_a_new_database_at_once_all_open_it(tmp_path: Path) -> None:
    for trial in range(TRIALS):
        path = tmp_path / f"trial-{trial}" / "station.db"
        path.parent.mkdir()
        results = run_at_once(_open, str(path), PROCESSES)
        assert results == ["ok"] * PROCESSES, results
        connection = open_connection(path)
        try:
            assert connection.execute("PRAGMA user_version").fetchone()[0] == CORE.latest
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            connection.close()
