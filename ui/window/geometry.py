"""Where the counter window opens: maximised on a small screen (every pixel counts at 1366×768),
else where the clerk left it."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtWidgets import QMainWindow

SMALL_SCREEN = QSize(1600, 900)


def is_small(screen: QSize) -> bool:
    return screen.width() < SMALL_SCREEN.width() or screen.height() < SMALL_SCREEN.height()


def show_window(window: QMainWindow, saved: str) -> None:
    """`saved` is what `saved_geometry` returned last time ("" for none)."""
    screen = window.screen().availableGeometry().size()
    if is_small(screen):
        window.showMaximized()
        return
    if saved:
        window.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))
    window.show()


def saved_geometry(window: QMainWindow) -> str | None:
    """What to remember at close; None on a small screen, where the window is maximised."""
    if is_small(window.screen().availableGeometry().size()):
        return None
    return bytes(window.saveGeometry().toBase64().data()).decode("ascii")
