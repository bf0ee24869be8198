"""The first-run dialog: the station's name, its unit (from the catalog of units, or a code
typed in), its level and, while the station has no account, the first person's account.
The controller writes it all in one go off the GUI thread; a refusal comes back here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.people import NewAccount
from app.units import Unit
from station.accounts import MIN_PASSWORD_LENGTH, AccountError, AccountProblem
from station.model import AdminLevel
from station.store.identity import StationIdentity
from ui.scan.controls import select_data
from ui.text import describe_error


class FirstRunDialog(QDialog):
    submitted = Signal(object, object)  # StationIdentity, NewAccount | None
    units_file_chosen = Signal(object)  # Path: the province's list, to take as this station's

    def __init__(
        self,
        identity: StationIdentity,
        units: list[Unit],
        ask_account: bool,
        examples: bool = False,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("Set up this station"))
        self.units = units
        intro = QLabel(
            self.tr(
                "Before the first dossier: name this station and choose its unit. "
                "The PDFs, the upload manifests and the figures carry them."
            )
        )
        intro.setWordWrap(True)
        heading = QLabel(self.tr("Set up this station"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        self.station_name = QLineEdit("" if identity.updated_at is None else identity.name)
        self.station_name.setObjectName("firstRunName")
        self.station_name.setPlaceholderText(self.tr("e.g. Bộ phận một cửa xã Tân Phú"))
        self.unit = QComboBox()
        self.unit.setObjectName("firstRunUnit")
        self.unit.setEditable(True)  # a unit the list does not have yet: type its code
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for unit in units:
            self.unit.addItem(f"{unit.code} — {unit.name}", unit.code)
        self.unit.setCurrentIndex(-1)
        self.unit.setEditText(identity.agency_code)
        self.unit.lineEdit().setPlaceholderText(self.tr("Agency code, e.g. 000.00.14.H05"))
        self.unit.currentIndexChanged.connect(self._unit_chosen)
        self.dialog: QFileDialog | None = None
        self.load_units = QPushButton(self.tr("&Load the province's unit list…"))
        self.load_units.setObjectName("firstRunLoadUnits")
        self.load_units.clicked.connect(self._choose_units_file)
        self.examples_note = QLabel(
            self.tr(
                "⚠ Only example units are loaded. Type your unit's agency code as the "
                "province gave it, or load the province's list."
            )
        )
        self.examples_note.setObjectName("firstRunExamplesNote")
        self.examples_note.setWordWrap(True)
        self.examples_note.setStyleSheet("color: #8a5a00")
        self.examples_note.setVisible(examples)
        self.level = QComboBox()
        self.level.setObjectName("firstRunLevel")
        self.level.addItem(self.tr("Commune"), AdminLevel.COMMUNE.value)
        self.level.addItem(self.tr("Province"), AdminLevel.PROVINCE.value)
        select_data(self.level, identity.level.value)
        form = QFormLayout()
        form.addRow(self.tr("Station name"), self.station_name)
        form.addRow(self.tr("Unit (agency code)"), self.unit)
        form.addRow(self.examples_note)
        units_row = QHBoxLayout()
        units_row.addStretch(1)
        units_row.addWidget(self.load_units)
        form.addRow("", units_row)
        form.addRow(self.tr("Level"), self.level)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        self.account_box: QGroupBox | None = None
        if ask_account:
            layout.addWidget(self._account_box())
        self.problem = QLabel()
        self.problem.setObjectName("firstRunProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Save and start"))
        self.buttons.accepted.connect(self._submit)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def _account_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("First account (supervisor; add the clerks later)"))
        self.user = QLineEdit()
        self.user.setObjectName("firstRunUser")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("firstRunFullName")
        self.password = QLineEdit()
        self.password.setObjectName("firstRunPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("firstRunRepeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(box)
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Full name"), self.full_name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.repeat)
        self.account_box = box
        return box

    def reject(self) -> None:
        """Nothing works before the station has an identity: Esc does not skip this."""

    def _choose_units_file(self) -> None:
        self.dialog = QFileDialog(self, self.tr("The province's unit list"))
        self.dialog.setObjectName("unitsFileDialog")
        self.dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        self.dialog.setNameFilter(self.tr("Unit lists (*.json)"))
        self.dialog.fileSelected.connect(lambda name: self.units_file_chosen.emit(Path(name)))
        self.dialog.open()

    def show_units(self, units: list[Unit]) -> None:
        """The province's list, loaded: offered instead of the examples."""
        typed = self.unit.currentText()
        self.units = units
        self.unit.blockSignals(True)
        self.unit.clear()
        for unit in units:
            self.unit.addItem(f"{unit.code} — {unit.name}", unit.code)
        self.unit.setCurrentIndex(-1)
        self.unit.setEditText(typed)
        self.unit.blockSignals(False)
        self.examples_note.hide()
        self.problem.hide()
        self.unit.setFocus()

    def _unit_chosen(self, index: int) -> None:
        if 0 <= index < len(self.units):
            select_data(self.level, self.units[index].level.value)

    def agency_code(self) -> str:
        index = self.unit.currentIndex()
        typed = self.unit.currentText().strip()
        if 0 <= index < len(self.units) and typed == self.unit.itemText(index):
            return self.units[index].code
        return typed.split(" ")[0] if typed else ""

    def identity(self) -> StationIdentity:
        level = AdminLevel(self.level.currentData())
        return StationIdentity(self.station_name.text(), self.agency_code(), level)

    def account(self) -> NewAccount | None:
        if self.account_box is None:
            return None
        return NewAccount(self.user.text().strip(), self.full_name.text(), self.password.text())

    def _submit(self) -> None:
        account = self.account()
        if account is not None and account.password != self.repeat.text():
            self.refuse(self.tr("The two passwords differ."))
            self.repeat.clear()
            self.repeat.setFocus()
            return
        self.ok.setEnabled(False)
        self.problem.hide()
        self.submitted.emit(self.identity(), account)

    def refuse(self, error: BaseException | str) -> None:
        self.ok.setEnabled(True)
        self.problem.setText(error if isinstance(error, str) else self._refusal(error))
        self.problem.show()

    def _refusal(self, error: BaseException) -> str:
        if not isinstance(error, AccountError):
            return describe_error(error)
        if error.code is AccountProblem.INVALID_USER_NAME:
            return self.tr("A user name has 1 to 64 letters, digits or . _ @ - (no spaces).")
        if error.code is AccountProblem.EMPTY_FULL_NAME:
            return self.tr("Write the person's full name.")
        if error.code is AccountProblem.PASSWORD_TOO_SHORT:
            return self.tr("The password needs at least %1 characters.").replace(
                "%1", str(MIN_PASSWORD_LENGTH)
            )
        return describe_error(error)

    def done_ok(self) -> None:
        super().accept()
