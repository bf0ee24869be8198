"""Tagging: the sticky component every new page goes to until another is picked (kept by the
counter session), number keys 1-9 (checklist order; 0 untags) for the selected pages, then on
to the next untagged page; drops onto the checklist."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from app.counter import CounterSession
from station.dossiers import checklist_rows, untagged_pages
from station.model import Page, Procedure
from station.workflow.checks import undecided_groups
from ui.pages.actions import PageActions
from ui.tagging.checklist import ChecklistWidget


class TaggingController(QObject):
    sticky_changed = Signal(object)  # component code or None

    def __init__(
        self,
        checklist: ChecklistWidget,
        actions: PageActions,
        area: QWidget,
        window: QWidget,
        counter: CounterSession,
    ) -> None:
        super().__init__(actions)
        self.checklist = checklist
        self.actions = actions
        self.counter = counter
        self.procedure: Procedure | None = None
        self._pages: list[Page] = []
        checklist.component_picked.connect(self.set_sticky)
        checklist.pages_dropped.connect(actions.tag)
        actions.pages.pages_changed.connect(self.show_pages)
        self.tag_actions: list[QAction] = []  # listed in the Pages menu, renamed per procedure
        self.pick_actions: list[QAction] = []
        for key in range(10):
            tag = QAction(self)
            tag.setShortcut(QKeySequence(str(key)))
            tag.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            tag.triggered.connect(lambda _=False, key=key: self.key_pressed(key))
            area.addAction(tag)
            self.tag_actions.append(tag)
            pick = QAction(self)
            pick.setShortcut(QKeySequence(f"Alt+{key}"))
            pick.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            pick.triggered.connect(lambda _=False, key=key: self.set_sticky(self.code_for(key)))
            window.addAction(pick)
            self.pick_actions.append(pick)
        self._name_actions()

    @property
    def sticky(self) -> str | None:
        return self.counter.component

    def set_procedure(self, procedure: Procedure | None) -> None:
        """The counter session has already kept or reset the component for the new dossier."""
        self.procedure = procedure
        self._name_actions()
        self.set_sticky(self.counter.component)
        self.show_pages([])

    def _name_actions(self) -> None:
        """Menu texts name the components of the open dossier's procedure; keys past its last
        component do nothing (they stay visible: a hidden action would let the key through to
        the grid's type-ahead)."""
        components = self.procedure.components if self.procedure is not None else ()
        for key, (tag, pick) in enumerate(zip(self.tag_actions, self.pick_actions, strict=True)):
            if key == 0:
                tag.setText(self.tr("Untag the selected pages"))
                pick.setText(self.tr("New pages: not tagged"))
                continue
            component = components[key - 1] if key <= len(components) else None
            name = f"{component.code} · {component.name[:40]}" if component else "—"
            tag.setText(self.tr("Tag as %1, then the next untagged page").replace("%1", name))
            pick.setText(self.tr("New pages go to %1").replace("%1", name))

    def set_sticky(self, code: str | None) -> None:
        if self.counter.dossier is not None:
            self.counter.set_component(code)
        self.checklist.set_sticky(code)
        self.sticky_changed.emit(code)

    def code_for(self, key: int) -> str | None:
        """Key 1 is the checklist's first component; 0 (or a key past the end) is none."""
        if self.procedure is None or not 1 <= key <= len(self.procedure.components):
            return None
        return self.procedure.components[key - 1].code

    def key_pressed(self, key: int) -> None:
        if self.procedure is None or key > len(self.procedure.components):
            return
        code = self.code_for(key)
        ids = self.actions.pages.selected_ids()
        if ids:
            self.actions.tag(ids, code)
            self.actions.pages.select_next_untagged(ids)
        else:
            self.set_sticky(code)

    def keys_state(self) -> Callable[[], None]:
        """What the page area's keys may change from now on (tags, the selection, the
        component new pages go to), to put back by calling what this returns."""
        pages, sticky = self.actions.pages, self.sticky
        depth, selected = pages.undo_depth, pages.selected_ids()

        def put_back() -> None:
            pages.undo_to(depth)
            pages.select(selected)
            if self.sticky != sticky:
                self.set_sticky(sticky)

        return put_back

    def show_pages(self, pages: list[Page]) -> None:
        self._pages = pages
        if self.procedure is None:
            self.checklist.clear()
            return
        dossier = self.counter.dossier
        cases = dossier.cases if dossier is not None else ()
        undecided = [
            (group, [c.name for c in self.procedure.cases if c.group == group])
            for group in undecided_groups(self.procedure, cases)
        ]
        self.checklist.show_rows(
            checklist_rows(self.procedure, pages, cases), untagged_pages(pages), undecided
        )

    def cases_changed(self) -> None:
        self.show_pages(self._pages)
