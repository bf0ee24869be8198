"""The upload queue's calls that touch SQLite, run by the task runner's threads, never the
GUI's: reading the queue and retrying the parked jobs. Finishing queues a dossier itself
(app.finishing)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from station.model import utc_now
from station.store import Store
from sync.jobs import QueueStatus
from sync.outbox import Outbox
from sync.worker import SyncWorker, WorkerStatus


@dataclass(frozen=True)
class QueueSnapshot:
    configured: bool
    queue: QueueStatus
    worker: WorkerStatus
    read_at: datetime


def read_queue(store: Store, worker: SyncWorker) -> QueueSnapshot:
    outbox = Outbox.of(store)  # on the store's own database, not a second connection
    configured = outbox.settings().configured
    queue = outbox.status()
    return QueueSnapshot(configured, queue, worker.status(), utc_now())


def retry_failed(store: Store, wake: Callable[[], None]) -> int:
    count = Outbox.of(store).retry_all_failed()
    if count:
        wake()
    return count
