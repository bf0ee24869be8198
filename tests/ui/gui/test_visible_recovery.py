"""Closing during a scan asks first: keep working, or stop and keep the pages stored so far."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.gui.flow import WAIT_MS, choose_scan, open_new_dossier

CODE = "000.00.15.H29-250101-0061"


def test_closing_during_a_scan_asks_and_keeps_the_pages(qtbot, window, store) -> None:
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Vũ Văn N", "001090000006")
    choose_scan(window, dpi=100, source="adf", options="sheets=20 delay=0.05")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: len(store.pages(CODE)) >= 1, timeout=WAIT_MS)

    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    guard = window.close_guard
    qtbot.waitUntil(lambda: guard.box is not None and guard.box.isVisible(), timeout=WAIT_MS)
    qtbot.keyClick(guard.box, Qt.Key.Key_Escape)  # keep working
    qtbot.waitUntil(lambda: not guard.box.isVisible(), timeout=WAIT_MS)
    assert window.isVisible() and window.scan.scanning

    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: guard.box is not None and guard.box.isVisible(), timeout=WAIT_MS)
    qtbot.mouseClick(guard.stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    assert not window.scan.scanning
    kept = store.pages(CODE)
    assert 1 <= len(kept) < 20
