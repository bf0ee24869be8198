"""Hub workers that open a new SQLite store at the same moment all start: switching the file to
write-ahead logging is retried while another worker holds the lock."""

from __future__ import annotations

from pathlib import Path

from hub.db import SqliteDatabase
from tests.helpers.at_once import run_at_once

PROCESSES = 8
TRIALS = 4


def _open(path: str) -> None:
    SqliteDatabase(Path(path)).create_schema()


def test_eight_workers_opening_a_new_store_at_once_all_start(tmp_path: Path) -> None:
    for trial in range(TRIALS):
        path = tmp_path / f"trial-{trial}" / "hub.sqlite3"
        results = run_at_once(_open, str(path), PROCESSES)
        assert results == ["ok"] * PROCESSES, results
