"""Scanning an A2 sheet in parts on the virtual A4 bed, with keys: for a paper larger than the
bed the clerk chooses "scan in parts" by its number, parts come in any order (one turned
round) and the drawing ticks the cells they were laid on and points at the first one left,
the preview grows with each part, a part of another sheet is refused, Ctrl+Enter on an
incomplete sheet names the missing parts and assembles nothing, once complete it leaves one A2
page in the dossier, Ctrl+Z brings the parts back."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from tests.ui.gui.flow import WAIT_MS, choose_scan, open_new_dossier

CODE = "000.00.15.H29-250103-0021"
SCREENSHOT = os.environ.get("SOHOA_PARTS_SCREENSHOT")  # a path: save the dialog there


def _lay_part(qtbot, dialog, options: str) -> None:
    """The clerk lays a part on the glass (the virtual scanner's options say which) and F5."""
    dialog.options.selectAll()
    qtbot.keyClick(dialog.options, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.options, options)
    shown = dialog.message.text(), dialog.parts.count()
    qtbot.keyClick(dialog.options, Qt.Key.Key_F5)
    qtbot.waitUntil(
        lambda: (
            dialog.scan_button.isEnabled()
            and (dialog.message.text(), dialog.parts.count()) != shown
        ),
        timeout=WAIT_MS,
    )


def _assembled_share(dialog) -> float:
    """The share of the preview the parts cover: the page beyond them is plain white."""
    image = dialog.preview.pixmap().toImage().convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width(), image.height()
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(height, image.bytesPerLine())
    pixels = rows[:, : width * 3].reshape(height, width, 3)
    return float((pixels.min(axis=2) < 252).mean())


def _next_part(dialog) -> int | None:
    return dialog.sheet_map.next_cell


def test_an_a2_sheet_scanned_in_parts_becomes_one_a2_page_and_undo_gives_them_back(
    qtbot, window, store
) -> None:
    open_new_dossier(qtbot, window, CODE, "ket hon", "Ngô Mai", "")
    window.scan_controls.device.setCurrentIndex(window.scan_controls.device.findData("virtual"))
    choose_scan(window, dpi=100, source="flatbed", options="", paper="A2")
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.scan.large.dialog is not None, timeout=WAIT_MS)
    choice = window.scan.large.dialog
    choice.activateWindow()  # a window manager does this; the offscreen platform does not
    qtbot.waitUntil(lambda: QApplication.activeWindow() is choice, timeout=WAIT_MS)
    number = choice.parts_button.text().split()[0]  # the A0 scanner comes first
    qtbot.keyClick(QApplication.focusWidget(), number)
    qtbot.waitUntil(lambda: window.scan.parts.dialog is not None, timeout=WAIT_MS)
    dialog = window.scan.parts.dialog
    assert not window.scan.scanning
    plan = window.scan.parts._plan
    assert (plan.columns, plan.rows) == (2, 4) and min(plan.overlap) >= 0.2
    assert "8" in dialog.heading.text()

    order = [3, 1, 2, 4, 5, 7, 8, 6]
    # where the parts lie, whatever order they came in: the cells ticked, the next one named
    expected = {2: ({1, 3}, 2), 3: ({1, 2, 3}, 4), 4: ({1, 2, 3, 4}, 5), 5: ({1, 2, 3, 4, 5}, 6),
                6: ({1, 2, 3, 4, 5, 7}, 6), 7: ({1, 2, 3, 4, 5, 7, 8}, 6)}  # fmt: skip
    shares = []
    for count, part in enumerate(order[:3], start=1):
        turn = 180 if part == 1 else 0
        _lay_part(qtbot, dialog, f"sheet=A2 part={part} turn={turn} seed=5")
        assert dialog.parts.count() == count, dialog.message.text()
        if count >= 2:
            shares.append(_assembled_share(dialog))
            done, following = expected[count]
            assert dialog.sheet_map.done_cells == done
            assert _next_part(dialog) == following
            assert dialog.instruction.text().startswith(f"Lay part {following} of 8")

    # Ctrl+Enter with five parts missing: refused in both languages, nothing assembled
    qtbot.keyClick(dialog.options, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.scan.parts.dialog is dialog and dialog.message.isVisible()
    assert "thiếu phần 4, 5, 6, 7, 8" in dialog.message.text()
    assert "parts 4, 5, 6, 7, 8 missing" in dialog.message.text()
    assert len(store.pages(CODE)) == 3
    if SCREENSHOT:
        window.resize(1366, 768)
        dialog.resize(min(1000, 1366 - 40), min(660, 768 - 60))
        qtbot.wait(200)
        dialog.grab().save(str(Path(SCREENSHOT)))

    _lay_part(qtbot, dialog, "sheet=A2 part=5 seed=99")  # a part of another sheet
    assert dialog.parts.count() == 3
    assert dialog.message.isVisible()
    assert "F5" in dialog.message.text()
    assert len(store.pages(CODE)) == 3  # the stranger left the dossier

    for count, part in enumerate(order[3:], start=4):
        _lay_part(qtbot, dialog, f"sheet=A2 part={part} seed=5")
        assert dialog.parts.count() == count, dialog.message.text()
        shares.append(_assembled_share(dialog))
        if count in expected:
            done, following = expected[count]
            assert dialog.sheet_map.done_cells == done
            assert _next_part(dialog) == following
    assert (np.diff(shares) > 0).all(), shares
    assert shares[-1] > 0.95, shares
    assert dialog.sheet_map.done_cells == set(range(1, 9))
    assert _next_part(dialog) is None
    assert dialog.instruction.text().startswith("All 8 parts are in")
    parts = [page.id for page in store.pages(CODE)]
    assert len(parts) == 8

    qtbot.keyClick(dialog.options, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.scan.parts.dialog is None, timeout=WAIT_MS * 4)
    qtbot.waitUntil(lambda: len(store.pages(CODE)) == 1, timeout=WAIT_MS)
    (page,) = store.pages(CODE)
    assert page.paper_size == "A2" and page.dpi == 100
    assert [p.id for p in store.parts_of(page.id)] == parts
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 1, timeout=WAIT_MS)

    assert "A2" in window.status.device.text()
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(store.pages(CODE)) == 8, timeout=WAIT_MS)
    assert [p.id for p in store.pages(CODE)] == parts
    assert store.page(page.id) is None
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 8, timeout=WAIT_MS)
