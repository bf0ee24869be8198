"""Opening the settings dialog and applying what the clerk chose."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ui.scan.controls import select_data
from ui.settings.dialog import SettingsChoice, SettingsDialog
from ui.settings.values import configured_home, save_configured_home
from ui.window.services import Services

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow


class SettingsFlow(QObject):
    def __init__(self, window: MainWindow, services: Services) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.dialog: SettingsDialog | None = None

    def open(self) -> None:
        s = self.services
        self.dialog = SettingsDialog(s.settings.value, s.home, self.window)
        self.dialog.accepted.connect(lambda: self.apply(self.dialog.choice()))
        self.dialog.open()

    def apply(self, choice: SettingsChoice) -> None:
        s = self.services
        before = s.settings.value
        s.settings.update(
            station_name=choice.station_name,
            agency_code=choice.agency_code,
            station_level=choice.level,
            profile=choice.profile,
            language=choice.language,
        )
        select_data(self.window.scan_controls.profile, choice.profile)
        restart = choice.language != before.language
        known = configured_home(s.user_config) or s.home
        if choice.data_directory != known:
            s.tasks.db(save_configured_home, s.user_config, choice.data_directory).run()
            restart = True
        self.window.update_title()
        if restart:
            self.window.status.show_message(
                self.tr("Saved. The new language or data directory applies at the next start.")
            )
        else:
            self.window.status.show_message(self.tr("Settings saved."))
