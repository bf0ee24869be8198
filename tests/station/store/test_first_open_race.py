"""Processes that open a new station database at the same moment (the window and a command,
two commands) all get it, migrated once: none sees another's half-made tables as damage."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from station.store.database import open_connection
from station.store.migrations import CORE

PROCESSES = 6
TRIALS = 3


def _open(path: str, barrier, answers) -> None:
    barrier.wait()
    try:
        open_connection(Path(path)).close()
        answers.put("ok")
    except Exception as exc:  # the test reports what each process met
        answers.put(f"{exc!r} <- {exc.__cause__!r}")


def test_six_processes_opening_a_new_database_at_once_all_open_it(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    for trial in range(TRIALS):
        path = tmp_path / f"trial-{trial}" / "station.db"
        path.parent.mkdir()
        barrier, answers = context.Barrier(PROCESSES), context.Queue()
        processes = [
            context.Process(target=_open, args=(str(path), barrier, answers))
            for _ in range(PROCESSES)
        ]
        for process in processes:
            process.start()
        results = [answers.get(timeout=60) for _ in processes]
        for process in processes:
            process.join(timeout=60)
        assert results == ["ok"] * PROCESSES, results
        connection = open_connection(path)
        try:
            assert connection.execute("PRAGMA user_version").fetchone()[0] == CORE.latest
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            connection.close()
