"""The one adapter from core events to Qt: the use-case layer (app/) and the upload worker call
`post` from any thread; the signals are emitted on the GUI thread, so every receiver (lambdas
included) runs there. A captured page's small copy becomes its QImage thumbnail here, on the
posting thread, so the GUI thread never converts pixels."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage

from app.capture import PageCaptured, ScanEnded, ScanProgress
from app.codes import ReceiptRead
from app.imports import ImportFailed, PageImported
from app.separators import SeparatorRead
from station.model import Page
from sync.worker_events import SyncEvent

__all__ = [
    "CoreEvents",
    "FinishProgress",
    "PageAnalysed",
    "PageStored",
    "ScanEnded",
    "ScanProgress",
]


@dataclass(frozen=True)
class PageStored:
    page: Page
    thumbnail: QImage | None
    stored_at: float  # time.monotonic() when the page became durable
    replaces: str | None = None  # rescan and replace: the page this one takes the place of
    side: str = ""  # "front" or "back" for a scanned page, "" for an imported one
    pixels: np.ndarray | None = field(default=None, repr=False)  # see PageCaptured.pixels


@dataclass(frozen=True)
class PageAnalysed:
    page: Page
    thumbnail: QImage | None


@dataclass(frozen=True)
class FinishProgress:
    done: int
    total: int


def _page_stored(event: PageCaptured | PageImported) -> PageStored:
    if isinstance(event, PageImported):
        return PageStored(event.page, None, time.monotonic())
    thumbnail = None
    if event.small is not None:
        from ui.pages.thumbnails import thumbnail_from_scan

        thumbnail = thumbnail_from_scan(event.small)
    return PageStored(
        event.page, thumbnail, event.stored_at, event.replaces, event.side, event.pixels
    )


class CoreEvents(QObject):
    page_stored = Signal(object)  # PageStored: scanned or imported
    page_analysed = Signal(object)  # PageAnalysed
    scan_progress = Signal(object)  # app.capture.ScanProgress
    scan_ended = Signal(object)  # app.capture.ScanEnded
    separator_read = Signal(object)  # app.separators.SeparatorRead
    receipt_read = Signal(object)  # app.codes.ReceiptRead: the receipt chose the dossier
    import_failed = Signal(object)  # app.imports.ImportFailed
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
            SeparatorRead: self.separator_read,
            ReceiptRead: self.receipt_read,
            ImportFailed: self.import_failed,
            FinishProgress: self.finish_progress,
            SyncEvent: self.sync_event,
        }

    def post(self, event: Any) -> None:
        """Thread-safe: queue the event for the GUI thread."""
        if isinstance(event, PageCaptured | PageImported):
            event = _page_stored(event)
        with contextlib.suppress(RuntimeError):  # the window is gone, a worker still reports
            self._posted.emit(event)

    def _dispatch(self, event: Any) -> None:
        self._routes[type(event)].emit(event)
