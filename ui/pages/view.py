"""The thumbnail grid: a QListView in icon mode with uniform cells, painted by one delegate
(thumbnail, page number, a coloured badge naming the component, an annotated mark, a strip
across the thumbnail while the page waits for its analysis or when it failed). Pages
dragged inside it move; files dragged onto it from a file manager are handed on to import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from app.analysis import AnalysisState
from ui.pages.model import (
    ANALYSIS_ROLE,
    COMPONENT_ROLE,
    PAGE_MIME,
    PAGE_ROLE,
    SUGGESTION_ROLE,
    needs_rescan,
)
from ui.pages.thumbnails import THUMB_SIZE

CELL = QSize(THUMB_SIZE[0] + 16, THUMB_SIZE[1] + 44)
# One colour per checklist position (1-9 and beyond wrap), readable behind white text.
COMPONENT_COLOURS = (
    "#1565c0", "#2e7d32", "#c62828", "#6a1b9a", "#ef6c00",
    "#00838f", "#4e342e", "#ad1457", "#455a64",
)  # fmt: skip


def component_colour(rank: int) -> QColor:
    return QColor(COMPONENT_COLOURS[(rank - 1) % len(COMPONENT_COLOURS)])


class PageDelegate(QStyledItemDelegate):
    thumbnail_painted = Signal(str)  # page id, the first time its thumbnail is on screen

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._painted: set[str] = set()

    def sizeHint(self, option, index) -> QSize:
        return CELL

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        page = index.data(PAGE_ROLE)
        if page is None:
            return
        painter.save()
        rect = option.rect.adjusted(3, 3, -3, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        thumb_area = QRect(rect.left() + 5, rect.top() + 5, THUMB_SIZE[0], THUMB_SIZE[1])
        pixmap: QPixmap | None = index.data(Qt.ItemDataRole.DecorationRole)
        if pixmap is None or pixmap.isNull():
            painter.fillRect(thumb_area, QColor("#e0e0e0"))
            painter.setPen(QColor("#757575"))
            painter.drawText(thumb_area, Qt.AlignmentFlag.AlignCenter, "…")
        else:
            size = pixmap.size().scaled(thumb_area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(thumb_area.center())
            painter.drawPixmap(target, pixmap)
            painter.setPen(QColor("#9e9e9e"))
            painter.drawRect(target.adjusted(0, 0, -1, -1))
            if page.id not in self._painted:
                self._painted.add(page.id)
                self.thumbnail_painted.emit(page.id)
        self._paint_labels(painter, rect, thumb_area, index, selected, palette)
        self._paint_dpi_flag(painter, thumb_area, page)
        state = index.data(ANALYSIS_ROLE)  # Qt hands the enum back as its plain text
        self._paint_analysis(painter, thumb_area, AnalysisState(state) if state else None)
        painter.restore()

    def analysis_label(self, state: AnalysisState) -> str:
        if state is AnalysisState.PENDING:
            return self.tr("Processing") + "…"  # a glyph such as ⧗ is missing from many fonts
        return "⚠ " + self.tr("Not processed")

    def _paint_analysis(
        self, painter: QPainter, thumb_area: QRect, state: AnalysisState | None
    ) -> None:
        """Across the thumbnail's foot: grey while the page waits for its analysis (it may still
        be skewed, with the scanner bed round it), amber when the analysis failed for good."""
        if state is None:
            return
        strip = QRect(thumb_area.left(), thumb_area.bottom() - 19, thumb_area.width(), 20)
        colour = QColor("#424242") if state is AnalysisState.PENDING else QColor("#e65100")
        colour.setAlpha(215)
        painter.fillRect(strip, colour)
        painter.setPen(QColor("white"))
        font = QFont(painter.font())
        font.setBold(state is AnalysisState.FAILED)
        painter.setFont(font)
        text = painter.fontMetrics().elidedText(
            self.analysis_label(state), Qt.TextElideMode.ElideRight, strip.width() - 6
        )
        painter.drawText(strip, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_dpi_flag(self, painter: QPainter, thumb_area: QRect, page) -> None:
        """Top of the thumbnail: red "rescan" under 200 dpi, amber "dpi?" when it was guessed."""
        if needs_rescan(page):
            text, colour = self.tr("rescan %1 dpi").replace("%1", str(page.dpi)), "#c62828"
        elif page.dpi_guessed:
            text, colour = self.tr("dpi?"), "#b26a00"
        else:
            return
        width = painter.fontMetrics().horizontalAdvance(text) + 8
        flag = QRect(thumb_area.right() - width, thumb_area.top(), width, 16)
        painter.fillRect(flag, QColor(colour))
        painter.setPen(QColor("white"))
        painter.drawText(flag, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_labels(self, painter, rect, thumb_area, index, selected, palette) -> None:
        page = index.data(PAGE_ROLE)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        line = QRect(rect.left() + 5, thumb_area.bottom() + 4, rect.width() - 10, 18)
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(palette.color(text_role))
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         str(page.order))  # fmt: skip
        if page.annotated:
            painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             "✎")  # fmt: skip
        component = index.data(COMPONENT_ROLE)
        badge = QRect(line.left() + 30, line.top(), line.width() - 50, line.height())
        font.setBold(False)
        painter.setFont(font)
        if component is None:
            suggested = index.data(SUGGESTION_ROLE)
            if suggested is not None:
                self._paint_suggestion(painter, badge, suggested)
                return
            painter.setPen(QColor("#9e9e9e") if not selected else palette.color(text_role))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "—")
            return
        rank, _code, name = component
        painter.fillRect(badge, component_colour(rank))
        painter.setPen(QColor("white"))
        label = painter.fontMetrics().elidedText(
            f"{rank}. {name}", Qt.TextElideMode.ElideRight, badge.width() - 6
        )
        painter.drawText(badge.adjusted(3, 0, -3, 0), Qt.AlignmentFlag.AlignVCenter, label)

    def _paint_suggestion(self, painter: QPainter, badge: QRect, suggested) -> None:
        """An outline in the component's colour, "?" in front: not a tag until accepted."""
        rank, _code, name, high = suggested
        colour = component_colour(rank)
        painter.fillRect(badge, QColor("white"))
        pen = QPen(
            colour, 2 if high else 1, Qt.PenStyle.SolidLine if high else Qt.PenStyle.DashLine
        )
        painter.setPen(pen)
        painter.drawRect(badge.adjusted(0, 0, -1, -1))
        label = painter.fontMetrics().elidedText(
            f"? {rank}. {name}", Qt.TextElideMode.ElideRight, badge.width() - 6
        )
        painter.drawText(badge.adjusted(3, 0, -3, 0), Qt.AlignmentFlag.AlignVCenter, label)


