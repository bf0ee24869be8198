"""Scanning from the window: Esc cancels and keeps the pages so far, scanner faults are shown
in the clerk's language, the window never scans into no dossier, choices are remembered."""

from __future__ import annotations

import json

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QMessageBox

from station.errors import ErrorCode, StationError
from tests.ui.gui.flow import WAIT_MS, choose_scan, open_new_dossier
from ui.settings.values import STATION_FILE, load_station_settings
from ui.text import describe_error

CODE = "000.00.15.H29-250103-0011"


def test_escape_cancels_a_batch_and_keeps_the_pages_so_far(qtbot, window, store) -> None:
    open_new_dossier(qtbot, window, CODE, "ket hon", "Ngô Mai", "")
    choose_scan(window, dpi=75, source="adf", options="sheets=100 delay=0.01")
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pages.model.rowCount() >= 2, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.scan.scanning, timeout=WAIT_MS)
    assert window.last_error is None
    stored = len(store.pages(CODE))
    assert 2 <= stored < 100
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == stored, timeout=WAIT_MS)
    assert window.scan_controls.received.text().endswith(str(stored))
    assert window.scan_controls.scan_button.isEnabled()


def test_a_paper_jam_is_reported_and_the_pages_before_it_stay(qtbot, window, store) -> None:
    open_new_dossier(qtbot, window, CODE, "ket hon", "Ngô Mai", "")
    choose_scan(window, dpi=75, source="adf", options="sheets=5 jam_after=2")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=WAIT_MS)
    assert isinstance(window.last_error, StationError)
    assert window.last_error.code is ErrorCode.SCANNER_JAMMED
    assert len(store.pages(CODE)) == 2
    assert "Scanner error" in window.status.device.text()
    box = window.findChild(QMessageBox, "errorBox")
    assert "jam" in box.text().lower()


def test_scan_without_a_dossier_or_receipt_asks_for_one(qtbot, window, store) -> None:
    dpi = window.scan_controls.dpi  # the scanner's resolutions, once its capabilities are in
    qtbot.waitUntil(lambda: dpi.findData(75) >= 0, timeout=WAIT_MS)
    choose_scan(window, dpi=75, source="adf", options="sheets=3")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not window.scan.scanning, timeout=WAIT_MS)
    assert window.dossier_panel.code.hasFocus()
    assert window.banner.isVisible() and "dossier" in window.banner.text.text().lower()
    assert "no dossier code" in window.status.device.text()
    assert store.dossiers() == []  # the first page named none: nothing stored, no draft


def test_the_scanner_choices_are_remembered_in_the_data_directory(qtbot, window, home) -> None:
    open_new_dossier(qtbot, window, CODE, "ket hon", "Ngô Mai", "")
    choose_scan(window, dpi=150, source="duplex", options="sheets=1", paper="A5")
    qtbot.mouseClick(window.scan_controls.scan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.scan.scanning, timeout=WAIT_MS)
    window.services.tasks.wait()
    saved = json.loads((home / STATION_FILE).read_text(encoding="utf-8"))
    assert saved["device"] == "virtual" and saved["last_dossier"] == CODE
    again = load_station_settings(home)
    assert (again.paper, again.dpi, again.source) == ("A5", 150, "duplex")


def test_errors_are_worded_in_the_application_language() -> None:
    error = StationError(ErrorCode.SCANNER_JAMMED, device="virtual", sheet=3)
    locale = QLocale()
    try:
        QLocale.setDefault(QLocale("vi"))
        assert "tờ 3" in describe_error(error)
        QLocale.setDefault(QLocale("en"))
        assert "sheet 3" in describe_error(error)
    finally:
        QLocale.setDefault(locale)
