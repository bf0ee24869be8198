"""A page whose title the station reads is suggested for its component; Enter accepts it, and
nothing is tagged before the clerk presses it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.gui.flow import WAIT_MS, choose_scan, open_new_dossier, press_on_grid, scan_with_f5
from ui.pages.model import SUGGESTION_ROLE

CODE = "000.00.15.H29-250102-0007"
SEED = 3  # the virtual scanner's sheet 1 is then a "TỜ KHAI ĐĂNG KÝ KHAI SINH"


def _suggested(window, page_id: str):
    row = window.pages.model.row_of(page_id)
    return window.pages.model.index(row).data(SUGGESTION_ROLE) if row >= 0 else None


def test_enter_accepts_the_component_the_title_suggests(qtbot, window, store) -> None:
    open_new_dossier(qtbot, window, CODE, "khai sinh", "Phạm Thu", "")
    choose_scan(window, dpi=300, source="adf", options=f"sheets=1 seed={SEED} skew=0")
    scan_with_f5(qtbot, window, 1)
    page_id = store.pages(CODE)[0].id
    qtbot.waitUntil(lambda: _suggested(window, page_id) is not None, timeout=3 * WAIT_MS)
    rank, code, _name, high = _suggested(window, page_id)
    assert (rank, code, high) == (1, "TP1", True)
    assert store.page(page_id).component_code is None  # shown, not applied
    window.pages.select([page_id])
    press_on_grid(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: store.page(page_id).component_code == "TP1", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _suggested(window, page_id) is None, timeout=WAIT_MS)
