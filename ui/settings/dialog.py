"""Settings: station name and agency code, data directory, default profile, language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
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

from station.pipeline.profile import PROFILES
from ui.scan.controls import select_data
from ui.settings.values import StationSettings


@dataclass(frozen=True)
class SettingsChoice:
    station_name: str
    agency_code: str
    data_directory: Path
    profile: str
    language: str


class SettingsDialog(QDialog):
    def __init__(self, settings: StationSettings, home: Path, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.station_name = QLineEdit(settings.station_name)
        self.agency_code = QLineEdit(settings.agency_code)
        self.agency_code.setPlaceholderText(self.tr("e.g. 000.00.15.H29"))
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
        form.addRow(self.tr("Data directory"), directory)
        form.addRow(self.tr("Default profile"), self.profile)
        form.addRow(self.tr("Language"), self.language)
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
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(520, 260)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Data directory"),
                                                  self.data_directory.text())  # fmt: skip
        if chosen:
            self.data_directory.setText(chosen)

    def choice(self) -> SettingsChoice:
        return SettingsChoice(
            station_name=" ".join(self.station_name.text().split()),
            agency_code=self.agency_code.text().strip(),
            data_directory=Path(self.data_directory.text().strip()).expanduser(),
            profile=self.profile.currentData(),
            language=self.language.currentData(),
        )
