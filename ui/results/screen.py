"""Trả kết quả / Hand over result: open a finished dossier by its code, scan or import its
result, tag pages with the number keys, finish the result; beside it, the dossiers whose result
still awaits scanning, oldest first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.finishing import SigningContext
from app.results import ResultOutcome
from station.model import ComponentKind
from station.workflow.awaiting import AwaitingResult
from ui.results.controller import Opened, ResultsController
from ui.text import describe_error
from ui.window.services import Services

PAGE_ID = Qt.ItemDataRole.UserRole
CODE_ROLE = Qt.ItemDataRole.UserRole


class ResultsScreen(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hand over result"))
        self.controller = ResultsController(services, self)
        self.last_error: BaseException | None = None
        self.last_outcome: ResultOutcome | None = None
        self._build()
        self._connect()
        self.controller.refresh_awaiting()

    def _build(self) -> None:
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("Dossier code, then Enter"))
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.components = QListWidget()
        self.pages = QListWidget()
        self.pages.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.pages.installEventFilter(self)
        self.scan_button = QPushButton(self.tr("Scan (F5)"))
        self.import_button = QPushButton(self.tr("Import PDF…"))
        self.finish_button = QPushButton(self.tr("Finish result (Ctrl+Enter)"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.awaiting = QTreeWidget()
        self.awaiting.setHeaderLabels(
            [self.tr("Dossier"), self.tr("Procedure"), self.tr("Age (days)")]
        )
        self.awaiting.setRootIsDecorated(False)

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Dossier code")))
        left.addWidget(self.code)
        left.addWidget(self.about)
        left.addWidget(QLabel(self.tr("Result components (number keys choose)")))
        left.addWidget(self.components)
        left.addWidget(QLabel(self.tr("Result pages")))
        left.addWidget(self.pages)
        buttons = QHBoxLayout()
        for button in (self.scan_button, self.import_button, self.finish_button):
            buttons.addWidget(button)
        left.addLayout(buttons)
        left.addWidget(self.status)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Results awaiting scan (oldest first)")))
        right.addWidget(self.awaiting)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def _connect(self) -> None:
        c = self.controller
        self.code.returnPressed.connect(lambda: c.open(self.code.text()))
        self.scan_button.clicked.connect(c.scan)
        self.import_button.clicked.connect(self._import)
        self.finish_button.clicked.connect(self._finish)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, c.scan)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._finish)
        self.awaiting.itemActivated.connect(self._open_awaiting)
        c.opened.connect(self._show)
        c.awaiting.connect(self._show_awaiting)
        c.finished.connect(self._show_finished)
        c.failed.connect(self._show_error)
        c.scanning_changed.connect(lambda on: self.scan_button.setEnabled(not on))

    # keys --------------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # Qt's signature
        pressed = isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress
        if watched is self.pages and pressed and self._number_key(event):
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        if not self._number_key(event):
            super().keyPressEvent(event)

    def _number_key(self, event: QKeyEvent) -> bool:
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        text = event.text()
        if len(text) != 1 or not text.isdigit() or text == "0" or self.code.hasFocus():
            return False
        selected = [item.data(PAGE_ID) for item in self.pages.selectedItems()]
        self.controller.choose(int(text), selected)
        return True

    # showing -----------------------------------------------------------------------------
    def _show(self, opened: Opened) -> None:
        dossier = opened.dossier
        self.about.setText(
            self.tr("%1 — procedure %2, received %3")
            .replace("%1", dossier.code)
            .replace("%2", dossier.procedure_code)
            .replace("%3", dossier.received_at.astimezone().strftime("%d/%m/%Y"))
        )
        self.components.clear()
        files = {f.component_code: f for f in opened.files}
        for number, component in enumerate(opened.components, 1):
            sent = files.get(component.code)
            if sent is not None:
                state = self.tr("digitized: %1").replace("%1", sent.file_name)
            elif component.code == self.controller.component:
                state = self.tr("new pages go here")
            else:
                state = self.tr("awaiting")
            item = QListWidgetItem(f"{number}  {component.code} — {component.name}  [{state}]")
            self.components.addItem(item)
        reception = [f for f in opened.files if f.kind is not ComponentKind.RESULT]
        self.status.setText(
            self.tr("Already sent at reception: %1 file(s)").replace("%1", str(len(reception)))
        )
        self.pages.clear()
        for page in opened.pages:
            item = QListWidgetItem(f"#{page.order}  {page.component_code}")
            item.setData(PAGE_ID, page.id)
            self.pages.addItem(item)
        self.pages.setFocus()

    def _show_awaiting(self, found: list[AwaitingResult]) -> None:
        self.awaiting.clear()
        for a in found:
            item = QTreeWidgetItem([a.dossier_code, a.procedure_code, str(a.age_days)])
            item.setData(0, CODE_ROLE, a.dossier_code)
            self.awaiting.addTopLevelItem(item)

    def _show_finished(self, outcome: ResultOutcome) -> None:
        self.last_outcome = outcome
        names = ", ".join(f.file_name for f in outcome.receipt.files)
        self.status.setText(self.tr("Result digitized: %1").replace("%1", names))

    def _show_error(self, error: BaseException) -> None:
        self.last_error = error
        self.status.setText(describe_error(error))

    def _open_awaiting(self, item: QTreeWidgetItem) -> None:
        code = item.data(0, CODE_ROLE)
        self.code.setText(code)
        self.controller.open(code)

    # actions -----------------------------------------------------------------------------
    def _import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Electronic result"), "", self.tr("PDF files (*.pdf)")
        )
        if name:
            self.controller.signing(lambda context: self._import_signed(Path(name), context))

    def _import_signed(self, path: Path, context: SigningContext) -> None:
        secret = self._ask_secret(context)
        if secret is not None:
            self.controller.import_pdf(path, secret)

    def _finish(self) -> None:
        self.controller.signing(self._finish_signed)

    def _finish_signed(self, context: SigningContext) -> None:
        secret = self._ask_secret(context)
        if secret is not None:
            self.controller.finish(context, secret)

    def _ask_secret(self, context: SigningContext) -> str | None:
        """ "" when signing is not set up; None when the clerk cancelled."""
        if not context.setup.configured:
            return ""
        secret, ok = QInputDialog.getText(
            self,
            self.tr("Signing"),
            self.tr("PIN or password of the signing key"),
            QLineEdit.EchoMode.Password,
        )
        return secret if ok else None
