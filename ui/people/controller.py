"""Who is at the counter: the first-run setup, signing in, locking (Ctrl+L) and logging out.
Until someone signs in, and while the window is locked, a sheet covers the window; the store
session carries the clerk signed in, so what they scan, open and finish is theirs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow

from app.people import (
    NewAccount,
    StationState,
    pickable_accounts,
    set_up_station,
    sign_in,
    sign_in_picked,
    sign_out,
    station_state,
)
from app.units import Unit, has_province_units, import_units, load_units
from station.accounts import Account
from station.store.identity import StationIdentity
from ui.people.first_run import FirstRunDialog
from ui.people.lock import LockSheet
from ui.people.sign_in import SignInDialog
from ui.settings.identity import with_identity
from ui.settings.values import IDENTITY_FIELDS
from ui.window.services import Services

translate = QCoreApplication.translate


@dataclass(frozen=True)
class Setup:
    state: StationState
    units: list[Unit]
    accounts: list[Account]
    examples: bool  # the units are the bundled examples, not the province's list


def _read_setup(services: Services) -> Setup:
    store, home = services.store, services.home
    units, examples = load_units(home), not has_province_units(home)
    return Setup(station_state(store), units, pickable_accounts(store), examples)


class PeopleController(QObject):
    signed_in = Signal(object)  # Account
    signed_out = Signal()
    refused = Signal(str)  # why logging out is not possible now

    def __init__(
        self,
        window: QMainWindow,
        services: Services,
        busy: Callable[[], bool],
        park_dossier: Callable[[], None],
        hide_screens: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self._busy = busy
        self._park_dossier = park_dossier
        self._hide_screens = hide_screens
        self.account: Account | None = None
        self.sheet = LockSheet(window)
        self.first_run: FirstRunDialog | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self.clerk_label = QLabel()
        self.clerk_label.setObjectName("clerkLabel")
        window.statusBar().addPermanentWidget(self.clerk_label)
        self.lock_action = self._action(translate("People", "Lock screen"), "Ctrl+L", self.lock)
        self.log_out_action = self._action(
            translate("People", "Log out"), "Ctrl+Shift+L", self.log_out
        )

    def _action(self, text: str, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False: slot())
        self.window.addAction(action)
        return action

    def add_menu(self) -> None:
        """A menu of its own, before Help (the F1 list reads the menus)."""
        bar = self.window.menuBar()
        menu = bar.addMenu(translate("People", "&Clerk"))
        menu.addAction(self.lock_action)
        menu.addAction(self.log_out_action)
        found = bar.actions()
        if len(found) >= 2:
            bar.insertAction(found[-2], menu.menuAction())

    # starting --------------------------------------------------------------------------------
    def start(self) -> None:
        """At start: nobody is signed in yet; set the station up first if it never was."""
        self._cover(None)
        self.services.tasks.db(_read_setup, self.services).success(self._setup_read).run()

    def _setup_read(self, setup: Setup) -> None:
        if setup.state.needs_first_run:
            self._ask_first_run(setup)
        else:
            self._ask_sign_in(setup, None)

    def _ask_first_run(self, setup: Setup) -> None:
        state = setup.state
        self.first_run = FirstRunDialog(state.identity, setup.units, not state.has_accounts,
                                        setup.examples, self.window)  # fmt: skip
        self.first_run.submitted.connect(self._set_up)
        self.first_run.units_file_chosen.connect(self._import_units)
        self.first_run.open()

    def _import_units(self, source: Path) -> None:
        dialog = self.first_run
        if dialog is None:
            return
        task = self.services.tasks.db(import_units, self.services.home, source)
        task.success(dialog.show_units).failure(dialog.refuse).run()

    def _set_up(self, identity: StationIdentity, account: NewAccount | None) -> None:
        def write() -> tuple[StationIdentity, Account | None]:
            kept = set_up_station(self.services.store, identity, account)
            if account is None:
                return kept, None
            return kept, sign_in(self.services.store, account.user, account.password)

        task = self.services.tasks.db(write)
        task.success(self._station_set).failure(self._set_up_refused).run()

    def _set_up_refused(self, error: BaseException) -> None:
        if self.first_run is not None:
            self.first_run.refuse(error)

    def _station_set(self, result: tuple[StationIdentity, Account | None]) -> None:
        identity, account = result
        settings = self.services.settings
        chosen = with_identity(settings.value, identity)
        settings.update(**{name: getattr(chosen, name) for name in IDENTITY_FIELDS})
        if self.first_run is not None:
            self.first_run.done_ok()
        if account is not None:
            self._welcome(account)
        else:
            self.services.tasks.db(_read_setup, self.services).success(
                lambda setup: self._ask_sign_in(setup, None)
            ).run()

    # signing in ------------------------------------------------------------------------------
    def _ask_sign_in(self, setup: Setup, locked_by: str | None) -> None:
        dialog = SignInDialog(setup.state.mode, setup.accounts, self.window)
        dialog.password_given.connect(self._check_password)
        dialog.picked.connect(self._check_pick)
        if self.sign_in_dialog is not None:
            self.sign_in_dialog.deleteLater()
        self.sign_in_dialog = dialog
        dialog.open()
        dialog.ask(locked_by)

    def _check_password(self, user: str, password: str) -> None:
        task = self.services.tasks.db(sign_in, self.services.store, user, password)
        task.success(self._welcome).failure(self._refuse).run()

    def _check_pick(self, user: str) -> None:
        task = self.services.tasks.db(sign_in_picked, self.services.store, user)
        task.success(self._welcome).failure(self._refuse).run()

    def _refuse(self, error: BaseException) -> None:
        if self.sign_in_dialog is not None:
            self.sign_in_dialog.refuse(error)

    def _welcome(self, account: Account) -> None:
        if self.account is None or self.account.user != account.user:
            self.services.pins.forget()  # the PIN held was another clerk's, for their key
        self.account = account
        if self.sign_in_dialog is not None:
            self.sign_in_dialog.done_ok()
        self.sheet.hide()
        text = translate("People", "Clerk: %1").replace("%1", account.full_name)
        self.clerk_label.setText(text)
        self.lock_action.setEnabled(True)
        self.log_out_action.setEnabled(True)
        self.window.activateWindow()
        self.signed_in.emit(account)

    # leaving ---------------------------------------------------------------------------------
    def lock(self) -> None:
        """Ctrl+L: the window hides behind the sheet until someone signs in (a scan goes on)."""
        if self.account is None or self.sheet.isVisible():
            return
        self._cover(self.account.full_name)
        self.services.tasks.db(_read_setup, self.services).success(
            lambda setup: self._ask_sign_in(setup, self._locked_by())
        ).run()

    def _locked_by(self) -> str | None:
        return self.account.full_name if self.account is not None else None

    def log_out(self) -> None:
        """The dossier on screen is parked (it stays open), the clerk signed out."""
        if self.account is None:
            return
        if self._busy():
            self.refused.emit(translate("People", "Wait for the scan or the finish to end."))
            return
        self._park_dossier()
        sign_out(self.services.store)
        self.services.pins.forget()
        self.account = None
        self.clerk_label.clear()
        self.signed_out.emit()
        self.start()

    def _cover(self, locked_by: str | None) -> None:
        self._hide_screens()
        if locked_by:
            text = translate("People", "Locked by %1").replace("%1", locked_by)
        else:
            text = translate("People", "SoHoa Station — sign in")
        self.sheet.cover(text)
        self.lock_action.setEnabled(False)
        self.log_out_action.setEnabled(False)
