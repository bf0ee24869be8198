"""Keyboard first: the grid takes the keys after opening and after each scan, a number key tags
and moves on to the next untagged page, pages keep scan order until grouped, F1 lists keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.gui.flow import WAIT_MS, choose_scan, open_new_dossier, scan_with_f5, settle

CODE = "000.00.15.H29-250101-0031"


def _orders(window) -> list[int]:
    model = window.pages.model
    return [model.page_at(row).order for row in range(model.rowCount())]


def _components(store) -> list[str | None]:
    return [page.component_code for page in store.pages(CODE)]


def _preview_follows(qtbot, window) -> None:
    """The preview shows the page the grid has current, not the one before."""
    current = window.pages.current_page()
    qtbot.waitUntil(lambda: window.preview.page_id == current.id, timeout=WAIT_MS)
    assert window.preview.has_image()


def test_number_keys_tag_and_advance_in_scan_order(qtbot, window, store) -> None:
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Phan Thị C", "001190000003")
    qtbot.waitUntil(window.grid.hasFocus, timeout=WAIT_MS)
    choose_scan(window, dpi=100, source="duplex", options="sheets=2 seed=4 blank-backs=no")
    scan_with_f5(qtbot, window, 4)
    qtbot.waitUntil(window.grid.hasFocus, timeout=WAIT_MS)
    assert window.pages.current_page().order == 1

    for key in (Qt.Key.Key_6, Qt.Key.Key_1, Qt.Key.Key_1):
        qtbot.keyClick(window.grid, key)
    qtbot.waitUntil(lambda: _components(store) == ["TP6", "TP1", "TP1", None], timeout=WAIT_MS)
    assert window.pages.current_page().order == 4  # the one left untagged
    assert _orders(window) == [1, 2, 3, 4]  # tagging paints pages, it does not move them
    _preview_follows(qtbot, window)

    qtbot.keyClick(window.grid, Qt.Key.Key_Left)  # arrows move the selection, the preview too
    assert window.pages.selected_ids() == [store.pages(CODE)[2].id]
    _preview_follows(qtbot, window)
    qtbot.keyClick(window.grid, Qt.Key.Key_Home)
    assert window.pages.current_page().order == 1
    _preview_follows(qtbot, window)
    qtbot.keyClick(window.grid, Qt.Key.Key_Right)
    qtbot.keyClick(window.grid, Qt.Key.Key_Right)
    _preview_follows(qtbot, window)
    qtbot.keyClick(window.grid, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: _components(store) == ["TP6", "TP1", "TP2", None], timeout=WAIT_MS)
    assert window.pages.current_page().order == 4

    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _orders(window) == [2, 3, 1, 4], timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _orders(window) == [1, 2, 3, 4], timeout=WAIT_MS)


def test_f1_lists_the_shortcuts_of_every_menu(qtbot, window) -> None:
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Phan Thị C", "001190000003")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    overlay = window.shortcuts
    qtbot.waitUntil(overlay.isVisible, timeout=WAIT_MS)
    table = overlay.table
    rows = [(table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())]
    keys = {k for _command, k in rows}
    assert {"F5, Ctrl+Return, Ctrl+Enter", "Ctrl+N", "Ctrl+Shift+F", "1", "0", "Alt+1"} <= keys
    assert any(command.startswith("Tag as TP1 · Tờ khai") for command, _k in rows)
    qtbot.keyClick(overlay.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not overlay.isVisible(), timeout=WAIT_MS)


def _four_pages_scanned(qtbot, window) -> None:
    """A new dossier with four pages scanned, the grid holding the keyboard."""
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Phan Thị C", "001190000003")
    choose_scan(window, dpi=100, source="duplex", options="sheets=2 seed=4 blank-backs=no")
    scan_with_f5(qtbot, window, 4)
    qtbot.waitUntil(window.grid.hasFocus, timeout=WAIT_MS)


def _reader_types(qtbot, text: str) -> None:
    """A barcode reader: a key every millisecond or so, to whichever widget has the keyboard,
    then Enter."""
    for char in text:
        qtbot.keyClick(QApplication.focusWidget(), char)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def test_a_code_read_while_the_grid_has_the_keys_goes_to_the_code_field(
    qtbot, window, store
) -> None:
    _four_pages_scanned(qtbot, window)
    selected = window.pages.selected_ids()
    sticky = window.tagging.sticky
    other = "000.00.15.H29-250101-0032"  # its digits are tag keys, 0 the untag key

    _reader_types(qtbot, other)
    panel = window.dossier_panel
    # The reader's Enter looked the code up in the code field: a new one asks for its procedure.
    qtbot.waitUntil(panel.search.hasFocus, timeout=WAIT_MS)
    assert panel.code.text() == other
    settle(qtbot, window)
    assert _components(store) == [None, None, None, None]  # what its first keys did is undone
    assert window.pages.selected_ids() == selected
    assert window.tagging.sticky == sticky
    assert window.dossier.code == CODE  # still open until the new one has its procedure

    # A clerk's own keys, a moment apart, still tag.
    window.grid.setFocus()
    qtbot.waitUntil(window.grid.hasFocus, timeout=WAIT_MS)
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_1):
        qtbot.wait(60)
        qtbot.keyClick(window.grid, key)
    qtbot.waitUntil(lambda: _components(store) == ["TP1", "TP2", "TP1", "TP2"], timeout=WAIT_MS)


def test_a_code_read_while_a_scan_setting_has_the_keys_changes_no_setting(
    qtbot, window, store
) -> None:
    _four_pages_scanned(qtbot, window)
    controls = window.scan_controls
    combos = (controls.device, controls.paper, controls.dpi, controls.mode, controls.source,
              controls.profile)  # fmt: skip
    chosen = [combo.currentData() for combo in combos]
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # P&aper
    qtbot.waitUntil(controls.paper.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(controls.paper, Qt.Key.Key_Tab)  # on to the resolution
    qtbot.waitUntil(controls.dpi.hasFocus, timeout=WAIT_MS)
    assert controls.dpi.currentData() == 100
    other = "300.00.15.H29-250101-0032"  # its first keys pick 300 dpi, its digits tag pages

    _reader_types(qtbot, other)
    panel = window.dossier_panel
    qtbot.waitUntil(panel.search.hasFocus, timeout=WAIT_MS)
    assert panel.code.text() == other
    settle(qtbot, window)
    assert [combo.currentData() for combo in combos] == chosen
    assert _components(store) == [None, None, None, None]
    assert window.dossier.code == CODE


def test_a_reader_that_ends_its_codes_with_tab_opens_the_dossier_as_with_enter(
    qtbot, window
) -> None:
    panel = window.dossier_panel
    panel.code.setFocus()
    qtbot.waitUntil(panel.code.hasFocus, timeout=WAIT_MS)
    for char in CODE:
        qtbot.keyClick(panel.code, char)
    qtbot.keyClick(panel.code, Qt.Key.Key_Tab)
    # Looked up as with Enter: a new code asks for its procedure.
    bar = window.statusBar()
    qtbot.waitUntil(lambda: CODE in bar.currentMessage(), timeout=WAIT_MS)
    qtbot.waitUntil(panel.search.hasFocus, timeout=WAIT_MS)
    assert panel.code.text() == CODE
    assert window.dossier.code is None  # open once the procedure is chosen

    # A clerk's own Tab, after keys typed a moment apart, moves on and looks nothing up.
    bar.clearMessage()
    panel.code.setFocus()
    panel.code.clear()
    typed = "000.00.15.H29-250101-0033"
    for char in typed:
        qtbot.wait(60)
        qtbot.keyClick(panel.code, char)
    qtbot.keyClick(panel.code, Qt.Key.Key_Tab)
    assert not panel.code.hasFocus()
    settle(qtbot, window)
    assert typed not in bar.currentMessage()  # not looked up
    assert panel.code.text() == typed


def test_a_code_read_while_the_open_dossiers_have_the_keys_is_looked_up_not_the_row(
    qtbot, window
) -> None:
    # The list picks a row by its first letters, and Enter takes that row's dossier up: every
    # code starts alike, so a reader's Enter would open whichever row the letters reached.
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Phan Thị C", "001190000003")
    table = window.dossier_table
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=WAIT_MS)
    cell = table.visualItemRect(table.item(0, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.waitUntil(table.hasFocus, timeout=WAIT_MS)
    other = "000.00.15.H29-250101-0099"

    _reader_types(qtbot, other)
    panel = window.dossier_panel
    bar = window.statusBar()
    qtbot.waitUntil(lambda: other in bar.currentMessage(), timeout=WAIT_MS)
    qtbot.waitUntil(panel.search.hasFocus, timeout=WAIT_MS)  # a new code asks for its procedure
    assert panel.code.text() == other
    assert table.currentRow() == 0
