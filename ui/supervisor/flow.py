"""From the main window's menu to the supervisor screen: a login first (checked on the store's
thread, since scrypt takes a moment), then the screen with this station's figures. Closing the
screen logs out: opening it again asks again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.report_sources import LocalReportSource, hub_source_for
from station.accounts import Account, log_in_supervisor
from station.stats import zone
from sync.settings import SyncSettings, load_settings
from sync.worker_events import SyncEvent, WorkerEventKind
from ui.supervisor.controller import AskPath, SupervisorController
from ui.supervisor.login import LoginDialog
from ui.supervisor.window import SupervisorWindow
from ui.supervisor.wording import wording

if TYPE_CHECKING:
    from ui.window.services import Services


class SupervisorFlow(QObject):
    opened = Signal(object)  # the SupervisorController, once its screen shows

    def __init__(self, window: QWidget, services: Services, ask_path: AskPath | None = None):
        super().__init__(window)
        self.window = window
        self.services = services
        self.ask_path = ask_path
        self.login: LoginDialog | None = None
        self.screen: SupervisorWindow | None = None
        self.controller: SupervisorController | None = None
        services.events.sync_event.connect(self._sync_event)

    def open(self) -> None:
        if self.screen is not None:
            self.screen.raise_()
            self.screen.activateWindow()
            return
        if self.login is None:  # one dialog, kept: a check may still be running when it closes
            self.login = LoginDialog(self.window)
            self.login.submitted.connect(self._check)
        self.login.reset()
        self.login.open()

    def _check(self, user: str, password: str) -> None:
        database = self.services.store.layout.database
        (
            self.services.tasks.db(log_in_supervisor, database, user, password)
            .success(self._logged_in)
            .failure(self._refused)
            .run()
        )

    def _refused(self, error: BaseException) -> None:
        if self.login is not None:
            self.login.refuse(error)

    def _logged_in(self, account: Account) -> None:
        if self.login is not None:
            if not self.login.isVisible():  # cancelled while the password was being checked
                return
            self.login.accept()
            self.login.reset()
        self.show_screen(account)

    def show_screen(self, account: Account) -> SupervisorController:
        s = self.services
        words = wording()
        station_name = s.settings.value.station_name  # else the store's, read off this thread
        source = LocalReportSource(s.store, s.catalog, lambda: station_name)
        self.screen = SupervisorWindow(words, self.window)
        self.screen.closed.connect(self._closed)
        self.controller = SupervisorController(
            self.screen, source, s.tasks, account, words, zone(), station_name, self.ask_path
        )
        self.screen.show()
        self.controller.start()
        s.tasks.db(load_settings, s.store).success(self._offer_hub).run()
        self.opened.emit(self.controller)
        return self.controller

    def _sync_event(self, event: SyncEvent) -> None:
        """Results handed over at another desk, learned from the hub, change this station's
        results awaiting scan and indicators 4.1/4.2."""
        if event.kind is WorkerEventKind.RESULTS_ELSEWHERE and self.controller is not None:
            self.controller.figures_changed()

    def _offer_hub(self, settings: SyncSettings) -> None:
        if self.controller is not None:
            self.controller.offer_hub(hub_source_for(settings))

    def close(self) -> None:
        """The window locks or its clerk leaves: the screen and a pending login go too."""
        if self.login is not None and self.login.isVisible():
            self.login.reject()
        if self.screen is not None:
            self.screen.close()

    def _closed(self) -> None:
        self.screen = None
        self.controller = None
