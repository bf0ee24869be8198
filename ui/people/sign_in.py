"""Signing in at the counter: a user name and password, or (where the station is set so) the
clerk's own name picked from the list; a supervisor is never on that list and gives their
password below it. The same dialog unlocks a locked window; it cannot be dismissed, since
behind it the window hides the citizens' data."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from app.people import SignInMode
from station.accounts import Account, AccountError, AccountProblem
from ui.text import describe_error


class SignInDialog(QDialog):
    password_given = Signal(str, str)  # user, password
    picked = Signal(str)  # user

    def __init__(self, mode: SignInMode, accounts: list[Account], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in"))
        self.mode = mode
        self.note = QLabel()
        self.note.setObjectName("signInNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        self.user = QLineEdit()
        self.user.setObjectName("signInUser")
        self.password = QLineEdit()
        self.password.setObjectName("signInPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.people = QListWidget()
        self.people.setObjectName("signInPeople")
        for account in accounts:
            item = QListWidgetItem(f"{account.full_name} ({account.user})")
            item.setData(Qt.ItemDataRole.UserRole, account.user)
            self.people.addItem(item)
        if mode is SignInMode.PICK:
            layout.addWidget(self.people)
            self.people.itemActivated.connect(lambda _item: self._pick())
            supervisors = QLabel(self.tr("Supervisors sign in with their password:"))
            supervisors.setWordWrap(True)
            layout.addWidget(supervisors)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b02a37;")
        self.message.hide()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self._submit)
        layout.addWidget(self.buttons)
        self.resize(420, 360 if mode is SignInMode.PICK else 200)

    def ask(self, locked_by: str | None) -> None:
        """Ready for the next person; `locked_by`: the name of who locked the window."""
        if locked_by:
            text = self.tr("The window is locked (%1). Sign in to go on.").replace("%1", locked_by)
        else:
            text = self.tr("Sign in to work at this station.")
        self.note.setText(text)
        self.password.clear()
        self.message.hide()
        self.ok.setEnabled(True)
        if self.mode is SignInMode.PICK:
            self.people.setCurrentRow(0)
            self.people.setFocus()
        else:
            (self.password if self.user.text() else self.user).setFocus()

    def reject(self) -> None:
        """Esc does not uncover the window."""

    def _submit(self) -> None:
        """A user name typed signs in with the password; else (picking) the name chosen."""
        if self.mode is SignInMode.PICK and not self.user.text().strip():
            self._pick()
            return
        user = self.user.text().strip()
        if not user:
            self.user.setFocus()
            return
        self.ok.setEnabled(False)
        self.message.hide()
        self.password_given.emit(user, self.password.text())

    def _pick(self) -> None:
        item = self.people.currentItem()
        if item is None:
            return
        self.ok.setEnabled(False)
        self.picked.emit(item.data(Qt.ItemDataRole.UserRole))

    def refuse(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.message.setText(self._refusal(error))
        self.message.show()

    def _refusal(self, error: BaseException) -> str:
        if not isinstance(error, AccountError):
            return describe_error(error)
        if error.code in (AccountProblem.WRONG_PASSWORD, AccountProblem.UNKNOWN_ACCOUNT):
            return self.tr("Wrong user name or password.")
        if error.code is AccountProblem.ACCOUNT_DISABLED:
            return self.tr("This account is disabled. Ask the station's administrator.")
        return self.tr("Sign-in refused (%1).").replace("%1", error.code.value)

    def done_ok(self) -> None:
        super().accept()
