"""Scan > Print separator sheets… (Ctrl+P): the sheets of the active dossier's procedure, or of
the procedure chosen in the form when no dossier is open, written to a PDF the clerk names
(off the GUI thread), then opened in the system's viewer to print."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from app.separators import SheetsWritten, write_separator_sheets
from station.model import Procedure
from ui.tasks import TaskRunner
from ui.text import format_number


def default_sheets_path(procedure: Procedure) -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / f"to-phan-cach-{procedure.code}.pdf"


class SeparatorSheetsFlow(QObject):
    message = Signal(str)
    refused = Signal(str)  # no procedure to print for: said until a dossier opens
    error = Signal(object)
    written = Signal(object)  # SheetsWritten, once the file is there and handed to the viewer

    def __init__(
        self,
        window: QWidget,
        tasks: TaskRunner,
        procedure: Callable[[], Procedure | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.tasks = tasks
        self.procedure = procedure
        self.busy = False

    def start(self) -> None:
        procedure = self.procedure()
        if procedure is None:
            self.refused.emit(
                self.tr(
                    "No procedure to print separator sheets for: open a dossier that has "
                    "one, or choose a procedure in the list"
                )  # fmt: skip
            )
            return
        if self.busy:
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save the separator sheets of %1").replace("%1", procedure.code),
            str(default_sheets_path(procedure)),
            self.tr("PDF files (*.pdf)"),
        )
        if not chosen:
            return
        out = Path(chosen)
        if not out.suffix:
            out = out.with_suffix(".pdf")
        self.busy = True
        self.message.emit(self.tr("Writing the separator sheets…"))
        self.tasks.work(write_separator_sheets, procedure, out).success(self._written).failure(
            self._failed
        ).run()

    def _written(self, written: SheetsWritten) -> None:
        self.busy = False
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.path)))
        text = self.tr("%1 separator sheets saved to %2: print them from the viewer")
        self.message.emit(
            text.replace("%1", format_number(len(written.sheets))).replace("%2", str(written.path))
        )
        self.written.emit(written)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.error.emit(error)
