"""Result pages checked before they are signed, with real keys: the selected page in the
preview, Del and R / Shift+R as on the main page grid, Ctrl+Z undoing the last of them; a page
deleted is not in the finished result's PDF, a page turned is turned there."""

from __future__ import annotations

from PySide6.QtCore import Qt

from station.model import DossierState
from station.pipeline import transforms as tf
from tests.station.workflow.support import CODE
from tests.ui.gui.flow import WAIT_MS
from tests.ui.gui.result_support import (
    coded_sheet,
    codes_in_pdf,
    finished_dossier,
    pdf_page_sizes,
)

MARKS = ("KQ-SHEET-1", "KQ-SHEET-2", "KQ-SHEET-3")
CTRL = Qt.KeyboardModifier.ControlModifier


def _pending(store) -> list:
    return [p for p in store.pages(CODE) if p.result and p.addendum_id is None]


def _open_and_scan(qtbot, services, store, catalog, tmp_path):
    from ui.results.screen import ResultsScreen

    finished_dossier(store, catalog, CODE)
    sheets = [coded_sheet(tmp_path / "sheets", mark, seed) for seed, mark in enumerate(MARKS, 1)]
    inserts = "+".join(f"{n}:{path}" for n, path in enumerate(sheets, 1))
    services.settings.update(device="virtual", paper="A4", dpi=150, mode="gray", source="adf",
                             options=f"sheets=3 noise=0 insert={inserts}")  # fmt: skip
    services.settings.update(profile="jpeg")
    screen = ResultsScreen(services)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.keyClicks(screen.code, CODE)
    qtbot.keyClick(screen.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.components.count() == 2, timeout=WAIT_MS)
    assert screen.focusWidget() is screen.pages  # the number keys and Del work at once
    qtbot.keyClick(screen.pages, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: screen.pages.count() == 3, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not screen.controller.scanning, timeout=WAIT_MS)
    assert screen.last_error is None, screen.last_error
    return screen


def test_a_deleted_page_comes_back_with_ctrl_z_and_stays_out_of_the_result_once_deleted(
    qtbot, services, store, catalog, tmp_path
) -> None:
    screen = _open_and_scan(qtbot, services, store, catalog, tmp_path)
    first, second, third = (p.id for p in _pending(store))

    screen.pages.setFocus()
    screen.pages.setCurrentRow(1)
    qtbot.waitUntil(screen.preview.has_image, timeout=WAIT_MS)  # the selected page, shown
    qtbot.keyClick(screen.pages, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: screen.pages.count() == 2, timeout=WAIT_MS)
    assert [p.id for p in _pending(store)] == [first, third]
    assert "delete" in screen.undo_hint.text()
    assert screen.page_list.selected_ids() == [third]  # the next page took its place

    qtbot.keyClick(screen.pages, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: screen.pages.count() == 3, timeout=WAIT_MS)
    assert [p.id for p in _pending(store)] == [first, second, third]  # in its place again
    assert screen.undo_hint.text() == ""

    # Turned right: analysed then, the turn kept, so finishing still straightens it as it
    # would have; then left (on the preview), and Ctrl+Z gives the right turn back.
    screen.pages.setCurrentRow(0)
    qtbot.keyClick(screen.pages, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: store.page(first).analysed_profile == "jpeg", timeout=WAIT_MS)
    steps = store.page(first).transforms
    assert steps[0] == tf.orient_transform(90)
    assert any(t.kind in (tf.CROP, tf.DESKEW) for t in steps[1:])  # the sheet lay skewed
    qtbot.waitUntil(lambda: "90°" in screen.pages.item(0).text(), timeout=WAIT_MS)
    qtbot.keyClick(screen.preview, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "°" not in screen.pages.item(0).text(), timeout=WAIT_MS)
    qtbot.keyClick(screen.pages, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: "90°" in screen.pages.item(0).text(), timeout=WAIT_MS)

    screen.pages.setCurrentRow(1)
    qtbot.keyClick(screen.pages, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: screen.pages.count() == 2, timeout=WAIT_MS)
    qtbot.keyClick(screen.pages, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: screen.last_outcome is not None, timeout=WAIT_MS)
    assert screen.last_error is None, screen.last_error
    [result] = screen.last_outcome.receipt.files
    pdf = store.layout.absolute(result.path)
    assert codes_in_pdf(pdf) == [{MARKS[0]}, {MARKS[2]}]  # the deleted sheet is not there
    (w1, h1), (w3, h3) = pdf_page_sizes(pdf)
    assert w1 > h1 and h3 > w3  # the first page lies turned a quarter, the other upright
    assert store.dossier(CODE).state is DossierState.FINISHED
    assert screen.undo_hint.text() == ""  # nothing to undo in a signed result
    services.tasks.wait()
