"""Finishing a dossier: build its PDFs, sign them (when signing is set up), publish them and
queue the dossier for upload. The one finish flow, used by `sohoa dossier finish` and the GUI.

Signing's PIN or password is asked only when signing is set up, through `secret`; the frontend
asks the clerk (a hidden prompt, a dialog) or passes the one held for this shift.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.prerender import RenderCache, dossier_page_ids
from app.receipt_details import ReceiptDetails, receipt_details
from station.accounts import Accounts
from station.catalog import Catalog
from station.model import DossierState
from station.pades.keys import check_certificate, open_session
from station.pipeline.profile import DEFAULT_PROFILE
from station.store import Store
from station.workflow import FinishReceipt, finish_dossier
from station.workflow.checks import (
    is_undecided,
    missing_components,
    pages_by_component,
    procedure_of,
    undecided_in,
)
from station.workflow.finish import page_job
from station.workflow.signing import FileSigner, SigningSetup, load_setup
from sync.enqueue import enqueue_dossier
from sync.jobs import JobKind
from sync.settings import load_settings

log = logging.getLogger(__name__)

Secret = Callable[[], str]  # asks for the PIN or password when it is needed


@dataclass(frozen=True)
class QueuedUpload:
    files: int  # component files queued (the manifest that follows them is not counted)
    configured: bool
    error: BaseException | None = None  # the dossier is finished but could not be queued
    jobs: int = 0  # every job queued, the manifest included


@dataclass(frozen=True)
class SigningContext:
    """What finishing needs to know before it asks anything."""

    setup: SigningSetup
    clerk_name: str


@dataclass(frozen=True)
class FinishOutcome:
    receipt: FinishReceipt
    upload: QueuedUpload
    signer: str | None = None  # the certificate's subject; None: the files are not signed
    warnings: list[str] = field(default_factory=list)  # about the certificate
    details: ReceiptDetails | None = None  # cases, catalog version, what was missing, in words


def clerk_name(store: Store, clerk_id: str) -> str:
    return Accounts(store.database).display_name(clerk_id)


def signing_context(store: Store, code: str) -> SigningContext:
    return SigningContext(load_setup(store), clerk_name(store, store.dossier(code).clerk_id))


@dataclass(frozen=True)
class OpenSigner:
    sign: FileSigner
    subject: str
    warnings: list[str]


@contextmanager
def open_signer(setup: SigningSetup, secret: str, clerk: str) -> Iterator[OpenSigner]:
    """The key opened (a token's login takes a moment), its certificate checked against the
    clerk's name, and closed again afterwards."""
    with open_session(setup.key(secret)) as session:
        warnings = check_certificate(session, clerk, datetime.now(UTC))
        yield OpenSigner(FileSigner.for_setup(session, setup), session.subject_name(), warnings)


def queue_finished(
    store: Store, catalog: Catalog, code: str, wake: Callable[[], None] = lambda: None
) -> QueuedUpload:
    """Queued even without sync settings: the jobs wait and go out once sync is configured."""
    try:
        jobs = enqueue_dossier(store, catalog, code)
        configured = load_settings(store).configured
    except Exception as exc:  # the PDFs exist; the receipt says what went wrong
        log.warning("dossier %s finished but not queued for upload", code, exc_info=exc)
        return QueuedUpload(0, False, exc)
    wake()
    files = sum(1 for j in jobs if j.kind is JobKind.FILE)
    return QueuedUpload(files, configured, jobs=len(jobs))


def finish(
    store: Store,
    catalog: Catalog,
    code: str,
    secret: Secret | None = None,
    wake: Callable[[], None] = lambda: None,
    context: SigningContext | None = None,
    **options: Any,
) -> FinishOutcome:
    """Finish, sign, publish and queue. `options` go to station.workflow.finish_dossier
    (profile, override_reason, pdfa, workers, progress). Pages encoded in the background since
    they were analysed (app.prerender) are taken as they are. Without signing set up, `secret`
    is never asked."""
    context = context or signing_context(store, code)
    cache = RenderCache(store.layout.home)
    options.setdefault("rendered", cache)
    if not context.setup.configured:
        receipt = finish_dossier(store, catalog, code, **options)
        outcome = FinishOutcome(receipt, queue_finished(store, catalog, code, wake))
    else:
        secret_text = secret() if secret else ""
        with open_signer(context.setup, secret_text, context.clerk_name) as signer:
            receipt = finish_dossier(store, catalog, code, sign=signer.sign, **options)
        upload = queue_finished(store, catalog, receipt.dossier_code, wake)
        outcome = FinishOutcome(receipt, upload, signer.subject, signer.warnings)
    cache.drop(dossier_page_ids(store, receipt.dossier_code))  # the PDFs hold them now
    details = receipt_details(
        catalog, store.dossier(receipt.dossier_code), receipt.missing_required
    )
    return dataclasses.replace(outcome, details=details)


@dataclass(frozen=True)
class ComponentLine:
    code: str
    name: str
    pages: int


@dataclass(frozen=True)
class FinishSummary:
    """What Finish is about to do, for the clerk to confirm on one screen."""

    dossier_code: str
    procedure: str
    components: list[ComponentLine]  # those with pages, in the procedure's order
    missing: list[str]  # unmet requirements: "TP1", "TP2|TP3"
    untagged: int  # pages without a component: Finish would refuse them
    pages: int
    ready: int  # pages already encoded in the background
    undecided: list[str] = field(default_factory=list)  # case groups with no case chosen

    @property
    def needs_reason(self) -> bool:
        """Finish refuses it without a reason: papers missing or a case not chosen."""
        return bool(self.missing or self.undecided)


def finish_summary(
    store: Store, catalog: Catalog, code: str, profile: str = DEFAULT_PROFILE
) -> FinishSummary:
    dossier = store.dossier(code)
    procedure = procedure_of(catalog, dossier)
    pages = store.pages(code)
    cache = RenderCache(store.layout.home)
    ready = sum(1 for p in pages if dossier.state is DossierState.OPEN
                and cache.has(page_job(store, p, profile)))  # fmt: skip
    lines = [
        ComponentLine(component.code, component.name, len(found))
        for component, found in pages_by_component(procedure, pages)
    ]
    unmet = missing_components(procedure, pages, dossier.cases)
    return FinishSummary(
        code,
        f"{procedure.code} · {procedure.name}",
        lines,
        [label for label in unmet if not is_undecided(label)],
        sum(1 for p in pages if p.component_code is None),
        len(pages),
        ready,
        undecided_in(unmet),
    )


def is_signing_error(error: BaseException) -> bool:
    """A refusal of the key itself (wrong PIN, token removed…): a held PIN is to be forgotten."""
    code = getattr(error, "code", None)
    return str(getattr(code, "value", "")).startswith("sign")
