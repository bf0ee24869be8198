"""What the screenshot scripts share: waiting on the event loop, typing like a clerk, and a
picture of a window with its open dialogs drawn where they stand (offscreen, each top-level
window is painted apart)."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import QApplication, QWidget


def wait_until(condition, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(condition)
        QCoreApplication.processEvents()
        time.sleep(0.01)


def settle(rounds: int = 50) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents()
        time.sleep(0.02)


def type_into(widget: QWidget, text: str) -> None:
    """Key presses carrying text, as a Vietnamese input method delivers them (QTest's keyClicks
    knows only ASCII)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def save_with_dialogs(window: QWidget, dialogs: list[QWidget], out: Path) -> None:
    """The window as the clerk sees it, each dialog centred on it as a window manager would."""
    picture = window.grab()
    painter = QPainter(picture)
    for dialog in dialogs:
        if dialog.isVisible():
            x = (window.width() - dialog.width()) // 2
            y = (window.height() - dialog.height()) // 3
            painter.drawPixmap(x, y, dialog.grab())
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    picture.save(str(out), "PNG")
