"""Finishing a dossier: check the required components (a missing one needs a reason), build the
PDFs on a worker with progress, hand the dossier to the upload queue, show the receipt."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.finishing import (
    FinishOutcome,
    FinishSummary,
    SigningContext,
    finish,
    finish_summary,
    is_signing_error,
    signing_context,
)
from station.catalog import Catalog
from station.model import Procedure
from station.store import Store
from station.workflow.signing import PinCache
from ui.events import CoreEvents, FinishProgress
from ui.finish.dialog import ReceiptDialog
from ui.finish.signing import PinDialog, ask_secret
from ui.finish.summary import SummaryDialog
from ui.tasks import TaskRunner


class FinishController(QObject):
    finished = Signal(object, object)  # FinishReceipt, QueuedUpload
    error = Signal(object)
    busy_changed = Signal(bool)

    def __init__(
        self,
        window: QWidget,
        store: Store,
        catalog: Catalog,
        tasks: TaskRunner,
        events: CoreEvents,
        dossier_code: Callable[[], str | None],
        procedure: Callable[[], Procedure | None],
        profile: Callable[[], str],
        before_finish: Callable[[], None],
        wake_uploads: Callable[[], None],
        pins: PinCache,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.store = store
        self.catalog = catalog
        self.tasks = tasks
        self.events = events
        self._dossier_code = dossier_code
        self._procedure = procedure
        self._profile = profile
        self._before_finish = before_finish
        self._wake_uploads = wake_uploads
        self.summary: SummaryDialog | None = None
        self.override: SummaryDialog | None = None  # the summary, when a reason is needed
        self.progress: QProgressDialog | None = None
        self.receipt: ReceiptDialog | None = None
        self.pin_dialog: PinDialog | None = None
        self.pins = pins  # this shift's PIN, in memory only
        self.busy = False
        events.finish_progress.connect(self._progress)

    def start(self) -> None:
        """The summary first (read off the GUI thread); Enter on it builds the PDFs."""
        code = self._dossier_code()
        if code is None or self.busy:
            return
        self.tasks.db(finish_summary, self.store, self.catalog, code, self._profile()).success(
            self._summarised
        ).failure(self.error.emit).run()

    def _summarised(self, summary: FinishSummary) -> None:
        if summary.dossier_code != self._dossier_code() or self.busy:
            return  # another dossier meanwhile
        if self.summary is not None:
            self.summary.deleteLater()
        dialog = SummaryDialog(summary, self._component_name, self.window)
        self.summary = dialog
        self.override = dialog if summary.needs_reason else None
        code = summary.dossier_code
        dialog.accepted.connect(lambda: self._build(code, dialog.reason_text() or None))
        dialog.rejected.connect(self.window.activateWindow)  # back to the pages, keys and all
        dialog.open()

    def _component_name(self, code: str) -> str:
        """A requirement's label as the clerk reads it: "TP2|TP3" is one of two papers."""
        if "|" in code:
            return " / ".join(self._component_name(part) for part in code.split("|"))
        procedure = self._procedure()
        if procedure is None:
            return code
        found = procedure.component(code) or procedure.case(code)  # a flag the clerk ticks
        return f"{found.name} ({code})" if found is not None else code

    def _build(self, code: str, reason: str | None) -> None:
        """Signing set up: the PIN first (unless this shift's is held), then the PDFs."""
        self.tasks.db(signing_context, self.store, code).success(
            lambda context: self._ask_pin(code, reason, context)
        ).failure(self.error.emit).run()

    def _ask_pin(self, code: str, reason: str | None, context: SigningContext) -> None:
        dialog = ask_secret(
            self.pins,
            context.setup,
            self.window,
            lambda secret: self._build_signed(code, reason, context, secret),
        )
        if dialog is not None:
            self.pin_dialog = dialog

    def _build_signed(
        self, code: str, reason: str | None, context: SigningContext, secret: str
    ) -> None:
        self._before_finish()
        self._set_busy(True)
        self.progress = QProgressDialog(self.tr("Building the PDF files…"), "", 0, 0, self.window)
        self.progress.setObjectName("finishProgress")
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.show()
        events = self.events
        self.tasks.work(
            finish,
            self.store,
            self.catalog,
            code,
            secret=lambda: secret,
            wake=self._wake_uploads,
            context=context,
            profile=self._profile(),
            override_reason=reason,
            workers=os.cpu_count(),
            progress=lambda done, total: events.post(FinishProgress(done, total)),
        ).success(self._done).failure(self._failed).run()

    def _progress(self, event: FinishProgress) -> None:
        dialog = self.progress
        if dialog is None:
            return
        dialog.setLabelText(
            self.tr("Building the PDF files… page %1 of %2")
            .replace("%1", str(event.done))
            .replace("%2", str(event.total))
        )
        dialog.setRange(0, max(event.total, 1))
        # Last: a modal progress dialog runs the event loop here, where Finish may end.
        dialog.setValue(event.done)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self._set_busy(False)

    def _done(self, outcome: FinishOutcome) -> None:
        self._close_progress()
        self.receipt = ReceiptDialog(
            outcome.receipt, outcome.upload, self.window, outcome.signer, outcome.details
        )
        self.receipt.open()
        self.finished.emit(outcome.receipt, outcome.upload)

    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        if is_signing_error(error):
            self.pins.forget()  # a wrong PIN or a removed token: ask again next time
        self.error.emit(error)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)