class PageGrid(QListView):
    """Selection, drag and drop; the keys and menus are wired by the pages controller."""

    context_menu_requested = Signal(object)  # global QPoint
    files_dropped = Signal(list)  # the local files (Paths) dropped from outside, in their order

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("pageGrid")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)  # drops go to the model, not free icons
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setGridSize(CELL)
        self.setSpacing(0)
        self.setWrapping(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(100)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)  # setMovement(Static) switched it off
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(
            lambda pos: self.context_menu_requested.emit(self.viewport().mapToGlobal(pos))
        )
        self.delegate = PageDelegate(self)
        self.setItemDelegate(self.delegate)

    def dragEnterEvent(self, event) -> None:
        if _dropped_files(event.mimeData()) and not event.mimeData().hasFormat(PAGE_MIME):
            event.setDropAction(Qt.DropAction.CopyAction)  # the files stay where they are
            event.accept()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if _dropped_files(event.mimeData()) and not event.mimeData().hasFormat(PAGE_MIME):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            return
        super().dragMoveEvent(event)
        if event.mimeData().hasFormat(PAGE_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        """Pages dropped on a thumbnail go before it (after it, on its right half). The model
        turns that into a move request; nothing is removed by the view (hence CopyAction).
        Files dropped anywhere on the grid are imported after the dossier's pages."""
        mime = event.mimeData()
        if not mime.hasFormat(PAGE_MIME):
            files = _dropped_files(mime)
            if not files:
                super().dropEvent(event)
                return
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self.files_dropped.emit(files)
            return
        point = event.position().toPoint()
        index = self.indexAt(point)
        row = self.model().rowCount()
        if index.isValid():
            row = index.row() + (1 if point.x() > self.visualRect(index).center().x() else 0)
        self.model().dropMimeData(mime, Qt.DropAction.MoveAction, row, 0, QModelIndex())
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()

    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.selectionModel().selectedIndexes())


def _dropped_files(mime: QMimeData) -> list[Path]:
    """The local files a file manager's drag carries (links to web pages are not files)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
