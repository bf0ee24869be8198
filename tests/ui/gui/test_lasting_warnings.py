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


def test_the_banner_is_dismissed_by_keys_and_its_esc_leaves_the_scan_running(qtbot, window) -> None:
    banner = window.banner
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Trần Văn R", "001090000008")
    choose_scan(window, dpi=75, source="adf", options="sheets=6 delay=0.5")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.scan.scanning, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # refused
    assert banner.isVisible() and "wait for the scan" in banner.text.text()

    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert banner.dismiss.hasFocus()  # the ✕ sits just before the pages
    qtbot.keyClick(banner.dismiss, Qt.Key.Key_Escape)
    assert not banner.isVisible()
    assert window.scan.scanning  # that Esc was the banner's, not the window's "cancel scan"
    assert window.grid.hasFocus()  # the keyboard goes back to the pages
    qtbot.keyClick(window.grid, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.scan.scanning, timeout=WAIT_MS)

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.dossier.code is None, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_F5)  # no dossier: refused in the banner
    qtbot.waitUntil(lambda: "Open a dossier first" in banner.text.text(), timeout=WAIT_MS)
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.dossier_panel.code, Qt.Key.Key_X, shift_ctrl)
    assert not banner.isVisible()
    assert window.dossier_panel.code.hasFocus()  # from elsewhere, the keyboard stays put


def test_f1_lists_the_key_that_dismisses_the_banner(qtbot, window) -> None:
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_F1)
    overlay = window.shortcuts
    qtbot.waitUntil(overlay.isVisible, timeout=WAIT_MS)
    table = overlay.table
    rows = [[table.item(row, col).text() for col in range(3)] for row in range(table.rowCount())]
    assert ["View", "Dismiss the warning above the pages", "Ctrl+Shift+X"] in rows
