"""Refusals and errors stay above the pages until the clerk acts: F5 with no dossier open is
refused until a dossier is opened (or the warning dismissed); a scanner's error stays after its
message box is closed, until dismissed. The status bar's news still goes by itself."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.gui.flow import WAIT_MS, choose_scan, open_new_dossier

CODE = "000.00.15.H29-250101-0081"
STATUS_MESSAGE_MS = 8000  # what a status bar message lasts


def test_f5_with_no_dossier_is_refused_until_a_dossier_is_opened(qtbot, window, store) -> None:
    banner = window.banner
    choose_scan(window, dpi=75, source="adf", options="sheets=1")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "Open a dossier first" in banner.text.text(), timeout=WAIT_MS)
    assert banner.isVisible()
    qtbot.waitUntil(window.dossier_panel.code.hasFocus, timeout=WAIT_MS)
    qtbot.wait(STATUS_MESSAGE_MS + 1500)  # longer than any status bar message stays
    assert banner.isVisible() and "Open a dossier first" in banner.text.text()

    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Trần Văn R", "001090000008")
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=WAIT_MS)  # done what it asked

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.dossier.code is None, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "Open a dossier first" in banner.text.text(), timeout=WAIT_MS)
    qtbot.mouseClick(banner.dismiss, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    assert len(store.pages(CODE)) == 0  # nothing went into the parked dossier


def test_a_scanner_error_stays_after_its_box_is_closed_until_dismissed(qtbot, window) -> None:
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Trần Văn R", "001090000008")
    choose_scan(window, dpi=75, source="adf", options="sheets=5 jam_after=2")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=WAIT_MS)
    banner = window.banner
    assert banner.isVisible() and "jam" in banner.text.text().lower()
    box = window.findChild(QMessageBox, "errorBox")
    box.activateWindow()  # a window manager does this; the offscreen platform does not
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box, timeout=WAIT_MS)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is None, timeout=WAIT_MS)
    qtbot.wait(STATUS_MESSAGE_MS + 1500)
    assert banner.isVisible() and "jam" in banner.text.text().lower()
    window.activateWindow()
    qtbot.mouseClick(banner.dismiss, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
