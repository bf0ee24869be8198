"""Importing files in the GUI (File > Import…): app.imports' session on the scanner's thread,
into the counter's active dossier and component; pages reach the grid as scanned ones do, and
the scan's progress bar and page counter follow the files. Files not imported are listed, each
with why, in the banner until the clerk dismisses it. With no dossier open, the first file must
be the receipt: the dossier its code names opens (created when new) and the files go there;
anything else is refused with nothing stored."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.codes import ReceiptRead
from app.counter import CounterSession
from app.imports import ImportFailed, ImportSession
from station.errors import StationError
from station.store import Store
from ui.events import CoreEvents, PageStored
from ui.scan.controls import ScanControls
from ui.scan.receipt_notice import open_receipt_dossier, receipt_text
from ui.status import NEED_DOSSIER
from ui.tasks import TaskRunner
from ui.text import describe_error, format_number

FILE_TYPES = "*.pdf *.tif *.tiff *.jpg *.jpeg *.png *.gif *.bmp"
REASONS_SHOWN = 4  # files whose reason the banner gives; the message box has every one


def by_name(failed: ImportFailed) -> StationError:
    """The failure's error naming the file alone (the clerk just picked it)."""
    error = failed.error
    return StationError(error.code, **{**error.params, "path": failed.path.name})


