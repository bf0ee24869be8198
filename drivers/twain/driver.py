"""The TWAIN driver (Windows): device list, capabilities and a batch scan through pytwain.

pytwain is imported on first use, or injected (tests pass a fake), so the station runs where it
is absent; then every call raises DRIVER_UNAVAILABLE. All TWAIN calls of one scan happen on the
thread that iterates scan(): TWAIN requires the thread that opened the source to drive it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from drivers.contract import (
    CancelToken,
    Capabilities,
    DeviceInfo,
    EventSink,
    MemoryPageWriter,
    PageStarted,
    PageWriterFactory,
    ScannedPage,
    ScanSettings,
    Side,
    ignore_events,
)
from drivers.twain import probe, transfer
from drivers.twain.negotiate import Plan, negotiate
from drivers.twain.session import PREFIX, Session, guarded, source_manager
from station.errors import ErrorCode, StationError


class TwainDriver:
    name = "twain"

    def __init__(self, twain_module: ModuleType | None = None, parent_window: Any = None) -> None:
        # parent_window: a window handle (or Tk/Wx object) the source may parent its dialogs to.
        self._twain = twain_module
        self._parent = parent_window

    def _module(self) -> ModuleType:
        if self._twain is None:
            try:
                self._twain = importlib.import_module("twain")
            except ImportError as exc:
                raise StationError(
                    ErrorCode.DRIVER_UNAVAILABLE, driver=self.name, detail=str(exc)
                ) from exc
        return self._twain

    def list_devices(self) -> list[DeviceInfo]:
        twain = self._module()
        with source_manager(twain, self._parent) as manager:
            names = guarded(twain, self.name, lambda: manager.source_list)
        return [DeviceInfo(f"{PREFIX}{name}", name, self.name) for name in names]

    def capabilities(self, device_id: str) -> Capabilities:
        with Session.open(self._module(), device_id, self._parent) as session:
            return probe.capabilities(session)

    def scan(
        self,
        device_id: str,
        settings: ScanSettings,
        cancel: CancelToken,
        events: EventSink = ignore_events,
        pages: PageWriterFactory = MemoryPageWriter,
    ) -> Iterator[ScannedPage]:
        with Session.open(self._module(), device_id, self._parent) as session:
            plan = negotiate(session, settings)
            yield from _batch(session, settings, plan, cancel, events, pages)


def _batch(
    session: Session,
    settings: ScanSettings,
    plan: Plan,
    cancel: CancelToken,
    events: EventSink,
    pages: PageWriterFactory,
) -> Iterator[ScannedPage]:
    """Transfer images until the source has none left or the count is reached. A page is
    yielded as soon as it is complete, so pages before a failure reach the caller."""
    per_sheet = 2 if plan.duplex else 1
    session.sheet = 1
    if cancel.cancelled:
        raise StationError(ErrorCode.SCAN_CANCELLED, device=session.device_id, sheet=1)
    session.enable()
    taken = 0
    while True:
        page = transfer.Page(
            taken // per_sheet + 1, Side.BACK if plan.duplex and taken % 2 else Side.FRONT
        )
        session.sheet = page.sheet
        if cancel.cancelled:
            session.drop_pending()
            raise StationError(ErrorCode.SCAN_CANCELLED, device=session.device_id, sheet=page.sheet)
        info = session.image_info()
        events(PageStarted(page.sheet, page.side))
        if plan.transfer == "native":
            received = transfer.native(session, page, pages(), events)
        else:
            received = transfer.memory(session, page, info, plan.vanilla, pages(), events, cancel)
        taken += 1
        yield ScannedPage(
            received.pixels,
            round(info["XResolution"]) or plan.dpi,
            received.mode,
            settings.source,
            page.sheet,
            page.side,
            received.depth,
            session.device_id,
            settings.paper.name,
        )
        if received.pending == 0:
            break
        if plan.limit is not None and taken >= plan.limit:
            session.drop_pending()  # the source ignored CAP_XFERCOUNT
            break
    session.finish()
