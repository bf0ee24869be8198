"""Importing files in the GUI (File > Import…): app.imports' session on the scanner's thread,
into the counter's active dossier and component; pages reach the grid as scanned ones do."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.counter import CounterSession
from app.imports import ImportFailed, ImportSession
from station.store import Store
from ui.events import CoreEvents
from ui.tasks import TaskRunner

FILE_TYPES = "*.pdf *.tif *.tiff *.jpg *.jpeg *.png *.gif *.bmp"


class ImportController(QObject):
    error = Signal(object)
    message = Signal(str)
    need_dossier = Signal()

    def __init__(
        self,
        window: QWidget,
        store: Store,
        tasks: TaskRunner,
        events: CoreEvents,
        counter: CounterSession,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.store = store
        self.tasks = tasks
        self.events = events
        self.counter = counter
        self.dialog: QFileDialog | None = None
        self.busy = False

    def choose(self) -> None:
        if self.counter.code is None:
            self.need_dossier.emit()
            return
        self.dialog = QFileDialog(self.window, self.tr("Import files"))
        self.dialog.setObjectName("importDialog")
        self.dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        self.dialog.setNameFilter(self.tr("Scans and documents (%1)").replace("%1", FILE_TYPES))
        self.dialog.filesSelected.connect(lambda files: self.start([Path(f) for f in files]))
        self.dialog.open()

    def start(self, paths: list[Path]) -> bool:
        code = self.counter.code
        if code is None:
            self.need_dossier.emit()
            return False
        if self.busy or not paths:
            return False
        self.busy = True
        session = ImportSession(self.store, code, self.counter.component, self.events.post)
        self.tasks.device(session.import_paths, paths).success(
            lambda failed: self._done(session, failed)
        ).failure(self._failed).run()
        return True

    def _done(self, session: ImportSession, failed: list[ImportFailed]) -> None:
        self.busy = False
        text = self.tr("Imported %1 pages").replace("%1", str(len(session.pages)))
        self.message.emit(text)
        if failed:
            self.error.emit(failed[0].error)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.error.emit(error)
