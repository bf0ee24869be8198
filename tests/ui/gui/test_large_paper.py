"""A paper larger than the scanner's bed: the clerk is offered the connected scanner whose bed
takes it, importing a file, or scanning in parts, and chooses with the keyboard."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.gui.flow import WAIT_MS, choose_scan, open_new_dossier, settle

CODE = "000.00.15.H29-250103-0031"
SCREENSHOT = os.environ.get("SOHOA_LARGE_PAPER_SCREENSHOT")  # a path: save the choice there
LARGE = "virtual:a0"


def _ask(qtbot, window, paper: str, device: str = "virtual"):
    """The clerk picks the paper on the A4 scanner and presses F5: the choice comes up."""
    open_new_dossier(qtbot, window, CODE, "ket hon", "Ngô Mai", "")
    controls = window.scan_controls
    controls.device.setCurrentIndex(controls.device.findData(device))
    qtbot.waitUntil(lambda: controls.dpi.findData(75) >= 0, timeout=WAIT_MS)
    choose_scan(window, dpi=75, source="flatbed", options="", paper=paper)
    window.activateWindow()  # the window manager gives the window the keyboard back
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.scan.large.dialog is not None, timeout=WAIT_MS)
    dialog = window.scan.large.dialog
    dialog.activateWindow()  # a window manager does this; the offscreen platform does not
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    assert not window.scan.scanning and window.scan.parts.dialog is None
    return dialog


def _screenshot(qtbot, window, dialog) -> None:
    window.resize(1366, 768)
    qtbot.wait(200)
    dialog.adjustSize()
    dialog.grab().save(str(Path(SCREENSHOT)))
    window.grab().save(str(Path(SCREENSHOT).with_suffix(".window.png")))


def test_a0_on_the_a4_scanner_offers_the_large_one_and_enter_scans_one_a0_page_there(
    qtbot, window, store
) -> None:
    dialog = _ask(qtbot, window, "A0")
    assert list(dialog.device_buttons) == [LARGE]  # the A3 flatbed does not take A0
    offered = dialog.device_buttons[LARGE]
    assert "Virtual large-format scanner" in offered.text() and offered.text().startswith("1")
    assert dialog.default_button() is offered and offered.hasFocus()
    assert "A0 (841×1189 mm)" in dialog.heading.text()
    assert "215.9×297 mm" in dialog.heading.text()
    assert "Ctrl+I" in dialog.import_button.text()
    assert dialog.parts_button.text().startswith("3")
    if SCREENSHOT:
        _screenshot(qtbot, window, dialog)

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.scan.large.dialog is None, timeout=WAIT_MS)
    assert window.scan_controls.device.currentData() == LARGE
    qtbot.waitUntil(lambda: window.scan.scanning, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.scan.scanning, timeout=WAIT_MS * 2)
    assert window.last_error is None, window.last_error
    (page,) = store.pages(CODE)
    assert page.source_device == LARGE and page.paper_size == "A0" and page.dpi == 75
    assert window.scan.parts.dialog is None
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 1, timeout=WAIT_MS)
    settle(qtbot, window)


def test_its_number_opens_the_import_dialog_and_esc_leaves_things_as_they_were(
    qtbot, window, store
) -> None:
    dialog = _ask(qtbot, window, "A2")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.scan.large.dialog is None, timeout=WAIT_MS)
    assert window.scan_controls.device.currentData() == "virtual"
    assert window.importer.dialog is None and window.scan.parts.dialog is None
    assert not window.scan.scanning and store.pages(CODE) == []

    window.activateWindow()  # the window manager gives the window the keyboard back
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.scan.large.dialog is not None, timeout=WAIT_MS)
    dialog = window.scan.large.dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    number = dialog.import_button.text().split()[0]
    qtbot.keyClick(QApplication.focusWidget(), number)
    qtbot.waitUntil(lambda: window.importer.dialog is not None, timeout=WAIT_MS)
    qtbot.waitUntil(window.importer.dialog.isVisible, timeout=WAIT_MS)
    assert window.scan.large.dialog is None
    window.importer.dialog.reject()
    assert store.pages(CODE) == []


def test_a_sheet_larger_than_every_scanner_defaults_to_scanning_in_parts(qtbot, window) -> None:
    dialog = _ask(qtbot, window, "900x1300")
    assert dialog.device_buttons == {}  # even the A0 bed is smaller
    assert dialog.default_button() is dialog.parts_button and dialog.parts_button.hasFocus()
    assert dialog.parts_button.text().startswith("2")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.scan.parts.dialog is not None, timeout=WAIT_MS)
    assert window.scan_controls.device.currentData() == "virtual"
    window.scan.parts.dialog.reject()
