"""Opening the result screen (Trả kết quả) from the main window: one screen at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ui.results.screen import ResultsScreen
from ui.window.services import Services

SHORTCUT = "Ctrl+Shift+K"  # K: kết quả


def show_results_screen(parent: QWidget, services: Services) -> ResultsScreen:
    """The screen as its own window over `parent`; shown again (not duplicated) when open."""
    screen = parent.findChild(ResultsScreen)
    if screen is None:
        screen = ResultsScreen(services, parent)
        screen.setWindowFlag(Qt.WindowType.Window, True)
        screen.resize(900, 560)
    screen.show()
    screen.raise_()
    screen.activateWindow()
    screen.code.setFocus()
    return screen


def results_action(parent: QWidget, services: Services) -> QAction:
    """The menu entry "Trả kết quả / Hand over result"."""
    action = QAction(parent.tr("Hand over result…"), parent)
    action.setShortcut(QKeySequence(SHORTCUT))
    action.triggered.connect(lambda: show_results_screen(parent, services))
    return action
