"""The dossier form: type-to-search with or without diacritics, a barcode reader's code takes
an existing dossier up, the checklist shows what is still missing."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from station.capture import draft_dossier
from station.dossiers import DossierRequest, open_dossier
from station.model import DossierState
from station.store import NewPage
from tests.ui.gui.flow import WAIT_MS, open_new_dossier, type_text
from ui.dossier.search import CODE_ROLE, fold
from ui.tagging.checklist import CODE_ROLE as CHECKLIST_CODE


def _matches(panel) -> list[str]:
    model = panel.procedure_filter
    return [model.index(row, 0).data(CODE_ROLE) for row in range(model.rowCount())]


def test_folding_drops_diacritics_and_reads_d_bar_as_d() -> None:
    assert fold("  Đăng ký   KHAI SINH ") == "dang ky khai sinh"
    assert fold("Giấy chứng nhận kết hôn") == "giay chung nhan ket hon"


def test_search_finds_procedures_with_and_without_diacritics(qtbot, window) -> None:
    panel = window.dossier_panel
    for query in ("khai sinh", "Đăng ký khai sinh", "DANG KY KHAI SINH"):
        panel.search.clear()
        type_text(panel.search, query)
        assert "1.001193" in _matches(panel), query
        assert "1.000894" not in _matches(panel), query
    panel.search.clear()
    type_text(panel.search, "kết hôn")
    assert _matches(panel)[0] == "1.000894"
    assert panel.chosen_procedure() == "1.000894"
    panel.search.clear()
    type_text(panel.search, "ket hon")
    assert panel.chosen_procedure() == "1.000894"


def test_a_known_code_from_the_barcode_reader_opens_that_dossier(
    qtbot, window, store, catalog
) -> None:
    open_dossier(store, catalog, DossierRequest("D-17", "1.001193", "Hà Văn D"))
    open_dossier(store, catalog, DossierRequest("D-18", "1.000894", "Vũ Thị E"))
    qtbot.keyClicks(window.dossier_panel.code, " D-17 ")
    qtbot.keyClick(window.dossier_panel.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossier.code == "D-17", timeout=WAIT_MS)
    assert "Hà Văn D" in window.dossier_panel.summary.text()
    qtbot.waitUntil(lambda: window.dossier_table.rowCount() == 2, timeout=WAIT_MS)


def test_the_checklist_marks_missing_required_papers_but_not_results(qtbot, window) -> None:
    qtbot.keyClicks(window.dossier_panel.code, "D-20")
    qtbot.keyClick(window.dossier_panel.code, Qt.Key.Key_Return)
    qtbot.waitUntil(window.dossier_panel.search.hasFocus, timeout=WAIT_MS)
    type_text(window.dossier_panel.search, "khai sinh")
    qtbot.mouseClick(window.dossier_panel.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.dossier.code == "D-20", timeout=WAIT_MS)
    procedure = window.dossier.procedure
    assert window.checklist.topLevelItemCount() == len(procedure.components) + 1
    missing = set(window.checklist.missing_rows())
    assert missing == {"TP1", "TP2", "TP3", "TP6"}  # KQ1, the birth certificate, is issued later
    rows = {_row_code(window, row): window.checklist.topLevelItem(row) for row in range(10)}
    assert (rows["TP2"].text(2), rows["TP3"].text(2)) == ("or TP3", "or TP2")  # the others
    assert rows["TP1"].text(1).startswith("⚠ TP1 · Tờ khai đăng ký khai sinh")


def _row_code(window, row: int) -> str | None:
    return window.checklist.topLevelItem(row).data(0, CHECKLIST_CODE)


def _need(window, code: str) -> str:
    rows = range(window.checklist.topLevelItemCount())
    row = next(r for r in rows if _row_code(window, r) == code)
    return window.checklist.topLevelItem(row).text(2)


def test_cases_are_picked_at_opening_and_changed_while_the_dossier_is_open(
    qtbot, window, store
) -> None:
    panel = window.dossier_panel
    qtbot.keyClicks(panel.code, "D-21")
    qtbot.keyClick(panel.code, Qt.Key.Key_Return)
    qtbot.waitUntil(panel.search.hasFocus, timeout=WAIT_MS)
    type_text(panel.search, "đăng ký thường trú")
    assert panel.chosen_procedure() == "1.004222"
    lodging = panel.cases.groups["cho_o"]
    qtbot.waitUntil(lodging.isVisible, timeout=WAIT_MS)
    assert "viet_kieu" in panel.cases.flags
    lodging.setFocus()
    qtbot.keyClick(lodging, Qt.Key.Key_Down)  # the first lodging case: the applicant owns it
    assert lodging.currentData() == "so_huu"
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.dossier.code == "D-21", timeout=WAIT_MS)
    assert store.dossier("D-21").cases == ("so_huu",)
    qtbot.waitUntil(lambda: "TP3" in window.checklist.missing_rows(), timeout=WAIT_MS)
    assert _need(window, "TP3") == "required"

    # Still open: another lodging case replaces the first, a flag adds its own papers.
    lodging = panel.cases.groups["cho_o"]
    qtbot.waitUntil(lodging.isVisible, timeout=WAIT_MS)
    assert lodging.currentData() == "so_huu"
    lodging.setFocus()
    qtbot.keyClick(lodging, Qt.Key.Key_Down)
    qtbot.keyClick(lodging, Qt.Key.Key_Down)
    assert lodging.currentData() == "thue_muon_o_nho"
    flag = panel.cases.flags["nhap_quoc_tich"]
    qtbot.waitUntil(lambda: store.dossier("D-21").cases == ("thue_muon_o_nho",), timeout=WAIT_MS)
    qtbot.mouseClick(flag, Qt.MouseButton.LeftButton, pos=QPoint(8, flag.height() // 2))
    qtbot.waitUntil(
        lambda: store.dossier("D-21").cases == ("thue_muon_o_nho", "nhap_quoc_tich"),
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(lambda: "TP18" in window.checklist.missing_rows(), timeout=WAIT_MS)
    missing = set(window.checklist.missing_rows())
    assert {"TP13", "TP14", "TP18"} <= missing and "TP3" not in missing
    assert window.dossier.current.cases == ("thue_muon_o_nho", "nhap_quoc_tich")


def test_the_dossier_left_open_is_taken_up_again_at_start(qtbot, services, store, catalog) -> None:
    from ui.window.main_window import MainWindow

    open_dossier(store, catalog, DossierRequest("D-30", "1.001193", "Đỗ F"))
    open_dossier(store, catalog, DossierRequest("D-31", "1.001193", "Đỗ G"))
    services.settings.update(last_dossier="D-30")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.start()
    qtbot.waitUntil(lambda: window.dossier.code == "D-30", timeout=WAIT_MS)
    assert store.dossier("D-30").state is DossierState.OPEN


def test_pages_scanned_as_a_draft_go_into_the_dossier_the_clerk_then_names(
    qtbot, window, store
) -> None:
    draft = draft_dossier(store)
    page = store.add_page(draft.code, NewPage(b"P5 1 1 255 \x00", "image/x-portable-anymap", 300))
    panel = window.dossier_panel
    qtbot.keyClicks(panel.code, draft.code)
    qtbot.keyClick(panel.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossier.code == draft.code, timeout=WAIT_MS)
    assert window.focusWidget() is panel.code and panel.open_button.text() == "Complete dossier"
    assert "type or scan the code" in window.statusBar().currentMessage()
    open_new_dossier(qtbot, window, "D-30", "dang ky khai sinh", "Phan Văn L", "001090000021")
    assert window.dossier.procedure is not None and window.dossier.procedure.code == "1.001193"
    assert [d.code for d in store.dossiers()] == ["D-30"]
    assert [p.id for p in store.pages("D-30")] == [page.id]
    assert panel.open_button.text() == "Open dossier"
