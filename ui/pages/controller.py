"""The pages screen: shows the open dossier's pages as they are stored, runs the clerk's edits
through the serial store thread, keeps an undo list and feeds the preview."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QObject, Signal

from app.analysis import (
    Analysis,
    clear_failed,
    restore_blank_backs,
    skip_blank_back,
    skipped_blank_backs,
)
from app.reading import Reading, dossier_suggestions, suggestions, unread_pages
from station.model import Dossier, Page, Procedure
from station.store import Store
from station.workflow import (
    move_pages,
    recrop_page,
    replace_page,
    tag_pages,
)
from ui.events import CoreEvents, PageStored
from ui.pages.analysis import Analyser
from ui.pages.model import PAGE_ROLE, PageListModel
from ui.pages.preview import PagePreview
from ui.pages.reading import Reader
from ui.pages.thumbnails import ThumbnailCache, render_preview
from ui.pages.undo import UndoList, UndoStep
from ui.pages.view import PageGrid
from ui.tasks import Task, TaskRunner

# Fresh pages handed to their analysis in memory while fewer than this wait (an A4 page at
# 300 dpi in colour is 26 MB); beyond, each is read back from disk.
FRESH_PAGES_HELD = 4


class PagesController(QObject):
    pages_changed = Signal(list)  # the dossier's live pages, after every change
    undo_changed = Signal(str)  # label of the next undo, "" when there is none
    blank_backs_changed = Signal(int)  # blank back sides skipped in the dossier on screen
    error = Signal(object)

    def __init__(
        self,
        store: Store,
        tasks: TaskRunner,
        events: CoreEvents,
        grid: PageGrid,
        preview: PagePreview,
        profile: Callable[[], str],
        skip_blank_backs: Callable[[], bool] = lambda: True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.tasks = tasks
        self.grid = grid
        self.preview = preview
        self.thumbnails = ThumbnailCache(store, tasks, self)
        self.analyser = Analyser(store, tasks, profile, self)
        self.model = PageListModel(self.thumbnails, self.analyser.is_queued, self)
        self.reader = Reader(
            store, tasks, profile, self, analysing=lambda: self.analyser.pending > 0
        )
        self._profile = profile
        self.dossier: Dossier | None = None
        self.procedure: Procedure | None = None
        self._undo = UndoList(self.undo_changed.emit)
        self._preview_task: Task | None = None
        self._follow_new = True
        self._focus_on_load = False  # a dossier was just opened: its pages get the keyboard
        self._skip_blank_backs = skip_blank_backs
        grid.setModel(self.model)
        grid.selectionModel().currentChanged.connect(lambda *_: self._update_preview())
        self.model.move_requested.connect(self.move)
        self.analyser.analysed.connect(self._analysed)
        self.analyser.found_blank.connect(self._found_blank)
        self.analyser.waiting.connect(self.model.state_changed)
        self.reader.read.connect(self._read)
        self.analyser.titled.connect(lambda page, text: self._read(Reading(page, text)))
        events.page_stored.connect(self._stored)
        preview.recrop_requested.connect(self.recrop_current)

    # the dossier ---------------------------------------------------------------------------
    def set_dossier(self, dossier: Dossier | None, procedure: Procedure | None) -> None:
        same = (
            dossier is not None and self.dossier is not None and dossier.code == self.dossier.code
        )
        completed = same and self.procedure is None and procedure is not None
        self.dossier, self.procedure = dossier, procedure
        self.model.set_procedure(procedure)
        if not same:
            self._focus_on_load = procedure is not None  # else the form asks for one
            self.blank_backs_changed.emit(0)
            self._count_blank_backs()  # from the store: skips before a restart count too
            self.thumbnails.forget_pages()
            self._undo.clear()
            self.model.set_pages([])
            self.model.set_suggestions({}, replace=True)
            self.preview.show_image(None)
            self._load_suggestions()
        self._focus_on_load = self._focus_on_load or completed  # its pages can be tagged now
        self.reload()

    def reload(self, then: Callable[[], None] | None = None) -> None:
        """Show the dossier's pages as stored; `then` runs once they are on screen."""
        if self.dossier is None:
            self.pages_changed.emit([])
            return
        code = self.dossier.code
        self.tasks.db(self.store.pages, code).success(
            lambda pages: self._show(code, pages, then)
        ).run()

    def _show(self, code: str, pages: list[Page], then: Callable[[], None] | None = None) -> None:
        if self.dossier is None or self.dossier.code != code:
            return
        shown = {p.id: p.transforms for p in self.model.pages()}
        for page in pages:  # turned or cropped by the clerk: its text is read again
            if page.id in shown and shown[page.id] != page.transforms:
                self.reader.queue(page.id)
        self.model.set_pages(pages)
        self.pages_changed.emit(pages)
        if not self.grid.currentIndex().isValid() and self.grid.hasFocus():
            self.focus_first_untagged()  # the selected page was skipped or deleted
        self._update_preview()
        if self._focus_on_load:
            self._focus_on_load = False
            self.focus_first_untagged()
        if then is not None:
            then()

    def pages(self) -> list[Page]:
        return self.model.pages()

    # new pages -----------------------------------------------------------------------------
    def analyse_left_over(self, page_ids: list[str]) -> None:
        """At start: the pages a crash or a close left unanalysed, in the order scanned, then
        those analysed but never read."""
        self.analyser.queue_all(page_ids)
        self.tasks.db(unread_pages, self.store, self._profile()).success(
            self.reader.queue_all
        ).run()

    def _stored(self, event: PageStored) -> None:
        page = event.page
        # Every stored page, whichever dossier is on screen; from the scan's own pixels while
        # few pages wait (each held is a whole page in memory), else read back from disk.
        held = event.pixels if self.analyser.pending < FRESH_PAGES_HELD else None
        self.analyser.queue(page.id, held)
        if self.dossier is None or page.dossier_code != self.dossier.code:
            return
        if event.thumbnail is not None:
            self.thumbnails.put(page, event.thumbnail)
        self.model.upsert(page)
        if self._follow_new:
            self.grid.scrollTo(self.model.index(self.model.row_of(page.id)))
        self.pages_changed.emit(self.model.pages())
        if event.replaces is not None:
            self.edit(replace_page, self.store, event.replaces, page.id)

    def _analysed(self, page: Page, thumbnail) -> None:
        if thumbnail is not None:  # None: the analysis failed, the page is marked as such
            self.thumbnails.put(page, thumbnail)
            self.reader.queue(page.id)
        self.reader.resume()  # the last fresh page analysed: whole reads may start
        if self.model.row_of(page.id) >= 0:
            self.model.upsert(page)
            self._update_preview()

    # text and suggestions -------------------------------------------------------------------
    def _read(self, reading: Reading) -> None:
        page = reading.page
        if self.procedure is None or self.dossier is None or page.dossier_code != self.dossier.code:
            return
        found = suggestions(self.procedure, [page], {page.id: reading.text})
        self.model.set_suggestions({page.id: found.get(page.id)})  # None: a stale one goes

    def _load_suggestions(self) -> None:
        if self.dossier is None or self.procedure is None:
            return
        code, procedure = self.dossier.code, self.procedure

        def loaded(found: dict) -> None:
            if self.dossier is not None and self.dossier.code == code:
                self.model.set_suggestions(found)

        self.tasks.db(dossier_suggestions, self.store, procedure, code).success(loaded).run()

    def _found_blank(self, analysis: Analysis) -> None:
        """Whichever dossier it is of: a back side recovered at start is skipped too, and
        counted when its dossier is on screen."""
        if not self._skip_blank_backs() or analysis.page.side != "back":
            return
        code = analysis.page.dossier_code
        self.edit(
            skip_blank_back,
            self.store,
            analysis,
            then=lambda skipped: self._count_blank_backs(code) if skipped else None,
        )

    def _count_blank_backs(self, code: str | None = None) -> None:
        """Show how many back sides of the dossier on screen are skipped, as the store has it."""
        if self.dossier is None or (code is not None and code != self.dossier.code):
            return
        shown = self.dossier.code

        def counted(skipped: list[str]) -> None:
            if self.dossier is not None and self.dossier.code == shown:
                self.blank_backs_changed.emit(len(skipped))

        self.tasks.db(skipped_blank_backs, self.store, shown).success(counted).run()

    def restore_blank_backs(self) -> None:
        """Ctrl+Shift+B: the dossier's skipped back sides come back, skipped before a restart
        or not."""
        if self.dossier is None:
            return
        self.blank_backs_changed.emit(0)
        self.edit(restore_blank_backs, self.store, self.dossier.code)

    def process_again(self, page_ids: list[str]) -> None:
        """Pages whose analysis failed lose that mark and are queued again (a page that can be
        processed now, after an update or with more memory free, no longer needs a rescan)."""
        if page_ids:
            self.edit(clear_failed, self.store, page_ids, then=self.analyser.queue_all)

    # selection -----------------------------------------------------------------------------
    def selected_pages(self) -> list[Page]:
        return [self.model.page_at(row) for row in self.grid.selected_rows()]

    def selected_ids(self) -> list[str]:
        return [page.id for page in self.selected_pages()]

    def current_page(self) -> Page | None:
        index = self.grid.currentIndex()
        return index.data(PAGE_ROLE) if index.isValid() else None

    def select(self, page_ids: list[str]) -> None:
        selection = self.grid.selectionModel()
        selection.clearSelection()
        for position, page_id in enumerate(page_ids):
            row = self.model.row_of(page_id)
            if row < 0:
                continue
            flags = QItemSelectionModel.SelectionFlag.Select
            if position == 0:
                flags |= QItemSelectionModel.SelectionFlag.Current
                self.grid.scrollTo(self.model.index(row))
            selection.setCurrentIndex(self.model.index(row), flags)

    def focus_first_untagged(self) -> None:
        """The grid takes the keyboard with the first untagged page (else the last) selected,
        ready for a number key."""
        pages = self.model.pages()
        untagged = [p for p in pages if p.component_code is None]
        if untagged or pages:
            self.select([(untagged or pages[-1:])[0].id])
        self.grid.setFocus()

    def select_next_untagged(self, after: list[str]) -> None:
        """Tag and advance: the next untagged page after `after` (just tagged), wrapping round;
        when every page is tagged, the page after them."""
        pages = self.model.pages()
        done = set(after)
        rows = [row for row, page in enumerate(pages) if page.id in done]
        if not rows:
            return
        start = rows[-1] + 1
        ring = pages[start:] + pages[:start]
        following = next(
            (p for p in ring if p.component_code is None and p.id not in done),
            pages[start] if start < len(pages) else None,
        )
        if following is not None:
            self.select([following.id])

    def _update_preview(self) -> None:
        page = self.current_page()
        if self._preview_task is not None:
            self._preview_task.cancel()
            self._preview_task = None
        if page is None:
            self.preview.show_image(None)
            return
        self._preview_task = self.tasks.work(render_preview, self.store, page).urgent()
        self._preview_task.success(lambda shown, page=page: self._preview_ready(page, shown))
        self._preview_task.failure(lambda error, page=page: self._preview_failed(page, error))
        self._preview_task.run()

    def _preview_ready(self, page: Page, shown) -> None:
        current = self.current_page()
        if current is not None and current.id == page.id:
            self.preview.show_image(*shown, page_id=page.id)

    def _preview_failed(self, page: Page, error: BaseException) -> None:
        """Said, unless the page went while its preview was made (separated into its parts,
        deleted): then its file is gone on purpose and the grid is about to show why."""
        self.tasks.db(self.store.page, page.id).success(
            lambda found: self.error.emit(error) if found is not None else None
        ).run()

    # edits ---------------------------------------------------------------------------------
    def edit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        undo: UndoStep | None = None,
        then: Callable[[Any], None] | None = None,
    ) -> None:
        """Run a workflow edit on the store thread, then show the dossier as it now is (and call
        `then` with the edit's result). Its undo step is listed at once: the store thread is
        serial, so a Ctrl+Z pressed before the edit is done still runs after it (and undoes this
        edit, not the one before)."""
        if undo is not None:
            self._undo.push(undo)

        def done(result: Any) -> None:
            self.reload(None if then is None else lambda: then(result))

        def failed(error: BaseException) -> None:
            if undo is not None:
                self._undo.discard(undo)
            self.error.emit(error)
            self.reload()

        self.tasks.db(fn, *args).success(done).failure(failed).run()

    @property
    def undo_depth(self) -> int:
        """How many edits Ctrl+Z can take back now (see undo_to)."""
        return len(self._undo)

    def undo_to(self, depth: int) -> None:
        """Take back every edit listed since the undo list was `depth` long, newest first."""
        for step in self._undo.pop_to(depth):
            self._take_back(step)

    def undo(self) -> None:
        step = self._undo.pop()
        if step is not None:
            self._take_back(step)

    def _take_back(self, step: UndoStep) -> None:
        if step.starts_work:
            step.undo()
            return
        self.edit(step.undo)

    def move(self, page_ids: list[str], before_id: str | None) -> None:
        """Put the pages before another; dropped among another component's pages, they join it."""
        if self.dossier is None or not page_ids or before_id in page_ids:
            return
        code = self.dossier.code
        before = next((p for p in self.model.pages() if p.id == before_id), None)
        store = self.store

        def apply() -> None:
            if before is not None:
                moving = [store.page(page_id) for page_id in page_ids]
                if any(p is not None and p.component_code != before.component_code for p in moving):
                    tag_pages(store, page_ids, before.component_code)
            move_pages(store, code, page_ids, before_id)

        self.edit(apply)

    def move_by(self, step: int) -> None:
        """Ctrl+arrows: the selected pages one place earlier (-1) or later (+1) on screen."""
        rows = self.grid.selected_rows()
        if not rows:
            return
        pages = self.model.pages()
        ids = [pages[row].id for row in rows]
        if step < 0:
            if rows[0] == 0:
                return
            self.move(ids, pages[rows[0] - 1].id)
        elif rows[-1] + 2 < len(pages):
            self.move(ids, pages[rows[-1] + 2].id)
        elif rows[-1] + 1 < len(pages):
            last = pages[-1]
            self.move([last.id], pages[rows[0]].id)

    def recrop_current(self, box: tuple[int, int, int, int]) -> None:
        page = self.current_page()
        if page is not None:
            self.edit(recrop_page, self.store, page.id, box)
