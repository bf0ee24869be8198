"""The dossier's pages as a list model, in scan (dossier) order: tagging a page paints it but
does not move it. Grouped on request: by component (checklist order, untagged last), dossier
order within a component. The model never writes: drops become requests."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.analysis import AnalysisState, analysis_state
from station.model import Page, Procedure
from station.pdf.options import EncodeOptions
from station.suggest import Suggestion
from ui.pages.thumbnails import ThumbnailCache

PAGE_MIME = "application/x-sohoa-pages"
PAGE_ROLE = Qt.ItemDataRole.UserRole + 1
COMPONENT_ROLE = Qt.ItemDataRole.UserRole + 2  # (1-based rank, code, name) or None
# What an untagged page's text suggests: (1-based rank, code, name, high confidence) or None
SUGGESTION_ROLE = Qt.ItemDataRole.UserRole + 3
# Where the page's analysis stands, when the clerk must see it: PENDING while it waits for its
# analysis, FAILED when the analysis could not be done (the page shows as scanned); else None.
ANALYSIS_ROLE = Qt.ItemDataRole.UserRole + 4

Index = QModelIndex | QPersistentModelIndex
MIN_DPI = EncodeOptions().min_dpi  # below it a page is upsampled: a rescan is better


def needs_rescan(page: Page) -> bool:
    return page.dpi < MIN_DPI


def page_warnings(page: Page) -> list[str]:
    """What the grid's tooltip and the preview say about a page that may need a rescan: its
    analysis failed, or its resolution is low or guessed."""
    notes = []
    if analysis_state(page) is AnalysisState.FAILED:
        notes.append(analysis_note(AnalysisState.FAILED))
    if needs_rescan(page):
        text = QCoreApplication.translate(
            "PageListModel", "Rescan: %1 dpi is below the %2 dpi the rules ask for"
        )
        notes.append(text.replace("%1", str(page.dpi)).replace("%2", str(MIN_DPI)))
    if page.dpi_guessed:
        if page.file_dpi:
            text = QCoreApplication.translate(
                "PageListModel", "Resolution guessed (%1 dpi); the file claimed %2 dpi"
            )
            text = text.replace("%2", str(page.file_dpi))
        else:
            text = QCoreApplication.translate(
                "PageListModel", "Resolution guessed (%1 dpi): the file did not say"
            )
        notes.append(text.replace("%1", str(page.dpi)))
    return notes


def analysis_note(state: AnalysisState) -> str:
    """What the grid's tooltip and the preview say about a page still waiting or failed."""
    if state is AnalysisState.PENDING:
        return QCoreApplication.translate(
            "PageListModel", "Processing: straightening and cropping are not done yet"
        )
    return QCoreApplication.translate(
        "PageListModel",
        "Could not be processed — rescan? It shows as scanned; Ctrl+E tries the processing again",
    )


def pages_to_mime(page_ids: list[str]) -> QMimeData:
    mime = QMimeData()
    mime.setData(PAGE_MIME, QByteArray("\n".join(page_ids).encode()))
    return mime


def pages_from_mime(mime: QMimeData) -> list[str]:
    if not mime.hasFormat(PAGE_MIME):
        return []
    return [line for line in bytes(mime.data(PAGE_MIME).data()).decode().split("\n") if line]


