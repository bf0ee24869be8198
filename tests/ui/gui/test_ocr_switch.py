"""Text recognition switched off for a profile in Settings (Ctrl+,): a page scanned with it is
not read (no suggestion, no text kept) and its finished PDF has no text layer; ticked again,
the next dossier's page is suggested and its PDF gives the form's title line."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from station.ocr.records import stored_text
from station.ocr.switch import profiles_not_read
from tests.station.ocr.forms import form_title, virtual_form
from tests.ui.gui.flow import (
    WAIT_MS,
    choose_scan,
    open_finish_summary,
    open_new_dossier,
    press_on_grid,
    scan_with_f5,
    settle,
    type_text,
)
from ui.pages.model import SUGGESTION_ROLE

FIRST = "000.00.15.H29-250102-0011"
SECOND = "000.00.15.H29-250102-0012"
SEED = 3  # the virtual scanner's sheet 1 is then a "TỜ KHAI ĐĂNG KÝ KHAI SINH"
DPI = 200
PROFILE = "standard"


def _toggle_reading(qtbot, window) -> bool:
    """Ctrl+, then Space on the profile's box and a click on OK; whether it was ticked."""
    window.activateWindow()  # back from a dialog: what the window manager does
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.settings_flow.dialog is not None, timeout=WAIT_MS)
    dialog = window.settings_flow.dialog
    box = dialog.reads_text[PROFILE]
    ticked = box.isChecked()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked() is not ticked
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    window.services.tasks.wait()
    window.settings_flow.dialog = None
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    return ticked


def _suggested(window, page_id: str):
    row = window.pages.model.row_of(page_id)
    return window.pages.model.index(row).data(SUGGESTION_ROLE) if row >= 0 else None


def _scan_one_form(qtbot, window, store, code: str) -> str:
    open_new_dossier(qtbot, window, code, "khai sinh", "Phạm Thu", "")
    choose_scan(window, dpi=DPI, source="adf", options=f"sheets=1 seed={SEED} skew=0")
    scan_with_f5(qtbot, window, 1)
    settle(qtbot, window)
    return store.pages(code)[0].id


def _tag_and_finish(qtbot, window, store, page_id: str) -> str:
    """Key 1 tags the page, Ctrl+Shift+F and the summary build the PDF; its text."""
    window.pages.select([page_id])
    press_on_grid(qtbot, window, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: store.page(page_id).component_code is not None, timeout=WAIT_MS)
    settle(qtbot, window)
    open_finish_summary(qtbot, window)
    summary = window.finish.summary
    if window.finish.override is not None:  # the other papers of the procedure are missing
        type_text(summary.reason, "Công dân bổ sung sau")
    with qtbot.waitSignal(window.finish.finished, timeout=120000) as finished:
        qtbot.mouseClick(summary.ok, Qt.MouseButton.LeftButton)
    assert window.last_error is None, window.last_error
    [file] = finished.args[0].files
    qtbot.waitUntil(lambda: window.finish.receipt.isVisible(), timeout=WAIT_MS)
    qtbot.keyClick(window.finish.receipt, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.finish.receipt.isVisible(), timeout=WAIT_MS)
    path = store.layout.absolute(file.path)
    args = ["pdftotext", "-enc", "UTF-8", str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_reading_off_for_the_profile_then_on_again(qtbot, window, store) -> None:
    title = form_title(virtual_form(SEED, DPI)[1])
    assert title is not None
    assert window.scan.profile() == PROFILE
    assert _toggle_reading(qtbot, window)  # ticked by default: every profile is read
    assert profiles_not_read(store) == {PROFILE}

    page_id = _scan_one_form(qtbot, window, store, FIRST)
    qtbot.waitUntil(lambda: window.pages.reader.pending == 0, timeout=WAIT_MS)
    window.services.tasks.wait()
    assert _suggested(window, page_id) is None
    assert stored_text(store, page_id, whole=False) is None  # not even its title
    assert _tag_and_finish(qtbot, window, store, page_id).strip() == ""
    assert stored_text(store, page_id, whole=False) is None  # Finish read nothing either

    assert not _toggle_reading(qtbot, window)  # read back unticked from the store
    assert profiles_not_read(store) == frozenset()
    page_id = _scan_one_form(qtbot, window, store, SECOND)
    qtbot.waitUntil(lambda: _suggested(window, page_id) is not None, timeout=3 * WAIT_MS)
    assert title in _tag_and_finish(qtbot, window, store, page_id).splitlines()
