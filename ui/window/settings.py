"""Opening the settings dialog and applying what the clerk chose. The station's identity and its
sign-in mode are written only when a supervisor is signed in or unlocked them with their
password (app/people.py `may_change_station`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.people import SignInMode, may_change_station, set_sign_in_mode, sign_in_mode
from station.accounts import Account, log_in_supervisor
from station.ocr.switch import profiles_not_read, set_profiles_not_read
from station.store import Store
from ui.settings.dialog import SettingsChoice, SettingsDialog
from ui.settings.values import configured_home, save_configured_home
from ui.supervisor.login import LoginDialog
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
        account: Callable[[], Account | None] = lambda: None,
    ) -> None:
        """`account`: who is signed in at the window now."""
        super().__init__(window)
        self.window = window
        self.services = services
        self._profile_chosen = profile_chosen
        self._applied = applied
        self._message = message
        self._account = account
        self.dialog: SettingsDialog | None = None
        self.login: LoginDialog | None = None  # a supervisor unlocking the station's fields

    def open(self) -> None:
        """The sign-in mode, the profiles not read and whether the one signed in may change the
        station are the store's: read off the GUI thread, then the dialog."""
        s = self.services
        s.tasks.db(_stored_choices, s.store, self._account()).success(self._show).run()

    def _show(self, stored: tuple[SignInMode, frozenset[str], bool]) -> None:
        s = self.services
        mode, not_read, may_change = stored
        self.dialog = SettingsDialog(s.settings.value, s.home, self.window,
                                     mode is SignInMode.PICK, not_read,
                                     station_locked=not may_change)  # fmt: skip
        self.dialog.accepted.connect(lambda: self.apply(self.dialog.choice()))
        self.dialog.unlock_wanted.connect(self._ask_supervisor)
        self.dialog.open()

    def _ask_supervisor(self) -> None:
        if self.dialog is None:
            return
        purpose = self.tr("Only a supervisor changes the station's identity and how clerks sign "
                          "in. Log in with a supervisor account.")  # fmt: skip
        refused = self.tr("This is a clerk account: only a supervisor account can change the "
                          "station's identity or how clerks sign in.")  # fmt: skip
        self.login = LoginDialog(self.dialog, purpose, refused)
        self.login.setObjectName("settingsSupervisorLogin")
        self.login.submitted.connect(self._check_supervisor)
        self.login.reset()
        self.login.open()

    def _check_supervisor(self, user: str, password: str) -> None:
        s = self.services
        task = s.tasks.db(log_in_supervisor, s.store.database, user, password)
        task.success(self._supervisor_unlocked).failure(self._supervisor_refused).run()

    def _supervisor_refused(self, error: BaseException) -> None:
        if self.login is not None:
            self.login.refuse(error)

    def _supervisor_unlocked(self, _account: Account) -> None:
        if self.login is None or not self.login.isVisible():  # cancelled meanwhile
            return
        self.login.accept()
        if self.dialog is not None:
            self.dialog.unlock_station()

    def apply(self, choice: SettingsChoice) -> None:
        s = self.services
        before = s.settings.value
        s.settings.update(
            profile=choice.profile,
            language=choice.language,
            blank_backs_kept=choice.blank_backs_kept,
        )
        if choice.station_unlocked:
            s.settings.update(
                station_name=choice.station_name,
                agency_code=choice.agency_code,
                station_level=choice.level,
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


def _stored_choices(
    store: Store, account: Account | None
) -> tuple[SignInMode, frozenset[str], bool]:
    return sign_in_mode(store), profiles_not_read(store), may_change_station(store, account)
