"""Imported pages whose resolution was guessed, or is under 200 dpi, say so on the grid and
under the preview."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from station.dossiers import DossierRequest, open_dossier
from tests.ui.gui.flow import WAIT_MS, settle
from ui.pages.model import PAGE_ROLE

CODE = "000.00.15.H29-250101-0071"


def _png(path: Path, dpi: tuple[int, int] | None) -> Path:
    buffer = io.BytesIO()
    image = Image.fromarray(np.full((1200, 850, 3), 235, np.uint8))
    image.save(buffer, "PNG", **({"dpi": dpi} if dpi else {}))
    path.write_bytes(buffer.getvalue())
    return path


def _red_pixels(widget) -> int:
    image = widget.grab().toImage()
    red = QColor("#c62828").rgb()
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixel(x, y) == red
    )


def test_low_and_guessed_resolutions_are_flagged(qtbot, window, store, catalog, tmp_path) -> None:
    open_dossier(store, catalog, DossierRequest(CODE, "1.001193", "Đoàn Thị P"))
    qtbot.keyClicks(window.dossier_panel.code, CODE)
    qtbot.keyClick(window.dossier_panel.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossier.code == CODE, timeout=WAIT_MS)
    low = _png(tmp_path / "low.png", (150, 150))
    unknown = _png(tmp_path / "unknown.png", None)
    assert window.importer.start([low, unknown])
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 2, timeout=WAIT_MS)
    settle(qtbot, window)
    first, second = (window.pages.model.page_at(row) for row in range(2))
    assert first.dpi == 150 and not first.dpi_guessed
    assert second.dpi_guessed

    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_Home)
    qtbot.waitUntil(window.page_note.isVisible, timeout=WAIT_MS)
    assert "Rescan: 150 dpi" in window.page_note.text()
    qtbot.keyClick(window.grid, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: "guessed" in window.page_note.text(), timeout=WAIT_MS)
    tooltip = window.pages.model.index(1).data(Qt.ItemDataRole.ToolTipRole)
    assert "guessed" in tooltip
    assert window.pages.model.index(0).data(PAGE_ROLE).id == first.id
    assert _red_pixels(window.grid) > 50  # the red "rescan" flag on the first thumbnail
