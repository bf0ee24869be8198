"""Sheets scanned in parts, after the fact: a stitched page separated into its parts again, or
pages of the dossier stitched into one sheet. Separating is a quick store edit (the store
thread); stitching takes seconds, so it runs on the image workers, never on the store thread
or the GUI's, with the status bar saying so. Undoing a separation stitches the parts again the
same way; undoing a stitch separates."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QLocale, QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QMessageBox, QProgressBar, QWidget

from app.stitching import PaperChoice, is_stitched, paper_choice, separate, stitch_stored
from station.errors import StationError
from station.model import DossierState, Page
from station.paper import PaperSize, parse_paper
from station.stitch import StitchError
from station.store import Store
from station.workflow import tag_pages
from ui.pages.controller import PagesController
from ui.pages.shortcuts import area_action
from ui.pages.undo import UndoStep
from ui.stitch.messages import stitch_error_text
from ui.stitch.paper_dialog import PaperDialog


@dataclass
class _Sheet:
    """One sheet as it changes: its stitched page's id (a new one each time it is stitched
    again) and its parts, so an earlier undo step still finds it."""

    page_id: str = ""
    part_ids: list[str] = field(default_factory=list)
    component: str | None = None  # the stitched page's tag when it was separated


@dataclass(frozen=True)
class _Stitching:
    sheet: _Sheet
    paper: PaperSize
    undoable: bool  # a stitch the clerk asked for; False: the undo of a separation, which
    # puts back the tag the stitched page had (a new stitch takes its first part's)


class SheetActions(QObject):
    def __init__(self, pages: PagesController, area: QWidget, window: QWidget) -> None:
        super().__init__(pages)
        self.pages = pages
        self.store = pages.store
        self._window = window
        self.separate = area_action(
            self, self.tr("Separate into its scanned parts"), "Ctrl+Shift+P",
            self.separate_current, area,
        )  # fmt: skip
        self.stitch = area_action(
            self, self.tr("Stitch the selected pages into one sheet…"), "Ctrl+Shift+G",
            self.stitch_selected, area,
        )  # fmt: skip
        self.paper_dialog: PaperDialog | None = None
        self._sheets: dict[str, _Sheet] = {}  # by stitched page id, those seen this session
        self._running: _Stitching | None = None
        self._waiting: deque[Callable[[], None]] = deque()  # what waits for the running stitch
        self.busy = _BusyIndicator()
        if isinstance(window, QMainWindow):
            window.statusBar().addPermanentWidget(self.busy)
        selection = pages.grid.selectionModel()
        selection.selectionChanged.connect(lambda *_: self.update_enabled())
        selection.currentChanged.connect(lambda *_: self.update_enabled())
        pages.pages_changed.connect(lambda _pages: self.update_enabled())
        self.update_enabled()

    def update_enabled(self) -> None:
        dossier = self.pages.dossier
        ready = dossier is not None and dossier.state is DossierState.OPEN
        current = self.pages.current_page()
        self.separate.setEnabled(ready and current is not None and is_stitched(current))
        busy = self._running is not None
        self.stitch.setEnabled(ready and not busy and len(self.pages.grid.selected_rows()) >= 2)

    # separating ------------------------------------------------------------------------------
    def separate_current(self) -> None:
        page = self.pages.current_page()
        if page is None or not self.separate.isEnabled():
            return
        store = self.store
        sheet = self._sheets.pop(page.id, None) or _Sheet(page.id)
        paper = _paper_of(page)

        def apply() -> list[Page]:
            stitched = store.page(page.id)  # as stored now: the grid may not show a tag yet
            sheet.component = stitched.component_code if stitched else page.component_code
            parts = separate(store, page.id)
            sheet.part_ids = [part.id for part in parts]
            return parts

        step = None
        if paper is not None:  # stitched again on the image workers, not the store thread
            again = _Stitching(sheet, paper, undoable=False)
            step = UndoStep(self.tr("separate into parts"), lambda: self._stitch(again),
                            starts_work=True)  # fmt: skip
        self.pages.edit(apply, undo=step, then=lambda parts: self._separated(page, parts))

    def _separated(self, page: Page, parts: list[Page]) -> None:
        self.pages.select([part.id for part in parts])
        text = self.tr("Page %1 is its %2 scanned parts again (Ctrl+Z stitches them back)")
        self._say(text.replace("%1", f"#{page.order}").replace("%2", str(len(parts))))

    # stitching -------------------------------------------------------------------------------
    def stitch_selected(self) -> None:
        chosen = self.pages.selected_pages()
        dossier = self.pages.dossier
        if len(chosen) < 2 or dossier is None or not self.stitch.isEnabled():
            return
        ids, code = [page.id for page in chosen], dossier.code
        self.pages.tasks.work(paper_choice, self.store, ids).success(
            lambda choice: self._ask_paper(code, ids, choice)
        ).failure(self.pages.error.emit).run()

    def _ask_paper(self, code: str, ids: list[str], choice: PaperChoice) -> None:
        if self.pages.dossier is None or self.pages.dossier.code != code:
            return
        dialog = PaperDialog(choice, len(ids), self._window)
        self.paper_dialog = dialog

        def chosen() -> None:
            self._stitch(_Stitching(_Sheet(part_ids=ids), dialog.chosen(), undoable=True))

        def closed(_result: int) -> None:
            self.paper_dialog = None
            dialog.deleteLater()
            self._window.activateWindow()  # Ctrl+Z and the page keys go to the window again

        dialog.accepted.connect(chosen)
        dialog.finished.connect(closed)
        dialog.open()

    def _stitch(self, job: _Stitching) -> None:
        """One sheet at a time (each holds its full-size parts in memory); the next waits."""
        if self._running is not None:
            self._waiting.append(lambda: self._stitch(job))
            return
        self._running = job
        self.update_enabled()
        tasks = self.pages.tasks
        # After every edit queued before it (the store thread is serial): a separation whose
        # undo this is has given the parts back by then.
        tasks.db(_nothing).success(lambda _: self._stitch_parts(job)).run()

    def _stitch_parts(self, job: _Stitching) -> None:
        ids = job.sheet.part_ids
        if len(ids) < 2:  # the separation failed (and said why): nothing to put back
            self._next()
            return
        short = self.tr("Stitching the %1 sheet…").replace("%1", job.paper.name)
        text = self.tr("Stitching %1 pages into one %2 sheet…")
        self.busy.start(short, text.replace("%1", str(len(ids))).replace("%2", job.paper.name))
        tasks, store, paper = self.pages.tasks, self.store, job.paper
        if job.undoable:  # a new sheet: its first part's tag
            task = tasks.work(stitch_stored, store, list(ids), paper)
        else:
            task = tasks.work(_stitch_again, store, list(ids), paper, job.sheet.component)
        task.success(lambda page: self._stitched(job, page))
        task.failure(lambda error: self._failed(job, error)).run()

    def _stitched(self, job: _Stitching, page: Page) -> None:
        sheet, store = job.sheet, self.store
        sheet.page_id = page.id
        self._sheets[page.id] = sheet
        self.pages.analyser.queue(page.id)
        step = None
        if job.undoable:  # waits for a stitch under way: it may be this sheet's, stitched again
            step = UndoStep(self.tr("stitch"), lambda: self._when_idle(
                lambda: self.pages.edit(separate, store, sheet.page_id)
            ), starts_work=True)  # fmt: skip
        on_screen = self.pages.dossier is not None and self.pages.dossier.code == page.dossier_code
        if on_screen:  # the undo list is the dossier's on screen
            self.pages.edit(_nothing, undo=step, then=lambda _: self.pages.select([page.id]))
        text = self.tr("%1 pages stitched into one %2 page (Ctrl+Z separates them again)")
        self._say(text.replace("%1", str(len(sheet.part_ids))).replace("%2", page.paper_size))
        self._next()

    def _failed(self, job: _Stitching, error: BaseException) -> None:
        self._next()
        self.pages.reload()
        if not isinstance(error, StitchError):
            self.pages.error.emit(error)
            return
        vi, en = stitch_error_text(error, self._names(job.sheet.part_ids))
        self._say(vi if QLocale().language() == QLocale.Language.Vietnamese else en)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("The pages were not stitched"),
                          f"{vi}\n\n{en}", QMessageBox.StandardButton.Ok, self._window)  # fmt: skip
        box.setObjectName("stitchRefusal")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("OK"))
        box.finished.connect(lambda _result: self._window.activateWindow())
        box.open()

    def _when_idle(self, action: Callable[[], None]) -> None:
        if self._running is None:
            action()
        else:
            self._waiting.append(action)

    def _next(self) -> None:
        self._running = None
        self.busy.stop()
        while self._waiting and self._running is None:
            self._waiting.popleft()()
        self.update_enabled()

    def _names(self, page_ids: list[str]) -> list[str]:
        """As the grid numbers them."""
        shown = {page.id: page.order for page in self.pages.pages()}
        return [f"#{shown[i]}" if i in shown else i[:8] for i in page_ids]

    def _say(self, text: str) -> None:
        if isinstance(self._window, QMainWindow):
            self._window.statusBar().showMessage(text, 10000)


class _BusyIndicator(QWidget):
    """In the status bar while a sheet is stitched: what, and a bar that moves."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("stitchBusy")
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setMaximumSize(120, 14)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self.setVisible(False)

    def start(self, text: str, tip: str) -> None:
        self.label.setText(text)
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(text) + 8)
        self.setToolTip(tip)
        self.setVisible(True)

    def stop(self) -> None:
        self.setVisible(False)


def _paper_of(page: Page) -> PaperSize | None:
    """The paper it was stitched into (stored by name, as parse_paper reads it)."""
    try:
        paper = parse_paper(page.paper_size)
    except StationError:
        return None
    return None if paper.is_auto else paper


def _stitch_again(
    store: Store, page_ids: list[str], paper: PaperSize, component: str | None
) -> Page:
    """The sheet as it was before it was separated: stitched, with its tag (None: untagged)."""
    page = stitch_stored(store, page_ids, paper)
    if component == page.component_code:
        return page
    (tagged,) = tag_pages(store, [page.id], component)
    return tagged


def _nothing() -> None:
    """A stitch is already stored: the edit lists its undo and shows the dossier as it is."""
