"""The upload queue's calls that touch SQLite or the network, run by the task runner's threads,
never the GUI's: reading the queue, queueing a finished dossier, retrying the parked jobs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from station.catalog import Catalog
from station.model import utc_now
from station.store import Store
from station.workflow import FinishReceipt, finish_dossier
from sync.enqueue import enqueue_dossier
from sync.jobs import JobKind, QueueStatus
from sync.outbox import Outbox
from sync.settings import load_settings
from sync.worker import SyncWorker, WorkerStatus

log = logging.getLogger(__name__)


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


@dataclass(frozen=True)
class QueuedUpload:
    files: int  # component files queued (the manifest that follows them is not counted)
    configured: bool
    error: BaseException | None = None  # the dossier is finished but could not be queued


def queue_finished(
    store: Store, catalog: Catalog, code: str, wake: Callable[[], None]
) -> QueuedUpload:
    """Queued even without sync settings: the jobs wait and go out once sync is configured."""
    try:
        jobs = enqueue_dossier(store, catalog, code)
        configured = load_settings(store).configured
    except Exception as exc:  # noqa: BLE001 - the PDFs exist; the receipt says what went wrong
        log.warning("dossier %s finished but not queued for upload", code, exc_info=exc)
        return QueuedUpload(0, False, exc)
    wake()
    return QueuedUpload(sum(1 for j in jobs if j.kind is JobKind.FILE), configured)


def finish_and_queue(
    store: Store, catalog: Catalog, code: str, wake: Callable[[], None], **options: Any
) -> tuple[FinishReceipt, QueuedUpload]:
    receipt = finish_dossier(store, catalog, code, **options)
    return receipt, queue_finished(store, catalog, receipt.dossier_code, wake)


def retry_failed(home: Path, wake: Callable[[], None]) -> int:
    with Outbox.open(home) as outbox:
        count = outbox.retry_all_failed()
    if count:
        wake()
    return count
