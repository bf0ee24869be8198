"""Separator sheets fed between pages in the window's scan (F5): the pages after each go to its
component, the sticky component follows, and a sheet of another procedure is reported above
the pages until the clerk dismisses it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from station.codes.sheets import separator_sheets
from tests.ui.gui.flow import WAIT_MS, choose_scan, open_new_dossier, scan_with_f5

CODE = "000.00.14.H05-251204-0007"


def test_separators_split_a_12_page_batch_into_three_components(
    qtbot, window, store, catalog, tmp_path
) -> None:
    sheets = tmp_path / "sheets.pdf"
    sheets.write_bytes(separator_sheets(catalog.get("1.001193"), patch_t=True))
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Hồ Thị M", "001190000005")
    inserts = f"1:{sheets}#1+6:{sheets}#2+11:{sheets}#11"
    choose_scan(window, dpi=150, source="adf", options=f"sheets=15 insert={inserts}")
    scan_with_f5(qtbot, window, 12)
    tags = [page.component_code for page in store.pages(CODE)]
    assert tags == ["TP1"] * 4 + ["TP2"] * 4 + ["TP3"] * 4
    assert window.tagging.sticky == "TP3"
    assert "TP3" in window.statusBar().currentMessage()
    assert not window.banner.isVisible()  # sheets that did their job are news, not warnings


def test_a_separator_of_another_procedure_is_reported_until_dismissed(
    qtbot, window, store, catalog, tmp_path
) -> None:
    other = tmp_path / "other.pdf"
    other.write_bytes(separator_sheets(catalog.get("1.004222")))
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Hồ Thị M", "001190000005")
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # TP1 sticky
    assert window.tagging.sticky == "TP1"
    choose_scan(window, dpi=150, source="adf", options=f"sheets=3 insert=2:{other}#1")
    scan_with_f5(qtbot, window, 2)
    qtbot.waitUntil(lambda: "1.004222" in window.statusBar().currentMessage(), timeout=WAIT_MS)
    assert [page.component_code for page in store.pages(CODE)] == ["TP1", "TP1"]
    banner = window.banner  # the pages after it may belong elsewhere: said until dismissed
    assert banner.isVisible() and "another procedure (1.004222" in banner.text.text()
