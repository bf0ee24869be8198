"""Background reading (OCR) of analysed pages on the task runner's background thread; what to
read and when is app.reading's, this adapter runs its jobs and hands the text to the grid.

One page is read at a time, in the order app.reading hands them out (titles first, whole pages
after), below the analysis of fresh pages, which reads their titles itself: reading takes a core
for a second or more, and the window, the scanner and that analysis go first."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app.reading import Job, Reading, ReadingQueue
from station.store import Store
from ui.tasks import Task, TaskRunner


class Reader(QObject):
    read = Signal(object)  # app.reading.Reading

    def __init__(
        self,
        store: Store,
        tasks: TaskRunner,
        profile: Callable[[], str],
        parent=None,
        analysing: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._running: dict[str, Task] = {}
        self._waiting: deque[tuple[str, Job]] = deque()
        self.scheduler = ReadingQueue(store, profile, self._submit, hold_wholes=analysing)

    @property
    def pending(self) -> int:
        return self.scheduler.pending

    def queue(self, page_id: str) -> None:
        self.scheduler.queue(page_id)

    def resume(self) -> None:
        self.scheduler.resume()

    def queue_all(self, page_ids: list[str]) -> None:
        for page_id in page_ids:
            self.scheduler.queue(page_id)

    def cancel_all(self) -> None:
        self.scheduler.clear()
        self._waiting.clear()
        for task in self._running.values():
            task.cancel()
        self._running.clear()

    def _submit(self, page_id: str, job: Job) -> None:
        self._waiting.append((page_id, job))
        self._next()

    def _next(self) -> None:
        if self._running or not self._waiting:
            return
        page_id, job = self._waiting.popleft()
        # Below the analyses (a fresh page's title is read with its analysis), ahead of the
        # code reads on the same thread: one read is out at a time.
        task = self._tasks.background(job).urgent()
        task.success(lambda result, page_id=page_id: self._done(page_id, result))
        task.failure(lambda _error, page_id=page_id: self._forget(page_id))
        self._running[page_id] = task.run()

    def _forget(self, page_id: str) -> None:
        self._running.pop(page_id, None)
        self.scheduler.finished(page_id)
        self._next()

    def _done(self, page_id: str, result: Reading | None) -> None:
        self._forget(page_id)
        if result is not None:
            self.read.emit(result)
