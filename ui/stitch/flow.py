"""Scanning in parts from the window: opens the dialog for a paper larger than the bed, scans one
part at a time on the scanner's thread, checks and previews it on a worker (app.stitching), and
stores the assembled page with an undo step that gives the parts back."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from app.analysis import shrink
from app.capture import CaptureRequest, CaptureSession, PageCaptured, ScanEnded, ScanProgress
from app.counter import CounterSession
from app.stitching import (
    PartAccepted,
    PartRefused,
    PartsSession,
    separate_unless_done,
    sheet_plan,
)
from drivers.bridge import Bridge
from drivers.contract import ScanSettings, Source, parse_options
from station.model import Page
from station.paper import parse_paper
from station.stitch import StitchError
from station.stitch.coverage import Coverage, incomplete
from station.stitch.plan import PartPlan
from station.store import Store
from ui.events import CoreEvents
from ui.pages.controller import PagesController
from ui.pages.thumbnails import to_qimage
from ui.pages.undo import UndoStep
from ui.stitch.dialog import PartsDialog
from ui.stitch.messages import stitch_error_text
from ui.tasks import TaskRunner
from ui.text import describe_error

PREVIEW_LONGEST = 900  # pixels: the dialog's preview never needs more


@dataclass(frozen=True)
class _Offered:
    outcome: PartAccepted | PartRefused
    preview: QImage | None
    coverage: Coverage | None  # of the parts kept, None when there are none


@dataclass(frozen=True)
class _Progress:
    """Where the sheet stands: the grid cells the parts lie on, the one to scan next."""

    done: frozenset[int]
    next_part: int | None  # None once the parts cover the sheet
    complete: bool


def progress_of(plan: PartPlan, coverage: Coverage | None) -> _Progress:
    if coverage is None:
        return _Progress(frozenset(), plan.cells[0].number, False)
    done = frozenset(coverage.cells)
    if coverage.complete:
        return _Progress(done, None, True)
    bare = [n for n in coverage.missing if n not in done] or list(coverage.missing)
    return _Progress(done, bare[0] if bare else None, False)


class PartsFlow(QObject):
    stitched = Signal(object)  # the stored page assembled from the parts
    error = Signal(object)
    _progress = Signal(object)  # ScanProgress, from the scanner's thread

    def __init__(
        self,
        bridge: Bridge,
        store: Store,
        tasks: TaskRunner,
        events: CoreEvents,
        counter: CounterSession,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._store = store
        self._tasks = tasks
        self._events = events
        self._counter = counter
        self._parent = parent
        self._pages: PagesController | None = None
        self.dialog: PartsDialog | None = None
        self._session: PartsSession | None = None
        self._plan: PartPlan | None = None
        self._coverage: Coverage | None = None
        self._request: tuple[str, str, ScanSettings] | None = None  # device, dossier, settings
        self._capture: CaptureSession | None = None
        self._progress.connect(self._show_progress)

    def use_pages(self, pages: PagesController) -> None:
        """The window's pages screen: it shows the dossier after a change and holds the undo."""
        self._pages = pages

    # the dialog ------------------------------------------------------------------------------
    def open(self, device: str, settings: ScanSettings, bed_mm: tuple[float, float],
             options: str) -> None:  # fmt: skip
        code = self._counter.code
        if code is None:
            return
        self._plan = sheet_plan(settings.paper, bed_mm)
        self._coverage = None
        self._session = PartsSession(self._store, settings.paper, plan=self._plan)
        self._request = (device, code, settings)
        dialog = PartsDialog(self._parent)
        self.dialog = dialog
        dialog.options.setText(options)
        dialog.heading.setText(self._heading(settings, bed_mm))
        dialog.scan_button.clicked.connect(self.scan_part)
        dialog.scan_requested.connect(self.scan_part)
        dialog.remove_button.clicked.connect(self.take_back)
        dialog.assemble_button.clicked.connect(self.assemble)
        dialog.assemble_requested.connect(self.assemble)
        dialog.finished.connect(self._closed)
        dialog.show_preview(None)
        self._refresh(busy=False)
        dialog.open()
        dialog.activateWindow()
        dialog.options.setFocus()

    def _heading(self, settings: ScanSettings, bed_mm: tuple[float, float]) -> str:
        plan = self._plan
        assert plan is not None
        text = self.tr(
            "%1 (%2×%3 mm) is larger than the bed (%4×%5 mm): it is scanned in %6 parts, "
            "%7 across and %8 down, each overlapping its neighbours by at least a fifth. "
            "Parts may come in any order, turned or shifted."
        )
        values = (settings.paper.name, f"{plan.sheet_mm[0]:g}", f"{plan.sheet_mm[1]:g}",
                  f"{bed_mm[0]:g}", f"{bed_mm[1]:g}", str(len(plan.cells)), str(plan.columns),
                  str(plan.rows))  # fmt: skip
        for number, value in enumerate(values, start=1):
            text = text.replace(f"%{number}", value)
        return text

    def _refresh(self, busy: bool) -> None:
        dialog, plan, session = self.dialog, self._plan, self._session
        if dialog is None or plan is None or session is None:
            return
        done = len(session.parts)
        total = len(plan.cells)
        progress = progress_of(plan, self._coverage if done else None)
        dialog.sheet_map.show_plan(plan, progress.done, progress.next_part)
        if progress.next_part is not None:
            text = self.tr(
                "Lay part %1 of %2 on the glass where the drawing shows it (orange), then press F5."
            )
            text = text.replace("%1", str(progress.next_part)).replace("%2", str(total))
        elif done >= total:
            text = self.tr("All %1 parts are in. Press Ctrl+Enter to assemble the sheet.")
            text = text.replace("%1", str(total))
        else:  # neighbours already cover the parts not scanned
            text = self.tr("The parts cover the whole sheet. Press Ctrl+Enter to assemble it.")
        dialog.instruction.setText(text)
        # Ctrl+Enter on an incomplete sheet says which parts are missing, so it stays enabled
        dialog.set_busy(busy, can_assemble=done >= 2, can_remove=done > 0)

    def _closed(self, _result: int) -> None:
        if self._capture is not None:
            self._capture.cancel()
        self.dialog = None
        self._parent.window().activateWindow()  # Ctrl+Z and F5 go to the window again

    # scanning a part -------------------------------------------------------------------------
    def scan_part(self) -> None:
        dialog, request = self.dialog, self._request
        if dialog is None or request is None or not dialog.scan_button.isEnabled():
            return
        device, code, settings = request
        try:
            words = [w for w in re.split(r"[\s,;]+", dialog.options.text()) if w]
            part_settings = replace(
                settings, paper=parse_paper("auto"), source=Source.FLATBED, count=1,
                options=parse_options(words),
            )  # fmt: skip
        except Exception as exc:  # a malformed option: said in the dialog, nothing scanned
            dialog.show_message(describe_error(exc), refusal=True)
            return
        target = self._counter.target_for(code)
        capture_request = CaptureRequest(device, part_settings, target, keep_small=True)
        capture = CaptureSession(self._bridge, self._store, capture_request, self._forward)
        self._capture = capture
        dialog.show_message("", refusal=False)
        self._refresh(busy=True)
        self._tasks.device(capture.run).success(
            lambda ended: self._scanned(capture, ended)
        ).failure(self._failed).run()

    def _forward(self, event: object) -> None:
        """Scanner thread: the window's grid shows the part at once; progress is ours."""
        if isinstance(event, PageCaptured):
            self._events.post(event)
        elif isinstance(event, ScanProgress):
            self._progress.emit(event)

    def _show_progress(self, event: ScanProgress) -> None:
        if self.dialog is not None and event.fraction is not None:
            self.dialog.progress.setRange(0, 100)
            self.dialog.progress.setValue(round(100 * event.fraction))

    def _scanned(self, capture: CaptureSession, ended: ScanEnded) -> None:
        self._capture = None
        if ended.error is not None or not capture.pages:
            if ended.error is not None and self.dialog is not None:
                self.dialog.show_message(describe_error(ended.error), refusal=True)
            self._refresh(busy=False)
            return
        self._tasks.work(self._offer, capture.pages[0]).success(self._offered).failure(
            self._failed
        ).run()

    def _offer(self, page: Page) -> _Offered:
        """Worker thread: the overlap check, then the preview of every part so far."""
        session = self._session
        assert session is not None
        outcome = session.offer(page)
        if isinstance(outcome, PartRefused):
            return _Offered(outcome, None, self._coverage)
        return _Offered(outcome, *_previewed(session))

    def _offered(self, offered: _Offered) -> None:
        dialog = self.dialog
        outcome = offered.outcome
        if dialog is not None:
            if isinstance(outcome, PartRefused):
                dialog.show_message(
                    self.tr(
                        "This part overlaps none of the parts scanned so far, so it was not "
                        "used. Lay it so it shares at least a fifth of its paper with a part "
                        "already scanned (or check it belongs to this sheet), then press F5 "
                        "again."
                    ),
                    refusal=True,
                )
            else:
                text = self.tr("Part %1 received and placed.").replace("%1", str(outcome.parts))
                dialog.show_message(text, refusal=False)
                dialog.parts.addItem(self.tr("Part %1").replace("%1", str(outcome.parts)))
                dialog.show_preview(offered.preview)
        self._coverage = offered.coverage
        if isinstance(outcome, PartRefused) and self._pages is not None:
            self._pages.reload()
        self._refresh(busy=False)

    def take_back(self) -> None:
        """The last part leaves the sheet and the dossier, to be scanned again."""
        session = self._session
        if session is None or not session.parts or self.dialog is None:
            return
        last = session.parts[-1].id
        self._refresh(busy=True)

        def remove() -> tuple[QImage | None, Coverage | None]:  # worker thread
            session.remove(last)
            return _previewed(session)

        def done(left: tuple[QImage | None, Coverage | None]) -> None:
            image, self._coverage = left
            if self.dialog is not None:
                self.dialog.parts.takeItem(self.dialog.parts.count() - 1)
                self.dialog.show_preview(image)
            if self._pages is not None:
                self._pages.reload()
            self._refresh(busy=False)

        self._tasks.work(remove).success(done).failure(self._failed).run()

    # assembling ------------------------------------------------------------------------------
    def assemble(self) -> None:
        session, dialog = self._session, self.dialog
        if session is None or dialog is None or not dialog.assemble_button.isEnabled():
            return
        coverage = self._coverage
        if coverage is not None and not coverage.complete:  # the parts stay; scan those missing
            error = incomplete(coverage, session.paper.name)
            dialog.show_message("\n".join(stitch_error_text(error, [])), refusal=True)
            return
        dialog.show_message(self.tr("Assembling the sheet at full resolution…"), refusal=False)
        self._refresh(busy=True)
        self._tasks.work(session.assemble).success(self._assembled).failure(self._failed).run()

    def _assembled(self, page: Page) -> None:
        store = self._store
        if self._pages is not None:
            step = UndoStep(self.tr("assemble parts"), lambda: separate_unless_done(store, page.id))
            self._pages.edit(_nothing, undo=step)  # lists the undo, shows the dossier as it is
        if self.dialog is not None:
            self.dialog.accept()
        self.stitched.emit(page)

    def _failed(self, error: BaseException) -> None:
        self._capture = None
        if isinstance(error, StitchError):  # the dialog says why; the parts stay as pages
            if self.dialog is not None and self._session is not None:
                names = [f"#{page.order}" for page in self._session.parts]
                self.dialog.show_message("\n".join(stitch_error_text(error, names)), True)
            self._refresh(busy=False)
            return
        if self.dialog is not None:
            self.dialog.show_message(describe_error(error), refusal=True)
        self._refresh(busy=False)
        self.error.emit(error)


def _previewed(session: PartsSession) -> tuple[QImage | None, Coverage | None]:
    """Worker thread: the parts kept, assembled small, and how they cover the sheet."""
    preview = session.preview()
    if preview is None:
        return None, None
    return to_qimage(shrink(preview.image, PREVIEW_LONGEST, PREVIEW_LONGEST)), preview.coverage


def _nothing() -> None:
    """The stitched page is already stored; the edit only records its undo."""
