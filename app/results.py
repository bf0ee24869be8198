"""Handing over the result (trả kết quả): the one flow of `sohoa dossier finish-result`,
`sohoa results import`, scanning into a finished dossier and the GUI's result screen.

Signing works as at reception (app/finishing.py): the PIN or password is asked through
`secret` only when signing is set up and there is a file to sign. The result's files and
manifest are written to the dossier's finished-files folder and queued for upload as an addendum
that follows the dossier's own manifest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from app.codes import RECEIPT_FORMATS
from app.finishing import QueuedUpload, Secret, SigningContext, open_signer, signing_context
from drivers.bridge import Bridge
from drivers.contract import (
    CancelToken,
    Capabilities,
    DeviceInfo,
    EventSink,
    ScannedPage,
    ScanSettings,
    ignore_events,
)
from drivers.importer import import_file
from station.catalog import Catalog
from station.codes import DossierCode, read_codes
from station.errors import ErrorCode, StationError
from station.model import Dossier, DossierState
from station.store import Store
from station.workflow.awaiting import AwaitingResult, results_awaiting
from station.workflow.checks import procedure_of
from station.workflow.handover import HandoverInfo, take_in_for_result
from station.workflow.result_import import has_signature, import_result_pdf
from station.workflow.results import (
    ResultReceipt,
    check_result_component,
    digitized_results,
    finish_result,
    open_for_result,
    refuse_digitized,
)
from sync.enqueue import enqueue_result
from sync.handover_lookup import fetch_handover, hub_configured
from sync.jobs import JobKind
from sync.settings import load_settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ResultOutcome:
    receipt: ResultReceipt
    signer: str | None = None  # the certificate's subject; None: the station signed nothing
    warnings: list[str] = field(default_factory=list)  # about the certificate
    upload: QueuedUpload | None = None


def queue_result(
    store: Store, catalog: Catalog, receipt: ResultReceipt, wake: Callable[[], None] = lambda: None
) -> QueuedUpload:
    """Queued even without sync settings, like a dossier: the jobs wait until sync is set up."""
    try:
        jobs = enqueue_result(store, catalog, receipt.dossier_code, receipt.addendum_id)
        configured = load_settings(store).configured
    except Exception as exc:  # the result is kept; the outcome says what failed
        log.warning("result of %s kept but not queued for upload", receipt.dossier_code,
                    exc_info=exc)  # fmt: skip
        return QueuedUpload(0, False, exc)
    wake()
    files = sum(1 for j in jobs if j.kind is JobKind.FILE)
    return QueuedUpload(files, configured, jobs=len(jobs))


def _queued(
    store: Store, catalog: Catalog, outcome: ResultOutcome, wake: Callable[[], None]
) -> ResultOutcome:
    return replace(outcome, upload=queue_result(store, catalog, outcome.receipt, wake))


# A dossier received at another station of the unit ----------------------------------------------
Lookup = Callable[[str], HandoverInfo]  # the hub's hand-over look-up (sync/handover_lookup.py)


def dossier_for_result(
    store: Store, catalog: Catalog, code: str, lookup: Lookup | None = None
) -> Dossier:
    """The dossier `code` as this station holds it. One it does not hold is asked of the hub,
    when the station sends to one (or of `lookup`): a dossier received at another station of
    the unit is taken in for its result (station/workflow/handover.py)."""
    code = code.strip()
    try:
        return store.dossier(code)
    except StationError as exc:
        if exc.code is not ErrorCode.DOSSIER_NOT_FOUND:
            raise
        if lookup is None and not hub_configured(store):
            raise
    info = (lookup or (lambda wanted: fetch_handover(store, wanted)))(code)
    return take_in(store, catalog, info)


def take_in(store: Store, catalog: Catalog, info: HandoverInfo) -> Dossier:
    """The dossier the hub described, recorded here (or as it was recorded already)."""
    try:
        return take_in_for_result(store, catalog, info)
    except StationError as exc:
        if exc.code is not ErrorCode.DOSSIER_EXISTS:
            raise
        return store.dossier(info.dossier_code)  # taken in before (a rerun, another window)


def open_result(store: Store, catalog: Catalog, code: str, lookup: Lookup | None = None) -> Dossier:
    """The finished dossier opened for its result: this station's own, or one of the unit the
    hub knows of. Raises StationError with what stands in the way."""
    dossier = dossier_for_result(store, catalog, code, lookup)
    return open_for_result(store, catalog, dossier.code)


def result_target(store: Store, catalog: Catalog, code: str, component: str | None) -> Dossier:
    """The finished dossier result pages scanned or imported by code go to: opened for its
    result, `component` one of its result components (a submitted paper is refused)."""
    dossier = dossier_for_result(store, catalog, code)
    if dossier.state is DossierState.OPEN:
        raise StationError(ErrorCode.RESULT_DOSSIER_OPEN, code=dossier.code)
    procedure = procedure_of(catalog, dossier)
    check_result_component(procedure, dossier, component or "-")
    dossier = open_for_result(store, catalog, dossier.code)
    if component not in dossier.result_intake:
        # open_for_result lists the components still waiting; this one was digitized already.
        done = digitized_results(store, procedure, dossier.code)
        elsewhere = store.results_elsewhere(dossier.code)
        refuse_digitized(dossier.code, component or "-", done, elsewhere)
    return dossier


def finish_result_flow(
    store: Store,
    catalog: Catalog,
    code: str,
    secret: Secret | None = None,
    context: SigningContext | None = None,
    wake: Callable[[], None] = lambda: None,
    **options: Any,
) -> ResultOutcome:
    """Build, sign and publish the result. `options` go to station.workflow.results
    .finish_result (profile, pdfa, workers, progress)."""
    context = context or signing_context(store, code.strip())
    if not context.setup.configured:
        plain = ResultOutcome(finish_result(store, catalog, code, **options))
        return _queued(store, catalog, plain, wake)
    with open_signer(context.setup, secret() if secret else "", context.clerk_name) as signer:
        receipt = finish_result(store, catalog, code, sign=signer.sign, **options)
    return _queued(store, catalog, ResultOutcome(receipt, signer.subject, signer.warnings), wake)


def import_result(
    store: Store,
    catalog: Catalog,
    code: str,
    path: Path,
    component: str,
    secret: Secret | None = None,
    context: SigningContext | None = None,
    wake: Callable[[], None] = lambda: None,
) -> ResultOutcome:
    """An agency-issued PDF as the result: kept as it is when already signed; otherwise signed
    by the clerk when signing is set up (see station/workflow/result_import.py)."""
    code = dossier_for_result(store, catalog, code).code
    context = context or signing_context(store, code)
    if pdf_signed(path) or not context.setup.configured:
        kept = ResultOutcome(import_result_pdf(store, catalog, code, path, component))
        return _queued(store, catalog, kept, wake)
    with open_signer(context.setup, secret() if secret else "", context.clerk_name) as signer:
        receipt = import_result_pdf(store, catalog, code, path, component, signer.sign)
    return _queued(store, catalog, ResultOutcome(receipt, signer.subject, signer.warnings), wake)


def pdf_signed(path: Path) -> bool:
    """Whether the file carries a signature already (read whole: a result is a few pages)."""
    return path.is_file() and has_signature(path.read_bytes())


@dataclass(frozen=True)
class ImportSigning:
    """What importing `path` as the electronic result asks of the clerk, known before a PIN is
    asked: a PDF the agency signed is kept as it is, so its import needs none."""

    context: SigningContext
    signed: bool

    @property
    def needs_secret(self) -> bool:
        return self.context.setup.configured and not self.signed


def import_signing(store: Store, code: str, path: Path) -> ImportSigning:
    """Off the GUI thread (it reads the file): whether importing `path` into dossier `code`
    signs it, so the frontend asks the PIN only then."""
    return ImportSigning(signing_context(store, code.strip()), pdf_signed(path))


def awaiting_results(store: Store, catalog: Catalog) -> list[AwaitingResult]:
    return results_awaiting(store, catalog)


# Opening the finished dossier from its receipt --------------------------------------------------
def receipt_code(pixels: np.ndarray) -> str | None:
    """The dossier code a receipt page carries in its QR or barcode; None when it has none."""
    named = [c.fields for c in read_codes(pixels, RECEIPT_FORMATS)]
    return next((f.code for f in named if isinstance(f, DossierCode)), None)


def receipt_code_in_file(path: Path, pdf_dpi: int = 200) -> str | None:
    """The dossier code on the first page of an imported receipt (image or PDF); the file's
    other pages are not read. Raises StationError(IMPORT_*) when the file cannot be read."""
    pages = import_file(Path(path), pdf_dpi=pdf_dpi)
    try:
        first = next(pages, None)
    finally:
        if isinstance(pages, Generator):
            pages.close()
    return None if first is None else receipt_code(first.pixels)


class ReceiptFirst:
    """A scanner bridge for a result batch that begins with the receipt: the first sheet (both
    its sides) is read for the dossier code and never passed on, so it is not stored. `found`
    is called with the code and says whether the rest of the batch is wanted; when the sheet
    carries no code, when the rest is not wanted or `found` raises, the scan is cancelled."""

    def __init__(self, bridge: Bridge, found: Callable[[str], bool]) -> None:
        self.bridge = bridge
        self.found = found
        self.read = False  # a first sheet came and was read
        self.code: str | None = None  # the dossier code it carried, once accepted

    def list_devices(self) -> list[DeviceInfo]:
        return self.bridge.list_devices()

    def capabilities(self, device_id: str) -> Capabilities:
        return self.bridge.capabilities(device_id)

    def close(self) -> None:
        """The wrapped bridge is its owner's to close."""

    def scan(
        self,
        device_id: str,
        settings: ScanSettings,
        cancel: CancelToken,
        events: EventSink = ignore_events,
    ) -> Iterator[ScannedPage]:
        pages = self.bridge.scan(device_id, settings, cancel, events)
        receipt_sheet: int | None = None
        try:
            for page in pages:
                if receipt_sheet is not None and page.sheet != receipt_sheet:
                    yield page
                    continue
                try:
                    if receipt_sheet is None:
                        receipt_sheet, self.read = page.sheet, True
                        if not self._accept(receipt_code(page.pixels), cancel):
                            return
                finally:
                    page.close()
        finally:
            if isinstance(pages, Generator):
                pages.close()

    def _accept(self, code: str | None, cancel: CancelToken) -> bool:
        try:
            wanted = code is not None and self.found(code)
        except BaseException:
            cancel.cancel()
            raise
        if not wanted:
            cancel.cancel()
            return False
        self.code = code
        return True
