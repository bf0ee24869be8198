"""The upload queue's calls that touch SQLite, run by the task runner's threads, never the
GUI's: reading the queue and retrying the parked jobs. Finishing queues a dossier itself
(app.finishing)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from station.model import utc_now
from sync.jobs import QueueStatus
from sync.outbox import Outbox
from sync.worker import SyncWorker, WorkerStatus


@dataclass(frozen=True)
class QueueSnapshot:
    configured: bool
    queue: QueueStatus
    worker: WorkerStatus
    read_at: datetime


def read_queue(home: Path, worker: SyncWorker) -> QueueSnapshot:
    with Outbox.open(home) as outbox:
        configured = outbox.settings().configured
        queue = outbox.status()
    return QueueSnapshot(configured, queue, worker.status(), utc_now())


def retry_failed(home: Path, wake: Callable[[], None]) -> int:
    with Outbox.open(home) as outbox:
        count = outbox.retry_all_failed()
    if count:
        wake()
    return count
