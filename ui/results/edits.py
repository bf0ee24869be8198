"""The clerk's edits to result pages before the result is finished: tag, delete and rotate,
each undone by Ctrl+Z. The station's page edits (station.workflow, as the main page grid uses them),
run on the serial store thread. A page turned before it was analysed is analysed then, the turn
kept (app.analysis), so that finishing still crops and straightens it: finishing replays a
page's transforms as they are once the clerk has edited it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.analysis import analyse_page
from station.store import Store
from station.workflow import delete_pages, restore_pages, rotate_page, tag_pages
from ui.pages.undo import UndoList, UndoStep, tags_back
from ui.tasks import TaskRunner


class ResultEdits(QObject):
    edited = Signal()  # after every edit or undo, done or failed: show the pages as stored
    undo_changed = Signal(str)  # label of the next undo, "" when there is none
    failed = Signal(object)  # BaseException

    def __init__(
        self,
        store: Store,
        tasks: TaskRunner,
        profile: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.tasks = tasks
        self._profile = profile
        self._undo = UndoList(self.undo_changed.emit)

    def tag(self, page_ids: list[str], code: str, before: dict[str, str | None]) -> None:
        """The pages tagged `code`; undone, each gets its tag `before` back."""
        if not page_ids:
            return
        store = self.store
        step = UndoStep(self.tr("tag"), lambda: tags_back(store, before))
        self._edit(tag_pages, store, page_ids, code, undo=step)

    def delete(self, page_ids: list[str]) -> None:
        if page_ids:
            store = self.store
            step = UndoStep(self.tr("delete"), lambda: restore_pages(store, page_ids))
            self._edit(delete_pages, store, page_ids, undo=step)

    def rotate(self, page_ids: list[str], quarter_turns: int) -> None:
        if not page_ids:
            return
        store = self.store

        def turn(turns: int) -> None:
            for page_id in page_ids:
                rotate_page(store, page_id, turns)

        step = UndoStep(self.tr("rotate"), lambda: turn(-quarter_turns))
        self._edit(turn, quarter_turns, undo=step, then=lambda: self._analyse(page_ids))

    @property
    def undo_depth(self) -> int:
        return len(self._undo)

    def undo_to(self, depth: int) -> None:
        """Take back every edit listed since the undo list was `depth` long, newest first."""
        for step in self._undo.pop_to(depth):
            self._edit(step.undo)

    def undo(self) -> None:
        step = self._undo.pop()
        if step is not None:
            self._edit(step.undo)

    def forget(self) -> None:
        """Another dossier, or the result finished: its pages are no longer to be edited."""
        self._undo.clear()

    def _analyse(self, page_ids: list[str]) -> None:
        """Off the GUI thread; a page analysed already, deleted or edited meanwhile is left."""
        store, profile = self.store, self._profile()

        def analyse() -> None:
            for page_id in page_ids:
                analyse_page(store, page_id, profile)

        self.tasks.work(analyse).success(lambda _none: self.edited.emit()).failure(
            self.failed.emit
        ).run()

    def _edit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        undo: UndoStep | None = None,
        then: Callable[[], None] | None = None,
    ) -> None:
        """Listed at once: the store thread is serial, so a Ctrl+Z pressed before the edit is
        done still runs after it and undoes this edit."""
        if undo is not None:
            self._undo.push(undo)

        def failed(error: BaseException) -> None:
            if undo is not None:
                self._undo.discard(undo)
            self.failed.emit(error)
            self.edited.emit()

        def done(_result: Any) -> None:
            self.edited.emit()
            if then is not None:
                then()

        self.tasks.db(fn, *args).success(done).failure(failed).run()
