"""Importing files in the GUI (File > Import…): app.imports' session on the scanner's thread,
into the counter's active dossier and component; pages reach the grid as scanned ones do. With
no dossier open, the first file must be the receipt: the dossier its code names opens (created
when new) and the files go there; anything else is refused with nothing stored."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.codes import ReceiptRead
from app.counter import CounterSession
from app.imports import ImportFailed, ImportSession
from station.store import Store
from ui.events import CoreEvents
from ui.scan.receipt_notice import open_receipt_dossier, receipt_text
from ui.tasks import TaskRunner

FILE_TYPES = "*.pdf *.tif *.tiff *.jpg *.jpeg *.png *.gif *.bmp"


class ImportController(QObject):
    error = Signal(object)
    message = Signal(str)
    need_dossier = Signal()
    dossier_found = Signal(object)  # the Dossier the receipt named, to make the active one
    busy_changed = Signal(bool)

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
        self.session: ImportSession | None = None
        self._receipt: ReceiptRead | None = None  # what chose the dossier of this import
        events.receipt_read.connect(self._receipt_read)
        events.page_stored.connect(lambda _event: self._progress())
        events.import_failed.connect(lambda _failed: self._progress())

    def choose(self) -> None:
        self.dialog = QFileDialog(self.window, self.tr("Import files"))
        self.dialog.setObjectName("importDialog")
        self.dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        self.dialog.setNameFilter(self.tr("Scans and documents (%1)").replace("%1", FILE_TYPES))
        self.dialog.filesSelected.connect(lambda files: self.start([Path(f) for f in files]))
        self.dialog.open()

    def start(self, paths: list[Path]) -> bool:
        if self.busy or not paths:
            return False
        self._receipt = None
        code = self.counter.code
        component = self.counter.component if code is not None else None
        session = ImportSession(self.store, code, component, self.events.post, drafts=False)
        self.session = session
        self._set_busy(True)
        self.message.emit(self.tr("Importing %1 files… (Esc stops)").replace("%1", str(len(paths))))
        self.tasks.device(session.import_paths, paths).success(
            lambda failed: self._done(session, failed)
        ).failure(self._failed).run()
        return True

    def cancel(self) -> None:
        """Esc: the import stops after the page being stored; the pages stored stay."""
        if self.busy and self.session is not None:
            self.session.cancel()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    def _progress(self) -> None:
        session = self.session
        if not self.busy or session is None:
            return
        text = self.tr("Importing… %1 pages stored, %2 files failed (Esc stops)")
        self.message.emit(
            text.replace("%1", str(len(session.pages))).replace("%2", str(len(session.failed)))
        )

    def _receipt_read(self, receipt: ReceiptRead) -> None:
        """The first page was the receipt: its dossier becomes the active one, the pages follow."""
        if not self.busy:
            return
        self._receipt = receipt
        self.message.emit(receipt_text(receipt))
        open_receipt_dossier(self.tasks, self.store, receipt, self.dossier_found.emit)

    def _done(self, session: ImportSession, failed: list[ImportFailed]) -> None:
        self._set_busy(False)
        if session.no_dossier:
            self.need_dossier.emit()
            self.message.emit(self.tr("The first page carries no dossier code: open a dossier "
                                      "first, or import its receipt first"))  # fmt: skip
            return
        text = self.tr("Imported %1 pages").replace("%1", str(len(session.pages)))
        if session.cancelled:
            text = self.tr("Import stopped: %1 pages imported are kept").replace(
                "%1", str(len(session.pages))
            )
        if failed:
            names = ", ".join(f.path.name for f in failed)
            text += " — " + self.tr("%1 files not imported: %2").replace(
                "%1", str(len(failed))
            ).replace("%2", names)
        if self._receipt is not None:
            text = f"{receipt_text(self._receipt)} — {text}"
        if failed:
            self.error.emit(failed[0].error)  # why, in its box; the line below names them all
        self.message.emit(text)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.error.emit(error)
