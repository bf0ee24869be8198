"""Handing over the result (trả kết quả): the one flow of `sohoa dossier finish-result`,
`sohoa results import`, scanning into a finished dossier and the GUI's result screen.

Signing works as at reception (app/finishing.py): the PIN or password is asked through
`secret` only when signing is set up and there is a file to sign. The result's files and
manifest are written to the dossier's finished-files folder and queued for upload as an addendum
that follows the dossier's own manifest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.finishing import QueuedUpload, Secret, SigningContext, open_signer, signing_context
from station.catalog import Catalog
from station.errors import ErrorCode, StationError
from station.model import Dossier, DossierState
from station.store import Store
from station.workflow.awaiting import AwaitingResult, results_awaiting
from station.workflow.checks import procedure_of
from station.workflow.result_import import has_signature, import_result_pdf
from station.workflow.results import (
    ResultReceipt,
    check_result_component,
    finish_result,
    open_for_result,
)
from sync.enqueue import enqueue_result
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


def result_target(store: Store, catalog: Catalog, code: str, component: str | None) -> Dossier:
    """The finished dossier result pages scanned or imported by code go to: opened for its
    result, `component` one of its result components (a submitted paper is refused)."""
    dossier = store.dossier(code.strip())
    if dossier.state is DossierState.OPEN:
        raise StationError(ErrorCode.RESULT_DOSSIER_OPEN, code=dossier.code)
    check_result_component(procedure_of(catalog, dossier), dossier, component or "-")
    dossier = open_for_result(store, catalog, dossier.code)
    if component not in dossier.result_intake:
        # open_for_result lists the components still waiting; this one was digitized already.
        raise StationError(
            ErrorCode.RESULT_ALREADY_FINISHED,
            code=dossier.code,
            component=component,
            file=_file_of(store, dossier.code, component or ""),
        )
    return dossier


def _file_of(store: Store, code: str, component: str) -> str:
    return next(
        (f.file_name for f in store.dossier_files(code) if f.component_code == component), ""
    )


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
    context = context or signing_context(store, code.strip())
    signed = path.is_file() and has_signature(path.read_bytes())
    if signed or not context.setup.configured:
        kept = ResultOutcome(import_result_pdf(store, catalog, code, path, component))
        return _queued(store, catalog, kept, wake)
    with open_signer(context.setup, secret() if secret else "", context.clerk_name) as signer:
        receipt = import_result_pdf(store, catalog, code, path, component, signer.sign)
    return _queued(store, catalog, ResultOutcome(receipt, signer.subject, signer.warnings), wake)


def awaiting_results(store: Store, catalog: Catalog) -> list[AwaitingResult]:
    return results_awaiting(store, catalog)
