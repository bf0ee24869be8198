"""Hub workers that open a new SQLite store at the same moment all start: switching the file to
write-ahead logging is retried while another worker holds the lock."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from hub.db import SqliteDatabase

PROCESSES = 8
TRIALS = 4


def _open(path: str, barrier, answers) -> None:
    barrier.wait()
    try:
        SqliteDatabase(Path(path)).create_schema()
        answers.put("ok")
    except Exception as exc:  # the test reports what each worker met
        answers.put(repr(exc))


def test_eight_workers_opening_a_new_store_at_once_all_start(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    for trial in range(TRIALS):
        path = tmp_path / f"trial-{trial}" / "hub.sqlite3"
        barrier, answers = context.Barrier(PROCESSES), context.Queue()
        processes = [
            context.Process(target=_open, args=(str(path), barrier, answers))
            for _ in range(PROCESSES)
        ]
        for process in processes:
            process.start()
        results = [answers.get(timeout=90) for _ in processes]
        for process in processes:
            process.join(timeout=60)
        assert results == ["ok"] * PROCESSES, results
