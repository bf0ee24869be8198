"""An import under way in the window: its progress in the status bar, Esc stops it with the
pages stored so far kept, closing the window asks first, and files that fail are named."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from station.dossiers import DossierRequest, open_dossier
from tests.ui.gui.flow import WAIT_MS, import_with_ctrl_i, settle

CODE = "000.00.14.H05-251204-0091"
FILES = 40


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


def test_esc_stops_an_import_and_keeps_the_pages_stored(
    qtbot, window, store, catalog, tmp_path
) -> None:
    _opened(qtbot, window, store, catalog)
    import_with_ctrl_i(qtbot, window, _pages(tmp_path / "files", FILES))
    _back_to_the_window(qtbot, window)
    qtbot.waitUntil(lambda: len(store.pages(CODE)) >= 2, timeout=WAIT_MS)
    assert window.importer.busy and window.menus.cancel.isEnabled()
    assert "pages stored" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.importer.busy, timeout=WAIT_MS)
    kept = len(store.pages(CODE))
    assert 2 <= kept < FILES
    assert f"Import stopped: {kept} pages imported are kept" in window.statusBar().currentMessage()
    assert not window.menus.cancel.isEnabled()
    settle(qtbot, window)


def test_closing_during_an_import_asks_and_keeps_the_pages(
    qtbot, window, store, catalog, tmp_path
) -> None:
    _opened(qtbot, window, store, catalog)
    import_with_ctrl_i(qtbot, window, _pages(tmp_path / "files", FILES))
    _back_to_the_window(qtbot, window)
    qtbot.waitUntil(lambda: len(store.pages(CODE)) >= 1, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    guard = window.close_guard
    qtbot.waitUntil(lambda: guard.box is not None and guard.box.isVisible(), timeout=WAIT_MS)
    assert "Files are being imported" in guard.box.text()
    qtbot.mouseClick(guard.stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    assert not window.importer.busy
    assert 1 <= len(store.pages(CODE)) < FILES


def test_files_that_fail_are_named(qtbot, window, store, catalog, tmp_path) -> None:
    _opened(qtbot, window, store, catalog)
    folder = _pages(tmp_path / "files", 2)
    (folder / "03-torn.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    (folder / "04-empty.pdf").write_bytes(b"")
    import_with_ctrl_i(qtbot, window, folder)
    qtbot.waitUntil(lambda: not window.importer.busy, timeout=WAIT_MS)
    message = window.statusBar().currentMessage()
    assert "Imported 2 pages" in message
    assert "2 files not imported: 03-torn.png, 04-empty.pdf" in message
    assert len(store.pages(CODE)) == 2
    settle(qtbot, window)
