"""Signing in the finish step: the PIN (or PKCS#12 password) dialog, asked once per shift and
held in memory only, and the worker-side finish that signs every file with it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from station.accounts import Accounts
from station.catalog import Catalog
from station.pades.keys import check_certificate, open_session
from station.store import Store
from station.workflow import FinishReceipt
from station.workflow.signing import PKCS12, FileSigner, SigningSetup, load_setup
from ui.upload.queue import QueuedUpload, finish_and_queue


@dataclass(frozen=True)
class SigningContext:
    """What the finish step needs to know before it asks anything: read on the store's thread."""

    setup: SigningSetup
    clerk_name: str


def signing_context(store: Store, code: str) -> SigningContext:
    clerk = store.dossier(code).clerk_id
    with Accounts.open(store.layout.database) as accounts:
        return SigningContext(load_setup(store), accounts.display_name(clerk))


def finish_signed(
    store: Store,
    catalog: Catalog,
    code: str,
    wake: Callable[[], None],
    context: SigningContext,
    secret: str | None,
    **options: Any,
) -> tuple[FinishReceipt, QueuedUpload, str | None]:
    """Finish (and queue) the dossier, every file signed when signing is set up; the last
    item is the signer's name (None: not signed). Runs off the GUI thread: a token's login
    and each signature take a moment."""
    if not context.setup.configured:
        return (*finish_and_queue(store, catalog, code, wake, **options), None)
    setup = context.setup
    with open_session(setup.key(secret or "")) as session:
        check_certificate(session, context.clerk_name, datetime.now(UTC))
        signer = FileSigner.for_setup(session, setup)
        done = finish_and_queue(store, catalog, code, wake, sign=signer, **options)
        return (*done, session.subject_name())


def is_signing_error(error: BaseException) -> bool:
    """A refusal of the key itself (wrong PIN, token removed...): the held PIN is forgotten."""
    code = getattr(error, "code", None)
    return str(getattr(code, "value", "")).startswith("sign")


class PinDialog(QDialog):
    """Asks the token's PIN or the certificate file's password; the text is never shown."""

    def __init__(self, setup: SigningSetup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinDialog")
        self.setWindowTitle(self.tr("Digital signature"))
        if setup.method == PKCS12:
            where = self.tr("Certificate file: %1").replace("%1", setup.pkcs12_path)
            ask = self.tr("Password of the certificate file")
        else:
            where = self.tr("Token: %1").replace("%1", setup.token_label)
            ask = self.tr("PIN of the token")
        intro = QLabel(
            self.tr("Every file of this dossier will be signed with your digital signature.")
            + "\n"
            + where
            + "\n"
            + self.tr("It is asked once per shift and kept in memory only.")
        )
        intro.setWordWrap(True)
        self.secret = QLineEdit()
        self.secret.setObjectName("pinEdit")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(ask)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign and finish"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.secret)
        layout.addWidget(self.buttons)
        self.resize(420, 180)

    def text(self) -> str:
        return self.secret.text()
