"""Background analysis of freshly stored pages (crop, deskew, orientation under the chosen
profile), recorded through the workflow so the thumbnail and the PDFs show the result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from station.errors import ErrorCode, StationError
from station.model import Page
from station.pipeline import transforms as tf
from station.pipeline.process import process_page
from station.pipeline.profile import get_profile, with_steps
from station.store import Store
from station.workflow import record_analysis
from ui.pages.thumbnails import THUMB_SIZE, processed_pixels, shrink, to_qimage
from ui.tasks import Task, TaskRunner

# The page went away or its dossier closed while it was analysed: nothing left to show.
_GONE = (ErrorCode.PAGE_NOT_FOUND, ErrorCode.DOSSIER_FINISHED, ErrorCode.DOSSIER_CLOSED)


def analyse_page(store: Store, page_id: str, profile: str) -> tuple[Page, QImage] | None:
    """Runs on a worker thread. A clerk's edit made meanwhile wins over the analysis."""
    page = store.page(page_id)
    if page is None or page.deleted_at is not None or page.analysed_profile == profile:
        return None
    original = page.transforms
    try:
        pixels = processed_pixels(store, replace(page, transforms=()))
        chosen = get_profile(profile)
        if any(t.kind == tf.ORIENT for t in original):  # the clerk turned it: keep that turn
            chosen = with_steps(chosen, orient=False)
        processed = process_page(pixels, page.dpi, chosen, original)
        del pixels
        current = store.page(page_id)
        if current is None or current.transforms != original:
            return None
        page = record_analysis(store, page_id, processed.transforms, profile)
    except StationError as exc:
        if exc.code in _GONE:
            return None
        raise
    return page, to_qimage(shrink(processed.image, *THUMB_SIZE))


class Analyser(QObject):
    analysed = Signal(object, object)  # Page, thumbnail QImage

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
        task = self._tasks.work(analyse_page, self._store, page_id, self._profile())
        task.success(lambda result, page_id=page_id: self._done(page_id, result))
        task.failure(lambda _error, page_id=page_id: self._queued.pop(page_id, None))
        self._queued[page_id] = task.run()

    def cancel_all(self) -> None:
        for task in self._queued.values():
            task.cancel()
        self._queued.clear()

    def _done(self, page_id: str, result: tuple[Page, QImage] | None) -> None:
        self._queued.pop(page_id, None)
        if result is not None:
            self.analysed.emit(*result)
