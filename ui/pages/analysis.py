"""Background analysis of stored pages on the task runner's image threads: fresh pages as they
are stored, and at start the pages left unanalysed by a crash or a close. Which pages wait and
what is recorded (the clerk's edit wins; a failure is marked for good) is app.analysis's; this
adapter only runs its jobs on the task runner and hands the results to the grid."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from app.analysis import Analysis, AnalysisQueue, Job
from app.codes import page_codes
from station.store import Store
from ui.pages.thumbnails import THUMB_SIZE, to_qimage
from ui.tasks import Task, TaskRunner


def _for_grid(job: Job) -> tuple[Analysis, QImage | None] | None:
    """Runs on a worker thread: the analysis, and its thumbnail ready for the grid."""
    result = job()
    if result is None:
        return None
    return result, to_qimage(result.image) if result.image is not None else None


class Analyser(QObject):
    analysed = Signal(object, object)  # Page, thumbnail QImage (None: the analysis failed)
    found_blank = Signal(object)  # app.analysis.Analysis of a page the detector found blank
    titled = Signal(object, object)  # Page, its title's PageText (read with the analysis)
    idle = Signal()  # no page waits for its analysis any more
    waiting = Signal(str)  # a page was queued, or left the queue: its state on screen changed

    def __init__(
        self, store: Store, tasks: TaskRunner, profile: Callable[[], str], parent=None
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._running: dict[str, Task] = {}
        self._store = store
        # A page's codes are read after its analysis, below it in the background pool: on a
        # page of text, a look for codes costs half an analysis, and the clerk waits for those.
        self.scheduler = AnalysisQueue(store, profile, self._submit, titles=True, codes=False)

    @property
    def pending(self) -> int:
        return self.scheduler.pending

    def is_queued(self, page_id: str) -> bool:
        return self.scheduler.is_queued(page_id)

    def queue(self, page_id: str, pixels: np.ndarray | None = None) -> None:
        if self.scheduler.queue(page_id, THUMB_SIZE, pixels):
            self.waiting.emit(page_id)

    def queue_all(self, page_ids: list[str]) -> int:
        queued = 0
        for page_id in page_ids:
            if self.scheduler.queue(page_id, THUMB_SIZE):
                queued += 1
                self.waiting.emit(page_id)
        return queued

    def cancel_all(self) -> None:
        for page_id in self.scheduler.clear():
            task = self._running.pop(page_id, None)
            if task is not None:
                task.cancel()
            self.waiting.emit(page_id)
        self.idle.emit()

    def _submit(self, page_id: str, job: Job) -> None:
        task = self._tasks.work(_for_grid, job)
        task.success(lambda result, page_id=page_id: self._done(page_id, result))
        task.failure(lambda _error, page_id=page_id: self._forget(page_id))
        self._running[page_id] = task.run()

    def _forget(self, page_id: str) -> None:
        self._running.pop(page_id, None)
        self.scheduler.finished(page_id)
        self.waiting.emit(page_id)
        if self.scheduler.pending == 0:
            self.idle.emit()

    def _done(self, page_id: str, result: tuple[Analysis, QImage | None] | None) -> None:
        self._forget(page_id)
        if result is not None:
            analysis, thumbnail = result
            if not analysis.failed:
                self._tasks.background(page_codes, self._store, analysis.page, False).run()
            self.analysed.emit(analysis.page, thumbnail)
            if analysis.title is not None:
                self.titled.emit(analysis.page, analysis.title)
            if analysis.blank:
                self.found_blank.emit(analysis)
