"""What the worker tells its owner. Callbacks run on the worker's thread; a GUI re-emits them
as signals on its own thread (one small adapter in ui/), the CLI prints them."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

log = logging.getLogger(__name__)


class WorkerEventKind(StrEnum):
    STARTED = "started"
    STOPPED = "stopped"
    PAUSED = "paused"
    RESUMED = "resumed"
    JOB_STARTED = "job_started"
    JOB_PROGRESS = "job_progress"  # sent/total bytes
    JOB_DONE = "job_done"
    JOB_RETRY = "job_retry"  # back in the queue for `delay` seconds, with the reason
    JOB_FAILED = "job_failed"  # parked until someone retries it
    OFFLINE = "offline"
    ONLINE = "online"
    PURGED = "purged"
    PROBLEM = "problem"  # not about one job: not configured, no secret, database trouble
    # The sender stopped on an unexpected error and starts again in `delay` seconds;
    # error_params["detail"] names the error. Its job (if any) stays queued.
    CRASHED = "crashed"
    # The province's catalog `version` was fetched and is now the one new dossiers are opened
    # against (a running window takes it for the dossiers opened after; open ones keep theirs).
    CATALOG_UPDATED = "catalog_updated"
    # The hub told of `total` result components of this station's dossiers, handed over at
    # another desk of the unit, that the station did not know: its results awaiting scan and
    # indicators 4.1/4.2 changed. Not sent on a round that learned nothing new.
    RESULTS_ELSEWHERE = "results_elsewhere"


@dataclass(frozen=True)
class SyncEvent:
    kind: WorkerEventKind
    job_id: int | None = None
    dossier_code: str | None = None
    sent: int = 0
    total: int = 0
    delay: float = 0.0
    error_code: str | None = None
    error_params: dict[str, Any] = field(default_factory=dict)
    version: str = ""  # CATALOG_UPDATED: the catalog version now current


Listener = Callable[[SyncEvent], None]


class Listeners:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []

    def add(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return remove

    def emit(self, event: SyncEvent) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:  # a broken listener must not stop the uploads
                log.exception("sync event listener failed")
