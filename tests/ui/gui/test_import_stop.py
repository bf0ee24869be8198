"""An import under way in the window: the scan's progress bar and page counter follow the files,
Esc stops it with the pages stored so far kept, closing the window asks first, and the files
that fail are listed with why above the pages until the clerk dismisses the list."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from station.dossiers import DossierRequest, open_dossier
from tests.ui.gui.flow import WAIT_MS, import_with_ctrl_i, settle

CODE = "000.00.14.H05-251204-0091"
FILES = 40
STATUS_MESSAGE_MS = 8000  # what a status bar message lasts


def _pages(folder: Path, count: int) -> Path:
    """A4 pages at 100 dpi, each with its own noise so none is quick to store."""
    folder.mkdir()
    rng = np.random.default_rng(7)
    for number in range(count):
        pixels = rng.integers(180, 256, (1169, 827, 3), dtype=np.uint8)
        Image.fromarray(pixels).save(folder / f"{number:02d}.png", dpi=(100, 100))
    return folder


def _back_to_the_window(qtbot, window) -> None:
    """The file dialog closed: a window manager gives the window the keyboard back."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)


def _opened(qtbot, window, store, catalog) -> None:
    """The dossier taken up by its code, typed and Enter."""
    open_dossier(store, catalog, DossierRequest(CODE, "1.001193", "Ngô Thị P"))
    qtbot.keyClicks(window.dossier_panel.code, CODE)
    qtbot.keyClick(window.dossier_panel.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossier.code == CODE, timeout=WAIT_MS)


def _importing(qtbot, window, store, catalog, tmp_path: Path) -> None:
    """The dossier open and Ctrl+I under way: its first page is in."""
    _opened(qtbot, window, store, catalog)
    import_with_ctrl_i(qtbot, window, _pages(tmp_path / "files", FILES))
    _back_to_the_window(qtbot, window)
    qtbot.waitUntil(lambda: len(store.pages(CODE)) >= 1, timeout=WAIT_MS)


def _close_error_box(qtbot, window) -> None:
    box = window.findChild(QMessageBox, "errorBox")
    box.activateWindow()  # a window manager does this; the offscreen platform does not
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box, timeout=WAIT_MS)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is None, timeout=WAIT_MS)
    _back_to_the_window(qtbot, window)


def test_an_import_drives_the_scan_progress_and_esc_stops_it_keeping_the_pages(
    qtbot, window, store, catalog, tmp_path
) -> None:
    _opened(qtbot, window, store, catalog)
    controls = window.scan_controls
    import_with_ctrl_i(qtbot, window, _pages(tmp_path / "files", FILES))
    _back_to_the_window(qtbot, window)
    qtbot.waitUntil(lambda: len(store.pages(CODE)) >= 3, timeout=WAIT_MS)
    assert window.importer.busy and window.menus.cancel.isEnabled()
    # As a scan: Scan is off, Cancel on, and the bar and counter count the files and pages.
    assert not controls.scan_button.isEnabled() and controls.cancel_button.isEnabled()
    assert controls.progress.maximum() == FILES
    qtbot.waitUntil(lambda: controls.progress.value() >= 2, timeout=WAIT_MS)
    assert f"of {FILES} · pages stored:" in controls.received.text()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.importer.busy, timeout=WAIT_MS)
    kept = len(store.pages(CODE))
    assert 3 <= kept < FILES
    assert f"Import stopped: {kept} pages imported are kept" in window.statusBar().currentMessage()
    assert controls.received.text().endswith(f"of {FILES} · pages stored: {kept}")
    assert 2 <= controls.progress.value() < FILES  # the files not read are not counted done
    assert controls.scan_button.isEnabled() and not controls.cancel_button.isEnabled()
    assert not window.menus.cancel.isEnabled()
    assert not window.banner.isVisible()  # stopping is not a failure
    settle(qtbot, window)


