"""Opening the result screen (Trả kết quả) from the main window: one screen at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ui.results.screen import ResultsScreen
from ui.window.services import Services


def show_results_screen(parent: QWidget, services: Services) -> ResultsScreen:
    """The screen as its own window over `parent`; shown again (not duplicated) when open."""
    screen = parent.findChild(ResultsScreen)
    if screen is None:
        screen = ResultsScreen(services, parent)
        screen.setWindowFlag(Qt.WindowType.Window, True)
        screen.resize(1200, 680)  # the page list, the preview and the awaiting list side by side
    elif not screen.isVisible():
        screen.controller.refresh_awaiting()  # dossiers finished while it was closed
    screen.show()
    screen.raise_()
    screen.activateWindow()
    screen.code.setFocus()
    return screen


def hide_results_screen(parent: QWidget) -> None:
    """The window locks or its clerk leaves: the screen goes out of sight (it keeps its state)."""
    screen = parent.findChild(ResultsScreen)
    if screen is not None:
        screen.hide()
