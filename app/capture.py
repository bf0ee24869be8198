"""The capture session: one batch from a scanner, through the bridge, into the store.

The one scan loop of the station: `sohoa scan`, the GUI's scan job and the bench all run it.
It reports plain events to a listener (called on the scanning thread; the GUI re-emits them as
signals through ui/events.py) and keeps every page already durable when it is cancelled or fails.
A separator sheet (app/separators.py) is never stored: it switches the component of the pages
after it, and the back of its sheet is dropped with it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from app.analysis import shrink
from app.codes import first_page_dossier
from app.separators import SeparatorRead, SheetSwitch
from drivers.bridge import Bridge
from drivers.contract import (
    CancelToken,
    PageProgress,
    PageStarted,
    ScanEvent,
    ScannedPage,
    ScanSettings,
)
from station.capture import PageOrigin, store_pixels
from station.errors import ErrorCode, StationError
from station.model import Page, Procedure
from station.pipeline.process import working_image
from station.store import Store

PROGRESS_STEP = 0.1  # drivers report each strip; listeners hear of every tenth of a page
PREVIEW_SIZE = (150, 200)  # width, height of the small copy a page event carries

Listener = Callable[[object], None]


@dataclass(frozen=True)
class Target:
    """Where the next page goes; a dossier code of None means a new draft dossier.
    `procedure` lets separator sheets be checked and followed; `switch` is how a separator
    changes the component where someone else keeps it (the counter), else the batch keeps it."""

    dossier_code: str | None
    component_code: str | None = None
    procedure: Procedure | None = field(default=None, compare=False)
    switch: Callable[[str], None] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ScanProgress:
    sheet: int
    side: str
    fraction: float | None  # of the current page; None while its height is unknown


@dataclass(frozen=True)
class PageCaptured:
    page: Page
    sheet: int
    side: str
    width: int
    height: int
    dpi: int
    mode: str
    stored_at: float  # time.monotonic() when the page became durable
    small: np.ndarray | None = field(default=None, repr=False)  # the pixels, shrunk
    replaces: str | None = None  # rescan and replace: the page this one takes the place of
    # The page as its analysis reads it (8-bit BGR or gray), when the request keeps it: the
    # analysis a moment later need not decode the PNG just written (0.1 s of a core an A4).
    pixels: np.ndarray | None = field(default=None, repr=False)


@dataclass(frozen=True)
class ScanEnded:
    pages: int
    error: BaseException | None  # None: the feeder ran empty or the batch was cancelled
    dossier_code: str | None = None
    cancelled: bool = False
    no_dossier: bool = False  # the first page named no dossier and drafts were not wanted


@dataclass(frozen=True)
class CaptureRequest:
    device: str
    settings: ScanSettings
    # Asked before each page is stored: the clerk may pick another component mid-batch. None
    # means the dossier is no longer the active one; the batch stops and the page is dropped.
    target: Callable[[], Target | None]
    replaces: str | None = None
    keep_small: bool = False  # put a shrunk copy of the pixels in each page event
    keep_pixels: bool = False  # put the pixels, as the analysis reads them, in each page event
    # With no dossier given, a first page that names none (no receipt) makes a draft dossier;
    # off, it ends the batch with nothing stored (ScanEnded.no_dossier), for a frontend that
    # has no use for a draft.
    drafts: bool = True


def fixed_target(
    dossier_code: str | None,
    component_code: str | None = None,
    procedure: Procedure | None = None,
) -> Callable[[], Target]:
    """A target that never changes (the CLI); None: a draft dossier made on the first page."""
    return lambda: Target(dossier_code, component_code, procedure)


class CaptureSession:
    """Runs one batch. `cancel` may be called from any thread; `run` returns the pages kept."""

    def __init__(
        self,
        bridge: Bridge,
        store: Store,
        request: CaptureRequest,
        listener: Listener | None = None,
        cancel: CancelToken | None = None,
    ) -> None:
        self.bridge = bridge
        self.store = store
        self.request = request
        self.listener = listener if listener is not None else (lambda _event: None)
        self.token = cancel or CancelToken()
        self.pages: list[Page] = []
        self.dossier_code: str | None = None
        self.no_dossier = False
        self._shown = 0.0
        self._sheets = SheetSwitch()

    def cancel(self) -> None:
        self.token.cancel()

    def run(self) -> ScanEnded:
        """Every outcome ends with one ScanEnded event, which is also returned."""
        error: BaseException | None = None
        request = self.request
        try:
            for scanned in self.bridge.scan(
                request.device, request.settings, self.token, self._report
            ):
                try:
                    stored = self._store(scanned)
                finally:
                    scanned.close()
                if stored is None or (stored and request.replaces is not None):
                    break
        except StationError as exc:
            if exc.code is not ErrorCode.SCAN_CANCELLED:
                error = exc
        except Exception as exc:  # reported to the listener and the caller
            error = exc
        ended = ScanEnded(len(self.pages), error, self.dossier_code, self.token.cancelled,
                          self.no_dossier)  # fmt: skip
        self.listener(ended)
        return ended

    def _store(self, scanned: ScannedPage) -> Page | Literal[False] | None:
        """The page stored, False for a separator sheet, None when the batch must stop."""
        target = self.request.target()
        if target is None:  # the dossier was closed mid-batch: nothing more goes to it
            self.token.cancel()
            return None
        if self.request.replaces is None:
            read = self._sheets.check(scanned.pixels, scanned.dpi, scanned.sheet, scanned.side,
                                      target)  # fmt: skip
            if read is not None:
                if isinstance(read, SeparatorRead):
                    self.listener(read)
                return False
            target = self._sheets.followed(target)
        if target.dossier_code is not None:
            self.dossier_code = target.dossier_code
        elif self.dossier_code is None:  # a draft only once a page arrives, and only one
            chosen = first_page_dossier(self.store, scanned.pixels, self.listener,
                                        self.request.drafts)  # fmt: skip
            if chosen is None:
                self.no_dossier = True
                self.token.cancel()
                return None
            self.dossier_code = chosen
        code = self.dossier_code
        paper = self.request.settings.paper.name
        origin = PageOrigin(self.request.device, paper, target.component_code,
                            side=scanned.side.value)  # fmt: skip
        small = shrink(scanned.pixels, *PREVIEW_SIZE).copy() if self.request.keep_small else None
        page = store_pixels(self.store, code, scanned.pixels, scanned.dpi, origin)
        self.pages.append(page)
        height, width = scanned.pixels.shape[:2]
        pixels = _own_working_copy(scanned.pixels) if self.request.keep_pixels else None
        self.listener(
            PageCaptured(page, scanned.sheet, scanned.side.value, width, height, scanned.dpi,
                         scanned.mode.value, time.monotonic(), small, self.request.replaces,
                         pixels)
        )  # fmt: skip
        return page

    def _report(self, event: ScanEvent) -> None:
        """Every page start, then progress in steps of a tenth."""
        if isinstance(event, PageStarted):
            self._shown = 0.0
            self.listener(ScanProgress(event.sheet, event.side.value, 0.0))
        elif isinstance(event, PageProgress):
            fraction = event.rows / event.total_rows if event.total_rows else None
            if fraction is None or fraction - self._shown >= PROGRESS_STEP or fraction >= 1.0:
                self._shown = fraction or 0.0
                self.listener(ScanProgress(event.sheet, event.side.value, fraction))


def capture(
    bridge: Bridge,
    store: Store,
    request: CaptureRequest,
    listener: Listener | None = None,
    cancel: CancelToken | None = None,
) -> ScanEnded:
    return CaptureSession(bridge, store, request, listener, cancel).run()


def _own_working_copy(pixels: np.ndarray) -> np.ndarray:
    """The scan as the analysis reads the stored PNG back (working_image of the decoded BGR),
    in memory of its own: the scan's buffer is released once the page is stored."""
    working = working_image(pixels, rgb=True)
    return working.copy() if np.shares_memory(working, pixels) else working
