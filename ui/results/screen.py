"""Trả kết quả / Hand over result: open a finished dossier by its code, or from its receipt
(scanned on top of the result, or imported, with no dossier open), scan or import its result,
tag pages with the number keys, check each in the preview, delete or rotate it (Ctrl+Z undoes
any of these), finish the result; beside it, the dossiers whose result still awaits scanning,
oldest first. A code a barcode reader types goes to the code field (ui.window.reader_keys)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.finishing import SigningContext, is_signing_error
from app.result_sending import PartSending, SendState
from app.results import ImportSigning, ResultOutcome
from station.errors import ErrorCode, StationError
from station.workflow.awaiting import AwaitingResult
from ui.finish.signing import PinDialog, ask_secret
from ui.pages.shortcuts import area_action
from ui.results.controller import Opened, ResultsController
from ui.results.pages import ResultPages
from ui.scan.importing import FILE_TYPES
from ui.text import describe_error
from ui.window.reader_keys import ReaderKeys
from ui.window.services import Services

CODE_ROLE = Qt.ItemDataRole.UserRole


class ResultsScreen(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hand over result"))
        self.controller = ResultsController(services, self)
        self.pins = services.pins  # the clerk's PIN for the shift, shared with Finish
        self.last_error: BaseException | None = None
        self.last_outcome: ResultOutcome | None = None
        self.dialog: QFileDialog | None = None
        self.pin_dialog: PinDialog | None = None
        self._shown_code: str | None = None
        self.page_list = ResultPages(services.store, services.tasks, self)
        self.pages = self.page_list.list
        self.preview = self.page_list.preview
        self._build()
        self._connect()
        self.reader_keys = ReaderKeys((self,), self.code, self.keys_state, self)
        self.controller.refresh_awaiting()

    def _build(self) -> None:
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("Dossier code, then Enter"))
        self.about = QLabel(self._no_dossier_text())
        self.about.setWordWrap(True)
        self.components = QListWidget()
        self.components.setMaximumHeight(110)
        self.sending = QListWidget()  # the dossier as received, then each result
        self.sending.setMaximumHeight(80)
        self.sending.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pages.installEventFilter(self)
        self.preview.setMinimumWidth(260)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.scan_button = QPushButton(self.tr("Scan (F5)"))
        self.import_button = QPushButton()
        self.finish_button = QPushButton(self.tr("Finish result (Ctrl+Enter)"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.undo_hint = QLabel()
        self.undo_hint.setWordWrap(True)
        self._show_import_kind()
        self.awaiting = QTreeWidget()
        self.awaiting.setHeaderLabels(
            [self.tr("Dossier"), self.tr("Procedure"), self.tr("Age (days)")]
        )
        self.awaiting.setRootIsDecorated(False)
        fit = QHeaderView.ResizeMode.ResizeToContents
        for column in (0, 1):
            self.awaiting.header().setSectionResizeMode(column, fit)

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Dossier code")))
        left.addWidget(self.code)
        left.addWidget(self.about)
        left.addWidget(QLabel(self.tr("Sent to the province")))
        left.addWidget(self.sending)
        left.addWidget(QLabel(self.tr("Result components (number keys choose)")))
        left.addWidget(self.components)
        left.addWidget(
            QLabel(self.tr("Result pages (Del deletes, R / Shift+R rotate, Ctrl+Z undoes)"))
        )
        left.addWidget(self.pages)
        buttons = QHBoxLayout()
        for button in (self.scan_button, self.import_button, self.finish_button):
            buttons.addWidget(button)
        left.addLayout(buttons)
        left.addWidget(self.status)
        left.addWidget(self.undo_hint)
        middle = QVBoxLayout()
        middle.addWidget(QLabel(self.tr("Selected page")))
        middle.addWidget(self.preview)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Results awaiting scan (oldest first)")))
        right.addWidget(self.awaiting)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 5)
        layout.addLayout(middle, 4)
        layout.addLayout(right, 4)

    def _connect(self) -> None:
        c = self.controller
        self.code.returnPressed.connect(lambda: c.open(self.code.text()))
        self.scan_button.clicked.connect(c.scan)
        self.import_button.clicked.connect(self._import)
        self.finish_button.clicked.connect(self._finish)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, c.scan)
        QShortcut(QKeySequence("Ctrl+I"), self, self._import)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self._close_dossier)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._finish)
        self._page_actions()
        self.awaiting.itemActivated.connect(self._open_awaiting)
        c.opened.connect(self._show)
        c.closed.connect(self._show_closed)
        c.awaiting.connect(self._show_awaiting)
        c.sending.connect(self._show_sending)
        c.finished.connect(self._show_finished)
        c.failed.connect(self._show_error)
        c.no_receipt_code.connect(self._show_no_receipt_code)
        c.scanning_changed.connect(lambda on: self.scan_button.setEnabled(not on))
        c.edits.undo_changed.connect(self._show_undo)

    def _page_actions(self) -> None:
        """The main page grid's keys, on the page list and the preview alike."""
        c, pages = self.controller, self.page_list
        for text, keys, slot in (
            (self.tr("Delete"), QKeySequence.StandardKey.Delete,
             lambda: c.delete(pages.selected_ids())),
            (self.tr("Rotate right"), "R", lambda: c.rotate(pages.selected_ids(), 1)),
            (self.tr("Rotate left"), "Shift+R", lambda: c.rotate(pages.selected_ids(), -1)),
        ):  # fmt: skip
            action = area_action(self, text, keys, slot, self.pages)
            self.preview.addAction(action)
        undo = area_action(self, self.tr("Undo"), QKeySequence.StandardKey.Undo,
                           c.edits.undo, self)  # fmt: skip
        undo.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    # keys --------------------------------------------------------------------------------
    def keys_state(self) -> Callable[[], None]:
        """What the screen's keys may change from now on (tags, turns, deletions, the
        selection, the component new pages go to), to put back by calling what this returns."""
        c, pages = self.controller, self.page_list
        depth, selected, component = c.edits.undo_depth, pages.selected_ids(), c.component

        def put_back() -> None:
            c.edits.undo_to(depth)
            pages.select(selected)
            if c.component != component:
                c.set_component(component)

        return put_back

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
        self.controller.choose(int(text), self.page_list.selected_ids())
        return True

    # showing -----------------------------------------------------------------------------
    def _show(self, opened: Opened) -> None:
        dossier = opened.dossier
        self.about.setText(
            self.tr("%1 — procedure %2, received %3 (Esc closes it)")
            .replace("%1", dossier.code)
            .replace("%2", dossier.procedure_code)
            .replace("%3", dossier.received_at.astimezone().strftime("%d/%m/%Y"))
        )
        self.components.clear()
        files = {f.component_code: f for f in opened.files}
        for number, component in enumerate(opened.components, 1):
            sent = files.get(component.code)
            elsewhere = opened.results_elsewhere.get(component.code)
            if sent is not None or elsewhere is not None:
                where = sent.file_name if sent is not None else elsewhere
                state = self.tr("digitized: %1").replace("%1", where or "")
            elif component.code == self.controller.component:
                state = self.tr("new pages go here")
            else:
                state = self.tr("awaiting")
            item = QListWidgetItem(f"{number}  {component.code} — {component.name}  [{state}]")
            self.components.addItem(item)
        self._show_sending(opened)
        self.page_list.show(opened.pages)
        self._show_import_kind()
        switched, self._shown_code = self._shown_code != dossier.code, dossier.code
        if switched:
            self.status.clear()  # what was said of the dossier before
        if switched or not self.code.hasFocus():  # a refresh leaves the next code being typed
            self.pages.setFocus()

    def _show_sending(self, opened: Opened) -> None:
        self.sending.clear()
        for part in opened.sending:
            self.sending.addItem(self._part_text(opened, part))

    def _part_text(self, opened: Opened, part: PartSending) -> str:
        if part.is_result:
            return (
                self.tr("Result %1 (%2): %3")
                .replace("%1", ", ".join(part.components))
                .replace("%2", ", ".join(part.file_names))
                .replace("%3", self._state_text(opened, part))
            )
        files = len(part.file_names) or opened.files_elsewhere
        return (
            self.tr("Dossier as received, %1 file(s): %2")
            .replace("%1", str(files))
            .replace("%2", self._state_text(opened, part))
        )

    def _state_text(self, opened: Opened, part: PartSending) -> str:
        state = part.state
        if state is SendState.SENT:
            when = part.sent_at.astimezone().strftime("%d/%m/%Y %H:%M") if part.sent_at else ""
            return self.tr("sent %1").replace("%1", when).strip()
        if state is SendState.FAILED:
            return self.tr("failed: %1").replace("%1", _job_error_text(part))
        if state is SendState.NOT_QUEUED:
            return self.tr("not queued (sohoa sync enqueue queues it)")
        if state is SendState.ELSEWHERE:
            return self.tr("sent by the station that received it, %1").replace(
                "%1", opened.receiving_station
            )
        return self.tr("queued")

    def _show_closed(self) -> None:
        self._shown_code = None
        self.code.clear()
        self.about.setText(self._no_dossier_text())
        self.components.clear()
        self.sending.clear()
        self.page_list.show(())
        self.status.clear()
        self._show_import_kind()
        self.code.setFocus()

    def _no_dossier_text(self) -> str:
        return self.tr(
            "No dossier open: type its code, or scan (F5) or import (Ctrl+I) its receipt; the "
            "receipt's QR or barcode opens the dossier and is not kept as a result page."
        )

    def _show_import_kind(self) -> None:
        """With no dossier open, Import reads a receipt; with one, it takes an agency's PDF."""
        if self.controller.current is None:
            self.import_button.setText(self.tr("Import receipt… (Ctrl+I)"))
        else:
            self.import_button.setText(self.tr("Import PDF… (Ctrl+I)"))

    def _show_undo(self, label: str) -> None:
        self.undo_hint.setText(self.tr("Ctrl+Z: undo %1").replace("%1", label) if label else "")

    def _show_no_receipt_code(self) -> None:
        self.status.setText(
            self.tr(
                "The receipt carries no dossier code: scan the receipt again on top of the "
                "result, or type the dossier code."
            )
        )

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
        if is_signing_error(error):
            self.pins.forget()  # a wrong PIN or a removed token: ask again next time
        self.status.setText(describe_error(error))

    def _open_awaiting(self, item: QTreeWidgetItem) -> None:
        code = item.data(0, CODE_ROLE)
        self.code.setText(code)
        self.controller.open(code)

    # actions -----------------------------------------------------------------------------
    def _import(self) -> None:
        if self.controller.current is None:
            self._choose_file(self.tr("Receipt"),
                              self.tr("Scans and documents (%1)").replace("%1", FILE_TYPES),
                              self.controller.open_from_receipt_file)  # fmt: skip
        else:
            self._choose_file(self.tr("Electronic result"), self.tr("PDF files (*.pdf)"),
                              self._import_result)  # fmt: skip

    def _choose_file(self, title: str, types: str, then) -> None:  # then(Path)
        self.dialog = QFileDialog(self, title)
        self.dialog.setObjectName("resultImportDialog")
        self.dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        self.dialog.setNameFilter(types)
        self.dialog.fileSelected.connect(lambda name: then(Path(name)))
        self.dialog.open()

    def _import_result(self, path: Path) -> None:
        """The PIN only for a PDF the clerk will sign: one the agency signed is kept as is."""
        self.controller.import_signing(path, lambda found: self._import_checked(path, found))

    def _import_checked(self, path: Path, found: ImportSigning) -> None:
        if not found.needs_secret:
            self.controller.import_pdf(path, "", found.context)
            return
        self._ask_secret(
            found.context,
            lambda secret: self.controller.import_pdf(path, secret, found.context),
            self._show_not_imported,
        )

    def _show_not_imported(self) -> None:
        self.status.setText(
            self.tr(
                "The PDF carries no signature, so it is signed with your key: it was not "
                "imported without the PIN."
            )
        )

    def _close_dossier(self) -> None:
        if self.controller.current is not None:
            self.controller.close_dossier()

    def _finish(self) -> None:
        self.controller.signing(self._finish_signed)

    def _finish_signed(self, context: SigningContext) -> None:
        self._ask_secret(context, lambda secret: self.controller.finish(context, secret))

    def _ask_secret(
        self,
        context: SigningContext,
        then: Callable[[str], None],
        cancelled: Callable[[], None] = lambda: None,
    ) -> None:
        """`then` with the shift's PIN or password (see ask_secret), or `cancelled`."""
        dialog = ask_secret(self.pins, context.setup, self, then, cancelled)
        if dialog is not None:
            if self.pin_dialog is not None:
                self.pin_dialog.deleteLater()
            self.pin_dialog = dialog


def _job_error_text(part: PartSending) -> str:
    """The reason the sender parked a job of the part, in the clerk's language."""
    try:
        code = ErrorCode(part.error_code or "")
    except ValueError:
        return part.error_code or ""
    return describe_error(StationError(code, **part.error_params))
