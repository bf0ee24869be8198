"""The one screen before Finish: the dossier's components with their pages, what is missing
(then a reason is needed, kept with the dossier) and pages not yet tagged. Enter confirms,
Esc goes back to the pages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.finishing import FinishSummary
from ui.text import format_number

_WARNING = "color: #b00020; font-weight: bold;"


class SummaryDialog(QDialog):
    def __init__(self, summary: FinishSummary, name_of: Callable[[str], str], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("finishSummary")
        self.setWindowTitle(self.tr("Finish dossier %1").replace("%1", summary.dossier_code))
        self.summary = summary
        self.pages_total = summary.pages
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{summary.dossier_code}</b><br>{summary.procedure}")
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setWordWrap(True)
        layout.addWidget(title)
        self.table = QTableWidget(len(summary.components), 2)
        self.table.setObjectName("summaryTable")
        self.table.setHorizontalHeaderLabels([self.tr("Component"), self.tr("Pages")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for row, line in enumerate(summary.components):
            self.table.setItem(row, 0, QTableWidgetItem(f"{line.code} · {line.name}"))
            pages = QTableWidgetItem(format_number(line.pages))
            pages.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, pages)
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        header_height = self.table.horizontalHeader().sizeHint().height()
        self.table.setMaximumHeight(header_height + rows + 2 * self.table.frameWidth() + 2)
        layout.addWidget(self.table)
        total = self.tr("%1 pages in %2 files; %3 already encoded.")
        total = total.replace("%1", format_number(summary.pages))
        total = total.replace("%2", format_number(len(summary.components)))
        layout.addWidget(QLabel(total.replace("%3", format_number(summary.ready))))
        self.untagged_note = QLabel(
            self.tr("%1 pages have no component: tag them first.").replace(
                "%1", format_number(summary.untagged)
            )
        )
        self.untagged_note.setStyleSheet(_WARNING)
        self.untagged_note.setVisible(summary.untagged > 0)
        layout.addWidget(self.untagged_note)
        self.undecided_note = QLabel(
            "\n".join(
                self.tr(
                    "No case chosen in group %1: the papers it needs are unknown. Choose the"
                    " case in the dossier form, or give a reason."
                ).replace("%1", group)
                for group in summary.undecided
            )
        )
        self.undecided_note.setObjectName("undecidedNote")
        self.undecided_note.setStyleSheet(_WARNING)
        self.undecided_note.setWordWrap(True)
        self.undecided_note.setVisible(bool(summary.undecided))
        layout.addWidget(self.undecided_note)
        self.missing_note = QLabel(
            self.tr("Required components without pages:")
            + "\n• "
            + "\n• ".join(name_of(code) for code in summary.missing)
        )
        self.missing_note.setObjectName("missingNote")
        self.missing_note.setStyleSheet(_WARNING)
        self.missing_note.setWordWrap(True)
        self.missing_note.setVisible(bool(summary.missing))
        layout.addWidget(self.missing_note)
        self.reason = QLineEdit()
        self.reason.setObjectName("overrideReason")
        self.reason.setPlaceholderText(
            self.tr("To finish anyway, the reason (kept with the dossier)")
        )
        self.reason.setVisible(summary.needs_reason)
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(
            self.tr("Finish anyway (Enter)") if summary.needs_reason else self.tr("Finish (Enter)")
        )
        self.ok.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Back (Esc)"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(lambda _text: self._enable())
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._enable()
        self.resize(600, self.sizeHint().height())

    def _enable(self) -> None:
        tagged = self.summary.untagged == 0
        self.ok.setEnabled(tagged and (not self.summary.needs_reason or bool(self.reason_text())))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        (self.reason if self.summary.needs_reason else self.ok).setFocus()

    def accept(self) -> None:
        if self.ok.isEnabled():  # Enter with a reason still missing does nothing
            super().accept()

    def reason_text(self) -> str:
        return self.reason.text().strip()
