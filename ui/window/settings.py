"""Opening the settings dialog and applying what the clerk chose."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.people import SignInMode, set_sign_in_mode, sign_in_mode
from station.ocr.switch import profiles_not_read, set_profiles_not_read
from station.store import Store
from ui.settings.dialog import SettingsChoice, SettingsDialog
from ui.settings.values import configured_home, save_configured_home
from ui.window.services import Services


class SettingsFlow(QObject):
    """`profile_chosen` shows the chosen profile on the scan screen; `applied` (the window
    title, say) runs after every save; `message` goes to the status bar."""

    def __init__(
        self,
        window: QWidget,
        services: Services,
        profile_chosen: Callable[[str], object],
        applied: Callable[[], object],
        message: Callable[[str], object],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self._profile_chosen = profile_chosen
        self._applied = applied
        self._message = message
        self.dialog: SettingsDialog | None = None

    def open(self) -> None:
        """The sign-in mode and the profiles not read are the store's: read off the GUI thread,
        then the dialog."""
        self.services.tasks.db(_stored_choices, self.services.store).success(self._show).run()

    def _show(self, stored: tuple[SignInMode, frozenset[str]]) -> None:
        s = self.services
        mode, not_read = stored
        self.dialog = SettingsDialog(s.settings.value, s.home, self.window,
                                     mode is SignInMode.PICK, not_read)  # fmt: skip
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
            blank_backs_kept=choice.blank_backs_kept,
        )
        mode = SignInMode.PICK if choice.pick_names else SignInMode.PASSWORD
        s.tasks.db(set_sign_in_mode, s.store, mode).run()
        s.tasks.db(set_profiles_not_read, s.store, choice.not_read).run()
        self._profile_chosen(choice.profile)
        restart = choice.language != before.language
        known = configured_home(s.user_config) or s.home
        if choice.data_directory != known:
            s.tasks.db(save_configured_home, s.user_config, choice.data_directory).run()
            restart = True
        self._applied()
        if restart:
            self._message(
                self.tr("Saved. The new language or data directory applies at the next start.")
            )
        else:
            self._message(self.tr("Settings saved."))


def _stored_choices(store: Store) -> tuple[SignInMode, frozenset[str]]:
    return sign_in_mode(store), profiles_not_read(store)