def test_no_other_dossier_is_taken_up_while_an_import_runs(
    qtbot, window, store, catalog, tmp_path
) -> None:
    _importing(qtbot, window, store, catalog, tmp_path)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.dossier.code == CODE  # its pages would have nowhere to go
    banner = window.banner
    assert banner.isVisible() and CODE in banner.text.text()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.importer.busy, timeout=WAIT_MS)
    assert not banner.isVisible()  # the import ended: the refusal is settled
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.dossier.code is None
    settle(qtbot, window)


def test_the_cancel_button_stops_an_import_too(qtbot, window, store, catalog, tmp_path) -> None:
    _importing(qtbot, window, store, catalog, tmp_path)
    qtbot.mouseClick(window.scan_controls.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.importer.busy, timeout=WAIT_MS)
    assert 1 <= len(store.pages(CODE)) < FILES
    settle(qtbot, window)


def test_closing_during_an_import_asks_and_keeps_the_pages(
    qtbot, window, store, catalog, tmp_path
) -> None:
    _importing(qtbot, window, store, catalog, tmp_path)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    guard = window.close_guard
    qtbot.waitUntil(lambda: guard.box is not None and guard.box.isVisible(), timeout=WAIT_MS)
    assert "Files are being imported" in guard.box.text()
    qtbot.mouseClick(guard.stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    assert not window.importer.busy
    assert 1 <= len(store.pages(CODE)) < FILES


def test_files_that_fail_are_listed_with_why_until_dismissed(
    qtbot, window, store, catalog, tmp_path
) -> None:
    _opened(qtbot, window, store, catalog)
    folder = _pages(tmp_path / "files", 2)
    (folder / "03-torn.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    (folder / "04-empty.pdf").write_bytes(b"")
    import_with_ctrl_i(qtbot, window, folder)
    qtbot.waitUntil(lambda: not window.importer.busy, timeout=WAIT_MS)
    controls = window.scan_controls
    assert controls.progress.value() == controls.progress.maximum() == 4
    assert controls.received.text() == "Files: 4 of 4 · pages stored: 2"
    message = window.statusBar().currentMessage()
    assert "Imported 2 pages" in message and "2 files not imported" in message
    banner = window.banner
    listed = banner.text.text()
    assert "2 files not imported: 03-torn.png, 04-empty.pdf" in listed
    torn, empty = listed.splitlines()[1:]  # each file by its name, with why
    assert torn.startswith("• File 03-torn.png is damaged or truncated")
    assert empty.startswith("• File 04-empty.pdf is damaged or truncated")
    assert len(store.pages(CODE)) == 2
    _close_error_box(qtbot, window)

    qtbot.wait(STATUS_MESSAGE_MS + 1500)  # longer than any status bar message stays
    assert banner.isVisible() and banner.text.text() == listed
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_X, shift_ctrl)
    assert not banner.isVisible()
    settle(qtbot, window)


def test_a_long_list_of_failures_stays_short_above_the_pages_and_whole_in_the_box(
    qtbot, window, store, catalog, tmp_path
) -> None:
    _opened(qtbot, window, store, catalog)
    folder = _pages(tmp_path / "files", 1)
    for number in range(1, 8):
        (folder / f"{number:02d}-torn.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    import_with_ctrl_i(qtbot, window, folder)
    qtbot.waitUntil(lambda: not window.importer.busy, timeout=WAIT_MS)
    listed = window.banner.text.text().splitlines()
    assert listed[0].endswith("7 files not imported: 01-torn.png, 02-torn.png, 03-torn.png, "
                              "04-torn.png, 05-torn.png, 06-torn.png, 07-torn.png")  # fmt: skip
    assert [line.split()[2] for line in listed[1:5]] == [f"0{n}-torn.png" for n in range(1, 5)]
    assert listed[5].startswith("… and 3 more") and len(listed) == 6
    box = window.findChild(QMessageBox, "errorBox")
    details = box.detailedText().splitlines()  # every file, where it is
    assert [Path(line.split()[2]).name for line in details] == [
        f"0{n}-torn.png" for n in range(1, 8)
    ]
    assert all(line.split()[2].startswith(str(folder)) for line in details)
    assert len(store.pages(CODE)) == 1
    _close_error_box(qtbot, window)
    settle(qtbot, window)
