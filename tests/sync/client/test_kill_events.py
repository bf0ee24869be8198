"""The worker killed (SIGKILL, a real process on a real SQLite file) at each point between a
job's completion and its upload event: after a restart the event is there exactly once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from station.catalog import Catalog
from station.events import EventKind
from station.model import DossierState, utc_now
from station.store import Store
from station.store.events import stamp
from sync.jobs import JobKind, JobState
from sync.outbox import COMMITTED, STATE_WRITTEN, Outbox
from sync.settings import save_settings
from sync.worker import TARGET_CONFIRMED, SyncWorker, WorkerOptions
from tests.conftest import REPO
from tests.sync.client.conftest import Station

# Runs the product's worker; the checkpoint kills the process at the n-th time `point` passes.
WORKER = """
import os, signal, sys
from pathlib import Path
from sync.worker import SyncWorker, WorkerOptions

home, point, nth = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
passed = []

def checkpoint(name):
    if name == point:
        passed.append(name)
        if len(passed) == nth:
            os.kill(os.getpid(), signal.SIGKILL)

SyncWorker(home, options=WorkerOptions(poll_seconds=0.05), checkpoint=checkpoint).run(
    until_idle=True, timeout=60
)
"""

# A dossier of two files and a manifest: the manifest is the third job to be confirmed and
# committed, and the first whose change writes an event.
SUCCESS = [(TARGET_CONFIRMED, 3), (STATE_WRITTEN, 1), (COMMITTED, 3)]
# A file changed after finishing: its job is parked at once (no other job can go before it).
FAILURE = [(STATE_WRITTEN, 1), (COMMITTED, 1)]


def _kill_worker_at(home: Path, point: str, nth: int) -> None:
    env = {**os.environ, "SOHOA_HOME": str(home), "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", WORKER, str(home), point, str(nth)],
        env=env, capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == -9, done.stderr.decode(errors="replace")


def _restart(home: Path) -> None:
    SyncWorker(home, options=WorkerOptions(poll_seconds=0.05)).run(until_idle=True, timeout=30)


def _upload_events(store: Store, kind: EventKind) -> list:
    now = utc_now()
    return store.events(now.replace(year=now.year - 1), now.replace(year=now.year + 1), [kind])


def _to_folder(station: Station, tmp_path: Path) -> None:
    save_settings(station.store, target="folder", folder=str(tmp_path / "shared"))


@pytest.mark.parametrize(("point", "nth"), SUCCESS, ids=[p for p, _ in SUCCESS])
def test_a_confirmation_killed_at_any_point_is_recorded_once(
    station: Station, tmp_path: Path, point: str, nth: int
) -> None:
    _to_folder(station, tmp_path)
    station.finish(components=("TP1", "KQ1"))
    _kill_worker_at(station.home, point, nth)
    _restart(station.home)
    manifest = next(j for j in Outbox.of(station.store).jobs() if j.kind is JobKind.MANIFEST)
    assert manifest.state is JobState.DONE
    (confirmed,) = _upload_events(station.store, EventKind.UPLOAD_CONFIRMED)
    assert stamp(confirmed.at) == stamp(manifest.done_at)  # type: ignore[arg-type]
    assert _upload_events(station.store, EventKind.UPLOAD_FAILED) == []
    assert station.store.dossier(manifest.dossier_code).state is DossierState.SYNCED


@pytest.mark.parametrize(("point", "nth"), FAILURE, ids=[p for p, _ in FAILURE])
def test_a_failure_killed_at_any_point_is_recorded_once(
    station: Station, tmp_path: Path, catalog: Catalog, point: str, nth: int
) -> None:
    _to_folder(station, tmp_path)
    first = station.finish(components=("TP1", "KQ1"))[0]
    with (station.home / first.path).open("ab") as changed:
        changed.write(b"changed after finishing")
    _kill_worker_at(station.home, point, nth)
    _restart(station.home)
    parked = Outbox.of(station.store).get(first.id)
    assert parked.state is JobState.FAILED
    (failed,) = _upload_events(station.store, EventKind.UPLOAD_FAILED)
    assert failed.reason == "parked:sync_local_file_changed"
    assert stamp(failed.at) == stamp(parked.last_error_at)  # type: ignore[arg-type]
    assert _upload_events(station.store, EventKind.UPLOAD_CONFIRMED) == []
