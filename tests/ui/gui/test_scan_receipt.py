"""F5 with no dossier open and the receipt (giấy tiếp nhận) on top of the feeder: the dossier
its code names opens (created when new, taken up when open), the whole batch goes there and
the status bar says so."""

from __future__ import annotations

from pathlib import Path

import cv2
from PySide6.QtCore import Qt

from station.dossiers import DossierRequest, open_dossier
from tests.station.codes.synth import PageSpec, make_page
from tests.ui.gui.flow import WAIT_MS, choose_scan, settle

CODE = "000.00.14.H05-251204-0077"


def _receipt(tmp_path: Path) -> Path:
    path = tmp_path / "receipt.png"
    cv2.imwrite(str(path), make_page(PageSpec(CODE, "QRCode", 300, 4, "gray", None, 0, 0, 5)))
    return path


def _scan_batch_with_receipt(qtbot, window, tmp_path: Path) -> None:
    dpi = window.scan_controls.dpi  # the scanner's resolutions, once its capabilities are in
    qtbot.waitUntil(lambda: dpi.findData(150) >= 0, timeout=WAIT_MS)
    choose_scan(window, dpi=150, source="adf", options=f"sheets=3 insert=1:{_receipt(tmp_path)}")
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.scan.scanning, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.scan.scanning, timeout=WAIT_MS)
    assert window.last_error is None, window.last_error


def test_the_receipt_on_top_opens_a_new_dossier_for_the_batch(
    qtbot, window, store, tmp_path
) -> None:
    assert window.dossier.code is None
    states: list[str] = []
    window.scan.state_changed.connect(states.append)
    _scan_batch_with_receipt(qtbot, window, tmp_path)
    qtbot.waitUntil(lambda: window.dossier.code == CODE, timeout=WAIT_MS)
    settle(qtbot, window)
    assert len(store.pages(CODE)) == 3  # the receipt stays a page: nothing is lost
    assert [d.code for d in store.dossiers()] == [CODE]  # no draft beside it
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 3, timeout=WAIT_MS)
    assert f"New dossier from the receipt: {CODE}; choose its procedure" in states
    assert window.focusWidget() is window.dossier_panel.search  # the form asks what it is


def test_an_open_dossier_named_by_the_receipt_is_taken_up(
    qtbot, window, store, catalog, tmp_path
) -> None:
    open_dossier(store, catalog, DossierRequest(CODE, "1.001193", "Lê Văn Bình"))
    states: list[str] = []
    window.scan.state_changed.connect(states.append)
    _scan_batch_with_receipt(qtbot, window, tmp_path)
    qtbot.waitUntil(lambda: window.dossier.code == CODE, timeout=WAIT_MS)
    settle(qtbot, window)
    assert f"Dossier from the receipt: {CODE}" in states
    assert len(store.pages(CODE)) == 3 and len(store.dossiers()) == 1
    assert window.dossier.procedure is not None  # the dossier as it was opened, procedure kept
