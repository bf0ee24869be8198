"""Stitched pages after a restart, with keys and clicks: a window opened on a store whose sheet
was stitched in an earlier session separates it into its parts (Ctrl+Shift+P) and Ctrl+Z
stitches them back, with the sheet's tag, on the image workers while the store thread goes on
with other edits;
selected pages stitch into one sheet of the paper chosen in a dialog; pages that do not overlap
are refused with the parts dialog's message and stay as they were. Their two shortcuts are
taken by nothing else in the window."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import QApplication, QMessageBox

from app.stitching import is_stitched, stitch_stored
from station.dossiers import DossierRequest, open_dossier
from station.paper import parse_paper
from tests.app.test_stitching import _scan_part, _stored
from tests.ui.gui.flow import WAIT_MS
from ui.application import install_translators

CODE = "000.00.15.H29-250104-0031"
SCREENSHOT = os.environ.get("SOHOA_SHEET_MENU_SCREENSHOT")  # a path: save the context menu there
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def dossier(store, catalog):
    """An open dossier with one ordinary page (of another sheet), then the four parts of an A3
    sheet (one turned round) scanned on the A4 bed, as pages."""
    open_dossier(store, catalog, DossierRequest(CODE, "1.001193", "Lê Văn C"))
    before = _stored(store, CODE, _scan_part(2, sheet="A2", seed=99))
    laid = ((3, 0), (1, 180), (4, 0), (2, 0))  # in another order, as a clerk lays them
    parts = [_stored(store, CODE, _scan_part(number, turn)).id for number, turn in laid]
    return before.id, parts


@pytest.fixture
def language(qapp):
    """The screenshot is taken in Vietnamese, as a counter sees it; the test runs in either."""
    locale = QLocale()
    translators = install_translators(qapp, "vi") if SCREENSHOT else []
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


def _ids(store) -> list[str]:
    return [p.id for p in store.pages(CODE)]


def _open(qtbot, window, rows: int) -> None:
    """The clerk types the dossier's code: the window takes it up again."""
    panel = window.dossier_panel
    panel.code.setFocus()
    qtbot.keyClicks(panel.code, CODE)
    qtbot.keyClick(panel.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossier.code == CODE, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == rows, timeout=WAIT_MS)


def _click(qtbot, window, page_id: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    grid = window.grid
    rect = grid.visualRect(window.pages.model.index(window.pages.model.row_of(page_id)))
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _menu_click(qtbot, window, action) -> None:
    """Right-click menu of the grid, then a click on the action."""
    menu = window.page_actions.build_menu()
    menu.popup(window.grid.viewport().mapToGlobal(QPoint(40, 40)))
    qtbot.waitUntil(menu.isVisible, timeout=WAIT_MS)
    assert action in menu.actions() and action.isEnabled()
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def _answer_paper(qtbot, window, keys: list[Qt.Key]) -> str:
    sheets = window.page_actions.sheets
    qtbot.waitUntil(lambda: sheets.paper_dialog is not None, timeout=WAIT_MS)
    dialog = sheets.paper_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    _beside_screenshot(dialog, "paper")
    for key in keys:
        qtbot.keyClick(dialog.paper, key)
    chosen = dialog.paper.currentData()
    qtbot.keyClick(dialog.paper, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sheets.paper_dialog is None, timeout=WAIT_MS)
    return chosen


def _refusal() -> QMessageBox | None:
    box = QApplication.activeModalWidget()
    return box if isinstance(box, QMessageBox) and box.objectName() == "stitchRefusal" else None


def _beside_screenshot(widget, name: str) -> None:
    if SCREENSHOT:
        path = Path(SCREENSHOT)
        widget.grab().save(str(path.with_name(f"{path.stem}_{name}{path.suffix}")))


def _save_menu_screenshot(qtbot, window, path: Path) -> None:
    """The window at 1366×768 with the grid's menu open on the stitched page (another page
    selected too, so both sheet actions are on), painted over it as the screen shows it."""
    window.resize(1366, 768)
    qtbot.wait(300)
    menu = window.page_actions.build_menu()
    cell = window.grid.visualRect(window.pages.model.index(1)).center()
    menu.popup(window.grid.viewport().mapToGlobal(cell))
    qtbot.waitUntil(menu.isVisible, timeout=WAIT_MS)
    qtbot.wait(200)
    shot = QPixmap(window.grab())
    painter = QPainter(shot)
    painter.drawPixmap(menu.pos() - window.pos(), menu.grab())
    painter.end()
    shot.save(str(path))
    menu.close()


def test_after_a_restart_a_stitched_page_separates_and_ctrl_z_stitches_it_back(
    qtbot, store, dossier, language, window
) -> None:
    before, parts = dossier
    stitched = stitch_stored(store, parts, parse_paper("A3"))  # an earlier session's sheet
    _open(qtbot, window, rows=2)
    sheets = window.page_actions.sheets
    assert not window.page_actions.undo.isEnabled()  # nothing of this session to undo

    _click(qtbot, window, before)
    assert not sheets.separate.isEnabled()  # an ordinary page has no parts
    _click(qtbot, window, stitched.id)
    assert sheets.separate.isEnabled()
    if SCREENSHOT:
        _click(qtbot, window, before)
        _click(qtbot, window, stitched.id, CTRL)
        _save_menu_screenshot(qtbot, window, Path(SCREENSHOT))
        _click(qtbot, window, stitched.id)

    qtbot.keyClick(window.grid, Qt.Key.Key_1)  # the sheet is tagged as the first component
    qtbot.waitUntil(lambda: store.page(stitched.id).component_code == "TP1", timeout=WAIT_MS)
    _click(qtbot, window, stitched.id)
    qtbot.keyClick(window.grid, Qt.Key.Key_P, CTRL | SHIFT)
    qtbot.waitUntil(lambda: _ids(store) == [before, *parts], timeout=WAIT_MS)
    assert store.page(stitched.id) is None
    assert {p.component_code for p in store.pages(CODE)[1:]} == {None}  # as they were scanned
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 5, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.pages.selected_ids() == parts, timeout=WAIT_MS)
    assert not sheets.separate.isEnabled()  # a part is not a stitched page
    assert window.page_actions.undo.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(sheets.busy.isVisible, timeout=WAIT_MS)
    assert "A3" in sheets.busy.label.text() and "4" in sheets.busy.toolTip()
    _beside_screenshot(window, "busy")  # the status bar while the sheet is stitched again
    # The store thread is free while the sheet is stitched: a turn lands meanwhile.
    _click(qtbot, window, before)
    qtbot.keyClick(window.grid, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: store.page(before).transforms != (), timeout=WAIT_MS)
    assert sheets.busy.isVisible()

    qtbot.waitUntil(lambda: len(_ids(store)) == 2, timeout=WAIT_MS * 2)
    again = store.pages(CODE)[1]
    assert is_stitched(again) and again.paper_size == "A3"
    assert [p.id for p in store.parts_of(again.id)] == parts
    qtbot.waitUntil(lambda: not sheets.busy.isVisible(), timeout=WAIT_MS)
    assert store.page(again.id).component_code == "TP1"  # the sheet's tag, not its first part's
    qtbot.waitUntil(lambda: window.pages.selected_ids() == [again.id], timeout=WAIT_MS)
    assert window.pages.model.rowCount() == 2
    assert window.last_error is None, window.last_error


