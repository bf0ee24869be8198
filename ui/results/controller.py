"""The result screen's controller: one finished dossier opened for its result (by its code, or
from its receipt scanned or imported with no dossier open), the component new pages are tagged
with, scanning, import, page edits and finishing, all through app/results.py on the task
runner; the results awaiting scan, read again when the sender learns of results handed over at
another desk. Qt only to carry results back to the GUI thread as signals."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.capture import CaptureRequest, CaptureSession, ScanEnded, Target
from app.finishing import SigningContext, signing_context
from app.result_sending import PartSending, dossier_sending
from app.results import (
    ImportSigning,
    ReceiptFirst,
    ResultOutcome,
    awaiting_results,
    finish_result_flow,
    import_result,
    import_signing,
    receipt_code_in_file,
    result_target,
    take_in,
)
from drivers.contract import ColorMode, ScanSettings, Source, parse_options
from station.errors import ErrorCode, StationError
from station.model import Component, ComponentKind, Dossier, DossierState, Page
from station.paper import parse_paper
from station.store import DossierFile
from station.workflow.awaiting import AwaitingResult
from station.workflow.checks import procedure_of
from station.workflow.handover import HandoverInfo
from station.workflow.results import open_for_result, pending_result_pages
from sync.handover_lookup import fetch_handover, hub_configured
from sync.worker_events import SyncEvent, WorkerEventKind
from ui.results.edits import ResultEdits
from ui.window.services import Services


@dataclass(frozen=True)
class Opened:
    """What the screen shows of the dossier opened for its result."""

    dossier: Dossier
    components: tuple[Component, ...]  # the procedure's result components, in order
    files: tuple[DossierFile, ...]  # what the dossier already holds (reception and results)
    pages: tuple[Page, ...]  # result pages scanned, not finished yet
    # A dossier received at another station of the unit: the files the hub held of it, and
    # its result components digitized there (by the station that received it).
    files_elsewhere: int = 0
    results_elsewhere: dict[str, str] = field(default_factory=dict)
    receiving_station: str = ""
    # How far the dossier as received and each result addendum got to the province.
    sending: tuple[PartSending, ...] = ()

    @property
    def waiting(self) -> tuple[str, ...]:
        """The result components that take pages: those the dossier was opened for, less any
        the sender has since learned were digitized at another desk."""
        intake = self.dossier.result_intake
        return tuple(c for c in intake if c not in self.results_elsewhere)


def open_dossier(services: Services, code: str) -> Opened:
    store, catalog = services.store, services.catalog
    dossier = store.dossier(code.strip())
    if dossier.state is DossierState.OPEN:
        raise StationError(ErrorCode.RESULT_DOSSIER_OPEN, code=dossier.code)
    procedure = procedure_of(catalog, dossier)
    dossier = open_for_result(store, catalog, dossier.code)
    results = tuple(c for c in procedure.components if c.kind is ComponentKind.RESULT)
    return read_opened(services, dossier, results)


def read_opened(services: Services, dossier: Dossier, components: tuple[Component, ...]) -> Opened:
    store = services.store
    fresh = store.dossier(dossier.code)
    files = tuple(store.dossier_files(dossier.code))
    pages = tuple(pending_result_pages(store, dossier.code))
    told = store.results_elsewhere(dossier.code)  # this station's dossier, another desk
    elsewhere = {c: at.astimezone().strftime("%d/%m/%Y") for c, at in told.items()}
    sending = tuple(dossier_sending(store, dossier.code))
    handover = store.handover(dossier.code)
    if handover is None:
        return Opened(fresh, components, files, pages, 0, elsewhere, sending=sending)
    elsewhere.update(dict.fromkeys(handover.results_before, handover.receiving_station))
    return Opened(fresh, components, files, pages, handover.files_before, elsewhere,
                  handover.receiving_station, sending)  # fmt: skip


def ask_hub(services: Services, code: str, not_here: StationError) -> HandoverInfo:
    """Off the GUI thread: the hub's word on a dossier this station does not hold (one
    received at another station of the unit); `not_here` again when there is no hub to ask."""
    if not hub_configured(services.store):
        raise not_here
    return fetch_handover(services.store, code)


def open_taken_in(services: Services, info: HandoverInfo) -> Opened:
    """The dossier the hub described, recorded here and opened for its result."""
    dossier = take_in(services.store, services.catalog, info)
    return open_dossier(services, dossier.code)


def open_anywhere(services: Services, code: str) -> Opened:
    """On a worker thread: this station's dossier, or else the hub's of the unit."""
    try:
        return open_dossier(services, code)
    except StationError as exc:
        if exc.code is not ErrorCode.DOSSIER_NOT_FOUND:
            raise
        return open_taken_in(services, ask_hub(services, code.strip(), exc))


class ResultsController(QObject):
    opened = Signal(object)  # Opened
    closed = Signal()  # no dossier open: the next receipt or code opens one
    awaiting = Signal(object)  # list[AwaitingResult]
    sending = Signal(object)  # Opened, read again as the sender moves its jobs
    finished = Signal(object)  # ResultOutcome
    scanning_changed = Signal(bool)
    failed = Signal(object)  # BaseException
    no_receipt_code = Signal()  # the receipt scanned or imported carries no dossier code
    _receipt_opened = Signal(object)  # Opened, from the scanner's thread

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.current: Opened | None = None
        self.component: str | None = None
        self._shown_code: str | None = None
        self.scanning = False
        self.edits = ResultEdits(
            services.store, services.tasks, lambda: services.settings.value.profile, self
        )
        self._lock = threading.Lock()
        self._session: CaptureSession | None = None
        self.edits.edited.connect(self.refresh)
        self.edits.failed.connect(self.failed.emit)
        self._receipt_opened.connect(self._opened)
        services.events.sync_event.connect(self._sync_event)

    # opening -----------------------------------------------------------------------------
    def open(self, code: str) -> None:
        self.services.tasks.db(open_dossier, self.services, code).success(self._opened).failure(
            lambda error: self._not_here(code, error)
        ).run()

    def _not_here(self, code: str, error: BaseException) -> None:
        """A code this station does not hold is asked of the hub (on a worker thread: the
        network may be slow or gone), then taken in on the store's thread."""
        if not isinstance(error, StationError) or error.code is not ErrorCode.DOSSIER_NOT_FOUND:
            self.failed.emit(error)
            return
        self.services.tasks.work(ask_hub, self.services, code.strip(), error).success(
            self._take_in
        ).failure(self.failed.emit).run()

    def _take_in(self, info: HandoverInfo) -> None:
        self.services.tasks.db(open_taken_in, self.services, info).success(self._opened).failure(
            self.failed.emit
        ).run()

    def _opened(self, opened: Opened) -> None:
        # Against what the screen shows: a receipt read sets `current` on the scanner's thread.
        switching = self._shown_code != opened.dossier.code
        self._shown_code = opened.dossier.code
        if switching:
            self.edits.forget()
        waiting = opened.waiting
        with self._lock:
            self.current = opened
            if switching or self.component not in waiting:
                self.component = waiting[0] if waiting else None
        self.opened.emit(opened)

    def close_dossier(self) -> None:
        """Back to no dossier open: F5 or Import reads the next citizen's receipt."""
        if self.scanning:
            return
        with self._lock:
            self.current, self.component = None, None
        self._shown_code = None
        self.edits.forget()
        self.closed.emit()

    def open_from_receipt_file(self, path: Path) -> None:
        """An imported receipt (image or PDF): its first page's code opens the dossier."""
        self.services.tasks.work(receipt_code_in_file, path).success(self._code_read).failure(
            self.failed.emit
        ).run()

    def _code_read(self, code: str | None) -> None:
        if code is None:
            self.no_receipt_code.emit()
        else:
            self.open(code)

    def refresh(self) -> None:
        current = self.current
        if current is None:
            return
        self.services.tasks.db(
            read_opened, self.services, current.dossier, current.components
        ).success(self._opened).failure(self.failed.emit).run()

    def refresh_awaiting(self) -> None:
        store, catalog = self.services.store, self.services.catalog
        self.services.tasks.db(awaiting_results, store, catalog).success(self.awaiting.emit).run()

    def refresh_sending(self) -> None:
        """How far the open dossier and its results got, read again from the upload queue."""
        current = self.current
        if current is None:
            return
        code = current.dossier.code
        self.services.tasks.db(dossier_sending, self.services.store, code).success(
            lambda parts: self._sending_read(code, parts)
        ).failure(self.failed.emit).run()

    def _sending_read(self, code: str, parts: list[PartSending]) -> None:
        current = self.current
        if current is None or current.dossier.code != code:
            return  # another dossier opened meanwhile
        with self._lock:
            self.current = current = replace(current, sending=tuple(parts))
        self.sending.emit(current)

    def _sync_event(self, event: SyncEvent) -> None:
        """A job of the open dossier sent or parked: what the screen shows of its sending is
        read again. The sender learned from the hub of results handed over at another desk:
        they leave the awaiting list, and the open dossier shows a component digitized there
        (after the scan under way, which reads it again when it ends, so its pages keep their
        component)."""
        current = self.current
        moved = event.kind in (WorkerEventKind.JOB_DONE, WorkerEventKind.JOB_FAILED)
        if moved and current is not None and event.dossier_code == current.dossier.code:
            self.refresh_sending()
        if event.kind is not WorkerEventKind.RESULTS_ELSEWHERE:
            return
        self.refresh_awaiting()
        if not self.scanning:
            self.refresh()

    # tagging -----------------------------------------------------------------------------
    def choose(self, number: int, page_ids: list[str]) -> None:
        """Number key `number` (1-based): the result component new pages get, and the selected
        pages retagged to it."""
        current = self.current
        if current is None or not 1 <= number <= len(current.components):
            return
        code = current.components[number - 1].code
        if code not in current.waiting:
            return  # digitized already: it takes no more pages
        with self._lock:
            self.component = code
        if page_ids:
            chosen = set(page_ids)
            before = {p.id: p.component_code for p in current.pages if p.id in chosen}
            self.edits.tag(page_ids, code, before)
        else:
            self.opened.emit(current)

    def set_component(self, code: str | None) -> None:
        """The component new pages get, as it was (see ResultsScreen.keys_state)."""
        current = self.current
        if current is None or (code is not None and code not in current.waiting):
            return
        with self._lock:
            self.component = code
        self.opened.emit(current)

    # page edits --------------------------------------------------------------------------
    def delete(self, page_ids: list[str]) -> None:
        if self.current is not None:
            self.edits.delete(page_ids)

    def rotate(self, page_ids: list[str], quarter_turns: int) -> None:
        if self.current is not None:
            self.edits.rotate(page_ids, quarter_turns)

    # scanning ----------------------------------------------------------------------------
    def scan(self) -> None:
        """Into the open dossier's result; with none open (or one that takes no more pages),
        the batch's first sheet is read as the receipt that names the dossier."""
        current = self.current
        if self.scanning:
            return
        if current is None or self.component is None:
            self._start_scan(self._scan_from_receipt)
            return
        self._start_scan(self._scan, current.dossier.code, self.component)

    def _start_scan(self, job, *args) -> None:  # job runs on the scanner's thread
        self.scanning = True
        self.scanning_changed.emit(True)
        self.services.tasks.device(job, *args).success(self._scanned).failure(
            self._scan_failed
        ).run()

    def _scan(self, code: str, component: str) -> ScanEnded:
        store, catalog = self.services.store, self.services.catalog
        result_target(store, catalog, code, component)
        device, settings = scan_settings(self.services)
        request = CaptureRequest(device, settings, self._target_for(code))
        session = CaptureSession(self.services.bridge, store, request)
        self._session = session
        return session.run()

    def _scan_from_receipt(self) -> ScanEnded:
        device, settings = scan_settings(self.services)
        bridge = ReceiptFirst(self.services.bridge, self._receipt_found)
        request = CaptureRequest(device, settings, lambda: self._target_after_receipt(bridge))
        session = CaptureSession(bridge, self.services.store, request)
        self._session = session
        ended = session.run()
        if bridge.read and bridge.code is None and ended.error is None:
            self.no_receipt_code.emit()
        return ended

    def _receipt_found(self, code: str) -> bool:
        """On the scanner's thread: the receipt's dossier, opened for its result, takes the
        rest of the batch (open_dossier refuses, with its message, one it cannot take)."""
        opened = open_anywhere(self.services, code)  # one result component awaits, at least
        with self._lock:  # the pages after the receipt go here before the screen shows it
            self.current, self.component = opened, opened.dossier.result_intake[0]
        self._receipt_opened.emit(opened)
        return True

    def _target_after_receipt(self, bridge: ReceiptFirst) -> Target | None:
        return None if bridge.code is None else self._target_for(bridge.code)()

    def _target_for(self, code: str):  # the capture target callable
        def target() -> Target | None:
            with self._lock:
                current, component = self.current, self.component
            if current is None or current.dossier.code != code:
                return None
            return Target(code, component)

        return target

    def _scanned(self, ended: ScanEnded) -> None:
        self._scan_done()
        if ended.error is not None:
            self.failed.emit(ended.error)
        self.refresh()

    def _scan_failed(self, error: BaseException) -> None:
        self._scan_done()
        self.failed.emit(error)

    def _scan_done(self) -> None:
        self.scanning = False
        self._session = None
        self.scanning_changed.emit(False)

    def cancel(self) -> None:
        session = self._session
        if session is not None:
            session.cancel()

    # import and finish -------------------------------------------------------------------
    def import_signing(self, path: Path, then: Callable[[ImportSigning], None]) -> None:
        """Whether importing the PDF signs it (read off the GUI thread): one the agency signed
        is kept as it is, so the screen asks a PIN only for an unsigned one."""
        current = self.current
        if current is None:
            return
        self.services.tasks.work(
            import_signing, self.services.store, current.dossier.code, path
        ).success(then).failure(self.failed.emit).run()

    def import_pdf(
        self, path: Path, secret: str = "", context: SigningContext | None = None
    ) -> None:
        current, component = self.current, self.component
        if current is None or component is None:
            return
        store, catalog = self.services.store, self.services.catalog
        self.services.tasks.work(
            import_result, store, catalog, current.dossier.code, path, component,
            lambda: secret, context,
        ).success(self._finished).failure(self.failed.emit).run()  # fmt: skip

    def signing(self, then) -> None:  # called with the SigningContext
        """Whether signing is set up (read off the GUI thread), for the screen to ask a PIN."""
        current = self.current
        if current is None:
            return
        self.services.tasks.db(signing_context, self.services.store, current.dossier.code).success(
            then
        ).failure(self.failed.emit).run()

    def finish(self, context: SigningContext | None = None, secret: str = "") -> None:
        current = self.current
        if current is None:
            return
        store, catalog = self.services.store, self.services.catalog
        profile = self.services.settings.value.profile
        self.services.tasks.work(
            finish_result_flow, store, catalog, current.dossier.code, lambda: secret, context,
            profile=profile, workers=1,
        ).success(self._finished).failure(self.failed.emit).run()  # fmt: skip

    def _finished(self, outcome: ResultOutcome) -> None:
        self.edits.forget()  # its pages are in the signed PDF now
        self.finished.emit(outcome)
        self.refresh()
        self.refresh_awaiting()


def scan_settings(services: Services) -> tuple[str, ScanSettings]:
    """The station's scanner as the counter window last set it up."""
    value = services.settings.value
    mode = ColorMode(value.mode)
    settings = ScanSettings(
        paper=parse_paper(value.paper),
        dpi=value.dpi,
        mode=mode,
        source=Source(value.source),
        depth=1 if mode is ColorMode.LINEART else 8,
        options=parse_options(tuple(value.options.split())),
    )
    return value.device, settings


__all__ = ["AwaitingResult", "Opened", "ResultsController", "scan_settings"]
