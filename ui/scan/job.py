"""One batch from the scanner into the store, on the scan thread: the CLI's flow (bridge, then
store_pixels once per page), reporting through the Qt adapter as each page becomes durable."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from drivers.bridge import Bridge
from drivers.contract import CancelToken, PageProgress, PageStarted, ScanEvent, ScanSettings
from station.capture import PageOrigin, store_pixels
from station.errors import ErrorCode, StationError
from station.store import Store
from ui.events import CoreEvents, PageStored, ScanEnded, ScanProgress
from ui.pages.thumbnails import thumbnail_from_scan

PROGRESS_STEP = 0.1


@dataclass(frozen=True)
class ScanRequest:
    device: str
    settings: ScanSettings
    dossier_code: str
    component: Callable[[], str | None]  # asked per page: the clerk may pick another mid-batch
    replaces: str | None = None


def run_scan(
    bridge: Bridge, store: Store, events: CoreEvents, request: ScanRequest, cancel: CancelToken
) -> int:
    """Returns the number of pages stored; every outcome ends with one ScanEnded event."""
    stored = 0
    error: BaseException | None = None

    shown = [0.0]

    def report(event: ScanEvent) -> None:
        """Every page start, then progress in steps of a tenth: a driver reports each strip,
        and redrawing the bar that often would only cost the GUI thread."""
        if isinstance(event, PageStarted):
            shown[0] = 0.0
            events.post(ScanProgress(event.sheet, event.side.value, 0.0))
        elif isinstance(event, PageProgress):
            fraction = event.rows / event.total_rows if event.total_rows else None
            if fraction is None or fraction - shown[0] >= PROGRESS_STEP or fraction >= 1.0:
                shown[0] = fraction or 0.0
                events.post(ScanProgress(event.sheet, event.side.value, fraction))

    paper = request.settings.paper.name
    try:
        for scanned in bridge.scan(request.device, request.settings, cancel, report):
            try:
                thumbnail = thumbnail_from_scan(scanned.pixels)
                origin = PageOrigin(request.device, paper, request.component())
                page = store_pixels(
                    store, request.dossier_code, scanned.pixels, scanned.dpi, origin
                )
            finally:
                scanned.close()
            stored += 1
            events.post(PageStored(page, thumbnail, time.monotonic(), request.replaces))
            if request.replaces is not None:
                break
    except StationError as exc:
        if exc.code is not ErrorCode.SCAN_CANCELLED:
            error = exc
    except Exception as exc:  # noqa: BLE001 - reported to the clerk, the window stays up
        error = exc
    events.post(ScanEnded(stored, error))
    return stored
