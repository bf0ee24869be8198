"""Closing the window while a scan, an import or a finish is under way: ask first. "Stop"
cancels the scan or the import (every page already stored stays) or lets the finish complete;
then the window closes."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton

from ui.finish.controller import FinishController
from ui.scan.controller import ScanController
from ui.scan.importing import ImportController


class CloseGuard(QObject):
    def __init__(
        self,
        window: QMainWindow,
        scan: ScanController,
        importer: ImportController,
        finish: FinishController,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.scan = scan
        self.importer = importer
        self.finish = finish
        self.confirmed = False
        self.box: QMessageBox | None = None
        self.stop: QPushButton | None = None

    def busy(self) -> bool:
        return self.scan.scanning or self.importer.busy or self.finish.busy

    def holds(self) -> bool:
        """True: the window must stay open for now (the clerk is asked)."""
        if self.confirmed or not self.busy():
            return False
        if self.box is None or not self.box.isVisible():
            self._ask()
        return True

    def _ask(self) -> None:
        if self.scan.scanning:
            text = self.tr("A scan is running. Stop it and close? The pages stored so far stay.")
            stop_text = self.tr("Stop and keep the pages")
        elif self.importer.busy:
            text = self.tr("Files are being imported. Stop and close? The pages stored so far "
                           "stay.")  # fmt: skip
            stop_text = self.tr("Stop and keep the pages")
        else:
            text = self.tr("The dossier's PDF files are being built. Close once they are done?")
            stop_text = self.tr("Close when done")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("SoHoa Station"), text,
                          QMessageBox.StandardButton.NoButton, self.window)  # fmt: skip
        box.setObjectName("closeBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.stop = box.addButton(stop_text, QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Keep working"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        self.stop.clicked.connect(self._stop_then_close)
        self.box = box
        box.open()

    def _stop_then_close(self) -> None:
        self.confirmed = True
        self.scan.cancel()
        self.importer.cancel()
        self.scan.scanning_changed.connect(lambda _on: self._close_if_idle())
        self.importer.busy_changed.connect(lambda _on: self._close_if_idle())
        self.finish.busy_changed.connect(lambda _busy: self._close_if_idle())
        self._close_if_idle()

    def _close_if_idle(self) -> None:
        if not self.busy():
            self.window.close()