def test_selected_pages_stitch_into_one_sheet_of_the_paper_chosen_and_strangers_are_refused(
    qtbot, store, dossier, language, window
) -> None:
    stranger, parts = dossier
    _open(qtbot, window, rows=5)
    sheets = window.page_actions.sheets
    _click(qtbot, window, parts[0])
    assert not sheets.stitch.isEnabled()  # one page is no sheet

    _click(qtbot, window, stranger, CTRL)
    _menu_click(qtbot, window, sheets.stitch)
    _answer_paper(qtbot, window, [])
    qtbot.waitUntil(lambda: _refusal() is not None, timeout=WAIT_MS * 2)
    box = _refusal()
    _beside_screenshot(box, "refused")
    assert "không chồng lên phần nào khác" in box.text()
    assert "overlaps no other part" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not sheets.busy.isVisible(), timeout=WAIT_MS)
    assert _ids(store) == [stranger, *parts]
    assert store.parts_of(parts[0]) == [] and window.pages.model.rowCount() == 5

    _click(qtbot, window, parts[0])
    _click(qtbot, window, parts[-1], SHIFT)
    assert window.pages.selected_ids() == parts
    _menu_click(qtbot, window, sheets.stitch)
    assert _answer_paper(qtbot, window, [Qt.Key.Key_Down]) == "A2"  # A3 offered first
    qtbot.waitUntil(lambda: _refusal() is not None, timeout=WAIT_MS * 2)
    box = _refusal()  # four A4 parts are half an A2: bare paper, so nothing is assembled
    assert "thiếu phần" in box.text() and "missing" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not sheets.busy.isVisible(), timeout=WAIT_MS)
    assert _ids(store) == [stranger, *parts]

    _click(qtbot, window, parts[0])
    _click(qtbot, window, parts[-1], SHIFT)
    _menu_click(qtbot, window, sheets.stitch)
    assert _answer_paper(qtbot, window, []) == "A3"
    qtbot.waitUntil(lambda: len(_ids(store)) == 2, timeout=WAIT_MS * 2)
    page = store.pages(CODE)[1]
    assert is_stitched(page) and page.paper_size == "A3"
    assert [p.id for p in store.parts_of(page.id)] == parts
    qtbot.waitUntil(lambda: window.pages.selected_ids() == [page.id], timeout=WAIT_MS)
    assert window.last_error is None, window.last_error

    # Separated, then both edits undone at once: the stitch is undone once stitched again.
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_P, CTRL | SHIFT)
    qtbot.waitUntil(lambda: _ids(store) == [stranger, *parts], timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(sheets.busy.isVisible, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert not window.page_actions.undo.isEnabled()
    qtbot.waitUntil(lambda: not sheets.busy.isVisible(), timeout=WAIT_MS * 2)
    qtbot.waitUntil(lambda: _ids(store) == [stranger, *parts], timeout=WAIT_MS)
    assert not any(is_stitched(p) for p in store.pages(CODE))
    assert window.last_error is None, window.last_error


def test_the_sheet_shortcuts_belong_to_nothing_else_in_the_window(window) -> None:
    keys = [key for action in window.findChildren(QAction) for key in action.shortcuts()]
    keys += [shortcut.key() for shortcut in window.findChildren(QShortcut)]
    texts = [key.toString(QKeySequence.SequenceFormat.PortableText) for key in keys]
    assert {"Ctrl+Shift+F", "Ctrl+Shift+R", "Ctrl+G", "Ctrl+Z"} <= set(texts)  # all are seen
    sheets = window.page_actions.sheets
    for action in (sheets.separate, sheets.stitch):
        assert texts.count(action.shortcut().toString()) == 1, action.shortcut().toString()
    assert {sheets.separate.shortcut().toString(), sheets.stitch.shortcut().toString()} == {
        "Ctrl+Shift+P",
        "Ctrl+Shift+G",
    }
