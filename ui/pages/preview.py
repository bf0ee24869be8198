"""The large preview: zoom with Ctrl+wheel or +/-, pan by dragging, and a re-crop mode in which a
dragged rectangle becomes a crop box in the processed page's own pixels."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPen, QPixmap, QShortcut
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsRectItem, QGraphicsScene, QGraphicsView

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 8.0


class PagePreview(QGraphicsView):
    recrop_requested = Signal(tuple)  # (x, y, w, h) in the processed page's pixels
    zoom_changed = Signal(float)  # screen pixels per page pixel (1.0 = 100 %)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("pagePreview")
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QColor("#505050"))
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self._item)
        self._band = QGraphicsRectItem()
        self._band.setPen(QPen(QColor("#ff9800"), 0))
        self._band.setBrush(QColor(255, 152, 0, 50))
        self._band.setVisible(False)
        self.scene().addItem(self._band)
        self._full_size = (0, 0)
        self.page_id: str | None = None  # the page shown
        self._fit = True
        self._cropping = False
        self._anchor = None
        for keys, action in (
            (("+", "="), self.zoom_in),
            (("-",), self.zoom_out),
        ):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(action)

    # content -------------------------------------------------------------------------------
    def show_image(
        self, image: QImage | None, full_size: tuple[int, int] = (0, 0), page_id: str | None = None
    ) -> None:
        """Show a page's image (None: nothing); `page_id` says which page it is."""
        self.page_id = page_id if image is not None else None
        self._item.setPixmap(QPixmap() if image is None else QPixmap.fromImage(image))
        self._full_size = full_size if image is not None else (0, 0)
        self.scene().setSceneRect(self._item.boundingRect())
        self.set_cropping(False)
        if self._fit:
            self.fit()

    def has_image(self) -> bool:
        return not self._item.pixmap().isNull()

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def page_zoom(self) -> float:
        """The zoom against the page's own pixels (the preview shows a reduced copy)."""
        shown = self._item.pixmap().width()
        return self.zoom * shown / self._full_size[0] if self._full_size[0] else self.zoom

    # zoom and pan --------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP)

    def fit(self) -> None:
        self._fit = True
        if self.has_image():
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
        self.zoom_changed.emit(self.page_zoom())

    def _zoom_by(self, factor: float) -> None:
        target = min(max(self.zoom * factor, MIN_ZOOM), MAX_ZOOM)
        self._fit = False
        self.scale(target / self.zoom, target / self.zoom)
        self.zoom_changed.emit(self.page_zoom())

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fit:
            self.fit()

    # re-crop -------------------------------------------------------------------------------
    def set_cropping(self, on: bool) -> None:
        self._cropping = on and self.has_image()
        self._band.setVisible(False)
        self.setDragMode(
            QGraphicsView.DragMode.NoDrag
            if self._cropping
            else QGraphicsView.DragMode.ScrollHandDrag
        )
        self.viewport().setCursor(
            Qt.CursorShape.CrossCursor if self._cropping else Qt.CursorShape.OpenHandCursor
        )

    @property
    def cropping(self) -> bool:
        return self._cropping

    def mousePressEvent(self, event) -> None:
        if self._cropping and event.button() == Qt.MouseButton.LeftButton:
            self._anchor = self.mapToScene(event.position().toPoint())
            self._band.setRect(QRectF(self._anchor, self._anchor))
            self._band.setVisible(True)
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._cropping and self._anchor is not None:
            point = self.mapToScene(event.position().toPoint())
            self._band.setRect(QRectF(self._anchor, point).normalized())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._cropping and self._anchor is not None:
            self._anchor = None
            self.request_crop(self._band.rect())
            return
        super().mouseReleaseEvent(event)

    def request_crop(self, scene_rect: QRectF) -> None:
        """`scene_rect` is in the preview image's pixels; the request is in the page's."""
        shown = self._item.pixmap()
        rect = scene_rect.intersected(self._item.boundingRect())
        if shown.isNull() or rect.width() < 4 or rect.height() < 4:
            self.set_cropping(False)
            return
        scale = self._full_size[0] / shown.width() if shown.width() else 1.0
        box = (
            int(rect.x() * scale),
            int(rect.y() * scale),
            max(1, int(rect.width() * scale)),
            max(1, int(rect.height() * scale)),
        )
        self.set_cropping(False)
        self.recrop_requested.emit(box)
