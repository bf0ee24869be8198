"""What covers the window while nobody is signed in or it is locked: an opaque sheet over the
whole window, so no applicant's name, number or page shows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class LockSheet(QWidget):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockSheet")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QWidget#lockSheet { background: #263238; } QLabel { color: white; }")
        self.label = QLabel()
        self.label.setObjectName("lockLabel")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.label.setFont(font)
        QVBoxLayout(self).addWidget(self.label)
        self._window = window
        window.installEventFilter(self)
        self.hide()

    def cover(self, text: str) -> None:
        self.label.setText(text)
        self.setGeometry(self._window.rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._window.rect())
        return False
