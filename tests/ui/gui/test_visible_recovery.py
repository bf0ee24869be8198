"""Closing during a scan asks first: keep working, or stop and keep the pages stored so far;
during a finish, the window closes once the dossier's files are built."""

from __future__ import annotations

from PySide6.QtCore import Qt

from station.model import DossierState
from tests.ui.gui.flow import WAIT_MS, choose_scan, open_new_dossier, scan_with_f5

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


def test_closing_during_a_finish_asks_and_closes_once_the_files_are_built(
    qtbot, window, store
) -> None:
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Vũ Văn N", "001090000006")
    choose_scan(window, dpi=300, source="adf", options="sheets=4")
    scan_with_f5(qtbot, window, 4)
    for key in (Qt.Key.Key_1, Qt.Key.Key_6, Qt.Key.Key_1, Qt.Key.Key_2):  # nothing missing
        qtbot.keyClick(window.grid, key)
    qtbot.waitUntil(lambda: all(p.component_code for p in store.pages(CODE)), timeout=WAIT_MS)
    finish = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_F, finish)
    qtbot.waitUntil(lambda: window.finish.summary is not None
                    and window.finish.summary.isVisible(), timeout=WAIT_MS)  # fmt: skip
    qtbot.keyClick(window.finish.summary, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.finish.busy, timeout=WAIT_MS)  # four 300 dpi colour pages

    # The progress dialog holds the keyboard: the window's close button in the title bar.
    window.close()
    guard = window.close_guard
    qtbot.waitUntil(lambda: guard.box is not None and guard.box.isVisible(), timeout=WAIT_MS)
    assert "PDF files are being built" in guard.box.text()
    qtbot.mouseClick(guard.stop, Qt.MouseButton.LeftButton)  # close when done
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=120000)
    assert not window.finish.busy
    assert store.dossier(CODE).state is DossierState.FINISHED
    assert len(store.dossier_files(CODE)) == 3
