"""Background analysis of stored pages on the task runner's image threads: fresh pages as they
are stored, and at start the pages left unanalysed by a crash or a close. What to analyse and
what to record (the clerk's edit wins; a failure is marked for good) is app.analysis's."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from app.analysis import analyse_page
from station.model import Page
from station.store import Store
from ui.pages.thumbnails import THUMB_SIZE, to_qimage
from ui.tasks import Task, TaskRunner


def analyse_for_grid(store: Store, page_id: str, profile: str) -> tuple[Page, QImage | None] | None:
    """Runs on a worker thread: the analysis, and its thumbnail ready for the grid."""
    result = analyse_page(store, page_id, profile, THUMB_SIZE)
    if result is None:
        return None
    return result.page, to_qimage(result.image) if result.image is not None else None


class Analyser(QObject):
    analysed = Signal(object, object)  # Page, thumbnail QImage (None: analysis failed)

    def __init__(
        self, store: Store, tasks: TaskRunner, profile: Callable[[], str], parent=None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._profile = profile
        self._queued: dict[str, Task] = {}

    @property
    def pending(self) -> int:
        return len(self._queued)

    def queue(self, page_id: str) -> None:
        if page_id in self._queued:
            return
        task = self._tasks.work(analyse_for_grid, self._store, page_id, self._profile())
        task.success(lambda result, page_id=page_id: self._done(page_id, result))
        task.failure(lambda _error, page_id=page_id: self._queued.pop(page_id, None))
        self._queued[page_id] = task.run()

    def cancel_all(self) -> None:
        for task in self._queued.values():
            task.cancel()
        self._queued.clear()

    def _done(self, page_id: str, result: tuple[Page, QImage | None] | None) -> None:
        self._queued.pop(page_id, None)
        if result is not None:
            self.analysed.emit(*result)
