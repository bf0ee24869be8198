"""The result pages scanned so far, as a list, and the selected one in a preview beside it:
what the clerk checks before the pages go into the signed result. The preview is rendered off
the GUI thread (ui.pages.thumbnails.render_preview, as the main grid's preview is)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from station.model import Page
from station.pipeline import transforms as tf
from station.store import Store
from ui.pages.preview import PagePreview
from ui.pages.thumbnails import render_preview
from ui.tasks import Task, TaskRunner

PAGE_ID = Qt.ItemDataRole.UserRole


class ResultPages(QObject):
    def __init__(self, store: Store, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.tasks = tasks
        self.list = QListWidget()
        self.list.setObjectName("resultPages")
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.preview = PagePreview()
        self.preview.setObjectName("resultPreview")
        self._pages: dict[str, Page] = {}
        self._shown: tuple[str, object] | None = None  # the page (id, transforms) previewed
        self._task: Task | None = None
        self.list.currentItemChanged.connect(lambda *_: self._update_preview())

    def show(self, pages: tuple[Page, ...]) -> None:
        """The pages as stored; the selection stays on the same pages, or, when they went
        (deleted), on the page that took the first one's place."""
        kept = set(self.selected_ids())
        row = self.list.currentRow()
        self._pages = {p.id: p for p in pages}
        self.list.blockSignals(True)
        self.list.clear()
        for page in pages:
            turned = _quarter_turns(page)
            mark = f"  ↻{turned * 90}°" if turned else ""
            item = QListWidgetItem(f"#{page.order}  {page.component_code}{mark}")
            item.setData(PAGE_ID, page.id)
            self.list.addItem(item)
        rows = [r for r, p in enumerate(pages) if p.id in kept]
        if not rows and pages:
            rows = [min(max(row, 0), len(pages) - 1)]
        self._select_rows(rows)
        self.list.blockSignals(False)
        self._update_preview()

    def selected_ids(self) -> list[str]:
        rows = sorted(self.list.row(item) for item in self.list.selectedItems())
        return [self.list.item(r).data(PAGE_ID) for r in rows]

    def select(self, page_ids: list[str]) -> None:
        """These pages selected, the first of them current."""
        wanted = set(page_ids)
        self.list.clearSelection()
        self._select_rows(
            [r for r in range(self.list.count()) if self.list.item(r).data(PAGE_ID) in wanted]
        )

    def _select_rows(self, rows: list[int]) -> None:
        for r in rows:
            self.list.item(r).setSelected(True)
        if rows:
            self.list.setCurrentRow(rows[0], QItemSelectionModel.SelectionFlag.Current)

    def current_page(self) -> Page | None:
        item = self.list.currentItem()
        return None if item is None else self._pages.get(item.data(PAGE_ID))

    def _update_preview(self) -> None:
        page = self.current_page()
        key = None if page is None else (page.id, page.transforms)
        if key == self._shown:
            return
        self._shown = key
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if page is None:
            self.preview.show_image(None)
            return
        self._task = self.tasks.work(render_preview, self.store, page).urgent()
        self._task.success(lambda shown, key=key: self._ready(key, shown))
        self._task.failure(lambda _error: self.preview.show_image(None))
        self._task.run()

    def _ready(self, key: tuple[str, object], shown) -> None:
        if key == self._shown:
            self.preview.show_image(*shown, page_id=key[0])


def _quarter_turns(page: Page) -> int:
    """Clockwise quarter turns from the page as scanned to the page as it will be finished."""
    turns = sum(int(t.params["rotation"]) for t in page.transforms if t.kind == tf.ORIENT)
    return turns // 90 % 4
