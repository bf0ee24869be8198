"""The supervisor screen's widgets: period controls, key figures, the tables, the charts. It
holds no logic; `SupervisorController` fills it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from station.stats.export import TableKind, Wording
from ui.supervisor.charts import chart_view
from ui.supervisor.model import FiguresModel
from ui.supervisor.periods import PeriodChoice

TAB_ORDER = (
    TableKind.STATIONS,
    TableKind.CLERKS,
    TableKind.DAYS,
    TableKind.PAPER,
    TableKind.QUEUE,
)


class SupervisorWindow(QWidget):
    closed = Signal()

    def __init__(self, wording: Wording, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("supervisorWindow")
        self.setWindowTitle(self.tr("Supervisor — figures and digitization rate"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1360, 860)
        self.models = {kind: FiguresModel(kind, wording, self) for kind in TAB_ORDER}
        self.tables: dict[TableKind, QTableView] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(self._controls())
        self.info = QLabel()
        self.info.setObjectName("supervisorInfo")
        layout.addWidget(self.info)
        self.cards = QHBoxLayout()
        layout.addLayout(self.cards)
        self.queue_note = QLabel()
        self.queue_note.setObjectName("queueNote")
        layout.addWidget(self.queue_note)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._tabs(wording))
        splitter.addWidget(self._charts())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        # Esc closes the screen, which logs the supervisor out (an open popup takes it first).
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

    def offer_hub(self, available: bool) -> None:
        self.scope.model().item(1).setEnabled(available)

    # building ---------------------------------------------------------------------------------
    def _controls(self) -> QHBoxLayout:
        self.period = QComboBox()
        self.period.setObjectName("periodChoice")
        for choice, text in (
            (PeriodChoice.TODAY, self.tr("Today")),
            (PeriodChoice.DAY, self.tr("A day")),
            (PeriodChoice.WEEK, self.tr("Week")),
            (PeriodChoice.MONTH, self.tr("Month")),
            (PeriodChoice.RANGE, self.tr("Date range")),
        ):
            self.period.addItem(text, choice.value)
        self.day = _date_edit("periodDay")
        self.until = _date_edit("periodUntil")
        self.until_label = QLabel(self.tr("to"))
        self.scope = QComboBox()
        self.scope.setObjectName("scopeChoice")
        self.scope.addItem(self.tr("This station"), "local")
        self.scope.addItem(self.tr("All stations (hub)"), "hub")
        self.scope.model().item(1).setEnabled(False)  # until the station's sync settings say so
        self.scope.setToolTip(self.tr("All stations: the province hub's figures (needs sync)"))
        self.refresh = QPushButton(self.tr("Refresh"))
        self.refresh.setObjectName("refreshButton")
        self.live = QCheckBox(self.tr("Live"))
        self.live.setObjectName("liveRefresh")
        self.live.setToolTip(self.tr("Refresh the figures every 30 seconds"))
        self.live.setChecked(True)
        self.export_csv = QPushButton(self.tr("Export CSV…"))
        self.export_csv.setObjectName("exportCsv")
        self.export_xlsx = QPushButton(self.tr("Export Excel…"))
        self.export_xlsx.setObjectName("exportXlsx")
        self.export_pdf = QPushButton(self.tr("PDF report…"))
        self.export_pdf.setObjectName("exportPdf")
        self.log_out = QPushButton(self.tr("Log out (Esc)"))
        self.log_out.setObjectName("supervisorLogOut")
        self.log_out.setToolTip(self.tr("Close the screen: opening it again asks for the login"))
        self.log_out.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.scope)
        row.addWidget(QLabel(self.tr("Period")))
        for widget in (self.period, self.day, self.until_label, self.until, self.refresh,
                       self.live):  # fmt: skip
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.export_csv, self.export_xlsx, self.export_pdf, self.log_out):
            row.addWidget(widget)
        return row

    def _tabs(self, wording: Wording) -> QTabWidget:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("figureTabs")
        for kind in TAB_ORDER:
            view = QTableView()
            view.setObjectName(f"table_{kind.value}")
            view.setModel(self.models[kind])
            view.setAlternatingRowColors(True)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.verticalHeader().setVisible(False)
            view.verticalHeader().setDefaultSectionSize(24)
            header = view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(False)
            header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
            self.tables[kind] = view
            self.tabs.addTab(view, wording.titles[kind])
        return self.tabs

    def _charts(self) -> QWidget:
        self.pages_chart = chart_view(self.tr("Pages per day"))
        self.pages_chart.setObjectName("pagesChart")
        self.rate_chart = chart_view(self.tr("Digitization rate per day (%)"))
        self.rate_chart.setObjectName("rateChart")
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.pages_chart)
        row.addWidget(self.rate_chart)
        return box

    # showing ---------------------------------------------------------------------------------
    def show_cards(self, items: Sequence[tuple[str, str]], tips: Sequence[str] = ()) -> None:
        while self.cards.count():
            widget = self.cards.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for index, (label, value) in enumerate(items):
            card = _card(label, value)
            card.setToolTip(tips[index] if index < len(tips) else "")
            self.cards.addWidget(card)

    def fit_columns(self) -> None:
        """Numbers as wide as they need, the names column takes the rest."""
        for view in self.tables.values():
            if view.model().columnCount():
                view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def period_controls(self, choice: PeriodChoice) -> None:
        """Show the dates a choice uses."""
        self.day.setVisible(choice is not PeriodChoice.TODAY)
        ranged = choice is PeriodChoice.RANGE
        self.until_label.setVisible(ranged)
        self.until.setVisible(ranged)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit(QDate.currentDate())
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def _card(label: str, value: str) -> QFrame:
    card = QFrame()
    card.setObjectName("figureCard")
    card.setFrameShape(QFrame.Shape.StyledPanel)
    card.setStyleSheet(
        "QFrame#figureCard { background: #f8f9fa; border: 1px solid #dee2e6; border-radius: 4px; }"
    )
    title = QLabel(label)
    title.setStyleSheet("color: #6c757d;")
    number = QLabel(value)
    number.setObjectName("cardValue")
    font = QFont(number.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    number.setFont(font)
    column = QVBoxLayout(card)
    column.setContentsMargins(10, 6, 10, 6)
    column.addWidget(title)
    column.addWidget(number)
    return card
