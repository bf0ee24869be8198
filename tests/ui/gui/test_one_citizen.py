"""One citizen at a time: Ctrl+N parks the dossier and clears the screen, F5 without a dossier
stores nothing unless the receipt on top names one, and no other dossier is taken up while a
scan runs into the active one."""

from __future__ import annotations

from PySide6.QtCore import Qt

from station.model import DossierState
from tests.ui.gui.flow import WAIT_MS, choose_scan, open_new_dossier, scan_with_f5

FIRST = "000.00.15.H29-250101-0021"
SECOND = "000.00.15.H29-250101-0022"


def test_next_dossier_parks_the_dossier_and_clears_the_screen(qtbot, window, store) -> None:
    open_new_dossier(qtbot, window, FIRST, "dang ky khai sinh", "Lê Văn A", "001090000001")
    choose_scan(window, dpi=100, source="adf", options="sheets=1 seed=2")
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.tagging.sticky == "TP1" and "TP1" in window.sticky_label.toolTip()
    scan_with_f5(qtbot, window, 1)

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.dossier.code is None and window.tagging.sticky is None
    assert window.pages.model.rowCount() == 0 and not window.preview.has_image()
    assert window.dossier_panel.code.text() == "" and window.dossier_panel.code.hasFocus()
    assert window.sticky_label.toolTip() == "New pages: not tagged"
    assert store.dossier(FIRST).state is DossierState.OPEN  # parked, not finished
    qtbot.waitUntil(lambda: window.dossier_table.code_at(0) == FIRST, timeout=WAIT_MS)

    # F5 now reads the first sheet for a receipt's code; a plain page names none: nothing is
    # stored, neither into the parked dossier nor into a new one.
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not window.scan.scanning, timeout=WAIT_MS)
    said = window.banner.text.text()
    assert window.banner.isVisible() and "Open a dossier first" in said
    # the sheet went through the feeder and is out of order: the clerk is told to put it back
    assert "nothing was kept" in said and "back on top of the feeder" in said
    assert window.dossier_panel.code.hasFocus()
    assert len(store.pages(FIRST)) == 1 and len(store.dossiers()) == 1

    # Taken up again from the list of open dossiers (Ctrl+H, Enter): its pages, no target.
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.dossier_table.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(window.dossier_table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossier.code == FIRST, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 1, timeout=WAIT_MS)
    assert window.tagging.sticky is None


def test_f5_on_the_glass_with_no_dossier_says_nothing_was_kept(qtbot, window, store) -> None:
    choose_scan(window, dpi=75, source="flatbed", options="seed=2")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.scan.scanning, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.scan.scanning, timeout=WAIT_MS)
    said = window.banner.text.text()
    assert window.banner.isVisible() and "page on the glass" in said and "feeder" not in said
    assert store.dossiers() == []


def test_no_switching_while_a_scan_runs_into_the_dossier(qtbot, window, store) -> None:
    open_new_dossier(qtbot, window, SECOND, "dang ky khai sinh", "Lê Văn B", "001090000002")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    open_new_dossier(qtbot, window, FIRST, "dang ky khai sinh", "Lê Văn A", "001090000001")
    choose_scan(window, dpi=100, source="adf", options="sheets=3 delay=0.5")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.scan.scanning, timeout=WAIT_MS)
    assert not window.finish_button.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.dossier.code == FIRST
    banner = window.banner  # said until the scan ends, not for a few seconds
    assert banner.isVisible() and f"scanned into {FIRST}" in banner.text.text()
    assert "Esc" in banner.text.text()
    panel = window.dossier_panel
    panel.code.setFocus()
    qtbot.keyClicks(panel.code, SECOND)
    qtbot.keyClick(panel.code, Qt.Key.Key_Return)
    qtbot.wait(300)
    assert window.dossier.code == FIRST

    assert banner.isVisible() and f"scanned into {FIRST}" in banner.text.text()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.scan.scanning, timeout=WAIT_MS)
    assert not banner.isVisible()  # the scan ended: the refusal is settled
    assert window.finish_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.dossier.code is None
    assert store.pages(SECOND) == []


MARRIAGE = "000.00.15.H29-250101-0023"


def test_a_parked_birth_then_a_marriage_then_the_birth_again_by_keys(qtbot, window, store) -> None:
    """Citizen 1 registers a birth and is parked with Ctrl+N; citizen 2 marries: the label says
    new pages go to the marriage's component; Ctrl+H, arrows and Enter take citizen 1 up again
    with the birth's components."""
    alt = Qt.KeyboardModifier.AltModifier
    open_new_dossier(qtbot, window, FIRST, "dang ky khai sinh", "Lê Văn A", "001090000001")
    assert store.dossier(FIRST).procedure_code == "1.001193"
    qtbot.keyClick(window, Qt.Key.Key_1, alt)
    assert "Tờ khai đăng ký khai sinh" in window.sticky_label.toolTip()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.dossier_table.code_at(0) == FIRST, timeout=WAIT_MS)

    open_new_dossier(qtbot, window, MARRIAGE, "dang ky ket hon", "Ngô Mai", "001190000009")
    assert store.dossier(MARRIAGE).procedure_code == "1.000894"
    assert window.sticky_label.toolTip() == "New pages: not tagged"  # nothing of the birth's
    qtbot.keyClick(window, Qt.Key.Key_2, alt)
    tip = window.sticky_label.toolTip()
    assert tip.startswith("New pages go to: 2. TP2 · Giấy tờ tùy thân của hai bên nam, nữ"), tip
    qtbot.keyClick(window, Qt.Key.Key_1, alt)
    assert "Tờ khai đăng ký kết hôn" in window.sticky_label.toolTip()

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.dossier_table.rowCount() == 2, timeout=WAIT_MS)
    rows = [window.dossier_table.code_at(r) for r in range(2)]
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    table = window.dossier_table
    qtbot.waitUntil(table.hasFocus, timeout=WAIT_MS)
    while table.code_at(table.currentRow()) != FIRST:  # arrows to citizen 1's row
        qtbot.keyClick(table, Qt.Key.Key_Down)
        assert table.currentRow() < len(rows), rows
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossier.code == FIRST, timeout=WAIT_MS)
    assert window.dossier.procedure.code == "1.001193"
    assert window.sticky_label.toolTip() == "New pages: not tagged"
    qtbot.keyClick(window, Qt.Key.Key_1, alt)
    assert "Tờ khai đăng ký khai sinh" in window.sticky_label.toolTip()


def test_ctrl_h_is_listed_in_the_menu_and_the_f1_overlay(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    overlay = window.shortcuts
    qtbot.waitUntil(overlay.isVisible, timeout=WAIT_MS)
    table = overlay.table
    rows = [(table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())]
    assert ("Open dossiers list", "Ctrl+H") in rows
    qtbot.keyClick(overlay.table, Qt.Key.Key_Escape)
    dossier_menu = window.menuBar().actions()[0].menu()
    assert "Open dossiers list" in [a.text() for a in dossier_menu.actions()]
