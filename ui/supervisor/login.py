"""The supervisor's login: user name and password, checked off the GUI thread by the flow.

Refusals say what to do next, without telling a stranger whether a user name exists.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from station.accounts import AccountError, AccountProblem
from ui.text import describe_error


class LoginDialog(QDialog):
    submitted = Signal(str, str)  # user, password

    def __init__(
        self, parent=None, purpose: str | None = None, clerk_refused: str | None = None
    ) -> None:
        """`purpose`: what the login is for, shown above the fields, and `clerk_refused`: what
        a clerk's account is told (the supervisor screen's by default)."""
        super().__init__(parent)
        self._clerk_refused = clerk_refused
        self.setObjectName("supervisorLogin")
        self.setWindowTitle(self.tr("Supervisor login"))
        self.user = QLineEdit()
        self.user.setObjectName("loginUser")
        self.password = QLineEdit()
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b02a37;")
        self.message.hide()
        note = QLabel(purpose or self.tr("The supervisor screen shows every clerk's figures. "
                                         "Log in with a supervisor account."))  # fmt: skip
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(440, 220)

    def reset(self) -> None:
        """Ready for the next login: the password and any refusal are gone."""
        self.password.clear()
        self.message.hide()
        self.set_busy(False)
        (self.password if self.user.text() else self.user).setFocus()

    def _submit(self) -> None:
        user = self.user.text().strip()
        if not user:
            self.user.setFocus()
            return
        self.set_busy(True)
        self.message.hide()
        self.submitted.emit(user, self.password.text())

    def set_busy(self, busy: bool) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)

    def refuse(self, error: BaseException) -> None:
        self.set_busy(False)
        self.password.clear()
        self.password.setFocus()
        self.message.setText(self.refusal_text(error))
        self.message.show()

    def refusal_text(self, error: BaseException) -> str:
        if not isinstance(error, AccountError):
            return describe_error(error)
        code = error.code
        if code in (AccountProblem.WRONG_PASSWORD, AccountProblem.UNKNOWN_ACCOUNT):
            return self.tr("Wrong user name or password.")
        if code is AccountProblem.ACCOUNT_DISABLED:
            return self.tr("This account is disabled. Ask the station's administrator.")
        if code is AccountProblem.ROLE_REFUSED:
            if self._clerk_refused:
                return self._clerk_refused
            return self.tr("This is a clerk account: only a supervisor account can open the "
                           "supervisor screen.")  # fmt: skip
        if code is AccountProblem.NO_SUPERVISOR:
            return self.tr("This station has no supervisor account yet. Create one with: "
                           "sohoa accounts add USER --name \"FULL NAME\" "
                           "--role supervisor")  # fmt: skip
        return self.tr("Login refused (%1).").replace("%1", code.value)
