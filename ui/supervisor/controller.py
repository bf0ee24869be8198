"""The supervisor screen's controller: reads the figures for the chosen period off the GUI
thread (again every 30 s while "live" is on, and at once when the sender learns of results
handed over at another desk), fills the tables, cards and charts, and writes the
CSV, XLSX and PDF files from exactly what the screen shows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QDate, QObject, QTimer, Signal

from app.report_sources import HubReportSource, ReportSource, load_overview
from station.accounts import Account
from station.stats import Period
from station.stats.export import (
    CsvDialect,
    Overview,
    TableKind,
    Wording,
    write_csv,
    write_xlsx,
)
from ui.supervisor.charts import show_pages, show_rates
from ui.supervisor.hub_login import HubLoginDialog
from ui.supervisor.periods import PeriodChoice, period_for
from ui.supervisor.saving import FileType, SaveDialog, csv_types, default_dialect
from ui.supervisor.window import SupervisorWindow
from ui.supervisor.wording import (
    card_formulas,
    format_moment,
    highlights,
    period_text,
    queue_text,
    unknown_names,
)
from ui.tasks import Task, TaskRunner
from ui.text import describe_error

LIVE_REFRESH_MS = 30_000


class ExportKind(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    PDF = "pdf"


# A fixed answer instead of the save dialog (a CSV then takes the window language's dialect).
AskPath = Callable[[ExportKind, str], Path | None]


class SupervisorController(QObject):
    refreshed = Signal(object)  # Overview, once it is on screen
    exported = Signal(object)  # Path of a file written
    failed = Signal(object)  # an exception

    def __init__(
        self,
        view: SupervisorWindow,
        source: ReportSource,
        tasks: TaskRunner,
        account: Account,
        wording: Wording,
        tz: tzinfo,
        station_title: str = "",
        ask_path: AskPath | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.source = source
        self.local_source = source
        self.hub_source: HubReportSource | None = None
        self.hub_login: HubLoginDialog | None = None
        self.tasks = tasks
        self.account = account
        self.wording = wording
        self.tz = tz
        self.station_title = station_title
        self.ask_path = ask_path
        self.save_dialog: SaveDialog | None = None  # while the clerk picks where to save
        self.now = now or (lambda: datetime.now(tz))
        self.overview: Overview | None = None
        self._loading: Task | None = None
        self._again = False
        self._timer = QTimer(self)
        self._timer.setInterval(LIVE_REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._wire()

    def _wire(self) -> None:
        v = self.view
        today = self.now().date()
        for edit in (v.day, v.until):
            edit.setDate(QDate(today.year, today.month, today.day))
        v.period.currentIndexChanged.connect(self._period_changed)
        v.scope.currentIndexChanged.connect(self._scope_changed)
        v.day.dateChanged.connect(lambda _d: self.refresh())
        v.until.dateChanged.connect(lambda _d: self.refresh())
        v.refresh.clicked.connect(self.refresh)
        v.live.toggled.connect(self._live_toggled)
        v.export_csv.clicked.connect(lambda: self.export(ExportKind.CSV))
        v.export_xlsx.clicked.connect(lambda: self.export(ExportKind.XLSX))
        v.export_pdf.clicked.connect(lambda: self.export(ExportKind.PDF))
        v.closed.connect(self.stop)
        v.period_controls(self.choice())

    def start(self) -> None:
        self.refresh()
        if self.view.live.isChecked():
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._loading is not None:
            self._loading.cancel()

    # the period --------------------------------------------------------------------------------
    def choice(self) -> PeriodChoice:
        return PeriodChoice(self.view.period.currentData())

    def set_period(self, choice: PeriodChoice, day=None, until=None) -> None:
        """Pick a period as the supervisor would (tests and the screenshot use it too)."""
        v = self.view
        for edit, value in ((v.day, day), (v.until, until)):
            if value is not None:
                edit.blockSignals(True)
                edit.setDate(QDate(value.year, value.month, value.day))
                edit.blockSignals(False)
        index = v.period.findData(choice.value)
        if index == v.period.currentIndex():
            self.refresh()
        else:
            v.period.setCurrentIndex(index)

    def period(self) -> Period:
        v = self.view
        return period_for(self.choice(), v.day.date().toPython(), v.until.date().toPython(),
                          self.now().date(), self.tz)  # fmt: skip

    def _period_changed(self, _index: int) -> None:
        self.view.period_controls(self.choice())
        self.refresh()

    # where the figures come from -------------------------------------------------------------
    def offer_hub(self, source: HubReportSource | None) -> None:
        """The province view, when this station syncs to a hub (None: it does not)."""
        self.hub_source = source
        self.view.offer_hub(source is not None)

    def use_hub(self, on: bool) -> None:
        self.view.scope.setCurrentIndex(1 if on and self.hub_source is not None else 0)

    def _scope_changed(self, index: int) -> None:
        hub = index == 1 and self.hub_source is not None
        if hub and self.hub_source is not None and self.hub_source.needs_login:
            self._ask_hub_login()
            return
        self.source = self.hub_source if hub else self.local_source  # type: ignore[assignment]
        self.overview = None
        self.refresh()

    def _ask_hub_login(self) -> None:
        """Not modal to the app: the dialog answers through its signals."""
        dialog = HubLoginDialog(self.view)
        self.hub_login = dialog
        dialog.accepted.connect(lambda: self._hub_login_given(dialog))
        dialog.rejected.connect(lambda: self.view.scope.setCurrentIndex(0))
        dialog.open()

    def _hub_login_given(self, dialog: HubLoginDialog) -> None:
        login = dialog.login()
        if login is None or self.hub_source is None:
            self.view.scope.setCurrentIndex(0)
            return
        self.hub_source.log_in(login)
        self._scope_changed(1)

    def _live_toggled(self, on: bool) -> None:
        if on:
            self._timer.start()
            self.refresh()
        else:
            self._timer.stop()

    # reading -----------------------------------------------------------------------------------
    def figures_changed(self) -> None:
        """This station's figures changed behind the screen (the sender learned of results
        handed over at another desk): read again now while live and showing them. The hub's
        figures had them already; a screen not live keeps the moment it says it shows."""
        if self.view.live.isChecked() and self.source is self.local_source:
            self.refresh()

    def refresh(self) -> None:
        if self._loading is not None:
            self._again = True  # the period changed meanwhile: read again once this one is in
            return
        # The hub is read over the network, never on the store's thread that scanning needs.
        run = self.tasks.work if getattr(self.source, "remote", False) else self.tasks.db
        self._loading = (
            run(load_overview, self.source, self.period(), unknown_names())
            .success(self._loaded)
            .failure(self._load_failed)
            .run()
        )

    def _loaded(self, view: Overview) -> None:
        self._loading = None
        if self._again:
            self._again = False
            self.refresh()
            return
        self.show(view)

    def _load_failed(self, error: BaseException) -> None:
        self._loading = None
        self._again = False
        self.view.info.setText(describe_error(error))
        self.failed.emit(error)

    def show(self, view: Overview) -> None:
        self.overview = view
        w = self.view
        for kind, model in w.models.items():
            model.set_table(view.table(kind))
        w.fit_columns()
        w.show_cards(highlights(view), card_formulas())
        w.queue_note.setText(queue_text(view))
        show_pages(w.pages_chart, view.days)
        show_rates(w.rate_chart, view.days, self.tr("Target 80 %"))
        w.info.setText(
            self.tr("%1 — updated %2 — logged in: %3")
            .replace("%1", period_text(view))
            .replace("%2", format_moment(self.now()))
            .replace("%3", self.account.full_name)
        )
        self.refreshed.emit(view)

    # exporting ---------------------------------------------------------------------------------
    def export(self, kind: ExportKind) -> None:
        view = self.overview
        if view is None:
            return
        period = view.period
        suggested = f"sohoa-{period.first_day.isoformat()}-{period.last_day.isoformat()}.{kind}"
        if self.ask_path is not None:
            path = self.ask_path(kind, suggested)
            if path is not None:
                self._write(kind, view, path, default_dialect())
            return
        dialog = SaveDialog(self.view, Path.home() / suggested, self._file_types(kind))
        dialog.chosen.connect(lambda path, dialect: self._write(kind, view, path, dialect))
        dialog.destroyed.connect(lambda _=None: setattr(self, "save_dialog", None))
        self.save_dialog = dialog
        dialog.open()

    def _file_types(self, kind: ExportKind) -> list[FileType]:
        if kind is ExportKind.CSV:
            return csv_types()
        if kind is ExportKind.XLSX:
            return [(self.tr("Excel workbooks (*.xlsx)"), None)]
        return [(self.tr("PDF files (*.pdf)"), None)]

    def _write(self, kind: ExportKind, view: Overview, path: Path, dialect: CsvDialect) -> None:
        if kind is ExportKind.PDF:
            from ui.supervisor.report import write_pdf  # fpdf is loaded for the report only

            task = self.tasks.work(write_pdf, path, view, self.wording, self.report_text(view))
        elif kind is ExportKind.CSV:
            task = self.tasks.work(write_csv, path, view, self.wording, dialect)
        else:
            task = self.tasks.work(write_xlsx, path, view, self.wording)
        task.success(lambda _r: self._exported(path)).failure(self._export_failed).run()

    def report_text(self, view: Overview):  # ReportText, imported lazily
        from ui.supervisor.report import report_text

        generated = (
            self.tr("Generated %1 by %2")
            .replace("%1", format_moment(self.now()))
            .replace("%2", self.account.full_name)
        )
        stations = view.table(TableKind.STATIONS).rows
        title = self.station_title or ", ".join(str(row[0]) for row in stations)
        return report_text(view, title, generated)

    def _exported(self, path: Path) -> None:
        self.view.info.setText(self.tr("Saved %1").replace("%1", str(path)))
        self.exported.emit(path)

    def _export_failed(self, error: BaseException) -> None:
        self.view.info.setText(describe_error(error))
        self.failed.emit(error)
