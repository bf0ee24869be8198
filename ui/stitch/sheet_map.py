"""The drawing of the sheet as a grid of bed-sized parts: the cells parts were laid on in green
(whatever order they came in), the part to lay down next in orange with its number, the
overlaps showing where neighbours share paper."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from station.stitch.plan import PartPlan

MARGIN = 12
DONE = QColor(46, 125, 50, 70)
NEXT = QColor(239, 108, 0, 110)
EDGE = QColor(90, 90, 90)


class SheetMap(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sheetMap")
        self.setMinimumSize(220, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._plan: PartPlan | None = None
        self._done: frozenset[int] = frozenset()
        self._next: int | None = None

    def sizeHint(self) -> QSize:
        return QSize(320, 420)

    def show_plan(self, plan: PartPlan, done: frozenset[int], next_part: int | None) -> None:
        self._plan, self._done, self._next = plan, done, next_part
        self.update()

    @property
    def done_cells(self) -> frozenset[int]:
        return self._done

    @property
    def next_cell(self) -> int | None:
        return self._next

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._plan is None:
            return
        plan = self._plan
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale = min(
            (self.width() - 2 * MARGIN) / plan.sheet_mm[0],
            (self.height() - 2 * MARGIN) / plan.sheet_mm[1],
        )
        left = (self.width() - plan.sheet_mm[0] * scale) / 2
        top = (self.height() - plan.sheet_mm[1] * scale) / 2

        def rect(x: float, y: float, w: float, h: float) -> QRectF:
            return QRectF(left + x * scale, top + y * scale, w * scale, h * scale)

        painter.fillRect(rect(0, 0, *plan.sheet_mm), QColor(250, 248, 240))
        painter.setPen(QPen(EDGE, 2))
        painter.drawRect(rect(0, 0, *plan.sheet_mm))
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(max(8.0, min(plan.bed_mm) * scale / 6))
        painter.setFont(font)
        for cell in plan.cells:
            area = rect(cell.x_mm, cell.y_mm, cell.width_mm, cell.height_mm)
            if cell.number in self._done:
                painter.fillRect(area, DONE)
            if cell.number == self._next:
                painter.fillRect(area, NEXT)
                painter.setPen(QPen(QColor(191, 54, 12), 3))
            else:
                painter.setPen(QPen(EDGE, 1, Qt.PenStyle.DashLine))
            painter.drawRect(area.adjusted(2, 2, -2, -2))
            painter.setPen(QPen(QColor(30, 30, 30)))
            label = f"✓{cell.number}" if cell.number in self._done else str(cell.number)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()
