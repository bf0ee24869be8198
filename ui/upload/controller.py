"""The upload queue as the counter sees it: starts the sender once sync is configured, follows
its events (they arrive as Qt signals through `CoreEvents`) and a poll of the queue made on the
database thread, and says it in one line for the status bar. Also: retry the parked jobs."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from app.finishing import QueuedUpload
from app.upload_queue import QueueSnapshot, read_queue, retry_failed
from station.errors import ErrorCode, StationError
from station.model import utc_now
from station.store import Store
from sync.jobs import JobState
from sync.worker import SyncWorker
from sync.worker_events import SyncEvent
from sync.worker_events import WorkerEventKind as EventKind
from ui.events import CoreEvents
from ui.tasks import TaskRunner
from ui.text import describe_error, format_number

POLL_MS = 3000
SOON_MS = 250  # after a job ends: the counts change, read them again once the burst settles


@dataclass
class _Sending:
    sent: int
    total: int


class UploadController(QObject):
    state_changed = Signal(str)  # the status bar's line
    message = Signal(str)
    error = Signal(object)

    def __init__(
        self,
        worker: SyncWorker,
        store: Store,
        tasks: TaskRunner,
        events: CoreEvents,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.store = store
        self.tasks = tasks
        self.snapshot: QueueSnapshot | None = None
        self.text = self.tr("Upload: …")
        self._started = False
        self._reading = False
        self._read_again = False
        self._sending: _Sending | None = None
        self._online: bool | None = None
        self._paused = False
        self._problem: str | None = None
        # Bumped when the queue changes under a read (a job ended, a dossier was queued): a
        # snapshot read before that must not say "all sent".
        self._generation = 0
        self._read_generation = -1
        events.sync_event.connect(self._event)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.refresh)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(SOON_MS)
        self._soon.timeout.connect(self.refresh)

    def start(self) -> None:
        self._poll.start()
        self.refresh()

    def refresh(self) -> None:
        if self._reading:
            self._read_again = True
            return
        self._reading = True
        generation = self._generation
        self.tasks.db(read_queue, self.store, self.worker).success(
            lambda snapshot: self._read(snapshot, generation)
        ).failure(self._read_failed).run()

    def queued(self, upload: QueuedUpload) -> None:
        """A dossier was just finished and queued (the worker was already woken): what the bar
        said is out of date until the queue is read again."""
        self._generation += 1
        self.snapshot = None
        self._show()
        self.refresh()

    def retry_failed(self) -> None:
        self.tasks.db(retry_failed, self.store, self.worker.wake).success(self._retried).failure(
            self.error.emit
        ).run()

    # answers ---------------------------------------------------------------------------------
    def _retried(self, count: int) -> None:
        self._generation += 1
        if count:
            self.message.emit(
                self.tr("%1 failed uploads queued again.").replace("%1", format_number(count))
            )
        else:
            self.message.emit(self.tr("No failed uploads to retry."))
        self.refresh()

    def _read(self, snapshot: QueueSnapshot, generation: int) -> None:
        self._finish_read()
        self.snapshot = snapshot
        self._read_generation = generation
        self._paused = snapshot.worker.paused
        if snapshot.worker.online is not None:
            self._online = snapshot.worker.online
        if snapshot.configured and not self._started:
            # Once: a sender that stopped itself (another one holds the lock) said why.
            self._started = True
            self.worker.start()
        if not snapshot.configured:
            self._problem = None
        self._show()

    def _read_failed(self, error: BaseException) -> None:
        self._finish_read()
        self._problem = describe_error(error)
        self._show()

    def _finish_read(self) -> None:
        self._reading = False
        if self._read_again:
            self._read_again = False
            self._soon.start()

    def _event(self, event: SyncEvent) -> None:
        kind = event.kind
        if kind in (EventKind.JOB_STARTED, EventKind.JOB_PROGRESS):
            self._sending = _Sending(event.sent, event.total)
            self._problem = None
        elif kind in (EventKind.JOB_DONE, EventKind.JOB_RETRY, EventKind.JOB_FAILED):
            self._sending = None
            self._generation += 1
            self._soon.start()
        elif kind is EventKind.OFFLINE:
            self._online = False
        elif kind is EventKind.ONLINE:
            self._online = True
            self._problem = None
        elif kind is EventKind.PAUSED:
            self._paused = True
        elif kind is EventKind.RESUMED:
            self._paused = False
        elif kind is EventKind.PROBLEM:
            self._problem = _problem_text(event)
        elif kind is EventKind.CRASHED:
            self._sending = None
            detail = str(event.error_params.get("detail", ""))
            self._problem = self.tr("sender stopped ({0}); restarting in {1} s").format(
                detail[:80], format_number(round(event.delay))
            )
        elif kind in (EventKind.STOPPED, EventKind.PURGED):
            self._sending = None
            self._soon.start()
        if kind is EventKind.JOB_DONE:
            self._problem = None
        self._show()

    # wording ---------------------------------------------------------------------------------
    def _show(self) -> None:
        text = self._describe()
        if text != self.text:
            self.text = text
            self.state_changed.emit(text)

    def _describe(self) -> str:
        snapshot = self.snapshot
        if snapshot is None:
            return self.tr("Upload: …")
        counts = snapshot.queue.counts
        waiting = counts[JobState.QUEUED] + counts[JobState.UPLOADING]
        failed = counts[JobState.FAILED]
        counted = (
            self.tr("%1 waiting, %2 failed")
            .replace("%1", format_number(waiting))
            .replace("%2", format_number(failed))
        )
        if not snapshot.configured:
            # Jobs are still queued; they go out once sync is configured.
            parts = [self.tr("Upload: sync not configured")]
            if waiting or failed:
                parts.append(counted)
        elif not waiting and not failed and self._sending is None:
            if self._read_generation != self._generation:
                return self.text  # the queue changed since that read: wait for the next one
            parts = [self.tr("Upload: all sent")]
        else:
            parts = [self.tr("Upload: %1").replace("%1", counted)]
        if self._sending is not None and self._sending.total:
            percent = min(100, self._sending.sent * 100 // self._sending.total)
            parts.append(self.tr("sending %1 %").replace("%1", format_number(percent)))
        if self._paused:
            parts.append(self.tr("paused"))
        if self._online is False:
            parts.append(self.tr("offline"))
        oldest = snapshot.queue.oldest_queued_at
        if waiting and oldest is not None:
            minutes = max(0, int((utc_now() - oldest).total_seconds() // 60))
            if minutes < 60:
                parts.append(self.tr("oldest %1 min").replace("%1", format_number(minutes)))
            else:
                parts.append(self.tr("oldest %1 h").replace("%1", format_number(minutes // 60)))
        if self._problem:
            parts.append(self._problem)
        return " · ".join(parts)


def _problem_text(event: SyncEvent) -> str:
    try:
        code = ErrorCode(event.error_code or "")
    except ValueError:
        return str(event.error_code)
    return describe_error(StationError(code, **event.error_params))