class PageListModel(QAbstractListModel):
    move_requested = Signal(list, object)  # page ids, the page to put them before (None: end)

    def __init__(
        self,
        thumbnails: ThumbnailCache,
        analysing: Callable[[str], bool] = lambda _page_id: False,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._thumbnails = thumbnails
        self._analysing = analysing  # is this page waiting for its analysis?
        self._pages: list[Page] = []
        self._procedure: Procedure | None = None
        self._ranks: dict[str, int] = {}
        self._grouped = False
        self._suggestions: dict[str, Suggestion] = {}
        thumbnails.ready.connect(self._thumbnail_ready)

    # reading -------------------------------------------------------------------------------
    def pages(self) -> list[Page]:
        return list(self._pages)

    def page_at(self, row: int) -> Page:
        return self._pages[row]

    def row_of(self, page_id: str) -> int:
        return next((r for r, p in enumerate(self._pages) if p.id == page_id), -1)

    def component_rank(self, code: str | None) -> int | None:
        return self._ranks.get(code) if code else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._pages)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._pages):
            return None
        page = self._pages[index.row()]
        if role == PAGE_ROLE:
            return page
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnails.get(page)
        if role == COMPONENT_ROLE:
            return self._component_of(page)
        if role == SUGGESTION_ROLE:
            return self.suggestion_for(page)
        if role == ANALYSIS_ROLE:
            return self.analysis_of(page)
        if role == Qt.ItemDataRole.DisplayRole:
            return str(page.order)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(page)
        return None

    def _component_of(self, page: Page) -> tuple[int, str, str] | None:
        if self._procedure is None or not page.component_code:
            return None
        component = self._procedure.component(page.component_code)
        if component is None:
            return None
        return self._ranks[component.code], component.code, component.name

    def suggestion_for(self, page: Page) -> tuple[int, str, str, bool] | None:
        """Shown only while the page is untagged; the clerk's tag always wins."""
        hit = self._suggestions.get(page.id)
        if hit is None or page.component_code or self._procedure is None:
            return None
        component = self._procedure.component(hit.component_code)
        if component is None:
            return None
        return self._ranks[component.code], component.code, component.name, hit.high

    def analysis_of(self, page: Page) -> AnalysisState | None:
        if analysis_state(page) is AnalysisState.FAILED:
            return AnalysisState.FAILED
        return AnalysisState.PENDING if self._analysing(page.id) else None

    def _tooltip(self, page: Page) -> str:
        component = self._component_of(page)
        name = (
            component[2] if component else QCoreApplication.translate("PageListModel", "not tagged")
        )
        text = QCoreApplication.translate("PageListModel", "Page %1 — %2 — %3 dpi")
        text = text.replace("%1", str(page.order)).replace("%2", name)
        text = text.replace("%3", str(page.dpi))
        suggested = self.suggestion_for(page)
        if suggested is not None:
            hint = QCoreApplication.translate(
                "PageListModel", "Suggested from its title: %1 (Enter accepts)"
            )
            text += "\n" + hint.replace("%1", f"{suggested[0]}. {suggested[2]}")
        if page.annotated:
            text += "\n" + QCoreApplication.translate(
                "PageListModel", "Annotated copy of the next page"
            )
        if self.analysis_of(page) is AnalysisState.PENDING:
            text += "\n" + analysis_note(AnalysisState.PENDING)
        return "\n".join([text, *(f"⚠ {note}" for note in page_warnings(page))])

    # drag and drop ------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [PAGE_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        return pages_to_mime([self._pages[row].id for row in rows])

    def dropMimeData(self, data, action, row: int, column: int, parent: Index) -> bool:
        ids = pages_from_mime(data)
        if not ids or action == Qt.DropAction.IgnoreAction:
            return False
        target = parent.row() if parent.isValid() else row
        before = self._pages[target].id if 0 <= target < len(self._pages) else None
        self.move_requested.emit(ids, before)
        return False  # the controller moves the pages in the store; the view removes nothing

    # writing -------------------------------------------------------------------------------
    def set_procedure(self, procedure: Procedure | None) -> None:
        self._procedure = procedure
        self._ranks = (
            {c.code: i for i, c in enumerate(procedure.components, 1)} if procedure else {}
        )

    @property
    def grouped(self) -> bool:
        return self._grouped

    def set_grouped(self, grouped: bool) -> None:
        self._grouped = grouped
        self.set_pages(list(self._pages))

    def _sort_key(self, page: Page) -> tuple[int, int]:
        if not self._grouped:
            return 0, page.order
        rank = self._ranks.get(page.component_code or "", len(self._ranks) + 1)
        return rank, page.order

    def set_pages(self, pages: list[Page]) -> None:
        """Show these pages: rows that stay are moved, not rebuilt, so selections survive."""
        target = sorted(pages, key=self._sort_key)
        wanted = {p.id for p in target}
        for row in reversed(range(len(self._pages))):
            if self._pages[row].id not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._pages[row]
                self.endRemoveRows()
        present = {p.id for p in self._pages}
        kept = [p for p in target if p.id in present]
        old_ids = [p.id for p in self._pages]
        if [p.id for p in kept] != old_ids:
            self.layoutAboutToBeChanged.emit()
            new_rows = {p.id: r for r, p in enumerate(kept)}
            persistent = self.persistentIndexList()
            moved = [self.index(new_rows[old_ids[index.row()]]) for index in persistent]
            self._pages = kept
            self.changePersistentIndexList(persistent, moved)
            self.layoutChanged.emit()
        else:
            self._pages = kept
        if self._pages:
            self.dataChanged.emit(self.index(0), self.index(len(self._pages) - 1))
        for row, page in enumerate(target):
            if page.id not in present:
                self.beginInsertRows(QModelIndex(), row, row)
                self._pages.insert(row, page)
                self.endInsertRows()

    def set_suggestions(self, found: dict[str, Suggestion | None], replace: bool = False) -> None:
        """None takes a page's suggestion away (its new text matches nothing); `replace`:
        these are all the dossier's suggestions (it was just opened)."""
        if replace:
            self._suggestions = {}
        for page_id, hit in found.items():
            if hit is None:
                self._suggestions.pop(page_id, None)
            else:
                self._suggestions[page_id] = hit
        for page_id in found:
            row = self.row_of(page_id)
            if row >= 0:
                index = self.index(row)
                self.dataChanged.emit(index, index, [SUGGESTION_ROLE])

    def upsert(self, page: Page) -> None:
        others = [p for p in self._pages if p.id != page.id]
        self.set_pages([*others, page])

    def state_changed(self, page_id: str) -> None:
        """The page's analysis was queued, or ended: its mark on the grid is painted again."""
        row = self.row_of(page_id)
        if row >= 0:
            index = self.index(row)
            self.dataChanged.emit(index, index, [ANALYSIS_ROLE, Qt.ItemDataRole.ToolTipRole])

    def _thumbnail_ready(self, page_id: str) -> None:
        row = self.row_of(page_id)
        if row >= 0:
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
