"""A dossier whose case group was left at "— chưa chọn —": the checklist flags the group in
red above the papers (a click opens its drop-down), and Finish asks for the case or a reason;
choosing the case brings in its own papers instead."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from station.dossiers import DossierRequest, open_dossier
from station.model import DossierState
from tests.station.workflow.support import tiny_page
from tests.ui.gui.flow import WAIT_MS, settle, type_text
from ui.application import install_translators
from ui.tagging.checklist import CODE_ROLE as CHECKLIST_CODE
from ui.tagging.checklist import MISSING

RESIDENCE = "1.004222"
CODE = "000.00.14.H05-251204-0031"
FINISH = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def vietnamese(qapp):
    translators = install_translators(qapp, "vi")
    assert translators, "sohoa_vi.qm must load"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def _take_up(qtbot, window, store, catalog) -> None:
    """The CT01 form was scanned into a dossier opened with no dwelling chosen; the clerk
    types its code and Enter."""
    open_dossier(store, catalog, DossierRequest(CODE, RESIDENCE, "Lê Thị H"))
    tiny_page(store, CODE, "TP1")
    qtbot.keyClicks(window.dossier_panel.code, CODE)
    qtbot.keyClick(window.dossier_panel.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossier.code == CODE, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.checklist.undecided_groups() == ["cho_o"], timeout=WAIT_MS)
    settle(qtbot, window)


def _open_summary(qtbot, window):
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_F, FINISH)
    qtbot.waitUntil(
        lambda: window.finish.summary is not None and window.finish.summary.isVisible(),
        timeout=WAIT_MS,
    )
    return window.finish.summary


def test_the_checklist_flags_the_undecided_dwelling_and_finish_asks_for_it(
    qtbot, window, store, catalog, vietnamese
) -> None:
    _take_up(qtbot, window, store, catalog)
    flag = window.checklist.topLevelItem(0)
    assert flag.text(0) == "⚠ Chưa chọn trường hợp (cho_o): hãy chọn ở trên"
    assert flag.isFirstColumnSpanned() and flag.foreground(0).color() == MISSING
    assert "Về ở với người thân" in flag.toolTip(0)
    assert window.checklist.missing_rows() == []  # CT01 is there; the case papers are unknown

    # A click on the flag opens the dwelling's drop-down.
    lodging = window.dossier_panel.cases.groups["cho_o"]
    rect = window.checklist.visualItemRect(flag)
    qtbot.mouseClick(window.checklist.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: lodging.view().isVisible(), timeout=WAIT_MS)
    qtbot.keyClick(lodging.view(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not lodging.view().isVisible(), timeout=WAIT_MS)
    window.activateWindow()

    # Finish: the summary names the group and Enter does nothing without a reason.
    summary = _open_summary(qtbot, window)
    assert summary.undecided_note.isVisible() and not summary.missing_note.isVisible()
    assert summary.undecided_note.text().startswith(
        "Chưa chọn trường hợp trong nhóm cho_o: chưa biết cần giấy tờ nào."
    )
    assert summary.ok.text() == "Vẫn hoàn tất (Enter)" and not summary.ok.isEnabled()
    assert summary.reason.hasFocus()
    qtbot.keyClick(summary.reason, Qt.Key.Key_Return)
    assert summary.isVisible() and store.dossier(CODE).state is DossierState.OPEN
    qtbot.keyClick(summary, Qt.Key.Key_Escape)

    # The clerk chooses rented housing: the flag goes, the lease and floor-area proof are due.
    window.activateWindow()
    lodging.setFocus()
    for _ in range(3):  # so_huu, ve_o_voi_gia_dinh, thue_muon_o_nho
        qtbot.keyClick(lodging, Qt.Key.Key_Down)
    assert lodging.currentData() == "thue_muon_o_nho"
    qtbot.waitUntil(lambda: store.dossier(CODE).cases == ("thue_muon_o_nho",), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: set(window.checklist.missing_rows()) == {"TP13", "TP14"}, timeout=WAIT_MS
    )
    assert window.checklist.undecided_groups() == []
    settle(qtbot, window)
    summary = _open_summary(qtbot, window)
    assert not summary.undecided_note.isVisible() and summary.missing_note.isVisible()
    assert summary.summary.missing == ["TP13", "TP14"] and summary.summary.undecided == []
    qtbot.keyClick(summary, Qt.Key.Key_Escape)
    assert store.dossier(CODE).state is DossierState.OPEN


def test_a_reason_finishes_a_dossier_whose_dwelling_was_not_chosen(
    qtbot, window, store, catalog
) -> None:
    _take_up(qtbot, window, store, catalog)
    summary = _open_summary(qtbot, window)
    assert summary.summary.undecided == ["cho_o"] and summary.summary.missing == []
    assert "No case chosen in group cho_o" in summary.undecided_note.text()
    type_text(summary.reason, "Công dân chưa xác định chỗ ở")
    with qtbot.waitSignal(window.finish.finished, timeout=120000) as finished:
        qtbot.keyClick(summary.reason, Qt.Key.Key_Return)
    receipt = finished.args[0]
    assert receipt.missing_required == ("undecided:cho_o",)
    words = window.finish.receipt.details_note.text()  # the receipt names, not labels
    assert "undecided:" not in words and "Missing:\n• no case chosen among: " in words
    assert "Đăng ký thường trú" in words and "Catalog version: built-in" in words
    dossier = store.dossier(CODE)
    assert dossier.state is DossierState.FINISHED
    assert dossier.override_reason == "Công dân chưa xác định chỗ ở"


def test_moving_in_with_family_asks_for_the_relationship_proof_or_the_clerks_note(
    qtbot, window, store, catalog, vietnamese
) -> None:
    _take_up(qtbot, window, store, catalog)
    cases = window.dossier_panel.cases
    lodging = cases.groups["cho_o"]
    lodging.setFocus()
    qtbot.keyClick(lodging, Qt.Key.Key_Down)
    qtbot.keyClick(lodging, Qt.Key.Key_Down)
    assert lodging.currentData() == "ve_o_voi_gia_dinh"
    qtbot.waitUntil(lambda: window.checklist.missing_rows() == ["TP11"], timeout=WAIT_MS)
    assert window.checklist.undecided_groups() == []
    row = next(
        window.checklist.topLevelItem(r)
        for r in range(window.checklist.topLevelItemCount())
        if window.checklist.topLevelItem(r).data(0, CHECKLIST_CODE) == "TP11"
    )
    assert row.text(2) == "TP11 hoặc ghi nhận"
    assert "quan_he_da_co_trong_csdl" in row.toolTip(2)

    # The clerk looked the relationship up in the population database and ticks the note.
    note = cases.flags["quan_he_da_co_trong_csdl"]
    qtbot.mouseClick(note, Qt.MouseButton.LeftButton, pos=QPoint(8, note.height() // 2))
    qtbot.waitUntil(
        lambda: store.dossier(CODE).cases == ("ve_o_voi_gia_dinh", "quan_he_da_co_trong_csdl"),
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(lambda: window.checklist.missing_rows() == [], timeout=WAIT_MS)
    settle(qtbot, window)
    summary = _open_summary(qtbot, window)
    assert not summary.summary.needs_reason and summary.ok.isEnabled()
    with qtbot.waitSignal(window.finish.finished, timeout=120000) as finished:
        qtbot.keyClick(summary.ok, Qt.Key.Key_Return)
    assert finished.args[0].missing_required == () and store.dossier(CODE).override_reason == ""
