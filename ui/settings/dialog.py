"""Settings: the station's identity (name, agency code, level), data directory, default profile,
language. The identity is checked before the dialog closes. The identity and the sign-in mode
are a supervisor's to change: for anyone else they stay locked until a supervisor's password
unlocks them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station.errors import ErrorCode, StationError
from station.model import AdminLevel
from station.ocr.switch import profile_reads
from station.pipeline.profile import PROFILES
from station.store.identity import StationIdentity
from ui.scan.controls import select_data
from ui.settings.values import StationSettings
from ui.text import describe_error


@dataclass(frozen=True)
class SettingsChoice:
    station_name: str
    agency_code: str
    level: str
    data_directory: Path
    profile: str
    language: str
    blank_backs_kept: str = ""  # the profiles whose duplex scans keep blank backs
    pick_names: bool = False  # clerks sign in by picking their name (no password)
    not_read: frozenset[str] = frozenset()  # the profiles whose pages are not read (no OCR)
    station_unlocked: bool = True  # the identity and the sign-in mode may be written


class SettingsDialog(QDialog):
    unlock_wanted = Signal()  # a supervisor's password is to unlock the station's fields

    def __init__(
        self,
        settings: StationSettings,
        home: Path,
        parent=None,
        pick_names: bool = False,
        not_read: frozenset[str] = frozenset(),
        station_locked: bool = False,
    ) -> None:
        """`pick_names` and `not_read` are the store's (read off the GUI thread);
        `station_locked`: whoever is signed in is not a supervisor."""
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.station_name = QLineEdit(settings.station_name)
        self.agency_code = QLineEdit(settings.agency_code)
        self.agency_code.setPlaceholderText(self.tr("e.g. 000.00.15.H29"))
        self.level = QComboBox()
        self.level.addItem(self.tr("Commune"), AdminLevel.COMMUNE.value)
        self.level.addItem(self.tr("Province"), AdminLevel.PROVINCE.value)
        select_data(self.level, settings.station_level)
        self.problem = QLabel()
        self.problem.setObjectName("identityProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.hide()
        self.data_directory = QLineEdit(str(home))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        directory = QWidget()
        row = QHBoxLayout(directory)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.data_directory)
        row.addWidget(browse)
        self.profile = QComboBox()
        for name in PROFILES:
            self.profile.addItem(name, name)
        select_data(self.profile, settings.profile)
        self.language = QComboBox()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        select_data(self.language, settings.language)
        form = QFormLayout()
        form.addRow(self.tr("Station name"), self.station_name)
        form.addRow(self.tr("Agency code"), self.agency_code)
        form.addRow(self.tr("Level"), self.level)
        form.addRow(self.tr("Data directory"), directory)
        form.addRow(self.tr("Default profile"), self.profile)
        form.addRow(
            self.tr("Skip blank back sides\nof duplex scans with"), self._blank_backs(settings)
        )
        form.addRow(self.tr("Text recognition (OCR)"), self._reading(not_read))
        form.addRow(self.tr("Language"), self.language)
        self.pick_names = QCheckBox(self.tr("Clerks sign in by picking their name (no password)"))
        self.pick_names.setObjectName("pickNames")
        self.pick_names.setChecked(pick_names)
        form.addRow("", self.pick_names)
        self.unlock = QPushButton(self.tr("Unlock with a supervisor's password…"))
        self.unlock.setObjectName("unlockStation")
        self.unlock.setToolTip(
            self.tr(
                "Only a supervisor changes the station's name, agency code, level and how "
                "clerks sign in."
            )  # fmt: skip
        )
        self.unlock.clicked.connect(self.unlock_wanted.emit)
        form.addRow("", self.unlock)
        self._station_fields = (self.station_name, self.agency_code, self.level, self.pick_names)
        self._set_station_locked(station_locked)
        note = QLabel(self.tr("A new data directory or language takes effect at the next start."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(520, 300)

    def _set_station_locked(self, locked: bool) -> None:
        self.station_locked = locked
        for field in self._station_fields:
            field.setEnabled(not locked)
        self.unlock.setVisible(locked)

    def unlock_station(self) -> None:
        """A supervisor gave their password: the identity and the sign-in mode may change."""
        self._set_station_locked(False)
        self.station_name.setFocus()

    def accept(self) -> None:
        """Closes only with an identity the store will take (checking it does no I/O)."""
        try:
            self._identity()
        except StationError as error:
            self.problem.setText(describe_error(error))
            self.problem.show()
            named = error.code is ErrorCode.STATION_NAME_EMPTY
            (self.station_name if named else self.agency_code).setFocus()
            return
        self.problem.hide()
        super().accept()

    def _identity(self) -> StationIdentity:
        level = AdminLevel(self.level.currentData())
        return StationIdentity(self.station_name.text(), self.agency_code.text(), level).checked()

    def _blank_backs(self, settings: StationSettings) -> QWidget:
        """One box per profile: a scan with a ticked profile hides the backs found blank."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.skip_blank_backs: dict[str, QCheckBox] = {}
        for name in PROFILES:
            box = QCheckBox(name)
            box.setObjectName(f"skipBlankBacks-{name}")
            box.setChecked(settings.skips_blank_backs(name))
            box.setEnabled(PROFILES[name].detect_blank)  # a profile that never looks for blanks
            layout.addWidget(box)
            self.skip_blank_backs[name] = box
        layout.addStretch(1)
        return row

    def _reading(self, not_read: frozenset[str]) -> QWidget:
        """One box per profile: a ticked profile's pages are read, for the component suggestions
        and the PDFs' text layer; unticked, none is read and nothing waits for it at Finish."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.reads_text: dict[str, QCheckBox] = {}
        for name in PROFILES:
            box = QCheckBox(name)
            box.setObjectName(f"readsText-{name}")
            box.setToolTip(self.tr("Read the pages: component suggestions and searchable PDFs"))
            box.setChecked(profile_reads(name, not_read))
            box.setEnabled(PROFILES[name].ocr)  # a profile that never reads
            layout.addWidget(box)
            self.reads_text[name] = box
        layout.addStretch(1)
        return row

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Data directory"),
                                                  self.data_directory.text())  # fmt: skip
        if chosen:
            self.data_directory.setText(chosen)

    def choice(self) -> SettingsChoice:
        identity = self._identity()
        return SettingsChoice(
            station_name=identity.name,
            agency_code=identity.agency_code,
            level=identity.level.value,
            data_directory=Path(self.data_directory.text().strip()).expanduser(),
            profile=self.profile.currentData(),
            language=self.language.currentData(),
            blank_backs_kept=",".join(
                name for name, box in self.skip_blank_backs.items() if not box.isChecked()
            ),
            pick_names=self.pick_names.isChecked(),
            station_unlocked=not self.station_locked,
            not_read=frozenset(
                name
                for name, box in self.reads_text.items()
                if box.isEnabled() and not box.isChecked()
            ),
        )
