"""The supervisor's hub login for the "all stations" view: the hub shows a station's own
credentials only that station's figures, so the province's figures need a person's account."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from sync.transport import PersonLogin


class HubLoginDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hubLogin")
        self.setWindowTitle(self.tr("Province hub login"))
        self.username = QLineEdit()
        self.username.setObjectName("hubUsername")
        self.password = QLineEdit()
        self.password.setObjectName("hubPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Your supervisor account on the province hub")))
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(buttons)
        self.username.setFocus()

    def login(self) -> PersonLogin | None:
        name = self.username.text().strip()
        if not name or not self.password.text():
            return None
        return PersonLogin(name, self.password.text())