class ImportController(QObject):
    error = Signal(object)
    message = Signal(str)  # news, for the status bar
    refused = Signal(str, str)  # what the clerk must act on, and its banner cause
    # The first failure, the list for the banner, and the reason of every file (the box's).
    not_imported = Signal(object, str, str)
    need_dossier = Signal()
    dossier_found = Signal(object)  # the Dossier the receipt named, to make the active one
    busy_changed = Signal(bool)
    _file_done = Signal(int)  # from the scanner's thread: how many files are done

    def __init__(
        self,
        window: QWidget,
        controls: ScanControls,
        store: Store,
        tasks: TaskRunner,
        events: CoreEvents,
        counter: CounterSession,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.controls = controls
        self.store = store
        self.tasks = tasks
        self.events = events
        self.counter = counter
        self.dialog: QFileDialog | None = None
        self.busy = False
        self.session: ImportSession | None = None
        self._receipt: ReceiptRead | None = None  # what chose the dossier of this import
        self._refused: list[ImportFailed] = []  # files turned away before the import began
        self._total = 0
        self._done = 0
        self._stored = 0
        events.receipt_read.connect(self._receipt_read)
        events.page_stored.connect(self._page_stored)
        # Queued: the page events posted before a file ended are shown before it counts as done.
        self._file_done.connect(self._file_finished, Qt.ConnectionType.QueuedConnection)

    def choose(self) -> None:
        self.dialog = QFileDialog(self.window, self.tr("Import files"))
        self.dialog.setObjectName("importDialog")
        self.dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        self.dialog.setNameFilter(self.tr("Scans and documents (%1)").replace("%1", FILE_TYPES))
        self.dialog.filesSelected.connect(lambda files: self.start([Path(f) for f in files]))
        self.dialog.open()

    def start(self, paths: list[Path], refused: list[ImportFailed] | None = None) -> bool:
        """`refused`: files already turned away (dropped ones of another type), named with the
        files that fail when the import ends."""
        if self.busy or not paths:
            return False
        self._receipt = None
        self._refused = list(refused or [])
        code = self.counter.code
        component = self.counter.component if code is not None else None
        session = ImportSession(self.store, code, component, self.events.post, drafts=False)
        self.session = session
        self.counter.start_batch()  # no other dossier is taken up while its pages go in
        self._total, self._done, self._stored = len(paths), 0, 0
        self._set_busy(True)
        self._show_progress()
        self.message.emit(self.tr("Importing %1 files… (Esc stops)").replace("%1", str(len(paths))))
        self.tasks.device(self._import_each, session, paths).success(
            lambda _failed: self._done_with(session)
        ).failure(self._failed).run()
        return True

    def _import_each(self, session: ImportSession, paths: list[Path]) -> list[ImportFailed]:
        """On the scanner's thread: one file at a time, so the window can count them."""
        for done, path in enumerate(paths, 1):
            session.import_paths([path])
            if session.cancelled or session.no_dossier:
                break
            with contextlib.suppress(RuntimeError):  # the window is gone, the file was stored
                self._file_done.emit(done)
        return session.failed

    def cancel(self) -> None:
        """Esc: the import stops after the page being stored; the pages stored stay."""
        if self.busy and self.session is not None:
            self.session.cancel()

    def _set_busy(self, busy: bool) -> None:
        if self.busy and not busy:
            self.counter.end_batch()
        self.busy = busy
        self.controls.set_scanning(busy)
        self.controls.progress.setRange(0, max(self._total, 1))
        self.controls.progress.setValue(self._done)
        self.busy_changed.emit(busy)

    def _page_stored(self, _event: PageStored) -> None:
        if self.busy:
            self._stored += 1
            self._show_progress()

    def _file_finished(self, done: int) -> None:
        if self.busy:
            self._done = done
            self.controls.progress.setValue(done)
            self._show_progress()

    def _show_progress(self) -> None:
        text = self.tr("Files: %1 of %2 · pages stored: %3")
        self.controls.received.setText(
            text.replace("%1", format_number(self._done))
            .replace("%2", format_number(self._total))
            .replace("%3", format_number(self._stored))
        )

    def _receipt_read(self, receipt: ReceiptRead) -> None:
        """The first page was the receipt: its dossier becomes the active one, the pages follow."""
        if not self.busy:
            return
        self._receipt = receipt
        self.counter.claim_batch(receipt.dossier_code)
        self.message.emit(receipt_text(receipt))
        open_receipt_dossier(self.tasks, self.store, receipt, self.dossier_found.emit)

    def _done_with(self, session: ImportSession) -> None:
        if not session.cancelled and not session.no_dossier:
            self._done = self._total
        self._set_busy(False)
        self._show_progress()
        failed = self._refused + session.failed
        if session.no_dossier:
            self.need_dossier.emit()
            self.refused.emit(self.tr("The first page carries no dossier code: open a dossier "
                                      "first, or import its receipt first"),
                              NEED_DOSSIER)  # fmt: skip
        else:
            self.message.emit(self._summary(session, len(failed)))
        if failed:
            reasons = [f"• {describe_error(f.error)}" for f in failed]  # with the whole path
            self.not_imported.emit(failed[0].error, self._failures(failed), "\n".join(reasons))

    def _summary(self, session: ImportSession, failed: int) -> str:
        pages = str(len(session.pages))
        text = self.tr("Imported %1 pages").replace("%1", pages)
        if session.cancelled:
            text = self.tr("Import stopped: %1 pages imported are kept").replace("%1", pages)
        if failed:
            text += " — " + self.tr("%1 files not imported (listed above the pages)").replace(
                "%1", str(failed)
            )
        if self._receipt is not None:
            text = f"{receipt_text(self._receipt)} — {text}"
        return text

    def _failures(self, failed: list[ImportFailed]) -> str:
        """The names first, then the first files' reasons, one a line, each naming its file
        without its folder: a long list must not push the pages off a small screen."""
        names = ", ".join(f.path.name for f in failed)
        head = self.tr("%1 files not imported: %2").replace("%1", str(len(failed)))
        lines = [head.replace("%2", names)]
        lines += [f"• {describe_error(by_name(f))}" for f in failed[:REASONS_SHOWN]]
        if len(failed) > REASONS_SHOWN:
            more = self.tr("… and %1 more: every reason is in the message box (Show Details)")
            lines.append(more.replace("%1", str(len(failed) - REASONS_SHOWN)))
        return "\n".join(lines)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.error.emit(error)
