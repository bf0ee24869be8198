"""Handing over the result (trả kết quả): the one flow of `sohoa dossier finish-result`,
`sohoa results import`, scanning into a finished dossier and the GUI's result screen.

Signing works as at reception (app/finishing.py): the PIN or password is asked through
`secret` only when signing is set up and there is a file to sign. The result's files and
manifest are left in the dossier's finished-files folder for the upload queue; queueing them is
the sync package's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.finishing import Secret, SigningContext, open_signer, signing_context
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


@dataclass(frozen=True)
class ResultOutcome:
    receipt: ResultReceipt
    signer: str | None = None  # the certificate's subject; None: the station signed nothing
    warnings: list[str] = field(default_factory=list)  # about the certificate


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
    **options: Any,
) -> ResultOutcome:
    """Build, sign and publish the result. `options` go to station.workflow.results
    .finish_result (profile, pdfa, workers, progress)."""
    context = context or signing_context(store, code.strip())
    if not context.setup.configured:
        return ResultOutcome(finish_result(store, catalog, code, **options))
    with open_signer(context.setup, secret() if secret else "", context.clerk_name) as signer:
        receipt = finish_result(store, catalog, code, sign=signer.sign, **options)
    return ResultOutcome(receipt, signer.subject, signer.warnings)


def import_result(
    store: Store,
    catalog: Catalog,
    code: str,
    path: Path,
    component: str,
    secret: Secret | None = None,
    context: SigningContext | None = None,
) -> ResultOutcome:
    """An agency-issued PDF as the result: kept as it is when already signed; otherwise signed
    by the clerk when signing is set up (see station/workflow/result_import.py)."""
    context = context or signing_context(store, code.strip())
    signed = path.is_file() and has_signature(path.read_bytes())
    if signed or not context.setup.configured:
        return ResultOutcome(import_result_pdf(store, catalog, code, path, component))
    with open_signer(context.setup, secret() if secret else "", context.clerk_name) as signer:
        receipt = import_result_pdf(store, catalog, code, path, component, signer.sign)
    return ResultOutcome(receipt, signer.subject, signer.warnings)


def awaiting_results(store: Store, catalog: Catalog) -> list[AwaitingResult]:
    return results_awaiting(store, catalog)
