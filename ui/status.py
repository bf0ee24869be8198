"""The status bar: the scanner's state, pages stored today, the upload queue (its line is
written by the upload controller); news for a few seconds. Refusals and errors go to the
banner above the pages instead, where they stay until the clerk dismisses them or does what
they ask."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar

from app.analysis import LeftOver
from app.separators import SeparatorRead
from station.model import Page
from station.store import Store
from station.workflow import pages_today
from ui.banner import NoticeBanner
from ui.dossier.separators import describe_separator
from ui.tasks import TaskRunner
from ui.text import format_number

REFRESH_MS = 60_000  # also rolls the count over at midnight
ERROR = "error"  # the banner's cause for an error: only the clerk dismisses it
NEED_DOSSIER = "need-dossier"  # a refusal that opening a dossier settles
SCAN_RUNNING = "scan-running"  # a refusal that the end of the scan settles


class StatusController(QObject):
    settled = Signal()  # pages stopped arriving or changing for a moment

    def __init__(
        self, bar: QStatusBar, banner: NoticeBanner, store: Store, tasks: TaskRunner, parent=None
    ) -> None:
        super().__init__(parent)
        self.bar = bar
        self.banner = banner
        self.store = store
        self.tasks = tasks
        self.device = QLabel(self.tr("Scanner: …"))
        self.device.setObjectName("deviceState")
        self.today = QLabel()
        self.today.setObjectName("pagesToday")
        self.sync = QLabel(self.tr("Upload: …"))
        self.sync.setObjectName("syncState")
        self.recovered = QLabel()
        self.recovered.setObjectName("recoveryNotice")
        self.recovered.setVisible(False)
        self._recovery_text = ""  # "recovered N pages of dossier X", once start-up found some
        self._left_over: set[str] = set()  # recovered pages queued for their analysis
        self._waiting: set[str] = set()  # of those, the ones whose analysis has not ended
        self._failed: set[str] = set()  # of those, the ones whose analysis failed
        self.catalog = QLabel()
        self.catalog.setObjectName("catalogVersion")
        for label in (self.recovered, self.device, self.today, self.sync, self.catalog):
            bar.addPermanentWidget(label)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(400)
        self._soon.timeout.connect(self.refresh_today)
        self._soon.timeout.connect(self.settled.emit)
        self._clock = QTimer(self)
        self._clock.setInterval(REFRESH_MS)
        self._clock.timeout.connect(self.refresh_today)
        self._clock.start()
        self.refresh_today()

    def set_device_state(self, text: str) -> None:
        self.device.setText(self.tr("Scanner: %1").replace("%1", text))

    def pages_changed(self) -> None:
        """Many pages arrive in a burst; count them once it settles."""
        self._soon.start()

    def refresh_today(self) -> None:
        self.tasks.db(pages_today, self.store).success(self._show_today).run()

    def _show_today(self, count: int) -> None:
        self.today.setText(self.tr("Pages today: %1").replace("%1", format_number(count)))

    def set_sync_state(self, text: str) -> None:
        self.sync.setText(text)

    def show_recovered(self, found: LeftOver) -> None:
        """The pages a killed scan or import stored, and those left unanalysed by a crash or a
        close (queued again): how many were recovered, and how many still wait to be processed.
        The note stays (the next restart clears it) and follows the analyses as they end."""
        self._left_over = set(found.page_ids)
        self._waiting = set(found.page_ids)
        self._failed = set()
        per_dossier = found.per_dossier
        if len(per_dossier) == 1:
            text = self.tr("Recovered %1 pages of dossier %2 stored before the station stopped")
            text = text.replace("%2", next(iter(per_dossier)))
        else:
            text = self.tr("Recovered %1 pages of dossiers %2 stored before the station stopped")
            listed = ", ".join(f"{code} ({count})" for code, count in per_dossier.items())
            text = text.replace("%2", listed)
        self._recovery_text = text.replace("%1", format_number(found.recovered))
        self._show_recovery()
        self.recovered.setVisible(found.recovered > 0)
        self.show_message(self.recovered.text(), 15000)

    def recovered_page_analysed(self, page: Page, thumbnail: object) -> None:
        """An analysis ended (`thumbnail` None: it failed, the page is marked in the grid)."""
        if page.id not in self._left_over:
            return
        self._waiting.discard(page.id)
        if thumbnail is None:
            self._failed.add(page.id)
        self._show_recovery()

    def analysis_idle(self) -> None:
        """Nothing waits for its analysis: a recovered page not reported (edited by the clerk
        meanwhile, deleted) waits no more either."""
        if self._waiting:
            self._waiting.clear()
            self._show_recovery()

    def _show_recovery(self) -> None:
        if not self._recovery_text:
            return
        if self._waiting:
            state = self.tr("%1 still being processed").replace(
                "%1", format_number(len(self._waiting))
            )
        elif self._failed:
            state = self.tr("%1 could not be processed (marked ⚠ in the page grid)").replace(
                "%1", format_number(len(self._failed))
            )
        else:
            state = self.tr("all processed")
        text = f"{self._recovery_text}; {state}"
        self.recovered.setText("⟲ " + text)
        self.recovered.setToolTip(text)

    def show_catalog(self, text: str, tip: str) -> None:
        """Which procedure catalog new dossiers are checked against (ui/window/catalog_updates.py
        words it)."""
        self.catalog.setText(text)
        self.catalog.setToolTip(tip)

    def show_wide_permissions(self, paths: list[str]) -> None:
        """Citizens' data other users of this computer could read (files from before the
        station kept them private, or copied in): said at start, as `sohoa check` says it."""
        text = self.tr(
            "%1 files or folders of the data directory can be read by other users of this"
            " computer; run 'sohoa check' for the list"
        ).replace("%1", format_number(len(paths)))
        self.show_message("⚠ " + text, 30000)

    def show_acl_failed(self) -> None:
        """Windows: the data folder's access could not be limited to this account (icacls
        failed); tried again at the next start."""
        text = self.tr(
            "The data folder could not be closed to other users of this computer (icacls"
            " failed); citizens' data may be readable by them"
        )
        self.show_message("⚠ " + text, 30000)

    def show_message(self, text: str, msecs: int = 8000) -> None:
        """News: it goes by itself."""
        self.bar.showMessage(text, msecs)

    def separator_read(self, read: SeparatorRead) -> None:
        """A separator sheet that did not switch the component: the pages after it may be
        tagged wrong, so it stays said until the clerk has looked."""
        if read.ignored:
            self.show_refusal(describe_separator(read))

    def show_refusal(self, text: str, cause: str = "") -> None:
        """Something the clerk asked for was not done: said until dismissed, or until the step
        that settles `cause` (see NoticeBanner.settle)."""
        self.banner.show_notice(text, cause)
