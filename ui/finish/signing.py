"""Signing at Finish and on the result screen: the PIN (or PKCS#12 password) dialog, asked once
per shift and held in memory only; app.finishing and app.results sign every file with it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from station.workflow.signing import PKCS12, PinCache, SigningSetup


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


def ask_secret(
    pins: PinCache,
    setup: SigningSetup,
    parent: QWidget,
    then: Callable[[str], None],
    cancelled: Callable[[], None] = lambda: None,
) -> PinDialog | None:
    """`then` with the shift's PIN or password: "" when signing is not set up, the one held, or
    the one typed into the dialog returned (held from then on, until the key refuses it), or
    `cancelled`. The dialog does not block, so the keys reach it as from a clerk."""
    if not setup.configured:
        then("")
        return None
    held = pins.get()
    if held is not None:
        then(held)
        return None
    dialog = PinDialog(setup, parent)

    def typed() -> None:
        pins.put(dialog.text())
        then(dialog.text())

    dialog.accepted.connect(typed)
    dialog.rejected.connect(cancelled)
    dialog.open()
    return dialog
