"""The short receipt shown once a dossier's PDFs are built, and the line saying where its files
go next."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.finishing import QueuedUpload
from app.receipt_details import ReceiptDetails, Unmet, UnmetKind
from station.workflow import FinishReceipt
from ui.text import describe_error, format_number, format_size

translate = QCoreApplication.translate


class ReceiptDialog(QDialog):
    def __init__(
        self,
        receipt: FinishReceipt,
        upload: QueuedUpload,
        parent=None,
        signer: str | None = None,
        details: ReceiptDetails | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("receiptDialog")
        self.setWindowTitle(self.tr("Dossier finished"))
        title = QLabel(self.tr("Dossier %1 is finished.").replace("%1", receipt.dossier_code))
        self.table = QTableWidget(len(receipt.files), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Component"), self.tr("File"), self.tr("Pages"), self.tr("Size")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for row, file in enumerate(receipt.files):
            cells = (
                file.component_name,
                file.file_name,
                format_number(file.pages),
                format_size(file.bytes),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        pages = sum(f.pages for f in receipt.files)
        size = sum(f.bytes for f in receipt.files)
        total = self.tr("%1 files, %2 pages, %3").replace("%1", format_number(len(receipt.files)))
        total = total.replace("%2", format_number(pages)).replace("%3", format_size(size))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table)
        layout.addWidget(QLabel(total))
        if details is not None:
            self.details_note = QLabel(details_text(details))
            self.details_note.setObjectName("receiptDetails")
            self.details_note.setWordWrap(True)
            layout.addWidget(self.details_note)
        if receipt.override_reason:
            note = QLabel(self.tr("Finished without required components. Reason: %1").replace(
                "%1", receipt.override_reason))  # fmt: skip
            note.setWordWrap(True)
            layout.addWidget(note)
        if signer:
            signed = self.tr("Every file is signed by %1.").replace("%1", signer)
        else:
            signed = self.tr("Files are not signed (digital signature not set up).")
        self.signed_note = QLabel(signed)
        self.signed_note.setObjectName("signedNote")
        layout.addWidget(self.signed_note)
        self.sync_note = QLabel(upload_note(upload))
        self.sync_note.setObjectName("syncNote")
        self.sync_note.setWordWrap(True)
        layout.addWidget(self.sync_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.accept)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(620, 320)


def details_text(details: ReceiptDetails) -> str:
    """The procedure, the chosen cases, the catalog version and what was missing, one per line."""
    lines = [
        translate("ReceiptDialog", "Procedure: %1").replace(
            "%1", f"{details.procedure.code} — {details.procedure.name}"
        )
    ]
    if details.cases:
        names = "; ".join(case.name for case in details.cases)
        lines.append(translate("ReceiptDialog", "Cases: %1").replace("%1", names))
    if details.built_in and details.catalog_version:
        version = translate("ReceiptDialog", "built-in (%1)").replace("%1", details.catalog_version)
    elif details.built_in:
        version = translate("ReceiptDialog", "built-in")
    else:
        version = details.catalog_version
    lines.append(translate("ReceiptDialog", "Catalog version: %1").replace("%1", version))
    if details.missing:
        lines.append(translate("ReceiptDialog", "Missing:"))
        lines += ["• " + unmet_text(item) for item in details.missing]
    return "\n".join(lines)


def unmet_text(item: Unmet) -> str:
    papers = [f"{n.code} {n.name}" if n.name != n.code else n.code for n in item.items]
    cases = ", ".join(n.name for n in item.items)
    if item.kind is UnmetKind.PAPER:
        return papers[0]
    if item.kind is UnmetKind.ONE_OF:
        return translate("ReceiptDialog", "one of: %1").replace(
            "%1", translate("ReceiptDialog", " or ").join(papers)
        )
    if item.kind is UnmetKind.NO_CASE:
        return translate("ReceiptDialog", "no case chosen among: %1").replace("%1", cases)
    if item.kind is UnmetKind.TWO_CASES:
        return translate("ReceiptDialog", "two cases of one kind chosen: %1").replace("%1", cases)
    return translate("ReceiptDialog", "unknown case: %1").replace("%1", item.items[0].code)


def upload_note(upload: QueuedUpload) -> str:
    """One line for the receipt and the status bar: where the dossier's files go next."""
    if upload.error is not None:
        text = translate("ReceiptDialog", "Not queued for upload: %1")
        return text.replace("%1", describe_error(upload.error))
    files = format_number(upload.files)
    if not upload.configured:
        return translate(
            "ReceiptDialog",
            "Not sent: sync not configured (sohoa sync login). %1 file(s) stay queued.",
        ).replace("%1", files)
    return translate("ReceiptDialog", "Queued for upload: %1 files").replace("%1", files)
