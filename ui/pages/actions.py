"""What a clerk can do to pages, as actions with shortcuts and a context menu. Each edit goes
through the workflow services; deletes, turns, tags, marks and stitches can be undone (Ctrl+Z).
Separating a stitched page and stitching pages are `ui.pages.sheets`'."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from app.analysis import AnalysisState, analysis_state
from station.model import Page
from station.workflow import (
    delete_pages,
    mark_annotated,
    move_pages,
    reset_processing,
    restore_pages,
    rotate_page,
    tag_pages,
)
from ui.pages.controller import PagesController
from ui.pages.sheets import SheetActions
from ui.pages.shortcuts import area_action
from ui.pages.undo import UndoStep, tags_back


class PageActions(QObject):
    rescan_requested = Signal(str)  # the page to replace with a fresh scan

    def __init__(self, pages: PagesController, area: QWidget, window: QWidget) -> None:
        super().__init__(pages)
        self.pages = pages
        self.store = pages.store
        make = self._action
        self.rotate_right = make(self.tr("Rotate right"), "R", lambda: self.rotate(1), area)
        self.rotate_left = make(self.tr("Rotate left"), "Shift+R", lambda: self.rotate(-1), area)
        self.delete = make(self.tr("Delete"), QKeySequence.StandardKey.Delete, self.delete_selected,
                           area)  # fmt: skip
        self.move_earlier = make(self.tr("Move earlier"), "Ctrl+Left", lambda: pages.move_by(-1),
                                 area)  # fmt: skip
        self.move_later = make(self.tr("Move later"), "Ctrl+Right", lambda: pages.move_by(1), area)
        self.recrop = make(self.tr("Re-crop…"), "C", self.start_recrop, area)
        self.reset = make(self.tr("Undo processing"), "Ctrl+Shift+R", self.reset_selected, area)
        self.process_again = make(self.tr("Process again (pages not processed)"), "Ctrl+E",
                                  lambda: pages.process_again(pages.selected_ids()),
                                  area)  # fmt: skip
        self.annotated = make(self.tr("Annotated copy of the previous page"), "A",
                              self.toggle_annotated, area)  # fmt: skip
        self.rescan = make(self.tr("Rescan and replace"), "Ctrl+R", self.rescan_current, area)
        self.sheets = SheetActions(pages, area, window)
        # On the grid only: Enter in a text field elsewhere in the area keeps its own meaning.
        self.accept_suggestion = make(self.tr("Accept the suggested component"), "Return",
                                      self.accept_suggestions, pages.grid)  # fmt: skip
        self.accept_suggestion.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.undo = make(self.tr("Undo"), QKeySequence.StandardKey.Undo, pages.undo, window)
        self.undo.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.undo.setEnabled(False)
        pages.undo_changed.connect(self._undo_label)
        pages.grid.context_menu_requested.connect(self.show_menu)

    def _action(self, text: str, keys, slot: Callable[[], None], widget: QWidget) -> QAction:
        return area_action(self, text, keys, slot, widget)

    def page_actions(self) -> list[QAction]:
        return [
            self.accept_suggestion, self.rotate_right, self.rotate_left, self.recrop, self.reset,
            self.process_again, self.annotated, self.sheets.separate, self.sheets.stitch,
            self.move_earlier, self.move_later, self.rescan, self.delete,
        ]  # fmt: skip

    def _undo_label(self, label: str) -> None:
        self.undo.setEnabled(bool(label))
        self.undo.setText(self.tr("Undo %1").replace("%1", label) if label else self.tr("Undo"))

    # edits ---------------------------------------------------------------------------------
    def rotate(self, quarter_turns: int) -> None:
        ids = self.pages.selected_ids()
        if not ids:
            return
        store = self.store

        def turn(turns: int) -> None:
            for page_id in ids:
                rotate_page(store, page_id, turns)

        label = self.tr("rotate")
        self.pages.edit(turn, quarter_turns, undo=UndoStep(label, lambda: turn(-quarter_turns)))

    def delete_selected(self) -> None:
        ids = self.pages.selected_ids()
        if ids:
            step = UndoStep(self.tr("delete"), lambda: restore_pages(self.store, ids))
            self.pages.edit(delete_pages, self.store, ids, undo=step)

    def tag(self, page_ids: list[str], component_code: str | None) -> None:
        chosen = [p for p in self.pages.pages() if p.id in set(page_ids)]
        if not chosen:
            return
        store = self.store
        before = {p.id: p.component_code for p in chosen}
        step = UndoStep(self.tr("tag"), lambda: tags_back(store, before))
        self.pages.edit(tag_pages, store, list(before), component_code, undo=step)

    def accept_suggestions(self) -> None:
        """The selected untagged pages take the components their titles suggest (one undo
        step); then on to the next untagged page, as a number key does."""
        chosen = self.pages.selected_pages()
        by_code: dict[str, list[str]] = {}
        for page in chosen:
            suggested = self.pages.model.suggestion_for(page)
            if suggested is not None:
                by_code.setdefault(suggested[1], []).append(page.id)
        if not by_code:
            return
        store = self.store
        tagged = [page_id for ids in by_code.values() for page_id in ids]

        def accept() -> None:
            for code, ids in by_code.items():
                tag_pages(store, ids, code)

        step = UndoStep(self.tr("tag"), lambda: tag_pages(store, tagged, None))
        self.pages.edit(accept, undo=step)
        self.pages.select_next_untagged(tagged)

    def reset_selected(self) -> None:
        for page in self.pages.selected_pages():
            self.pages.edit(reset_processing, self.store, page.id)

    def start_recrop(self) -> None:
        if self.pages.current_page() is not None:
            self.pages.preview.set_cropping(True)
            self.pages.preview.setFocus()

    def toggle_annotated(self) -> None:
        """The current page is the clerk's annotated copy of the page shown before it; the
        workflow wants the annotated copy first, so it also moves in front of that page."""
        page = self.pages.current_page()
        if page is None:
            return
        store, code = self.store, page.dossier_code
        if page.annotated:
            step = UndoStep(self.tr("mark"), lambda: mark_annotated(store, page.id, True))
            self.pages.edit(mark_annotated, store, page.id, False, undo=step)
            return
        previous = self._previous_in_component(page)

        def mark() -> None:
            mark_annotated(store, page.id, True)
            if previous is not None:
                move_pages(store, code, [page.id], previous.id)

        undo = UndoStep(self.tr("mark"), lambda: mark_annotated(store, page.id, False))
        self.pages.edit(mark, undo=undo)

    def _previous_in_component(self, page: Page) -> Page | None:
        shown = self.pages.pages()
        row = next(r for r, p in enumerate(shown) if p.id == page.id)
        if row == 0 or shown[row - 1].component_code != page.component_code:
            return None
        return shown[row - 1]

    def rescan_current(self) -> None:
        page = self.pages.current_page()
        if page is not None:
            self.rescan_requested.emit(page.id)

    # menu ----------------------------------------------------------------------------------
    def show_menu(self, at: QPoint) -> None:
        if not self.pages.selected_ids():
            return
        menu = self.build_menu()
        menu.popup(at)

    def build_menu(self) -> QMenu:
        menu = QMenu(self.pages.grid)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        states = {analysis_state(page) for page in self.pages.selected_pages()}
        first = [self.process_again, self.rescan] if AnalysisState.FAILED in states else []
        if first:  # what a page that could not be processed needs, on top
            menu.addActions(first)
            menu.addSeparator()
        procedure = self.pages.procedure
        if procedure is not None:
            tag_menu = menu.addMenu(self.tr("Assign to component"))
            ids = self.pages.selected_ids()
            for rank, component in enumerate(procedure.components, 1):
                action = tag_menu.addAction(f"{rank}. {component.name}")
                action.triggered.connect(lambda _=False, code=component.code: self.tag(ids, code))
            menu.addSeparator()
        for action in self.page_actions():
            if action in first:
                continue
            if action is self.sheets.separate:
                menu.addSeparator()
            menu.addAction(action)
            if action is self.sheets.stitch:
                menu.addSeparator()
        menu.addSeparator()
        menu.addAction(self.undo)
        return menu
