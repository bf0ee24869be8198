"""The one adapter from core events to Qt: workers call `post` from any thread; the signals are
emitted on the GUI thread, so every receiver (lambdas included) runs there."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage

from station.model import Page
from sync.worker_events import SyncEvent


@dataclass(frozen=True)
class PageStored:
    page: Page
    thumbnail: QImage | None
    stored_at: float  # time.monotonic() when the page became durable
    replaces: str | None = None  # rescan and replace: the page this one takes the place of


@dataclass(frozen=True)
class PageAnalysed:
    page: Page
    thumbnail: QImage | None


@dataclass(frozen=True)
class ScanEnded:
    pages: int
    error: BaseException | None  # None: the feeder ran empty or the clerk cancelled


@dataclass(frozen=True)
class ScanProgress:
    sheet: int
    side: str
    fraction: float | None  # of the current page; None while its height is unknown


@dataclass(frozen=True)
class FinishProgress:
    done: int
    total: int


class CoreEvents(QObject):
    page_stored = Signal(object)  # PageStored
    page_analysed = Signal(object)  # PageAnalysed
    scan_progress = Signal(object)  # ScanProgress
    scan_ended = Signal(object)  # ScanEnded
    finish_progress = Signal(object)  # FinishProgress
    sync_event = Signal(object)  # sync.worker_events.SyncEvent, from the upload worker's thread
    _posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._posted.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)
        self._routes = {
            PageStored: self.page_stored,
            PageAnalysed: self.page_analysed,
            ScanProgress: self.scan_progress,
            ScanEnded: self.scan_ended,
            FinishProgress: self.finish_progress,
            SyncEvent: self.sync_event,
        }

    def post(self, event: Any) -> None:
        """Thread-safe: queue the event for the GUI thread."""
        with contextlib.suppress(RuntimeError):  # the window is gone, a worker still reports
            self._posted.emit(event)

    def _dispatch(self, event: Any) -> None:
        self._routes[type(event)].emit(event)
