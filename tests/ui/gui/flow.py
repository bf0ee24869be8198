"""Steps a clerk takes, driven through the real widgets with keys where a clerk uses keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QListView

from ui.scan.controls import select_data

WAIT_MS = 30000


def type_text(widget, text: str) -> None:
    """Key presses carrying text, as a Vietnamese input method delivers it (QTest's keyClicks
    only knows ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def open_new_dossier(qtbot, window, code: str, search: str, applicant: str, id_number: str):
    panel = window.dossier_panel
    qtbot.keyClicks(panel.code, code)
    qtbot.keyClick(panel.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.search.hasFocus(), timeout=WAIT_MS)
    qtbot.keyClicks(panel.search, search)
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    type_text(panel.applicant, applicant)
    qtbot.keyClick(panel.applicant, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.id_number, id_number)
    qtbot.keyClick(panel.id_number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossier.code == code, timeout=WAIT_MS)


def choose_scan(window, *, dpi: int, source: str, options: str, paper: str = "A4") -> None:
    controls = window.scan_controls
    controls.set_paper(paper)
    assert select_data(controls.dpi, dpi)
    assert select_data(controls.source, source)
    controls.options.setText(options)


def scan_with_f5(qtbot, window, expected_total: int) -> None:
    qtbot.keyClick(window.grid, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.scan.scanning, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.scan.scanning, timeout=WAIT_MS)
    assert window.last_error is None, window.last_error
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == expected_total, timeout=WAIT_MS)


# Settling includes the background reading (OCR) and encoding of every page, a second of CPU
# or more per page: on a machine shared with other work that takes minutes, not seconds.
SETTLE_MS = 180000


def settle(qtbot, window) -> None:
    """Analysis done and every queued store call answered."""
    qtbot.waitUntil(lambda: window.pages.analyser.pending == 0, timeout=SETTLE_MS)
    qtbot.waitUntil(lambda: window.services.tasks.busy == 0, timeout=SETTLE_MS)


def press_on_grid(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    window.grid.setFocus()
    qtbot.keyClick(window.grid, key, modifier)


def open_finish_summary(qtbot, window) -> None:
    """Ctrl+Shift+F, as the clerk finishes: the summary comes up before anything is built."""
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(
        lambda: window.finish.summary is not None and window.finish.summary.isVisible(),
        timeout=WAIT_MS,
    )


def pick_file(qtbot, dialog, path: Path) -> None:
    """In an open file dialog: the file's path pasted into its name, Enter; the dialog closes."""
    name = _paste_path(qtbot, dialog, path)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)


def _paste_path(qtbot, dialog, path: Path) -> QLineEdit:
    """The file dialog made active, `path` pasted into its file name field (returned)."""
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    dialog.activateWindow()  # a window manager does this; the offscreen platform does not
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    name.setFocus()
    QApplication.clipboard().setText(str(path))
    qtbot.keyClick(name, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    return name


def import_with_ctrl_i(qtbot, window, folder: Path) -> None:
    """The clerk presses Ctrl+I, pastes the folder's path into the file name and presses Enter,
    selects all its files (Ctrl+A, in name order) and presses Enter again."""
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.importer.dialog is not None, timeout=WAIT_MS)
    dialog = window.importer.dialog
    name = _paste_path(qtbot, dialog, folder)
    popup = name.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=WAIT_MS)  # the folder offered: close the offer
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.directory().path() == str(folder), timeout=WAIT_MS)
    files = dialog.findChild(QListView, "listView")
    qtbot.waitUntil(lambda: files.model().rowCount(files.rootIndex()) > 0, timeout=WAIT_MS)
    files.setFocus()
    qtbot.keyClick(files, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
