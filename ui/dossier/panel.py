"""The dossier form: code (typed, pasted or from a barcode reader ending with Enter), the
procedure by type-to-search, the applicant; then the open dossier's summary."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station.catalog import Catalog
from ui.dossier.cases import CasePicker
from ui.dossier.field_checks import code_warning, id_info, id_warning, show_check
from ui.dossier.search import CODE_ROLE, ProcedureFilter, procedure_model
from ui.dossier.trust import ProcedureTrust

PROCEDURE_ROWS = 4  # matching procedures shown at least, while one is looked for


class DossierPanel(QWidget):
    def __init__(self, catalog: Catalog, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("dossierPanel")
        self._catalog = catalog
        self.code = QLineEdit()
        self.code.setObjectName("dossierCode")
        self.code.setPlaceholderText(self.tr("Scan or type the dossier code, then Enter"))
        font = QFont(self.code.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.code.setFont(font)
        self.search = QLineEdit()
        self.search.setObjectName("procedureSearch")
        self.search.setPlaceholderText(self.tr("Type to search: khai sinh, ket hon…"))
        self.search.setClearButtonEnabled(True)
        self.procedures = QListView()
        self.procedures.setObjectName("procedureList")
        self.procedure_filter = ProcedureFilter(self)
        self.procedure_filter.setSourceModel(procedure_model(catalog, self))
        self.procedures.setModel(self.procedure_filter)
        self.procedures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.procedures.setUniformItemSizes(True)
        self._fit_procedure_rows()
        self.procedures.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.search.textChanged.connect(self._filter)
        self.procedures.setVisible(False)  # only while a procedure is being looked for
        self.code.textEdited.connect(lambda _text: self.set_compact(False))
        self.cases = CasePicker()
        self.trust = ProcedureTrust()  # the chosen procedure's entry, when unverified
        self.procedures.selectionModel().currentChanged.connect(lambda *_: self._show_chosen())
        self.search.installEventFilter(self)
        self.applicant = QLineEdit()
        self.applicant.setPlaceholderText(self.tr("Full name"))
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText(self.tr("Citizen ID, old ID or passport"))
        self.code_check = self._check_label("codeWarning")
        self.id_check = self._check_label("idWarning")
        self.code.textChanged.connect(lambda text: show_check(self.code_check, code_warning(text)))
        self.id_number.textChanged.connect(
            lambda text: show_check(self.id_check, id_warning(text), id_info(text))
        )
        self.open_button = QPushButton(self.tr("Open dossier"))
        self.open_button.setObjectName("openDossier")
        self.card_details = self._check_label("cardDetails")  # a CCCD read, to confirm
        self.summary = QLabel()
        self.summary.setObjectName("dossierSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self._layout()

    def _fit_procedure_rows(self) -> None:
        """Room for PROCEDURE_ROWS matches even on a 720-line screen, where the form gives the
        list no more than its minimum; at most twice that where there is space."""
        view = self.procedures
        row = max(view.sizeHintForRow(0), view.fontMetrics().height())
        chrome = 2 * view.frameWidth() + view.horizontalScrollBar().sizeHint().height()
        view.setMinimumHeight(PROCEDURE_ROWS * row + chrome)
        view.setMaximumHeight(2 * PROCEDURE_ROWS * row + chrome)

    def _layout(self) -> None:
        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Dossier code"), self.code)
        form.addRow("", self.code_check)
        form.addRow(self.tr("Procedure"), self.search)
        form.addRow("", self.procedures)
        form.addRow("", self.trust)
        form.addRow(self.cases)
        form.addRow(self.tr("Applicant"), self.applicant)
        form.addRow(self.tr("ID number"), self.id_number)
        form.addRow("", self.id_check)
        form.addRow("", self.card_details)
        form.addRow("", self.open_button)
        box = QGroupBox(self.tr("Dossier"))
        inner = QVBoxLayout(box)
        inner.addLayout(form)
        inner.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)

    def set_compact(self, compact: bool) -> None:
        """With a dossier open only the code field (for the next code), its cases and its
        summary are shown; a new code brings the rest of the form back."""
        for widget in (self.search, self.applicant, self.id_number, self.open_button):
            self.form.setRowVisible(widget, not compact)
        self.form.setRowVisible(self.card_details, bool(self.card_details.text()))
        self.form.setRowVisible(self.id_check, not compact and bool(self.id_check.text()))
        self.form.setRowVisible(self.procedures, not compact and bool(self.search.text().strip()))

    def set_completing(self, completing: bool) -> None:
        """The form completes the open dossier (its procedure, applicant, a draft's code)
        rather than opening another."""
        text = self.tr("Complete dossier") if completing else self.tr("Open dossier")
        self.open_button.setText(text)
        if completing:
            self.set_compact(False)

    @staticmethod
    def _check_label(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setVisible(False)
        return label

    def _filter(self, text: str) -> None:
        self.form.setRowVisible(self.procedures, bool(text.strip()))  # laid out, not floating
        self.procedure_filter.set_query(text)
        if self.procedure_filter.rowCount():
            self.procedures.setCurrentIndex(self.procedure_filter.index(0, 0))

    def _show_chosen(self) -> None:
        procedure = self._catalog.procedures.get(self.chosen_procedure() or "")
        self.cases.show_cases(procedure)
        self.trust.show_procedure(procedure)

    def use_catalog(self, catalog: Catalog) -> None:
        """A new catalog version for the dossiers opened from now on: the list follows it, and
        the open dossier's cases and notice stay as they are (quietly swapped)."""
        self._catalog = catalog
        selection = self.procedures.selectionModel()
        old = self.procedure_filter.sourceModel()
        blocked = selection.blockSignals(True)
        self.procedure_filter.setSourceModel(procedure_model(catalog, self))
        selection.blockSignals(blocked)
        old.deleteLater()
        if self.search.text().strip():  # a procedure being looked for: found again in the new list
            self._filter(self.search.text())

    def chosen_procedure(self) -> str | None:
        index = self.procedures.currentIndex()
        if not index.isValid() or not self.procedure_filter.rowCount():
            return None
        return index.data(CODE_ROLE)

    def choose_procedure(self, code: str) -> None:
        self.search.clear()
        for row in range(self.procedure_filter.rowCount()):
            index = self.procedure_filter.index(row, 0)
            if index.data(CODE_ROLE) == code:
                self.procedures.setCurrentIndex(index)
                return

    def show_card(self, name: str, id_number: str, details: str) -> None:
        """A citizen ID card was read: its name and number in the form, its other fields
        beside them, for the clerk to check and confirm with Enter."""
        self.applicant.setText(name)
        self.id_number.setText(id_number)
        self.card_details.setText(details)
        for widget in (self.applicant, self.id_number, self.card_details):
            self.form.setRowVisible(widget, True)
        self.form.setRowVisible(self.id_check, bool(self.id_check.text()))
        self.id_number.setFocus()
        QTimer.singleShot(0, self._bring_card_into_view)  # once the layout has the new rows

    def _bring_card_into_view(self) -> None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(self.card_details)

    def hide_card(self) -> None:
        self.card_details.clear()
        self.form.setRowVisible(self.card_details, False)

    def clear_form(self) -> None:
        for field in (self.code, self.search, self.applicant, self.id_number):
            field.clear()
        self.procedures.clearSelection()
        self.procedures.setCurrentIndex(self.procedure_filter.index(-1, -1))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search box move through the matching procedures."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                row = self.procedures.currentIndex().row()
                row += -1 if key == Qt.Key.Key_Up else 1
                if 0 <= row < self.procedure_filter.rowCount():
                    self.procedures.setCurrentIndex(self.procedure_filter.index(row, 0))
                return True
        return super().eventFilter(watched, event)


class OpenDossiers(QTableWidget):
    """Dossiers still open on this station, to take one up again (double-click or Enter)."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("openDossiers")
        self.setHorizontalHeaderLabels(
            [self.tr("Dossier code"), self.tr("Applicant"), self.tr("Pages")]
        )
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)  # codes end in
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the digits that matter
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

    def show_rows(self, rows: list[tuple[str, str, str, int]]) -> None:
        """Rows of (code, procedure name, applicant, pages); the procedure is the tooltip."""
        self.setRowCount(len(rows))
        for row, (code, procedure, applicant, pages) in enumerate(rows):
            for column, value in enumerate((code, applicant, str(pages))):
                item = QTableWidgetItem(value)
                item.setToolTip(f"{code}\n{procedure}\n{applicant}")
                self.setItem(row, column, item)

    def code_at(self, row: int) -> str | None:
        item = self.item(row, 0)
        return item.text() if item is not None else None
