"""A station switched off mid-upload resumes on the next start, and sends nothing twice."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

from sync.jobs import JobState
from sync.settings import save_settings
from sync.worker_events import WorkerEventKind
from tests.conftest import REPO
from tests.sync.client.conftest import CHUNK
from tests.sync.client.support import Recorder, file_hashes, hub_hashes, jobs_of

WORKER = f"""
import sys
from pathlib import Path
from sync.worker import SyncWorker, WorkerOptions
SyncWorker(Path(sys.argv[1]), options=WorkerOptions(poll_seconds=0.05, chunk_size={CHUNK})).run()
"""


def _uploading(home) -> tuple[int, int] | None:
    conn = sqlite3.connect(home / "station.db", timeout=5)
    try:
        row = conn.execute(
            "SELECT id, sent_bytes FROM sync_job WHERE state = 'uploading' AND sent_bytes >= ?",
            (3 * CHUNK,),
        ).fetchone()
    finally:
        conn.close()
    return None if row is None else (row[0], row[1])


def test_a_process_killed_mid_upload_resumes_from_the_hub_in_the_next(connected, hub) -> None:
    jobs = connected.finish()
    save_settings(connected.store, bandwidth_kbps=64)  # slow enough to be caught mid-file
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-c", WORKER, str(connected.home)], env=env)
    try:
        deadline = time.monotonic() + 20
        caught = None
        while caught is None and time.monotonic() < deadline:
            time.sleep(0.05)
            caught = _uploading(connected.home)
        assert caught is not None, "the upload never got going"
    finally:
        os.kill(process.pid, signal.SIGKILL)  # the power cut at 17:00
        process.wait(10)
    job_id, _ = caught
    assert next(j for j in jobs_of(connected.home) if j.id == job_id).state is JobState.UPLOADING

    save_settings(connected.store, bandwidth_kbps=0)
    recorder = Recorder()
    worker = connected.worker()
    worker.subscribe(recorder)
    worker.run(until_idle=True, timeout=30)
    resumed = next(e for e in recorder.of(WorkerEventKind.JOB_PROGRESS) if e.job_id == job_id)
    assert resumed.sent > 2 * CHUNK  # from the hub's offset, not from zero
    assert {j.state for j in jobs_of(connected.home)} == {JobState.DONE}
    assert hub_hashes(hub) == file_hashes(jobs)
